"""In what order key points are taken: a list's items and a how-to's steps whole, an excerpt
read as the author wrote it, and where an excerpt ends."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

from posts.condensing.cues import begins_walkthrough
from posts.condensing.selection import Digest, Sentence, span

EXCERPT_CHARS = 450  # an article told in person is posted as its opening: this much, to the
EXCERPT_MOST = 700  # end of a paragraph, or at most this much
EXCERPT_POSTS = 5  # nor does it run past this many posts: one-line sentences would fill six
EXCERPT_TAIL = 300  # characters: an excerpt this close to the article's end tells it to the end
EXCERPT_GAPS = 2  # paragraphs of an excerpt with sentences passed over: past this, it ends


def ends_the_story(digest: Digest, sentence: Sentence, chosen: dict[int, Sentence]) -> bool:
    """Has the thread told a story in person up to ``sentence``, every key sentence so far (or
    the hook, its summary) and the one right before, and do it and the ones after close the
    story in a few lines, each a key point ("The officer said they would not be giving out
    tickets that day. I'm thankful to our police…", a signature aside)? Then the excerpt tells
    it to its end, as many posts as that takes, rather than stop before the outcome."""
    earlier = digest.sentences[: sentence.position]
    if not (earlier and earlier[-1].position in chosen):
        return False  # the one right before was passed over ("Got questions?" / "Leave them…")
    if not _closes(islice(digest.sentences, sentence.position, None)):
        return False
    return all(s.position in chosen or digest.repeats_hook(s) for s in earlier if s.point)


def _closes(rest: Iterable[Sentence]) -> bool:
    """Are ``rest`` key points, :data:`EXCERPT_TAIL` characters in all, but for what follows
    the last of them ("Kim Gump, Dallas")? Read only as far as that stays true."""
    length, after = 0, False
    for sentence in rest:
        if not sentence.point:
            after = True
            continue
        length += span(sentence.text)
        if after or length > EXCERPT_TAIL:
            return False
    return True


def excerpt_done(
    excerpt: frozenset[int], sentence: Sentence, chosen: dict[int, Sentence], ending: bool
) -> bool:
    """Has the excerpt been posted? Yes at the end of the paragraph whose sentences bring the
    chosen text to :data:`EXCERPT_CHARS`, once it reaches :data:`EXCERPT_MOST`, unless it is
    ``ending`` the story (:func:`ends_the_story`); and where a tutorial's walkthrough begins
    (:func:`~.cues.begins_walkthrough`)."""
    if sentence.position not in excerpt or not chosen:
        return False
    if begins_walkthrough(sentence.text):
        return True
    if ending:
        return False
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
