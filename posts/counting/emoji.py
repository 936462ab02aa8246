"""Emoji sequences as twitter-text v3 finds them (twemoji-parser 11.0.2's list).

X weighs each such sequence 2, whatever its code-point count (ZWJ families, skin tones, flags,
keycaps). Emoji newer than that list are weighed per code point, as the reference does.
"""

from __future__ import annotations

import re
from functools import cache

from posts.counting.emoji_pattern import EMOJI_PATTERN, EMOJI_START_BMP


@cache  # compiled on first use
def emoji_regex() -> re.Pattern[str]:
    """twemoji-parser's pattern: ``finditer`` gives the emoji sequences in order."""
    return re.compile(EMOJI_PATTERN)


# What can follow the first char of a sequence in the list: VS16, the keycap mark, skin tones,
# tag characters, a second regional indicator, or a ZWJ and any char.
_CONTINUATION = "\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f\U0001f1e6-\U0001f1ff"
# A window is a char that can start a sequence plus everything that could continue one. Over a
# window ``emoji_regex().finditer`` finds exactly the matches it finds there in the whole text,
# and none lie outside windows. Windows repeat ("🎉", "👍🏽"), so callers can cache per window
# instead of running the long alternation over every char. The BMP class compiles to a bitmap.
EMOJI_WINDOW = re.compile(
    f"(?:[#*0-9](?=[\ufe0f\u20e3])|[{EMOJI_START_BMP}]|[\U00010000-\U0010ffff])"
    f"(?:[{_CONTINUATION}]|\u200d.)*",
    re.DOTALL,
)
