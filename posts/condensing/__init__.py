"""Condense an article into posts that fit one platform exactly.

``condense(article, platform, mode=...)`` picks content deterministically (summary, lead, then
the best-scored sentences: :mod:`posts.condensing.selection`), shapes it with the platform's
templates (:mod:`posts.render`), and fits every post by the platform's own counting rule
(:mod:`posts.condensing.packer`). Same input, same output, byte for byte. docs/formatting.md is the
user's guide.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

from posts import counting, platforms
from posts.condensing import hashtags
from posts.condensing.card import link_card
from posts.condensing.packer import Rules
from posts.condensing.review import review
from posts.condensing.selection import digest
from posts.condensing.shaping import Context, Shape
from posts.condensing.single import essentials_fit, says_news_whole, single
from posts.condensing.thread import thread
from posts.errors import ArticleError, InputError
from posts.model import (
    Article,
    CondenseOptions,
    LinkPlacement,
    Mode,
    Numbering,
    Post,
    Rendition,
)

__all__ = [
    "LINKS",
    "MODES",
    "NUMBERINGS",
    "check_request",
    "condense",
    "condense_all",
    "platform_names",
]

MODES: tuple[str, ...] = get_args(Mode)
NUMBERINGS: tuple[str, ...] = get_args(Numbering)
LINKS: tuple[str, ...] = get_args(LinkPlacement)
NO_LINK = "no link: the posts carry no link to the article; pass --url to add one"


def condense(
    article: Article, platform: str, *, mode: str = "auto", options: CondenseOptions | None = None
) -> Rendition:
    """One post (``single``), a thread (``thread``), or single when its essentials fit (``auto``).

    Raises :class:`~posts.errors.InputError` (exit 2) for an unknown platform or mode, bad
    options, or an article with nothing to say; :class:`~posts.errors.TemplateError` for a
    broken template.
    """
    options = options or CondenseOptions()
    limit = _check(platform, mode, options)
    source = digest(article)
    if not (source.title or source.summary or source.sentences):
        raise ArticleError(f"{article.source}: no text to condense")
    tags = hashtags.choose(platform, article, options.hashtag_cap)
    ctx = Context(article, source, Rules(platform, limit), tags, options)
    warnings = list(tags.warnings) if article.url else [NO_LINK, *tags.warnings]
    if mode == "thread" and options.max_posts < 2:
        warnings.append(f"max posts {options.max_posts}: a single post instead of a thread")
    if source.not_a_story:
        warnings.append(
            f"the page reads as {source.not_a_story}, not one story: posted as what it is and "
            "how it opens; to post one of its items, save that item as its own article"
        )
    chosen, shape = _shape(ctx, mode)
    where = "the post" if chosen == "single" else "the thread"
    return Rendition(
        platform=platform,
        limit=limit,
        mode=chosen,
        posts=tuple(_post(platform, text, ctx.links) for text in shape.texts),
        embed=link_card(article) if platforms.get(platform).link_card else None,
        hashtags_kept=shape.carried,
        hashtags_dropped=(*tags.dropped, *shape.unplaced),
        warnings=(
            *warnings,
            *hashtags.no_room(shape.unplaced, where),
            *(
                ("the link is on the first post: no post after the article's text had room for it",)
                if shape.link_moved
                else ()
            ),
            *(message for _, message, _ in review(shape.texts, platform, options.hashtag_cap)),
        ),
    )


def _shape(ctx: Context, mode: str) -> tuple[Literal["single", "thread"], Shape]:
    """The requested shape, unless :func:`_one_post` says otherwise, or the thread comes to
    one post (a "1/1" is no thread: the single post is made as such, and filled), or to a hook
    and its link alone."""
    if ctx.options.max_posts >= 2 and mode != "single" and not _one_post(ctx, mode):
        made = thread(ctx)
        if len(made.texts) > 1 and not _said_in_one(ctx, made, mode):
            return "thread", made
    return "single", single(ctx)


def _said_in_one(ctx: Context, made: Shape, mode: str) -> bool:
    """Is the thread one post of text, beside the headline alone or the link (and hashtags)
    alone, or (in ``auto``) two posts of which the second only goes on from the first, while
    the news and the link fit one post, the news whole (and the headline, when the thread gave
    it a post, unless the news restates it)? That is one post's news said in two: the single
    post says it (with as many of the hook's sentences as fit)."""
    two_as_one = mode == "auto" and made.continued and len(made.texts) == 2
    if len(made.texts) - made.bare_open - made.bare_close > 1 and not two_as_one:
        return False
    news = ctx.digest.summary or ctx.digest.opening
    restated = bool(news) and ctx.restates_headline(news[0])
    headline = made.bare_open and not restated
    one = made.bare_open or made.bare_close or two_as_one
    return one and says_news_whole(ctx, headline=headline)


def _one_post(ctx: Context, mode: str) -> bool:
    """``auto`` is one post when its essentials fit; a page that is not one story
    (:mod:`~.genre`) is one post in ``auto`` always, and as a "thread" when its headline,
    summary and link fit one (an editor does not stretch a digest into a thread)."""
    if ctx.digest.not_a_story is None:
        return mode == "auto" and essentials_fit(ctx)
    return mode == "auto" or essentials_fit(ctx)


def platform_names(spec: str) -> tuple[str, ...]:
    """``"x, bluesky"`` → ``("x", "bluesky")``: known names, de-duplicated, in the order given."""
    names = tuple(dict.fromkeys(name.strip().lower() for name in spec.split(",") if name.strip()))
    if not names:
        raise InputError(f"no platform named (known: {', '.join(platforms.names())})")
    for name in names:
        counting.limit_for(name)
    return names


def condense_all(
    article: Article,
    platforms: Sequence[str],
    *,
    mode: str = "auto",
    options: CondenseOptions | None = None,
) -> dict[str, Rendition]:
    """``condense`` for each platform, every request checked before any work is done."""
    options = options or CondenseOptions()
    check_request(platforms, mode, options)
    return {p: condense(article, p, mode=mode, options=options) for p in platforms}


def check_request(platforms: Sequence[str], mode: str, options: CondenseOptions) -> None:
    """Raise InputError for the first unknown platform, unknown mode or bad option."""
    for platform in platforms:
        _check(platform, mode, options)


def _check(platform: str, mode: str, options: CondenseOptions) -> int:
    """Validate the request; return the limit in force."""
    default = counting.limit_for(platform)  # UnknownPlatformError names the known ones
    if mode not in MODES:
        raise InputError(f"unknown mode {mode!r} (known: {', '.join(MODES)})")
    if options.numbering not in NUMBERINGS:
        known = ", ".join(NUMBERINGS)
        raise InputError(f"unknown numbering {options.numbering!r} (known: {known})")
    if options.max_posts < 1:
        raise InputError(f"max posts must be at least 1, not {options.max_posts}")
    if options.hashtag_cap is not None and options.hashtag_cap < 0:
        raise InputError(f"hashtag cap must be 0 or more, not {options.hashtag_cap}")
    if options.link not in LINKS:
        raise InputError(f"unknown link placement {options.link!r} (known: {', '.join(LINKS)})")
    if options.limit is not None and options.limit < 1:
        raise InputError(f"limit must be at least 1, not {options.limit}")
    return options.limit or default


def _post(platform: str, text: str, links: dict[str, str]) -> Post:
    rules = platforms.get(platform).rules
    return Post(text=text, length=rules.measure(text), facets=rules.facets_of(text, links))
