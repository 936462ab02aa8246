"""Times as the store keeps them: integer milliseconds since the epoch, UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def to_ms(when: datetime) -> int:
    """An aware datetime → epoch ms (a naive one is refused: its zone would be a guess)."""
    if when.tzinfo is None:
        raise ValueError("naive datetime given to the store; attach a time zone first")
    return (when - _EPOCH) // timedelta(milliseconds=1)


def from_ms(ms: int) -> datetime:
    """Epoch ms → an aware UTC datetime, for any stored value.

    A value no datetime can hold (a row written by hand, or by an older Herald that accepted the
    year 9999) reads as :data:`OUT_OF_RANGE_LOW` or :data:`OUT_OF_RANGE_HIGH`, a year of margin
    inside the datetime range, so time-zone conversions and day-sized arithmetic on it never
    overflow; :func:`posts.schedule.times.show_time` shows either as "unreadable time".
    """
    try:
        return max(OUT_OF_RANGE_LOW, min(OUT_OF_RANGE_HIGH, _EPOCH + timedelta(milliseconds=ms)))
    except (OverflowError, TypeError, ValueError):
        try:
            return OUT_OF_RANGE_HIGH if int(ms) > 0 else OUT_OF_RANGE_LOW
        except (OverflowError, TypeError, ValueError):
            return OUT_OF_RANGE_LOW


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
OUT_OF_RANGE_LOW = datetime(2, 1, 1, tzinfo=UTC)
OUT_OF_RANGE_HIGH = datetime(9998, 1, 1, tzinfo=UTC)
