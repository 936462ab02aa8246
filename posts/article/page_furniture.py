"""The page's furniture, cleared from the tree before extraction, each piece under a rule.

trafilatura keeps what looks like text; some of it is not the article's: embedded posts (other
people's words and handles), teaser cards of other stories, a press release's "About us", formulas
it would leave holes in, photo captions, a dateline's place set apart, lists of links to other
sites. Each pass removes its pieces from the tree and yields ``(rule, text)`` for the explain
output; two passes reshape the tree instead (subject headings lose their links, empty markers
their spans, so extraction keeps the text around them).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from lxml import etree

from posts.article.boilerplate import is_about_trailer

_BLURB_WORDS = 60  # a teaser's blurb is a sentence or two
_KICKER_WORDS = 4
_KICKER_TAGS = ("h2", "h3", "h4", "h5", "h6", "span", "p")
_LINK_LIST_ITEMS = 3  # a list this long, every item a link, is further reading
_LINK_LIST_SHARE = 0.8  # … or nearly every item
_LINK_LIST_LABEL = 40  # characters beside an item's link that only name its source
_LOCATION_CLASS = re.compile(r"(?i)dateline|location")
_PLACE_WORDS = 4  # "WASHINGTON", "NEW YORK": a dateline's place is a few words
_CAPTION_WORDS = 4  # an image's alt text this long, repeated as a paragraph, is its caption
_OPENING_WORDS = 6  # … and a paragraph opening with the first words of one this long …
_CAPTION_SLACK = 80  # … and at most this many characters longer (a credit, a clause)
_CARD_PARTS = 3  # siblings looked at above a card's heading
_REPEATS = 3  # a paragraph shown this often is the site's (menu, sidebar, footer) …
_REPEATED_WORDS = 8  # … when it says something (not "Read more", "Share")
_CARD_LEVELS = 2  # wrappers a card's heading may fill alone
_RUNNING_WORDS = 15  # a <div>'s own words, beside its links, that make it running text
_INLINE = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "br",
        "cite",
        "code",
        "em",
        "i",
        "mark",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "wbr",
    ]
)
_EMBEDS = (
    "//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'twitter-video')"
    " or contains(@class, 'instagram-media') or contains(@class, 'tiktok-embed')"
    " or contains(@class, 'bluesky-embed') or contains(@class, 'mastodon-embed')"
    " or contains(@class, 'reddit-card') or contains(@class, 'threads-embed')]"
)

_CLASS_RULES = (
    (  # a box of the site's own latest posts: "widget_twitter", "twitter-timeline"
        "social-feed",
        re.compile(
            r"(?i)^(?:widget[_-]?(?:twitter|facebook|instagram|mastodon)"
            r"|(?:twitter|tweets?|facebook|instagram|mastodon)[_-]?(?:widget|feed|timeline|stream))$"
        ),
    ),
    (
        "navigation",
        re.compile(
            r"(?i)^(?:sub-?nav\w*|navigation(?:-sub|-main|-top)?|navbar|mega-?menu|main-?menu"
            r"|site-?nav(?:igation)?)$"
        ),
    ),
    (
        "related-link",
        re.compile(
            r"(?i)^(?:lire[_-]?aussi|read[_-]?also|see[_-]?also|lesen[_-]?sie[_-]?auch"
            r"|related[_-](?:posts?|articles?|stories|content|links)|mehr[_-]?zum[_-]?thema)$"
        ),
    ),
    (  # the page's sidebar ("sidebar", "canvas-sidebar", a CSS module's "sidebar--1d3u_-lK"),
        # not a layout's state or wrapper ("has-sidebar", "sidebar-open", Vox's "l-sidebar-fixed"
        # around the story)
        "sidebar",
        re.compile(
            r"(?i)^(?!(?:has|with|no|without|show|hide|is|l|layout)[_-])(?:[a-z]+[_-])?sidebar"
            r"(?!.*(?:open|closed|active|visible|toggle|collapsed)$)(?:[_-][\w-]*)?$"
        ),
    ),
)
_PLAYER = re.compile(r"(?i)\s*(?:audio|video|media|podcast)\s+player\b")
_NEVER_BOXES = ("html", "body", "main", "article")  # what a class may call a sidebar's page


def clear_furniture(tree: etree._Element, address: str | None) -> tuple[tuple[str, str], ...]:
    """Remove the furniture from ``tree`` (the page at ``address``); (rule, text) of each piece."""
    removed = (
        *_remove_repeated(tree),  # counted before the menus and sidebars showing them go
        *_remove_embeds(tree),
        *_remove_players(tree),
        *_remove_named_boxes(tree),
        *_remove_teasers(tree, address),
        *_remove_linked_blurbs(tree),
        *_remove_about_trailers(tree),
        *_remove_formulas(tree),
        *_remove_captions(tree),
        *_remove_location_marks(tree),
        *_remove_link_lists(tree, address),
    )
    _unlink_subject_headings(tree)
    _unwrap_empty_spans(tree)
    _capitalize_small_caps(tree)
    _paragraph_divs(tree)
    return removed


def _remove_repeated(tree: etree._Element) -> Iterator[tuple[str, str]]:
    """A paragraph the page shows :data:`_REPEATS` times or more (in its menu, its sidebar and
    its footer: "Great sex does more than blow your mind…", a quiz's teaser) is the site's,
    not the article's, which says each thing once."""
    paragraphs = [(p, _words(p)) for p in tree.iter("p")]
    counts = Counter(text for _, text in paragraphs if len(text.split()) >= _REPEATED_WORDS)
    for text in (t for t, n in counts.items() if n >= _REPEATS):
        for element in (p for p, words in paragraphs if words == text):
            if (parent := element.getparent()) is not None:
                parent.remove(element)
        yield "repeated-teaser", text[:200]


def _remove_embeds(tree: etree._Element) -> Iterator[tuple[str, str]]:
    """Embedded tweets, toots and posts quote other people: their @handles are not the author's."""
    for element in tree.xpath(_EMBEDS):
        text = _words(element)
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
            yield "embedded-post", text[:200]


def _remove_players(tree: etree._Element) -> Iterator[tuple[str, str]]:
    """An audio or video player its label names so ("Audio player - What if you don't want a
    slice of the AI hype?"): the episode it plays is another story, and its title, set as a
    heading, read as the article's."""
    for element in tree.xpath("//*[@aria-label]"):
        parent = element.getparent()
        if parent is not None and _PLAYER.match(element.get("aria-label", "")):
            yield "media-player", _words(element)[:200]
            parent.remove(element)


def _remove_named_boxes(tree: etree._Element) -> Iterator[tuple[str, str]]:
    """Boxes whose class names them furniture: the site's feed of its latest posts
    ("widget_twitter": "Trauer um Thomas #Küttler. …", another story); a menu built of
    ``<div>``s rather than ``<nav>`` ("navigation-sub", "mega-menu"), whose service box
    ("Benötigen Sie noch Tipps für Ihren Urlaub?") comes before the article; a "read also" box
    (SPIP's ``<q class="lire_aussi">``, "related-posts") citing another story; the sidebar
    (MacRumors' product blurbs: "Apple's first foldable iPhone, with…"). Never a box holding
    the page's ``<article>`` or ``<h1>``, nor half its paragraphs' text (a layout so named)."""
    removed: list[etree._Element] = []
    prose: list[int] = []  # the page's paragraph text, measured on the first match
    for element in tree.xpath("//*[@class]"):
        tokens = element.get("class").split()
        rule = next((r for r, pattern in _CLASS_RULES if any(map(pattern.match, tokens))), None)
        parent = element.getparent()
        if not rule or parent is None or any(a in removed for a in element.iterancestors()):
            continue  # no furniture, or inside a box already gone
        if element.tag in _NEVER_BOXES or _holds_the_prose(tree, element, prose):
            continue
        if not element.xpath(".//article | .//h1"):
            yield rule, _words(element)[:200]
            parent.remove(element)
            removed.append(element)


def _holds_the_prose(tree: etree._Element, box: etree._Element, prose: list[int]) -> bool:
    """Does ``box`` hold half the text of the page's paragraphs or more? (``prose`` remembers
    the page's total.)"""
    if not prose:
        prose.append(sum(len(_words(p)) for p in tree.iter("p")))
    return 2 * sum(len(_words(p)) for p in box.iter("p")) >= prose[0] > 0


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
    openings = {_opening(alt): len(alt) for alt in alts if len(alt.split()) >= _OPENING_WORDS}
    for paragraph in list(tree.iter("p")):
        text, parent = _words(paragraph), paragraph.getparent()
        quoted = next(paragraph.iterancestors("blockquote"), None) is not None
        in_figure = next(paragraph.iterancestors("figure"), None) is not None and not quoted
        if text and parent is not None and (in_figure or _repeats_alt(text, alts, openings)):
            yield "caption", text[:200]
            parent.remove(paragraph)


def _opening(alt: str) -> str:
    return " ".join(alt.split()[:_OPENING_WORDS])


def _repeats_alt(text: str, alts: set[str], openings: dict[str, int]) -> bool:
    """Is ``text`` a picture's ``alt`` text, or a caption opening with its first words and not
    much longer ("Stephen Crowley/The New York TimesSenators Mitch McConnell, left, and Jon Kyl,
    after a news conference…" beside an alt "Senators Mitch McConnell, left, and Jon Kyl left a
    news conference…")?"""
    if text in alts:
        return True
    return any(
        opening in text and len(text) <= size + _CAPTION_SLACK for opening, size in openings.items()
    )


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


def _capitalize_small_caps(tree: etree._Element) -> None:
    """A paragraph opening in small capitals (``<p><small>oh, the weather</small> outside…``,
    the magazine's lead-in) is written in lower case and capitalised by the style sheet: its
    first letter is a capital in the text too."""
    for small in tree.iter("small"):
        paragraph = next(small.iterancestors("p"), None)
        text = small.text or ""
        if (
            paragraph is not None
            and text.lstrip()[:1].islower()
            and _words(paragraph).startswith(_words(small))
        ):
            start = len(text) - len(text.lstrip())
            small.text = text[:start] + text[start].upper() + text[start + 1 :]


def _paragraph_divs(tree: etree._Element) -> None:
    """A ``<div>`` of running text with links in it and no paragraphs of its own: its lines
    (split at ``<br>`` and around any block inside it) become ``<p>`` s, so extraction keeps each
    sentence whole (trafilatura set the links' words outside its paragraphs: "…the visiting
    Pakistan PM" / ", China on Tuesday…", "Imran Khan" lost)."""
    for div in [d for d in tree.iter("div") if _runs_text(d)]:
        children = list(div)
        lines: list[etree._Element] = [etree.Element("p")]
        lines[0].text, div.text = div.text, None
        for child in children:
            div.remove(child)
            if isinstance(child.tag, str) and child.tag in _INLINE and child.tag != "br":
                lines[-1].append(child)
                continue
            tail, child.tail = child.tail, None
            if child.tag != "br":
                lines.append(child)  # a block inside stays where it was, between the lines
            lines.append(etree.Element("p"))
            lines[-1].text = tail
        div.extend(line for line in lines if line.tag != "p" or _has_text(line))


def _has_text(element: etree._Element) -> bool:
    return bool("".join(element.itertext()).strip())


def _runs_text(div: etree._Element) -> bool:
    """Is ``div`` running text with links or line breaks in it (more than a label's worth of its
    own words, beside them) and no paragraph of its own?"""
    children = list(div)
    broken = any(child.tag in ("a", "br") for child in children)
    if not broken or any(c.tag == "p" for c in children):
        return False
    own = [div.text or "", *(child.tail or "" for child in children)]
    return len(" ".join(own).split()) >= _RUNNING_WORDS


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


def _remove_linked_blurbs(tree: etree._Element) -> Iterator[tuple[str, str]]:
    """A paragraph inside a link (``<a href…><p>Updated models… expected in early 2017.</p></a>``)
    is a card's blurb: the whole block leads to another page, as no sentence of the article
    does."""
    for paragraph in tree.xpath("//a//p"):
        parent = paragraph.getparent()
        if parent is not None:
            yield "linked-blurb", _words(paragraph)[:200]
            parent.remove(paragraph)


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
    """The short paragraphs right after ``heading`` in the same card (past its image); when the
    heading fills a wrapper of its own (Drupal's views put each field of a card in a ``<div>``),
    the wrappers after that one holding nothing but such a paragraph."""
    found: list[etree._Element] = []
    for sibling in _card_top(heading).itersiblings():
        words = len("".join(sibling.itertext()).split())
        if sibling.tag != "p" and words == 0:
            continue  # the card's thumbnail
        if not _blurb(sibling) or words > _BLURB_WORDS:
            break
        found.append(sibling)
    return found


def _card_top(heading: etree._Element) -> etree._Element:
    """``heading``, or the wrapper it alone fills (up to :data:`_CARD_LEVELS` levels up)."""
    top, text = heading, _words(heading)
    for _ in range(_CARD_LEVELS):
        parent = top.getparent()
        if parent is None or parent.tag != "div" or _words(parent) != text:
            break
        top = parent
    return top


def _blurb(element: etree._Element) -> bool:
    """A paragraph, or a ``<div>`` around one paragraph and nothing else."""
    if element.tag == "p":
        return True
    inner = [e for e in element.iter() if e is not element and e.tag in ("p", "div")]
    paragraphs = [e for e in inner if e.tag == "p"]
    return (
        element.tag == "div" and len(paragraphs) == 1 and _words(paragraphs[0]) == _words(element)
    )


def _kicker(heading: etree._Element) -> list[etree._Element]:
    """A card's label above its linked heading ("On Tech", a columnist's name), perhaps with the
    card's picture in between."""
    for previous in list(heading.itersiblings(preceding=True))[:_CARD_PARTS]:
        words = len("".join(previous.itertext()).split())
        if previous.tag in _KICKER_TAGS and 0 < words <= _KICKER_WORDS:
            return [] if previous.find(".//a") is not None else [previous]
    return []
