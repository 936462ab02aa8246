"""The headline an editor would use: chosen among the page's candidates by agreement, furniture off.

Pages name themselves several times (``og:title``, ``twitter:title``, ``<title>``, JSON-LD
``headline``, one or more ``<h1>``) and decorate some of those names with the site or section:
"… - SpaceNews.com", "… – TechCrunch", "Opinion | …", "… | Editorial". Each candidate is first
stripped of end segments that name the site (``og:site_name``, the JSON-LD publisher, the domain)
or a section; with ``|``-like separators, of every segment but the headline-sized one. Then the
candidate the others agree with wins (its text appears in theirs), then the more substantial
one, then the more deliberate source. A candidate that is only the site's name (a logo ``<h1>``)
or a section's ("Home / Twitter"), a no-JavaScript notice or a text over 200 characters (a
whole post quoted as the title) is never chosen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from posts.article.boilerplate import is_no_script_notice, is_unrendered_template
from posts.article.normalize import comparable
from posts.article.scripts import SPACELESS

# "|", "::", "·", "•", "«", "»", " @ ", " _": always separators in a <title>; guillemets not
# when they open and close a quotation ("Screenshot : «Vape Wave», «6 Days»…")
_PIPE = re.compile(r"\s*(?:::|[|«»])\s*|\s+[·•/@›]\s+|\s+_")
_PIPE_QUOTING = re.compile(r"\s*(?:::|\|)\s*|\s+[·•/@›]\s+|\s+_")
# "Headline:Site": a site's name after a colon, taken off only when it is the site's name
_COLON = re.compile(r"\s*[:：]\s+|[:：]\s*(?=[^:：]+$)")
_SPACED_COLON = re.compile(r"\s+:\s+")  # "Post title : subreddit"
_BY_SITE = re.compile(r"^(?:from|by|at|on|via|von|de|par)\s+")  # "…for Fall from <site>"
_COLON_SITE = re.compile(r"(?P<headline>.+)[:：]\s*(?P<site>[^:：]+)$")
_SITE_COLON = re.compile(r"(?P<site>[^:：]+)[:：]\s+(?P<headline>.+)$")  # "Blog: Headline"
# " - ", " – ", " — ": separators only around a site or section name; real titles use them too.
# A bracketed label a site sets before its headlines: "[News]", "[PR]", "[UPDATE]"
_LABEL = re.compile(
    r"^\[(?:news|pr|press\s+release|update[d]?|video|photos?|breaking|info)\]\s*"
    # any short one before a space or Korean, Japanese or Chinese: "[CEO&]창의적…", "[단독] …"
    r"|^\[[^\[\]]{1,12}\](?:\s+|(?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]))",
    re.I,
)
_DASH = re.compile(r"\s+[-–—]\s+")
# A photo credit or media label ending a headline: "…の成否（写真＝ロイター）", "… (Photos)",
# "… Flop Fest [VIDEO]".
_CREDIT = re.compile(
    r"\s*[（(\[](?:写真|画像|動画|photos?|pictures?|pics|images?|videos?|watch|slide\s?show"
    r"|gallery|infographic|poll|audio)\b[^）()\[\]]{0,30}[）)\]]\s*$",
    re.IGNORECASE,
)
_SECTIONS = frozenset(
    [
        "opinion",
        "opinions",
        "editorial",
        "editorials",
        "op",
        "ed",
        "oped",
        "analysis",
        "review",
        "reviews",
        "news",
        "blog",
        "blogs",
        "commentary",
        "column",
        "letters",
        "letter",
        "explainer",
        "podcast",
        "video",
        "videos",
        "photos",
        "live",
        "breaking",
        "exclusive",
        "features",
        "feature",
        "sport",
        "sports",
        "business",
        "technology",
        "tech",
        "politics",
        "world",
        "science",
        "health",
        "culture",
        "travel",
        "lifestyle",
        "entertainment",
        "home",
    ]
)
_ELLIPSIS = re.compile(r"(?:\.{3}|…)\s*$")  # a cut candidate ("…for Hong Kong leader...")
# a title cut short, or one whose characters a wrong encoding lost ("Don???t", "Don\ufffdt"):
# another candidate says it whole
_CUT_OR_LOST = re.compile(rf"{_ELLIPSIS.pattern}|[^\W\d_](?:\?{{2,}}|\ufffd)[^\W\d_]")
# "_教育频道_中国青年网": a channel (频道) or a site (…网) named after a Chinese headline.
_CJK_FURNITURE = re.compile(r"(?:频道|頻道|[网網]|日报|日報)$")  # …日报: a daily paper
# "智能": a channel's short name, before the site's
_CHANNEL = re.compile(r"^[\u3400-\u9fff]{1,4}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+){2,}$")  # "draft-dejong-remotestorage-04": an id
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=\S)")
_PRIORITY = ("json-ld", "og:title", "twitter:title", "title", "h1")
_SUBSTANTIAL_WORDS = 4
_SECTION_WORDS = 3  # a section's or blog's name in a title, before the site's
_SUBSTANTIAL_CHARS = 12  # for scripts written without spaces
_MAX_CHARS = 200  # longer is a post quoted as a title, not a headline
_SITE_WORD_CHARS = 4  # an address's words this long name the site ("bildung", not "de")
_SITE_SEGMENT_WORDS = 3  # an end segment this short holding the address's name is the site
_HELD_SITE_CHARS = 6  # a site's name this long, run together inside a short segment, names it


@dataclass(frozen=True)
class Headline:
    text: str
    source: str
    stripped: tuple[str, ...]  # furniture segments taken off, for the explain output


def choose_headline(
    candidates: tuple[tuple[str, str], ...], site_names: tuple[str, ...], address: str = ""
) -> Headline | None:
    """The best headline among ``(source, text)`` candidates, or None when none is usable;
    the page's ``address`` agrees with the one its last path segment spells out."""
    slug = _slug_words(address)
    candidates = tuple((s, _to_slug(t, slug)) for s, t in candidates) if slug else candidates
    declared = {
        comparable(t) for s, t in candidates if s in ("og:title", "twitter:title", "json-ld")
    }
    sites = {comparable(name) for name in site_names} - declared - {""}  # a site is not its article
    sites |= _named_by_title(candidates, sites) - declared
    whole = [
        (s, t)
        for s, t in candidates
        if not _CUT_OR_LOST.search(t) and not _cut_short(t, candidates, sites)
    ] or list(candidates)
    cleaned = [_strip(source, text, sites, slug) for source, text in whole]
    # what a title's end or start took off names the site, unless another candidate is it
    # ("Uncork the mystery… | Culture| Arts, music and lifestyle reporting from Germany | DW")
    sites |= {comparable(s) for c in cleaned for s in c.stripped} - {
        comparable(c.text) for c in cleaned
    }
    usable = [c for c in cleaned if _usable(c.text, sites)]
    if not usable:
        return None
    raw = [(source, comparable(text), _segments(text)) for source, text in candidates]
    if slug:  # "/2019/02/10/das-louis-vuitton-missgeschick/" names "Das Louis Vuitton Missgeschick"
        raw.append(("address", slug, frozenset({slug})))
    return max(usable, key=lambda c: _rank(c, raw, usable, sites))


def _cut_short(text: str, candidates: tuple[tuple[str, str], ...], sites: set[str]) -> bool:
    """Does another candidate say ``text`` and go on, by a word that is not the site's name
    ("…but it's got some bizarre racial", a twitter:title cut to length, where the ``<h1>``
    says "…some bizarre racial politics")? Going on into the site's name, also after "from"
    or "by" ("…Ideas for Fall from Better Homes and Gardens"), is no more of the headline."""
    words = text.split()
    key = comparable(text)
    for _, other in candidates:
        more = other.split()
        if len(more) <= len(words) or not more[len(words)][:1].isalnum():
            continue
        said = comparable(" ".join(more[: len(words)])) == key
        rest = _BY_SITE.sub("", comparable(" ".join(more[len(words) :])))
        if said and comparable(more[len(words)]) not in sites and rest not in sites:
            return True
    return False


def _to_slug(text: str, slug: str) -> str:
    """A title that is the address's words and then the post's first lines ("Leandra Lou – Der
    etwas andere Modeblog jetzt auch zwischen Buchdeckeln. Leandra Lou schreibt über…"), cut
    after the sentence the address spells out; any other title as it is."""
    first = _SENTENCE_BREAK.split(text, maxsplit=1)[0]
    if first == text or comparable(first) != slug:
        return text
    return first[:-1] if first.endswith(".") and not first.endswith("..") else first


def _slug_words(address: str) -> str:
    """The words of the address's last path segment, when it reads as a title (three or more
    words joined by hyphens)."""
    segment = urlsplit(address).path.rstrip("/").rsplit("/", 1)[-1]
    segment = re.sub(r"\.[a-z]{2,5}$|-\d+$", "", segment.lower())
    return comparable(segment) if _SLUG.match(segment) else ""


def _usable(text: str, sites: set[str]) -> bool:
    """Not the site's or a section's name, a no-JavaScript notice, or a whole post quoted as
    the title ('Name (@handle): "…"', over 200 characters)."""
    key = comparable(text)
    if not key or len(text) > _MAX_CHARS or key in sites or key in _SECTIONS:
        return False
    if _SLUG.match(text.strip()):
        return False  # an og:title left as the address's slug: "adac-kindersitztest-herbst-2018"
    return not is_no_script_notice(text) and not is_unrendered_template(text)


def _pipes(text: str) -> list[str]:
    """``text`` split at its separators."""
    return (_PIPE_QUOTING if "«" in text and "»" in text else _PIPE).split(text)


def _segments(text: str) -> frozenset[str]:
    """The parts of a title between its separators ("Mozilla - Wikipedia": Mozilla, Wikipedia)."""
    parts = (p for dash in _DASH.split(text) for pipe in _pipes(dash) for p in _COLON.split(pipe))
    return frozenset(comparable(part) for part in parts)


def _named_by_title(candidates: tuple[tuple[str, str], ...], sites: set[str]) -> set[str]:
    """An ``<h1>`` that is the last segment of the ``<title>`` ("Evolve: Shared Mutable
    History — evolve extension for Mercurial" and an h1 "evolve extension for Mercurial", or
    "TIL that… : todayilearned" and an h1 "todayilearned") is
    the site's or product's name, as a logo's h1 is: titles end with the site, not the story
    (unless the page declares that text as its title, or the title opens with the site's name:
    "Site | Headline" titles exist too)."""
    ends = set()
    for source, text in candidates:
        if source == "title":
            splits = (_DASH.split(text), _pipes(text), _SPACED_COLON.split(text))
            for parts in ([s for s in split if s.strip()] for split in splits):
                if len(parts) > 1 and comparable(parts[0]) not in sites:
                    # a site's name first is far shorter than what follows: "ACCU :: Defining
                    # Concepts", "高木浩光＠自宅の日記 - 改正NICT法がプチ炎上、…" (a diary, then
                    # its entry); otherwise the title ends with it
                    first, last = parts[0], parts[-1]
                    shorter = 2 * len(first) < len(last) and not _echoes_site(last, sites)
                    ends.add(comparable(first if shorter else last))
    return {comparable(t) for s, t in candidates if s == "h1" and comparable(t) in ends}


def _rank(
    headline: Headline,
    raw: list[tuple[str, str, frozenset[str]]],
    usable: list[Headline],
    sites: set[str],
) -> tuple[int, bool, bool, int, int]:
    """Agreement first; then a substantial text; then one that does not run on into the site's
    name ("…Motorenöle TORALIN", a shop's title beside its product's h1); then the source."""
    key = comparable(headline.text)
    clean = not any(word in sites for word in key.split() if len(word) >= _SITE_WORD_CHARS)
    substantial = _substantial(headline.text)  # a word or two agrees as a whole part only
    support = sum(
        1
        for source, text, parts in raw
        if source != headline.source and (key in text if substantial else key in parts)
    )
    order = _PRIORITY.index(headline.source) if headline.source in _PRIORITY else len(_PRIORITY)
    return support, substantial, clean, -order, -usable.index(headline)


def _substantial(text: str) -> bool:
    """Four words or more; in a script written without spaces, twelve characters or more
    ("wasm-module - RustのWebAssemblyの中でDOMを扱う" is three "words")."""
    words = text.split()
    if len(words) >= _SUBSTANTIAL_WORDS:
        return True
    spaceless = SPACELESS.search(text) is not None
    return (len(words) < 3 or spaceless) and len(text) >= _SUBSTANTIAL_CHARS


def _strip(source: str, text: str, sites: set[str], slug: str = "") -> Headline:
    """Take site and section segments off both ends of ``text``; of several segments between
    separators, keep the headline-sized one, the one the address's ``slug`` spells out first."""
    stripped: list[str] = []
    segments = _trim(_pipes(text), sites, stripped)
    if len(segments) > 1:  # "Headline | Section | Site" with names Herald does not know
        headlines = [s for s in segments if not _echoes_site(s, sites)] or segments
        keep = max(
            headlines, key=lambda s: (bool(slug) and comparable(s) == slug, len(s.split()), len(s))
        )
        stripped += [s for s in segments if s is not keep]
        segments = [keep]
    kept = _rejoin(text, segments)
    before = len(stripped)
    kept = _rejoin(kept, _trim(_DASH.split(kept), sites, stripped))
    if len(stripped) > before:  # "Headline - The Schmooze – Forward.com": a section before it
        kept = _section_before_site(kept, stripped)
    before = len(stripped)
    kept = _rejoin(kept, _trim(kept.split("_"), sites, stripped))
    if len(stripped) > before:  # "…_智能_好奇心日报": the channel's name before the site's
        kept = _channel_before_site(kept, stripped)
    # "…「Treeviz」:phpspot開発日誌"; "…Weekend Trip: The GQ Eye: GQ on Style: GQ", a blog's and
    # a section's name after the headline, each naming the site
    site_named = False
    while (named := _COLON_SITE.match(kept)) and _names_site(named["site"], sites):
        stripped.append(named["site"])
        kept, site_named = named["headline"].rstrip(), True
    named = _COLON_SITE.match(kept)
    if site_named and named and _short_name(named["site"]) and _substantial(named["headline"]):
        stripped.append(named["site"])  # "…Buying a Motorcycle: The Q: GQ": a blog's name
        kept = named["headline"].rstrip()
    named = _SITE_COLON.match(kept)
    if named and _spells_site(named["site"], sites) and _substantial(named["headline"]):
        stripped.append(named["site"])  # a blog's "Lost in JIT: PyPy and the road…"
        kept = named["headline"]
    label = _LABEL.match(kept)
    if label and _substantial(kept[label.end() :]):  # "[News] サクサク…": the site's label
        stripped.append(label.group().strip())
        kept = kept[label.end() :]
    credit = _CREDIT.search(kept)
    if credit and credit.start() > 0:
        stripped.append(credit.group())
        kept = kept[: credit.start()].rstrip()
    return Headline(kept, source, tuple(s.strip() for s in stripped if s.strip()))


def _names_site(segment: str, sites: set[str]) -> bool:
    """The site's name, or a short name holding it as a word of four letters or more or in
    capitals ("The GQ Eye" on GQ; not "Vie en rose" on an address under /en/)."""
    if comparable(segment) in sites:
        return True
    words = segment.split()
    return len(words) <= _SITE_SEGMENT_WORDS and any(
        comparable(word) in sites and (len(word) >= _SITE_WORD_CHARS or word.isupper())
        for word in words
    )


def _spells_site(segment: str, sites: set[str]) -> bool:
    """Is ``segment`` the site's name, its words run together as in its address ("Lost in JIT"
    on lostinjit.blogspot.com)?"""
    compact = comparable(segment).replace(" ", "")
    return bool(compact) and compact in _compact(sites)


def _section_before_site(kept: str, stripped: list[str]) -> str:
    """The last " - " segment of a title that ended with the site's name, when it is a short name
    (a blog's or a section's: "The Schmooze"), is furniture too."""
    segments = [s for s in _DASH.split(kept) if s.strip()]
    last = segments[-1].strip() if len(segments) > 1 else ""
    if not _short_name(last):
        return kept
    stripped.append(last)
    return _rejoin(kept, segments[:-1])


def _channel_before_site(kept: str, stripped: list[str]) -> str:
    """The last ``_`` segment of a Chinese title that ended with the site's name, when it is a
    channel's short name (four characters or fewer: "智能"), is furniture too."""
    segments = kept.split("_")
    if len(segments) < 2 or not _CHANNEL.match(segments[-1].strip()):
        return kept
    stripped.append(segments[-1])
    return "_".join(segments[:-1]).strip()


def _short_name(segment: str) -> bool:
    """Three words at most, capitalised: a blog's or a section's name."""
    segment = segment.strip()
    return bool(segment) and len(segment.split()) <= _SECTION_WORDS and segment[:1].isupper()


def _trim(segments: list[str], sites: set[str], stripped: list[str]) -> list[str]:
    segments = [s for s in segments if s.strip()] or [""]
    while len(segments) > 1 and _is_furniture(segments[-1], sites):
        stripped.append(segments.pop())
    while len(segments) > 1 and _is_furniture(segments[0], sites):
        stripped.append(segments.pop(0))
    return segments


def _rejoin(text: str, segments: list[str]) -> str:
    """The original text from the first kept segment to the last, separators as written."""
    start = text.find(segments[0])
    end = text.rfind(segments[-1]) + len(segments[-1])
    return text[start:end].strip() if start >= 0 and end > start else " ".join(segments).strip()


def _is_furniture(segment: str, sites: set[str]) -> bool:
    key = comparable(segment)
    if not key or _SLUG.match(segment.strip()):
        return True
    if key in _SECTIONS or key in sites or _CJK_FURNITURE.search(segment.strip()):
        return True
    words = key.split()
    if len(words) <= _SITE_SEGMENT_WORDS and any(w in sites for w in words if len(w) >= 4):
        return True  # "Stadt Stuttgart" on stuttgart.de: the site, by its address's name
    if _echoes_site(segment, sites):
        return True  # "CDU-Fraktion im Erfurter Stadtrat" on cdu-fraktion-erfurt.de
    if len(words) <= _SITE_SEGMENT_WORDS and _holds_site(key, sites):
        return True  # "CBS Los Angeles" on losangeles.cbslocal.com
    return _spells_site(segment, sites) or any(_is_domain_of(key, site) for site in sites)


def _holds_site(key: str, sites: set[str]) -> bool:
    """Does a short segment, its words run together, hold a site's name of six letters or
    more run together ("cbslosangeles" holds "losangeles")?"""
    compact = key.replace(" ", "")
    return any(len(name) >= _HELD_SITE_CHARS and name in compact for name in _compact(sites))


def _compact(sites: set[str]) -> set[str]:
    return {site.replace(" ", "") for site in sites}


def _echoes_site(segment: str, sites: set[str]) -> bool:
    """A title's segment spelling out the site's address in words: "Brandenburgische
    Landeszentrale für politische Bildung" on politische-bildung-brandenburg.de (two or more of
    the address's longer words open words of the segment)."""
    words = comparable(segment).split()
    for site in sites:
        parts = [part for part in site.split() if len(part) >= _SITE_WORD_CHARS]
        echoed = sum(any(word.startswith(part) for word in words) for part in parts)
        if len(parts) >= 2 and echoed >= 2:
            return True
    return False


def _is_domain_of(key: str, site: str) -> bool:
    """ "spacenews com" names the site "spacenews" (or "SpaceNews"): a domain written as a name."""
    parts = key.split()
    return len(parts) >= 2 and len(parts[-1]) <= 4 and "".join(parts[:-1]) == site.replace(" ", "")
