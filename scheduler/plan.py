"""``herald run --dry-run``: what the daemon would publish, and when, without changing anything.

Drafts awaiting approval are named too: they look queued, yet nothing goes out until someone
approves them, and an editor reading the plan should not be surprised by what is missing.

The store is opened without migrations and only read, so the database file stays byte-identical
(a missing SQLite file is not created).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from rich.console import Console

from posts.clock import Clock
from posts.config import Config
from posts.queue import Draft, open_readonly
from posts.schedule.times import show_time
from scheduler.holds import hold_reasons
from scheduler.preview.lint import account_not_ready
from scheduler.preview.model import LintWarning

AWAITING = "awaiting approval"  # the action of a draft the daemon leaves until it is approved


@dataclass(frozen=True)
class Planned:
    """One draft the daemon would act on: what it would do, and from when."""

    draft: Draft
    at: datetime
    action: str  # "publish", "resume at part N", "mark missed", "in progress"
    warnings: tuple[LintWarning, ...] = ()  # the account lint rule: it would be held


@dataclass(frozen=True)
class Plan:
    """What the daemon would do, and the drafts it leaves alone until they are approved."""

    planned: list[Planned]
    awaiting: list[Draft]  # status "awaiting": never published until `queue approve`


def plan(config: Config, clock: Clock, *, catch_up: bool = False) -> Plan:
    """Every scheduled or in-progress draft, in the order the daemon would take them, and the
    drafts awaiting approval."""
    store = open_readonly(config.database, config.database_timeout)
    if store is None:
        return Plan([], [])
    try:
        drafts = list(store.iter_drafts(status=("scheduled", "publishing")))
        awaiting = list(store.iter_drafts(status="awaiting"))
        held = {h.account: h.reason for h in store.holds()}
    finally:
        store.close()
    now = clock()
    stale = timedelta(seconds=config.scheduler.stale_after_seconds)
    problems = hold_reasons({d.account for d in drafts}, config, held)
    out = [
        replace(
            p, warnings=tuple(account_not_ready(p.draft.account, problems.get(p.draft.account)))
        )
        for p in (_planned(d, now, stale, catch_up) for d in drafts)
    ]
    return Plan(sorted(out, key=lambda p: (p.at, p.draft.id)), awaiting)


def _planned(draft: Draft, now: datetime, stale: timedelta, catch_up: bool) -> Planned:
    at = draft.due_at or draft.lease_until or now
    live = sum(p.status == "published" for p in draft.parts)
    if draft.status == "publishing":
        return Planned(draft, at, f"in progress ({draft.lease_owner})")
    if not catch_up and not live and at < now - stale:
        return Planned(draft, now, "mark missed (overdue beyond the staleness window)")
    action = f"resume at part {live + 1}" if live else "publish"
    return Planned(draft, max(at, now), action)


def render_plan(out: Console, whole: Plan, timezone: str) -> None:
    """One block per draft: time, id, account, action, then each part still to go out; then
    how many drafts await approval, and which."""
    _render_planned(out, whole.planned, timezone)
    ids = [d.id for d in whole.awaiting]
    if ids:
        out.print(
            f"{len(ids)} draft(s) await approval and will not go out until approved "
            f"(herald queue approve ID): {', '.join(ids)}",
            markup=False,
        )


def _render_planned(out: Console, planned: list[Planned], timezone: str) -> None:
    if not planned:
        out.print("Nothing scheduled: the daemon would publish nothing.")
        return
    for item in planned:
        d = item.draft
        when = show_time(item.at, timezone, "%Y-%m-%d %H:%M:%S %Z")  # never fails on a bad row
        out.print(f"{when}  {d.id}  {d.account} ({d.platform})  {item.action}", markup=False)
        for warning in item.warnings:
            out.print(f"    ⚠ {warning.rule}: {warning.message}", markup=False, style="yellow")
        for part in d.parts:
            if part.status != "published":
                text = part.text.replace("\n", " ")
                out.print(f"    {part.index + 1}/{len(d.parts)}  {text}", markup=False)
    out.print(f"{len(planned)} draft(s); nothing was changed (dry run).")


def plan_json(whole: Plan) -> list[dict[str, Any]]:
    """The plan for scripts: one object per draft, times in ISO 8601 UTC, parts still to go;
    then each draft awaiting approval (``action`` "awaiting approval", ``at`` its intended time,
    null when it has none)."""
    planned = [_json(p.draft, p.at, p.action, p.warnings) for p in whole.planned]
    awaiting = [_json(d, d.scheduled_at, AWAITING) for d in whole.awaiting]
    return planned + awaiting


def _json(
    draft: Draft, at: datetime | None, action: str, warnings: tuple[LintWarning, ...] = ()
) -> dict[str, Any]:
    return {
        "id": draft.id,
        "account": draft.account,
        "platform": draft.platform,
        "at": None if at is None else at.astimezone(UTC).isoformat(),
        "action": action,
        "warnings": [{"rule": w.rule, "message": w.message} for w in warnings],
        "parts": [
            {"index": part.index, "text": part.text, "status": part.status}
            for part in draft.parts
            if part.status != "published"
        ],
    }
