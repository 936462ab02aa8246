"""The daemon's feed jobs: trouble is a WARNING line and never a crash; a slow feed never holds up
publishing."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from posts.app.notices import ignore
from posts.config import load_config
from posts.queue import open_store
from scheduler.adapters.mock import read_outbox
from scheduler.feeds import FeedJobs
from tests.feeds.conftest import item, serve_feed, write_config
from tests.feeds.feed_server import T0, FeedServer, Route

HERALD = str(Path(sys.executable).parent / "herald")


def jobs(at: datetime = T0) -> FeedJobs:
    """The daemon's feed jobs at time ``at``, with notifications going nowhere."""
    config = load_config()
    store = open_store(config.database, now=at)
    return FeedJobs(store, lambda: at, "w", lambda: config, threading.Event(), lambda: ignore)


@pytest.mark.parametrize(
    "route",
    [
        Route(b"<p>Oops</p>", status=500, content_type="text/html"),
        Route(b"<rss version='2.0'><channel><item>", content_type="text/xml"),
    ],
)
def test_a_broken_feed_is_a_warning_line(
    site: FeedServer, route: Route, caplog: pytest.LogCaptureFixture
) -> None:
    write_config({"blog": {"url": site.url("/feed"), "to": ["feed-x"], "when": "now"}})
    site.routes["/feed"] = route
    with caplog.at_level(logging.INFO, logger="herald"):
        jobs().poll("blog")
    [record] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert record.name == "herald.feeds" and getattr(record, "event", "") == "feed-error"
    assert "feed=blog" in record.getMessage()


def test_queued_entries_and_a_first_poll_are_info_lines(
    site: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    write_config({"blog": {"url": site.url("/feed"), "to": ["feed-x"], "when": "now"}})
    serve_feed(site, [item(site, 1)])
    with caplog.at_level(logging.INFO, logger="herald"):
        jobs().poll("blog")
        serve_feed(site, [item(site, 2), item(site, 1)])
        jobs(T0.replace(hour=12)).poll("blog")
    events = [getattr(r, "event", "") for r in caplog.records]
    assert events == ["feed-primed", "feed-queued"]
    assert "Harbour story 2" in caplog.records[-1].getMessage()


@pytest.mark.slow
def test_a_hanging_feed_never_delays_publishing(site: FeedServer, tmp_path: Path) -> None:
    write_config({"blog": {"url": site.url("/feed"), "to": ["feed-x"], "when": "now"}})
    site.routes["/feed"] = Route(b"<rss/>", delay=20)  # answers after 20 s
    article = tmp_path / "story.html"
    article.write_bytes(b"<title>Ferries</title><p>Night ferries return to the harbour.</p>")
    queued = subprocess.run(
        [HERALD, "queue", "add", str(article), "--to", "feed-x", "--now"], capture_output=True
    )
    assert queued.returncode == 0, queued.stderr
    started = time.monotonic()
    with (tmp_path / "run.log").open("wb") as err:
        proc = subprocess.Popen([HERALD, "run"], stdout=subprocess.DEVNULL, stderr=err)
    outbox = Path(load_config().outbox)
    try:
        while not (outbox.exists() and read_outbox(outbox)) and time.monotonic() - started < 15:
            time.sleep(0.1)  # watching a real process, bounded
        published = time.monotonic() - started
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    assert site.hits("/feed"), "the feed was polled"
    assert read_outbox(outbox) and published < 15
    print(f"\npublished {published:.1f} s after start while the feed hung for 20 s")


def test_jobs_follow_the_config_one_per_feed(site: FeedServer) -> None:
    from apscheduler.schedulers.background import BackgroundScheduler

    feed = {"url": site.url("/feed"), "to": ["feed-x"], "when": "now"}
    write_config({"blog": {**feed, "every": "15m"}, "news": {**feed, "every": "20s"}})
    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.start(paused=True)  # as in the daemon, where a reload syncs a running scheduler
    jobs().sync(scheduler)
    assert {j.id: j.trigger.interval.total_seconds() for j in scheduler.get_jobs()} == {
        "feed:blog": 60,
        "feed:news": 20,
    }
    write_config({"news": feed})
    jobs().sync(scheduler)
    assert [j.id for j in scheduler.get_jobs()] == ["feed:news"]
    scheduler.shutdown(wait=False)
