"""A small threaded HTTP server on 127.0.0.1 serving feeds and article pages the test sets up.

Each path has a :class:`Route`: a body, a status, validators (a matching ``If-None-Match`` gets a
304), a delay before answering (a slow or timing-out server) or an endless body (a feed past any
size cap; the server counts what it managed to send). Every request's headers are recorded.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.loopback_server import base_url, http_serving

CHUNK = b"<item>" + b"x" * 65530  # what an endless body repeats
T0 = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    delay: float = 0.0  # seconds before the answer (server side only)
    endless: bool = False  # stream until the client hangs up, with no Content-Length


@dataclass
class FeedServer:
    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    sent: dict[str, int] = field(default_factory=dict)  # bytes of endless bodies sent
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def hits(self, path: str) -> list[dict[str, str]]:
        with self.lock:
            return [headers for p, headers in self.requests if p == path]


class _Handler(BaseHTTPRequestHandler):
    server: Any

    def log_message(self, format: str, *args: object) -> None:  # quiet
        return

    def do_GET(self) -> None:
        site: FeedServer = self.server.site
        with site.lock:
            site.requests.append((self.path, dict(self.headers.items())))
            route = site.routes.get(self.path)
        if route is None:
            self._answer(404, {"Content-Type": "text/html"}, b"<p>Not here</p>")
            return
        if route.delay:
            time.sleep(route.delay)  # the server side of a slow feed; the client has a deadline
        if route.etag and self.headers.get("If-None-Match") == route.etag:
            self._answer(304, {"ETag": route.etag}, b"")
        elif route.endless:
            self._endless(site)
        else:
            headers = {"Content-Type": route.content_type, **route.headers}
            if route.etag:
                headers["ETag"] = route.etag
            self._answer(route.status, headers, route.body)

    def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        with suppress(OSError):
            self.wfile.write(body)

    def _endless(self, site: FeedServer) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        sent = 0
        try:
            self.wfile.write(b"<?xml version='1.0'?><rss version='2.0'><channel>")
            while sent < 60 * 1024 * 1024:
                self.wfile.write(CHUNK)
                sent += len(CHUNK)
        except OSError:
            pass
        with site.lock:
            site.sent[self.path] = sent


@contextmanager
def feed_server() -> Iterator[FeedServer]:
    site = FeedServer()
    with http_serving(_Handler) as httpd:
        httpd.site = site  # type: ignore[attr-defined]
        site.base = base_url(httpd)
        yield site


@dataclass(frozen=True)
class Item:
    """An entry as the tests write it into a feed."""

    n: int
    title: str = ""
    link: str = ""
    id: str | None = None  # None: the default "urn:entry:<n>"; "" for none at all
    summary: str = ""

    @property
    def published(self) -> datetime:
        return T0 + timedelta(hours=self.n)

    def ident(self) -> str:
        return f"urn:entry:{self.n}" if self.id is None else self.id


def article_page(n: int) -> bytes:
    """An article page with enough text to condense: story ``n``."""
    return (
        f"<html><head><title>Harbour story {n} | Riverside Herald</title></head><body><article>"
        f"<h1>Harbour story {n}</h1>"
        f"<p>The harbour board approved plan number {n} for the night ferries on Tuesday, after "
        "a long debate about fares and the cost of the new pier.</p>"
        "<p>Ferries will run every thirty minutes from the river station, and the first boat "
        "leaves at six in the evening on weekdays.</p></article></body></html>"
    ).encode()


def _xml(items: list[Item], entry: Callable[[Item], str], head: str, tail: str) -> bytes:
    return (head + "".join(entry(i) for i in items) + tail).encode()


def _rss_item(i: Item) -> str:
    guid = f"<guid isPermaLink='false'>{escape(i.ident())}</guid>" if i.ident() else ""
    link = f"<link>{escape(i.link)}</link>" if i.link else ""
    return (
        f"<item>{guid}<title>{escape(i.title or f'Harbour story {i.n}')}</title>{link}"
        f"<description>{escape(i.summary)}</description>"
        f"<pubDate>{format_datetime(i.published, usegmt=True)}</pubDate></item>"
    )


def _atom_entry(i: Item) -> str:
    ident = f"<id>{escape(i.ident())}</id>" if i.ident() else ""
    link = f"<link rel='alternate' href='{escape(i.link)}'/>" if i.link else ""
    return (
        f"<entry>{ident}<title>{escape(i.title or f'Harbour story {i.n}')}</title>{link}"
        f"<updated>{i.published.isoformat()}</updated>"
        f"<content type='html'>{escape(i.summary)}</content></entry>"
    )


def rss(items: list[Item]) -> bytes:
    head = (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Riverside</title>"
        "<link>https://riverside.example/</link><description>News</description>"
    )
    return _xml(items, _rss_item, head, "</channel></rss>")


def atom(items: list[Item]) -> bytes:
    head = (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        "<title>Riverside</title><id>urn:riverside</id><updated>2026-06-01T08:00:00Z</updated>"
    )
    return _xml(items, _atom_entry, head, "</feed>")


def json_feed(items: list[Item]) -> bytes:
    import json

    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Riverside",
            "items": [
                {
                    **({"id": i.ident()} if i.ident() else {}),
                    "url": i.link or None,
                    "title": i.title or f"Harbour story {i.n}",
                    "content_html": i.summary or "<p>.</p>",
                    "date_published": i.published.isoformat(),
                }
                for i in items
            ],
        }
    ).encode()
