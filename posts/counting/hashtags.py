"""Hashtag rules for X (twitter-text 3.1.0) and Mastodon (``Tag::HASHTAG_RE``).

Bluesky's tag rules live with its facet detection in ``bluesky.py``.
"""

from __future__ import annotations

import re
from functools import cache

import regex

from posts.counting.hashtag_chars import HASHTAG_ALNUM, HASHTAG_ALPHA
from posts.counting.urls import x_urls


@cache  # compiled on first use: the classes are long
def _x_hashtag() -> re.Pattern[str]:
    """twitter-text validHashtag: a boundary (start, VS15/VS16, end, or a code point that is
    neither a hashtag char nor "&"), a hash sign not followed by VS16 or a keycap, then hashtag
    chars with at least one letter or mark."""
    return re.compile(
        f"(?:^|[\ufe0e\ufe0f]|\\Z|[^{HASHTAG_ALNUM}&\ud800-\udfff])"
        f"([#\uff03])(?![\ufe0f\u20e3])([{HASHTAG_ALNUM}]*[{HASHTAG_ALPHA}][{HASHTAG_ALNUM}]*)"
    )


_X_HASHTAG_END = ("#", "\uff03", "://")


def x_hashtag_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each X hashtag including its sign; tags inside URLs are dropped."""
    if "#" not in text and "\uff03" not in text:
        return []
    tags = [
        (m.start(1), m.end())
        for m in _x_hashtag().finditer(text)
        if not text.startswith(_X_HASHTAG_END, m.end())
    ]
    urls = x_urls(text)
    if not urls:
        return tags
    # twitter-text removeOverlappingEntities: sort by start (tags first on ties), keep the
    # earlier of two overlapping entities.
    entities = sorted([(s, 0, e) for s, e in tags] + [(u.start, 1, u.end) for u in urls])
    kept: list[tuple[int, int]] = []
    prev_end = -1
    for start, kind, end in entities:
        if start < prev_end:
            continue
        prev_end = end
        if kind == 0:
            kept.append((start, end))
    return kept


def x_is_valid_hashtag(tag: str) -> bool:
    """True when ``#tag`` is exactly one X hashtag (twitter-text ``isValidHashtag``)."""
    text = "#" + tag
    return bool(tag) and x_hashtag_spans(text) == [(0, len(text))]


# Mastodon app/models/tag.rb; Ruby's [[:word:]] is letters, marks, decimal digits and connectors.
_WORD = r"\p{L}\p{M}\p{Nd}\p{Pc}"
_SEPARATORS = "_\u00b7\u30fb\u200c"
_MASTODON_TAG_NAME = (
    f"(?:[{_WORD}_][{_WORD}{_SEPARATORS}]*[\\p{{Alphabetic}}{_SEPARATORS}]"
    f"[{_WORD}{_SEPARATORS}]*[{_WORD}_])|(?:[{_WORD}_]*[\\p{{Alphabetic}}][{_WORD}_]*)"
)


@cache
def _mastodon_tag() -> regex.Pattern[str]:
    return regex.compile(f"(?:{_MASTODON_TAG_NAME})", regex.IGNORECASE)


def mastodon_is_valid_hashtag(tag: str) -> bool:
    """True when Mastodon would link ``#tag`` whole (``Tag::HASHTAG_NAME_RE``)."""
    return _mastodon_tag().fullmatch(tag) is not None
