"""A feed document → its entries: RSS 2.0 and Atom 1.0 through feedparser, JSON Feed 1.1 here.

Each entry is known by one identity: its id (Atom ``<id>``, JSON Feed ``id``), else its guid
(RSS), else its normalised link. The identity, never the title or text, decides whether an entry is
new, so an entry the site edits or a feed that re-orders itself is still the entry already seen.
Feed text is data: nothing here follows a path or fetches a URL (feedparser gets bytes).
"""

from __future__ import annotations

import hashlib
import io
import json
from calendar import timegm
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from posts.addresses import without_tracking
from posts.errors import InputError

_BENIGN = ("CharacterEncodingOverride", "NonXMLContentType")  # feedparser's harmless complaints
_JSON_FEED = "https://jsonfeed.org/version/"


class FeedError(InputError):
    """A document that is not a readable RSS, Atom or JSON feed."""


@dataclass(frozen=True)
class Entry:
    """One entry of a feed, as Herald needs it."""

    identity: str  # id, else guid, else normalised link
    link: str | None  # the article's address (absolute)
    title: str
    content: str | None  # the entry's own HTML or text (for read = "entry")
    published: datetime | None
    position: int  # in document order (feeds list newest first, usually)

    @property
    def key(self) -> str:
        """A fixed-size digest of the identity: how the store knows the entry."""
        return hashlib.sha256(self.identity.encode("utf-8", "surrogatepass")).hexdigest()


def parse_feed(data: bytes, url: str) -> list[Entry]:
    """The entries of the feed document ``data`` fetched from ``url`` (relative links resolve
    against it); :class:`FeedError` with one line when it is not a feed."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return _json_feed(data, url)
    return _xml_feed(data, url)


def oldest_first(entries: list[Entry]) -> list[Entry]:
    """By publication time when every entry has one, else the reverse of document order."""
    if all(e.published is not None for e in entries):
        return sorted(entries, key=lambda e: (e.published, -e.position))
    return sorted(entries, key=lambda e: -e.position)


def normalised_link(link: str) -> str:
    """A link as an identity: scheme and host in lower case, no default port, no fragment, no
    tracking parameters, no trailing slash (so one article is one identity)."""
    parts = urlsplit(without_tracking(link.strip()))
    host = (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    port = f":{parts.port}" if parts.port and parts.port != default else ""
    query = parse_qsl(parts.query, True)
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), host + port, path, urlencode(query), ""))


def _xml_feed(data: bytes, url: str) -> list[Entry]:
    import feedparser  # ~0.1 s to import: only when a feed is read

    parsed = feedparser.parse(io.BytesIO(data), response_headers={"content-location": url})
    if not parsed.get("version"):
        raise FeedError(f"{url} is not an RSS, Atom or JSON feed ({_looks_like(data)})")
    problem = parsed.get("bozo_exception")
    if problem is not None and type(problem).__name__ not in _BENIGN:
        raise FeedError(f"{url} is not a well-formed feed: {_first_line(problem)}")
    return [e for i, raw in enumerate(parsed.entries) if (e := _xml_entry(raw, i)) is not None]


def _xml_entry(raw: Any, position: int) -> Entry | None:
    link = without_tracking(raw["link"]) if raw.get("link") else None  # FeedBurner's utm_…
    identity = (raw.get("id") or "").strip() or (normalised_link(link) if link else "")
    if not identity:
        return None
    content = raw.get("content")
    body = content[0].get("value") if content else raw.get("summary")
    stamp = raw.get("published_parsed") or raw.get("updated_parsed")
    return Entry(
        identity=identity,
        link=link,
        title=(raw.get("title") or "").strip(),
        content=body or None,
        published=datetime.fromtimestamp(timegm(stamp), UTC) if stamp else None,
        position=position,
    )


def _json_feed(data: bytes, url: str) -> list[Entry]:
    """JSON Feed 1.0/1.1: ``version``, ``items`` with ``id``, ``url``, ``title``, content."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise FeedError(f"{url} is not well-formed JSON: {_first_line(exc)}") from None
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith(
        _JSON_FEED
    ):
        raise FeedError(f"{url} is JSON but not a JSON Feed (no jsonfeed.org version)")
    items = document.get("items")
    if not isinstance(items, list):
        raise FeedError(f"{url} is a JSON Feed without an 'items' list")
    found = (_json_entry(item, i, url) for i, item in enumerate(items) if isinstance(item, dict))
    return [e for e in found if e is not None]


def _json_entry(item: dict[str, Any], position: int, base: str) -> Entry | None:
    written = _text(item.get("url")) or _text(item.get("external_url"))
    link = without_tracking(urljoin(base, written)) if written else None
    identity = _text(item.get("id")) or (normalised_link(link) if link else "")
    if not identity:
        return None
    return Entry(
        identity=identity,
        link=link,
        title=_text(item.get("title")),
        content=_text(item.get("content_html")) or _text(item.get("content_text")) or None,
        published=_json_time(item.get("date_published") or item.get("date_modified")),
        position=position,
    )


def _text(value: Any) -> str:
    """A JSON value as text: strings as they are, numbers (JSON Feed 1.0 ids) written out."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return str(value).strip()


def _json_time(value: Any) -> datetime | None:
    """RFC 3339 as JSON Feed writes it; anything else is no time."""
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)


def _looks_like(data: bytes) -> str:
    head = data[:2048].lower()
    if b"<html" in head or b"<!doctype html" in head:
        return "it is an HTML page"
    return "no <rss>, <feed> or JSON Feed document in it"


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
