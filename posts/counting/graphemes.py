"""Extended grapheme clusters, counted the way JavaScript's Intl.Segmenter counts them.

Bluesky's 300-character limit and its 64-character tag limit count graphemes with
Intl.Segmenter; the ``regex`` module's ``\\X`` matches it on the reference strings (including
Unicode 15.1's Indic conjunct rule), and Mastodon counts Ruby grapheme clusters the same way.
"""

from __future__ import annotations

import regex

_CLUSTER = regex.compile(r"\X")


def grapheme_count(text: str) -> int:
    """Number of extended grapheme clusters in ``text``."""
    if text.isascii():
        # In ASCII only CR LF joins into one cluster.
        return len(text) - text.count("\r\n")
    return len(_CLUSTER.findall(text))


def utf8_length(text: str) -> int:
    """UTF-8 byte length; a lone surrogate counts 3 bytes, as U+FFFD does in JavaScript."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))
