"""Extended grapheme clusters, counted the way JavaScript's Intl.Segmenter counts them.

Bluesky's 300-character limit and its 64-character tag limit count graphemes with
Intl.Segmenter (Unicode 17 in the reference Node); Mastodon counts Ruby grapheme clusters. The
``regex`` module's ``\\X`` agrees except that it joins a consonant after an Indic linker (virama)
even when no consonant precedes the linker, which Unicode's rule GB9c requires; we re-split
those clusters.
"""

from __future__ import annotations

import re

import regex

from posts.counting.grapheme_data import GRAPHEME_JOINERS_BMP

_CLUSTER = regex.compile(r"\X")
# Any astral char counts as a possible joiner (emoji modifiers, tags, regional indicators...);
# treating too many chars as joiners only costs time. A joiner's neighbours on both sides join
# the stretch too, and one non-joiner between two joiner runs chains them together.
_JOINER = f"(?:[{GRAPHEME_JOINERS_BMP}]|[\U00010000-\U0010ffff])"
_PLAIN = f"(?:(?!{_JOINER}).)"
_STRETCH = re.compile(f"{_PLAIN}?{_JOINER}+(?:{_PLAIN}{_JOINER}+)*{_PLAIN}?", re.DOTALL)
_LINKER = regex.compile(r"\p{InCB=Linker}")
_CONSONANT = regex.compile(r"\p{InCB=Consonant}")
_EXTEND_OR_LINKER = regex.compile(r"[\p{InCB=Extend}\p{InCB=Linker}]")


def _joined_by_gb9c(cluster: str, j: int) -> bool:
    """GB9c: Consonant [Extend Linker]* Linker [Extend Linker]* × Consonant, ending before ``j``."""
    k = j - 1
    linker = False
    while k >= 0 and _EXTEND_OR_LINKER.match(cluster, k):
        linker = linker or _LINKER.match(cluster, k) is not None
        k -= 1
    return linker and k >= 0 and _CONSONANT.match(cluster, k) is not None


def _split_gb9c(cluster: str) -> list[str]:
    pieces = []
    start = 0
    for j in range(1, len(cluster)):
        # Only GB9c joins a consonant to what precedes it inside a cluster.
        if _CONSONANT.match(cluster, j) and not _joined_by_gb9c(cluster, j):
            pieces.append(cluster[start:j])
            start = j
    pieces.append(cluster[start:])
    return pieces


def graphemes(text: str) -> list[str]:
    """The extended grapheme clusters of ``text``, in order."""
    clusters: list[str] = _CLUSTER.findall(text)
    if text.isascii() or not _LINKER.search(text):
        return clusters
    out: list[str] = []
    for cluster in clusters:
        if len(cluster) > 1 and _LINKER.search(cluster):
            out.extend(_split_gb9c(cluster))
        else:
            out.append(cluster)
    return out


def grapheme_count(text: str) -> int:
    """Number of extended grapheme clusters in ``text``.

    Outside the stretches around joining chars each code point is its own cluster, so only
    those stretches are segmented.
    """
    if text.isascii():
        # In ASCII only CR LF joins into one cluster.
        return len(text) - text.count("\r\n")
    count = len(text)
    for stretch in _STRETCH.findall(text):
        count += len(graphemes(stretch)) - len(stretch)
    return count


def utf8_length(text: str) -> int:
    """UTF-8 byte length; a lone surrogate counts 3 bytes, as U+FFFD does in JavaScript."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))
