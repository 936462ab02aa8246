"""A thread: the hook (headline + summary), the key points in article order, the close.

Content is chosen before any post is cut. Key points are taken by rank while they score near
the ones already chosen (:data:`STOP`), each with what it needs to be read on its own: a
sentence that leans on the one before brings it along (:attr:`Sentence.leans`), a list item its
heading. Then :func:`~posts.condensing.layout.arrange` picks every break of the thread at once.
Room is reserved only where it is used: the link and the hashtags on the closing post (or the
link on the first post with ``link="first"``), the widest number label on every post (``6/6``);
each post is then rendered with its real label and measured again.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import partial
from itertools import pairwise
from typing import Any

from posts.condensing.cues import leans_back
from posts.condensing.layout import (
    INSIDE,
    LEANING,
    PARAGRAPH,
    SENTENCE,
    Frame,
    Item,
    Run,
    arrange,
    fewest,
    first_rooms,
    leaning,
    measure,
    pieces,
)
from posts.condensing.order import EXCERPT_POSTS, Passed, ends_the_story, excerpt_done
from posts.condensing.packer import ELLIPSIS, Slot
from posts.condensing.passages import MAX_CHAIN, with_context
from posts.condensing.selection import Sentence
from posts.condensing.shaping import Context, Shape, hashtag_words, tags_in
from posts.condensing.tokens import sentence_joint
from posts.condensing.trim import shortened, without_aside, without_conjunction
from posts.errors import InputError, TemplateError
from posts.model import Numbering
from posts.render import template_name

_NUMBER_GLUED = re.compile(r"^(\d+[.)])(?=[^\W\d_])")
STOP = 0.6  # a key point scoring under this share of the chosen ones' mean is left out
LEAST_POINTS = 2  # key points always considered, however the article's scores fall
MOST_POINTS = 3  # an editor's thread makes a few points, however long the article
MAX_SKIPS = 12  # passages that did not fit, passed over before choosing stops
HOOK_POSTS = 2  # the most room a summary may take: past it, it is cut with "…"
HOOK_AND_LINK = 3  # cut points of a thread that is the hook, then the link alone
LINK_CROWDS = 0.6  # a link and tags leaving less room than this may close the thread alone
RESTATES_SHARE = 0.4  # of the headline's words, what a summary says to open a thread alone
MAX_RETRIES = 4  # re-arrangements after a template rendered a post longer than its budget


def number_label(numbering: Numbering, index: int, total: int) -> str:
    """``"2/5"``, ``"🧵"`` on the first post only, or nothing."""
    if numbering == "fraction":
        return f"{index}/{total}"
    return "🧵" if numbering == "thread" and index == 1 else ""


def thread(ctx: Context) -> Shape:
    """Hook, key points, close; at most ``options.max_posts`` posts."""
    plan = _Plan(ctx)
    hook = _hook_items(ctx, plan)
    items = [*hook, *_key_points(ctx, plan, hook)]
    plan.show_tags(items)
    texts = plan.texts(items)
    carried = tuple(tag for tag in ctx.tags.usable if tag in plan.tags)
    unplaced = tuple(tag for tag in ctx.tags.usable if tag not in carried and tag not in plan.shown)
    bare = not plan.bodies[-1], not plan.bodies[0] and not plan.link_first
    continued = _continued(plan, items, hook)
    return Shape(texts, carried, unplaced, bare[0], bare[1], continued, plan.link_moved)


def _continued(plan: _Plan, items: list[Item], hook: list[Item]) -> bool:
    """Does the second post only go on from the first (:attr:`~.shaping.Shape.continued`)?"""
    cuts = plan.arranged(items)[1]
    second = items[cuts[1]] if cuts and len(cuts) > 2 and cuts[1] < len(items) else None
    return len(items) == len(hook) or (second is not None and second.kind == LEANING)


class _Plan:
    """Which post carries what, the room each has, and the thread laid out and rendered."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.tags = list(ctx.tags.usable)
        self.shown: frozenset[str] = frozenset()  # tags the text itself already carries
        self.headline = ctx.digest.title
        self.link_first = ctx.options.link == "first"
        self.link_moved = False  # onto the first post: no later post had room for it
        self.posts = ctx.options.max_posts
        self._frames: dict[tuple[int, bool], Frame] = {}
        self._layouts: dict[tuple[Item, ...], tuple[Run, list[int] | None]] = {}
        self.bodies: list[str] = []  # the posts' bodies, once laid out
        self._fit_tags()

    @property
    def least(self) -> int:
        """A link on the closing post needs a post after the hook."""
        return 2 if self.ctx.link and not self.link_first else 1

    def pieces(self, k: int, last: bool, total: int) -> dict[str, Any]:
        link_here = bool(self.ctx.link) and (k == 0 if self.link_first else last)
        return {
            "kind": "closing" if last and k > 0 else "hook" if k == 0 else "body",
            "hook": self.headline if k == 0 else "",
            "link": self.ctx.link if link_here else "",
            "hashtags": hashtag_words(self.tags) if last else [],
            **_numbered(self.ctx, k, total),
        }

    def slot(self, k: int, last: bool, total: int | None = None) -> Slot:
        """Post k with the widest label any thread length could give it (or ``total``'s)."""
        return self.ctx.slot(self.ctx.thread, **self.pieces(k, last, total or self.posts))

    def frame(self, k: int, last: bool) -> Frame:
        """Post k's room (``last``: as the thread's final post), measured once."""
        frame = self._frames.get((k, last))
        if frame is None:
            slot = self.slot(k, last)
            closing = last and k > 0 and bool(self.ctx.link) and not self.link_first
            opening = k == 0 and (bool(self.headline) or (self.link_first and bool(self.ctx.link)))
            empty = opening or closing  # a post with the headline or the link says something
            frame = Frame(slot.budget, empty and slot.post("") is not None)
            self._frames[(k, last)] = frame
        return frame

    def forget_frames(self) -> None:
        self._frames.clear()
        self._layouts.clear()

    def arranged(self, items: list[Item]) -> tuple[Run, list[int] | None]:
        """``items`` measured and laid out (remembered until the frames change: the same
        thread is asked whether it reads on, whether it ends on a point, then rendered)."""
        key = tuple(items)
        found = self._layouts.get(key)
        if found is None:
            run = measure(items, self.ctx.rules)
            found = self._layouts[key] = (run, arrange(run, self.frame, self.posts, self.least))
        return found

    def fits(self, items: list[Item]) -> bool:
        return fewest(measure(items, self.ctx.rules), self.frame, self.posts, self.least)

    def reads_on(self, items: list[Item]) -> bool:
        """Do the items fit with no post opening on a sentence that leans on the post before
        ("It found that…")? The layout breaks there only when nothing else fits."""
        run = measure(items, self.ctx.rules)
        if not fewest(run, self.frame, self.posts, self.least):
            return False
        if LEANING not in run.kinds:
            return True  # the common case: no need to lay the thread out
        cuts = self.arranged(items)[1]
        return cuts is not None and not leaning(run, cuts, first_rooms(self.frame, self.posts))

    def ends_on_a_point(self, items: list[Item]) -> bool:
        """Does the last key point's post carry the link, rather than a closing post holding the
        link alone? (A thread of the hook then the link, or a link and tags that crowd the
        closing post, may close that way.)"""
        run, cuts = self.arranged(items)
        if cuts is None or cuts[-2] < len(run) or len(cuts) <= HOOK_AND_LINK:
            return True
        closing, middle = self.frame(1, True), self.frame(1, False)
        return closing.budget < LINK_CROWDS * middle.budget

    def drop_tags(self) -> None:
        self.tags = []
        self.forget_frames()

    def show_tags(self, items: list[Item]) -> None:
        """A tag the chosen text already shows is not repeated on the closing post."""
        self.shown = tags_in(item.text for item in items)
        kept = [tag for tag in self.tags if tag.casefold() not in self.shown]
        if kept != self.tags:
            self.tags = kept
            self.forget_frames()

    def _fit_tags(self) -> None:
        """Drop tags from the end until the post that carries them can still carry the link."""
        carrier = 0 if self.posts < 2 else 1
        while self.tags and self.slot(carrier, True).post("") is None:
            self.tags.pop()
        if self.ctx.link and not self._link_fits(0 if self.link_first else carrier):
            platform, limit = self.ctx.rules.platform, self.ctx.rules.limit
            raise InputError(f"the article's link does not fit a {platform} post of {limit}")

    def _link_fits(self, k: int) -> bool:
        """Does the link fit post k? On the first post, a headline that crowds it out becomes
        text of the thread instead (:func:`_hook_items`), so it is not counted."""
        headline = self.headline
        self.headline = "" if k == 0 else headline
        fits = self.slot(k, True).post("") is not None
        self.headline = headline
        return fits

    def texts(self, items: list[Item]) -> tuple[str, ...]:
        """Arrange ``items`` into posts, render each with its real label, measure it again."""
        for _ in range(MAX_RETRIES):
            cuts = self.arranged(items)[1]
            if cuts is None and self.tags:
                self.drop_tags()  # tags are the first thing to go: the text is the post
                continue
            if cuts is None:
                raise self.ctx.nothing_fits("thread")
            bodies = [_body(items[a:b]) for a, b in pairwise(cuts)]
            if self._shrunk(bodies):
                continue
            self.bodies = bodies
            return tuple(self._render(bodies))
        raise self.ctx.nothing_fits("thread")

    def _shrunk(self, bodies: list[str]) -> bool:
        """Shrink the budget of a post its template rendered over the limit; True if any was."""
        shrunk = False
        for k, body in enumerate(bodies):
            last = k == len(bodies) - 1
            slot = self.slot(k, last)
            if slot.post(body) is None:
                frame = self.frame(k, last)
                self._frames[(k, last)] = Frame(slot.shrink(frame.budget, body), frame.may_be_empty)
                self._layouts.clear()
                shrunk = True
        return shrunk

    def _render(self, bodies: list[str]) -> list[str]:
        texts = []
        for k, body in enumerate(bodies):
            text = self.slot(k, k == len(bodies) - 1, len(bodies)).post(body)
            if text is None:  # only a template whose output grows as the total shrinks gets here
                name = template_name(self.ctx.rules.platform, "thread")
                raise TemplateError(f"template {name} renders post {k + 1} over the limit")
            texts.append(text)
        return texts


def _numbered(ctx: Context, index: int, total: int) -> dict[str, Any]:
    label = number_label(ctx.options.numbering, index + 1, total)
    return {"number": label, "index": index + 1, "total": total}


def _body(items: list[Item]) -> str:
    return "".join(item.text if i == 0 else item.joint + item.text for i, item in enumerate(items))


def _hook_items(ctx: Context, plan: _Plan) -> list[Item]:
    """The summary as items, as much of it as the thread can hold and at most :data:`HOOK_POSTS`
    posts' worth (cut with "…" if it must).

    A headline that leaves no room for anything becomes the first item instead of the hook; one
    that leaves no room for the summary's first sentence, which fits a post alone, gives way to
    it (see :func:`_summary_leads`).
    """
    summary = list(ctx.digest.summary)
    if summary and not _summary_leads(ctx, plan, summary[0]):
        summary[0] = _shortened(ctx, plan, summary[0])
    if summary and _overlong_restatement(ctx, plan, summary[0]):
        summary = summary[1:]
    if summary and _summary_leads(ctx, plan, summary[0]):
        plan.headline = ""
        plan.forget_frames()
    if plan.headline and not plan.frame(0, False).may_be_empty:
        summary.insert(0, plan.headline)
        plan.headline = ""
        plan.forget_frames()
    joints = [sentence_joint(text) for text in summary[:-1]]
    joints = ["", *joints] if summary else []
    kinds = [LEANING if i and leans_back(text) else SENTENCE for i, text in enumerate(summary)]
    opening = plan.frame(0, False).budget if plan.headline else None
    items = _split(ctx, plan, zip(summary, joints, kinds, strict=True), opening)
    if LEANING in kinds and not plan.reads_on(items):
        # the sentence answering the one before could share its post but the layout cannot
        # give it one: the hook ends before it rather than open a post apart from its antecedent
        cut = kinds.index(LEANING)
        items = _split(
            ctx, plan, zip(summary[:cut], joints[:cut], kinds[:cut], strict=True), opening
        )
    room = HOOK_POSTS * plan.frame(1, False).budget
    return _trim(plan, items, lambda kept: measure(kept, ctx.rules).used(0, len(kept)) <= room)


def _shortened(ctx: Context, plan: _Plan, first: str) -> str:
    """An English lead that cannot sit beside the headline, or is longer than a post, ended
    before its trailing participial phrase when that lets it sit there, or else fit a post
    (:func:`~.trim.shortened`); otherwise as it is, to follow the headline or be broken."""
    beside, alone = plan.frame(0, False).budget, plan.frame(1, False).budget
    if not (ctx.article.lang or "en").casefold().startswith("en") or ctx.rules.fits(first, beside):
        return first
    rooms = [(beside, True)] if plan.headline else []
    if not ctx.rules.fits(first, alone):
        rooms.append((alone, False))
    found = (shortened(first, partial(ctx.rules.fits, limit=room), near) for room, near in rooms)
    return next((text for text in found if text), first)


def _overlong_restatement(ctx: Context, plan: _Plan, first: str) -> bool:
    """Is the summary's first sentence longer than a post, and is what it says said again by
    the headline and by the article's first key point that does not repeat the hook? Broken
    across two posts it reads as neither; the
    headline and the next sentence say its news ("Those from Mexico will benefit most…", "The
    new action… would benefit those born in Mexico more than any other…"), not one leaning on it.
    """
    if not plan.headline or ctx.rules.fits(first, plan.frame(1, False).budget):
        return False
    said = ctx.digest.repeats_hook
    after = next((s for s in ctx.digest.sentences if s.point and not said(s)), None)
    if after is None or leans_back(after.text):
        return False  # "Blackberry then goes on to say…" says nothing without the summary
    return ctx.restates_headline(first, RESTATES_SHARE) and ctx.restates_headline(after.text)


def _summary_leads(ctx: Context, plan: _Plan, first: str) -> bool:
    """Does the summary open the thread instead of the headline? Yes when its first sentence
    cannot sit beside the headline but fits a post alone, and says what the headline says (two
    fifths of its content words: "eSports" and "next" do not say "Why Amazon and Activision
    Blizzard Are Betting on eSports As Gaming's Next Big Thing"): an
    editor posts the news, not the headline by itself (the link card still shows the headline;
    with no link, or a summary that only sets a scene, the headline stays)."""
    if not plan.headline or not ctx.link or not ctx.restates_headline(first, RESTATES_SHARE):
        return False
    if _item_sections(ctx):
        return False  # a list's headline says what its items are ("These 6 celebrities…")
    length = ctx.rules.length(first)
    return length > plan.frame(0, False).budget and length <= plan.frame(1, False).budget


def _trim(
    plan: _Plan, items: list[Item], short: Callable[[list[Item]], bool] = lambda _: True
) -> list[Item]:
    """Drop items from the end until the rest fit (and are ``short`` enough); a sentence cut
    short ends with "…"."""
    while items and not (short(items) and plan.fits(items)):
        dropped = items.pop()
        if items and dropped.kind == INSIDE:
            items[-1] = replace(items[-1], text=_ellipsis(items[-1].text))
    return items


def _ellipsis(text: str) -> str:
    return text.rstrip(",;:、，；：") + ELLIPSIS


def _split(
    ctx: Context, plan: _Plan, runs: Iterable[tuple[str, str, int]], opening: int | None = None
) -> list[Item]:
    """Whole sentences as items; a sentence longer than a post as balanced pieces, those of the
    first sentence sized for the ``opening`` room beside the headline when given: it starts in
    post 1 rather than leaving the headline alone there."""
    budget = plan.frame(1, False).budget
    items = []
    for n, (text, joint, kind) in enumerate(runs):
        first = budget
        if n == 0 and opening and not ctx.rules.fits(text, budget):
            first = min(budget, opening)
        for i, (piece, inner) in enumerate(_pieces(ctx, text, budget, first)):
            items.append(Item(piece, joint if i == 0 else inner, kind if i == 0 else INSIDE))
    return items


def _pieces(ctx: Context, text: str, budget: int, first: int) -> list[tuple[str, str]]:
    key = ("pieces", budget, first, text)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = pieces(text, ctx.rules, budget, first) or [(text, "")]
    return found


def _key_points(ctx: Context, plan: _Plan, hook: list[Item]) -> list[Item]:
    """The best-ranked passages that fit beside the hook, laid out in article order.

    A page that is not one story offers only its opening (:meth:`Digest.candidates`), a story
    its excerpt: its opening read in order. A sentence longer than a post is passed over (only
    the summary is ever cut across posts), and one that leans on another shares its post unless
    the two are longer than a post. Choosing stops at the first passage scoring under
    :data:`STOP` of the mean of those chosen or under :attr:`~.selection.Digest.floor` (the
    lead and a list article's items are exempt), or after :data:`MAX_SKIPS` passages that did
    not fit. Steps, list items and an excerpt are taken in order (:class:`~.order.Passed`). A
    report whose excerpt gives nothing beside the hook is condensed from its ranking instead.
    """
    excerpt = ctx.digest.excerpt
    chosen, taken, passed = _choose(ctx, plan, hook, ctx.digest.candidates(), excerpt)
    if not chosen and excerpt and not ctx.digest.personal:
        ranked = ctx.digest.candidates(thread=False)
        chosen, taken, passed = _choose(ctx, plan, hook, ranked, frozenset())
    roll = _roll_call(ctx, plan, hook) if passed.cut_list or _item_unsaid(ctx) else None
    if roll:
        return roll
    if chosen and ctx.digest.verdict is not None:
        chosen, taken = _with_verdict(ctx, plan, hook, (chosen, taken), ctx.digest.verdict)
    if chosen or hook or plan.headline:
        return _items(ctx, plan, _ending_on_a_point(ctx, plan, hook, chosen, taken))
    opening = _opening(ctx, plan)
    if not opening and plan.tags:
        plan.drop_tags()  # not even the first words fit beside them
        opening = _opening(ctx, plan)
    return opening


def _choose(
    ctx: Context,
    plan: _Plan,
    hook: list[Item],
    candidates: Iterable[Sentence],
    excerpt: frozenset[int],
) -> tuple[dict[int, Sentence], list[list[Sentence]], Passed]:
    """The passages taken from ``candidates`` (by position, and best first), the ``excerpt``
    read in order, and what was passed over."""
    by_position = {s.position: s for s in ctx.digest.sentences}
    chosen: dict[int, Sentence] = {}
    taken: list[list[Sentence]] = []  # the passages, best first
    scores: list[float] = []
    skips = 0
    floor = ctx.digest.floor
    passed = Passed(ctx.digest.in_order, excerpt)
    for sentence in candidates:
        lead = sentence.position in ctx.digest.pinned or sentence.position in excerpt
        if not sentence.point or (not lead and _enough(sentence, scores, floor)):
            break  # the ranking puts every fragment and filler sentence last
        if passed.rules_out(sentence):
            continue
        ending = (
            ctx.digest.personal
            and sentence.position in excerpt
            and ends_the_story(ctx.digest, sentence, chosen)
        )
        if excerpt_done(excerpt, sentence, chosen, ending):
            break
        passage = with_context(ctx.digest, sentence, by_position, chosen)
        passage = passage and _without_asides(ctx, plan, passage)
        if passage is None or _too_long(ctx, plan, passage):
            passed.add(sentence)
            continue
        trial = {**chosen, **{s.position: s for s in passage}}
        if (
            chosen
            and sentence.position in excerpt
            and not ending
            and _overruns(ctx, plan, hook, trial)
        ):
            break
        if not plan.reads_on([*hook, *_items(ctx, plan, trial)]):
            if not (sentence.leans and not chosen and _follows(ctx, None, sentence)):
                passed.add(sentence)  # one leaning on the hook leaves no gap: the hook said it
            skips += 1
            if skips > MAX_SKIPS:
                break
            continue
        chosen = trial
        taken.append(passage)
        if not lead:
            scores.append(sentence.score)
    return chosen, taken, passed


_Picked = tuple[dict[int, Sentence], list[list[Sentence]]]  # chosen by position, passages taken


def _with_verdict(
    ctx: Context, plan: _Plan, hook: list[Item], picked: _Picked, verdict_at: int
) -> _Picked:
    """A review's opening read so far, then its verdict (:attr:`~.selection.Digest.verdict`,
    with what it leans on, or else without the "But" that joins it to them when a name follows:
    "Lust for Youth shows they might have escaped…"): the opening gives up its last passages
    until the verdict fits, and the verdict is the last passage given up for the link.
    Unchanged when it never fits."""
    chosen, taken = picked
    by_position = {s.position: s for s in ctx.digest.sentences}
    verdict = by_position[verdict_at]
    if verdict.position in chosen:
        return chosen, taken
    bare = without_conjunction(verdict.text)
    passages = (
        _verdict_passage(verdict, by_position),
        [replace(verdict, text=bare, previous="")] if bare else None,
    )
    for passage in (p for p in passages if p):
        for kept in (taken[:n] for n in range(len(taken), 0, -1)):
            trial = {s.position: s for s in (*(s for p in kept for s in p), *passage)}
            if plan.reads_on([*hook, *_items(ctx, plan, trial)]):
                return trial, [passage, *kept]
    return chosen, taken


def _verdict_passage(verdict: Sentence, by_position: dict[int, Sentence]) -> list[Sentence] | None:
    """The verdict with the sentences of its paragraph it leans on ("In a sense, that's fine;
    … But Lust for Youth shows…"), at most :data:`~.passages.MAX_CHAIN` more; None if it
    still leans on something before them. Its paragraph is the review's: the people it names
    are the ones the review is about, introduced or not."""
    passage = [verdict]
    while passage[0].leans and len(passage) <= MAX_CHAIN:
        before = by_position.get(passage[0].position - 1)
        if before is None or before.paragraph != verdict.paragraph or not before.point:
            return None
        passage.insert(0, before)
    return None if passage[0].leans else passage


def _overruns(ctx: Context, plan: _Plan, hook: list[Item], trial: dict[int, Sentence]) -> bool:
    """Would the excerpt, laid out, run past :data:`~.order.EXCERPT_POSTS` posts? It ends
    before."""
    cuts = plan.arranged([*hook, *_items(ctx, plan, trial)])[1]
    return cuts is None or len(cuts) - 1 > EXCERPT_POSTS


def _item_sections(ctx: Context) -> set[int]:
    """The sections of a list's items that have a key point to post, each under its heading."""
    in_order = ctx.digest.in_order
    return {s.section for s in ctx.digest.sentences if s.position in in_order and s.heading}


def _item_unsaid(ctx: Context) -> bool:
    """Has a list an item with no key point to post ("John Legend", whose text is a quote "…,"
    Legend told the BBC)? Its items with their text would name five of "These 6 celebrities"."""
    said = _item_sections(ctx)
    return bool(said) and any(s.heading and s.section not in said for s in ctx.digest.sentences)


def _roll_call(ctx: Context, plan: _Plan, hook: list[Item]) -> list[Item] | None:
    """A list article whose items did not all fit with their text ("Top 10 …" in six posts) is
    posted as its items' headings, one a line, when they all fit: a list cut off at its fifth
    item is not the article's list. Every item's heading, even one whose text has no key point
    ("These 6 celebrities…" names six). None when the headings do not fit (or there are none).
    """
    headings = {s.section: s.heading for s in ctx.digest.sentences if s.heading}
    if not headings or not _shows_headline(plan, hook):
        return None
    lines = [_NUMBER_GLUED.sub(r"\1 ", str(h).strip()) for h in headings.values()]
    items = [Item(line, "\n" if i else "\n\n", PARAGRAPH) for i, line in enumerate(lines)]
    return items if plan.reads_on([*hook, *items]) else None


def _shows_headline(plan: _Plan, hook: list[Item]) -> bool:
    """Does the thread post the headline, which says what the list's names are ("These 6
    celebrities are refusing to play…")? The summary may have taken its place."""
    return bool(plan.headline) or any(item.text == plan.ctx.digest.title for item in hook)


def _ending_on_a_point(
    ctx: Context,
    plan: _Plan,
    hook: list[Item],
    chosen: dict[int, Sentence],
    taken: list[list[Sentence]],
) -> dict[int, Sentence]:
    """``chosen`` as it is when the last point's post carries the link; else without the
    hashtags, if that is enough (they are the first thing to go); else without the
    lowest-ranked passage whose leaving lets it, with the hashtags or without: a thread does
    not close on the link alone."""
    tags = plan.tags
    for trial in (chosen, *_without_each(taken, chosen)):
        for keep in (True, False) if tags else (True,):
            if not keep:
                plan.drop_tags()
            items = [*hook, *_items(ctx, plan, trial)]
            if (trial is chosen or plan.reads_on(items)) and plan.ends_on_a_point(items):
                return trial
            plan.tags = tags
            plan.forget_frames()
    _link_up_front(ctx, plan, [*hook, *_items(ctx, plan, chosen)])
    return chosen


def _link_up_front(ctx: Context, plan: _Plan, items: list[Item]) -> None:
    """No post after the key points has room for the link (every sentence fills its post: CNN
    Arabic's, each weighing twice on X): the link goes on the first post when it reads on
    there, rather than close the thread alone."""
    if not ctx.link or plan.link_first:
        return
    plan.link_first = plan.link_moved = True
    plan.forget_frames()
    if not plan.reads_on(items):
        plan.link_first = plan.link_moved = False
        plan.forget_frames()


def _without_each(
    taken: list[list[Sentence]], chosen: dict[int, Sentence]
) -> Iterator[dict[int, Sentence]]:
    """``chosen`` without one passage, the lowest-ranked first (sentences another passage also
    brought stay)."""
    for passage in reversed(taken):
        kept = {s.position for other in taken if other is not passage for s in other}
        trial = {p: s for p, s in chosen.items() if p in kept}
        if trial:
            yield trial


def _enough(sentence: Sentence, scores: list[float], floor: float) -> bool:
    """Have the key points been made? Yes when this one scores well below them, or below the
    article's best sentences, or when there are already a handful."""
    if len(scores) >= MOST_POINTS:
        return True
    if len(scores) >= LEAST_POINTS and sentence.score < floor:
        return True
    return bool(scores) and sentence.score < STOP * statistics.fmean(scores)


def _opening(ctx: Context, plan: _Plan) -> list[Item]:
    """An article with nothing worth ranking (no headline, no words) still says its first
    sentences: as much as fits, in order, cut with "…" if it must."""
    every = {s.position: replace(s, heading=None) for s in ctx.digest.sentences[:MAX_SKIPS]}
    return _trim(plan, _items(ctx, plan, every))  # in order: no list item needs its heading


def _without_asides(ctx: Context, plan: _Plan, passage: list[Sentence]) -> list[Sentence]:
    """``passage`` with each English sentence longer than a post shortened by the aside after its
    opening name, where that lets it fit (:func:`~.trim.without_aside`)."""
    room = plan.frame(1, False).budget
    fitted = []
    for sentence in passage:
        long = sentence.english and not ctx.rules.fits(sentence.text, room)
        shorter = without_aside(sentence.text) if long else None
        if shorter is not None and ctx.rules.fits(shorter, room):
            sentence = replace(sentence, text=shorter)
        fitted.append(sentence)
    return fitted


def _too_long(ctx: Context, plan: _Plan, passage: list[Sentence]) -> bool:
    """A key point that would have to be cut across posts (a sentence, with its list item's
    heading, longer than a post) is left for the reader of the article. A sentence leaning on
    one too long to share its post opens the next post, right after what it answers."""
    room = plan.frame(1, False).budget
    texts = (_with_heading(s, i == 0) for i, s in enumerate(passage))
    return any(ctx.rules.length(text) > room for text in texts)


def _items(ctx: Context, plan: _Plan, chosen: dict[int, Sentence]) -> list[Item]:
    runs = []
    previous: Sentence | None = None
    for sentence in sorted(chosen.values(), key=lambda s: s.position):
        opens_item = previous is None or previous.section != sentence.section
        headed = opens_item and sentence.heading is not None
        follows = _follows(ctx, previous, sentence) and not headed
        # the first key point right after the hook's last sentence goes on in its paragraph
        before = ctx.digest.sentences[sentence.position - 1] if follows and not previous else None
        joint = _joint(previous or before, sentence, follows)
        runs.append((_with_heading(sentence, opens_item), *joint))
        previous = sentence
    return _split(ctx, plan, runs)


def _follows(ctx: Context, previous: Sentence | None, sentence: Sentence) -> bool:
    """Does ``sentence`` come right after what it would lean on: the sentence before it, or for
    the first key point, the hook that said the one before it?"""
    if previous is not None:
        return previous.position == sentence.position - 1
    before = sentence.position - 1
    return before >= 0 and ctx.digest.repeats_hook(ctx.digest.sentences[before])


def _joint(previous: Sentence | None, sentence: Sentence, follows: bool) -> tuple[str, int]:
    """What joins ``sentence`` to the one before it in the thread, and how a break there reads
    (``follows``: it comes right after what it leans on, its list item's heading aside)."""
    kind = LEANING if sentence.leans and follows else SENTENCE
    if previous is None or previous.paragraph != sentence.paragraph:
        return "\n\n", PARAGRAPH if kind == SENTENCE else kind
    return sentence_joint(previous.text), kind


def _with_heading(sentence: Sentence, opens_item: bool) -> str:
    """A list item's first chosen sentence led in by its heading: "2. Ridgeline Solo: The…"."""
    if not (sentence.heading and opens_item):
        return sentence.text
    heading = _NUMBER_GLUED.sub(r"\1 ", sentence.heading.strip())  # "3.Charlotte" → "3. Charlotte"
    glue = " " if heading.endswith((".", ":", "!", "?", "。")) else ": "
    return f"{heading}{glue}{sentence.text}"
