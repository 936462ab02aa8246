"""HTML pages: main text and metadata through trafilatura, offline, on the string we were given.

trafilatura already drops navigation, share bars, cookie banners, related-post lists, footers,
scripts and styles; what it returns is walked as headings (``<head rend="hN">``) and paragraphs.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml import etree
from trafilatura.settings import Document
from trafilatura.utils import load_html

from posts.article.boilerplate import is_about_trailer
from posts.article.extracted import Block, Extracted, Metadata
from posts.article.garbled import garbled
from posts.article.hashtags import clean_tag
from posts.article.headline import Headline, choose_headline
from posts.article.normalize import absolute_url, unescape_leftovers
from posts.article.page_meta import PageMeta, domain_names, read_page_meta

_PARAGRAPH_TAGS = ("p", "item", "quote")
_SKIPPED_TAGS = ("table", "code", "graphic", "ref")
_ENOUGH_CHARS = 1500  # a precise pass this long is trusted without a second, recall pass
_CODE_LINE = re.compile(
    r"^(?:[\w-]+:\s|HTTP/|(?:GET|PUT|POST|DELETE|HEAD|OPTIONS|PATCH)\s|[{}\[\]<>])"
)
_BLOCK_CHILDREN = ("p", "item", "list", "head")
_RUN_IN_WORDS = 8
_RUN_IN_LEVEL = 4
_BLURB_WORDS = 60  # a teaser's blurb is a sentence or two
_KICKER_WORDS = 4
_KICKER_TAGS = ("h2", "h3", "h4", "h5", "h6", "span", "p")
_LINK_LIST_ITEMS = 3  # a list this long, every item a link, is further reading
_LINK_LIST_SHARE = 0.8  # … or nearly every item
_LINK_LIST_LABEL = 40  # characters beside an item's link that only name its source
_LOCATION_CLASS = re.compile(r"(?i)dateline|location")
_PLACE_WORDS = 4  # "WASHINGTON", "NEW YORK": a dateline's place is a few words
_FILE_NAME = re.compile(r"(?i)^\S+\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?)$")
_SITE_WORDS = 5  # a site's name is short; a longer guess is a headline taken for one
_CAPTION_WORDS = 4  # an image's alt text this long, repeated as a paragraph, is its caption
_CARD_PARTS = 3  # siblings looked at above a card's heading
_EMBEDS = (
    "//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'twitter-video')"
    " or contains(@class, 'instagram-media') or contains(@class, 'tiktok-embed')"
    " or contains(@class, 'bluesky-embed') or contains(@class, 'mastodon-embed')"
    " or contains(@class, 'reddit-card') or contains(@class, 'threads-embed')]"
)


def read_html(text: str) -> Extracted:
    """Extract the main content and the page's metadata; no network access."""
    tree = load_html(text)
    if tree is None:
        return Extracted(blocks=())
    lang = tree.get("lang") or None  # read before trafilatura prunes the tree
    page = read_page_meta(tree)
    address = absolute_url(page.canonical) or absolute_url(page.og_url)
    removed = (
        *_remove_embeds(tree),
        *_remove_teasers(tree, address),
        *_remove_about_trailers(tree),
        *_remove_formulas(tree),
        *_remove_captions(tree),
        *_remove_location_marks(tree),
        *_remove_link_lists(tree, address),
    )
    _unlink_subject_headings(tree)
    _unwrap_empty_spans(tree)
    document = _extract(tree)
    if document is None:
        return Extracted(blocks=(), meta=Metadata(lang=lang))
    body = document.body
    blocks = tuple(_blocks(body)) if body is not None else ()
    if not blocks and body is not None:
        blocks = tuple(_preformatted(body))
    scrambled = garbled(tuple(b.text for b in blocks if not b.is_heading), lang)
    removed = (*removed, *(("garbled", b.text) for b in blocks if b.text in scrambled))
    blocks = tuple(b for b in blocks if b.text not in scrambled)
    return Extracted(blocks=blocks, meta=_metadata(page, document, lang, removed))


def _metadata(
    page: PageMeta, document: Document, lang: str | None, removed: tuple[tuple[str, str], ...]
) -> Metadata:
    """Headline, link, descriptions and keywords as the page declares them (judged later)."""
    url = absolute_url(page.canonical) or absolute_url(page.og_url) or document.url or None
    guessed = document.sitename or ""  # trafilatura's guess: sometimes the headline itself
    sites = (*page.site_names, *([guessed] if 0 < len(guessed.split()) <= _SITE_WORDS else []))
    headline = choose_headline(page.titles, (*sites, *domain_names(url)))
    return Metadata(
        title=headline.text if headline else None,
        url=url,
        summary_origin="meta",
        description=page.descriptions[0][1] if page.descriptions else None,
        descriptions=tuple(dict.fromkeys(d for _, d in page.descriptions)),
        keywords=tuple(dict.fromkeys(k for k in page.keywords if clean_tag(k))),
        image=_image(page.images[0][1] if page.images else document.image, url),
        image_alt=_image_alt(page.images),
        lang=lang,
        explain=(*_explain_headline(headline), _explain_link(page, url)),
        removed=removed,
        is_story=page.is_story,
    )


def _preformatted(body: etree._Element) -> Iterator[Block]:
    """A page whose whole text is preformatted (an IETF draft, a plain-text essay in <pre>):
    its blank-line paragraphs, reflowed. Used only when nothing else was found."""
    for code in body.iter("code"):
        for chunk in re.split(r"\n\s*\n", "".join(code.itertext())):
            text = " ".join(chunk.split())
            if text and not _looks_like_code(chunk):
                yield Block(text)


def _looks_like_code(chunk: str) -> bool:
    """An example inside a document: header lines ("Host: …"), a request line, braces."""
    lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
    code = sum(1 for line in lines if _CODE_LINE.match(line))
    return code * 2 >= len(lines)


def _extract(tree: etree._Element) -> Document | None:
    """The precise pass, or the default (recall) pass when precision leaves little or nothing.

    ``favor_precision`` drops whole articles on some layouts (tables, unusual containers) and
    keeps only a notice on others; the recall pass recovers them, so it is tried when the
    precise text is short and kept when it finds clearly more.
    """
    backup = copy.deepcopy(tree)  # trafilatura prunes the tree it is given
    precise = _bare(tree, favor_precision=True)
    found = _body_chars(precise)
    if found >= _ENOUGH_CHARS:
        return precise
    recall = _bare(backup, favor_precision=False)
    return recall if _body_chars(recall) >= 2 * found and recall is not None else precise


def _bare(tree: etree._Element, *, favor_precision: bool) -> Document | None:
    document = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=favor_precision,
    )
    return document if isinstance(document, Document) else None


def _body_chars(document: Document | None) -> int:
    body = document.body if document is not None else None
    return len(" ".join(body.itertext())) if body is not None else 0


def _remove_embeds(tree: etree._Element) -> Iterator[tuple[str, str]]:
    """Embedded tweets, toots and posts quote other people: their @handles are not the author's."""
    for element in tree.xpath(_EMBEDS):
        text = _words(element)
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
            yield "embedded-post", text[:200]


def _remove_formulas(tree: etree._Element) -> Iterator[tuple[str, str]]:
    """Paragraphs built around MathML: extraction leaves holes ("real because of ."), and a
    formula is not something a post can show."""
    for math in list(tree.iter("math", "{http://www.w3.org/1998/Math/MathML}math")):
        paragraph = next((a for a in math.iterancestors("p", "li", "dd")), None)
        if paragraph is not None and paragraph.getparent() is not None:
            yield "formula", _words(paragraph)[:200]
            paragraph.getparent().remove(paragraph)


def _remove_captions(tree: etree._Element) -> Iterator[tuple[str, str]]:
    """A picture's caption set as a paragraph beside it, inside its ``<figure>`` or repeating its
    ``alt`` text ("A prison guard stands over a courtyard…"): it describes a photo the post
    does not show. A quotation set in a figure (``<figure><blockquote>``) is the article's."""
    alts = {" ".join(img.get("alt", "").split()) for img in tree.iter("img")}
    alts = {alt for alt in alts if len(alt.split()) >= _CAPTION_WORDS}
    for paragraph in list(tree.iter("p")):
        text, parent = _words(paragraph), paragraph.getparent()
        quoted = next(paragraph.iterancestors("blockquote"), None) is not None
        in_figure = next(paragraph.iterancestors("figure"), None) is not None and not quoted
        if text and parent is not None and (in_figure or text in alts):
            yield "caption", text[:200]
            parent.remove(paragraph)


def _remove_location_marks(tree: etree._Element) -> Iterator[tuple[str, str]]:
    """A dateline's place set in its own element before the lead ("<span class=articleLocation>
    WASHINGTON</span> The U.S. Federal Reserve…"): the post is not datelined. Only a short,
    upper-case text marked by its class as a dateline or location is taken."""
    for mark in list(tree.iter("span", "strong", "b")):
        text, parent = _words(mark), mark.getparent()
        if parent is None or not _LOCATION_CLASS.search(mark.get("class") or ""):
            continue
        if text and text.isupper() and len(text.split()) <= _PLACE_WORDS:
            yield "dateline", text
            _cut_keeping_tail(mark)


def _cut_keeping_tail(element: etree._Element) -> None:
    """Remove ``element`` but keep the text that follows it."""
    parent, before = element.getparent(), element.getprevious()
    if parent is None:
        return
    tail = (element.tail or "").lstrip() if before is None and not parent.text else element.tail
    if before is not None:
        before.tail = (before.tail or "") + (tail or "")
    else:
        parent.text = (parent.text or "") + (tail or "")
    parent.remove(element)


def _unwrap_empty_spans(tree: etree._Element) -> None:
    """Take out empty ``<span>`` markers, keeping the text after them: trafilatura drops that
    text with the span ("Given <span data-page=…></span>the recent ubiquity of…" lost eleven
    words of newyorker.com's first sentence)."""
    for span in [s for s in tree.iter("span") if not len(s) and not (s.text or "").strip()]:
        _cut_keeping_tail(span)


def _words(element: etree._Element) -> str:
    """The element's text, its whitespace squashed."""
    return " ".join("".join(element.itertext()).split())


def _linked_words(element: etree._Element) -> str:
    """The text of the element's links, its whitespace squashed."""
    return " ".join("".join(t for a in element.iter("a") for t in a.itertext()).split())


def _remove_link_lists(tree: etree._Element, page: str | None) -> Iterator[tuple[str, str]]:
    """Lists whose every item (or nearly) is a link to another site with at most its source
    beside it ("<a>…に参加してみた</a> (NEKOLAB)"): an article's coverage round-up or further
    reading, other people's headlines rather than its words. A list article's items say
    something of their own beside the link; lists of the site's own pages are its navigation
    or an index page's, which extraction and the index-page check deal with."""
    for items in [items for items in tree.iter("ul", "ol") if _is_link_list(items, page)]:
        parent = items.getparent()
        if parent is not None:
            yield "link-list", _words(items)[:200]
            parent.remove(items)


def _is_link_list(items: etree._Element, page: str | None) -> bool:
    entries = [li for li in items if li.tag == "li"]
    linked = [li for li in entries if _only_a_link(li)]
    away = [li for li in linked if not _same_site(_href(li), page)]
    least = _LINK_LIST_SHARE * len(entries)
    return len(entries) >= _LINK_LIST_ITEMS and len(linked) >= least and len(away) >= least


def _href(item: etree._Element) -> str:
    link = next(item.iter("a"), None)
    return link.get("href", "") if link is not None else ""


def _only_a_link(item: etree._Element) -> bool:
    """An item that is a link, and beside it no more than a short label (its source)."""
    text = _words(item)
    linked = _linked_words(item)
    rest = len(text) - len(linked)
    return bool(linked) and rest <= _LINK_LIST_LABEL and len(linked) >= rest


def _remove_teasers(tree: etree._Element, page: str | None) -> Iterator[tuple[str, str]]:
    """Related-article cards: a heading that is wholly a link to another page of the same site,
    and the short blurb beside it. An article's own section headings are not links, and a
    heading linking to another site is usually the story's subject (a link blog's post)."""
    for heading in list(tree.iter("h2", "h3", "h4")):
        links = heading.findall(".//a")
        text = _words(heading)
        linked = _linked_words(heading)
        href = links[0].get("href", "") if links else ""
        if not text or linked != text or heading.getparent() is None or not _same_site(href, page):
            continue
        for part in (*_kicker(heading), *_blurbs(heading), heading):
            words = _words(part)
            if words:
                yield "related-link", words[:200]
            part.getparent().remove(part)


def _unlink_subject_headings(tree: etree._Element) -> None:
    """A list article's item headings that link to their subject elsewhere ("“Rez Infinite”
    ($30)" linking to the game's store page) lose the link, not the heading: extraction drops a
    heading that is only a link, and the item would go unnamed. (Same-site ones were teaser
    cards, removed before this.)"""
    for heading in list(tree.iter("h2", "h3", "h4")):
        links = heading.findall(".//a")
        text = _words(heading)
        linked = _linked_words(heading)
        if text and linked == text:
            for link in links:
                link.drop_tag()


def _same_site(href: str, page: str | None) -> bool:
    """A link to another page of the site the article is on (relative, or the same host)."""
    if not href or href.startswith("#"):
        return False
    target = urlsplit(urljoin(page or "", href))
    if not target.netloc or not page:
        return not urlsplit(href).netloc  # relative: this site
    host = urlsplit(page).netloc.removeprefix("www.")
    return target.netloc.removeprefix("www.") == host and target.path != urlsplit(page).path


def _remove_about_trailers(tree: etree._Element) -> Iterator[tuple[str, str]]:
    """ "About Acme Corp" and everything after it up to the next heading (trafilatura keeps the
    paragraphs of such a section but may drop its heading, so this is done on the page)."""
    for heading in list(tree.iter("h2", "h3", "h4", "h5")):
        text = _words(heading)
        parent = heading.getparent()
        if parent is None or not is_about_trailer(text):
            continue
        for sibling in list(heading.itersiblings()):
            if sibling.tag in ("h1", "h2", "h3", "h4", "h5"):
                break
            parent.remove(sibling)
        parent.remove(heading)
        yield "about-trailer", text


def _blurbs(heading: etree._Element) -> list[etree._Element]:
    """The short paragraphs right after ``heading`` in the same card (past its image)."""
    found: list[etree._Element] = []
    for sibling in heading.itersiblings():
        words = len("".join(sibling.itertext()).split())
        if sibling.tag != "p" and words == 0:
            continue  # the card's thumbnail
        if sibling.tag != "p" or words > _BLURB_WORDS:
            break
        found.append(sibling)
    return found


def _kicker(heading: etree._Element) -> list[etree._Element]:
    """A card's label above its linked heading ("On Tech", a columnist's name), perhaps with the
    card's picture in between."""
    for previous in list(heading.itersiblings(preceding=True))[:_CARD_PARTS]:
        words = len("".join(previous.itertext()).split())
        if previous.tag in _KICKER_TAGS and 0 < words <= _KICKER_WORDS:
            return [] if previous.find(".//a") is not None else [previous]
    return []


def _explain_headline(headline: Headline | None) -> tuple[str, ...]:
    if headline is None:
        return ("headline: none usable among the page's titles",)
    cut = f"; took off {', '.join(repr(s) for s in headline.stripped)}" if headline.stripped else ""
    return (f"headline: {headline.source}{cut}",)


def _explain_link(page: PageMeta, url: str | None) -> str:
    if url and url == absolute_url(page.canonical):
        return "link: <link rel=canonical>"
    if url and url == absolute_url(page.og_url):
        return "link: og:url"
    return "link: none declared (no canonical link or og:url)" if not url else "link: page metadata"


def _image_alt(images: tuple[tuple[str, str, str], ...]) -> str | None:
    """The lead image's description: its own, else another candidate's for the same picture. A
    file name ("VP_debate_AP.jpg") describes nothing: a screen reader would read it out."""
    if not images:
        return None
    name = _file_name(images[0][1])
    alts = [alt for _, src, alt in images if alt and not _FILE_NAME.match(alt)]
    same = [alt for _, src, alt in images if alt in alts and _file_name(src) == name]
    own = images[0][2] if images[0][2] in alts else None
    return own or next(iter(same), None)


def _file_name(src: str) -> str:
    return urlsplit(src).path.rsplit("/", 1)[-1]


def _image(image: str | None, page: str | None) -> str | None:
    """A relative ``og:image`` is relative to the page, like in a browser."""
    if not image:
        return None
    return urljoin(page, image) if page and page.startswith(("http://", "https://")) else image


def _blocks(body: etree._Element) -> Iterator[Block]:
    for element in body.iter((*_PARAGRAPH_TAGS, "head")):
        if _inside(element, _SKIPPED_TAGS) or (
            element.tag != "head" and _inside(element, _PARAGRAPH_TAGS)
        ):
            continue  # tables and code are dropped; a <p> in an <item> is read with the item
        text = unescape_leftovers(_text(element)).strip()
        if not text:
            continue
        if element.tag == "head":
            rend = element.get("rend", "h2")
            level = int(rend[1]) if rend[:1] == "h" and rend[1:].isdigit() else 2
            yield Block(text, level)
        else:
            quoted = element.tag == "quote" or _inside(element, ("quote",))
            yield from _run_in(text, quoted)


def _run_in(text: str, quoted: bool) -> Iterator[Block]:
    """ "<b>Task scheduling</b><br>Clients can…": a run-in heading on its own line leads the
    paragraph; it becomes a heading so it is never glued to the first sentence. A line that
    goes on in lower case is a sentence wrapped in the page's source, not a heading."""
    head, _, rest = text.partition("\n")
    head, rest = head.strip(), rest.strip()
    if (
        rest
        and 0 < len(head.split()) <= _RUN_IN_WORDS
        and not head.startswith("#")
        and not head.endswith(tuple(".!?:;,…。！？"))
        and not rest[:1].islower()  # "Photos\n which were released…": one sentence, wrapped
        and len(rest) > 2 * len(head)
    ):
        yield Block(head, _RUN_IN_LEVEL)
        yield Block(rest, quoted=quoted)
    else:
        yield Block(text, quoted=quoted)


def _is_inline_code(element: etree._Element) -> bool:
    """``fetch()`` in a sentence is a word of it; only code blocks stay out of posts."""
    return element.tag == "code" and "\n" not in "".join(element.itertext()).strip()


def _inside(element: etree._Element, tags: tuple[str, ...]) -> bool:
    return any(ancestor.tag in tags for ancestor in element.iterancestors())


def _text(element: etree._Element) -> str:
    """The element's text with ``<lb/>`` as a newline, so hashtag lines stay recognisable."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag in _BLOCK_CHILDREN:
            parts.append(f"\n{_text(child)}\n")  # "…to generate.</p><p>In my case": two lines
        elif child.tag not in _SKIPPED_TAGS or _is_inline_code(child):
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
