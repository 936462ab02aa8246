"""When to try again: backoff for transient errors, rate-limit waits and per-account pacing.

Pure policy with no I/O, so the tick stays a plain sequence of store calls and tests can check
every rule with a fake clock and a seeded random generator.
"""

from __future__ import annotations

import math
import random
import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from posts.config import SchedulerSettings


def backoff_delay(attempt: int, settings: SchedulerSettings, rng: random.Random) -> timedelta:
    """Delay before retry number ``attempt`` (1 after the first failure).

    Exponential with "equal jitter": half the capped delay is fixed, half random, so a burst of
    failures spreads out but no retry comes back almost at once.
    """
    # Bounded whatever the settings say (the config refuses larger ones; a SchedulerSettings built
    # in code is not checked): no float overflow, and a retry time always fits a datetime, so a
    # draft is never left claimed because its retry time could not be computed.
    exponent = min(max(attempt - 1, 0), 64)
    capped = min(
        settings.backoff_max_seconds, settings.backoff_base_seconds * 2.0**exponent, MAX_BACKOFF
    )
    capped = capped if math.isfinite(capped) and capped > 0 else 0.0
    return timedelta(seconds=capped / 2 + rng.uniform(0, capped / 2))


MAX_BACKOFF = 7 * 86400.0  # seconds: the config's bound for backoff_max_seconds


@dataclass(frozen=True)
class Pacing:
    """An account's pacing rule: a minimum gap between drafts and a cap per rolling hour."""

    min_gap: timedelta = timedelta(0)
    hourly_cap: int | None = None


@dataclass
class _Gate:
    starts: deque[datetime] = field(default_factory=deque)  # draft starts in the last hour
    blocked_until: datetime | None = None  # a platform rate limit


class AccountGates:
    """Per-account state the tick keeps between runs: recent publishes and rate-limit waits.

    A rate limit or pacing wait on one account only defers that account's drafts; the tick goes on
    with the others. Lanes share one instance (one lane per account at a time). Before each part
    the tick fills an account's gate from the store (:meth:`load`), where every publisher records
    its starts and rate limits: a restart respects the last hour, and daemons sharing a
    PostgreSQL database pace an account together.
    """

    def __init__(self) -> None:
        self._gates: dict[str, _Gate] = {}
        self._lock = threading.Lock()

    def load(self, account: str, starts: Iterable[datetime], until: datetime | None) -> None:
        """Take ``account``'s pacing from the store, where every publisher on the database
        records it: the stored starts (oldest first; this process's are among them) replace
        those in memory, and a stored rate limit holds as one met here would."""
        gate = self._gate(account)
        gate.starts = deque(starts)
        if until is not None:
            self.block(account, until)

    def _gate(self, account: str) -> _Gate:
        with self._lock:
            return self._gates.setdefault(account, _Gate())

    def ready_at(self, account: str, pacing: Pacing, now: datetime) -> datetime | None:
        """When ``account`` may start its next draft, or None if it may start now."""
        gate = self._gate(account)
        while gate.starts and gate.starts[0] <= now - timedelta(hours=1):
            gate.starts.popleft()
        waits = []
        if gate.blocked_until is not None and gate.blocked_until > now:
            waits.append(gate.blocked_until)
        if gate.starts and pacing.min_gap and gate.starts[-1] + pacing.min_gap > now:
            waits.append(gate.starts[-1] + pacing.min_gap)
        if pacing.hourly_cap is not None and len(gate.starts) >= pacing.hourly_cap:
            waits.append(gate.starts[-pacing.hourly_cap] + timedelta(hours=1))
        return max(waits) if waits else None

    def started(self, account: str, at: datetime) -> None:
        """Record that a draft of ``account`` was published from its first part at ``at``."""
        self._gate(account).starts.append(at)

    def block(self, account: str, until: datetime) -> None:
        """Hold every draft of ``account`` until ``until`` (the platform's rate-limit reset)."""
        gate = self._gate(account)
        gate.blocked_until = max(until, gate.blocked_until or until)
