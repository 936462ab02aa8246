"""The hashtags a rendition carries, judged the way an editor would.

1. The author's tags come first, in article order (``Article.hashtags``: front matter, hashtag
   lines, inline ``#tags``); the author lists the most important first.
2. A keyword from the page's metadata (``Article.keywords`` with source ``meta``) becomes a tag
   only when the article uses it where readers look: the headline, the summary or the first
   paragraphs, at least twice in all (the headline counts twice), is short (three words,
   24 characters as a tag), and is a topic: one word, or several the article writes as a name
   ("Tony Abbott", not "media organisations"); the page's order is kept. CMS keyword lists
   ("percent", "deep", the headline again, noun phrases lifted from sentences) are otherwise
   noise.
3. Tags are written so screen readers can say them: several words or a hyphenated keyword in
   PascalCase (``sodium-ion`` → ``SodiumIon``, "energy storage" → ``EnergyStorage``), in the
   article's own casing when it writes the words; "Last, First" names as ``FirstLast``.
4. Normalised (NFC, no leading ``#``), de-duplicated case-insensitively (the first spelling wins),
   checked against the platform's hashtag rule, and capped per post: the platform's
   ``hashtag_cap`` (posts.platforms) unless the account sets ``hashtag_cap``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise

from posts import counting, platforms
from posts.article.item_names import MINOR_WORDS
from posts.model import Article, Keyword

PROMINENT_PARAGRAPHS = 2  # a metadata keyword must appear in the headline, summary or these
MAX_KEYWORD_WORDS = 3  # a longer metadata "keyword" is a phrase (often the headline), not a tag
MAX_TAG_CHARS = 24  # nor is a keyword longer than this once written as a tag
SHORT_WORD = 3  # "of", "de", "the": a name's linking words, in lower case even in a name
TITLE_RUN = 3  # the headline's words, in order, leading the keywords: a CMS cut the title up
PICKED_TITLE_WORDS = 4  # or this many keywords, all of them the headline's words in order
PICKED_WORDS = 3  # lower-case words among a German page's keywords that show a machine's list
LEMMA_RUN = 5  # leading keywords that are the headline's and deck's words in dictionary form
STEM_CHARS = 4  # letters a keyword and a word share to be one word ("agravar", "agravan") …
MIN_STEM = 3  # … or all of the shorter, three at least ("año")
MIN_USES = 2  # a metadata keyword mentioned once is incidental (a headline mention counts twice)
ALPHABETICAL_LEAST = 4  # keywords, at least, to tell a list sorted alphabetically …
ALPHABETICAL_SHARE = 0.8  # … by this share of neighbours in order
_SEPARATORS = re.compile(r"[\s\-‐‑–_/]+")
# a Japanese story's dateline, its bureau and reporter: "【ロンドン＝岡田浩幸】" says where the
# report was filed and by whom, not what it is about
_DATELINE = re.compile(r"【[^】]{1,40}】")
_TITLE_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_INITIAL_LAST = re.compile(r"\s[A-Z]\.?$")  # "Donald J": a name's initial ends it
_NAME_GOES_ON = re.compile(r"\.?\s+[A-Z]")
_NAME = re.compile(r"^(?P<last>[^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*)?),\s*(?P<first>[^,]+)$")


@dataclass(frozen=True)
class TagChoice:
    """Tags (without ``#``) a rendition may carry, and those dropped with the reason why."""

    usable: tuple[str, ...]
    dropped: tuple[str, ...]
    warnings: tuple[str, ...]


def cap_for(platform: str, cap: int | None) -> int:
    """The most hashtags one post may carry: the account's cap, else the platform default."""
    return platforms.get(platform).hashtag_cap if cap is None else cap


def choose(platform: str, article: Article, cap: int | None) -> TagChoice:
    """Judge, normalise, de-duplicate, validate and cap the article's tags for ``platform``."""
    most = cap_for(platform, cap)
    usable: list[str] = []
    dropped: list[str] = []
    warnings: list[str] = []
    seen: set[str] = set()
    authors = (tag for tag in article.hashtags if not _talked_about(article, tag))
    for raw in (*map(_words_of(article), authors), *judged_keywords(article)):
        tag = normalise(raw)
        if not tag or tag.casefold() in seen:
            continue
        seen.add(tag.casefold())
        if not counting.is_valid_hashtag(platform, tag):
            dropped.append(tag)
            warnings.append(f"#{tag} dropped: not a valid {platform} hashtag")
        elif len(usable) >= most:
            dropped.append(tag)
            warnings.append(f"#{tag} dropped: over the cap of {most} hashtags a post")
        else:
            usable.append(tag)
    return TagChoice(tuple(usable), tuple(dropped), tuple(warnings))


# An ad's label: a post that carries one says it is paid for (German law asks for "Werbung").
_DISCLOSURES = frozenset(
    """werbung anzeige reklame ad ads advert advertisement sponsored publicité publicidad
    sponsorisé patrocinado""".split()  # noqa: SIM905
)


def _talked_about(article: Article, tag: str) -> bool:
    """Is ``tag`` written inline only deep in the text, where the article talks about it: an
    ad's label ("Mode- und Lifestylemagazine bestehen nahezu ausschließlich aus
    Produktpräsentationen. #Werbung!"), or on a web page any tag written inside a sentence ("I
    make sure to let them know that is also #goals.", a quoted post's tags)? It labels the post
    only in a tag line, the front matter, written as a tag in the headline, the summary or the
    opening paragraphs, or (but for an ad's label) in a run of tags ending a paragraph ("…join
    us. #BatWeek #Canals"); a Markdown or text file's inline tags are its author's wherever
    they stand."""
    label = tag.casefold() in _DISCLOSURES
    if not label and article.kind != "html":
        return False
    sources = {k.source for k in article.keywords if k.text.casefold() == tag.casefold()}
    if sources != {"inline"}:
        return False  # a tag line's, the front matter's, or a feed's own tags
    written = rf"[#＃]{re.escape(tag)}(?!\w)"
    opening = (article.title, article.summary, *article.paragraphs[:PROMINENT_PARAGRAPHS])
    if re.search(written, " ".join(opening), re.IGNORECASE):
        return False
    ending = re.compile(rf"{written}(?:\s+[#＃]\w+)*\s*$", re.IGNORECASE)
    return label or not any(ending.search(p) for p in article.paragraphs)


def _words_of(article: Article) -> Callable[[str], str]:
    """An author's tag as the keyword it came from ("small business" for ``smallbusiness``), so
    its words can be capitalised; a tag without a spaced keyword stays as written."""
    spaced = {_squash(k.text): k.text for k in article.keywords if _SEPARATORS.search(k.text)}
    return lambda tag: spaced.get(_squash(tag), tag)


def _squash(text: str) -> str:
    return _SEPARATORS.sub("", text.casefold()).lstrip("#＃")


# Keywords a CMS adds for its sections, and adjectives it splits off a phrase ("free" from
# "free software"): a tag says what the story is about, and these say nothing.
_GENERIC = frozenset(
    """free open new news latest top best featured general local national international world
    business technology tech science money opinion lifestyle life culture entertainment video
    videos photos photo blog blogs home story stories article articles""".split()  # noqa: SIM905
)


def judged_keywords(article: Article) -> list[str]:
    """Metadata keywords the article uses where readers look and more than in passing (a
    headline mention counts twice), short enough to be a tag, in the page's own order (the
    CMS lists its main topics first; ranking by use would favour words like "report"),
    spelled as the article spells them; names the headline says first. A list in
    alphabetical order (WordPress sorts its tags) says nothing by its order: names of several
    words first ("Washington Monument"), each by use, then the others by use."""
    found = list(_judged(article))
    if _alphabetical(article):
        found.sort(key=lambda tag: (-_naming(tag[0]), -tag[1]))
    # a name the headline says comes first, whatever a machine's list put before it: "Oscar
    # Isaac", "Jessica Chastain" before Fox's "relationship, New York City, America, Star Wars"
    body = " ".join(article.paragraphs) if found else ""
    found.sort(key=lambda tag: not (_mentions(tag[0], article.title) and _a_name(tag[0], body)))
    return _without_parts([tag for tag, _ in found])


def _without_parts(tags: list[str]) -> list[str]:
    """``tags`` without one whose words a tag before it says: "#Trump" after "#DonaldTrump"
    (The Times lists "Donald Trump", "Trump" and "Donald J" for one man)."""
    kept: list[tuple[str, frozenset[str]]] = []
    for tag in tags:
        words = frozenset(_SEPARATORS.split(tag.casefold())) - {""}
        if not any(words <= earlier for _, earlier in kept):
            kept.append((tag, words))
    return [tag for tag, _ in kept]


def _naming(tag: str) -> bool:
    """Is ``tag`` a name of several words ("Washington Monument")? The most specific tag."""
    return _capitalised(tag) and bool(_SEPARATORS.search(tag.strip()))


def _alphabetical(article: Article) -> bool:
    """Do the page's keywords run in alphabetical order, most of them?"""
    keys = [k.text.strip().casefold() for k in article.keywords if k.source == "meta"]
    ordered = sum(a <= b for a, b in pairwise(keys))
    return len(keys) >= ALPHABETICAL_LEAST and ordered >= ALPHABETICAL_SHARE * (len(keys) - 1)


def _judged(article: Article) -> Iterator[tuple[str, int]]:
    """The usable keywords, spelled as the article spells them, with their uses."""
    prominent = _DATELINE.sub(
        "", " ".join((article.title, article.summary, *article.paragraphs[:PROMINENT_PARAGRAPHS]))
    )
    whole = _DATELINE.sub("", " ".join((article.summary, *article.paragraphs)))
    german = (article.lang or "").casefold().startswith("de")
    if german and _picked_from_text(article, whole):
        return
    cut = _title_cut(article)
    for keyword in _names_joined(article.keywords, f"{article.title} {whole}"):
        words = len(_SEPARATORS.split(keyword.text.strip()))
        if keyword.source != "meta" or not keyword.used or words > MAX_KEYWORD_WORDS:
            continue
        folded = keyword.text.strip().casefold()
        if folded in cut or folded in _GENERIC or _cut_name(keyword.text.strip(), whole):
            continue  # the headline cut up, a section's name or a plain adjective ("free")
        spelled = _as_used(_named(keyword), prominent)
        if spelled.isupper():  # a headline's capitals for emphasis: the body's own casing
            spelled = _as_used(spelled, f"{prominent} {whole}")
        if german and spelled and _lower_only(spelled, whole):
            continue  # German writes its nouns capitalised: "sehr", "wirkt" name no topic
        if spelled and len(normalise(spelled)) <= MAX_TAG_CHARS and _topic(spelled, whole):
            uses = 2 * len(_mentions(spelled, article.title)) + len(_mentions(spelled, whole))
            if uses >= MIN_USES:
                yield spelled, uses


def _cut_name(keyword: str, text: str) -> bool:
    """Is ``keyword`` a name cut after its initial ("Donald J", written only as "Donald J.
    Trump")? "#DonaldJ" names no one; "Plan B" goes on with no name after it."""
    if not _INITIAL_LAST.search(keyword):
        return False
    after = re.finditer(rf"(?<!\w){re.escape(keyword)}(?!\w)", text)
    return all(_NAME_GOES_ON.match(text, found.end()) for found in after)


def _names_joined(keywords: tuple[Keyword, ...], text: str) -> Iterator[Keyword]:
    """The keywords, two neighbours that are one name cut in two joined ("Izaskun", "Lesaka",
    the first written only as "Izaskun Lesaka"): "#Izaskun" alone names no one."""
    index = 0
    while index < len(keywords):
        keyword = keywords[index]
        after = keywords[index + 1] if index + 1 < len(keywords) else None
        if after and _one_name(keyword.text.strip(), after.text.strip(), text):
            name = f"{keyword.text.strip()} {after.text.strip()}"
            yield Keyword(name, keyword.source, keyword.used and after.used)
            index += 2
            continue
        yield keyword
        index += 1


def _one_name(first: str, last: str, text: str) -> bool:
    """Are two capitalised words one name: the first never written without the other after
    it (a surname may stand alone: "Lesaka said…")?"""
    if " " in first or " " in last or not _capitalised(f"{first} {last}"):
        return False
    together = len(_word_matches(f"{first} {last}", text))
    return together > 0 and len(_word_matches(first, text)) == together


def _word_matches(words: str, text: str) -> list[str]:
    return re.findall(rf"(?<!\w){re.escape(words)}(?!\w)", text)


def _title_cut(article: Article) -> frozenset[str]:
    """The metadata keywords that are the headline cut at its spaces ("Wie, entsteht, Erdöl"
    for "Wie entsteht Erdöl?"; "Sofia, Vergara, And, Joe, …" before "sofia vergara"): a CMS
    filled them in, no one chose a topic, and "#Wie" or "#Sofia" is no tag. They lead the list
    and run on through the headline's words in order, three of them at least (or all); from its
    first word, the cut may leave out its small words ("If, You, Looking" for "If You Are
    Looking…"). So are :data:`PICKED_TITLE_WORDS` or more keywords that are all the headline's
    words in order, any left out between them ("reddit, post, fake, ebola" for "A Reddit Post
    About A Fake Ebola-Like Illness…")."""
    declared = [k.text.strip().casefold() for k in article.keywords if k.source == "meta"]
    words = _TITLE_WORD.findall(article.title.casefold())
    if len(declared) >= PICKED_TITLE_WORDS and _in_order(declared, words):
        return frozenset(declared)  # "reddit, post, fake, ebola…" from "A Reddit Post About…"
    if _lemmas_of_the_hook(declared, f"{article.title} {article.summary}"):
        return frozenset(declared)
    runs = (_common_run(declared, words[start:], start == 0) for start in range(len(words)))
    run = max(runs, default=0)
    return frozenset(declared[:run]) if run >= max(2, min(TITLE_RUN, len(words))) else frozenset()


def _lemmas_of_the_hook(declared: list[str], hook: str) -> bool:
    """Are the first keywords the headline's and the deck's words in order, in their dictionary
    forms ("lista, espera, agravar, recorte, elevar, demora" for "Las listas de espera se
    agravan" and "Los recortes elevan la demora…")? A machine picked them; "#lista #espera" is
    no tag. Judged on the first :data:`LEMMA_RUN`, single words, each opening like one of
    the hook's words, in order."""
    first = declared[:LEMMA_RUN]
    if len(first) < LEMMA_RUN or any(" " in word for word in first):
        return False
    words = iter(_TITLE_WORD.findall(hook.casefold()))
    return all(any(_same_stem(key, word) for word in words) for key in first)


def _same_stem(keyword: str, word: str) -> bool:
    stem = min(len(keyword), len(word), STEM_CHARS)
    return stem >= MIN_STEM and keyword[:stem] == word[:stem]


def _in_order(declared: list[str], words: list[str]) -> bool:
    """Is every keyword one of the headline's words (or a hyphenated word's part), in order?"""
    parts = iter([part for word in words for part in (word, *word.split("-"))])
    return all(keyword in parts for keyword in declared)


def _common_run(declared: list[str], words: list[str], skipping: bool) -> int:
    """How many leading keywords are the headline's ``words`` in order (``skipping`` the small
    words a CMS leaves out)."""
    run = 0
    for word in words:
        if run < len(declared) and word == declared[run]:
            run += 1
        elif not (skipping and run and word in MINOR_WORDS):
            break
    return run


def _picked_from_text(article: Article, text: str) -> bool:
    """German metadata keywords of which :data:`PICKED_WORDS` or more are single words the text
    writes only in lower case ("sehr", "dort", "wirkt"): a shop's CMS picked them out of the
    text, no one chose a topic (German capitalises its nouns; a phrase such as "digitale
    Assistenten" was chosen)."""
    words = [k.text for k in article.keywords if k.source == "meta" and " " not in k.text.strip()]
    return sum(_lower_only(word, text) for word in words) >= PICKED_WORDS


def _lower_only(word: str, text: str) -> bool:
    found = _mentions(word, text)
    return bool(found) and all(m[:1].islower() for m in found)


def _topic(keyword: str, text: str) -> bool:
    """A topic, not a phrase lifted from a sentence: one word ("surveillance", "sodium-ion"),
    or several that ``text`` writes as a name somewhere ("Tony Abbott", "House of
    Representatives"). "media organisations" and "federal government team" are not tags."""
    if len(keyword.split()) < 2:
        return True
    return any(_capitalised(found) for found in _mentions(keyword, text))


def _a_name(words: str, body: str) -> bool:
    """Capitalised as a name is ("Oscar Isaac", "FBI"; not "hit"), and never written in lower
    case in the ``body`` (a headline's first word, "Grid", is "the grid" there)."""
    found = _mentions(words, body)
    return words[:1].isupper() and _capitalised(words) and all(m[:1].isupper() for m in found)


def _capitalised(words: str) -> bool:
    """Every word but short linking ones ("of", "de") starts with a capital."""
    return all(w[:1].isupper() for w in _SEPARATORS.split(words) if len(w) > SHORT_WORD)


def _named(keyword: Keyword) -> str:
    """ "Trump, Donald J" → "Donald Trump" (initials dropped); other keywords as they are."""
    match = _NAME.match(keyword.text.strip())
    if not match:
        return keyword.text.strip()
    first = [w for w in match["first"].split() if len(w.rstrip(".")) > 1]
    return " ".join([*first, match["last"]]) if first else ""


def _as_used(keyword: str, text: str) -> str:
    """``keyword`` in the casing ``text`` writes it, or "" when ``text`` never writes it; not
    in capitals for emphasis ("The FAILURE Of Public Schooling") when it is also written
    otherwise (an acronym is written in capitals throughout)."""
    found = _mentions(keyword, text)
    plain = [m for m in found if not m.isupper()]
    return (plain or found)[0] if found else ""


def _mentions(keyword: str, text: str) -> list[str]:
    """Every place ``text`` writes ``keyword`` (any case; spaces or hyphens between words)."""
    parts = [p for p in _SEPARATORS.split(keyword) if p]
    if not parts:
        return []
    pattern = r"(?<!\w)" + r"[\s\-‐‑–]*".join(map(re.escape, parts)) + r"(?!\w)"
    return re.findall(pattern, text, re.IGNORECASE)


_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")


def normalise(tag: str) -> str:
    """``"#open data"`` → ``"OpenData"``, ``"sodium-ion"`` → ``"SodiumIon"``, ``"Lupita
    Nyong'o"`` → ``"LupitaNyongo"``: NFC, leading ``#``/``＃`` and inner apostrophes removed,
    words joined in PascalCase (a word's own capitals are kept)."""
    text = unicodedata.normalize("NFC", tag).strip().lstrip("#＃")
    text = _APOSTROPHE.sub("", text)  # "Nyong'o": X and Mastodon end a tag at the apostrophe
    parts = [p for p in re.split(r"[\s\-‐‑–]+", text) if p]
    if len(parts) <= 1:
        return "".join(parts)
    return "".join(p if any(c.isupper() for c in p) else p[:1].upper() + p[1:] for p in parts)


def no_room(tags: Iterable[str], where: str) -> tuple[str, ...]:
    """Warnings for tags that were valid but did not fit ``where``."""
    return tuple(f"#{tag} dropped: no room in {where}" for tag in tags)
