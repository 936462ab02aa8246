"""X's weighted length: twitter-text 3.1.0 ``parseTweet`` with config v3.

Text is NFC-normalised first. Each URL counts 23 and each emoji sequence 2; every other code
point counts 1 if it lies in one of the v3 light ranges, else 2 (all astral code points are 2).
The reference walks the text and skips each URL or emoji it meets; we count the whole text by
code point and correct for the entities that walk would take, which gives the same sum.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from posts.counting.emoji import EMOJI_WINDOW, emoji_regex
from posts.counting.urls import clear_caches as clear_url_caches
from posts.counting.urls import x_urls

URL_WEIGHT = 23
EMOJI_WEIGHT = 2
# twitter-text config v3 ranges of weight 100 (one char); everything else weighs 200. Matching
# runs rather than single chars keeps CJK text to a few matches.
_HEAVY_RUN = re.compile("[^\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]+")


def _code_point_weight(text: str) -> int:
    if text.isascii():
        return len(text)
    return len(text) + sum(map(len, _HEAVY_RUN.findall(text)))


@lru_cache(maxsize=4096)
def _emoji_in(window: str) -> tuple[tuple[int, int, int], ...]:
    """``(offset, length, weight change)`` of each emoji sequence in an emoji window."""
    return tuple(
        (m.start(), m.end() - m.start(), EMOJI_WEIGHT - _code_point_weight(m.group()))
        for m in emoji_regex().finditer(window)
    )


def x_weighted_length(text: str) -> int:
    """The weighted length X checks against 280 (twitter-text v3)."""
    if text.isascii():
        # No emoji in ASCII (keycaps need U+20E3); URLs need a dot.
        total = len(text)
        if "." in text:
            pos = 0
            for url in x_urls(text):
                if url.start >= pos:
                    total += URL_WEIGHT - url.skip
                    pos = url.start + url.skip
        return total
    text = unicodedata.normalize("NFC", text)
    total = _code_point_weight(text)
    urls = x_urls(text)
    if not urls:  # emoji never overlap one another
        for window in EMOJI_WINDOW.findall(text):
            for _offset, _size, delta in _emoji_in(window):
                total += delta
        return total
    # (start, kind, skip, weight change): a URL wins over an emoji starting at the same index.
    entities = [
        (u.start, 0, u.skip, URL_WEIGHT - _code_point_weight(text[u.start : u.start + u.skip]))
        for u in urls
    ]
    for window in EMOJI_WINDOW.finditer(text):
        start = window.start()
        entities += [
            (start + off, 1, size, delta) for off, size, delta in _emoji_in(window.group())
        ]
    entities.sort()
    pos = 0
    for start, _kind, skip, delta in entities:
        if start >= pos:
            total += delta
            pos = start + skip
    return total


def clear_caches() -> None:
    """Forget per-window and per-run results (for benchmarks that time a cold start)."""
    _emoji_in.cache_clear()
    clear_url_caches()
