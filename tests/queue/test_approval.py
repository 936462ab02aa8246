"""Drafts awaiting approval: stored with their rule, never claimed, scheduled only when approved."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posts.app.approval import ApproveRequest, approve
from posts.app.enqueue import Timing, enqueue
from posts.app.notices import Notice
from posts.config import Config, load_config
from posts.errors import InputError, NotFoundError
from posts.queue import DraftStore, NewPart
from posts.queue.drafts import StateError
from posts.schedule.times import When
from tests.queue.conftest import NOW, worker
from tests.queue.test_queue_planning import item

NINE = NOW + timedelta(hours=1)  # the demo accounts' first slot of the day (09:00 UTC)


def hold(
    store: DraftStore, how: Timing, account: str = "demo-x", heard: list[Notice] | None = None
) -> str:
    heard = [] if heard is None else heard
    (queued,) = enqueue(store, load_config(), [(item(account), how)], NOW, notify=heard.append)
    return queued.draft.id


def at(when: timedelta) -> Timing:
    return Timing("at", When(NOW + when), hold=True)


def approved(
    store: DraftStore, *ids: str, later: timedelta = timedelta(0), **asked: object
) -> list[str]:
    request = ApproveRequest(ids, **asked)  # type: ignore[arg-type]
    return [q.draft.id for q in approve(store, load_config(), request, NOW + later)]


def test_held_drafts_keep_their_time_but_are_never_due(store: DraftStore) -> None:
    heard: list[Notice] = []
    draft = store.get(hold(store, at(timedelta(hours=2)), heard=heard))
    assert (draft.status, draft.approval, draft.scheduled_at, draft.due_at) == (
        "awaiting",
        "at",
        NOW + timedelta(hours=2),
        None,
    )
    assert [(n.event, n.draft and n.draft["id"]) for n in heard] == [
        ("awaiting-approval", draft.id)
    ]
    publisher = worker(store)
    a_year_on = NOW + timedelta(days=365)
    assert publisher.claim_due(a_year_on, 60, 10) == []
    assert publisher.mark_missed(a_year_on, 60) == []
    assert store.next_due_at() is None and store.next_due() is None
    assert store.get(draft.id).status == "awaiting"


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(intended=st.integers(-(10**6), 10**6), late=st.integers(0, 10**7))
def test_no_claim_ever_takes_a_held_draft(store: DraftStore, intended: int, late: int) -> None:
    held = hold(store, at(timedelta(minutes=intended)))
    publisher, then = worker(store), NOW + timedelta(minutes=late)
    assert publisher.claim_due(then, 60, 100) == [] and publisher.mark_missed(then, 0) == []
    assert store.get(held).status == "awaiting"


def test_held_drafts_book_no_slot(store: DraftStore) -> None:
    hold(store, Timing("next-slot", hold=True))
    (queued,) = enqueue(store, load_config(), [(item(), Timing("next-slot"))], NOW)
    assert queued.draft.scheduled_at == NINE


def test_approval_keeps_a_future_intended_time(store: DraftStore) -> None:
    held = hold(store, at(timedelta(hours=3)))
    assert approved(store, held) == [held]
    draft = store.get(held)
    assert (draft.status, draft.scheduled_at, draft.due_at, draft.approval) == (
        "scheduled",
        NOW + timedelta(hours=3),
        NOW + timedelta(hours=3),
        None,
    )
    assert [e.kind for e in store.history(held)][-1] == "approved"


def test_a_passed_intended_time_takes_the_next_free_slot(store: DraftStore) -> None:
    held = hold(store, at(timedelta(minutes=30)))
    approved(store, held, later=timedelta(minutes=45))
    assert store.get(held).scheduled_at == NINE


def test_next_slot_rule_and_now_rule(store: DraftStore) -> None:
    by_slot = hold(store, Timing("next-slot", hold=True))
    by_now = hold(store, Timing("now", When(NOW), hold=True), "demo-bluesky")
    assert store.get(by_slot).scheduled_at is None
    approved(store, by_slot, by_now, later=timedelta(minutes=5))
    assert store.get(by_slot).scheduled_at == NINE
    assert store.get(by_now).due_at == NOW + timedelta(minutes=5)


def test_approval_at_a_time_or_the_next_slot(store: DraftStore) -> None:
    first, second = hold(store, at(timedelta(days=2))), hold(store, at(timedelta(days=2)))
    approved(store, first, at="2026-03-02 15:30")
    approved(store, second, next_slot=True)
    assert store.get(first).scheduled_at == NOW.replace(hour=15, minute=30)
    assert store.get(second).scheduled_at == NINE


def test_errors_change_nothing(store: DraftStore) -> None:
    held = hold(store, at(timedelta(hours=2)))
    done = hold(store, at(timedelta(hours=2)))
    approved(store, done)
    with pytest.raises(NotFoundError):
        approved(store, held, "nosuch1")
    with pytest.raises(StateError, match=f"cannot approve draft {done}: it is scheduled"):
        approved(store, held, done)
    with pytest.raises(InputError, match="cannot be combined"):
        approved(store, held, at="tomorrow 9am", next_slot=True)
    assert store.get(held).status == "awaiting"
    assert [e.kind for e in store.history(held)] == ["added"]


def test_a_held_draft_is_edited_and_cancelled_like_any_unpublished_one(store: DraftStore) -> None:
    held = hold(store, at(timedelta(hours=2)))
    edited = store.set_parts(held, [NewPart("new text", 8)], NOW)
    assert (edited.status, [p.text for p in edited.parts]) == ("awaiting", ["new text"])
    with pytest.raises(StateError) as refused:
        store.reschedule(held, NOW + timedelta(hours=5), NOW)
    assert refused.value.remedy == "approve"
    assert store.cancel(held, NOW).status == "cancelled"


def test_a_held_draft_needs_a_time(store: DraftStore) -> None:
    from posts.app.enqueue import WhenRequest, timing

    config: Config = load_config()
    accounts = [config.accounts["demo-x"]]
    with pytest.raises(InputError, match="cannot also await approval"):
        timing(config, accounts, WhenRequest("draft", hold=True), NOW)


def test_an_account_without_slots_goes_at_once_or_needs_a_time(store: DraftStore) -> None:
    passed = hold(store, at(timedelta(minutes=10)))
    by_slot = hold(store, Timing("next-slot", hold=True))
    config = load_config()
    unslotted = {n: replace(a, slots=()) for n, a in config.accounts.items()}
    config = replace(config, accounts=unslotted)
    later = NOW + timedelta(hours=1)
    with pytest.raises(InputError, match="has no posting slots") as refused:
        approve(store, config, ApproveRequest([passed, by_slot]), later)
    assert refused.value.remedy == "give-time"
    assert {store.get(passed).status, store.get(by_slot).status} == {"awaiting"}
    (queued,) = approve(store, config, ApproveRequest([passed]), later)
    assert queued.draft.due_at == later
