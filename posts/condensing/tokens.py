"""Text as a run of whole words with a break strength between each pair.

Splitting never looks inside a word, so a URL, a hashtag or a mention (which contain no spaces)
can only be cut by :meth:`Words.hard_break`, kept for the one case where a single token is longer
than a post can hold. The strengths rank where a post may end: between paragraphs, then between
sentences, then after a clause (``,`` ``;`` ``:`` or a dash), then between any two words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

GLUE, WORD, CLAUSE, SENTENCE, PARAGRAPH = 0, 1, 2, 3, 4
_CLAUSE_END = ",;:—–-、，；："
_SENTENCE_END = "。！？"
# A token is a run without white space; CJK text, written without spaces, also ends a token after
# its own clause and sentence marks, so it can break there without a space being invented.
_TOKEN = re.compile(r"[^\s、，；：。！？]+[、，；：。！？]*|[、，；：。！？]+")
_CJK_SENTENCE_END = re.compile(r"[。！？][」』）】〉》”’]*$")
# a text ending on a letter or digit of a script that ends its sentences with stops
_UNSTOPPED = re.compile(r"[A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]$")


@dataclass(frozen=True)
class Unit:
    """A sentence and the paragraph it belongs to (consecutive units of one paragraph share it)."""

    text: str
    paragraph: int


class Words:
    """Words of some units joined once; any run of them is a slice of that one string.

    Sentences are joined by a space (nothing after a CJK full stop), paragraphs by a blank line;
    runs of white space inside a sentence become one space.
    """

    def __init__(self, units: Sequence[Unit]) -> None:
        parts: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.gaps: list[int] = []  # gaps[i]: strength of the break before word i
        position = 0
        previous: Unit | None = None
        for unit in units:
            text = " ".join(unit.text.split())
            if not text:
                continue
            gap = GLUE
            if previous is not None:
                separator = _separator(previous, unit)
                parts.append(separator)
                position += len(separator)
                gap = PARAGRAPH if unit.paragraph != previous.paragraph else SENTENCE
            spans = [match.span() for match in _TOKEN.finditer(text)]
            self.starts += [position + start for start, _ in spans]
            self.ends += [position + end for _, end in spans]
            self.gaps.append(gap)
            self.gaps += [  # the break after each word but the last, by its last character
                CLAUSE
                if text[end - 1] in _CLAUSE_END
                else WORD
                if after > end
                else SENTENCE
                if text[end - 1] in _SENTENCE_END
                else GLUE
                for (_, end), (after, _) in pairwise(spans)
            ]
            parts.append(text)
            position += len(text)
            previous = unit
        self.text = "".join(parts)

    def __len__(self) -> int:
        return len(self.starts)

    def word(self, index: int) -> str:
        return self.text[self.starts[index] : self.ends[index]]

    def span(self, start: int, end: int) -> str:
        """The text of words[start:end] with their original separators ("" when empty)."""
        return self.text[self.starts[start] : self.ends[end - 1]] if end > start else ""

    def chars(self, start: int, end: int) -> int:
        """How long words[start:end] is in characters: a cheap, platform-free measure of fill."""
        return self.ends[end - 1] - self.starts[start] if end > start else 0

    def reach(self, start: int, chars: int) -> int:
        """The end of the longest run from ``start`` that is at most ``chars`` characters long."""
        if start >= len(self):
            return start
        return bisect_right(self.ends, self.starts[start] + chars, start, len(self.ends))

    def hard_break(self, index: int, head_length: int) -> None:
        """Split word ``index`` after ``head_length`` characters; the pieces join with nothing."""
        middle = self.starts[index] + head_length
        self.starts.insert(index + 1, middle)
        self.ends.insert(index, middle)
        self.gaps.insert(index + 1, GLUE)


def _separator(previous: Unit, unit: Unit) -> str:
    if unit.paragraph != previous.paragraph:
        return "\n\n"
    return sentence_joint(previous.text)


def sentence_joint(before: str) -> str:
    """Sentences of one paragraph join with a space, or nothing after a CJK full stop; after a
    deck written without a full stop ("…behind the spike in beachings"), the next sentence
    starts a paragraph, rather than run on from it."""
    if _CJK_SENTENCE_END.search(before):
        return ""
    return "\n\n" if _UNSTOPPED.search(before) else " "


def join_sentences(texts: Sequence[str]) -> str:
    """``texts`` as one paragraph, joined as :class:`Words` would join them."""
    return "".join(t if i == 0 else sentence_joint(texts[i - 1]) + t for i, t in enumerate(texts))
