"""Everything an HTML page says about itself, read from the raw tree before extraction.

trafilatura returns one title and one description; judging them the way an editor does needs
every candidate (``og:title``, ``twitter:title``, ``<title>``, JSON-LD ``headline``, the ``<h1>``s)
and every name the site goes by, so they are collected here, each with where it came from.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from posts.article.error_pages import error_headline
from posts.article.normalize import squash, unescape_leftovers

_FOLDER = re.compile(r"^[a-z]{2,20}$")  # a section's folder in a URL path, not a slug or a date
_SECTIONS = "news latest topics topic category categories section sections tag tags archive"
_SECTION_WORDS = frozenset(_SECTIONS.split())  # folders that list stories
_FRONT_TYPES = frozenset({"website", "blog"})  # og:type of a site's or a section's front page
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")  # XHTML-era wrapping
_MAX_JSON_LD = 200_000
_MIN_IMAGE_PIXELS = 100  # characters of one JSON-LD script; a bigger one is not metadata
_ARTICLE_TYPES = ("article", "posting", "report", "review", "webpage", "creativework")
_STORY_TYPES = ("article", "posting", "report", "review")  # a page that says it is one story
_META_TITLES = (("og:title", "og:title"), ("twitter:title", "twitter:title"))
_META_DESCRIPTIONS = (
    ("og:description", "og"),
    ("description", "meta"),
    ("twitter:description", "twitter"),
)
_META_KEYWORDS = ("keywords", "news_keywords", "article:tag")
_SITE_NAMES = ("og:site_name", "application-name", "twitter:site", "al:ios:app_name")
# a video's own page: "globalnews.ca/video/1747657/…", "video.newyorker.com/watch/…"
_VIDEO_ADDRESS = re.compile(r"^https?://(?:videos?\.[^/]+/|[^/]+/(?:[^/?#]+/)*(?:videos?|watch)/)")


@dataclass(frozen=True)
class PageMeta:
    """Candidates with their source, in the order the page gives them."""

    titles: tuple[tuple[str, str], ...] = ()
    descriptions: tuple[tuple[str, str], ...] = ()
    site_names: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    canonical: str | None = None
    og_url: str | None = None
    images: tuple[tuple[str, str, str], ...] = ()  # (source, src, description), best first
    is_story: bool = False  # og:type "article" or a JSON-LD article: one story, not an index
    # the host most of its absolute links and pictures point to; looked for only on a page
    # that names no address of its own
    own_host: str | None = None
    error: str | None = None  # the headline or declared genre of an error page ("404")
    video: bool = False  # a video's page: its description tells what it shows, its text does not
    front_page: str | None = None  # the address's path of a section's front page ("/autos/news")


def read_page_meta(tree: etree._Element) -> PageMeta:
    """Collect title, description, site-name and keyword candidates from ``tree``."""
    metas = _meta_values(tree)
    ld = list(_json_ld_objects(tree))
    titles = [(source, v) for key, source in _META_TITLES for v in metas.get(key, [])]
    titles += [("json-ld", _text(o.get("headline"))) for o in ld if _is_article(o)]
    titles += [("h1", squash(_visible(h))) for h in tree.iterfind(".//h1") if _headline_like(h)][:3]
    titles += [("title", squash(_inner(t))) for t in tree.iterfind(".//title")][:1]
    descriptions = [(s, v) for key, s in _META_DESCRIPTIONS for v in metas.get(key, [])]
    descriptions += [("json-ld", _text(o.get("description"))) for o in ld if _is_article(o)]
    sites = [v for key in _SITE_NAMES for v in metas.get(key, [])]
    sites += [name for o in ld for name in _publisher_names(o)]
    canonical = _link(tree, "canonical")
    og_url = next(iter(metas.get("og:url", [])), None)
    story = "article" in metas.get("og:type", []) or any(_is_article(o, _STORY_TYPES) for o in ld)
    return PageMeta(
        titles=tuple((s, t) for s, t in titles if t),
        descriptions=tuple((s, d) for s, d in descriptions if d),
        site_names=tuple(dict.fromkeys(s.lstrip("@") for s in sites if s)),
        keywords=tuple(_keywords(metas, ld)),
        canonical=canonical,
        images=tuple(_images(tree, metas, ld)),
        og_url=og_url,
        is_story=story,
        own_host=_own_host(tree) if not (canonical or og_url) else None,
        error=error_headline(titles, metas.get("prism.genre", []), story),
        video=any(t.startswith("video") for t in metas.get("og:type", []))
        or bool(_VIDEO_ADDRESS.match(canonical or og_url or "")),
        front_page=None if story else _front_page(canonical or og_url, metas.get("og:type", [])),
    )


def _front_page(address: str | None, types: list[str]) -> str | None:
    """The path of a page declared a site's (og:type website or blog) whose address names a
    section: one or two folder words, one of them a section's ("/autos/news",
    "/news/inspiration/"); a story's has a slug or a date."""
    path = urlsplit(address or "").path.strip("/")
    folders = path.split("/") if path else []
    if not 1 <= len(folders) <= 2 or not all(_FOLDER.match(f) for f in folders):
        return None
    if not _FRONT_TYPES.intersection(types):
        return None
    return f"/{path}" if _SECTION_WORDS.intersection(folders) else None


def _own_host(tree: etree._Element) -> str | None:
    """The host that most of the page's absolute ``href`` and ``src`` addresses name (at least
    :data:`_OWN_LINKS` of them and :data:`_OWN_SHARE` of all): on a page saved without its
    address, the site it came from ("www.stuttgart.de"), to tell its name in the title."""
    hosts = Counter(
        urlsplit(value).hostname or ""
        for element in tree.iter()
        for value in (element.get("href"), element.get("src"))
        if value and value.startswith(("http://", "https://"))
    )
    host, count = hosts.most_common(1)[0] if hosts else ("", 0)
    return host if host and count >= _OWN_LINKS and count >= _OWN_SHARE * hosts.total() else None


def domain_names(url: str | None) -> tuple[str, ...]:
    """``https://www.spacenews.com/x`` → ("spacenews.com", "spacenews"): how titles cite a site;
    also the one-word folders of its path ("/r/aww/comments/…" → "aww", "/nfl/2017/…" → "nfl"),
    how titles cite a section or a board ("… : aww")."""
    parts = urlsplit(url or "")
    host = (parts.hostname or "").removeprefix("www.")
    if "." not in host:
        return ()
    folders = parts.path.rstrip("/").split("/")[1:-1]  # the last one names the page itself
    sections = tuple(f for f in folders if _FOLDER.match(f))
    return (host, host.split(".")[-2] if host.count(".") == 1 else host.split(".")[0], *sections)


def _images(
    tree: etree._Element, metas: dict[str, list[str]], ld: list[dict[str, Any]]
) -> Iterator[tuple[str, str, str]]:
    """The lead image candidates with their descriptions: the social cards, JSON-LD, then the
    first picture of the page's body (its ``alt``, else its ``<figcaption>``; describing a
    declared one, from anywhere, or being the lead itself, from outside the page's furniture)."""
    declared = list(_declared_images(metas, ld))
    yield from declared
    for img in _pictures(tree):
        src = _widest(img.get("srcset") or img.get("data-srcset") or "")
        src = src or img.get("src") or img.get("data-src") or ""
        usable = src and not src.startswith("data:") and not _tiny(img)
        # a sidebar's picture is no lead image (it may still describe a declared one)
        if usable and not _decorative(img, src) and (declared or not _in_furniture(img)):
            yield "body", src, squash(img.get("alt") or "") or _caption(img)
            return


def _declared_images(
    metas: dict[str, list[str]], ld: list[dict[str, Any]]
) -> Iterator[tuple[str, str, str]]:
    """The pictures the page declares for sharing: its social cards, then JSON-LD's."""
    for key, alt in (("og:image", "og:image:alt"), ("twitter:image", "twitter:image:alt")):
        for src in (*metas.get(key, []), *metas.get(f"{key}:src", []))[:1]:
            if not _stand_in(src):
                yield key, src, next(iter(metas.get(alt, [])), "")
    for obj in ld:
        image = obj.get("image") if _is_article(obj) else None
        src, caption = _ld_image(image[0] if isinstance(image, list) and image else image)
        if src and not _stand_in(src):
            yield "json-ld", src, caption


def _ld_image(image: object) -> tuple[str, str]:
    """A JSON-LD image, written as its address or as an object with its caption."""
    if isinstance(image, str):
        return image, ""
    if isinstance(image, dict) and isinstance(image.get("url"), str):
        return image["url"], _text(image.get("caption") or image.get("description"))
    return "", ""


def _pictures(tree: etree._Element) -> Iterator[etree._Element]:
    """The body's pictures, those of its one ``<article>`` or its ``<main>`` first: what comes
    before them is the site's header and navigation."""
    body = tree.find(".//body")
    if body is None:
        return
    articles = body.findall(".//article")  # several are cards of other stories
    mains = articles if len(articles) == 1 else body.xpath(".//main | .//*[@role='main']")
    yield from mains[0].iterfind(".//img") if mains else ()
    yield from body.iterfind(".//img")


_OWN_LINKS = 3  # absolute addresses to one host, at least, to take it for the page's own …
_OWN_SHARE = 0.4  # … when they are this share of all
_VALUE_KEYS = frozenset({"og:site_name", "application-name", "og:type"})
# A body picture whose file is named as page decoration ("images/icon-facebook.png",
# "images/header-news.svg", any SVG).
_DECOR = re.compile(
    r"(?i)(?:^|[/_.-])(?:(?:status|social|share)?icons?|logos?|avatars?|sprites?|spacer|pixel"
    r"|badge|header|banner|placeholder|blank|loading|facebook|twitter|instagram|pinterest|linkedin|whatsapp|rss"
    r"|emoji|gravatar|nav|quicknav|buttons?|preload|play)\d*(?:[/_.-]|$)"  # also "banner1.gif"
    r"|(?:^|[/_.-])\d{2,3}x\d{2}\.(?:png|gif)$"  # a badge named by its size ("88x31.png")
    r"|icons?\d{1,3}(?:x\d{1,3})?\."  # an icon named by its size ("feed-icon16x16.png")
    r"|pixel\.(?:png|gif)(?:[?#]|$)"  # a tracking pixel ("renderTimingPixel.png")
    r"|/share[_-]?[a-z]*\.(?:png|gif)(?:[?#]|$)"  # a share button ("…/social/share_more.png")
    r"|(?:^|[/_.-])site[_-]?(?:banner|header|logo)"  # the site's own ("sitebanner2V2.jpg")
    r"|/flags?/"  # a language's or a country's flag ("/pictures/flags/png/de.png")
    r"|/(?:themes?|skins?)/"  # the theme's own ("…/themes/happenstance/images/slide.jpg") …
    r"|(?:^|//[^/]*)/styles?/"  # … or the site's style folder (not Drupal's "files/styles/")
    r"|\.svg(?:[?#]|$)"  # a drawing (a logo, an icon), not a photo
    r"|\.(?:html?|php|aspx?)(?:[?#]|$)"  # a page, set as a lazy picture's placeholder
)


# A social card's stand-in when the post has no picture: WordPress.com's "s0.wp.com/i/blank.jpg",
# a site's "apple-touch-icon.png".
# a section's stand-in ("/assets/categories/thenewyorker/…_category_books-3b48….jpg").
_PLACEHOLDER = re.compile(
    r"(?i)(?:^|[/_.-])(?:blank|placeholder|spacer|(?:fav)?icon|categor(?:y|ies))(?:[/_.-]|$)"
)
_NAME_PARTS = re.compile(r"[_.-]")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_LOGO_PARTS = 5  # "social_default_logo-1481777.png"; a longer name is a story's picture of a logo
# Boxes around page furniture, by their id or class: a picture there is the site's, not the story's
_FURNITURE_BOX = re.compile(
    r"(?i)(?:^|[\s_-])(?:sidebar|widget|footer|pinup|promo)"
    r"(?:$|[\s_-])"
)
# The site's header and menus, named as such ("header", "site-header", "masthead", "main-nav",
# "menu"); not an article's own header ("entry-header"), where its picture may be.
_SITE_BOX = re.compile(
    r"(?i)(?:^|\s)(?:(?:site|page|global|main)[_-]?)?(?:header|masthead)(?:$|\s)"
    r"|(?:^|[\s_-])(?:nav|navigation|menu)(?:$|\s)"
)
_HIDDEN_STYLE = re.compile(
    r"(?i)(?:^|;)\s*(?:(?:width|height)\s*:\s*[01](?:px)?\s*(?:;|$)|display\s*:\s*none"
    r"|visibility\s*:\s*hidden)"
)
_SCREEN_READER = re.compile(
    r"(?i)(?:^|\s)(?:aural|sr-only|visually-hidden|screen-reader-text|screenreader-only"
    r"|element-invisible|offscreen)(?:$|\s)"
)
_KICKER = re.compile(
    r"(?i)(?:^|[\s_-])(?:category|kicker|dachzeile|topline|overline|rubric|eyebrow)(?:$|[\s_-])"
)
_LOGO_CLASS = re.compile(r"(?i)(?:^|[\s_-])logo(?:$|[\s_-])")  # "nfy-cobo-paywall-logo"
_SRCSET_SPLIT = re.compile(r"(?<=\d[wx]),\s*|,\s+")  # URLs may hold commas ("w_100,h_80")


def _widest(srcset: str) -> str:
    """The widest picture a ``srcset`` offers ("a.jpg?w=283 283w, a.jpg?w=1140 1140w"): what a
    browser shows on a large screen, and the one ``src`` was sometimes mangled from."""
    best, width = "", -1.0
    for candidate in _SRCSET_SPLIT.split(srcset):
        url, _, size = candidate.strip().partition(" ")
        size = size.strip()
        value = float(size[:-1]) if size[:-1].replace(".", "", 1).isdigit() else 0.0
        if url and not url.startswith("data:") and value > width:
            best, width = url, value
    return best


def _stand_in(src: str) -> bool:
    """A social card's picture that is the site's, not the story's: a placeholder, an icon, or a
    file named as the site's logo ("sitedesign/images/logo.jpg")."""
    name = urlsplit(src).path.rsplit("/", 1)[-1]
    parts = _NAME_PARTS.split(_CAMEL.sub("-", name).lower())  # "AdditionalLogo.png" too
    logo = len(parts) <= _LOGO_PARTS and ("logo" in parts or "logos" in parts)
    return logo or bool(_PLACEHOLDER.search(src))


def _decorative(img: etree._Element, src: str) -> bool:
    """A picture named as decoration, or marked so for screen readers (``role="presentation"``,
    ``aria-hidden``: a community's icon beside its name, an ornament), or the site's logo: the
    picture that links to its home page or whose class, or its box's, says so."""
    marked = img.get("role") in ("presentation", "none") or img.get("aria-hidden") == "true"
    # its own class or id, or its box's ("printLogo": the Motley Fool's logo for print)
    names = " ".join(
        f"{e.get('class') or ''} {e.get('id') or ''}"
        for e in (img, img.getparent())
        if e is not None
    )
    marked = marked or bool(_LOGO_CLASS.search(_CAMEL.sub("-", names)))
    return marked or bool(_DECOR.search(_CAMEL.sub("-", src))) or _links_home(img)


def _in_furniture(img: etree._Element) -> bool:
    """Set in the page's sidebar, footer or a promotion box (by the ``id`` or ``class`` of a box
    around it: "pinup", "sidebar", "widget"), or in its header or menus (a ``<nav>``, or a box
    so named: a radio site's "program guide" button)."""
    for box in img.iterancestors():
        names = f"{box.get('id') or ''} {box.get('class') or ''}"
        if box.tag == "nav" or _FURNITURE_BOX.search(names) or _SITE_BOX.search(names):
            return True
    return False


def _links_home(img: etree._Element) -> bool:
    link = next(img.iterancestors("a"), None)
    if link is None:
        return False
    rel = (link.get("rel") or "").lower().split()
    href = (link.get("href") or "").strip()
    if "home" in rel or not href or href.startswith("#"):
        return "home" in rel
    parts = urlsplit(href)
    return parts.path in ("", "/") and not parts.query and not parts.fragment


def _tiny(img: etree._Element) -> bool:
    """Tracking pixels, icons and spacers are not a lead image, nor is a picture its style
    hides ("height:0px;width:0px", WordPress's stats pixel)."""
    sizes = [img.get("width") or "", img.get("height") or ""]
    hidden = _HIDDEN_STYLE.search(img.get("style") or "")
    return bool(hidden) or any(size.isdigit() and int(size) < _MIN_IMAGE_PIXELS for size in sizes)


def _caption(img: etree._Element) -> str:
    figure = next(img.iterancestors("figure"), None)
    caption = figure.find(".//figcaption") if figure is not None else None
    return squash(_inner(caption)) if caption is not None else ""


def _meta_values(tree: etree._Element) -> dict[str, list[str]]:
    """Each meta key's values. A site name or page type written in ``value`` rather than
    ``content`` is read too (qz.com's ``og:site_name``); other tags written that way are not:
    such pages repeat their titles and descriptions there cut short or as stock text."""
    found: list[tuple[str, str, bool]] = []
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        written = meta.get("content") or (meta.get("value") if key in _VALUE_KEYS else "")
        content = squash(unescape_leftovers(written or ""))
        if key.strip() and content:
            head = next(meta.iterancestors("head"), None) is not None
            found.append((key.strip(), content, head))
    # a key the head declares is the page's; in the body the same key marks up other items (a
    # related story's card and its description)
    declared = {key for key, _, head in found if head}
    values: dict[str, list[str]] = {}
    for key, content, head in found:
        if head or key not in declared:
            values.setdefault(key, []).append(content)
    return values


def _link(tree: etree._Element, rel: str) -> str | None:
    for link in tree.iterfind(".//link"):
        if rel in (link.get("rel") or "").lower().split() and link.get("href"):
            return str(link.get("href")).strip()
    return None


def _json_ld_objects(tree: etree._Element) -> Iterator[dict[str, Any]]:
    for script in tree.iterfind(".//script"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        if len(script.text) > _MAX_JSON_LD:
            continue
        try:
            data = json.loads(_CDATA.sub("", script.text))
        except ValueError:
            continue  # pages ship broken JSON-LD often enough; it is only a hint
        yield from _objects(data, depth=0)


def _objects(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    """Every object of a JSON-LD document, through lists and ``@graph`` (depth-limited)."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        yield from _objects(data.get("@graph"), depth + 1)


def _is_article(obj: dict[str, Any], types: tuple[str, ...] = _ARTICLE_TYPES) -> bool:
    kinds = obj.get("@type")
    names = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(n, str) and n.lower().endswith(types) for n in names)


def _publisher_names(obj: dict[str, Any]) -> Iterator[str]:
    publisher = obj.get("publisher")
    for item in publisher if isinstance(publisher, list) else [publisher]:
        if isinstance(item, dict):
            yield _text(item.get("name"))
    if obj.get("@type") in ("WebSite", "Organization", "NewsMediaOrganization"):
        yield _text(obj.get("name"))


def _keywords(metas: dict[str, list[str]], ld: list[dict[str, Any]]) -> Iterator[str]:
    for key in _META_KEYWORDS:
        for content in metas.get(key, []):
            yield from _split_keywords(content)
    for obj in ld:
        value = obj.get("keywords") if _is_article(obj) else None
        if isinstance(value, list):
            yield from (_text(v) for v in value if _text(v))
        elif isinstance(value, str):
            yield from _split_keywords(value)


def _split_keywords(value: str) -> Iterator[str]:
    """Semicolon-separated when any semicolon is present (so "Trump, Donald J" stays whole),
    else comma-separated."""
    separator = ";" if ";" in value else ","
    yield from (part.strip() for part in value.split(separator) if part.strip())


def _text(value: Any) -> str:
    return squash(html.unescape(value)) if isinstance(value, str) else ""


def _inner(element: etree._Element) -> str:
    return "".join(element.itertext())


def _headline_like(h1: etree._Element) -> bool:
    """Neither for screen readers only nor inside the navigation (a breadcrumb's
    "Verbraucherportal")."""
    boxes = (f"{a.get('id') or ''} {a.get('class') or ''}" for a in h1.iterancestors())
    navigation = any(a.tag == "nav" for a in h1.iterancestors()) or any(
        "breadcrumb" in box.casefold() for box in boxes
    )
    return not (_unseen(h1) or navigation)


def _unseen(element: etree._Element) -> bool:
    """Written for screen readers only ("aural", "sr-only", "visually-hidden"): a site's name as
    the page's first ``<h1>`` ("Bundesministerium der Justiz…"), "Thema " before a kicker."""
    return bool(_SCREEN_READER.search(element.get("class") or ""))


def _visible(element: etree._Element) -> str:
    """A heading's own words: without the parts written for screen readers only, or its
    kicker ("<span class="category">Verbraucherschutz</span> Mehr Transparenz…")."""
    if not any(_beside(e) for e in element.iterdescendants()):
        return _inner(element)
    kept = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):
            kept.append(child.tail or "")
            continue
        kept += ["" if _beside(child) else _visible(child), child.tail or ""]
    return "".join(kept)


def _beside(element: etree._Element) -> bool:
    return _unseen(element) or bool(_KICKER.search(element.get("class") or ""))
