"""A daemon that SIGTERM reaches while its watch job is re-arming the tick (run as a module, so
a daemon that never stops can be killed: ``python -m tests.scheduler.stop_mid_arm``).

The store's answer to "when is the next draft due?" is held back, for the watch job, until the
daemon has begun to stop; the watch then adds the tick job. Exits 0 once the daemon stopped.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.base import STATE_RUNNING

from posts.config import load_config
from posts.queue import NewDraft, NewPart, Source, WorkerStore, open_store
from scheduler.daemon import Daemon, Publisher, open_publishing_store
from scheduler.tick import TickPolicy


class StopMidArm:
    """The store, except that the watch job's question about the next due time is when the
    stop signal arrives, and its answer waits until the daemon is stopping."""

    def __init__(self, store: WorkerStore, publisher: Publisher) -> None:
        self._store = store
        self._publisher = publisher
        self.daemon: Daemon | None = None

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)

    def next_due_at(self) -> datetime | None:
        if threading.current_thread() is not threading.main_thread() and self.daemon:
            self._publisher.stop.set()  # what the SIGTERM handler does
            stopping = threading.Event()
            while self.daemon._scheduler.state == STATE_RUNNING:  # private: the state
                stopping.wait(0.01)
        return self._store.next_due_at()


def main() -> None:
    config = load_config()
    now = datetime.now(UTC)
    queue = open_store(config.database, now=now)
    source = Source("a.md", "0" * 64, "A")
    queue.add(
        [NewDraft("mine", "x", source, (NewPart("hi", 2),), now + timedelta(hours=1))], now=now
    )
    queue.close()
    store = open_publishing_store(config, now)
    publisher = Publisher(store, config, TickPolicy.from_config(config), lambda: datetime.now(UTC))
    proxy = StopMidArm(store, publisher)
    publisher.store = proxy  # type: ignore[assignment]
    daemon = Daemon(publisher, poll_seconds=0.05)
    proxy.daemon = daemon
    daemon.serve()
    store.close()
    print("stopped")


if __name__ == "__main__":
    main()
