"""One post: the headline and the news, the next most important sentences that fit whole, the
link, the hashtags. With ``link="reply"`` the link goes in a reply of its own."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from posts.condensing.cues import is_fragment, points_elsewhere, pronoun_among_first_words
from posts.condensing.packer import Placed, Slot, fill
from posts.condensing.passages import asks, asks_for_answer, introducer
from posts.condensing.people import bare_names, mentions
from posts.condensing.selection import Sentence
from posts.condensing.shaping import Context, Shape, hashtag_words, tags_in
from posts.condensing.tokens import Unit, Words, join_sentences
from posts.errors import InputError

MAX_EXTRA_TRIES = 40  # ranked sentences tried for the room left after the news
GLUE_WORDS = 4  # a sentence this short that is no key point may still carry the lead on
OPENING_PARAGRAPHS = 4  # the paragraphs a single post's extra sentence may come from
EXTRA_WORDS = 5  # content words a sentence from further down needs to say something alone


def single(ctx: Context) -> Shape:
    """The first of these that fits, then more whole sentences and the hashtags while they fit.

    1. headline + as many whole key sentences as fit, then the best-ranked sentences that fit
       whole in the room left (a sentence that leans on the one before only after it);
    2. the key sentences alone, when the headline leaves no room for a whole one;
    3. only when the first key sentence alone is longer than the post: headline + that sentence
       cut at a word boundary with "…", else the headline alone, cut the same way.
    The key sentences are the summary's, else the lead's. The link is as the platform shows it
    (Bluesky: shortened, as its app does).
    """
    title = ctx.digest.title
    key = _key_sentences(ctx)
    whole = _whole(ctx, key, title)
    if whole is not None:
        hook, chosen = whole
        tags = _tags(ctx, hook, _body(chosen))
        chosen = _fill(ctx, hook, chosen, tags)
        text = _slot(ctx, hook, tags).post(_body(chosen))
        assert text is not None  # every step above measured this very post
    else:
        hook, tags, text = _cut(ctx, key, title)
    shown = tags_in([text])
    unplaced = tuple(t for t in ctx.tags.usable if t not in tags and t.casefold() not in shown)
    return Shape((text, *_reply(ctx)), tuple(tags), unplaced)


def essentials_fit(ctx: Context) -> bool:
    """Do the headline, every key sentence, the link and the first hashtag fit one post?

    What ``auto`` asks before choosing a single post over a thread.
    """
    body = _body(_key_sentences(ctx))
    first_tag = list(ctx.tags.usable[:1])
    return _slot(ctx, ctx.digest.title, first_tag).post(body) is not None


def says_news_whole(ctx: Context, headline: bool = False) -> bool:
    """Does the single post hold at least the first key sentence whole (no "…"), and the
    headline too when ``headline`` is asked for?"""
    found = _whole(ctx, _key_sentences(ctx), ctx.digest.title)
    return found is not None and (not headline or found[0] == ctx.digest.title)


def _key_sentences(ctx: Context) -> list[str]:
    """The summary's sentences, else the lead's (without filler such as a caption), else the
    best-ranked sentence."""
    best = [s.text for s in itertools.islice(_standalone(ctx), 1)]
    return list(ctx.digest.summary) or list(ctx.digest.opening) or best


def _standalone(ctx: Context) -> Iterator[Sentence]:
    return (
        s
        for s in ctx.digest.candidates(thread=False)
        if s.point and not s.leans and s.heading is None
    )


def _body(sentences: list[str]) -> str:
    return join_sentences([" ".join(text.split()) for text in sentences])


def _whole(ctx: Context, key: list[str], title: str) -> tuple[str, list[str]] | None:
    """Variants 1 and 2: the headline (if it leaves room) and the most whole key sentences. A
    first key sentence that does not say what the headline says (a feature's scene-setting
    lede) does not push the headline out: the headline is the news, and X shows no headline
    on a link's card."""
    if not key:
        return (title, []) if _slot(ctx, title).post("") is not None else None
    for hook in (title, "") if title else ("",):
        for count in range(len(key), 0, -1):
            if count < len(key) and asks_for_answer(key[count - 1]):
                continue  # not without the answer that follows it
            if _slot(ctx, hook).post(_body(key[:count])) is not None:
                return hook, key[:count]
        if hook and _lede(ctx, hook, key[0]):
            return hook, []
    return None


def _lede(ctx: Context, title: str, first: str) -> bool:
    """Is ``first`` a lede that could only be posted without the headline, while it does not say
    what the headline says? Then the headline stays, alone (and the room is filled after it)."""
    alone = _slot(ctx, "").post(first) is not None
    return alone and not ctx.restates_headline(first) and _slot(ctx, title).post("") is not None


def _tags(ctx: Context, hook: str, body: str) -> list[str]:
    """The usable tags the text does not show already, each in priority order that still fits."""
    shown = tags_in([hook, body])
    carried: list[str] = []
    for tag in ctx.tags.usable:
        if tag.casefold() not in shown and _slot(ctx, hook, [*carried, tag]).post(body):
            carried.append(tag)
    return carried


def _fill(ctx: Context, hook: str, chosen: list[str], tags: list[str]) -> list[str]:
    """Add the best-ranked sentences that fit whole after the news, kept in article order, from
    the body's first :data:`OPENING_PARAGRAPHS` paragraphs (one past the lead says something
    alone: :data:`EXTRA_WORDS` content words at least). An
    article told in person, once its story has begun, goes on with its opening's next sentence
    or stops: skipping one that does not fit would set two moments side by side."""
    slot = _slot(ctx, hook, tags)
    going_on = _going_on(ctx, slot, chosen)
    if going_on:
        return [*chosen, *going_on]
    extra: list[Sentence] = []
    room = slot.budget - ctx.rules.length(_body(chosen))  # an estimate: the post is measured
    for tried, sentence in enumerate(ctx.digest.candidates(thread=False)):
        if tried >= MAX_EXTRA_TRIES:
            break
        cost = ctx.rules.length(sentence.text) + 2
        if (
            cost > room
            and chosen
            and ctx.digest.personal
            and sentence.position in ctx.digest.excerpt
        ):
            break
        if cost > room or sentence.text in chosen or not sentence.point:
            continue
        if sentence.paragraph >= OPENING_PARAGRAPHS:
            continue  # a detail from further down, set beside the news, reads out of context
        if len(sentence.words) < EXTRA_WORDS:
            continue  # "Students work independently.": whose, in which course, the page said
        if not _stands(ctx, sentence, chosen, extra):
            continue
        trial = sorted([*extra, sentence], key=lambda s: s.position)
        if slot.post(_body([*chosen, *(s.text for s in trial)])) is not None:
            extra, room = trial, room - cost
    return [*chosen, *(s.text for s in extra)]


def _going_on(ctx: Context, slot: Slot, chosen: list[str]) -> list[str]:
    """The sentences right after the lead's last one, while they fit whole: the lead read on
    ("Ein Strand ist ein Strand." "Von wegen!" "In Italien…"), not a sentence from further down
    set beside it. Nothing when the next one does not fit, or the lead is not the body's (a
    page's description)."""
    if not (ctx.digest.summary or ctx.digest.opening) or ctx.digest.not_a_story is not None:
        return []  # no lead to read on from (only the best-ranked sentence), or a digest's items
    sentences = ctx.digest.sentences
    last = max((s.position for s in sentences if s.text in chosen), default=None)
    if last is None:
        return []
    going: list[Sentence] = []
    for sentence in sentences[last + 1 :]:
        if sentence.heading is not None:
            break
        if is_fragment(sentence.text):
            break  # a fragment ("This expression", its formula taken out)
        if points_elsewhere(sentence.text):
            continue  # "siehe Infos unten": the page's, passed over like a link's label
        if sentence.filler or (not sentence.point and len(sentence.text.split()) > GLUE_WORDS):
            break  # someone else's words, or filler; "Von wegen!" is only the turn it takes
        if slot.post(_body([*chosen, *(s.text for s in going), sentence.text])) is None:
            break
        going.append(sentence)
    # "…beim Durchschlendern wie von selbst. Durchschlendern?": not without the answer after it
    while going and going[-1].position + 1 < len(sentences):
        if not asks(going[-1], sentences[going[-1].position + 1]):
            break
        going.pop()
    return [s.text for s in going]


def _stands(ctx: Context, sentence: Sentence, chosen: list[str], extra: list[Sentence]) -> bool:
    """A sentence that leans on the one before may follow only that sentence; a list item's
    text is not posted without its name (a single post has no room for the list); a person
    the article introduced earlier is not named by surname alone; a pronoun among the first
    words leans like an opening one."""
    if sentence.heading is not None:
        return False
    known = " ".join((ctx.digest.title, *chosen, *(s.text for s in extra)))
    for name in bare_names(sentence.text):  # "Taylor is aware…": which Taylor, the post asks
        if not mentions(name, known) and introducer(ctx.digest, name, sentence.position):
            return False
    if not (sentence.leans or pronoun_among_first_words(sentence.text)):
        return True
    before = sentence.position - 1
    return any(s.position == before for s in extra) or ctx.digest.sentences[before].text in chosen


def _cut(ctx: Context, key: list[str], title: str) -> tuple[str, list[str], str]:
    """Variant 3: a key sentence longer than the post, cut at a word with "…"."""
    placed: Placed | None = None
    hook = title
    if key and title:
        placed = fill(Words([Unit(key[0], 0)]), 0, _slot(ctx, title), ellipsis=True)
    if placed is None:
        headline = Words([Unit(title or key[0], 0)])
        hook, placed = "", fill(headline, 0, _slot(ctx, ""), ellipsis=True)
    if placed is None:
        raise ctx.nothing_fits("single")
    tags = _tags(ctx, hook, placed.body)
    return hook, tags, _slot(ctx, hook, tags).post(placed.body) or placed.text


def _reply(ctx: Context) -> tuple[str, ...]:
    """``link="reply"``: the link alone in a reply to the post."""
    if ctx.options.link != "reply" or not ctx.link:
        return ()
    text = ctx.slot(ctx.single, link=ctx.link).post("")
    if text is None:
        platform, limit = ctx.rules.platform, ctx.rules.limit
        raise InputError(f"the article's link does not fit a {platform} post of {limit}")
    return (text,)


def _slot(ctx: Context, hook: str, tags: list[str] | None = None) -> Slot:
    link = "" if ctx.options.link == "reply" else ctx.link
    return ctx.slot(ctx.single, hook=hook, link=link, hashtags=hashtag_words(tags or []))
