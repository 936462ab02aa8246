"""Scheduled times as a person reads them: in their own time zone, and relative to now."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from posts.errors import InputError, quoted
from posts.schedule.times import MAX_AHEAD, MAX_TEXT, show_time

_DURATION = re.compile(r"(\d+)\s*(d|h|m|min|s)", re.IGNORECASE)
_UNIT_SECONDS = {"d": 86400, "h": 3600, "m": 60, "min": 60, "s": 1}


def local_time(at: datetime, timezone: str) -> str:
    """``Tue 24 Nov 2026 15:00 CET``: unambiguous, with the zone's own abbreviation.

    A stored time the zone cannot show reads "unreadable time" (one bad row never ends a preview).
    """
    return show_time(at, timezone, "%a %d %b %Y %H:%M %Z")


def relative(at: datetime, now: datetime) -> str:
    """``in 3 h``, ``in 25 min``, ``now``, ``2 d ago``: rounded the way people say it."""
    seconds = (at - now).total_seconds()
    size = abs(seconds)
    if size < 60:
        return "now"
    if size < 3600:
        amount = f"{round(size / 60)} min"
    elif size < 36 * 3600:
        hours = size / 3600
        shown = f"{round(hours)}" if hours >= 10 else f"{hours:.1f}".removesuffix(".0")
        amount = f"{shown} h"
    else:
        amount = f"{round(size / 86400)} d"
    return f"in {amount}" if seconds > 0 else f"{amount} ago"


def parse_duration(text: str) -> timedelta:
    """``24h``, ``90m``, ``2d``, ``1h30m`` → a timedelta up to ten years; else an InputError."""
    compact = text.strip().replace(" ", "")
    matches = list(_DURATION.finditer(compact[:MAX_TEXT]))
    if not compact or len(compact) > MAX_TEXT or "".join(m.group(0) for m in matches) != compact:
        raise InputError(f"cannot read duration {quoted(text)}: use e.g. 24h, 90m, 2d or 1h30m")
    seconds = sum(int(m.group(1)) * _UNIT_SECONDS[m.group(2).lower()] for m in matches)
    if seconds > MAX_AHEAD.total_seconds():
        raise InputError(f"duration {quoted(text)} is over 10 years; use e.g. 24h, 90m or 2d")
    return timedelta(seconds=seconds)
