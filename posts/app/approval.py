"""Approving drafts that wait for a person: each becomes scheduled, all or none.

A draft stored awaiting approval (``queue add --hold``, a feed with ``when = "hold"``) keeps the
rule it was added with (``Draft.approval``). Approved without a time, it goes out at its intended
time, or at its account's next free slot if that time has passed (at once, for an account without
slots); a ``next-slot`` draft takes the next free slot, a ``now`` draft is due at once. Times and
quotas are planned in the one transaction that schedules them, as for ``queue add``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from posts.app.enqueue import Planner, Queued, Timing, no_slots
from posts.app.images import refuse_stored_missing_alt
from posts.config import Config
from posts.errors import InputError, quoted
from posts.queue.drafts import DraftStore, require
from posts.queue.model import Draft
from posts.schedule.times import When, parse_when


@dataclass(frozen=True)
class ApproveRequest:
    """Approve drafts (ids) for their intended time, or ``at`` a typed time (``allow_past``: a
    past time is due now), or at each account's ``next_slot``."""

    draft_ids: Sequence[str]
    at: str | None = None
    next_slot: bool = False
    allow_past: bool = False
    force: bool = False  # beyond an account's daily quota


def approve(
    store: DraftStore, config: Config, request: ApproveRequest, now: datetime
) -> list[Queued]:
    """Schedule every named draft awaiting approval, in one transaction: an unknown id, a draft
    not awaiting approval, an image without the alt text its account requires (``require_alt``:
    its image may have been replaced since it was queued) or a full quota changes nothing."""
    if request.at is not None and request.next_slot:
        raise InputError("a time and the next slot cannot be combined; choose one")
    with store.plan() as session:
        drafts = _unique(session.get(i) for i in request.draft_ids)
        for draft in drafts:
            require(draft, ("awaiting",), "approve")
            _configured(config, draft)
            refuse_stored_missing_alt(config.accounts[draft.account], draft)
        for name in sorted({d.account for d in drafts}):
            session.db.lock_account(session.conn, name)
        planner = Planner(session, config, now, request.force)
        out = []
        for draft in drafts:
            how = _timing(config, draft, request, now)
            at, note = planner.time_for(draft.account, len(draft.parts), how)
            out.append(Queued(session.approve(draft.id, at, now), note))
    return out


def _unique(drafts: Iterable[Draft]) -> list[Draft]:
    """Each draft once, in the order first named (ids are case-insensitive)."""
    seen: dict[str, Draft] = {}
    for draft in drafts:
        seen.setdefault(draft.id, draft)
    return list(seen.values())


def _configured(config: Config, draft: Draft) -> None:
    if draft.account not in config.accounts:
        raise InputError(
            f"draft {draft.id} is for account {quoted(draft.account)}, which is not in the "
            "config; add the account back, or cancel the draft"
        )


def _timing(config: Config, draft: Draft, request: ApproveRequest, now: datetime) -> Timing:
    """When ``draft`` goes out: as asked, else by the rule it was added with."""
    account = config.accounts[draft.account]
    if request.at is not None:
        zone = account.timezone or config.timezone
        when = parse_when(request.at, zone, now, request.allow_past, config.date_order)
        return Timing("at", when)
    rule = "next-slot" if request.next_slot else draft.approval
    if rule == "at" and draft.scheduled_at is not None and draft.scheduled_at > now:
        return Timing("at", When(draft.scheduled_at))
    if rule == "now" or (rule == "at" and not account.slots):
        return Timing("now", When(now))
    if not account.slots:
        raise no_slots(account)
    return Timing("next-slot")
