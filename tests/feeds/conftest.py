"""Feeds on a loopback server, a config naming them, and one poll at a time of the test's choice."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from posts.config import load_config
from posts.feeds.polling import Poll, PollReport, poll_feed
from posts.queue import Draft, open_store
from tests.feeds.feed_server import T0, FeedServer, Item, Route, article_page, feed_server
from tests.queue.conftest import pg_location

__all__ = ["pg_location"]  # the PostgreSQL fixture the database fixture asks for

ACCOUNTS = (
    '[accounts.feed-x]\nplatform = "x"\nmock = true\nslots = "mon-sun 09:00, 13:00, 17:00"\n\n'
    '[accounts.feed-bsky]\nplatform = "bluesky"\nmock = true\nslots = "mon-sun 09:00, 17:00"\n'
)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    where = (
        str(tmp_path / "feeds.db")
        if request.param == "sqlite"
        else str(request.getfixturevalue("pg_location"))
    )
    monkeypatch.setenv("HERALD_DB", where)
    return where


@pytest.fixture
def site() -> Iterator[FeedServer]:
    with feed_server() as server:
        yield server


def toml_value(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return str(value).lower() if isinstance(value, bool) else str(value)


def write_config(feeds: dict[str, dict[str, Any]], extra: str = "") -> None:
    """The test config: two mock accounts and ``feeds`` (url, to, … as TOML keys)."""
    blocks = [ACCOUNTS, extra]
    for name, keys in feeds.items():
        lines = [f"{k} = {toml_value(v)}" for k, v in keys.items()]
        blocks.append(f"[feeds.{name}]\n" + "\n".join(lines) + "\n")
    Path(os.environ["HERALD_CONFIG"]).write_text("\n".join(blocks), encoding="utf-8")


def serve_feed(site: FeedServer, items: list[Item], kind: str = "rss", path: str = "/feed") -> None:
    """Serve ``items`` as a feed of ``kind`` (rss, atom, json) and each item's article page."""
    from tests.feeds import feed_server as docs

    writers = {"rss": docs.rss, "atom": docs.atom, "json": docs.json_feed}
    types = {"rss": "application/rss+xml", "atom": "application/atom+xml"}
    for item in items:
        if item.link.startswith(site.base) and item.link[len(site.base) :] not in site.routes:
            site.routes[item.link[len(site.base) :]] = Route(
                article_page(item.n), content_type="text/html; charset=utf-8"
            )
    site.routes[path] = Route(
        writers[kind](items), content_type=types.get(kind, "application/feed+json")
    )


def item(site: FeedServer, n: int, **kw: Any) -> Item:
    """Entry ``n`` linking to its article page on the site."""
    return Item(n, link=kw.pop("link", site.url(f"/a/{n}")), **kw)


def poll(
    name: str = "blog",
    at: datetime = T0,
    *,
    force: bool = True,
    dry_run: bool = False,
    seconds: float = 30.0,
) -> PollReport:
    config = load_config()
    store = open_store(config.database, now=at)
    try:
        return poll_feed(
            Poll(store, config, at, "test-worker", fetch_seconds=seconds),
            config.feeds[name],
            force=force,
            dry_run=dry_run,
        )
    finally:
        store.close()


def drafts() -> list[Draft]:
    config = load_config()
    store = open_store(config.database, now=T0)
    try:
        return list(store.iter_drafts())
    finally:
        store.close()


def links() -> list[str]:
    """The link of every stored draft, in id order (one per account per entry)."""
    return sorted(d.source.url or "" for d in drafts())
