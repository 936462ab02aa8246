"""In what order key points are taken: a list's items and a how-to's steps whole, an excerpt
read as the author wrote it, and where an excerpt ends."""

from __future__ import annotations

from posts.condensing.cues import begins_walkthrough
from posts.condensing.selection import Sentence, span

EXCERPT_CHARS = 450  # an article told in person is posted as its opening: this much, to the
EXCERPT_MOST = 700  # end of a paragraph, or at most this much
EXCERPT_POSTS = 5  # nor does it run past this many posts: one-line sentences would fill six
EXCERPT_GAPS = 2  # paragraphs of an excerpt with sentences passed over: past this, it ends


def excerpt_done(excerpt: frozenset[int], sentence: Sentence, chosen: dict[int, Sentence]) -> bool:
    """Has the excerpt been posted? Yes at the end of the paragraph whose sentences bring the
    chosen text to :data:`EXCERPT_CHARS`, once it reaches :data:`EXCERPT_MOST`, or where a
    tutorial's walkthrough begins (:func:`~.cues.begins_walkthrough`)."""
    if sentence.position not in excerpt or not chosen:
        return False
    if begins_walkthrough(sentence.text):
        return True
    length = sum(span(s.text) for s in chosen.values())
    ended = sentence.paragraph != chosen[max(chosen)].paragraph
    return length >= EXCERPT_MOST or (ended and length >= EXCERPT_CHARS)


class Passed:
    """What passing a sentence over rules out. After a list item or a step, every later one: none
    is cherry-picked in its place. In an excerpt, the rest of its paragraph: read in order, a
    sentence after the gap may answer what was left out; and after :data:`EXCERPT_GAPS`
    paragraphs with gaps, the rest of the excerpt, which would no longer read as the opening."""

    def __init__(self, in_order: frozenset[int], excerpt: frozenset[int]) -> None:
        self._in_order = in_order
        self._excerpt = excerpt
        self._items = False
        self._paragraphs: set[int] = set()

    def add(self, sentence: Sentence) -> None:
        self._items = self._items or sentence.position in self._in_order
        if sentence.position in self._excerpt:
            self._paragraphs.add(sentence.paragraph)

    @property
    def cut_list(self) -> bool:
        """Was a list item or a step passed over, for want of room?"""
        return self._items

    def rules_out(self, sentence: Sentence) -> bool:
        if self._items and sentence.position in self._in_order:
            return True
        if sentence.position not in self._excerpt:
            return False
        return sentence.paragraph in self._paragraphs or len(self._paragraphs) >= EXCERPT_GAPS
