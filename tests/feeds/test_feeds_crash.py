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
PAGE_DELAY = 0.3  # seconds each article page takes: the poll is long enough to be hit


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


def start(log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as err:
        return subprocess.Popen([HERALD, "run"], stdout=subprocess.DEVNULL, stderr=err)


def finish(daemons: list[subprocess.Popen[bytes]], links: list[str]) -> Counter[str]:
    """The daemons left to run until every entry has drafts (or a minute passes), then stopped."""
    deadline = time.monotonic() + 60
    counts = drafts_per_link()
    while any(counts[link] == 0 for link in links) and time.monotonic() < deadline:
        time.sleep(0.5)  # the daemons poll every 5 s; bounded by the deadline
        counts = drafts_per_link()
    for proc in daemons:
        proc.send_signal(signal.SIGTERM)
    for proc in daemons:
        proc.wait(timeout=60)
    return drafts_per_link()


@pytest.mark.slow
def test_sigkill_while_polling_neither_loses_nor_doubles_an_entry(
    site: FeedServer, tmp_path: Path, database: str
) -> None:
    """SQLite: one daemon, killed and restarted. PostgreSQL: two daemons polling the same feed,
    one of them killed at random and restarted (a killed poller's lease lapses in 5 s)."""
    trials = int(os.environ.get("HERALD_FEED_TRIALS", "30"))
    rng = random.Random(1402)
    feed = {"url": site.url("/feed"), "to": ACCOUNTS, "when": "hold", "every": "5s"}
    write_config({"blog": {**feed, "max_per_poll": 100}}, extra="[scheduler]\nlease_seconds = 5\n")
    items: list[Item] = []
    serve_feed(site, items)
    prime = [HERALD, "feeds", "poll"]  # the first poll marks what is there: nothing
    assert subprocess.run(prime, capture_output=True, timeout=60).returncode == 0
    kind = "sqlite" if database.endswith(".db") else "postgresql"
    logs = [tmp_path / f"daemon-{n}.log" for n in range(1 if kind == "sqlite" else 2)]
    daemons = [start(log) for log in logs]
    mid_poll = polled = 0
    for _ in range(trials):
        new = [item(site, len(items) + k) for k in range(rng.randint(1, 3))]
        items = new[::-1] + items
        slow_pages(site, new)
        before = len(site.hits("/feed"))
        serve_feed(site, items)
        if wait_for_feed_request(site, before, timeout=8):
            polled += 1
            time.sleep(rng.uniform(0, 1.5))
        victim = rng.randrange(len(daemons))
        daemons[victim].send_signal(signal.SIGKILL)
        daemons[victim].wait()
        mid_poll += polling_now()
        daemons[victim] = start(logs[victim])
    links = [i.link for i in items]
    counts = finish(daemons, links)
    lost = [link for link in links if counts[link] == 0]
    doubled = [link for link in links if counts[link] > len(ACCOUNTS)]
    print(
        f"\nfeed crash trials ({len(daemons)} daemon(s), {kind}): "
        f"{trials} kills, {polled} after the feed was fetched, {mid_poll} inside a poll "
        f"(lease held); {len(items)} entries, {sum(counts.values())} drafts; lost {len(lost)}, "
        f"doubled {len(doubled)}"
    )
    assert (lost, doubled) == ([], [])
    assert all(counts[link] == len(ACCOUNTS) for link in links)
