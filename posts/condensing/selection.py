"""Which sentences say the most: a deterministic, explainable ranking.

Order of preference (docs/formatting.md explains it for users):

1. the article's summary (it opens every rendition: the single post's key sentences, the hook of
   a thread);
2. the lead, the article's first paragraph, in its own order;
3. every other sentence by score, highest first, ties in article order.

A sentence's score counts the *recurring* content words it contains: a content word is a word of
four or more letters (not a number); its weight is ``log(df)``, where df is the number of sentences
of the article that use it, plus 1 when the title uses it. The sum is divided by the square root of
the sentence's number of content words, so a long sentence does not win merely by being long, and
a sentence with a figure in it gets +0.5 (findings are usually quantified). A sentence that mostly
repeats one already chosen (half or more of the smaller one's content words shared) is skipped.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from posts.article.sentences import split_sentences
from posts.model import Article

_CONTENT_WORD = re.compile(r"\w{4,}")
_DIGIT = re.compile(r"\d")
NUMBER_BONUS = 0.5
TITLE_BONUS = 1.0
OVERLAP = 0.5  # share of content words that makes a sentence a repeat


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article: its text, paragraph number and position in the article."""

    text: str
    paragraph: int
    position: int
    words: frozenset[str]


@dataclass(frozen=True)
class Digest:
    """What condensing needs from an article, computed once for all platforms."""

    title: str
    summary: tuple[str, ...]  # summary sentences
    sentences: tuple[Sentence, ...]  # article order
    ranked: tuple[Sentence, ...]  # lead first, then by score
    distinct: Distinct  # the ranking without repeats, worked out as far as anyone has asked

    def candidates(self) -> Iterator[Sentence]:
        """Ranked sentences with content words that repeat neither the hook nor a better one."""
        return iter(self.distinct)


class Distinct:
    """A ranking with repeats removed lazily and remembered, shared by every platform's call.

    Lazy, so a caller that stops after a few dozen never compares the rest of a long article;
    locked, since the cached digest may be shared by threads.
    """

    def __init__(self, ranked: Iterable[Sentence], known: Iterable[frozenset[str]]) -> None:
        self._source = iter(ranked)
        self._kept = list(known)
        self._found: list[Sentence] = []
        self._lock = threading.Lock()

    def __iter__(self) -> Iterator[Sentence]:
        index = 0
        while index < len(self._found) or self._advance(index):
            yield self._found[index]
            index += 1

    def _advance(self, wanted: int) -> bool:
        """Find one more distinct sentence unless another caller already has."""
        with self._lock:
            return wanted < len(self._found) or self._next()

    def _next(self) -> bool:
        for sentence in self._source:
            if sentence.words and not repeats(sentence.words, self._kept):
                self._kept.append(sentence.words)
                self._found.append(sentence)
                return True
        return False


@lru_cache(maxsize=4)
def digest(article: Article) -> Digest:
    """Split, score and rank ``article`` (cached: condensing for three platforms splits once)."""
    summary = (
        tuple(split_sentences(article.summary, article.lang)) if article.summary.strip() else ()
    )
    sentences = tuple(_sentences(article))
    weights = word_weights(sentences, content_words(article.title))
    lead = [s for s in sentences if s.paragraph == 0]
    rest = sorted(
        (s for s in sentences if s.paragraph != 0),
        key=lambda s: (-score(s, weights), s.position),
    )
    return Digest(
        title=article.title.strip(),
        summary=summary,
        sentences=sentences,
        ranked=(*lead, *rest),
        distinct=Distinct((*lead, *rest), (content_words(t) for t in (article.title, *summary))),
    )


def content_words(text: str) -> frozenset[str]:
    """Casefolded words of four or more letters, numbers excluded."""
    return frozenset(word for word in _CONTENT_WORD.findall(text.casefold()) if not word.isdigit())


def word_weights(sentences: Iterable[Sentence], title_words: frozenset[str]) -> dict[str, float]:
    """``log(df)`` for every content word, +TITLE_BONUS for the title's own words."""
    frequency = Counter(word for sentence in sentences for word in sentence.words)
    return {
        word: math.log(count) + (TITLE_BONUS if word in title_words else 0.0)
        for word, count in frequency.items()
    }


def score(sentence: Sentence, weights: dict[str, float]) -> float:
    """Recurring content words per square root of length, plus small bonuses (see module doc)."""
    if not sentence.words:
        return 0.0
    # fsum is exact whatever the set's (hash-seeded) order: same input, same ranking, always
    weight = math.fsum([weights[word] for word in sentence.words])
    bonus = NUMBER_BONUS if _DIGIT.search(sentence.text) else 0.0
    return weight / math.sqrt(len(sentence.words)) + bonus


def repeats(words: frozenset[str], earlier: Iterable[frozenset[str]]) -> bool:
    """True when ``words`` shares at least OVERLAP of the smaller set with any earlier set."""
    return any(
        words and other and len(words & other) >= OVERLAP * min(len(words), len(other))
        for other in earlier
    )


def _sentences(article: Article) -> Iterator[Sentence]:
    position = 0
    for paragraph, text in enumerate(article.paragraphs):
        for sentence in split_sentences(text, article.lang):
            if sentence.strip():
                yield Sentence(sentence.strip(), paragraph, position, content_words(sentence))
                position += 1
