"""HTML pages: main text and metadata through trafilatura, offline, on the string we were given.

trafilatura already drops navigation, share bars, cookie banners, related-post lists, footers,
scripts and styles; what it returns is walked as headings (``<head rend="hN">``) and paragraphs.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin

import trafilatura
from lxml import etree
from trafilatura.settings import Document
from trafilatura.utils import load_html

from posts.article.extracted import Block, Extracted, Metadata
from posts.article.hashtags import clean_tag

_PARAGRAPH_TAGS = ("p", "item", "quote")
_SKIPPED_TAGS = ("table", "code", "graphic", "ref")


def read_html(text: str) -> Extracted:
    """Extract the main content and the page's metadata; no network access."""
    tree = load_html(text)
    if tree is None:
        return Extracted(blocks=())
    lang = tree.get("lang") or None  # read before trafilatura prunes the tree
    document = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
    )
    if not isinstance(document, Document):
        return Extracted(blocks=(), meta=Metadata(lang=lang))
    description = document.description or None
    meta = Metadata(
        title=document.title or None,
        url=document.url or None,
        tags=tuple(_keywords(document.tags or [])),
        summary=description,
        summary_origin="meta",
        description=description,
        image=_image(document.image, document.url),
        lang=lang,
    )
    body = document.body
    blocks = tuple(_blocks(body)) if body is not None else ()
    return Extracted(blocks=blocks, meta=meta)


def _image(image: str | None, page: str | None) -> str | None:
    """A relative ``og:image`` is relative to the page, like in a browser."""
    if not image:
        return None
    return urljoin(page, image) if page and page.startswith(("http://", "https://")) else image


def _keywords(tags: list[str]) -> Iterator[str]:
    """``<meta name="keywords">`` arrives as one comma-separated string."""
    for tag in tags:
        for part in tag.split(","):
            keyword = clean_tag(part)
            if keyword:
                yield keyword


def _blocks(body: etree._Element) -> Iterator[Block]:
    for element in body.iter((*_PARAGRAPH_TAGS, "head")):
        if _inside(element, _SKIPPED_TAGS) or (
            element.tag != "head" and _inside(element, _PARAGRAPH_TAGS)
        ):
            continue  # tables and code are dropped; a <p> in an <item> is read with the item
        text = _text(element).strip()
        if not text:
            continue
        if element.tag == "head":
            rend = element.get("rend", "h2")
            level = int(rend[1]) if rend[:1] == "h" and rend[1:].isdigit() else 2
            yield Block(text, level)
        else:
            yield Block(text)


def _inside(element: etree._Element, tags: tuple[str, ...]) -> bool:
    return any(ancestor.tag in tags for ancestor in element.iterancestors())


def _text(element: etree._Element) -> str:
    """The element's text with ``<lb/>`` as a newline, so hashtag lines stay recognisable."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag not in _SKIPPED_TAGS:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
