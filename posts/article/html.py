"""HTML pages: main text and metadata through trafilatura, offline, on the string we were given.

trafilatura already drops navigation, share bars, cookie banners, related-post lists, footers,
scripts and styles; what it returns is walked as headings (``<head rend="hN">``) and paragraphs.
"""

from __future__ import annotations

import copy
import re
import warnings
from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml import etree
from trafilatura.settings import Document
from trafilatura.utils import load_html

from posts.addresses import without_tracking
from posts.article import lost_headings
from posts.article.boilerplate import is_photo_credit
from posts.article.extracted import Block, Extracted, Metadata
from posts.article.garbled import garbled
from posts.article.hashtags import clean_tag
from posts.article.headline import Headline, choose_headline
from posts.article.normalize import absolute_url, comparable, unescape_leftovers
from posts.article.page_furniture import clear_furniture
from posts.article.page_meta import PageMeta, domain_names, read_page_meta

_PARAGRAPH_TAGS = ("p", "item", "quote")
_SKIPPED_TAGS = ("table", "code", "graphic", "ref")
_ENOUGH_CHARS = 1500  # a precise pass this long is trusted without a second, recall pass
_MORE_PROSE = 100  # characters of sentences a recall pass must add to be taken for them
_SENTENCE_ENDS = (".", "!", "?", "。", "！", "？", '."', ".”", "!”", "?”", "。」")
_CODE_LINE = re.compile(
    r"^(?:[\w-]+:\s|HTTP/|(?:GET|PUT|POST|DELETE|HEAD|OPTIONS|PATCH)\s|[{}\[\]<>])"
)
_BLOCK_CHILDREN = ("p", "item", "list", "head")
_RUN_IN_WORDS = 8
_RUN_IN_LEVEL = 4
_SIZE_SUFFIX = re.compile(r"-\d{2,4}x\d{2,4}$")  # WordPress's "-150x150" crops
# a file name, alone or with a credit after it ("iStock_000036475472Small.jpg - istockphoto.com")
_FILE_NAME = re.compile(r"(?i)^\S+\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?)(?:$|\s+[-–—|:]\s)")
# what a template writes for every picture: no description of this one (WCAG failure F30)
_GENERIC_ALT = re.compile(
    r"(?i)^(?:(?:article|featured|post|header|lead|main|hero|feature)\s+)?(?:image|photo|picture"
    r"|img|thumbnail|thumb|bild|foto|artikelbild|vorschaubild)\s*\d*$"
)
_KICKER_JOINT = re.compile(r"\s*:\s*$")
_KICKER_WORDS = 3  # "Weihnachten", "Klimawandel", "New York": a kicker is a word or two
_SITE_WORDS = 5  # a site's name is short; a longer guess is a headline taken for one
_TAGLINE_JOINT = re.compile(r"\s+[-–—|]\s+|:\s+")
_AT_SITE = re.compile(
    r"\s(?:at|on)\s+(?P<site>[\w.&' -]{2,40}?)[.!]?$"
)  # "…lyrics at AllNewLyrics."
_TAGLINE_WORDS = 15  # a description ending on the site's name this short is the site's
_SITE_NAME_CHARS = 4  # shorter names ("BBC" aside) match too many openings
# A whole document's tags: a fragment without them (a CMS's export, a reader view's "<div>…")
# is wrapped in one, as trafilatura refuses a lone block
_DOCUMENT = re.compile(r"<(?:html|head|body)\b", re.IGNORECASE)


def read_html(text: str) -> Extracted:
    """Extract the main content and the page's metadata; no network access."""
    tree = load_html(text if _DOCUMENT.search(text) else f"<html><body>{text}</body></html>")
    if tree is None:
        return Extracted(blocks=())
    lang = tree.get("lang") or None  # read before trafilatura prunes the tree
    page = read_page_meta(tree)
    address = absolute_url(page.canonical) or absolute_url(page.og_url)
    removed = clear_furniture(tree, address)
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
    url = _article_address(page.canonical, page.og_url, document.url)
    guessed = _site_guess(document.sitename or "", page)
    sites = (*page.site_names, *([guessed] if 0 < len(guessed.split()) <= _SITE_WORDS else []))
    # the site's address, to tell its name: the article's, else the home page its canonical
    # named, else the host most of its links name
    own = f"https://{page.own_host}/" if page.own_host else None
    home = url or absolute_url(page.canonical) or absolute_url(page.og_url) or own
    addressed = domain_names(home)
    headline = choose_headline(page.titles, (*sites, *addressed), url or "")
    names = (*sites, *(headline.stripped if headline else ()))
    blurbs = _site_blurbs(blocks, names)
    removed = (*removed, *(("site-blurb", b.text) for b in blocks if b in blurbs))
    blocks = tuple(b for b in blocks if b not in blurbs)
    taglines = [d for _, d in page.descriptions if _is_tagline(d, (*names, *addressed))]
    page = replace(page, descriptions=tuple(x for x in page.descriptions if x[1] not in taglines))
    meta = _metadata(page, document, lang, removed, headline, url)
    notes = tuple(f"description refused: the site's tagline ({t[:60]})" for t in taglines)
    return Extracted(blocks=blocks, meta=replace(meta, explain=(*meta.explain, *notes)))


def _site_guess(guessed: str, page: PageMeta) -> str:
    """trafilatura's guess at the site's name, taken from the title's end, unless the page's
    own ``<h1>`` goes on past it: then it is part of the headline ("“Only One” Lyrics : PJ
    Morton (Ft. Stevie Wonder)", the artist, not the site)."""
    key = comparable(guessed)
    headings = (comparable(text) for source, text in page.titles if source == "h1")
    return "" if key and any(key in h and h != key for h in headings) else guessed


def _is_tagline(description: str, names: tuple[str, ...]) -> bool:
    """A description opening with the site's name and a separator ("Recht am Bild -
    Informationen rund um das Urheber- und Fotorecht.") says what the site is, on every page;
    so does a short one ending "at" or "on" the site ("All about hot new song with lyrics at
    AllNewLyrics.")."""
    sites = {comparable(n).replace(" ", "") for n in names if n} - {""}
    first = _TAGLINE_JOINT.split(description.strip(), maxsplit=1)
    if len(first) > 1 and comparable(first[0]).replace(" ", "") in sites:
        return True
    ending = _AT_SITE.search(description.strip())
    short = len(description.split()) <= _TAGLINE_WORDS
    return bool(ending and short and comparable(ending["site"]).replace(" ", "") in sites)


def _kicker(titles: tuple[tuple[str, str], ...], headline: str) -> str | None:
    """The topic word a social title sets before the headline ("Weihnachten: Die Redaktion
    zeigt…" over the ``<h1>`` "Die Redaktion zeigt…"): a kicker, which some layouts also set
    before the first paragraph's words, where it reads as part of the sentence."""
    for _, title in titles:
        if title.endswith(headline) and len(title) > len(headline):
            kicker = _KICKER_JOINT.sub("", title[: -len(headline)])
            if kicker and len(kicker.split()) <= _KICKER_WORDS and title[len(kicker)] == ":":
                return kicker
    return None


def _article_address(*candidates: str | None) -> str | None:
    """The first absolute address that is not the site's home page: a misconfigured canonical
    link, or a ``<base href>`` (which trafilatura reads as the page's URL), names the home page,
    and a post linking there sends readers away from the article."""
    for candidate in candidates:
        url = absolute_url(candidate)
        parts = urlsplit(url) if url else None
        if url and parts and (parts.path.strip("/") or parts.query):
            return without_tracking(url)
    return None


def _site_blurbs(blocks: tuple[Block, ...], names: tuple[str, ...]) -> frozenset[Block]:
    """Paragraphs opening by saying what the site is ("Simple Desktops is a collection of
    desktop wallpapers…", the name taken off the page's title): the site's, not the article's."""
    named = [name.strip() for name in names if len(name.strip()) >= _SITE_NAME_CHARS]
    if not named:
        return frozenset()
    pattern = re.compile(
        rf"^(?:{'|'.join(re.escape(n) for n in named)})\s+(?:is|are)\s+(?:a|an|the|one)\b",
        re.IGNORECASE,
    )
    return frozenset(b for b in blocks if not b.is_heading and pattern.match(b.text))


def _metadata(
    page: PageMeta,
    document: Document,
    lang: str | None,
    removed: tuple[tuple[str, str], ...],
    headline: Headline | None,
    url: str | None,
) -> Metadata:
    """Headline, link, descriptions and keywords as the page declares them (judged later)."""
    return Metadata(
        title=headline.text if headline else None,
        url=url,
        summary_origin="meta",
        description=page.descriptions[0][1] if page.descriptions else None,
        descriptions=tuple(dict.fromkeys(d for _, d in page.descriptions)),
        keywords=tuple(dict.fromkeys(k for k in page.keywords if clean_tag(k))),
        image=_image(page.images[0][1] if page.images else None, url),  # judged there
        image_alt=_image_alt(page.images, headline.text if headline else None),
        lang=lang,
        explain=(*_explain_headline(headline), _explain_link(page, url, document.url)),
        removed=removed,
        is_story=page.is_story,
        error_page=page.error,
        kicker=_kicker(page.titles, headline.text) if headline else None,
        pictured=any(source == "body" for source, _, _ in page.images),
        video=page.video,
        front_page=page.front_page,
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
    precise text is short and kept when it finds clearly more, or mostly sentences where the
    precise pass kept labels.
    """
    backup = copy.deepcopy(tree)  # trafilatura prunes the tree it is given
    precise = _bare(tree, favor_precision=True)
    found = _body_chars(precise)
    if found >= _ENOUGH_CHARS:
        return _with_lost_headings(precise, backup)
    recall = _bare(backup, favor_precision=False)
    if recall is None:
        return precise
    # or prose where the precise pass kept labels: most of what the recall pass found
    prose, chars = _prose_chars(recall), _body_chars(recall)
    more_prose = prose >= 2 * _prose_chars(precise) + _MORE_PROSE and 2 * prose >= chars
    return recall if chars >= 2 * found or more_prose else precise


def _with_lost_headings(precise: Document | None, backup: etree._Element) -> Document | None:
    """``precise`` with the numbered headings it dropped from a list put back
    (:mod:`~posts.article.lost_headings`), read from the recall pass only when its numbers
    jump."""
    body = precise.body if precise is not None else None
    if body is None or not lost_headings.has_gaps(lost_headings.numbered(body)):
        return precise
    recall = _bare(backup, favor_precision=False)
    if recall is not None and recall.body is not None:
        lost_headings.restore(body, recall.body)
    return precise


def _bare(tree: etree._Element, *, favor_precision: bool) -> Document | None:
    """trafilatura's pass, its libraries' warnings about the page's own data ("tzname PST
    identified but not understood") silenced: the page's, not a thing the user can act on."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
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


def _prose_chars(document: Document | None) -> int:
    """Characters in the paragraphs of the body that end a sentence: a precise pass that kept
    a seminar's speakers and titles but lost its description has labels, not prose."""
    body = document.body if document is not None else None
    blocks = _blocks(body) if body is not None else iter(())
    return sum(len(b.text) for b in blocks if not b.is_heading and b.text.endswith(_SENTENCE_ENDS))


def _body_chars(document: Document | None) -> int:
    body = document.body if document is not None else None
    return len(" ".join(body.itertext())) if body is not None else 0


def _explain_headline(headline: Headline | None) -> tuple[str, ...]:
    if headline is None:
        return ("headline: none usable among the page's titles",)
    cut = f"; took off {', '.join(repr(s) for s in headline.stripped)}" if headline.stripped else ""
    return (f"headline: {headline.source}{cut}",)


def _explain_link(page: PageMeta, url: str | None, found: str | None) -> str:
    if url and url == _article_address(page.canonical):
        return "link: <link rel=canonical>"
    if url and url == _article_address(page.og_url):
        return "link: og:url"
    if url:
        return "link: page metadata"
    home = absolute_url(page.canonical) or absolute_url(page.og_url) or absolute_url(found)
    if home:
        return f"link: none usable ({home} is the site's home page, not the article's)"
    return "link: none declared (no canonical link or og:url)"


def _image_alt(images: tuple[tuple[str, str, str], ...], headline: str | None) -> str | None:
    """The lead image's description: its own, else another candidate's for the same picture. A
    file name ("VP_debate_AP.jpg"), a credit ("(Bild: Gunnar Pippel/Shutterstock)") or the
    headline again (a CMS's default) describes nothing: a screen reader would read it out."""
    if not images:
        return None
    name = _file_name(images[0][1])
    said = comparable(headline or "")
    alts = [a for _, src, a in images if _describes(a, src) and comparable(a) != said]
    same = [alt for _, src, alt in images if alt in alts and _file_name(src) == name]
    own = images[0][2] if images[0][2] in alts else None
    return own or next(iter(same), None)


def _describes(alt: str, src: str) -> bool:
    """Not a file name, with its extension or as the picture's own ("bgedemo" for bgedemo.jpg,
    a CMS's default), nor a credit, nor a word for any picture ("article image")."""
    stem = _SIZE_SUFFIX.sub("", _file_name(src).rsplit(".", 1)[0])
    own = comparable(alt) == comparable(stem)
    generic = bool(_GENERIC_ALT.match(alt))
    return (
        bool(alt)
        and not own
        and not generic
        and not _FILE_NAME.match(alt)
        and not is_photo_credit(alt)
    )


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
