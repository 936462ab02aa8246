"""Each platform's own length rules, exact and fast, with no SDK imported.

- ``x``: twitter-text v3 weighted length (NFC; CJK and most symbols 2; each URL, bare domains
  included, 23; each emoji sequence 2).
- ``bluesky``: extended grapheme clusters (as Intl.Segmenter counts them); also ≤ 3000 UTF-8 bytes.
- ``mastodon``: grapheme clusters with each URL as 23 and ``@user@domain`` as ``@user``.

Spans are ``(start, end)`` Python str indices, end exclusive. Sources and known deviations are
in docs/counting.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from posts.counting.bluesky import (
    bluesky_facets,
    bluesky_is_valid_hashtag,
    bluesky_mention_spans,
    bluesky_mentions,
    bluesky_tag_spans,
    bluesky_url_spans,
)
from posts.counting.graphemes import grapheme_count, utf8_length
from posts.counting.hashtags import mastodon_is_valid_hashtag, x_hashtag_spans, x_is_valid_hashtag
from posts.counting.mastodon import mastodon_length
from posts.counting.mentions import mastodon_mentions, x_mention_spans
from posts.counting.urls import mastodon_urls, x_urls
from posts.counting.x_length import x_weighted_length
from posts.errors import UnknownPlatformError

__all__ = [
    "BLUESKY_MAX_BYTES",
    "DEFAULT_LIMITS",
    "PLATFORMS",
    "bluesky_facets",
    "bluesky_mentions",
    "fits",
    "hashtag_spans",
    "is_valid_hashtag",
    "limit_for",
    "measure",
    "mention_spans",
    "url_spans",
]

Spans = list[tuple[int, int]]
_Rule = TypeVar("_Rule")

DEFAULT_LIMITS: dict[str, int] = {"x": 280, "bluesky": 300, "mastodon": 500}
PLATFORMS: tuple[str, ...] = tuple(DEFAULT_LIMITS)
BLUESKY_MAX_BYTES = 3000
X_INVALID_CHARS = ("\ufffe", "\ufeff", "\uffff")


def _x_url_spans(text: str) -> Spans:
    return [(u.start, u.end) for u in x_urls(text)]


def _mastodon_url_spans(text: str) -> Spans:
    return [(u.start, u.end) for u in mastodon_urls(text)]


def _mastodon_hashtag_spans(text: str) -> Spans:
    # Mastodon links what twitter-text finds as a hashtag when Tag::HASHTAG_RE accepts the name.
    return [(s, e) for s, e in x_hashtag_spans(text) if mastodon_is_valid_hashtag(text[s + 1 : e])]


def _mastodon_mention_spans(text: str) -> Spans:
    return [(s, e) for s, e, _account in mastodon_mentions(text)]


_MEASURE: dict[str, Callable[[str], int]] = {
    "x": x_weighted_length,
    "bluesky": grapheme_count,
    "mastodon": mastodon_length,
}
_URL_SPANS: dict[str, Callable[[str], Spans]] = {
    "x": _x_url_spans,
    "bluesky": bluesky_url_spans,
    "mastodon": _mastodon_url_spans,
}
_HASHTAG_SPANS: dict[str, Callable[[str], Spans]] = {
    "x": x_hashtag_spans,
    "bluesky": bluesky_tag_spans,
    "mastodon": _mastodon_hashtag_spans,
}
_MENTION_SPANS: dict[str, Callable[[str], Spans]] = {
    "x": x_mention_spans,
    "bluesky": bluesky_mention_spans,
    "mastodon": _mastodon_mention_spans,
}
_VALID_HASHTAG: dict[str, Callable[[str], bool]] = {
    "x": x_is_valid_hashtag,
    "bluesky": bluesky_is_valid_hashtag,
    "mastodon": mastodon_is_valid_hashtag,
}


def _rule(table: dict[str, _Rule], platform: str) -> _Rule:
    try:
        return table[platform]
    except KeyError:
        raise UnknownPlatformError(
            f"unknown platform {platform!r} (known: {', '.join(PLATFORMS)})"
        ) from None


def measure(platform: str, text: str) -> int:
    """The platform's own length of ``text`` (X weighted length, Bluesky or Mastodon graphemes)."""
    return _rule(_MEASURE, platform)(text)


def limit_for(platform: str) -> int:
    """The platform's default post limit in its own units."""
    return _rule(DEFAULT_LIMITS, platform)


def fits(platform: str, text: str, limit: int | None = None) -> bool:
    """True when ``text`` fits ``limit`` (default: the platform's).

    Bluesky also needs ≤ 3000 UTF-8 bytes; X also refuses U+FFFE, U+FEFF and U+FFFF anywhere
    (twitter-text ``parseTweet``'s ``valid``).
    """
    if limit is None:
        limit = limit_for(platform)
    if measure(platform, text) > limit:
        return False
    if platform == "bluesky":
        return utf8_length(text) <= BLUESKY_MAX_BYTES
    return platform != "x" or not any(c in text for c in X_INVALID_CHARS)


def url_spans(platform: str, text: str) -> Spans:
    """Spans of what the platform links as a URL; the condenser never cuts inside one."""
    return _rule(_URL_SPANS, platform)(text)


def hashtag_spans(platform: str, text: str) -> Spans:
    """Spans of the hashtags the platform links, the sign included."""
    return _rule(_HASHTAG_SPANS, platform)(text)


def mention_spans(platform: str, text: str) -> Spans:
    """Spans of the mentions the platform recognises, the at sign included."""
    return _rule(_MENTION_SPANS, platform)(text)


def is_valid_hashtag(platform: str, tag: str) -> bool:
    """True when ``#tag`` (``tag`` given without the sign) is linked whole on the platform."""
    return _rule(_VALID_HASHTAG, platform)(tag)
