"""Emoji sequences as twitter-text v3 finds them (twemoji-parser 11.0.2's list).

X weighs each such sequence 2, whatever its code-point count (ZWJ families, skin tones, flags,
keycaps). Emoji newer than that list are weighed per code point, as the reference does.
"""

from __future__ import annotations

import re

from posts.counting.emoji_pattern import EMOJI_PATTERN

EMOJI = re.compile(EMOJI_PATTERN)


def emoji_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` str index spans of the emoji sequences in ``text``."""
    if text.isascii():
        return []
    return [m.span() for m in EMOJI.finditer(text)]
