"""X's weighted length: twitter-text 3.1.0 ``parseTweet`` with config v3.

Text is NFC-normalised first. Each URL counts 23 and each emoji sequence 2; every other code
point counts 1 if it lies in one of the v3 light ranges, else 2 (all astral code points are 2).
"""

from __future__ import annotations

import re
import unicodedata

from posts.counting.emoji import EMOJI
from posts.counting.urls import x_urls

URL_WEIGHT = 23
EMOJI_WEIGHT = 2
# twitter-text config v3 ranges of weight 100 (one char); everything else weighs 200.
_HEAVY = re.compile("[^\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")


def _plain_weight(text: str, start: int, end: int) -> int:
    if start >= end:
        return 0
    chunk = text[start:end]
    if chunk.isascii():
        return end - start
    return end - start + len(_HEAVY.findall(chunk))


def x_weighted_length(text: str) -> int:
    """The weighted length X checks against 280 (twitter-text v3)."""
    if text.isascii():
        if "." not in text:
            return len(text)
    else:
        text = unicodedata.normalize("NFC", text)
    urls = x_urls(text)
    if not urls and text.isascii():
        return len(text)
    # (start, kind, skip, weight): URLs win over an emoji starting at the same index.
    entities = [(u.start, 0, u.skip, URL_WEIGHT) for u in urls]
    if not text.isascii():
        entities.extend(
            (m.start(), 1, m.end() - m.start(), EMOJI_WEIGHT) for m in EMOJI.finditer(text)
        )
        entities.sort()
    total = 0
    pos = 0
    for start, _kind, skip, weight in entities:
        if start < pos:
            continue
        total += _plain_weight(text, pos, start) + weight
        pos = start + skip
    return total + _plain_weight(text, pos, len(text))
