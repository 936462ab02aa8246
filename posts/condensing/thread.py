"""A thread: a hook post, the key points in article order, a closing post with the link.

Space is settled before any text is split: the closing post first (the link and as many
hashtags as fit), then hashtags that did not fit are reserved on the earliest posts, so adding
tags can never push a post over. Every post is packed with room for the widest number label any
thread length could give it (``6/6``), then rendered with its real label and measured again.
"""

from __future__ import annotations

from typing import Any

from posts.condensing.packer import Placed, Slot, pack
from posts.condensing.selection import Sentence
from posts.condensing.shaping import Context, Shape, hashtag_words
from posts.condensing.tokens import Unit, Words
from posts.errors import InputError, TemplateError
from posts.model import Numbering
from posts.render import template_name

FILL_GUESS = 0.85  # share of the key-point posts' room the first choice of sentences may claim
SHRINK = 0.97  # each new choice claims less than what fitted last time, so attempts converge
MAX_TRIES = 6
MAX_SKIPS = 12  # sentences too long for the whole room passed over before choosing stops


def number_label(numbering: Numbering, index: int, total: int) -> str:
    """``"2/5"``, ``"🧵"`` on the first post only, or nothing."""
    if numbering == "fraction":
        return f"{index}/{total}"
    return "🧵" if numbering == "thread" and index == 1 else ""


def thread(ctx: Context) -> Shape:
    """Hook (headline + summary), key points, closing; at most ``options.max_posts`` posts."""
    closing_tags, spill = _closing_tags(ctx)
    has_closing = bool(ctx.link or closing_tags)
    plan = _Plan(ctx, _shares(ctx, spill, ctx.options.max_posts - has_closing))
    _add_hook(ctx, plan)
    _add_key_points(ctx, plan)
    if has_closing:
        plan.pieces.append(
            {"kind": "closing", "link": ctx.link, "hashtags": hashtag_words(closing_tags)}
        )
        plan.bodies.append("")
    carried = {tag for share in plan.shares[: len(plan.bodies) - has_closing] for tag in share}
    carried.update(closing_tags)
    kept = tuple(tag for tag in ctx.tags.usable if tag in carried)
    unplaced = tuple(tag for tag in ctx.tags.usable if tag not in carried)
    return Shape(plan.texts(), kept, unplaced)


class _Plan:
    """Each post's pieces and body by position: packed with reserved labels, then numbered."""

    def __init__(self, ctx: Context, shares: list[list[str]]) -> None:
        self.ctx = ctx
        self.shares = shares  # hashtags reserved on each post before the closing one
        self.room = len(shares)  # posts before the closing one
        self.pieces: list[dict[str, Any]] = []
        self.bodies: list[str] = []

    def pack(
        self, words: Words, kind: str, hook: str = "", *, truncate: bool = False
    ) -> tuple[list[Placed], list[dict[str, Any]]]:
        """Pack ``words`` into the posts left before the closing one: posts and their pieces."""
        first = len(self.bodies)

        def pieces(offset: int) -> dict[str, Any]:
            index = first + offset
            hashtags = hashtag_words(self.shares[index])
            return {"kind": kind, "hook": hook if offset == 0 else "", "hashtags": hashtags}

        placed = pack(
            words, lambda k: self.slot(first + k, pieces(k)), self.room - first, truncate=truncate
        )
        return placed, [pieces(k) for k in range(len(placed))]

    def keep(self, placed: list[Placed], pieces: list[dict[str, Any]]) -> None:
        self.pieces.extend(pieces)
        self.bodies.extend(post.body for post in placed)

    def slot(self, index: int, pieces: dict[str, Any]) -> Slot:
        """Post ``index`` (0-based) with the widest label any thread length could give it."""
        return self.ctx.slot(
            self.ctx.thread, **_numbered(self.ctx, index, self.ctx.options.max_posts), **pieces
        )

    def texts(self) -> tuple[str, ...]:
        """Render every post with its real label and measure it once more."""
        total = len(self.bodies)
        texts = []
        for index, (pieces, body) in enumerate(zip(self.pieces, self.bodies, strict=True)):
            numbered = self.ctx.slot(self.ctx.thread, **_numbered(self.ctx, index, total), **pieces)
            text = numbered.post(body)
            if text is None:  # only a template whose output grows as the total shrinks gets here
                name = template_name(self.ctx.rules.platform, "thread")
                raise TemplateError(f"template {name} renders post {index + 1} over the limit")
            texts.append(text)
        return tuple(texts)


def _numbered(ctx: Context, index: int, total: int) -> dict[str, Any]:
    label = number_label(ctx.options.numbering, index + 1, total)
    return {"number": label, "index": index + 1, "total": total}


def _closing_tags(ctx: Context) -> tuple[list[str], list[str]]:
    """Tags for the closing post (the most of the last ones that fit beside the link) and the
    earlier ones left over, which go on the first posts: reading order stays article order."""
    tags = list(ctx.tags.usable)
    last = ctx.options.max_posts - 1
    for count in range(len(tags), -1 if ctx.link else 0, -1):
        split = len(tags) - count
        pieces = {"kind": "closing", "link": ctx.link, "hashtags": hashtag_words(tags[split:])}
        if ctx.slot(ctx.thread, **_numbered(ctx, last, last + 1), **pieces).post("") is not None:
            return tags[split:], tags[:split]
    if ctx.link:
        platform, limit = ctx.rules.platform, ctx.rules.limit
        raise InputError(f"the article's link does not fit a {platform} post of {limit}")
    return [], tags


def _shares(ctx: Context, spill: list[str], room: int) -> list[list[str]]:
    """Leftover tags reserved on the earliest posts, each keeping at least half its room."""
    shares: list[list[str]] = []
    for _ in range(room):
        share: list[str] = []
        while spill and ctx.rules.length(" ".join(hashtag_words([*share, spill[0]]))) <= (
            ctx.rules.limit // 2
        ):
            share.append(spill.pop(0))
        shares.append(share)
    return shares


def _add_hook(ctx: Context, plan: _Plan) -> None:
    """The headline as the hook piece and the summary as the body, over as many posts as needed.

    A headline too long to stand beside anything becomes the first paragraph of the body instead.
    """
    title = ctx.digest.title
    units = [Unit(text, 0) for text in ctx.digest.summary]
    if not title and not units:
        return
    if units:
        plan.keep(*plan.pack(Words(units), "hook", title, truncate=True))
    else:
        pieces = {"kind": "hook", "hook": title, "hashtags": hashtag_words(plan.shares[0])}
        text = plan.slot(0, pieces).post("")
        if text is not None:
            plan.keep([Placed(0, 0, "", text)], [pieces])
    if not plan.bodies:
        plan.keep(*plan.pack(Words([Unit(title, -1), *units]), "hook", truncate=True))
    if not plan.bodies:
        raise ctx.nothing_fits("thread")


def _add_key_points(ctx: Context, plan: _Plan) -> None:
    """The best-ranked sentences that fit the posts left, laid out in article order.

    Sentences are chosen in rank order while their measured lengths fit :data:`FILL_GUESS` of
    the room. Packing prefers ending posts at strong breaks, so the choice may not fit; then the
    room is scaled by the share that did fit (and :data:`SHRINK`) and the choice is made again,
    from the top of the ranking. The last of
    :data:`MAX_TRIES` attempts keeps what fits and ends with "…" if it stops mid-sentence.
    """
    first = len(plan.bodies)
    left = plan.room - first
    if left <= 0:
        return
    probe = plan.slot(first, {"kind": "body", "hashtags": hashtag_words(plan.shares[first])})
    capacity = probe.budget * left * FILL_GUESS
    for attempt in range(1, MAX_TRIES + 1):
        chosen = _choose(ctx, capacity)
        if not chosen:
            return
        ordered = sorted(chosen, key=lambda sentence: sentence.position)
        words = Words([Unit(s.text, s.paragraph) for s in ordered])
        placed, pieces = plan.pack(words, "body", truncate=attempt == MAX_TRIES)
        end = placed[-1].end if placed else 0
        if end == len(words) or attempt == MAX_TRIES:
            plan.keep(placed, pieces)
            return
        used = sum(ctx.rules.length(s.text) + 2 for s in chosen)
        capacity = used * SHRINK * words.chars(0, end) / words.chars(0, len(words))


def _choose(ctx: Context, capacity: float) -> list[Sentence]:
    """The best-ranked sentences, in rank order, until the next would overflow ``capacity``.

    A smaller sentence further down never jumps the queue to fill a gap (such fillers read as
    fragments out of context); only a sentence longer than the whole room is passed over, at most
    :data:`MAX_SKIPS` of them, so a long article is never scanned to its end.
    """
    chosen: list[Sentence] = []
    used = 0.0
    skipped = 0
    for sentence in ctx.digest.candidates():
        cost = ctx.rules.length(sentence.text) + 2
        if cost > capacity and skipped < MAX_SKIPS:
            skipped += 1
            continue
        if used + cost > capacity:
            break
        chosen.append(sentence)
        used += cost
    return chosen
