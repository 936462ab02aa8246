"""Feed state on SQLite and PostgreSQL: one poller at a time; racing pollers queue an entry once."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

from posts.app.notices import Notice
from posts.config import load_config
from posts.feeds.polling import Poll, PollReport, poll_feed
from posts.queue import open_store
from posts.queue.feeds import FeedStore
from posts.queue.migrations import migrate
from posts.queue.sql import Database
from tests.feeds.conftest import drafts, item, serve_feed, write_config
from tests.feeds.feed_server import T0, FeedServer, Route, article_page


def test_one_poller_holds_a_feed_at_a_time(database: str) -> None:
    feeds = FeedStore(open_store(database, now=T0).db)
    one = feeds.claim("blog", "http://x/feed", "one", T0, 600, force=False)
    assert one is not None and one.lease_owner == "one"
    assert feeds.claim("blog", "http://x/feed", "two", T0, 600, force=True) is None
    later = T0 + timedelta(minutes=11)  # the lease expired: its holder is gone
    assert feeds.claim("blog", "http://x/feed", "two", later, 600, force=True) is not None


def test_racing_pollers_queue_each_entry_once(database: str, site: FeedServer) -> None:
    feed = {"url": site.url("/feed"), "to": ["feed-x", "feed-bsky"], "when": "now"}
    write_config({"blog": feed})
    serve_feed(site, [])
    config = load_config()
    poll_feed(Poll(open_store(database, now=T0), config, T0, "primer"), config.feeds["blog"])
    new = [item(site, n) for n in range(1, 4)]
    serve_feed(site, new)
    for i in new:  # slow pages, so the pollers overlap
        site.routes[f"/a/{i.n}"] = Route(article_page(i.n), content_type="text/html", delay=0.2)
    reports: list[PollReport] = []

    def racer(name: str, expire: bool) -> None:
        at = T0 + timedelta(hours=1, minutes=11 if expire else 0)  # the second takes over
        store = open_store(database, now=at)
        try:
            poll = Poll(store, config, at, name)
            reports.append(poll_feed(poll, config.feeds["blog"], force=True))
        finally:
            store.close()

    fetched = len(site.hits("/feed"))
    first = threading.Thread(target=racer, args=("w0", False))
    first.start()
    while len(site.hits("/feed")) == fetched and first.is_alive():
        first.join(timeout=0.01)  # until the first poller holds the feed and has fetched it
    second = threading.Thread(target=racer, args=("w1", True))
    second.start()
    for thread in (first, second):
        thread.join(timeout=60)
    counts = Counter(d.source.url for d in drafts())
    assert counts == {i.link: 2 for i in new}, counts
    assert [r.outcome for r in reports] == ["polled", "polled"]  # both polled at once
    assert sum(len(r.queued) for r in reports) == len(new)


def hourly_polls(
    database: str, site: FeedServer, heard: list[Notice]
) -> Callable[[int], PollReport]:
    """Polls of a primed feed with one account, ``hours`` after T0, notices going to ``heard``."""
    write_config({"blog": {"url": site.url("/feed"), "to": ["feed-x"], "when": "now"}})
    serve_feed(site, [])
    config = load_config()
    store = open_store(database, now=T0)

    def poll(hours: int) -> PollReport:
        at = T0 + timedelta(hours=hours)
        return poll_feed(Poll(store, config, at, "w", notify=heard.append), config.feeds["blog"])

    poll(0)
    return poll


def test_an_entry_that_keeps_failing_is_given_up_once_and_never_fetched_again(
    database: str, site: FeedServer
) -> None:
    heard: list[Notice] = []
    poll = hourly_polls(database, site, heard)
    serve_feed(site, [item(site, 1, link=site.url("/gone"))])
    site.routes["/gone"] = Route(b"<p>Gone</p>", status=404, content_type="text/html")
    reports = [poll(h) for h in range(1, 3 + 2)]
    assert [len(r.given_up) for r in reports] == [0] * (3 - 1) + [1, 0]
    assert all("not queued" in r.warnings[0] for r in reports[: 3 - 1])
    assert "given up after 3 failed polls" in reports[3 - 1].warnings[0]
    assert reports[-1].warnings == () and reports[-1].outcome == "polled"
    assert len(site.hits("/gone")) == 3
    [notice] = heard
    assert notice.event == "feed-error" and "404" in (notice.reason or "")
    assert notice.feed is not None and notice.feed["entry"]["link"] == site.url("/gone")
    state = FeedStore(open_store(database, now=T0).db).states()["blog"]
    assert (state.entries_seen, state.entries_given_up, state.drafts_queued) == (1, 1, 0)
    assert drafts() == []


def test_an_entry_failing_fewer_times_than_the_bound_is_queued_when_it_comes_back(
    database: str, site: FeedServer
) -> None:
    poll = hourly_polls(database, site, [])
    serve_feed(site, [item(site, 1)])
    page = site.routes["/a/1"]
    site.routes["/a/1"] = Route(b"busy", status=503, content_type="text/plain")
    assert [poll(h).given_up for h in range(1, 3)] == [()] * (3 - 1)
    site.routes["/a/1"] = page
    assert [e.identity for e in poll(3).queued] == ["urn:entry:1"]
    state = FeedStore(open_store(database, now=T0).db).states()["blog"]
    assert (state.entries_seen, state.entries_given_up) == (1, 0)


def test_a_database_from_before_given_up_entries_is_listed_and_then_upgraded(
    database: str,
) -> None:
    db = Database(database)
    migrate(db, 0, upto="0008_media_uploaded_at")
    with db.write() as conn:  # a feed polled by the previous version
        conn.run(
            "INSERT INTO feeds (name, url, backlog, next_poll_at, failures, drafts_queued) "
            "VALUES ('blog', 'http://x/feed', 0, 0, 0, 0)"
        )
    assert FeedStore(db).states()["blog"].entries_given_up == 0  # read only, not migrated
    db.dispose()
    feeds = FeedStore(open_store(database, now=T0).db)
    claimed = feeds.claim("blog", "http://x/feed", "w", T0, 60, force=True)
    assert claimed is not None and claimed.entries_given_up == 0
