"""What a kind-specific reader hands to the assembler: blocks in order, plus declared metadata.

Markdown, HTML and plain text differ in how they mark headings and metadata, but titles, summary
sections, hashtag lines and boilerplate are handled once, on these blocks, by ``assemble``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Block:
    """A heading (level 1-6) or a paragraph (level 0); lines kept so hashtag lines stay visible.

    ``inferred`` marks a heading guessed from a bare line of plain text rather than marked up.
    """

    text: str
    level: int = 0
    inferred: bool = False
    quoted: bool = False  # set apart as a block quotation: someone else's words

    @property
    def is_heading(self) -> bool:
        return self.level > 0


@dataclass(frozen=True)
class Metadata:
    """What the article declares about itself (front matter, ``<meta>`` tags, "Title:" lines)."""

    title: str | None = None
    url: str | None = None
    tags: tuple[str, ...] = ()
    summary: str | None = None
    summary_origin: Literal["front-matter", "meta"] = "front-matter"
    description: str | None = None
    image: str | None = None
    image_alt: str | None = None
    lang: str | None = None
    mentions: tuple[str, ...] = ()  # handles the author addresses (front matter), kept as written
    keywords: tuple[str, ...] = ()  # page metadata keywords: topics, not the author's hashtags
    descriptions: tuple[str, ...] = ()  # page descriptions to be judged against the body
    explain: tuple[str, ...] = ()  # how the reader chose title and link
    removed: tuple[tuple[str, str], ...] = ()  # (rule, text) the reader took out before blocks
    is_story: bool = False  # the page declares itself one article (og:type, JSON-LD)
    pictured: bool = False  # its body shows a picture (not an icon): a comic's, a photo's page
    error_page: str | None = None  # why the page is a site's error page, not an article
    kicker: str | None = None  # the topic word a title set before the headline ("Weihnachten")
    video: bool = False  # a video's page (og:type video, a /video/ address)
    front_page: str | None = None  # a section's front page: its address's path ("/autos/news")


@dataclass(frozen=True)
class Extracted:
    blocks: tuple[Block, ...]
    meta: Metadata = field(default_factory=Metadata)
