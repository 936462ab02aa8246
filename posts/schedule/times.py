"""When to post: ISO 8601, ``YYYY-MM-DD HH:MM`` in the account's zone, ``now``, or a phrase.

Relative phrases (``in 2h``, ``in 1h30m``) are exact durations from now, so they stay right across a
daylight-saving change; other phrases (``tomorrow 9am``, ``next monday 14:00``, ``05/06 9:00``) go
through dateparser as wall-clock times, reading numeric dates in the configured ``date_order``.
Every wall-clock time is then placed in the zone explicitly: a time that does not exist (the
spring-forward gap) is refused, and a time that happens twice (the autumn fold) takes the first
occurrence and says so — unless an offset settles it.

Every accepted time lies within :data:`MAX_AHEAD` of now (and a past time, accepted only when the
caller allows it, within :data:`MAX_BEHIND`), so every reader — in any time zone — can show it.
A bare number (``1200``, ``1900000000``) is refused: it could be a time, a year or a timestamp.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import TZPATH, ZoneInfo

from posts.errors import InputError, quoted
from posts.queue.epoch import OUT_OF_RANGE_HIGH, OUT_OF_RANGE_LOW

MAX_AHEAD = timedelta(days=3653)  # ten years: nobody schedules a post further ahead
MAX_BEHIND = timedelta(days=3653)  # a past time (if allowed) is due at once; ten years back at most
RANGE_TEXT = "Herald takes times within 10 years of now"
MAX_TEXT = 100  # characters; no way of writing a time needs more
UNREADABLE = "unreadable time"

# Countries that write numeric dates month first or year first (CLDR short date patterns); every
# other country, and UTC, reads day first. Keyed by ISO 3166 code as zone.tab names them.
_MONTH_FIRST = frozenset({"US", "PR", "GU", "VI", "AS", "MP", "UM", "PH", "FM", "MH", "PW", "BZ"})
_YEAR_FIRST = frozenset({"CN", "JP", "KR", "KP", "TW", "HU", "LT", "MN", "IR", "BT", "SE"})

_UNITS = {"m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400, "w": 604800}
_RELATIVE = re.compile(
    r"^in\s+((?:\d+(?:\.\d+)?\s*(?:weeks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m)\s*(?:and\s+)?)+)$"
)
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)")
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_BARE_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_NO_UNIT = re.compile(r"^in\s+[+-]?\d+(?:[.,]\d+)?$")
_FORMS = "ISO 8601 (2026-05-01T09:00+01:00), 'YYYY-MM-DD HH:MM', 'now', or a phrase like "
_FORMS += "'tomorrow 9am', 'next monday 14:00', 'in 2h'"


@dataclass(frozen=True)
class When:
    """A resolved time (UTC) and, for an ambiguous local time, a note saying which was chosen."""

    at: datetime
    note: str | None = None


def parse_when(
    text: str,
    timezone: str,
    now: datetime,
    allow_past: bool = False,
    date_order: str | None = None,
) -> When:
    """Resolve ``text`` against ``now`` in ``timezone``; InputError says what was wrong.

    ``date_order`` (DMY, MDY or YMD) reads numeric dates such as ``05/06/2026``; None takes the
    order usual in ``timezone``'s country (:func:`default_date_order`).
    """
    if len(text) > MAX_TEXT:
        raise InputError(f"{quoted(text)} is too long to be a time; use e.g. {_FORMS}")
    phrase = " ".join(text.strip().lower().split())
    if not phrase:
        raise InputError(f"no time given; use {_FORMS}")
    if phrase == "now":
        return When(now)
    if _BARE_NUMBER.match(phrase):
        raise InputError(
            f"{quoted(text.strip())} is a bare number: Herald reads it neither as a time of day, "
            "a year nor a Unix timestamp; write e.g. 12:00, 'tomorrow 12:00', "
            "'2026-05-01 12:00' or 'in 20m'"
        )
    if _NO_UNIT.match(phrase):
        raise InputError(
            f"{quoted(text.strip())} has no unit; write e.g. 'in 5m', 'in 5h' or 'in 5d'"
        )
    zone = ZoneInfo(timezone)
    order = date_order or default_date_order(timezone)
    try:
        when = (
            _iso(text.strip(), zone) or _relative(phrase, now) or _natural(phrase, zone, now, order)
        )
    except (OverflowError, ValueError) as exc:  # beyond what a datetime can hold
        if isinstance(exc, InputError):
            raise
        raise InputError(f"{quoted(text.strip())} is out of range; {RANGE_TEXT}") from None
    if when is None:
        raise InputError(f"cannot understand the time {quoted(text.strip())}; use {_FORMS}")
    check_range(when.at, now, text.strip())
    if when.at < now and not allow_past:
        shown = show_time(when.at, timezone, "%Y-%m-%d %H:%M %Z")
        raise InputError(f"{shown} is in the past; pick a later time", remedy="post-now")
    return when


def check_range(at: datetime, now: datetime, text: str | None = None) -> None:
    """Refuse a time more than :data:`MAX_AHEAD` after or :data:`MAX_BEHIND` before ``now``."""
    what = quoted(text) if text else _utc(at)
    if at > now + MAX_AHEAD:
        raise InputError(f"{what} is more than 10 years ahead; {RANGE_TEXT}")
    if at < now - MAX_BEHIND:
        raise InputError(f"{what} is more than 10 years ago; {RANGE_TEXT}")


def show_time(at: datetime | None, timezone: str, fmt: str, missing: str = "unscheduled") -> str:
    """``at`` in ``timezone`` for people, or "unreadable time" for a stored value no reader can
    convert (never an exception: one bad row must not end a listing)."""
    if at is None:
        return missing
    if at <= OUT_OF_RANGE_LOW or at >= OUT_OF_RANGE_HIGH:
        return UNREADABLE
    try:
        return at.astimezone(ZoneInfo(timezone)).strftime(fmt)
    except (OverflowError, ValueError, OSError, KeyError):
        return UNREADABLE


def _utc(at: datetime) -> str:
    try:
        return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (OverflowError, ValueError):
        return "that time"


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


def default_date_order(timezone: str) -> str:
    """The numeric date order usual where ``timezone`` is: MDY in the US (and a few others),
    YMD in East Asia, Hungary, Lithuania and a few others, DMY everywhere else and in UTC."""
    country = _zone_countries().get(timezone)
    if country is None and timezone.startswith("US/"):
        country = "US"
    if country in _MONTH_FIRST:
        return "MDY"
    if country in _YEAR_FIRST:
        return "YMD"
    return "DMY"


@cache
def _zone_countries() -> dict[str, str]:
    """zone name → ISO 3166 country, from the IANA ``zone.tab`` (system or tzdata package)."""
    candidates = [Path(d) / "zone.tab" for d in TZPATH]
    try:
        from importlib.resources import files

        candidates.append(Path(str(files("tzdata") / "zoneinfo" / "zone.tab")))
    except (ImportError, TypeError):
        pass
    for path in candidates:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        fields = (line.split("\t") for line in lines if line and not line.startswith("#"))
        return {f[2]: f[0] for f in fields if len(f) >= 3}
    return {}


def _iso(text: str, zone: ZoneInfo) -> When | None:
    candidate = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    if not re.match(r"^\d{4}-\d{2}-\d{2}(T\d|$)", candidate):
        return None
    try:
        parsed = datetime.fromisoformat(candidate)
    except ValueError as exc:
        reason = str(exc)
        detail = "" if "isoformat" in reason or "'" in reason else f": {reason}"
        raise InputError(
            f"{quoted(text)} is not a valid date and time{detail}; "
            "use YYYY-MM-DD HH:MM or ISO 8601 such as 2026-05-01T09:00+01:00"
        ) from None
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
    if seconds > MAX_AHEAD.total_seconds():
        raise InputError(f"{quoted(phrase)} is more than 10 years ahead; {RANGE_TEXT}")
    return When(now + timedelta(seconds=seconds))


def _natural(phrase: str, zone: ZoneInfo, now: datetime, order: str) -> When | None:
    for hour, minute in _CLOCK.findall(phrase):
        if int(hour) > 23 or int(minute) > 59:
            raise InputError(f"'{hour}:{minute}' is not a time of day; use 00:00 to 23:59")
    import dateparser  # slow to import; only natural phrases need it

    local_now = now.astimezone(zone).replace(tzinfo=None)
    try:
        parsed = dateparser.parse(
            phrase,
            languages=["en"],
            settings={
                "RELATIVE_BASE": local_now,
                "PREFER_DATES_FROM": "future",
                "RETURN_AS_TIMEZONE_AWARE": False,
                "DATE_ORDER": order,
            },
        )
    except (OverflowError, ValueError, TypeError, AttributeError, IndexError, KeyError):
        return None  # dateparser gives up in its own ways on odd phrases
    if parsed is None:
        return None
    return localize(parsed.replace(second=0, microsecond=0), zone)
