"""Weekly posting slots (``mon-fri 09:00, 13:00``) and the next free one for an account.

The text is parsed here so config errors can say what is wrong; the times themselves come from
APScheduler's ``CronTrigger`` in the account's time zone, which handles daylight-saving changes
(a slot inside a spring-forward gap moves to the first valid time, as cron does).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from posts.errors import ConfigError

_DAY = r"(?:mon|tue|wed|thu|fri|sat|sun)"
_DAYS = re.compile(rf"^(?:{_DAY}(?:-{_DAY})?)(?:,{_DAY}(?:-{_DAY})?)*$")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_ALIASES = {"daily": "mon-sun", "*": "mon-sun", "weekdays": "mon-fri", "weekends": "sat,sun"}
_SEARCH = 2000  # slots examined for a free one: years of slots for any sane schedule


@dataclass(frozen=True)
class Slot:
    days: str  # a cron day_of_week expression, e.g. "mon-fri"
    hour: int
    minute: int


def parse_slots(specs: Iterable[str]) -> tuple[Slot, ...]:
    """``["mon-fri 09:00, 13:00", "sat 10:30"]`` → slots; ConfigError explains a bad one."""
    out: list[Slot] = []
    for spec in specs:
        text = spec.strip().lower()
        head, _, rest = text.partition(" ")
        if _TIME.match(head.rstrip(",")):  # times only: every day
            days, times = "mon-sun", text
        else:
            days, times = _ALIASES.get(head, head), rest
            if not _DAYS.match(days):
                raise ConfigError(
                    f"{spec!r}: '{head}' is not a day range; expected e.g. mon-fri, sat,sun, daily"
                )
        entries = [t.strip() for t in times.split(",") if t.strip()]
        if not entries:
            raise ConfigError(f'{spec!r}: no times; expected e.g. "mon-fri 09:00, 13:00"')
        for entry in entries:
            match = _TIME.match(entry)
            if not match:
                raise ConfigError(f"{spec!r}: '{entry}' is not a time; expected HH:MM (24-hour)")
            out.append(Slot(days, int(match.group(1)), int(match.group(2))))
    return tuple(out)


def upcoming(slots: Sequence[Slot], timezone: str, after: datetime) -> Iterator[datetime]:
    """Slot times strictly after ``after``, in order, as UTC datetimes (merged across slots)."""
    from apscheduler.triggers.cron import CronTrigger

    zone = ZoneInfo(timezone)
    triggers = [
        CronTrigger(day_of_week=s.days, hour=s.hour, minute=s.minute, timezone=zone) for s in slots
    ]
    # get_next_fire_time(previous, now) returns the first fire time ≥ now.
    start = after + timedelta(microseconds=1)
    pending = {i: t.get_next_fire_time(None, start) for i, t in enumerate(triggers)}
    last: datetime | None = None
    while pending:
        i, at = min(((i, at) for i, at in pending.items() if at is not None), key=lambda p: p[1])
        nxt = triggers[i].get_next_fire_time(at, at + timedelta(seconds=1))
        if nxt is None:
            del pending[i]
        else:
            pending[i] = nxt
        utc = at.astimezone(UTC)
        if utc != last:  # two slot lines naming the same time give one slot
            last = utc
            yield utc


def next_free(
    slots: Sequence[Slot], timezone: str, after: datetime, taken: Iterable[datetime]
) -> datetime:
    """The earliest slot after ``after`` that no draft of the account occupies."""
    return FreeSlots(slots, timezone, after).next(set(taken))


class FreeSlots:
    """An account's free slots in order, for many drafts planned at once.

    Taken slots only ever get added while one transaction plans, so the next free slot is never
    before the last one handed out: the search goes on from there instead of starting again from
    now, and planning n drafts examines each slot once (linear, not quadratic, in n).
    """

    def __init__(self, slots: Sequence[Slot], timezone: str, after: datetime) -> None:
        self._upcoming = upcoming(slots, timezone, after)

    def next(self, taken: Container[datetime]) -> datetime:
        """The first slot from here on that is not in ``taken`` (which the caller then fills)."""
        for count, at in enumerate(self._upcoming):
            if at not in taken:
                return at
            if count >= _SEARCH:
                break
        raise ConfigError(
            f"no free posting slot among the next {_SEARCH}; add slots or give a time",
            remedy="give-time",
        )
