"""Pages that are not one story: a digest of several, release notes, a list page, a chapter.

Key points picked by rank from such a page are unrelated items side by side (three stories
of a weekly edition, two lines of a changelog). An editor posts what the page is and how it
opens, and links to the rest; Herald does the same and says why (:func:`not_one_story`).
"""

from __future__ import annotations

import re

from posts.article.live import is_live
from posts.model import Article

_KINDS = (
    (
        "a digest of several stories",
        r"\b(?:this|these|last) weeks? in\b|\bweekly (?:edition|digest|roundup|update|news)"
        r"|\b(?:issue|edition|volume|vol\.)\s*#?\d+|(?:^|\s)#\d+\b|\bnewsletter\b|\bdigest\b"
        r"|\bletters to the editor\b|\breaders['’]? letters\b",
    ),
    (
        "release notes",
        r"\brelease notes\b|\bchange ?log\b|\bwhat[’']?s new in\b"
        r"|\b\d+\.\d+(?:\.\d+)*\b.*\b(?:update|release)\b",  # "Minecraft 1.8 - The … Update"
    ),
    (
        "a front page",
        r"^\s*(?:latest|top|breaking)\s+(?:news|stories|headlines)\b|^\s*(?:home|front page)\s*$",
    ),
    ("a list page", r"^\s*(?:list|index|glossary|table) of\b"),
    ("a chapter of a longer work", r"\bchapter\s+(?:\d+|[ivxlc]+\b|one|two|three)"),
)
_PATTERNS = tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _KINDS)
# Serial fiction sites file each instalment under a chapter path (Royal Road, AO3, Wattpad).
_CHAPTER_URL = re.compile(r"/(?:chapters?|fiction/\d+/[^/]+/chapter)/", re.IGNORECASE)
# RFC 2119's capitalised keywords, used throughout a specification and almost nowhere else.
_REQUIREMENT = re.compile(r"\b(?:MUST|SHOULD|SHALL)(?: NOT)?\b|\bREQUIRED\b|\bRECOMMENDED\b")
_SPEC_PARAGRAPHS = 200  # looked at for them …
_SPEC_WORDS = 10  # … and this many make a specification
# An encyclopedia entry is facts about a subject, not a story: its lead is what to post.
_ENCYCLOPEDIA_URL = re.compile(r"^https?://[\w.-]*\b(?:wikipedia|wiktionary)\.org/", re.IGNORECASE)
_ITEMS = 8  # a page of this many paragraphs …
_PROSE_SHARE = 0.35  # … with less of its text than this in sentences, and half of its
_LINE = 120  # paragraphs short lines without a full stop, is a list of items
_SENTENCE_END = tuple(".!?…。！？\"'”’")
_RUNS_ON = (*_SENTENCE_END, ":", ",", ";")  # a sentence running into a list, or its items


def not_one_story(article: Article) -> str | None:
    """What the page is when it is not one story ("release notes"), else None: judged by its
    title, a chapter's or an encyclopedia's address, a specification's "MUST" and "SHOULD", a
    live page's timed updates, and a body whose text is mostly lines without a full stop
    (captions, items)."""
    for kind, pattern in _PATTERNS:
        if pattern.search(article.title):
            return kind
    if article.url and _CHAPTER_URL.search(article.url):
        return "a chapter of a longer work"
    if article.url and _ENCYCLOPEDIA_URL.search(article.url):
        return "an encyclopedia entry"
    if len(_REQUIREMENT.findall(" ".join(article.paragraphs[:_SPEC_PARAGRAPHS]))) >= _SPEC_WORDS:
        return "a technical specification"
    paragraphs = article.paragraphs
    if is_live(paragraphs):
        return "a live page of timed updates"
    prose = sum(len(p) for p in paragraphs if p.rstrip().endswith(_RUNS_ON))
    total = sum(len(p) for p in paragraphs)
    lines = sum(1 for p in paragraphs if len(p) < _LINE and not p.rstrip().endswith(_RUNS_ON))
    if len(paragraphs) >= _ITEMS and prose < _PROSE_SHARE * total and 2 * lines >= len(paragraphs):
        return "a list of items"  # captions, changelog lines, labels
    return None
