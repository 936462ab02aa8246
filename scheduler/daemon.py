"""``herald run``: the tick on a schedule, under APScheduler.

The daemon sleeps until the earliest due time (one ``DateTrigger`` job) instead of polling every
minute, and a one-second watch job re-arms that job when the store's revision changes, so drafts
queued by the CLI are noticed within about a second. The same watch reloads the config on SIGHUP
or when its file changes, and reviews held accounts (:mod:`scheduler.holds`) once a minute. All
publishing is done by :func:`scheduler.tick.run_tick`; this module only decides *when* to call it,
takes the SQLite publisher lock, and stops cleanly on SIGTERM/SIGINT.
"""

from __future__ import annotations

import logging
import os
import random
import secrets
import signal
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from posts.clock import Clock
from posts.config import Config, load_config, user_config_target
from posts.errors import HeraldError, StoreError
from posts.queue import DraftStore, WorkerStore, open_worker
from scheduler.adapters.base import AdapterError
from scheduler.adapters.registry import AdapterPool
from scheduler.feeds import EXECUTOR, THREADS, FeedJobs
from scheduler.holds import review_holds
from scheduler.lock import PublisherLock, lock_path
from scheduler.logs import log_event
from scheduler.notify import open_notifier
from scheduler.retry import AccountGates
from scheduler.tick import TickPolicy, TickReport, run_tick
from scheduler.waiting import waiting_for

log = logging.getLogger("herald.daemon")
REVIEW_EVERY = timedelta(minutes=1)  # how often the daemon looks whether a held account is fixed


def worker_id() -> str:
    """Unique per process and readable in `herald queue show`: host, pid and a random tag."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(2)}"


class Publisher:
    """The tick with everything it keeps between runs: adapters, pacing, a stop flag."""

    def __init__(
        self, store: WorkerStore, config: Config, policy: TickPolicy, clock: Clock
    ) -> None:
        self.store = store
        self.policy = policy
        self.clock = clock
        self.worker = store.worker
        self.config = config
        self.adapters = AdapterPool(config, clock)
        self.gates = AccountGates()  # filled from the store before each part (tick._load_pacing)
        self.rng = random.Random()
        self.stop = threading.Event()
        self.reload_wanted = threading.Event()  # SIGHUP
        self.signal: int | None = None  # the signal that stopped the daemon
        self.problems: dict[str, str] = {}  # draft id -> failed / partial / unconfirmed
        self.notify = open_notifier(config)  # [notify]: delivered in the background
        self._stamp = _file_stamp(_config_file(config))

    def tick(self) -> TickReport:
        report = run_tick(
            self.store,
            self.adapters,
            self.clock,
            policy=self.policy,
            gates=self.gates,
            rng=self.rng,
            stop=self.stop,
            notify=self.notify,
        )
        self.problems.update(report.problems)
        return report

    def close(self) -> None:
        self.adapters.close()
        self.notify.close()  # what is still queued gets a few seconds to go out

    def review_holds(self, *, retry_auth: bool) -> None:
        """Release held accounts that can publish now; remind (hourly, at ERROR) of the rest."""
        review_holds(
            self.store, self.adapters, self.clock(), retry_auth=retry_auth, notify=self.notify
        )

    def reload_if_changed(self) -> bool:
        """Reload the config on SIGHUP or when its file changed, then review the holds (a fixed
        account publishes at once). A config that no longer loads is logged; the old one stays."""
        stamp = _file_stamp(_config_file(self.config))
        if stamp == self._stamp and not self.reload_wanted.is_set():
            return False
        self.reload_wanted.clear()
        self._stamp = stamp
        try:
            config = load_config()
        except HeraldError as exc:
            log_event(log, "reload-failed", {"reason": exc}, level=logging.ERROR)
            return False
        self.adapters.close()
        self.config, self.adapters = config, AdapterPool(config, self.clock)
        self.notify.close(within=0)  # its queue still drains, in the background
        self.notify = open_notifier(config)
        self.policy = TickPolicy.from_config(config, catch_up=self.policy.catch_up)
        _info("reloaded", config=config.path or "embedded defaults")
        self.review_holds(retry_auth=True)
        return True

    def waiting_for(self) -> str:
        """``next: ID ACCOUNT at TIME, in SPAN``, and any held accounts."""
        return waiting_for(
            self.store.next_due(), self.store.holds(), self.clock(), self.config.timezone
        )

    def warm_up(self) -> None:
        """Build every account's adapter now, so the first due post is not late by SDK imports,
        and a missing credential shows in the log at start rather than at the due time."""
        for name in self.adapters.config.accounts:
            try:
                self.adapters(name)
            except (HeraldError, AdapterError) as exc:
                log_event(
                    log, "adapter-error", {"account": name, "reason": exc}, level=logging.WARNING
                )

    def reclaim_crashed(self) -> None:
        """Expire every lease at once (SQLite, lock held: whoever leased it is dead)."""
        for draft_id, owner in self.store.expire_leases(self.clock()):
            _info("reclaimed", draft=draft_id, previous_owner=owner)
        from posts.queue.feeds import FeedStore

        if FeedStore(self.store.db).release_leases():
            _info("feeds-released")

    def feed_jobs(self) -> FeedJobs:
        """The feeds' jobs, queuing through the publisher's database connections."""
        store = DraftStore(self.store.db)
        return FeedJobs(
            store, self.clock, self.worker, lambda: self.config, self.stop, lambda: self.notify
        )


class Daemon:
    """Wake at the next due time, tick, re-arm; re-arm early when the store changes."""

    def __init__(self, publisher: Publisher, poll_seconds: float) -> None:
        self.publisher = publisher
        self.store = publisher.store
        self.poll_seconds = poll_seconds
        self._busy = threading.Lock()  # held while a tick runs
        self._revision: int | None = None
        self._next_review = publisher.clock() + REVIEW_EVERY
        self._feeds = publisher.feed_jobs()
        self._scheduler = BackgroundScheduler(
            timezone=UTC,
            executors={"default": ThreadPoolExecutor(2), EXECUTOR: ThreadPoolExecutor(THREADS)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )

    def serve(self) -> None:
        """Run until the publisher's stop event is set (SIGTERM/SIGINT)."""
        self._scheduler.add_job(self._watch, IntervalTrigger(seconds=self.poll_seconds), id="watch")
        self._feeds.sync(self._scheduler)
        self._scheduler.start()
        self._arm()
        self._announce()
        self.publisher.stop.wait()
        self._drain()
        self._scheduler.shutdown(wait=True)  # waits for the feed jobs too

    def _drain(self) -> None:
        """Let a running tick finish its part in flight, and a running watch its look around,
        before shutting down. APScheduler's shutdown holds the lock that adding or looking up a
        job takes while it waits for running jobs, so a tick or watch that re-armed then would
        wait for ever. Once this returns, every tick and watch sees the stop and leaves the
        scheduler alone."""
        self._scheduler.pause()  # no new job starts
        with self._busy:
            pass

    def _tick(self) -> None:
        with self._busy:
            if self.publisher.stop.is_set():
                return
            try:
                self.publisher.reload_if_changed()  # the watch does too; a due tick must not wait
                self.publisher.tick()
            except StoreError as exc:  # e.g. the database is locked: try again shortly
                log_event(log, "error", {"error": exc}, level=logging.ERROR)
                self._arm(retry_soon=True)
            except Exception:  # a bug must not stop the daemon: what was recorded stays right
                log.exception("tick failed", extra={"event": "error"})
                self._arm(retry_soon=True)
            else:
                self._announce()
                # Last: a tick armed for "now" while this one still runs would be skipped
                # (max_instances=1) and wait for the watch, up to a second late.
                self._arm()

    def _announce(self) -> None:
        try:
            line = self.publisher.waiting_for()
        except StoreError:
            return
        log.info("%s", line, extra={"event": "next", "fields": {"message": line}})

    def _watch(self) -> None:
        if not self._busy.acquire(blocking=False):
            return  # the tick re-arms when it ends
        try:
            if not self.publisher.stop.is_set():
                self._look_around()
        except StoreError:
            return
        finally:
            self._busy.release()

    def _look_around(self) -> None:
        """Reload a changed config, review held accounts now and then, re-arm on new writes."""
        now = self.publisher.clock()
        if self.publisher.reload_if_changed():
            self._next_review = now + REVIEW_EVERY
            self._feeds.sync(self._scheduler)
        elif now >= self._next_review:
            self._next_review = now + REVIEW_EVERY
            self.publisher.review_holds(retry_auth=False)
        revision = self.store.revision()
        if revision != self._revision:
            self._revision = revision
            self._arm()

    def _arm(self, retry_soon: bool = False) -> None:
        """Schedule the tick at the earliest due time (now if overdue); none if nothing is due."""
        if self.publisher.stop.is_set():
            return
        try:
            due = self.store.next_due_at()
        except StoreError:
            due = None
            retry_soon = True
        now = self.publisher.clock()
        if due is None and retry_soon:
            due = now + timedelta(seconds=self.publisher.policy.settings.lease_seconds)
        if due is None:
            if self._scheduler.get_job("tick"):
                self._scheduler.remove_job("tick")
            return
        self._scheduler.add_job(
            self._tick, DateTrigger(max(due, now)), id="tick", replace_existing=True
        )


@contextmanager
def publishing_rights(config: Config, stop: threading.Event, *, wait: bool) -> Iterator[bool]:
    """Hold the SQLite publisher lock (yields False if not got); PostgreSQL needs none.

    ``wait``: stand by until the holder exits (a daemon); otherwise give up at once (``--once``).
    """
    path = lock_path(config.database)
    if path is None:
        yield True
        return
    lock = PublisherLock(path)
    acquired = lock.try_acquire()
    if not acquired and wait:
        _info("standby", lock=str(path), holder=lock.holder())
        while not acquired and not stop.wait(config.scheduler.poll_seconds):
            acquired = lock.try_acquire()
    try:
        yield acquired
    finally:
        lock.release()


def open_publishing_store(config: Config, now: datetime) -> WorkerStore:
    """The store as this process publishes through it, bound to a new worker id."""
    return open_worker(config.database, worker_id(), now=now, busy_timeout=config.database_timeout)


@dataclass(frozen=True)
class RunResult:
    """How ``herald run`` ended: drafts that need attention, and whether Ctrl-C stopped it."""

    problems: dict[str, str]  # draft id -> failed / partial / unconfirmed (the CLI exits 1)
    interrupted: bool = False  # SIGINT (the CLI exits 130, as shells expect)


def run(config: Config, clock: Clock, *, once: bool = False, catch_up: bool = False) -> RunResult:
    """``herald run``: publish until stopped (or, ``once``, what is due now)."""
    store = open_publishing_store(config, clock())
    publisher = Publisher(store, config, TickPolicy.from_config(config, catch_up=catch_up), clock)
    try:
        with (
            _stop_on_signals(publisher, reload=not once),
            publishing_rights(config, publisher.stop, wait=not once) as acquired,
        ):
            if not acquired:
                if publisher.stop.is_set():
                    return _result(publisher)
                raise StoreError(
                    f"another `herald run` is publishing from {store.where} (lock "
                    f"{lock_path(config.database)}); it will publish what is due"
                )
            if lock_path(config.database) is not None:
                publisher.reclaim_crashed()
            publisher.review_holds(retry_auth=not once)  # a restart may be the fix; cron: hourly
            if not once:
                publisher.warm_up()
            _info("started", worker=publisher.worker, database=store.where, once=once)
            if once:
                publisher.tick()
            else:
                Daemon(publisher, config.scheduler.poll_seconds).serve()
            _info("stopped", worker=publisher.worker, problems=len(publisher.problems))
    finally:
        publisher.close()
        store.close()
    return _result(publisher)


def _result(publisher: Publisher) -> RunResult:
    return RunResult(publisher.problems, interrupted=publisher.signal == signal.SIGINT)


@contextmanager
def _stop_on_signals(publisher: Publisher, *, reload: bool) -> Iterator[None]:
    """SIGTERM/SIGINT stop the publisher (the tick ends after its part in flight); SIGHUP asks
    the daemon (``reload``) to read the config again. Handlers are restored after."""

    def handle(signum: int, _frame: FrameType | None) -> None:
        if signum == signal.SIGHUP:
            publisher.reload_wanted.set()
            return
        _info("stopping", signal=signal.Signals(signum).name)
        publisher.signal = signum
        publisher.stop.set()

    wanted = (signal.SIGTERM, signal.SIGINT, *((signal.SIGHUP,) if reload else ()))
    previous = {sig: signal.signal(sig, handle) for sig in wanted}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _info(event: str, *, draft: str | None = None, **fields: object) -> None:
    log_event(log, event, fields, draft=draft)


def _config_file(config: Config) -> Path:
    """The file a reload reads: the one in use, else where a new one would be looked for."""
    return config.path or user_config_target()


def _file_stamp(path: Path) -> tuple[int, int] | None:
    """Modification time and size, or None while the file does not exist."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size
