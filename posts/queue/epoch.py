"""Times as the store keeps them: integer milliseconds since the epoch, UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def to_ms(when: datetime) -> int:
    """An aware datetime → epoch ms (a naive one is refused: its zone would be a guess)."""
    if when.tzinfo is None:
        raise ValueError("naive datetime given to the store; attach a time zone first")
    return (when - _EPOCH) // timedelta(milliseconds=1)


def from_ms(ms: int) -> datetime:
    return _EPOCH + timedelta(milliseconds=ms)


def utcnow() -> datetime:
    return datetime.now(UTC)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
