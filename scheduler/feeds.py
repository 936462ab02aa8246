"""``herald run``'s feed jobs: each feed polled on its interval, beside the publishing tick.

Every feed is its own APScheduler job on a small executor of its own, so a slow or hanging feed
server holds one feed thread and never the tick (which runs on the default executor). A job wakes
at most every minute and polls only when the store says the feed is due (its interval, back-off
after failures and any ``Retry-After`` are kept there), so several daemons share one schedule and
the lease lets one of them poll at a time.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.interval import IntervalTrigger

from posts.app.notices import Notify
from posts.clock import Clock
from posts.config import Config
from posts.errors import StoreError
from posts.feeds.polling import Poll, PollReport, poll_feed
from posts.queue import DraftStore
from scheduler.logs import log_event

log = logging.getLogger("herald.feeds")
EXECUTOR = "feeds"
THREADS = 2  # feeds polled at once; more wait their turn, the tick never does
WAKE_SECONDS = 60  # how often a job looks whether its feed is due (it is cheap: one read)
_PREFIX = "feed:"


class FeedJobs:
    """The feed jobs of one daemon: added, replaced and removed as the config changes."""

    def __init__(
        self,
        store: DraftStore,
        clock: Clock,
        worker: str,
        config: Callable[[], Config],
        stop: threading.Event,
        notify: Callable[[], Notify],
    ) -> None:
        self.store = store
        self.stop = stop
        self.notify = notify  # the publisher's notifier of the moment (a reload replaces it)
        self.clock = clock
        self.worker = worker
        self.config = config

    def sync(self, scheduler: BaseScheduler) -> None:
        """One job per configured feed, first run now; jobs of feeds gone from the config go."""
        feeds = self.config().feeds
        for job in scheduler.get_jobs():
            if job.id.startswith(_PREFIX) and job.id[len(_PREFIX) :] not in feeds:
                job.remove()
        for name, feed in feeds.items():
            scheduler.add_job(
                self.poll,
                IntervalTrigger(seconds=min(feed.every_seconds, WAKE_SECONDS)),
                args=[name],
                id=f"{_PREFIX}{name}",
                executor=EXECUTOR,
                replace_existing=True,
                next_run_time=self.clock(),
            )

    def poll(self, name: str) -> None:
        """Poll feed ``name`` if it is due; log what happened. Never raises: a feed's trouble is
        logged and retried later."""
        feed = self.config().feeds.get(name)
        if feed is None:
            return
        try:
            poll = Poll(
                self.store,
                self.config(),
                self.clock(),
                self.worker,
                stopping=self.stop.is_set,
                notify=self.notify(),
                clock=self.clock,
            )
            report = poll_feed(poll, feed)
        except StoreError as exc:
            log_event(log, "feed-error", {"feed": name, "reason": exc}, level=logging.WARNING)
            return
        except Exception:  # a bug must not stop the daemon's other feeds or its publishing
            log.exception("feed poll failed", extra={"event": "error"})
            return
        log_report(report)


def log_report(report: PollReport) -> None:
    """One line per thing worth knowing: queued entries (INFO), trouble (WARNING)."""
    if report.outcome == "failed":
        fields: dict[str, object] = {"feed": report.feed, "reason": report.error}
        fields["next"] = _next(report)
        log_event(log, "feed-error", fields, level=logging.WARNING)
    for warning in report.warnings:
        log_event(
            log, "feed-warning", {"feed": report.feed, "reason": warning}, level=logging.WARNING
        )
    if report.outcome == "primed":
        primed = {"feed": report.feed, "entries": report.passed_over, "queued": 0}
        log_event(log, "feed-primed", primed)
    for entry in report.queued:
        ids = ",".join(d.id for d in entry.drafts)
        queued = {"feed": report.feed, "entry": entry.title or entry.identity, "drafts": ids}
        log_event(log, "feed-queued", queued)


def _next(report: PollReport) -> str:
    return report.next_poll_at.isoformat(timespec="seconds") if report.next_poll_at else "-"
