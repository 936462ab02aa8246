"""Extended grapheme clusters, counted the way JavaScript's Intl.Segmenter counts them.

Bluesky's 300-character limit and its 64-character tag limit count graphemes with
Intl.Segmenter (Unicode 17 in the reference Node); Mastodon counts Ruby grapheme clusters. The
``regex`` module's ``\\X`` agrees except that it joins a consonant after an Indic linker (virama)
even when no consonant precedes the linker, which Unicode's rule GB9c requires; we re-split
those clusters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import regex

from posts.counting.grapheme_data import GRAPHEME_JOINERS_BMP

_CLUSTER = regex.compile(r"\X")
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


@cache  # compiled on first use
def _joiner_runs() -> re.Pattern[str]:
    # Any astral char counts as a possible joiner (emoji modifiers, tags, regional indicators);
    # counting too many chars as joiners only costs time.
    return re.compile(f"(?:[{GRAPHEME_JOINERS_BMP}]|[\U00010000-\U0010ffff])+")


def _stretches(text: str) -> Iterator[tuple[int, int]]:
    """Spans around the runs of joining chars: a run plus its neighbour on each side, with runs
    one char apart chained into one stretch. Elsewhere each code point is its own cluster."""
    start = end = -1
    for run in _joiner_runs().finditer(text):
        if run.start() <= end:  # one char between the runs: it belongs to both
            end = min(run.end() + 1, len(text))
            continue
        if end >= 0:
            yield start, end
        start, end = max(run.start() - 1, 0), min(run.end() + 1, len(text))
    if end >= 0:
        yield start, end


def grapheme_count(text: str) -> int:
    """Number of extended grapheme clusters in ``text``."""
    if text.isascii():
        # In ASCII only CR LF joins into one cluster.
        return len(text) - text.count("\r\n")
    count = len(text)
    for start, end in _stretches(text):
        count += len(graphemes(text[start:end])) - (end - start)
    return count


def utf8_length(text: str) -> int:
    """UTF-8 byte length; a lone surrogate counts 3 bytes, as U+FFFD does in JavaScript."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))
