"""Feed state on SQLite and PostgreSQL: one poller at a time; racing pollers queue an entry once."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

from posts.config import load_config
from posts.feeds.polling import Poll, PollReport, poll_feed
from posts.queue import open_store
from posts.queue.feeds import FeedStore
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
