"""Lanes: accounts publish at once, each account's drafts in order on one lane at a time; pacing
and rate limits are stored, so a restarted publisher respects them."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from posts.queue import DraftStore
from scheduler.lanes import Lanes
from scheduler.retry import AccountGates, Pacing
from tests.queue.conftest import location, pg_location, store, worker  # noqa: F401  (fixtures)

from .conftest import FakeClock, Harness
from .test_tick import status, tick

WAIT = 10  # seconds a test waits for a thread before failing (never slept)


def test_one_account_runs_in_order_on_one_lane_while_others_run_at_once() -> None:
    lanes = Lanes(4)
    order: list[str] = []
    a_started, b_done = threading.Event(), threading.Event()

    def slow_a() -> None:
        a_started.set()
        assert b_done.wait(WAIT)  # b finishes while a is still busy: another lane
        order.append("a1")

    lanes.submit("a", slow_a)
    lanes.submit("a", lambda: order.append("a2"))
    assert a_started.wait(WAIT)
    assert lanes.busy() == {"a"} and lanes.free() == 3
    lanes.submit("b", lambda: (order.append("b1"), b_done.set()))
    lanes.close()
    assert order == ["b1", "a1", "a2"] and lanes.busy() == set() and not lanes.errors


def test_a_hanging_account_holds_only_its_own_lane(harness: Any) -> None:
    """ "slow" hangs in its first call until the other accounts reach their second parts: without
    lanes of their own they never would (the wait would time out)."""
    second_parts = {name: threading.Event() for name in ("x1", "x2", "x3")}
    for name, reached in second_parts.items():
        _on_second_part(harness.account(name), reached)
    slow = harness.account("slow")
    publish = slow.publish

    def hang(part: Any) -> Any:
        assert all(e.wait(WAIT) for e in second_parts.values())  # the others went on meanwhile
        return publish(part)

    slow.publish = hang
    stuck = harness.queue("slow", "one", "two")
    others = [harness.queue(name, "a", "b") for name in second_parts]
    report = tick(harness)
    assert not report.problems
    for draft in (stuck, *others):
        assert status(harness.store, draft) == ("published", ["published", "published"])


def _on_second_part(adapter: Any, reached: threading.Event) -> None:
    publish = adapter.publish

    def publish_and_tell(part: Any) -> Any:
        if part.index == 1:
            reached.set()
        return publish(part)

    adapter.publish = publish_and_tell


def test_claims_skip_accounts_already_on_a_lane(harness: Any) -> None:
    harness.account("x1")
    harness.account("x2")
    busy = harness.queue("x1", "one")
    free = harness.queue("x2", "two")
    work = worker(harness.store)
    claimed = work.claim_due(harness.clock(), 60, 10, skip={"x1"})
    assert [d.id for d in claimed] == [free] and status(harness.store, busy)[0] == "scheduled"


@pytest.fixture
def shared(store: DraftStore, tmp_path: Path) -> Harness:  # noqa: F811  (the fixture)
    """The scheduler harness on the store tests' database: SQLite; PostgreSQL with -m postgres."""
    return Harness(store, FakeClock(), tmp_path / "outbox.jsonl")


def test_daemons_on_one_database_pace_each_account_together(shared: Harness) -> None:
    """A restarted daemon, or a second one running all along with its own memory (PostgreSQL lets
    several share the queue), sees the first's draft starts and rate limits before it publishes."""
    shared.account("x1")
    shared.account("x2", fail=["rate_limit:600"])  # the call after it would succeed
    pacing = {"x1": Pacing(hourly_cap=1)}
    first, limited = shared.queue("x1", "first"), shared.queue("x2", "limited")
    tick(shared, worker="w1", pacing=pacing)
    assert [status(shared.store, d)[0] for d in (first, limited)] == ["published", "scheduled"]

    shared.gates = AccountGates()  # the other daemon's memory: nothing of the above
    second, again = shared.queue("x1", "second"), shared.queue("x2", "again")
    shared.clock.advance(60)
    tick(shared, worker="w2", pacing=pacing)
    assert shared.store.get(second).due_at == shared.clock.start + timedelta(hours=1)  # the cap
    assert shared.store.get(again).due_at == shared.clock.start + timedelta(seconds=600)
    assert [line["text"] for line in shared.lines()] == ["first"]


def test_one_tick_publishes_every_due_draft_of_a_busy_account(harness: Any) -> None:
    """Far more due drafts of one account than a claim takes: the tick claims again whenever the
    lane empties. (It once ended when the lane emptied while a claim that skipped the busy
    account waited for the database, leaving the rest for the next tick: 6 runs in 6 with a
    platform that answers at once.)"""
    from posts.queue import NewDraft, NewPart, Source

    harness.account("busy")
    source = Source(path="article.md", content_hash="0" * 64, title="An article")
    parts = tuple(NewPart(text=f"part {i}", length=6) for i in range(3))
    new = [NewDraft("busy", "x", source, parts, harness.clock()) for _ in range(300)]
    harness.store.add(new, now=harness.clock())
    harness.adapters["busy"] = _Instant()
    report = tick(harness)
    assert len(report.published) == 300 * 3


class _Instant:
    """A platform that answers at once and remembers nothing but the key."""

    supports_lookup = True

    def publish(self, part: Any) -> Any:
        from scheduler.adapters.base import PublishedRef

        return PublishedRef(part.idempotency_key, f"memory:{part.idempotency_key}")

    def lookup(self, part: Any) -> Any:
        return None
