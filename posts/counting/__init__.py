"""Each platform's own length rules, exact and fast, with no SDK imported.

- ``x``: twitter-text v3 weighted length (NFC; CJK and most symbols 2; each URL, bare domains
  included, 23; each emoji sequence 2).
- ``bluesky``: extended grapheme clusters (as Intl.Segmenter counts them); also ≤ 3000 UTF-8 bytes.
- ``mastodon``: grapheme clusters with each URL as 23 and ``@user@domain`` as ``@user``.

Each function finds the platform's rules through its description (posts.platforms), so a new
platform brings its own. Spans are ``(start, end)`` Python str indices, end exclusive. Sources
and known deviations are in docs/counting.md.
"""

from __future__ import annotations

from posts import platforms
from posts.counting.bluesky import (
    bluesky_facets,
    bluesky_link_text,
    bluesky_mentions,
    shortened_links,
)
from posts.counting.graphemes import utf8_length
from posts.platforms.description import Counting, Spans

__all__ = [
    "admits",
    "bluesky_facets",
    "bluesky_link_text",
    "bluesky_mentions",
    "fits",
    "hashtag_spans",
    "is_valid_hashtag",
    "limit_for",
    "measure",
    "mention_spans",
    "shortened_links",
    "url_spans",
]


def _rules(platform: str) -> Counting:
    return platforms.get(platform).rules


def measure(platform: str, text: str) -> int:
    """The platform's own length of ``text`` (X weighted length, Bluesky or Mastodon graphemes)."""
    return _rules(platform).measure(text)


def limit_for(platform: str) -> int:
    """The platform's default post limit in its own units."""
    return platforms.get(platform).limit


def fits(platform: str, text: str, limit: int | None = None) -> bool:
    """True when ``text`` fits ``limit`` (default: the platform's) and the platform's byte limit
    (Bluesky: 3000 UTF-8 bytes), with none of the characters it refuses (X: U+FFFE, U+FEFF and
    U+FFFF, twitter-text ``parseTweet``'s ``valid``)."""
    described = platforms.get(platform)
    if described.rules.measure(text) > (described.limit if limit is None else limit):
        return False
    return admits(platform, text)


def admits(platform: str, text: str) -> bool:
    """Does ``text`` pass the platform's checks other than its length: the byte limit and the
    characters it refuses (see :func:`fits`)?"""
    described = platforms.get(platform)
    if described.max_bytes is not None and utf8_length(text) > described.max_bytes:
        return False
    return not any(c in text for c in described.invalid_chars)


def url_spans(platform: str, text: str) -> Spans:
    """Spans of what the platform links as a URL; the condenser never cuts inside one."""
    return _rules(platform).url_spans(text)


def hashtag_spans(platform: str, text: str) -> Spans:
    """Spans of the hashtags the platform links, the sign included."""
    return _rules(platform).hashtag_spans(text)


def mention_spans(platform: str, text: str) -> Spans:
    """Spans of the mentions the platform recognises, the at sign included."""
    return _rules(platform).mention_spans(text)


def is_valid_hashtag(platform: str, tag: str) -> bool:
    """True when ``#tag`` (``tag`` given without the sign) is linked whole on the platform."""
    return _rules(platform).is_valid_hashtag(tag)
