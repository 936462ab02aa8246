"""Publishing lanes: a bounded pool of threads where each account has at most one lane at a time.

An account's jobs run in the order given, one after another, on one lane (a thread's parts stay
ordered; pacing and rate limits stay per account); different accounts run at once. A hanging or
rate-limited account therefore holds only its own lane, and the tick stops claiming its drafts
(:meth:`Lanes.busy`) until that lane is free again.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

Job = Callable[[], None]


class Lanes:
    """``size`` lanes; :meth:`submit` queues a job behind the account's earlier ones."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pool = ThreadPoolExecutor(size, thread_name_prefix="lane")
        self._queues: dict[str, deque[Job]] = {}  # accounts on a lane: their jobs not yet started
        self._changed = threading.Condition()
        self.errors: list[BaseException] = []  # what jobs raised, for the caller to report

    def busy(self) -> set[str]:
        """Accounts on a lane (running or queued)."""
        with self._changed:
            return set(self._queues)

    def free(self) -> int:
        """Lanes with no account."""
        with self._changed:
            return self.size - len(self._queues)

    def submit(self, account: str, job: Job) -> None:
        with self._changed:
            if account in self._queues:
                self._queues[account].append(job)
                return
            self._queues[account] = deque([job])
        self._pool.submit(self._drain, account)

    def wait(self, timeout: float) -> None:
        """Until a lane frees up, or ``timeout`` seconds."""
        with self._changed:
            if self._queues:
                self._changed.wait(timeout)

    def close(self) -> None:
        """Wait for every queued job, then end the threads."""
        self._pool.shutdown(wait=True)

    def _drain(self, account: str) -> None:
        while (job := self._next(account)) is not None:
            try:
                job()
            except BaseException as exc:  # kept for the caller; the lane goes on
                self.errors.append(exc)

    def _next(self, account: str) -> Job | None:
        with self._changed:
            queue = self._queues[account]
            if queue:
                return queue.popleft()
            del self._queues[account]
            self._changed.notify_all()
            return None
