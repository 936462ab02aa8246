"""What the daemon waits for, said in one line at start and after every tick.

``next: 7czjdvu demo-x at 13:00 UTC, in 3 h 48 min`` — so whoever reads ``journalctl -u herald``
sees at once whether the daemon is idle, busy, or waiting for an account someone must fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from posts.queue import Draft, Hold


def waiting_for(draft: Draft | None, holds: Sequence[Hold], now: datetime, timezone: str) -> str:
    """The line: the next draft due (held accounts left out), then any held accounts."""
    if draft is None or draft.due_at is None:
        line = "next: nothing scheduled"
    else:
        line = f"next: {draft.id} {draft.account} {_when(draft.due_at, now, ZoneInfo(timezone))}"
    if holds:
        names = ", ".join(h.account for h in holds)
        line += f"; held until fixed: {names} (see `herald accounts list`)"
    return line


def _when(due: datetime, now: datetime, zone: ZoneInfo) -> str:
    if due <= now:
        return "now"
    local, today = due.astimezone(zone), now.astimezone(zone)
    day = "" if local.date() == today.date() else local.strftime("%a %Y-%m-%d ")
    return f"at {day}{local:%H:%M} {local.tzname()}, in {_span(due - now)}"


def _span(delta: timedelta) -> str:
    """``3 h 48 min``, ``2 d 4 h``, ``12 min``: as precise as a person needs, rounded down."""
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {mins} min"
    return f"{mins} min" if mins else "less than a minute"
