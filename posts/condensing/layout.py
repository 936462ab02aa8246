"""Where a thread's posts break, chosen for the whole thread at once.

The text arrives as :class:`Item` s: whole sentences, and the balanced pieces of a sentence too
long for any post (:func:`pieces`: cut at a clause, else a word). An item is never split, so a
sentence that fits a post by itself is never broken. :func:`arrange` is a dynamic programme over
the item boundaries: the fewest posts first, then the most even fill (the sum of each post's
squared unused share), then the kindest breaks (a paragraph end over a sentence end, and never
willingly before a sentence that leans on the one it follows: one post more is taken to avoid
that, and only a pair too long to share any post breaks there). Lengths are the platform's own
measure of each item, added up; the caller renders the chosen posts and measures them again.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from posts.condensing.packer import Rules, Slot, pack
from posts.condensing.tokens import Unit, Words

PARAGRAPH, SENTENCE, INSIDE, LEANING = 0, 1, 2, 3
LEAST_PIECE = 0.2  # of a post's room: a clause shorter than this is no piece of its own
MAX_CLAUSE_TRIES = 2000  # ways of cutting a long sentence at its clauses, tried at most
# a quotation, inside which no clause mark is a place to cut ("„NC – Keine Nutzung“")
_QUOTED = re.compile(r"„[^“”„]{1,300}[“”]|“[^”“]{1,300}”|«[^»]{1,300}»|\"[^\"]{1,300}\"")
# A word that opens a phrase: a piece cut at words ends before one rather than inside a phrase
# ("…repeated disruptions" / "as the government introduced…", not "…introduced the" / "Public…")
_PHRASE_OPENER = re.compile(
    r"\s+(?=(?:as|while|when|because|although|though|after|before|since|until|which|who|whose"
    r"|where|that|with|without|for|from|into|during|amid|against|and|but|or|to|in|on|at|by)\s)",
    re.IGNORECASE,
)
_PHRASE_REACH = 0.6  # of a first piece beside the headline: the least that cutting it so keeps
# a clause's end: its mark and the space after it ("known, ", "2015, ", "年、"); not before a
# number, which goes with the words before ("am Samstag, 31. Januar", "Jones, 45,", "1, 2")
_CLAUSE_END = re.compile(r"(?<=[^\W_])[,;:]\s+(?!\d)|\s[—–]\s+|[、，；：]")
BREAK_COST = {PARAGRAPH: 0.0, SENTENCE: 0.05, INSIDE: 0.2, LEANING: 1.0}


@dataclass(frozen=True)
class Item:
    """A run of text no post break may enter, what joins it to the item before inside one post
    (" ", "" or a blank line), and how kindly a post may break before it."""

    text: str
    joint: str
    kind: int


@dataclass(frozen=True)
class Frame:
    """What a thread's post at some position can hold: its body budget, and whether it may go
    out with no body (a headline-only hook, a link-only closing post)."""

    budget: int
    may_be_empty: bool = False


def pieces(text: str, rules: Rules, budget: int, first: int | None = None) -> list[tuple[str, str]]:
    """``text`` as (piece, joint) runs that each fit ``budget`` (the first one ``first``, the
    room beside a headline): one when it fits whole, else the fewest pieces: cut after clauses
    when those pieces fit (the most even such cut, no piece under a fifth of the room: "…aren't
    known," / "but a report…" rather than "…is considering" / "new iPad…"), else as even as the
    words allow (the smallest room per piece that still needs no more pieces, found by
    bisection; the first piece fills the room beside the headline, the others share the rest:
    a sentence a third longer than a post is two pieces, not four of the headline's room)."""
    first = budget if first is None else min(first, budget)
    if rules.fits(text, first):
        return [(text, "")]
    best = _cut(text, rules, first, budget)
    at_clauses = _clause_cut(text, rules, (first, budget), len(best))
    if at_clauses:
        return at_clauses
    if first < budget:
        at_phrase = _phrase_cut(text, rules, budget, best)
        if at_phrase:
            return at_phrase
    low, high = math.ceil(rules.length(text) / max(len(best), 1)), budget
    while low < high:
        middle = (low + high) // 2
        runs = _cut(text, rules, min(first, middle), middle)
        if runs and len(runs) <= len(best):
            best, high = runs, middle
        else:
            low = middle + 1
    return best


def _phrase_cut(
    text: str, rules: Rules, budget: int, best: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """``best`` (the word cut, its first piece filling the room beside a headline) with that
    piece ended before the last word that opens a phrase in it (keeping :data:`_PHRASE_REACH`
    of it), the rest cut as evenly as the words allow in no more pieces in all; [] if there is
    no such cut."""
    if not best:
        return []
    head = best[0][0]
    least = _PHRASE_REACH * rules.length(head)
    found = [m for m in _PHRASE_OPENER.finditer(head) if rules.length(head[: m.start()]) >= least]
    if not found:
        return []
    cut = found[-1]
    rest = pieces(text[cut.end() :], rules, budget)
    if 1 + len(rest) > len(best):
        return []
    return [(text[: cut.start()], ""), (rest[0][0], cut.group()), *rest[1:]]


def _clause_cut(
    text: str, rules: Rules, rooms: tuple[int, int], count: int
) -> list[tuple[str, str]]:
    """``text`` in ``count`` pieces cut only after clauses, the first fitting ``rooms[0]`` and
    the rest ``rooms[1]``, none shorter than :data:`LEAST_PIECE` of a post, the longest as short
    as can be; [] if there is none."""
    if count < 2:
        return []  # no cut of the words fits either
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    marks = [
        (m.start(), m.end())
        for m in _CLAUSE_END.finditer(text)
        if not any(a < m.start() < b for a, b in quoted)
    ]
    best: tuple[int, list[tuple[str, str]]] | None = None
    for cuts in itertools.islice(itertools.combinations(marks, count - 1), MAX_CLAUSE_TRIES):
        starts = [0, *(end for _, end in cuts)]
        stops = [*(_mark_end(text, start) for start, _ in cuts), len(text)]
        runs = [text[a:b].strip() for a, b in zip(starts, stops, strict=True)]
        lengths = [rules.length(piece) for piece in runs]
        fits = lengths[0] <= rooms[0] and max(lengths[1:]) <= rooms[1]
        if fits and min(lengths) >= LEAST_PIECE * rooms[1]:
            joints = ["", *(text[_mark_end(text, a) : b] for a, b in cuts)]
            if best is None or max(lengths) < best[0]:
                best = max(lengths), list(zip(runs, joints, strict=True))
    return best[1] if best else []


def _mark_end(text: str, start: int) -> int:
    """Where the clause mark found at ``start`` ends: after its "," or its spaced dash."""
    return start + 2 if text[start].isspace() else start + 1


def _cut(text: str, rules: Rules, first: int, budget: int) -> list[tuple[str, str]]:
    """``text`` cut at words into the fewest pieces, the first fitting ``first``, the rest
    ``budget``."""
    words = Words([Unit(text, 0)])
    opening = Slot(Rules(rules.platform, first), lambda body: body)
    slot = Slot(Rules(rules.platform, budget), lambda body: body)
    placed = pack(words, lambda k: opening if k == 0 else slot, len(words) + 1)
    if not placed or placed[-1].end < len(words):
        return []
    joints = [""] + [words.text[words.ends[p.end - 1] : words.starts[p.end]] for p in placed[:-1]]
    return [(p.body, joint) for p, joint in zip(placed, joints, strict=True)]


@dataclass(frozen=True)
class Run:
    """Items measured once by the platform's rule: what any post of consecutive items costs."""

    total: list[int]  # total[i]: items[:i] with their joints
    joints: list[int]
    kinds: list[int]

    def __len__(self) -> int:
        return len(self.joints)

    def used(self, start: int, end: int) -> int:
        """Length of items[start:end] as one post body (its first joint dropped)."""
        return self.total[end] - self.total[start] - self.joints[start] if end > start else 0


def measure(items: Sequence[Item], rules: Rules) -> Run:
    joints = [rules.length(item.joint) for item in items]
    sizes = [rules.length(item.text) + joint for item, joint in zip(items, joints, strict=True)]
    return Run([0, *accumulate(sizes)], joints, [item.kind for item in items])


def arrange(
    run: Run, frame: Callable[[int, bool], Frame], posts: int, least: int = 1
) -> list[int] | None:
    """Cut points ``[0, c1, …, len(run)]``: post k holds items[c_k:c_k+1]; None if none fit.

    ``frame(k, last)`` is post k's room, ``last`` when it is the thread's final post; there are
    at most ``posts`` posts and at least ``least``.
    """
    count = len(run)
    best: list[dict[int, tuple[float, int]]] = [{0: (0.0, -1)}]
    fewest: list[int] | None = None
    for k in range(posts):
        row: dict[int, tuple[float, int]] = {}
        for start, (cost, _) in sorted(best[k].items()):
            for end, post_cost in _ends(run, start, frame, k, k + 1 >= least):
                candidate = cost + post_cost
                if end not in row or candidate < row[end][0]:
                    row[end] = (candidate, start)
        best.append(row)
        if count in row and k + 1 >= least:
            cuts = _cuts(best, count)
            rooms = first_rooms(frame, posts)
            if fewest is not None or not leaning(run, cuts, rooms):
                return cuts if not leaning(run, cuts, rooms) else fewest
            fewest = cuts  # one more post may spare the reader a post that answers the last
    return fewest


def leaning(run: Run, cuts: list[int], rooms: tuple[int, int]) -> bool:
    """Does a post open on a sentence that leans on the one ending the post before, when the two
    would fit one post (``rooms``: the first post's room, then any other's)? A pair longer than
    that is read across the break: the post before ends on what the sentence answers, and a
    thread is read in order. The first post's room is what the headline leaves: a pair too long
    to sit beside it breaks after its first sentence rather than leave the headline alone."""
    return any(
        c < len(run) and run.kinds[c] == LEANING and run.used(c - 1, c + 1) <= rooms[k > 1]
        for k, c in enumerate(cuts[1:-1], 1)
    )


def first_rooms(frame: Callable[[int, bool], Frame], posts: int) -> tuple[int, int]:
    """The rooms :func:`leaning` compares a pair with: the first post's, then any other's."""
    return frame(0, False).budget, frame(min(1, posts - 1), False).budget


def fewest(run: Run, frame: Callable[[int, bool], Frame], posts: int, least: int = 1) -> bool:
    """Do the items fit ``posts`` posts? Greedy, which is exact for the count: each post takes
    as many items as fit, and the last one takes the rest."""
    start, count = 0, len(run)
    for k in range(posts):
        if k + 1 >= least and _holds(frame(k, True), run.used(start, count), start < count):
            return True
        middle, end = frame(k, False), start
        keep = 0 if frame(k + 1, True).may_be_empty else 1  # the last post needs a body
        while end < count - keep and run.used(start, end + 1) <= middle.budget:
            end += 1
        if end == start and not middle.may_be_empty:
            return False
        start = end
    return False


def _ends(
    run: Run, start: int, frame: Callable[[int, bool], Frame], k: int, may_end: bool
) -> list[tuple[int, float]]:
    """Every end of post k from ``start`` that fits, with its cost (unused share², break).

    The end ``len(run) + 1`` means every item is placed but the post is not the last: an empty
    closing post (the link alone) follows.
    """
    middle, last = frame(k, False), frame(k, True)
    count = len(run)
    if start > count:
        return [(count, 1.0)] if may_end and last.may_be_empty else []
    found = []
    end = start if _may_go_empty(run, start, middle, last) else start + 1
    while end <= count:
        used = run.used(start, end)
        if end > start and used > max(middle.budget, last.budget):
            break
        if end == count and may_end and _holds(last, used, end > start):
            found.append((end, _slack(used, last.budget)))
        if end < count and _holds(middle, used, end > start):
            found.append((end, _slack(used, middle.budget) + BREAK_COST[run.kinds[end]]))
        if end == count and _holds(middle, used, end > start):
            found.append((count + 1, _slack(used, middle.budget)))
        end += 1
    return found


def _may_go_empty(run: Run, start: int, middle: Frame, last: Frame) -> bool:
    """A post goes out empty (a headline-only hook) only when the next item does not fit in it:
    an editor never posts the headline alone with room beside it for the next sentence, even
    when the sentence after that answers it and must follow in the next post ("…to avoid the
    IRS." / "What's gone unnoticed is … to do just that.")."""
    if not (middle.may_be_empty or last.may_be_empty):
        return False
    room = max(middle.budget, last.budget)
    return start >= len(run) or run.used(start, start + 1) > room


def _holds(frame: Frame, used: int, has_body: bool) -> bool:
    """Does a body of ``used`` fit? No body fits a post that may go out empty, whatever its
    estimated budget (the probe used to estimate it adds a joint the empty post does not)."""
    return used <= frame.budget if has_body else frame.may_be_empty


def _slack(used: int, budget: int) -> float:
    """The unused share of a post, squared: even posts cost least."""
    share = 1 - used / budget if budget > 0 else 1.0
    return share * share


def _cuts(best: list[dict[int, tuple[float, int]]], count: int) -> list[int]:
    keys = [count]
    for k in range(len(best) - 1, 0, -1):
        keys.append(best[k][keys[-1]][1])
    return [min(key, count) for key in keys[::-1]]
