"""Sentence splitting with pysbd, hardened where pysbd alone goes wrong or gets slow.

pysbd handles abbreviations ("Dr.", "e.g."), decimals, quotes and CJK 。！？, but it splits inside
URLs at '?', splits after a CJK closing bracket (「本当？」と聞いた。), and its cost grows with the
square of a paragraph's length (about 17 s for 1 MB of prose). So:

- URLs and e-mail addresses are masked with same-length filler before segmenting, and sentences
  are cut from the original text by offset, so nothing is ever rewritten;
- boundaries no segmenter could doubt are cut first: a word of two or more letters that is not
  one of pysbd's abbreviations for the language, then '.', '?' or '!', then a capitalised word;
  or CJK 。！？ not followed by a closing bracket. pysbd then decides every remaining boundary
  inside those short windows. A window needs no pysbd when no stop inside it is followed by a
  space and something other than a lowercase word or, after a title ("Dr."), a name: pysbd
  never splits there either. This keeps pysbd to about one sentence in ten of dense prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from itertools import pairwise

import pysbd
from pysbd.languages import LANGUAGE_CODES, Language

from posts.article.scripts import EMOJI

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_CLOSE_CHARS = 8  # the longest ending below ("でしょう!", " :-)" after a letter) fits this tail
# the full stops of scripts that have their own: Armenian "։", Arabic "؟", Urdu "۔", Devanagari
# "।", Ethiopic "።", Burmese "။"
_SCRIPT_STOPS = "։؟۔।॥።။"
# Japanese written without a final "。" (blogs often do) still ends a sentence on these forms
_UNSTOPPED_END = re.compile(
    r"(?:です|ます|でした|ました|ません|ください|でしょう|ですね|ますね|ですよ)[!！]?$"
    # a blogger's smiley or emoji closes a sentence as a stop would ("…für euch :-)", "…😍")
    rf"|\s[:;]-?[)DP]$|\w\s?{EMOJI}$"
    rf"|[{_SCRIPT_STOPS}][\"'”’»)\]]*$"  # a stop no caller's Latin and CJK ones list
)
# Each alternative starts at the start of a token (the lookbehinds), which keeps the scan linear.
_URLISH = re.compile(
    r"(?<!\S)(?:https?://|www\.)\S+"  # explicit URLs
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?<![\w.-])[\w-]+(?:\.[\w-]+)+/\S*",  # bare domains with a path: data.example.org/tide
    re.IGNORECASE,
)
_URL_HINTS = ("/", "@", "www.")
_URL_TRAILER = re.compile(r"[.,;:!?)\]}'\"”’»…]+$")  # sentence punctuation after a URL
# A "sentence" starting with a closing bracket or quote belongs to the previous one.
_PARENTHESIS = re.compile(r"\([^()]{1,80}\)")  # short enough to hold no sentence of its own
_CJK_OPEN = ("「", "『", "｢")
_CJK_CLOSE = ("」", "』", "｣")
_CONTINUATION = tuple("」』）】〉》”’。！？")
# Candidate certain boundaries: "." or "?!" + closing quotes + space before a letter (the word
# before the stop is checked in code), or CJK sentence punctuation not followed by a closing
# bracket or more punctuation.
_CERTAIN = re.compile(
    r"(?P<stop>[.?!]+)[\"'”’)\]]*\s+(?=[\"'“‘(\[]?(?P<next>[^\W\d_]))"
    r"|[。！？]+(?![」』）】〉》”’。！？.!?])"
    r"|[。！？]+[」』）】〉》”’]+\s+"  # a quotation closed, then a space: Japanese starts anew
    rf"|[{_SCRIPT_STOPS}]+[\"'”’»)\]]*\s+"
)
_ARABIC_COMMA = "،"  # pysbd's Arabic rules end a sentence on it
_OPENERS = "\"'“‘(["
# "…to load.This is", "…phenomenon.”There was": a stop (and a closing quote) with no space
# after it, between a lowercase word and a capitalised one (domains, "Node.js" and "U.S." never
# look like that). The letters before the stop are checked in code: a pattern opening on a
# lookbehind is tried at every position of the paragraph.
_GLUED = re.compile(r"[.!?][”’]?(?=[A-Z][a-z])")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
# a space between Thai words, not before an initial ("นาย ต. ภูชนะ")
_THAI_SPACE = re.compile(r"(?<=[\u0e00-\u0e7f]) (?=[\u0e00-\u0e7f])(?![\u0e00-\u0e7f]\.)")
THAI_UNIT = 60  # characters of Thai, at least, between two cuts at a space
# No cut after a name's title and given name ("…ของนายสุรชัย แซ่ด่าน": the surname follows), nor
# after a word that needs what follows ("ว่า" that, "หรือ" or, "และ" and, "ของ" of), nor before
# one that leans on what came before ("ที่", "ซึ่ง": who, which)
_THAI_NO_CUT = re.compile(
    r"(?:(?:นาย|นางสาว|นาง|ดร\.|คุณ)[\u0e00-\u0e7f]+|ว่า|หรือ|และ|ของ|กับ|จาก|โดย|ใน)$"
)
_THAI_LEANS = ("ที่", "ซึ่ง", "และ", "หรือ")
_ASKED = ("?”", "!”", '?"', '!"', "?’", "!’")
# an abbreviation a number follows in a reference ("§ 13 Abs. 6", "Nr. 5", "Vol. 3", "S. 12")
_NUMBERED_BY = re.compile(
    r"(?:^|[\s(])(?:Abs|Nr|Art|Bd|Kap|Ziff|Rn|Abb|Tab|Anm|Aufl|Jg|Fig|Vol|No|Sec|Ch|pp?|S)\.$"
)
_ATTRIBUTION = re.compile(
    r"(?:(?:[A-Z][\w'’.-]+\s+){1,3}|(?:he|she|they|it)\s+)"
    r"(?:said|says|asked|asks|added|adds|told|tells|wrote|writes)\b"
)
_UNCASED_INITIAL = re.compile(r"(?:^|\s)(?P<letter>[^\W\d_])\.$")  # "…นาย ต."
_CLOCK_TIME = re.compile(r"\b\d{1,2}(?::\d\d)?\s?[ap]\.m\.$", re.IGNORECASE)
_CLOCK_END = ("m.", "M.")  # what a clock time ends on: looked at before the pattern is tried
_TIME_ZONE = re.compile(  # after "10 a.m.": PDT, UTC, CEST, ET
    r"(?:[ECMPA][SD]?T|UTC|GMT|BST|CES?T|EES?T|WES?T|IST|JST|KST|HKT|SGT|AE[SD]T|NZ[SD]T)\b"
)
_LEADING_ELLIPSIS = re.compile(r"^(?P<dots>(?:\. ?){2}\.|…)\s+(?=[\"“‘'(]?[A-Z0-9])")
_CLOSER = re.compile(r"^([)\]}]+)(?:\s+|$)")  # a bracket left opening a sentence closes the last
_DOTTED_NAME = re.compile(r"(?:^|\s)(?P<token>[A-Z]{2,3})\.$")
# Words that open sentences; after "ID." they mean the sentence really ended.
_STARTERS = frozenset(
    [
        "The",
        "A",
        "An",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "You",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "But",
        "And",
        "So",
        "Then",
        "In",
        "On",
        "At",
        "For",
        "If",
        "When",
        "While",
        "As",
        "After",
        "Before",
        "His",
        "Her",
        "Its",
        "Their",
        "Our",
    ]
)
# A stop inside a window that might end a sentence: CJK, or followed by a space and then not a
# lowercase word. Decimal points and inner dots ("3.5", "e.g.") have no space after them.
_INNER_CANDIDATE = re.compile(r"(?P<stop>[.?!…]+)[\"'”’)\]]*\s+(?P<next>\S)|[。！？]")
_TRAILING_STOPS = (
    " \t\n.!?…。！？\"'”’)]」』）】〉》"  # stripped, not matched: "[...]+$" is quadratic
)


QUOTE_SENTENCES = 4  # most sentences of one quotation joined into one key point …
_NAME_WORDS = 2  # … not counting a piece this short ("Runway.", a title's words)
_QUOTE_MARKS = re.compile('[“"„«»「]')
_GUILLEMET = re.compile("[«»]")  # the first one opens: «French», »German«


def ends_unpunctuated(text: str) -> bool:
    """Does ``text`` end a sentence without a Latin or CJK stop, as Japanese does on
    "…サンプルです", a blogger with a smiley ("…für euch :-)"), or Armenian with its "։"?"""
    return bool(_UNSTOPPED_END.search(text.rstrip()[-_CLOSE_CHARS:]))  # its tail: 15× faster


def split_sentences(text: str, lang: str | None = None) -> list[str]:
    """Split ``text`` into sentences; blank lines always end a sentence.

    ``lang`` is an article language such as "en-GB" or "ja"; languages pysbd does not know fall
    back to its English rules, which also handle CJK sentence punctuation.
    """
    code = _pysbd_language(lang)
    sentences: list[str] = []
    for paragraph in _PARAGRAPH_BREAK.split(text):
        paragraph = " ".join(paragraph.split())
        if paragraph:
            sentences.extend(
                unit for sentence in _split_paragraph(paragraph, code) for unit in _thai(sentence)
            )
    return sentences


def _thai(sentence: str) -> list[str]:
    """Thai ends a sentence with a space, not a stop: a long run of Thai is cut at the spaces
    between Thai words, into units of at least :data:`THAI_UNIT` characters."""
    if len(sentence) <= 2 * THAI_UNIT or not _THAI.search(sentence):
        return [sentence]
    units: list[str] = []
    start = 0
    for space in _THAI_SPACE.finditer(sentence):
        long = space.start() - start >= THAI_UNIT and len(sentence) - space.end() >= THAI_UNIT
        if long and _thai_cut(sentence, start, space.start(), space.end()):
            units.append(sentence[start : space.start()])
            start = space.end()
    return [*units, sentence[start:]]


def _thai_cut(sentence: str, start: int, space: int, after: int) -> bool:
    """May a unit that began at ``start`` end at this ``space`` (see :data:`_THAI_NO_CUT`)?"""
    return not _THAI_NO_CUT.search(sentence, start, space) and not sentence.startswith(
        _THAI_LEANS, after
    )


def _pysbd_language(lang: str | None) -> str:
    code = (lang or "en").replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGE_CODES else "en"


@cache
def _segmenter(code: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=code, clean=False)


@cache
def _abbreviations(code: str) -> frozenset[str]:
    rules = Language.get_language_code(code).Abbreviation
    return frozenset(abbr.strip().lower() for abbr in rules.ABBREVIATIONS)


@cache
def _titles(code: str) -> frozenset[str]:
    """Abbreviations pysbd never ends a sentence on when a word follows ("Dr. Okafor")."""
    rules = Language.get_language_code(code).Abbreviation
    return frozenset(abbr.strip().lower() for abbr in rules.PREPOSITIVE_ABBREVIATIONS)


def _split_paragraph(paragraph: str, code: str) -> list[str]:
    masked = _URLISH.sub(_mask, paragraph) if any(h in paragraph for h in _URL_HINTS) else paragraph
    glued = _glued(masked)
    cuts = sorted({0, *_certain_cuts(masked, code), *glued, len(paragraph)})
    bounds = [0]
    for start, end in pairwise(cuts):
        window = masked[start:end]
        if _may_split(window.rstrip(_TRAILING_STOPS), code):
            cuts_in = (cut for cut in _pysbd_cuts(window, code) if not _after_initial(window, cut))
            bounds.extend(start + cut for cut in cuts_in if cut)
        bounds.append(end)
    bounds = _outside_parentheses(paragraph, _outside_brackets(paragraph, sorted(set(bounds))))
    sentences = (paragraph[a:b].strip() for a, b in pairwise(bounds))
    return _join_dotted_names([sentence for sentence in sentences if sentence])


def _glued(masked: str) -> Iterator[int]:
    """Where a stop with no space after it ends a sentence (:data:`_GLUED`): after two
    lowercase letters, or one when a closing quote follows the stop."""
    for match in _GLUED.finditer(masked):
        start, end = match.span()
        letters = 1 if end - start == 2 else 2
        if start >= letters and all("a" <= c <= "z" for c in masked[start - letters : start]):
            yield end


def _outside_brackets(paragraph: str, bounds: list[int]) -> list[int]:
    """``bounds`` without those inside CJK quotation brackets, when they pair up: 「俺は！
    推しが出るまで！」 is one quotation in its sentence, not three sentences."""
    opens = sum(paragraph.count(mark) for mark in _CJK_OPEN)
    if not opens or opens != sum(paragraph.count(mark) for mark in _CJK_CLOSE):
        return bounds  # none, or one left open: the brackets say nothing of where sentences end
    depth, kept, at = 0, [bounds[0]], bounds[0]
    for bound in bounds[1:]:
        segment = paragraph[at:bound]
        depth = max(0, depth + sum(segment.count(m) for m in _CJK_OPEN))
        depth = max(0, depth - sum(segment.count(m) for m in _CJK_CLOSE))
        if depth == 0 or bound == len(paragraph):
            kept.append(bound)
        at = bound
    return kept


def _outside_parentheses(paragraph: str, bounds: list[int]) -> list[int]:
    """``bounds`` without those inside a short parenthesis ("(at WNET, 825 Eighth Avenue, 14th
    Fl. Kellen Board Room)"): an abbreviation's point there ends no sentence."""
    spans = [m.span() for m in _PARENTHESIS.finditer(paragraph)]
    return [b for b in bounds if not any(start < b < end - 1 for start, end in spans)]


def _after_initial(window: str, cut: int) -> bool:
    """Does ``cut`` follow an initial in a script without capitals ("นาย ต. ภูชนะ")? That dot
    is an abbreviation's, not a sentence's end."""
    initial = _UNCASED_INITIAL.search(window[:cut].rstrip())
    return initial is not None and initial["letter"].upper() == initial["letter"].lower()


def _join_dotted_names(sentences: list[str]) -> list[str]:
    """Undo cuts inside names written with a dot: "the ID. Buzz", "ID. SPACE VIZZION"; after a
    clock time's "a.m." before its time zone; and between a quotation ending "?”" or "!”" and
    its attribution ("…what do I know?” Trump said, …"). An ellipsis opening a sentence
    (". . . Six or seven seconds passed") trails off the one before instead, and so does a
    closing bracket ("{“Fluffier! Puffier! MORE! }").

    A short all-capitals token with a dot, followed by a word in capitals (or, for Volkswagen's
    "ID.", any capitalised word), is a product name, not the end of a sentence. The paragraph was
    squashed to single spaces, so joining with one space restores the text exactly.
    """
    joined: list[str] = []
    for sentence in sentences:
        ellipsis = _LEADING_ELLIPSIS.match(sentence) if joined else None
        if ellipsis:  # "…most of us will go. . . . Six or seven seconds": the dots trail off
            joined[-1] = f"{joined[-1]} {ellipsis['dots']}"
            sentence = sentence[ellipsis.end() :]
        closer = _CLOSER.match(sentence) if joined else None
        if closer:  # "MORE! } If you…": the bracket closes the sentence before
            joined[-1] = f"{joined[-1]} {closer[1]}"
            sentence = sentence[closer.end() :]
        if joined and _continues(joined[-1], sentence):
            joined[-1] = f"{joined[-1]} {sentence}"
        elif sentence:
            joined.append(sentence)
    return joined


def _continues(previous: str, sentence: str) -> bool:
    if sentence.startswith(("— ", "– ")):
        return True  # "…Beverly Hills, Calif. — where the embryos…": no sentence opens on a dash
    if sentence[:1].isdigit() and _NUMBERED_BY.search(previous):
        return True  # "gegen § 13 Abs." + "6 TMG verstößt.": a reference's number, one sentence
    if (
        previous.endswith(_CLOCK_END)
        and _CLOCK_TIME.search(previous)
        and _TIME_ZONE.match(sentence)
    ):
        return True  # "at 10 a.m." + "PDT (5 p.m. UTC) on August 28": one time, one sentence
    if previous.endswith(_ASKED) and _ATTRIBUTION.match(sentence):
        return True  # "…what do I know?” Trump said, …": the quote's attribution, one sentence
    match = _DOTTED_NAME.search(previous) if previous[-2:-1].isupper() else None
    if match is None:
        return False
    following = sentence.split(" ", 1)[0].strip(_OPENERS + ",;:")
    if len(following) >= 3 and following.isupper() and following.isalpha():
        return True
    return match["token"] == "ID" and following[:1].isupper() and following not in _STARTERS


def _certain_cuts(masked: str, code: str) -> list[int]:
    abbreviations = _abbreviations(code)
    cuts: list[int] = []
    for match in _CERTAIN.finditer(masked):
        stop = match["stop"]
        if stop is not None:
            if "." in stop and stop != ".":
                continue  # an ellipsis may trail off inside a sentence
            # the whole token before the stop: letters or hyphenated letters ("mid-level"), not
            # "e.g", "12.4", "don't" or an initial
            word = _token_before(masked, match.start())
            if not (match["next"].isupper() and len(word) >= 2 and _letters(word)):
                continue
            if stop == "." and word.lower() in abbreviations:
                continue
        cuts.append(match.end())
    return cuts


def _may_split(inner: str, code: str) -> bool:
    """Could ``inner`` (a window without its final stop) hold a sentence boundary?"""
    titles = _titles(code)
    for match in _INNER_CANDIDATE.finditer(inner):
        stop = match["stop"]
        if stop is None:
            return True  # CJK sentence punctuation
        if match["next"].islower():
            continue
        if stop == "." and _token_before(inner, match.start()).lower() in titles:
            continue
        return True
    return False


def _letters(word: str) -> bool:
    return all(part.isalpha() for part in word.split("-"))


def _token_before(text: str, end: int) -> str:
    return text[text.rfind(" ", 0, end) + 1 : end].lstrip(_OPENERS)


@lru_cache(maxsize=4096)
def _pysbd_cuts(window: str, code: str) -> tuple[int, ...]:
    """Offsets in ``window`` where pysbd starts a sentence (always including 0)."""
    cuts = [0]
    position = 0
    for piece in _segmenter(code).segment(window):
        piece = piece.strip()
        start = window.find(piece, position) if piece else -1
        if start < 0:
            continue  # pysbd rewrote something; the text is still cut only where it is found
        if start > cuts[-1] and not window.startswith(_CONTINUATION, start):
            if window[:start].rstrip().endswith(_ARABIC_COMMA):
                continue  # "نعم، هي جاهزة": a comma, whatever pysbd says
            cuts.append(start)
        position = start + len(piece)
    return tuple(cuts)


def _mask(match: re.Match[str]) -> str:
    """Same-length filler for a URL, keeping the sentence punctuation that follows it."""
    url = match.group()
    trailer = _URL_TRAILER.search(url)
    core = url[: trailer.start()] if trailer else url
    return "x" * len(core) + url[len(core) :]


def whole_quotations(sentences: Iterable[str]) -> list[str]:
    """A paragraph's sentences, those of one quotation joined with the one that closes it and
    says whose it is ("“Clearly the CEO… relations." + "But being friendly doesn't make you
    friends,” Gates said."): one quote, one key point. At most :data:`QUOTE_SENTENCES` are
    joined; a quotation left open past them is left as it is."""
    return [sentence for sentence, _inside in quotations(sentences)]


def quotations(sentences: Iterable[str]) -> list[tuple[str, bool]]:
    """:func:`whole_quotations`, each saying whether it lies inside a quotation too long to
    join (after the sentence that opens it): "They lied about Russia." from "“We're moral
    people. … They lied about Russia. They lied about collusion.”" is someone's words with no
    quotation marks left to say so."""
    joined: list[tuple[str, bool]] = []
    run: list[str] = []
    spilled = False  # a quotation too long to join is still open
    for sentence in (s.strip() for s in sentences):
        if spilled:
            joined.append((sentence, True))
            spilled = not _open_quote(sentence)  # its closing mark (or a new opening) ends it
            continue
        if not run and not _QUOTE_MARKS.search(sentence):
            joined.append((sentence, False))  # no quotation at all: the common case
            continue
        run.append(sentence)
        text = " ".join(run)
        if not _open_quote(text):
            joined.append((text, False))
            run = []
        elif sum(len(r.split()) > _NAME_WORDS for r in run) >= QUOTE_SENTENCES:
            joined.extend((r, i > 0) for i, r in enumerate(run))
            run, spilled = [], True
    return [*joined, *((r, i > 0) for i, r in enumerate(run))]


def _open_quote(text: str) -> bool:
    """An odd number of double quotation marks, curly or straight: pages mix them ("…” closing
    a quotation opened with '"'); a German „…“ opened and not closed; guillemets or corner
    brackets opened and not closed (»Leandra-Lou. Runway. Catwalk.« is one title)."""
    if "„" in text:
        return text.count("„") > text.count("“") + text.count("”")
    if (text.count("“") + text.count("”") + text.count('"')) % 2 == 1:
        return True
    first = _GUILLEMET.search(text)
    opener = first[0] if first else "«"
    closer = "«" if opener == "»" else "»"
    return text.count(opener) > text.count(closer) or text.count("「") > text.count("」")
