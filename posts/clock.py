"""The one source of "now".

Nothing in the core calls ``datetime.now``: it takes a ``now`` or a :data:`Clock`, so tests
drive time by hand (no sleeps) and a benchmark can read the same clock the daemon uses.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
"""A zero-argument callable returning the current time as a timezone-aware UTC datetime."""


def system_clock() -> datetime:
    """The wall clock, in UTC."""
    return datetime.now(UTC)
