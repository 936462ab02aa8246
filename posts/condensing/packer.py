"""Fit words into posts exactly: the rendered post is measured, never estimated.

Each post is a :class:`Slot`: its template with every piece fixed except the body. The packer
guesses how much body a slot can take (its budget: the limit minus what the fixed pieces cost),
picks the longest run of words that fits that budget, prefers ending at the strongest break
nearby (paragraph > sentence > clause > word) as long as the post stays at least
:data:`MIN_FILL` full, then renders the post and measures it with the platform's own rule. If
the rendered text does not fit (a template may join pieces in ways a budget cannot foresee), the
budget shrinks by the overshoot and the post is packed again. Fitting is therefore exact whatever
the template does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import regex

from posts import counting
from posts.condensing.tokens import SENTENCE, Words

MIN_FILL = 0.5  # a post may end early at a stronger break, but not emptier than this
TINY_TAIL = 0.25  # a last post holding less than this share of its budget is rebalanced
ELLIPSIS = "…"

_GRAPHEME = regex.compile(r"\X")
_LINKISH = regex.compile(r"^[#@＃]|/")  # a URL, hashtag or mention must not absorb the ellipsis
_TRAILING_CLAUSE = ",;:、，；："  # dropped before "…"; a dash may belong to its word


@dataclass(frozen=True)
class Rules:
    """A platform's counting rule and the limit in force (an instance may override it)."""

    platform: str
    limit: int
    _lengths: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def length(self, text: str) -> int:
        """The platform's length of ``text``, remembered: budgets measure the same posts again."""
        known = self._lengths.get(text)
        if known is None:
            known = self._lengths[text] = counting.measure(self.platform, text)
        return known

    def fits(self, text: str, limit: int | None = None) -> bool:
        """:func:`~posts.counting.fits`, with the length remembered."""
        within = self.length(text) <= (self.limit if limit is None else limit)
        return within and counting.admits(self.platform, text)


class Slot:
    """One post's template with every piece fixed except the body."""

    def __init__(self, rules: Rules, render: Callable[[str], str]) -> None:
        self.rules = rules
        self.render = render

    @cached_property
    def budget(self) -> int:
        """Room for the body: the limit minus what the fixed pieces cost (an estimate)."""
        probe = "x"  # a non-empty body, so templates that skip an empty body are costed right
        return self.rules.limit - (self.rules.length(self.render(probe)) - self.rules.length(probe))

    def post(self, body: str) -> str | None:
        """The rendered post if it fits the platform's limit exactly, else None."""
        text = self.render(body)
        return text if self.rules.fits(text) else None

    def shrink(self, budget: int, body: str) -> int:
        """A smaller budget after ``body`` rendered over the limit (by length, or by bytes)."""
        over = self.rules.length(self.render(body)) - self.rules.limit
        return budget - (over if over > 0 else max(1, budget // 8))


@dataclass(frozen=True)
class Placed:
    """A post of the packing: words[start:end] as ``body``, rendered as ``text``."""

    start: int
    end: int
    body: str
    text: str


def pack(
    words: Words,
    slot_at: Callable[[int], Slot],
    max_posts: int,
    *,
    truncate: bool = False,
) -> list[Placed]:
    """Pack ``words`` into at most ``max_posts`` posts; ``slot_at(i)`` shapes the i-th (0-based).

    The result may stop short of the end when the posts run out; with ``truncate`` the last post
    then ends with an ellipsis if it stops mid-sentence. A tiny last post is rebalanced with the
    one before. An empty list means not even one word fits the first slot.
    """
    placed: list[Placed] = []
    start = 0
    while start < len(words) and len(placed) < max_posts:
        last_allowed = truncate and len(placed) == max_posts - 1
        post = fill(words, start, slot_at(len(placed)), ellipsis=last_allowed)
        if post is None:
            break
        placed.append(post)
        start = post.end
    if len(placed) >= 2 and placed[-1].end == len(words):
        placed[-2:] = _rebalance(
            words, placed[-2], placed[-1], slot_at(len(placed) - 2), slot_at(len(placed) - 1)
        )
    return placed


def fill(
    words: Words, start: int, slot: Slot, *, ellipsis: bool = False, whole: bool = False
) -> Placed | None:
    """The best-broken run of words from ``start`` that fits ``slot``, rendered; None if none fits.

    With ``ellipsis``, a run that stops mid-sentence before the end of the words is marked "…".
    With ``whole``, the run must end between sentences (or at the end): nothing is cut.
    """
    budget = slot.budget
    while budget > 0:
        end = _longest(words, start, _within(slot.rules, budget), words.reach(start, budget))
        overlong = end < len(words) and not slot.rules.fits(words.word(end), budget)
        if overlong and not whole and _hard_break(words, start, end, slot.rules, budget):
            continue  # the head of a word no post could hold now fills this one
        if end == start:
            return None
        if end < len(words):
            cut = _last_sentence_end(words, start, end) if whole else _best_break(words, start, end)
            if cut is None:
                return None
            end = cut
            if ellipsis and words.gaps[end] < SENTENCE:
                return _with_ellipsis(words, start, end, slot, budget)
        body = words.span(start, end)
        text = slot.post(body)
        if text is not None:
            return Placed(start, end, body, text)
        budget = slot.shrink(budget, body)
    return None


def _with_ellipsis(words: Words, start: int, end: int, slot: Slot, budget: int) -> Placed | None:
    """words[start:k] + "…" for the largest k ≤ end that fits (the cut words are gone for good)."""
    while budget > 0:
        fits = _within(slot.rules, budget, _ellipsis)
        end = _longest(words, start, fits, words.reach(start, budget - 1), end)
        if end == start:
            return None
        body = _ellipsis(words.span(start, end))
        text = slot.post(body)
        if text is not None:
            return Placed(start, end, body, text)
        budget = slot.shrink(budget, body)
    return None


def _ellipsis(body: str) -> str:
    last = body.rsplit(None, 1)[-1]
    if _LINKISH.search(last):
        return f"{body} {ELLIPSIS}"
    return body.rstrip(_TRAILING_CLAUSE) + ELLIPSIS


def _within(rules: Rules, budget: int, finish: Callable[[str], str] = str) -> Callable[[str], bool]:
    """Does a body (as ``finish`` would end it) fit ``budget`` by the platform's rule?"""
    return lambda body: rules.fits(finish(body), budget)


def _longest(
    words: Words, start: int, fits: Callable[[str], bool], guess: int, stop: int | None = None
) -> int:
    """The largest end ≤ ``stop`` with ``fits(words[start:end])``.

    Starts at ``guess`` (as many words as the budget allows in characters, usually right for
    alphabetic text), gallops up or down from there, then bisects: a handful of measurements per
    post however long the rest of the text is.
    """
    stop = len(words) if stop is None else stop
    if stop <= start:
        return start
    guess = min(max(guess, start + 1), stop)
    if fits(words.span(start, guess)):
        good, bad, step = guess, stop + 1, 1
        while good < stop:
            probe = min(stop, good + step)
            if not fits(words.span(start, probe)):
                bad = probe
                break
            good, step = probe, step * 2
    else:
        good, bad, step = start, guess, 1
        while bad - step > start:
            probe = bad - step
            if fits(words.span(start, probe)):
                good = probe
                break
            bad, step = probe, step * 2
    while bad - good > 1:
        middle = (good + bad) // 2
        if fits(words.span(start, middle)):
            good = middle
        else:
            bad = middle
    return good


def _best_break(words: Words, start: int, end: int) -> int:
    """Prefer the strongest break in the last half of the run; ties go to the longer post."""
    full = words.chars(start, end)
    best, strength = end, words.gaps[end]
    for cut in range(end - 1, start, -1):
        if words.chars(start, cut) < MIN_FILL * full:
            break
        if words.gaps[cut] > strength:
            best, strength = cut, words.gaps[cut]
    return best


def _last_sentence_end(words: Words, start: int, end: int) -> int | None:
    """The last cut in (start, end] between two sentences, if any."""
    for cut in range(end, start, -1):
        if words.gaps[cut] >= SENTENCE:
            return cut
    return None


def _hard_break(words: Words, start: int, index: int, rules: Rules, budget: int) -> bool:
    """Split word ``index``, too long for any post, at the last grapheme that still fits after
    words[start:index]; False when not even one grapheme fits there."""
    graphemes = _GRAPHEME.findall(words.word(index))
    lead = words.text[words.starts[start] : words.starts[index]]
    good, bad = 0, len(graphemes)
    while bad - good > 1:
        middle = (good + bad) // 2
        if rules.fits(lead + "".join(graphemes[:middle]), budget):
            good = middle
        else:
            bad = middle
    if good == 0:
        return False
    words.hard_break(index, len("".join(graphemes[:good])))
    return True


def _rebalance(
    words: Words, head: Placed, tail: Placed, head_slot: Slot, tail_slot: Slot
) -> list[Placed]:
    """Move words from ``head`` into a tiny ``tail`` so neither post looks like an afterthought."""
    rules = tail_slot.rules
    if rules.length(words.span(tail.start, tail.end)) >= TINY_TAIL * tail_slot.budget:
        return [head, tail]
    end = tail.end
    lowest = _first_fitting_tail(words, head.start + 1, head.end, end, tail_slot)
    if lowest >= head.end:
        return [head, tail]

    def balance(cut: int) -> int:
        return min(words.chars(head.start, cut), words.chars(cut, end))

    ideal = max(range(lowest, head.end + 1), key=lambda cut: (balance(cut), cut))
    floor = MIN_FILL * balance(ideal)
    choices = [c for c in range(lowest, head.end + 1) if balance(c) >= floor]
    cut = max(choices, key=lambda c: (words.gaps[c], -abs(c - ideal), c))
    bodies = words.span(head.start, cut), words.span(cut, end)
    first, second = head_slot.post(bodies[0]), tail_slot.post(bodies[1])
    if first is None or second is None:
        return [head, tail]
    return [Placed(head.start, cut, bodies[0], first), Placed(cut, end, bodies[1], second)]


def _first_fitting_tail(words: Words, low: int, high: int, end: int, slot: Slot) -> int:
    """The smallest cut in [low, high] whose tail words[cut:end] fits ``slot``'s budget."""
    while low < high:
        middle = (low + high) // 2
        if slot.rules.fits(words.span(middle, end), slot.budget):
            high = middle
        else:
            low = middle + 1
    return low
