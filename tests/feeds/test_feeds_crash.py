"""A real `herald run` polling a feed, killed with SIGKILL at random moments, again and again.

Every trial adds entries to the feed, starts the daemon, waits until it fetches the feed, and kills
it a random moment later: often while it reads the entries' pages or stores their drafts. In the
end every entry has exactly one draft per account: none lost, none doubled. Figures are printed
(run with -s to see them); HERALD_FEED_TRIALS sets the number of trials (default 30).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from posts.queue import open_store
from posts.queue.feeds import FeedStore
from tests.feeds.conftest import item, serve_feed, write_config
from tests.feeds.feed_server import FeedServer, Item, Route, article_page

HERALD = str(Path(sys.executable).parent / "herald")
ACCOUNTS = ["feed-x", "feed-bsky"]
PAGE_DELAY = 0.15  # seconds each article page takes: the poll is long enough to be hit


def slow_pages(site: FeedServer, items: list[Item]) -> None:
    for i in items:
        site.routes[f"/a/{i.n}"] = Route(
            article_page(i.n), content_type="text/html", delay=PAGE_DELAY
        )


def wait_for_feed_request(site: FeedServer, before: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(site.hits("/feed")) > before:
            return True
        time.sleep(0.02)  # watching a real process, bounded by the deadline
    return False


def drafts_per_link() -> Counter[str]:
    store = open_store(os.environ["HERALD_DB"], now=datetime.now(UTC))
    try:
        return Counter(d.source.url or "" for d in store.iter_drafts())
    finally:
        store.close()


def polling_now() -> bool:
    """Whether the feed's lease is held: the daemon was killed inside a poll."""
    store = open_store(os.environ["HERALD_DB"], now=datetime.now(UTC))
    try:
        return FeedStore(store.db).states()["blog"].lease_owner is not None
    finally:
        store.close()


def finish(links: list[str], log: Path) -> Counter[str]:
    """A daemon left to run until every entry has drafts (or a minute passes), then stopped."""
    with log.open("wb") as err:
        proc = subprocess.Popen([HERALD, "run"], stdout=subprocess.DEVNULL, stderr=err)
    deadline = time.monotonic() + 60
    counts = drafts_per_link()
    while any(counts[link] == 0 for link in links) and time.monotonic() < deadline:
        time.sleep(0.5)  # the daemon polls every 5 s; bounded by the deadline
        counts = drafts_per_link()
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    return drafts_per_link()


@pytest.mark.slow
def test_sigkill_while_polling_neither_loses_nor_doubles_an_entry(
    site: FeedServer, tmp_path: Path
) -> None:
    trials = int(os.environ.get("HERALD_FEED_TRIALS", "30"))
    rng = random.Random(1402)
    feed = {"url": site.url("/feed"), "to": ACCOUNTS, "when": "hold", "every": "5s"}
    write_config({"blog": {**feed, "max_per_poll": 100}})
    items: list[Item] = []
    serve_feed(site, items)
    prime = [HERALD, "feeds", "poll"]  # the first poll marks what is there: nothing
    assert subprocess.run(prime, capture_output=True, timeout=60).returncode == 0
    mid_poll = polled = 0
    for trial in range(trials):
        new = [item(site, len(items) + k) for k in range(rng.randint(1, 3))]
        items = new[::-1] + items
        slow_pages(site, new)
        serve_feed(site, items)
        before = len(site.hits("/feed"))
        log = tmp_path / f"trial-{trial}.log"
        with log.open("wb") as err:
            proc = subprocess.Popen([HERALD, "run"], stdout=subprocess.DEVNULL, stderr=err)
        if wait_for_feed_request(site, before, timeout=8):
            polled += 1
            time.sleep(rng.uniform(0, 3.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        mid_poll += polling_now()
    links = [i.link for i in items]
    counts = finish(links, tmp_path / "finish.log")
    lost = [link for link in links if counts[link] == 0]
    doubled = [link for link in links if counts[link] > len(ACCOUNTS)]
    print(
        f"\nfeed crash trials: {trials} kills, {polled} after the feed was fetched, {mid_poll} "
        f"inside a poll (lease held); {len(items)} entries, {sum(counts.values())} drafts; "
        f"lost {len(lost)}, doubled {len(doubled)}"
    )
    assert (lost, doubled) == ([], [])
    assert all(counts[link] == len(ACCOUNTS) for link in links)
