"""The tick, driven by a fake clock and the mock adapter: every outcome a part can have."""

from __future__ import annotations

import random
import threading
from datetime import timedelta
from typing import Any

from posts.config import SchedulerSettings
from posts.queue import DraftStore, WorkerStore
from scheduler.retry import Pacing
from scheduler.tick import TickPolicy, TickReport, run_tick
from tests.queue.conftest import worker

SETTINGS = SchedulerSettings(max_attempts=3, backoff_base_seconds=30, backoff_max_seconds=600)


def tick(h: Any, worker: str = "w1", **policy: Any) -> TickReport:
    return run_tick(
        WorkerStore(h.store.db, worker),
        h.adapters.__getitem__,
        h.clock,
        policy=TickPolicy(settings=SETTINGS, **policy),
        gates=h.gates,
        rng=random.Random(7),
    )


def status(store: DraftStore, draft_id: str) -> tuple[str, list[str]]:
    draft = store.get(draft_id)
    return draft.status, [p.status for p in draft.parts]


def test_a_due_thread_goes_out_in_order_as_a_reply_chain(harness: Any) -> None:
    harness.account("x1")
    thread = harness.queue("x1", "one", "two", "three")
    later = harness.queue("x1", "later", at=harness.clock() + timedelta(hours=1))

    report = tick(harness)

    assert status(harness.store, thread) == ("published", ["published"] * 3)
    assert status(harness.store, later)[0] == "scheduled"
    lines = harness.lines()
    assert [line["text"] for line in lines] == ["one", "two", "three"]
    assert [line["reply_to"] for line in lines] == [
        None,
        lines[0]["remote_id"],
        lines[1]["remote_id"],
    ]
    assert {line["root"] for line in lines[1:]} == {lines[0]["remote_id"]}
    assert report.finished == {thread: "published"}
    stored = harness.store.get(thread).parts
    assert [p.remote_url for p in stored] == [line["url"] for line in lines]
    assert [p.idempotency_key for p in stored] == [line["idempotency_key"] for line in lines]


def test_a_rate_limit_waits_for_the_reset_without_blocking_other_accounts(harness: Any) -> None:
    harness.account("limited", fail=["rate_limit:120"])
    harness.account("free")
    first = harness.queue("limited", "a")
    second = harness.queue("limited", "b")
    other = harness.queue("free", "c")

    tick(harness)

    assert status(harness.store, other)[0] == "published"
    assert status(harness.store, first) == ("scheduled", ["pending"])
    assert harness.store.get(first).due_at == harness.clock() + timedelta(seconds=120)
    assert status(harness.store, second) == ("scheduled", ["pending"])  # held, never sent
    assert [line["text"] for line in harness.lines()] == ["c"]

    harness.clock.advance(60)
    assert tick(harness).published == []  # still before the reset
    harness.clock.advance(60)
    tick(harness)
    assert status(harness.store, first)[0] == status(harness.store, second)[0] == "published"


def test_transient_errors_back_off_exponentially_then_succeed(harness: Any) -> None:
    harness.account("x1", fail=["server_error", "timeout"])
    draft = harness.queue("x1", "hello")

    tick(harness)
    first_wait = harness.store.get(draft).due_at - harness.clock()
    assert timedelta(seconds=15) <= first_wait <= timedelta(seconds=30)
    harness.clock.advance(first_wait.total_seconds())
    tick(harness)
    second_wait = harness.store.get(draft).due_at - harness.clock()
    assert timedelta(seconds=30) <= second_wait <= timedelta(seconds=60)
    harness.clock.advance(second_wait.total_seconds())
    tick(harness)

    part = harness.store.get(draft).parts[0]
    assert (part.status, part.attempts) == ("published", 3)
    assert len(harness.lines()) == 1


def test_transient_errors_fail_the_part_after_max_attempts(harness: Any) -> None:
    harness.account("x1", fail=["server_error"] * 3)
    draft = harness.queue("x1", "hello")
    for _ in range(3):
        tick(harness)
        harness.clock.advance(3600)

    assert status(harness.store, draft) == ("failed", ["failed"])
    assert "gave up after 3 attempts" in (harness.store.get(draft).parts[0].last_error or "")
    assert harness.lines() == []


def test_a_lost_response_is_looked_up_before_any_resend(harness: Any) -> None:
    harness.account("b1", platform="bluesky", fail=["lost"])
    draft = harness.queue("b1", "one", "two")

    tick(harness)  # part 1 landed but the call timed out: retry later
    assert status(harness.store, draft) == ("scheduled", ["pending", "pending"])
    harness.clock.advance(3600)
    tick(harness)

    assert status(harness.store, draft) == ("published", ["published", "published"])
    lines = harness.lines()
    assert [line["text"] for line in lines] == ["one", "two"]  # part 1 exactly once
    assert lines[1]["reply_to"] == lines[0]["remote_id"]


def test_a_lost_response_without_lookup_becomes_unconfirmed_not_a_duplicate(harness: Any) -> None:
    harness.account("x1", fail=["lost"], lookup=False)
    draft = harness.queue("x1", "one")

    tick(harness)
    harness.clock.advance(3600)
    tick(harness)  # the re-send meets "duplicate content": outcome unknown

    assert status(harness.store, draft) == ("unconfirmed", ["unconfirmed"])
    assert len(harness.lines()) == 1


def test_an_unknown_outcome_is_reconciled_at_once_where_lookup_exists(harness: Any) -> None:
    harness.account("m1", platform="mastodon", fail=["unknown"])
    draft = harness.queue("m1", "one", "two")

    tick(harness)

    assert status(harness.store, draft) == ("published", ["published", "published"])
    assert len(harness.lines()) == 2


def test_an_unknown_outcome_without_lookup_is_unconfirmed(harness: Any) -> None:
    harness.account("x1", fail=["ok", "unknown"], lookup=False)
    draft = harness.queue("x1", "one", "two", "three")

    report = tick(harness)

    assert status(harness.store, draft) == ("unconfirmed", ["published", "unconfirmed", "pending"])
    assert report.problems == {draft: "unconfirmed"}


def test_a_permanent_error_late_in_a_thread_leaves_it_partial(harness: Any, caplog: Any) -> None:
    harness.account("x1", fail=["ok", "ok", "permanent"])
    draft = harness.queue("x1", "one", "two", "three")

    with caplog.at_level("INFO", logger="herald"):
        report = tick(harness)

    assert status(harness.store, draft) == ("partial", ["published", "published", "failed"])
    assert harness.store.get(draft).parts[2].last_error == (
        "400 Bad Request: the post was rejected (mock)"
    )
    assert report.problems == {draft: "partial"}
    finished = [r for r in caplog.records if getattr(r, "event", "") == "finished"]
    live = finished[0].fields["live"].split()
    assert live == [line["url"] for line in harness.lines()]


def test_a_permanent_error_fails_at_once_and_an_auth_error_holds(harness: Any) -> None:
    harness.account("x1", fail=["permanent"])
    harness.account("x2", fail=["auth"])
    rejected = harness.queue("x1", "one", at=harness.clock() - timedelta(seconds=1))
    refused = harness.queue("x2", "two")

    report = tick(harness)

    assert status(harness.store, rejected) == ("failed", ["failed"])
    assert "400 Bad Request" in (harness.store.get(rejected).parts[0].last_error or "")
    assert harness.store.get(rejected).parts[0].attempts == 1
    assert status(harness.store, refused) == ("scheduled", ["pending"])  # see test_holds.py
    assert report.held == [refused] and report.problems == {rejected: "failed"}


def test_an_over_limit_part_is_refused_like_the_platform_would(harness: Any) -> None:
    harness.account("x1")
    draft = harness.queue("x1", "x" * 281)

    tick(harness)

    assert status(harness.store, draft) == ("failed", ["failed"])
    assert "does not fit the x limit of 280 (it counts 281)" in (
        harness.store.get(draft).parts[0].last_error or ""
    )


def _crash_after_begin(h: Any, draft_id: str, index: int, *, lands: bool) -> None:
    """What a kill -9 between the two commits leaves: a part `sending`, maybe live."""
    claimed = worker(h.store, "dead-worker").claim_due(h.clock(), 60, 10)
    assert [d.id for d in claimed] == [draft_id]
    part = claimed[0].parts[index]
    worker(h.store, "dead-worker").begin_part(draft_id, index, "3kcrashkey222", h.clock())
    if lands:
        from scheduler.adapters.base import OutgoingPart

        h.adapters[claimed[0].account].publish(
            OutgoingPart(draft_id, index, len(claimed[0].parts), part.text, "3kcrashkey222")
        )
    h.clock.advance(61)  # the dead worker's lease expires


def test_a_crashed_send_that_landed_is_recorded_not_resent(harness: Any) -> None:
    harness.account("b1", platform="bluesky")
    draft = harness.queue("b1", "one", "two")
    _crash_after_begin(harness, draft, 0, lands=True)

    tick(harness, worker="w2")

    assert status(harness.store, draft) == ("published", ["published", "published"])
    lines = harness.lines()
    assert [line["text"] for line in lines] == ["one", "two"]
    assert lines[1]["reply_to"] == lines[0]["remote_id"]
    kinds = [e.kind for e in harness.store.history(draft)]
    assert kinds.count("sending") == 2 and "claimed" in kinds


def test_a_crashed_send_that_never_landed_is_resent_with_the_same_key(harness: Any) -> None:
    harness.account("b1", platform="bluesky")
    draft = harness.queue("b1", "one")
    _crash_after_begin(harness, draft, 0, lands=False)

    tick(harness, worker="w2")

    assert status(harness.store, draft) == ("published", ["published"])
    assert [line["idempotency_key"] for line in harness.lines()] == ["3kcrashkey222"]


def test_a_crashed_send_without_lookup_is_unconfirmed_until_forced(harness: Any) -> None:
    harness.account("x1", lookup=False)
    draft = harness.queue("x1", "one", "two")
    _crash_after_begin(harness, draft, 0, lands=False)

    tick(harness, worker="w2")
    assert status(harness.store, draft) == ("unconfirmed", ["unconfirmed", "pending"])
    assert harness.lines() == []

    harness.store.retry(draft, now=harness.clock(), force=True)  # the user checked: not live
    tick(harness, worker="w2")
    assert status(harness.store, draft) == ("published", ["published", "published"])


def test_a_thread_resumes_at_its_first_unpublished_part(harness: Any) -> None:
    harness.account("x1", fail=["ok", "server_error"])
    draft = harness.queue("x1", "one", "two", "three")

    tick(harness)
    assert status(harness.store, draft) == ("scheduled", ["published", "pending", "pending"])
    harness.clock.advance(3600)
    tick(harness)

    lines = harness.lines()
    assert [line["text"] for line in lines] == ["one", "two", "three"]
    assert [line["reply_to"] for line in lines[1:]] == [
        lines[0]["remote_id"],
        lines[1]["remote_id"],
    ]


def test_overdue_drafts_are_missed_unless_catching_up(harness: Any) -> None:
    harness.account("x1")
    old = harness.queue("x1", "old")
    recent = harness.queue("x1", "recent", at=harness.clock() + timedelta(hours=5))
    harness.clock.advance(7 * 3600)  # the daemon was down for 7 hours

    report = tick(harness)
    assert report.missed == [old]
    assert status(harness.store, old)[0] == "missed"
    assert status(harness.store, recent)[0] == "published"

    harness.store.reschedule(old, harness.clock() - timedelta(hours=8), now=harness.clock())
    tick(harness, catch_up=True)
    assert status(harness.store, old)[0] == "published"


def test_pacing_spaces_drafts_of_one_account(harness: Any) -> None:
    harness.account("x1")
    harness.account("x2")
    ids = [
        harness.queue("x1", f"post {i}", at=harness.clock.start - timedelta(seconds=4 - i))
        for i in range(4)
    ]
    other = harness.queue("x2", "unpaced")
    pacing = {"x1": Pacing(min_gap=timedelta(minutes=10), hourly_cap=2)}

    tick(harness, pacing=pacing)
    assert [status(harness.store, i)[0] for i in ids] == ["published"] + ["scheduled"] * 3
    assert status(harness.store, other)[0] == "published"
    assert harness.store.get(ids[1]).due_at == harness.clock() + timedelta(minutes=10)

    harness.clock.advance(600)
    tick(harness, pacing=pacing)
    harness.clock.advance(600)
    tick(harness, pacing=pacing)  # two in the last hour: the cap holds the third
    assert [status(harness.store, i)[0] for i in ids].count("published") == 2
    waiting = [d for d in map(harness.store.get, ids) if d.status == "scheduled"]
    assert {d.due_at for d in waiting} == {
        harness.clock.start + timedelta(hours=1)
    }  # the first start + 1 h

    harness.clock.advance(2400)
    tick(harness, pacing=pacing)
    assert [status(harness.store, i)[0] for i in ids].count("published") == 3


def test_a_stop_request_finishes_the_part_in_flight_and_releases_the_rest(harness: Any) -> None:
    stop = threading.Event()
    adapter = harness.account("x1")
    publish = adapter.publish

    def publish_then_stop(part: Any) -> Any:
        stop.set()  # SIGTERM arrives while the first part is in flight
        return publish(part)

    adapter.publish = publish_then_stop
    thread = harness.queue("x1", "one", "two", at=harness.clock.start - timedelta(seconds=1))
    other = harness.queue("x1", "three")

    run_tick(worker(harness.store), harness.adapters.__getitem__, harness.clock, stop=stop)

    assert status(harness.store, thread) == ("scheduled", ["published", "pending"])
    assert status(harness.store, other) == ("scheduled", ["pending"])
    assert harness.store.get(thread).lease_owner is None


def test_a_claim_lost_mid_part_is_left_to_the_new_owner_who_reconciles_it(harness: Any) -> None:
    adapter = harness.account("b1", platform="bluesky")
    publish = adapter.publish

    def slow_publish(part: Any) -> Any:
        ref = publish(part)
        harness.clock.advance(61)  # the call outlived the lease: another worker takes over
        assert worker(harness.store, "w2").claim_due(harness.clock(), 60, 10)
        return ref

    adapter.publish = slow_publish
    draft = harness.queue("b1", "one", "two")

    report = tick(harness, worker="w1")
    assert report.published == [] and report.finished == {}
    assert status(harness.store, draft) == ("publishing", ["sending", "pending"])

    adapter.publish = publish
    harness.clock.advance(61)  # w2 died too
    tick(harness, worker="w3")
    assert status(harness.store, draft) == ("published", ["published", "published"])
    assert [line["text"] for line in harness.lines()] == ["one", "two"]
