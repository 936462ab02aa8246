"""The draft-store contract, run against SQLite and PostgreSQL alike."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest

from posts.errors import InputError, NotFoundError, StoreError
from posts.queue import (
    ConflictError,
    DraftStore,
    NewDraft,
    NewPart,
    Source,
    open_readonly,
    open_store,
    reading,
)
from tests.queue.conftest import NOW, worker

H = timedelta(hours=1)


@dataclass(frozen=True)
class Ref:
    remote_id: str
    url: str
    cid: str | None = None


def new(account: str = "demo-x", at: int | None = 1, parts: int = 2) -> NewDraft:
    """A draft ``at`` hours after NOW (None: unscheduled)."""
    return NewDraft(
        account=account,
        platform="x",
        source=Source("notes.md", "0" * 64, "Notes", "https://example.org/n", "en"),
        parts=tuple(NewPart(f"part {i}", 6, ({"i": i},), None) for i in range(parts)),
        scheduled_at=None if at is None else NOW + at * H,
        limit=280,
    )


def test_add_then_get_round_trips_everything(store: DraftStore) -> None:
    (added,) = store.add([new()], now=NOW)
    assert re.fullmatch(r"[23456789a-hjkmnp-z]{7}", added.id)
    got = store.get(added.id.upper())  # ids are case-insensitive when typed
    assert got == added
    assert got.status == "scheduled" and got.scheduled_at == NOW + H == got.due_at
    assert [p.text for p in got.parts] == ["part 0", "part 1"]
    assert got.parts[1].facets == ({"i": 1},) and got.parts[0].status == "pending"
    assert got.source.lang == "en" and got.limit == 280
    assert [e.kind for e in store.history(added.id)] == ["added"]


def test_unknown_id_is_not_found(store: DraftStore) -> None:
    with pytest.raises(NotFoundError, match="no draft with id 'zzzzzzz'"):
        store.get("zzzzzzz")
    with pytest.raises(NotFoundError):
        store.history("zzzzzzz")


def test_list_orders_unscheduled_first_then_by_time_and_filters(store: DraftStore) -> None:
    late, early, loose, other = store.add(
        [new(at=5), new(at=2), new(at=None), new("demo-bluesky", at=3)], now=NOW
    )
    assert [d.id for d in store.list()] == [loose.id, early.id, other.id, late.id]
    assert [d.id for d in store.list(status="draft")] == [loose.id]
    assert [d.id for d in store.list(account="demo-bluesky")] == [other.id]
    assert [d.id for d in store.list(limit=2, offset=1)] == [early.id, other.id]
    assert store.count() == 4 and store.count(status="scheduled") == 3


def test_iter_drafts_reads_every_page_in_list_order(
    store: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "PAGE", 2)  # 5 drafts cross two page boundaries
    added = store.add([new(at=h) for h in (5, 1, 4, 2, 3)] + [new("demo-bluesky")], now=NOW)
    wanted = [d.id for d in sorted(added[:5], key=lambda d: d.scheduled_at or NOW)]
    assert [d.id for d in store.iter_drafts(account="demo-x")] == wanted
    assert [d.id for d in store.iter_drafts(status="cancelled")] == []


def test_open_readonly_never_creates_or_migrates(location: str) -> None:
    if location.startswith("postgresql"):
        pytest.skip("only SQLite has a file that must not be created")
    assert open_readonly(location, 1.0) is None
    open_store(location, now=NOW).close()
    readonly = open_readonly(location, 1.0)
    assert readonly is not None and readonly.list() == []
    readonly.close()


def test_revision_changes_on_every_write_and_is_seen_by_other_processes(
    store: DraftStore, location: str
) -> None:
    other = open_store(location, busy_timeout=2.0, now=NOW)
    before = other.revision()
    (d,) = store.add([new()], now=NOW)
    after_add = other.revision()
    store.cancel(d.id, now=NOW)
    assert before < after_add < other.revision()
    other.close()


def test_claim_due_takes_only_due_drafts_under_a_lease(store: DraftStore) -> None:
    due, _future = store.add([new(at=1), new(at=3)], now=NOW)
    assert store.next_due_at() == NOW + H
    claimed = worker(store, "w1").claim_due(NOW + 2 * H, 60, 10)
    assert [d.id for d in claimed] == [due.id]
    assert claimed[0].status == "publishing" and claimed[0].lease_owner == "w1"
    assert claimed[0].lease_until == NOW + 2 * H + timedelta(seconds=60)
    assert worker(store, "w2").claim_due(NOW + 2 * H, 60, 10) == []  # nobody else gets it
    assert store.next_due_at() == NOW + 2 * H + timedelta(seconds=60)  # the lease's end


def test_claim_due_respects_limit_and_due_order(store: DraftStore) -> None:
    _a, b, c = store.add([new(at=3), new(at=1), new(at=2)], now=NOW)
    assert [d.id for d in worker(store, "w").claim_due(NOW + 4 * H, 60, 2)] == [b.id, c.id]


def test_expired_lease_is_reclaimed_by_another_worker(store: DraftStore) -> None:
    (d,) = store.add([new()], now=NOW)
    worker(store, "dead").claim_due(NOW + H, 30, 1)
    worker(store, "dead").begin_part(d.id, 0, "key-0", NOW + H)
    assert worker(store, "w2").claim_due(NOW + H + timedelta(seconds=10), 30, 1) == []
    (again,) = worker(store, "w2").claim_due(NOW + H + timedelta(seconds=31), 30, 1)
    assert again.lease_owner == "w2" and again.parts[0].status == "sending"
    assert again.parts[0].idempotency_key == "key-0"
    assert store.history(d.id)[-1].detail == "reclaimed from dead"
    with pytest.raises(ConflictError, match="no longer leased by dead"):
        worker(store, "dead").part_published(d.id, 0, Ref("1", "u"), NOW + 2 * H)


def test_a_thread_publishes_part_by_part_then_finishes(store: DraftStore) -> None:
    (d,) = store.add([new()], now=NOW)
    worker(store, "w").claim_due(NOW + H, 60, 1)
    for i in range(2):
        worker(store, "w").begin_part(d.id, i, f"k{i}", NOW + H)
        worker(store, "w").part_published(
            d.id, i, Ref(f"id{i}", f"https://x.com/i/{i}", "cid"), NOW + H
        )
    worker(store, "w").renew_lease(d.id, NOW + 3 * H)
    worker(store, "w").finish(d.id, "published", NOW + H)
    done = store.get(d.id)
    assert done.status == "published" and done.lease_owner is None and done.due_at is None
    assert [
        (p.status, p.remote_id, p.remote_url, p.remote_cid, p.attempts) for p in done.parts
    ] == [
        ("published", "id0", "https://x.com/i/0", "cid", 1),
        ("published", "id1", "https://x.com/i/1", "cid", 1),
    ]
    kinds = [e.kind for e in store.history(d.id)]
    assert kinds == ["added", "claimed", "sending", "published", "sending", "published", "finished"]


def test_every_worker_step_is_a_compare_and_set(store: DraftStore) -> None:
    (d,) = store.add([new()], now=NOW)
    with pytest.raises(ConflictError):  # not claimed yet
        worker(store, "w").begin_part(d.id, 0, "k", NOW)
    worker(store, "w").claim_due(NOW + H, 60, 1)
    with pytest.raises(ConflictError):  # another worker
        worker(store, "intruder").begin_part(d.id, 0, "k", NOW)
    with pytest.raises(ConflictError):  # published before sending
        worker(store, "w").part_published(d.id, 0, Ref("1", "u"), NOW)
    with pytest.raises(ConflictError):  # unconfirmed needs a send in flight
        worker(store, "w").part_unconfirmed(d.id, 0, "timeout", NOW)
    with pytest.raises(ValueError):
        worker(store, "w").finish(d.id, "scheduled", NOW)
    assert store.get(d.id).parts[0].status == "pending"


def test_part_retry_releases_the_draft_until_the_retry_time(store: DraftStore) -> None:
    (d,) = store.add([new()], now=NOW)
    worker(store, "w").claim_due(NOW + H, 60, 1)
    worker(store, "w").begin_part(d.id, 0, "k0", NOW + H)
    worker(store, "w").part_retry(d.id, 0, "HTTP 503", NOW + 2 * H, NOW + H)
    waiting = store.get(d.id)
    assert waiting.status == "scheduled" and waiting.due_at == NOW + 2 * H
    assert waiting.scheduled_at == NOW + H  # the user's time is kept
    assert waiting.parts[0].status == "pending" and waiting.parts[0].last_error == "HTTP 503"
    assert worker(store, "w").claim_due(NOW + H + timedelta(minutes=30), 60, 1) == []
    (again,) = worker(store, "w").claim_due(NOW + 2 * H, 60, 1)
    assert again.parts[0].attempts == 1


def test_postpone_keeps_parts_and_sets_due_time(store: DraftStore) -> None:
    (d,) = store.add([new()], now=NOW)
    worker(store, "w").claim_due(NOW + H, 60, 1)
    worker(store, "w").postpone(d.id, NOW + 5 * H, "pacing", NOW + H)
    assert store.get(d.id).due_at == NOW + 5 * H
    assert store.history(d.id)[-1].detail.endswith("pacing")


def test_unconfirmed_is_never_retried_without_force(store: DraftStore) -> None:
    (d,) = store.add([new()], now=NOW)
    worker(store, "w").claim_due(NOW + H, 60, 1)
    worker(store, "w").begin_part(d.id, 0, "k0", NOW + H)
    worker(store, "w").part_unconfirmed(d.id, 0, "timed out", NOW + H)
    worker(store, "w").finish(d.id, "unconfirmed", NOW + H)
    with pytest.raises(InputError, match=r"part 1 may already be live on x .*force a retry") as e:
        store.retry(d.id, now=NOW + 2 * H)
    assert e.value.remedy == "force-retry"  # the CLI names its flag (core errors name concepts)
    assert store.get(d.id).status == "unconfirmed"
    forced = store.retry(d.id, now=NOW + 2 * H, force=True)
    assert forced.status == "scheduled" and forced.due_at == NOW + 2 * H
    assert forced.parts[0].status == "pending" and forced.parts[0].idempotency_key == "k0"
    assert store.history(d.id)[-1].kind == "retry-forced"


def test_retry_sends_failed_parts_again_and_keeps_published_ones(store: DraftStore) -> None:
    (d,) = store.add([new()], now=NOW)
    worker(store, "w").claim_due(NOW + H, 60, 1)
    worker(store, "w").begin_part(d.id, 0, "k0", NOW + H)
    worker(store, "w").part_published(d.id, 0, Ref("1", "u"), NOW + H)
    worker(store, "w").begin_part(d.id, 1, "k1", NOW + H)
    worker(store, "w").part_failed(d.id, 1, "403 forbidden", NOW + H)
    worker(store, "w").finish(d.id, "partial", NOW + H)
    again = store.retry(d.id, now=NOW + 2 * H)
    assert [p.status for p in again.parts] == ["published", "pending"]
    assert again.parts[1].attempts == 0 and again.status == "scheduled"


def test_mark_missed_skips_fresh_drafts_and_half_published_threads(store: DraftStore) -> None:
    old, fresh, half = store.add([new(at=1), new(at=9), new(at=1)], now=NOW)
    worker(store, "w").claim_due(NOW + H, 60, 10)
    worker(store, "w").postpone(old.id, NOW + H, "x", NOW + H)
    worker(store, "w").begin_part(half.id, 0, "k", NOW + H)
    worker(store, "w").part_published(half.id, 0, Ref("1", "u"), NOW + H)
    worker(store, "w").postpone(half.id, NOW + H, "x", NOW + H)
    assert worker(store).mark_missed(NOW + 8 * H, timedelta(hours=6)) == [old.id]
    assert worker(store).mark_missed(NOW + 8 * H, 6 * 3600) == []
    assert [store.get(i).status for i in (old.id, fresh.id, half.id)] == [
        "missed",
        "scheduled",
        "scheduled",
    ]


def test_cli_changes_follow_the_status_rules(store: DraftStore) -> None:
    (d,) = store.add([new(at=None)], now=NOW)
    assert store.reschedule(d.id, NOW + 4 * H, now=NOW).status == "scheduled"
    edited = store.set_parts(d.id, [NewPart("only one", 8)], now=NOW)
    assert [p.text for p in edited.parts] == ["only one"]
    assert store.cancel(d.id, now=NOW).status == "cancelled"
    with pytest.raises(InputError, match=r"cannot cancel draft .*: it is cancelled"):
        store.cancel(d.id, now=NOW)
    assert store.reschedule(d.id, NOW + 5 * H, now=NOW).due_at == NOW + 5 * H
    worker(store, "w").claim_due(NOW + 5 * H, 60, 1)
    with pytest.raises(StoreError, match="being published right now by w"):
        store.cancel(d.id, now=NOW)
    kinds = [e.kind for e in store.history(d.id)]
    assert kinds == ["added", "scheduled", "edited", "cancelled", "scheduled", "claimed"]


def test_two_stores_claim_disjoint_sets(location: str, store: DraftStore) -> None:
    store.add([new(at=1) for _ in range(10)], now=NOW)
    other = open_store(location, busy_timeout=2.0, now=NOW)
    first = worker(store, "a").claim_due(NOW + H, 60, 6)
    second = worker(other, "b").claim_due(NOW + H, 60, 6)
    other.close()
    assert len(first) == 6 and len(second) == 4
    assert not {d.id for d in first} & {d.id for d in second}


def test_many_drafts_in_one_add_get_unique_ids(store: DraftStore) -> None:
    added = store.add([new(parts=1) for _ in range(1200)], now=NOW)
    assert len({d.id for d in added}) == 1200 == store.count()
