"""Build an :class:`Article` from a reader's blocks: one set of rules for every kind.

Titles are taken once (a heading or paragraph repeating the title is dropped), a "Summary" or
"TL;DR" section becomes the explicit summary instead of body text, hashtag-only lines become
hashtags, and boilerplate is skipped. Precedence rules are documented in docs/articles.md.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, takewhile
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin

from posts.article.boilerplate import (
    boilerplate_rule,
    ends_article,
    is_author_note,
    is_boilerplate_heading,
    is_embed_placeholder,
    strip_inline,
    strip_opening_label,
)
from posts.article.capitals import recase_lead_in
from posts.article.description import BEFORE_THE_CUT, is_standfirst, judge, leans_back
from posts.article.extracted import Block, Extracted, Metadata
from posts.article.hashtags import (
    clean_tag,
    find_hashtags,
    inline_hashtags,
    is_hashtag_line,
    strip_trailing_hashtags,
    unique,
)
from posts.article.item_names import name_items
from posts.article.keywords import keywords_of
from posts.article.labels import ingredients_label, ingredients_start, is_procedure_label
from posts.article.mentions import neutralise
from posts.article.normalize import absolute_url, comparable, squash
from posts.article.scripts import written_apart
from posts.article.sentences import ends_unpunctuated, split_sentences, whole_quotations
from posts.errors import ArticleError, InputError
from posts.model import Article, ArticleKind, KeywordSource, Section

SummarySource = Literal["explicit", "front-matter", "meta", "computed"]

_SUMMARY_HEADING = re.compile(r"^(?:summary|in\s+summary|tl;?\s?dr)\s*:?$", re.IGNORECASE)
_SUMMARY_PREFIX = re.compile(r"^(?:tl;?\s?dr|summary)\s*[:—–-]\s*(?P<rest>\S.*)$", re.IGNORECASE)
_LABEL_LETTERS, _LABEL_WORDS = 8, 4  # a section label in capitals: "NEW PARTNERSHIP", not "NASA"
# a closing summary's look back at the article ("We've looked at three common approaches…",
# "In this tutorial, I have shown…"): the article's own words about itself, not its news
_RECAP = re.compile(
    r"(?i)(?:(?:so|today|above|in\s+(?:this|the)\s+(?:article|post|tutorial|guide))\W+)?"
    r"(?:we|i)(?:['’]ve|\s+have)?\s+(?:looked\s+at|seen|covered|shown|discussed|explored"
    r"|learned|walked\s+through|gone\s+(?:over|through))\b"
)
_TITLE_JOINT = re.compile(r"^\s*(?:-{1,3}|[—–:|•·])\s*")  # between a headline and its description
_TITLE_CHARS = 100  # a title made from the first sentence is cut at a word near here
_LEAD_CHARS = 100  # a computed summary adds the second sentence when the first is shorter
_FURNITURE_CHARS = 40  # boilerplate this long that a description opens with makes it furniture
# boilerplate that never says the story (a related card's or a caption's text may)
_FURNITURE_RULES = frozenset(
    """ad-appeal byline comment-policy cookie-notice disclaimer disclosure error-report
    licence-notice login-form navigation newsletter-confirmation paywall promo reading-time
    reprint-notice review-note search-box""".split()  # noqa: SIM905
)
# "Liebe Freunde …,", "Sehr geehrte Damen und Herren,", "Chers amis,": a letter's salutation line
_SALUTATION = re.compile(
    r"(?i)(?:liebe[rs]?|hallo|servus|moin|sehr\s+geehrte[rs]?|dear|chères?|chers|querid[oa]s?"
    r"|estimad[oa]s?)\b[^,]{0,80},$"
)
_COUNTING = re.compile(
    r"(?:first(?:ly|\s+of\s+all)?|to\s+(?:start|begin)(?:\s+with)?),\s+(?=\w)", re.I
)
_SPEAKER = re.compile(r"[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2}:\s+(?=[A-Z“\"])")  # "Joe: "
_TRANSCRIPT_LINES = 3  # paragraphs opening with a speaker's label: a transcript
_LEAD_WORDS = 6  # a lead sentence shorter than this is a kicker or a caption, not the news
_GLUED_WORDS = 4  # a headline this long run into a paragraph is a layout's glue, not its words
# A lead never starts by answering something before it.
# A drop cap set apart from its word ("T he Smithsonian's…"): in English only "A", "I" and "O"
# are words of one capital letter.
_DROP_CAP = re.compile(r"^([B-HJ-NP-Z]) (?=[a-z]{2})")
_LAST_LEVEL = 6  # skipping "below" it: until any marked-up heading
_WIDGET_PART = 0.5  # a paragraph repeated from here on is a widget's, not the article's
_CUT_TEASER = re.compile(r"\w(?:\.\.\.|…)$")  # cut after a word, no stop before the dots
_CUT_TEASERS = 3  # this many on a page are a CMS's teasers, not an author trailing off
_TEASER_HEAD = 12  # words, at most, of the headline line before a cut teaser
_BLANK_LINE = re.compile(r"\n[ \t]*\n(?!\s*[a-z])")  # a blank line, unless a sentence goes on
_PROSE_WORDS = 3  # a page without one paragraph of prose this long is an index of labels …
_LONG_WORDS = 12  # … unless a paragraph runs this long without a final stop
_LABELLED = re.compile(r"[A-Z][\w ]{0,20}:\s")  # "Name: Ashley", "Location: Downtown — Los…"
_CAPTION_WORDS = 40  # a caption under a picture's file name is a sentence or two
_AUTHOR_NOTE_WITHIN = 3  # last paragraphs where a note on the writer may stand
_CARDS = 3  # blurbs of cards linking elsewhere, the only text of a page: an index page
_NO_BODY = (
    "no body: the page's own text could not be read (paywalled, scrambled, a picture, or only a"
    " headline or links to other sites); only its headline and link are posted"
)
_NO_LINK = "no link: the article declares no canonical link, og:url or url; pass --url to add one"


@dataclass
class _Walk:
    """State while walking the blocks in order."""

    title: str | None
    sections: list[Section] = field(default_factory=list)
    heading: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    hashtags: list[tuple[str, KeywordSource]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    quoted: set[str] = field(default_factory=set)  # paragraphs set as block quotations
    english: bool = True  # the page's language is English (or not declared)
    lang: str | None = None
    in_summary: bool = False
    skip_below: int | None = None  # inside a boilerplate section headed at this level
    kicker: str | None = None  # the title's topic word, until the first paragraph is read
    deck: str | None = None  # a subheading before any text: perhaps the standfirst

    def close_section(self) -> None:
        if self.paragraphs:
            self.sections.append(Section(self.heading, tuple(self.paragraphs)))
        self.paragraphs = []

    def at_start(self) -> bool:
        """Nothing of the body read yet."""
        return not self.sections and not self.paragraphs and self.heading is None

    def is_title(self, text: str) -> bool:
        if self.title is None or len(text) > 2 * len(self.title) + 20:
            return False  # only punctuation and spacing may differ; skip long paragraphs cheaply
        # spacing aside: "…はかどる！ 従来比※約18%…" repeats "…はかどる！従来比約18%…"
        return comparable(text).replace(" ", "") == comparable(self.title).replace(" ", "")


def assemble(
    extracted: Extracted,
    *,
    kind: ArticleKind,
    source: str,
    name: str,
    url: str | None,
    content_hash: str,
    page_url: str | None = None,
) -> Article:
    """Apply titles, sections, summary, hashtags and link precedence to ``extracted``."""
    meta = extracted.meta
    if meta.error_page:
        raise ArticleError(
            f"{name} is a site's error page ({meta.error_page[:80]}), not an article"
        )
    if meta.front_page:
        raise ArticleError(
            f"{name} is a section's front page ({meta.front_page}), not an article: name the"
            " section's feed in a [feeds.NAME] table of the config and its entries become drafts"
        )
    walk = _walk(extracted)
    lang = meta.lang.strip() if meta.lang else None
    paragraphs = tuple(p for section in walk.sections for p in section.paragraphs)
    _check_body(walk, meta, paragraphs, kind, name)
    summary, source_of_summary, notes = _summary(walk, meta, paragraphs)
    if meta.video and source_of_summary == "meta":  # around a player: other videos' blurbs
        walk.sections, notes = [], (*notes, "a video's page: its description is the post")
    title = walk.title or _title_from(paragraphs[0], lang)
    declared = absolute_url(meta.url)
    link = _url_argument(url) if url is not None else declared or page_url
    sections, summary, handles = _inert_handles(
        walk.sections,
        summary or _bare_lead(_lead(_before_items(walk.sections), lang), paragraphs),
        meta.mentions,
    )
    if handles:
        notes = (*notes, f"mentions made inert (not addressed by the author): {', '.join(handles)}")
    return Article(
        title=title,
        sections=sections,
        summary=summary,
        summary_source=source_of_summary,
        hashtags=unique([*map(clean_tag, meta.tags), *(tag for tag, _ in walk.hashtags)]),
        url=link,
        image=_image_source(meta.image, source, page_url),
        image_alt=squash(meta.image_alt) if meta.image_alt else None,
        description=meta.description,
        lang=lang,
        kind=kind,
        source=source,
        content_hash=content_hash,
        keywords=keywords_of(meta, walk.hashtags, f"{title}\n" + "\n".join(paragraphs)),
        explain=(*meta.explain, *notes, *_link_note(url, declared, page_url)),
        removed=(*meta.removed, *walk.removed),
        quoted=frozenset(i for i, text in enumerate(paragraphs) if text in walk.quoted),
        warnings=(*(() if link else (_NO_LINK,)), *(() if paragraphs else (_NO_BODY,))),
    )


def _check_body(
    walk: _Walk, meta: Metadata, paragraphs: tuple[str, ...], kind: ArticleKind, name: str
) -> None:
    """Refuse a page with nothing to post. A page that declares itself one story keeps its
    headline when its body cannot be read (a paywall, scrambled text, a headline-only joke), and
    so do a round-up whose body is only a list of links to other sites, a discussion page
    whose post is a picture or a link (only its controls and its community's card read), and a
    page whose body is a picture (a comic's page). A page whose only text was the blurbs of
    :data:`_CARDS` or more cards, each a link to another page, is an index page."""
    cards = sum(rule == "linked-blurb" for rule, _ in meta.removed)
    if (
        kind == "html"
        and not any(_is_prose(p) for p in paragraphs)
        and (paragraphs or cards >= _CARDS)
    ):
        raise ArticleError(
            f"{name} has no article text, only headlines, labels and links (an index page?)"
        )
    roundup = any(rule == "link-list" for rule, _ in meta.removed)  # its text is others' links
    # a discussion page (its controls read: "2 more replies") whose post is a picture or a link
    discussion = any(rule in ("interface", "replies-control") for rule, _ in walk.removed)
    # a comic's or a photo's page, whose picture is the post; each at an address it declares (a
    # section's page names none: "Lake Elsinore : Press Enterprise", its stories' links, photos)
    addressed = bool(meta.url) and (roundup or discussion or meta.pictured)
    shown = meta.is_story or meta.video or addressed
    if not paragraphs and not (kind == "html" and shown and walk.title):
        raise ArticleError(f"{name} has no readable text (only headings, tags or boilerplate)")


def _walk(extracted: Extracted) -> _Walk:
    """Sections, summary lines, hashtags and removals from the blocks, in order."""
    meta = extracted.meta
    english = (meta.lang or "en").casefold().startswith("en")
    walk = _Walk(
        title=squash(meta.title) if meta.title else None,
        english=english,
        lang=meta.lang,
        kicker=meta.kicker,
    )
    for block in extracted.blocks:
        if block.is_heading:
            _heading(walk, block)
        elif walk.skip_below is None:
            for part in _BLANK_LINE.split(block.text):  # "<br><br>" parts: paragraphs of their own
                _paragraph(walk, part, block.quoted)
    walk.close_section()
    _drop_widgets(walk)
    _drop_author_note(walk)
    walk.sections = _label_ingredients(name_items(walk.sections), walk.lang)
    if english:
        walk.sections = _recased_lead_in(walk.sections, walk.title or "")
    return walk


def _recased_lead_in(sections: list[Section], title: str) -> list[Section]:
    """The first paragraph without a newspaper's lead-in in capitals ("UK INSTITUTES have…")."""
    if not sections:
        return sections
    first, *rest = sections
    lead, *others = first.paragraphs
    article = chain([title], others, (text for part in rest for text in part.paragraphs))
    return [replace(first, paragraphs=(recase_lead_in(lead, article), *others)), *rest]


def _drop_widgets(walk: _Walk) -> None:
    """Paragraphs printed twice or more, first in the page's second half, are a widget's (one
    sign-up box for phones and another for desktops): an article says a thing once, and a pull
    quote repeats a sentence of the story, not of what follows it. Three or more paragraphs cut
    off mid-clause ("…Nachdem nach langer Diskussion der Stadtrat...") are other stories'
    teasers: a writer trails off once or twice, a CMS cuts every teaser the same way."""
    texts = [p for section in walk.sections for p in section.paragraphs]
    first: dict[str, int] = {}
    for index, text in enumerate(texts):
        first.setdefault(text, index)
    counts = Counter(texts)
    widgets = {t for t, n in counts.items() if n > 1 and first[t] >= len(texts) * _WIDGET_PART}
    _drop(walk, "repeated-widget", widgets, first)
    cuts = [i for i, t in enumerate(texts) if _CUT_TEASER.search(t)]
    if len(cuts) >= _CUT_TEASERS:  # with each its headline, the short line before it
        heads = {texts[i - 1] for i in cuts if i and len(texts[i - 1].split()) <= _TEASER_HEAD}
        _drop(walk, "cut-teaser", {texts[i] for i in cuts} | heads, first)


def _drop_author_note(walk: _Walk) -> None:
    """The site's note on the writer among the last paragraphs ("Lucas Nolan is a reporter for
    Breitbart Tech … Follow him on Twitter"): not the story's, and what follows it is the site's
    too (an editor's note, a correction's credit)."""
    texts = [p for section in walk.sections for p in section.paragraphs]
    start = max(1, len(texts) - _AUTHOR_NOTE_WITHIN)
    note = next((i for i in range(start, len(texts)) if is_author_note(texts[i])), None)
    if note is not None:
        _drop(walk, "author-note", set(texts[note:]), {t: i for i, t in enumerate(texts)})


def _drop(walk: _Walk, rule: str, texts: set[str], first: dict[str, int]) -> None:
    """Take ``texts`` out of the body, recorded under ``rule`` in page order (``first``)."""
    if texts:
        walk.removed.extend((rule, text) for text in sorted(texts, key=first.__getitem__))
        sections = (
            Section(s.heading, tuple(p for p in s.paragraphs if p not in texts))
            for s in walk.sections
        )
        walk.sections = [s for s in sections if s.paragraphs]


def _inert_handles(
    sections: list[Section], summary: str, keep: tuple[str, ...]
) -> tuple[tuple[Section, ...], str, tuple[str, ...]]:
    """Sections and summary with unaddressed @handles neutralised, and which handles those were."""
    found: list[str] = []

    def inert(text: str) -> str:
        text, handles = neutralise(text, keep)
        found.extend(handles)
        return text

    kept = tuple(replace(s, paragraphs=tuple(inert(p) for p in s.paragraphs)) for s in sections)
    return kept, inert(summary), tuple(dict.fromkeys(found))


def _heading(walk: _Walk, block: Block) -> None:
    text, _ = strip_inline(squash(block.text))
    if is_embed_placeholder(text):
        walk.removed.append(("embedded-post", text))
        return
    is_summary = bool(_SUMMARY_HEADING.match(text))
    if walk.skip_below is not None:
        # Scraped related-post lists look like runs of bare headings: only markup or a summary
        # ends a boilerplate section.
        if not is_summary and (block.inferred or block.level > walk.skip_below):
            return
        walk.skip_below = None
    if block.level == 1 and (walk.title is None or walk.at_start()):
        walk.title = walk.title or text  # a top heading is the title line, even if worded apart
        return
    if walk.is_title(text):
        return
    if walk.at_start() and not block.inferred and _is_news_sentence(text):
        walk.paragraphs.append(text)  # a standfirst set as a subheading: the story's first words
        return
    if walk.at_start() and not block.inferred and not is_summary:
        walk.deck = text  # "The actor has reportedly popped the question…": judged as a deck
    walk.close_section()
    walk.in_summary = is_summary
    if is_boilerplate_heading(text):
        walk.skip_below = block.level
        walk.heading = None
        walk.removed.append(("furniture-section", text))
    elif not walk.in_summary:
        walk.heading = text


def _paragraph(walk: _Walk, block: str, quoted: bool = False) -> None:
    kept: list[str] = []
    for line in block.split("\n"):
        if is_hashtag_line(line):
            walk.hashtags.extend((tag, "hashtag-line") for tag in find_hashtags(line))
        else:
            kept.append(line)
    text, inline = strip_inline(squash(" ".join(kept)))
    if walk.at_start():
        text, label = strip_opening_label(text)
        inline += (("dateline", label),) if label else ()
    if walk.english:
        text = _DROP_CAP.sub(r"\1", text)
    text = _past_headline(walk, _past_kicker(walk, text))
    if not any(char.isalnum() for char in text) or walk.is_title(text):
        return  # rules, ornaments, emoji rows: nothing to post
    if text.endswith(":") and is_procedure_label(text):
        walk.close_section()  # "Instructions:" on a line of its own heads the steps
        walk.heading = text.rstrip(":").strip()
        return
    rule = boilerplate_rule(text)
    if rule is None and walk.at_start() and written_apart(text, walk.lang):
        rule = "caption"  # a Korean page opening in English: a figure's caption or a credit
    if rule is None and _after_file_name(walk, text):
        rule = "caption"  # a picture's file name shown, then what the picture shows
    if rule is not None:
        walk.removed.append((rule, text))
        if ends_article(rule):  # what follows, up to a heading, is the site's (a glossary box)
            walk.close_section()
            walk.skip_below = _LAST_LEVEL
        return
    if _is_caps_label(text) and not walk.in_summary:
        walk.close_section()  # "NEW BUSINESS" on a line of its own heads a round-up's part
        walk.heading = text
        return
    walk.removed.extend(inline)
    walk.hashtags.extend((tag, "inline") for tag in inline_hashtags(text))
    prefixed = _SUMMARY_PREFIX.match(text)
    if walk.in_summary:
        walk.summary.append(text)
    elif prefixed:
        walk.summary.append(prefixed["rest"])
    elif walk.paragraphs and _goes_on(walk.paragraphs[-1], text) and not quoted:
        walk.paragraphs[-1] += " " + text  # "Liebe Freunde …," / "am 28. September wollen wir…"
    else:
        walk.paragraphs.append(text)
        if quoted:
            walk.quoted.add(text)


def _past_kicker(walk: _Walk, text: str) -> str:
    """The first paragraph without the title's kicker set before its words ("Weihnachten Sie
    können…" under "Weihnachten: Die Redaktion zeigt…"); any later paragraph as it is."""
    kicker, walk.kicker = walk.kicker, None
    rest = _glued_to(kicker, text)
    if not rest:
        return text
    walk.removed.append(("kicker", kicker or ""))
    return rest


def _past_headline(walk: _Walk, text: str) -> str:
    """A paragraph without the headline run into its first sentence ("Video of the Gardners
    hours before birth of quadruplets In a video posted…"): a layout glued a heading to it."""
    title = walk.title or ""
    rest = _glued_to(title, text) if len(title.split()) >= _GLUED_WORDS else ""
    if len(rest.split()) < _LEAD_WORDS:
        return text
    walk.removed.append(("headline", title))
    return rest


def _glued_to(prefix: str | None, text: str) -> str:
    """What follows ``prefix`` at the start of ``text`` when a new sentence starts right after it
    with no stop between; else ""."""
    rest = text[len(prefix) + 1 :] if prefix and text.startswith(prefix + " ") else ""
    return rest if rest[:1].isupper() else ""


def _is_caps_label(text: str) -> bool:
    """A few words in capitals, unpunctuated ("GRANTS/DONATIONS", "NEW BUSINESS"): a news
    round-up's section label set as a paragraph, not a sentence of it."""
    letters = [char for char in text if char.isalpha()]
    return (
        len(letters) >= _LABEL_LETTERS
        and all(char.isupper() for char in letters)
        and len(text.split()) <= _LABEL_WORDS
        and text[-1:].isalpha()
        and not any(char.isdigit() or char == ":" for char in text)  # "ISBN-13: 978…" is data
    )


def _goes_on(before: str, text: str) -> bool:
    """A letter's salutation on a line of its own ("Liebe Freunde der leichten Unterhaltung,"),
    then its first line in lower case ("am 28. September wollen wir…"): one sentence the page
    broke in two, not two paragraphs."""
    return bool(_SALUTATION.match(before)) and text[:1].islower()


def _summary(
    walk: _Walk, meta: Metadata, paragraphs: tuple[str, ...]
) -> tuple[str | None, SummarySource, tuple[str, ...]]:
    """The summary, where it came from, and explain lines for descriptions that were refused."""
    told = split_sentences(strip_trailing_hashtags(" ".join(walk.summary)), walk.lang)
    explicit = " ".join(s for s in told if not _RECAP.match(s)).strip()
    if explicit:
        return explicit, "explicit", ("summary: the article's own Summary/TL;DR",)
    if meta.summary and meta.summary.strip():
        return squash(meta.summary), meta.summary_origin, ("summary: front matter",)
    notes: list[str] = []
    # a video's page: the description tells what the headline's video shows, the text around
    # the player may be about other videos; a page without a body: what its headline tells
    body = (walk.title or "", *paragraphs) if meta.video or not paragraphs else paragraphs
    descriptions = []
    deck = walk.deck if walk.deck and is_standfirst(walk.deck, body, walk.title or "") else None
    for description in (*meta.descriptions, *((deck,) if deck else ())):
        rule = _opens_with_furniture(description, (*meta.removed, *walk.removed))
        if rule:
            notes.append(
                f"description refused: opens with the page's {rule}, taken out of the body"
            )
        else:
            descriptions.append(description)
    verdicts = [
        judge(_past_labels(_past_title(d, walk.title), walk.sections), body, walk.title, walk.lang)
        for d in descriptions
    ]
    # a description's sentences before the site's cut, only when no description is whole
    for verdict in sorted(verdicts, key=lambda v: v.reason == BEFORE_THE_CUT):
        if verdict.text:  # without a dateline, as the body's lead is ("ANAHEIM, Calif. — …")
            text = strip_inline(verdict.text)[0]
            return text, "meta", (*notes, f"summary: page description, {verdict.reason}")
        notes.append(f"description refused: {verdict.reason}")
    return None, "computed", (*notes, "summary: the lead of the body")


def _opens_with_furniture(description: str, removed: Iterable[tuple[str, str]]) -> str | None:
    """The rule of the boilerplate taken out of the body that ``description`` opens with (a
    blog's disclaimer, "This is solely my opinion. Every person is different…", as its
    excerpt): such a deck is the page's furniture, however whole its sentences."""
    key = comparable(description)
    return next(
        (
            rule
            for rule, text in removed
            if rule in _FURNITURE_RULES
            and len(text) >= _FURNITURE_CHARS
            and key.startswith(comparable(text))
        ),
        None,
    )


def _past_title(description: str, title: str | None) -> str:
    """The description without the headline some CMSs put before it ("短缺药品保供稳价 ---记者
    17日…", "Headline - The council…"): the post says the headline once."""
    text = squash(description)
    if not title or len(text) <= len(title) or comparable(text[: len(title)]) != comparable(title):
        return description
    rest = _TITLE_JOINT.sub("", text[len(title) :])
    return rest if rest and rest != text[len(title) :] else description


def _after_file_name(walk: _Walk, text: str) -> bool:
    """Does ``text`` follow a picture's file name shown as a paragraph, and is it as short as a
    caption? "skimming scheme seized cash and cards.jpg", then "Cash and cards seized during
    the arrest…", then the credit."""
    follows = bool(walk.removed) and walk.removed[-1][0] == "image-file"
    return follows and len(text.split()) <= _CAPTION_WORDS


def _past_labels(description: str, sections: list[Section]) -> str:
    """The description without the body's opening label lines it starts with ("Name: Ashley
    Location: Downtown — Los Angeles, California Welcome to our sunny…": a house tour's labels,
    glued before its first sentence)."""
    text = squash(description)
    for label in _opening_labels(sections):
        if not text.startswith(f"{label} "):
            break
        text = text[len(label) :].lstrip()
    return description if text == squash(description) else text


def _opening_labels(sections: list[Section]) -> Iterator[str]:
    """The body's labelled lines ("Location: Downtown"), headings or not, before anything else
    (a byline is no label: a description opening with one is refused)."""
    for section in sections:
        for line in (*([section.heading] if section.heading else []), *section.paragraphs):
            if _is_prose(line) or not _LABELLED.match(line):
                return
            yield squash(line)


def _lead(paragraphs: tuple[str, ...], lang: str | None) -> str:
    """The first sentence of the first paragraph that opens with a real sentence (not a kicker,
    a caption or a date), plus the second sentence when the first is short."""
    texts = [strip_trailing_hashtags(paragraph) for paragraph in paragraphs]
    if not texts:
        return ""  # a story page without a readable body: its headline says it all
    for strict in (True, False):  # a sentence answering what came before only as a last resort
        for text in texts:
            if _opens_with_news(text, lang, strict):
                return _first_sentences(text, whole_quotations(split_sentences(text, lang)))
    # none ends with a stop (a video's caption): the first that says something, past a label
    # such as "KFC T20 BBL|04"
    first = next((text for text in texts if _word_count(text) >= _LEAD_WORDS), texts[0])
    return _first_sentences(first, whole_quotations(split_sentences(first, lang)))


def _label_ingredients(sections: list[Section], lang: str | None) -> list[Section]:
    """A run of ingredient lines in a section not headed as a procedure starts one, under the
    label the page showed in a styled box that extraction dropped (recipe.com's "Ingredients"
    and "Directions" are ``<div>``s): the steps after the list are no lead, nor news."""
    labelled: list[Section] = []
    for section in sections:
        start = (
            None if is_procedure_label(section.heading) else ingredients_start(section.paragraphs)
        )
        if start is None:
            labelled.append(section)
            continue
        label, first = ingredients_label(lang), start
        if start and is_procedure_label(section.paragraphs[start - 1]):
            label, start = section.paragraphs[start - 1], start - 1  # the box's label was read
        if start:
            labelled.append(replace(section, paragraphs=section.paragraphs[:start]))
        labelled.append(Section(label, section.paragraphs[first:]))
    return labelled


def _before_items(sections: list[Section]) -> tuple[str, ...]:
    """The paragraphs before a list's first named item or a recipe's ingredients or steps: an
    item's text ("You refuse to drink this tea…") is no lead for the whole list; nor is a
    recipe's step ("Alle Zutaten in eine Schüssel geben…" under "Zubereitung:") or the tip
    after them ("Quickly slice potatoes with a food processor.")."""
    intro = takewhile(lambda s: not s.named and not is_procedure_label(s.heading), sections)
    return tuple(p for section in intro for p in section.paragraphs)


def _is_prose(paragraph: str) -> bool:
    """A sentence of a few words with a final stop, or a long run of text (a list, a changelog):
    what an index page of headlines, labels and bylines never has."""
    return len(paragraph.split()) >= _LONG_WORDS or _is_news_sentence(paragraph, _PROSE_WORDS)


def _opens_with_news(paragraph: str, lang: str | None, strict: bool = True) -> bool:
    """A paragraph whose first sentence can open a post: news-sized (a short one with the
    sentence after it: "It's almost that time! The time to…") and, when ``strict``, not
    answering something before it ("Finally, …", "Which is why…")."""
    sentences = split_sentences(paragraph, lang)
    if not sentences or not _is_news_sentence(_first_sentences(paragraph, sentences)):
        return False
    return not (strict and leans_back(sentences[0], lang))


def _is_news_sentence(sentence: str, least: int = _LEAD_WORDS) -> bool:
    """At least ``least`` words (two CJK characters count as one) and a final stop; also used
    on whole paragraphs to tell prose from labels and link lists."""
    end = sentence.rstrip("\"'”’)]»」』")
    stopped = end.endswith(tuple(".!?。！？")) or ends_unpunctuated(end)
    return _word_count(sentence) >= least and stopped and not end.endswith("..")


def _word_count(text: str) -> int:
    """Words, two CJK characters counting as one."""
    return len(text.split()) + sum(1 for char in text if ord(char) >= 0x3000) // 2


def _bare_lead(lead: str, paragraphs: tuple[str, ...]) -> str:
    """A lead without the "First," that counts its points (the article's first lines are the
    first of nothing the post shows: "First, the biggest mistake I often hear…"), nor a
    transcript's speaker label ("Benjamin: Hello. My name is Benjamin…"): a page whose
    paragraphs open with :data:`_TRANSCRIPT_LINES` such labels or more."""
    found, label = _COUNTING.match(lead), _SPEAKER.match(lead)
    if found is None and label is not None:  # only then are the page's labels counted
        labels = sum(1 for paragraph in paragraphs if _SPEAKER.match(paragraph))
        found = label if labels >= _TRANSCRIPT_LINES else None
    return lead[found.end() :][:1].upper() + lead[found.end() + 1 :] if found else lead


def _first_sentences(text: str, sentences: list[str]) -> str:
    if not sentences:
        return text
    first = sentences[0]
    second = sentences[1] if len(sentences) > 1 else ""
    if len(first) >= _LEAD_CHARS or not _is_news_sentence(second, _PROSE_WORDS):
        return first
    start = text.find(first)
    end = text.find(sentences[1], start + len(first)) + len(sentences[1])
    return text[start:end]


def _title_from(paragraph: str, lang: str | None) -> str:
    """No declared title: the first sentence, cut at a word boundary if it is long."""
    sentence = (split_sentences(paragraph, lang) or [paragraph])[0]
    if len(sentence) <= _TITLE_CHARS:
        return sentence
    cut = sentence[:_TITLE_CHARS].rsplit(" ", 1)[0]
    return f"{cut.rstrip(',;:')}…"


def _link_note(url: str | None, declared: str | None, page_url: str | None) -> tuple[str, ...]:
    if url is not None:
        return ("link: --url",)
    if declared is None and page_url is not None:
        return ("link: the address the page was fetched from (it names no canonical link)",)
    return ()


def _image_source(image: str | None, source: str, page_url: str | None) -> str | None:
    """The lead image as something Herald can fetch or open: an absolute URL, or a local file
    resolved against the article's own file (never the working directory)."""
    if not image or image.startswith("data:"):
        return None
    if absolute_url(image):
        return image
    if page_url is not None:
        return urljoin(page_url, image)
    if source == "-" or Path(image).is_absolute():
        return image if Path(image).is_absolute() else None
    return str(Path(source).resolve().parent / image)


def _url_argument(url: str) -> str:
    url = url.strip()
    if not absolute_url(url):
        raise InputError(f"the article URL must start with http:// or https:// (got {url!r})")
    return url
