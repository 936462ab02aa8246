"""When to post: ISO 8601, ``YYYY-MM-DD HH:MM`` in the account's zone, or a natural phrase.

Relative phrases (``in 2h``, ``in 1h30m``) are exact durations from now, so they stay right across a
daylight-saving change; other phrases (``tomorrow 9am``, ``next monday 14:00``) go through
dateparser as wall-clock times. Every wall-clock time is then placed in the zone explicitly: a
time that does not exist (the spring-forward gap) is refused, and a time that happens twice (the
autumn fold) takes the first occurrence and says so — unless an offset settles it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from posts.errors import InputError

_UNITS = {"m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400, "w": 604800}
_RELATIVE = re.compile(
    r"^in\s+((?:\d+(?:\.\d+)?\s*(?:weeks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m)\s*(?:and\s+)?)+)$"
)
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)")
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")


@dataclass(frozen=True)
class When:
    """A resolved time (UTC) and, for an ambiguous local time, a note saying which was chosen."""

    at: datetime
    note: str | None = None


def parse_when(text: str, timezone: str, now: datetime, allow_past: bool = False) -> When:
    """Resolve ``text`` against ``now`` in ``timezone``; InputError says what was wrong."""
    phrase = " ".join(text.strip().lower().split())
    if not phrase:
        raise InputError("no time given; use e.g. 2026-05-01 09:00, 'tomorrow 9am' or 'in 2h'")
    zone = ZoneInfo(timezone)
    when = _iso(text.strip(), zone) or _relative(phrase, now) or _natural(phrase, zone, now)
    if when is None:
        raise InputError(
            f"cannot understand the time '{text}'; use ISO 8601 (2026-05-01T09:00+01:00), "
            "'YYYY-MM-DD HH:MM', or a phrase like 'tomorrow 9am', 'next monday 14:00', 'in 2h'"
        )
    if when.at < now and not allow_past:
        shown = when.at.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")
        raise InputError(f"{shown} is in the past; pick a later time or pass --now to post now")
    return when


def localize(naive: datetime, zone: ZoneInfo) -> When:
    """Attach ``zone`` to a wall-clock time, refusing gaps and declaring folds."""
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    shown = naive.strftime("%Y-%m-%d %H:%M")
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        before = (first.astimezone(UTC) - timedelta(hours=1)).astimezone(zone)
        raise InputError(
            f"{shown} does not exist in {zone.key} (the clocks skip that hour for daylight "
            f"saving); use a time outside the gap, or give an offset such as "
            f"{naive.strftime('%Y-%m-%dT%H:%M')}{before.strftime('%z')[:3]}:{before.strftime('%z')[3:]}"
        )
    if first.utcoffset() != second.utcoffset():
        return When(
            first.astimezone(UTC),
            f"{shown} happens twice in {zone.key}; using the first "
            f"({first.strftime('%Z, UTC%z')}); give an offset to choose the second "
            f"({second.strftime('UTC%z')})",
        )
    return When(first.astimezone(UTC))


def _iso(text: str, zone: ZoneInfo) -> When | None:
    candidate = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    if not re.match(r"^\d{4}-\d{2}-\d{2}(T\d|$)", candidate):
        return None
    try:
        parsed = datetime.fromisoformat(candidate)
    except ValueError as exc:
        raise InputError(f"'{text}' is not a valid date and time: {exc}") from None
    if parsed.tzinfo is not None:
        return When(parsed.astimezone(UTC))
    return localize(parsed, zone)


def _relative(phrase: str, now: datetime) -> When | None:
    match = _RELATIVE.match(phrase)
    if not match:
        return None
    seconds = 0.0
    for amount, unit in _AMOUNT.findall(match.group(1)):
        key = unit.rstrip("s") if unit not in _UNITS else unit
        key = {"minute": "m", "hour": "h", "day": "d", "week": "w", "hr": "h"}.get(key, key)
        seconds += float(amount) * _UNITS[key]
    return When(now + timedelta(seconds=seconds))


def _natural(phrase: str, zone: ZoneInfo, now: datetime) -> When | None:
    for hour, minute in _CLOCK.findall(phrase):
        if int(hour) > 23 or int(minute) > 59:
            raise InputError(f"'{hour}:{minute}' is not a time of day; use 00:00 to 23:59")
    import dateparser  # slow to import; only natural phrases need it

    local_now = now.astimezone(zone).replace(tzinfo=None)
    parsed = dateparser.parse(
        phrase,
        languages=["en"],
        settings={
            "RELATIVE_BASE": local_now,
            "PREFER_DATES_FROM": "future",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    if parsed is None:
        return None
    return localize(parsed.replace(second=0, microsecond=0), zone)
