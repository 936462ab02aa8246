"""Does a sentence say again what the hook already said, in other words?

A lead often restates the summary ("…unusual deal structures can affect shareholders" then
"…different acquisition structures can affect how shareholders are treated"): the same claim,
partly reworded. Shared single words cannot tell that from a sentence on the same topic, so the
test counts shared *phrases*: adjacent content words (function words left out, each word cut to
its first six letters so "structures" meets "structure"), each weighted by its rarity, ``1/df``
over the article's sentences. A phrase the article repeats everywhere ("Star Wars", "Twitter
Lite") is the topic's name and weighs little; one said only in the hook and this sentence is
the same claim made twice. A short sentence whose words the hook nearly all said adds nothing.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from itertools import pairwise

_WORD = re.compile(r"[^\W\d_]{4,}")
_FUNCTION = frozenset(
    """with that this than from into have been were will would could should what when which
    their there they them more most some such only also very like make made about over after
    before rather just your every these those other many much even well here""".split()  # noqa: SIM905
)
STEM = 6  # letters of a word that decide whether two words are the same
ECHO = 1.5  # rarity-weighted shared phrases that make a sentence a restatement
LEAD_ECHO = 2  # a lead sentence sharing this many phrases with the hook …
LEAD_SHARE = 0.3  # … and this share of its words, restates it (the summary is written from it)
SHORT_WORDS = 4  # a sentence of this few content words …
SHORT_SHARE = 0.75  # … this share of them in the hook adds nothing to it


def phrases(text: str) -> set[tuple[str, str]]:
    """Pairs of adjacent content words, stemmed, function words left out."""
    words = words_of(text)
    return set(pairwise(words))


def words_of(text: str) -> list[str]:
    return [w[:STEM] for w in _WORD.findall(text.casefold()) if w not in _FUNCTION]


def stems(words: Iterable[str]) -> frozenset[str]:
    """Words cut to their stems (a script written without spaces keeps its character n-grams
    as they are)."""
    return frozenset(w[:STEM] for w in words)


class Echo:
    """The hook's phrases, and how many of the article's sentences use each (counted for a
    phrase when a sentence shares it with the hook, once)."""

    def __init__(self, hook: Sequence[str], sentences: Sequence[str]) -> None:
        text = " ".join(hook)
        self._phrases = phrases(text)
        self._words = set(words_of(text))
        self._sentences = sentences
        self._folded: list[str] = []
        self._df: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()

    def restates(self, text: str, lead: bool = False) -> bool:
        """Does ``text`` mostly make the hook's claim again? A lead sentence needs less proof; a
        short one ("Allergies to peanuts are on the rise.") none but its words."""
        listed = words_of(text)
        words = set(listed)
        share = len(words & self._words) / len(words) if words else 0.0
        if len(words) <= SHORT_WORDS and share >= SHORT_SHARE:
            return True
        shared = set(pairwise(listed)) & self._phrases
        if not shared:
            return False
        if sum(1 / max(self._count(p), 1) for p in shared) >= ECHO:
            return True
        return lead and len(shared) >= LEAD_ECHO and share >= LEAD_SHARE

    def _count(self, phrase: tuple[str, str]) -> int:
        """How many of the article's sentences use ``phrase``: only those holding both its
        words, as text, are split into phrases."""
        with self._lock:
            known = self._df.get(phrase)
            if known is None:
                if not self._folded:
                    self._folded = [s.casefold() for s in self._sentences]
                first, second = phrase
                known = self._df[phrase] = sum(
                    1
                    for text, folded in zip(self._sentences, self._folded, strict=True)
                    if first in folded and second in folded and phrase in phrases(text)
                )
            return known
