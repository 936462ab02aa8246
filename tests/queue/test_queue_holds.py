"""Held accounts in the store contract (SQLite, and PostgreSQL when reachable): held drafts stay
due but are not claimed, counted as next due, or missed; a release makes overdue ones due now."""

from __future__ import annotations

from datetime import timedelta

from posts.queue import DraftStore, open_store
from tests.queue.conftest import NOW, worker
from tests.queue.test_queue_store import H, new

HOUR = timedelta(hours=1)


def test_a_held_account_is_reported_once_an_hour_and_on_news(store: DraftStore) -> None:
    assert worker(store).hold_account("lab-x", "config", "T_X is not set", NOW, HOUR)
    assert not worker(store).hold_account("lab-x", "config", "T_X is not set", NOW + HOUR / 2, HOUR)
    assert worker(store).hold_account("lab-x", "config", "T_X is not set", NOW + HOUR, HOUR)
    assert worker(store).hold_account("lab-x", "auth", "401 Unauthorized", NOW + HOUR, HOUR)  # news
    [hold] = store.holds()
    assert (hold.account, hold.kind, hold.reason) == ("lab-x", "auth", "401 Unauthorized")
    assert (hold.since, hold.reported_at) == (NOW, NOW + HOUR)


def test_held_drafts_are_neither_claimed_nor_missed_and_are_due_now_on_release(
    store: DraftStore,
) -> None:
    held, other = store.add([new("lab-x", at=1), new("demo-x", at=2)], now=NOW)
    worker(store).hold_account("lab-x", "config", "no account 'lab-x' in the config", NOW, HOUR)
    later = NOW + 9 * H
    assert store.next_due_at() == other.due_at and store.next_due().id == other.id  # type: ignore[union-attr]
    assert worker(store).mark_missed(later, 6 * H) == [other.id]
    assert worker(store, "w").claim_due(later, 60, 10) == []
    assert store.get(held.id).status == "scheduled"

    assert worker(store).release_account("lab-x", later) and not worker(store).release_account(
        "lab-x", later
    )
    assert store.holds() == [] and store.get(held.id).due_at == later
    assert worker(store).mark_missed(later, 6 * H) == []
    assert [d.id for d in worker(store, "w").claim_due(later, 60, 10)] == [held.id]


def test_holds_are_seen_by_another_process(location: str, store: DraftStore) -> None:
    revision = store.revision()
    worker(store).hold_account("lab-x", "config", "reason", NOW, HOUR)
    other = open_store(location, busy_timeout=2.0, now=NOW)
    try:
        assert [h.account for h in other.holds()] == ["lab-x"]
        assert other.revision() != revision  # daemons re-arm when holds change
    finally:
        other.close()


def test_pages_split_scheduled_drafts_by_hold_and_read_newest_first(store: DraftStore) -> None:
    a1, b1, a2, unscheduled = store.add(
        [new("lab-x", at=1), new("demo-x", at=2), new("lab-x", at=3), new("demo-x", at=None)],
        now=NOW,
    )
    worker(store).hold_account("lab-x", "config", "reason", NOW, HOUR)
    ids = [d.id for d in store.page("scheduled", held=True)]
    assert ids == [a1.id, a2.id] and store.count("scheduled", held=True) == 2
    assert [d.id for d in store.page("scheduled", held=False)] == [b1.id]
    assert [d.id for d in store.page("scheduled", newest_first=True, limit=2)] == [a2.id, b1.id]
    assert [d.id for d in store.page("scheduled", account="lab-x", offset=1)] == [a2.id]
    assert [d.id for d in store.page("scheduled", held=True, newest_first=True)] == [a2.id, a1.id]
    assert store.page("draft")[0].id == unscheduled.id and store.count("draft", held=False) == 1
