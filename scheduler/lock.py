"""One publisher per SQLite database: an exclusive ``fcntl`` lock on ``<db>.lock``.

SQLite has no ``SKIP LOCKED``, so two daemons on one file would race for the same claims. The
lock makes the second one a standby that takes over when the first exits or dies: the kernel drops
the lock with the process, so a ``kill -9`` never leaves it stale. PostgreSQL needs no lock: its
daemons share the work through ``FOR UPDATE SKIP LOCKED`` and expiring leases.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from posts.queue.sql import locate


def lock_path(database: str) -> Path | None:
    """``<db file>.lock`` for a SQLite database, None for a server database."""
    found = locate(database).file
    return None if found is None else Path(f"{found}.lock")


class PublisherLock:
    """The exclusive right to publish from one SQLite file, held until released or exit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        """Take the lock if it is free; never blocks."""
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def holder(self) -> str:
        """The pid written by the current holder, for messages ("" if unknown)."""
        try:
            return self.path.read_text().strip()
        except OSError:
            return ""

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
