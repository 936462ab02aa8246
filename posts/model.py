"""Content types shared by reading, condensing, queueing and publishing.

They are plain frozen dataclasses so that every stage can be tested on its own and the queue can
store them as JSON without a mapping layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

ArticleKind = Literal["text", "markdown", "html"]
Mode = Literal["single", "thread", "auto"]
Numbering = Literal["fraction", "thread", "none"]  # "1/5", "🧵", nothing
KeywordSource = Literal["front-matter", "meta", "hashtag-line", "inline"]
LinkPlacement = Literal["last", "first", "reply"]  # closing post, first post, a reply after one


@dataclass(frozen=True)
class Section:
    """A heading (None for the lead) and its paragraphs, in article order."""

    heading: str | None
    paragraphs: tuple[str, ...]
    named: bool = False  # a list item whose heading is its name, set as a line of its own


@dataclass(frozen=True)
class Keyword:
    """A topic the article names, as written ("Energy storage", "sodium-ion", "Trump, Donald J").

    ``source`` says who chose it: the author (front matter, a hashtag line, an inline ``#tag``) or
    the page's metadata (``<meta name="keywords">``, news_keywords, JSON-LD). ``used`` is whether
    the title or body mentions it, so the condenser can judge which keywords deserve a hashtag.
    """

    text: str
    source: KeywordSource
    used: bool


@dataclass(frozen=True)
class Article:
    """What Herald understood of an article, boilerplate already removed."""

    title: str
    sections: tuple[Section, ...]
    summary: str
    summary_source: Literal["explicit", "front-matter", "meta", "computed"]
    hashtags: tuple[str, ...]  # without '#', article order, de-duplicated case-insensitively
    url: str | None = None
    image: str | None = None  # the lead image: an http(s) URL or an absolute local path
    image_alt: str | None = None  # its description for people who cannot see it
    description: str | None = None
    lang: str | None = None
    kind: ArticleKind = "text"
    source: str = "-"  # path as given, or "-" for stdin
    content_hash: str = ""  # sha256 hex of the raw bytes
    keywords: tuple[Keyword, ...] = ()  # every declared or written tag/keyword, article order
    explain: tuple[str, ...] = ()  # which source won for title, summary, link, and why
    removed: tuple[tuple[str, str], ...] = ()  # (rule name, text) of boilerplate taken out
    warnings: tuple[str, ...] = ()  # what an editor should know (no link, description refused)
    quoted: frozenset[int] = frozenset()  # indices in ``paragraphs`` of block quotations

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(p for s in self.sections for p in s.paragraphs)


@dataclass(frozen=True)
class Post:
    """One platform post: its text, its length by the platform's rule, its rich-text facets."""

    text: str
    length: int
    facets: tuple[dict[str, Any], ...] = ()  # Bluesky record shape; empty elsewhere

    def links_to(self, url: str) -> bool:
        """Does the post link to ``url``: in its text, or by a link facet on a shortened one?"""
        return url in self.text or any(
            feature.get("uri") == url for facet in self.facets for feature in facet["features"]
        )


@dataclass(frozen=True)
class Rendition:
    """An article condensed for one platform: one post or a thread, plus link-card data."""

    platform: str
    limit: int
    mode: Literal["single", "thread"]
    posts: tuple[Post, ...]
    embed: dict[str, Any] | None = None  # Bluesky app.bsky.embed.external shape, no thumb blob
    hashtags_kept: tuple[str, ...] = ()
    hashtags_dropped: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class CondenseOptions:
    """Knobs for condensing; defaults are what a new user gets."""

    max_posts: int = 6  # thread length cap
    numbering: Numbering = "fraction"
    hashtag_cap: int | None = None  # most hashtags per post; None = platform default
    limit: int | None = None  # override the platform limit (a Mastodon instance's own)
    template_dir: Path | None = None  # user template overrides, searched before templates/
    link: LinkPlacement = "last"  # which post carries the article's link
