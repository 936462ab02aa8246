"""One post: the headline, the key sentence(s), the link, then as many hashtags as fit."""

from __future__ import annotations

from posts.condensing.packer import Placed, Slot, fill
from posts.condensing.shaping import Context, Shape, hashtag_words
from posts.condensing.tokens import Unit, Words


def single(ctx: Context) -> Shape:
    """The first of these that fits, then hashtags in priority order while they still fit.

    1. headline + as many whole key sentences as fit;
    2. the key sentences alone, when the headline leaves no room for a whole one;
    3. headline + the first key sentence cut at a word boundary with "…";
    4. the headline alone as the body, cut the same way.
    The key sentences are the summary's, else the lead's. The link is never shortened.
    """
    title = ctx.digest.title
    key = _key_sentences(ctx)
    hook, placed = _whole(ctx, key, title)
    if placed is None and key and title:
        hook, placed = title, fill(Words(key[:1]), 0, _slot(ctx, title), ellipsis=True)
    if placed is None:
        headline = Words([Unit(title or key[0].text, 0)])
        hook, placed = "", fill(headline, 0, _slot(ctx, ""), ellipsis=True)
    if placed is None:
        raise ctx.nothing_fits("single")
    text, carried = _with_hashtags(ctx, hook, placed)
    unplaced = tuple(tag for tag in ctx.tags.usable if tag not in carried)
    return Shape((text,), carried, unplaced)


def essentials_fit(ctx: Context) -> bool:
    """Do the headline, every key sentence, the link and the first hashtag fit one post?

    What ``auto`` asks before choosing a single post over a thread.
    """
    body = Words(_key_sentences(ctx)).text
    first_tag = list(ctx.tags.usable[:1])
    return _slot(ctx, ctx.digest.title, first_tag).post(body) is not None


def _key_sentences(ctx: Context) -> list[Unit]:
    """The summary's sentences, else the lead's."""
    return [Unit(text, 0) for text in ctx.digest.summary] or [
        Unit(s.text, 0) for s in ctx.digest.sentences if s.paragraph == 0
    ]


def _with_hashtags(ctx: Context, hook: str, placed: Placed) -> tuple[str, tuple[str, ...]]:
    """Every tag if they all fit, else each in priority order that still fits."""
    everything = _slot(ctx, hook, list(ctx.tags.usable)).post(placed.body)
    if everything is not None:
        return everything, ctx.tags.usable
    text, carried = placed.text, list[str]()
    for tag in ctx.tags.usable:
        trial = _slot(ctx, hook, [*carried, tag]).post(placed.body)
        if trial is not None:
            text = trial
            carried.append(tag)
    return text, tuple(carried)


def _whole(ctx: Context, key: list[Unit], title: str) -> tuple[str, Placed | None]:
    """Variants 1 and 2: whole key sentences, with the headline if possible."""
    if not key:
        text = _slot(ctx, title).post("")
        return title, None if text is None else Placed(0, 0, "", text)
    words = Words(key)
    for hook in (title, "") if title else ("",):
        placed = fill(words, 0, _slot(ctx, hook), whole=True)
        if placed is not None:
            return hook, placed
    return title, None


def _slot(ctx: Context, hook: str, tags: list[str] | None = None) -> Slot:
    return ctx.slot(ctx.single, hook=hook, link=ctx.link, hashtags=hashtag_words(tags or []))
