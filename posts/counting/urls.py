"""URL extraction as twitter-text 3.1.0 does it (X), and as Mastodon's patched copy does it.

X counts every URL it recognises as 23, including bare domains with a known TLD
(``example.com``, ``main.py``), so the exact recognition rules decide a post's length. This is a
port of ``extractUrlsWithIndices`` and the regexes it is built from (twitter-text ``js/src``,
Apache-2.0); Mastodon uses the same Ruby gem with a wider path/query character set, other
protocols, and no bare domains (``config/initializers/twitter_regex.rb``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import NamedTuple

from posts.counting.domains import (
    INVALID_CHARS,
    LATIN_ACCENTS,
    SPACES,
    ascii_domains,
    domain_end,
)

MAX_URL_LENGTH = 4096
MAX_TCO_SLUG_LENGTH = 40
MAX_DOMAIN_LABEL_LENGTH = 63


class UrlMatch(NamedTuple):
    """A recognised URL: ``text[start:end]`` is linked; the reference counter skips ``skip`` chars.

    ``skip`` differs from ``end - start`` only when a bare domain's ASCII part is not a suffix of
    what looked like the domain; twitter-text then skips ``len(url)`` chars, and so do we.
    """

    start: int
    end: int
    skip: int


# --- character classes (twitter-text js/src/regexp/*.js) -------------------------------------
_CYRILLIC = "\u0400-\u04ff"
_PRECEDING = f"[^A-Za-z0-9@\uff20$#\uff03{INVALID_CHARS}]"
_PATH_CHAR = f"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\\[\\]\\-\u2013_~@|&{LATIN_ACCENTS}]"
_BALANCED_PARENS = f"\\((?:{_PATH_CHAR}+|(?:{_PATH_CHAR}*\\({_PATH_CHAR}+\\){_PATH_CHAR}*))\\)"
_PATH_END = f"(?:[+\\-a-z{_CYRILLIC}0-9=_#/{LATIN_ACCENTS}]|(?:{_BALANCED_PARENS}))"
_PATH = f"(?:(?:{_PATH_CHAR}*(?:{_BALANCED_PARENS}{_PATH_CHAR}*)*{_PATH_END})|(?:@{_PATH_CHAR}+/))"
_QUERY_CHAR = r"[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
_QUERY_END = r"[a-z0-9\-_&=#/]"
_TCO = f"^https?://t\\.co/([a-z0-9]+)(?:\\?{_QUERY_CHAR}*{_QUERY_END})?"

# --- Mastodon's overrides (config/initializers/twitter_regex.rb) -------------------------------
# Ruby interpolates at definition time, so its path-ending class still embeds the gem's own
# balanced-parentheses pattern while the path itself uses the widened one.
_M_PATH_CHAR = f"[^{SPACES}<>()?]"
_M_BALANCED_PARENS = (
    f"\\((?:{_M_PATH_CHAR}+|(?:{_M_PATH_CHAR}*\\({_M_PATH_CHAR}+\\){_M_PATH_CHAR}*))\\)"
)
_M_PATH_END = f"(?:[^{SPACES}()?!*\"'「」<>;:=,.$%\\[\\]~&|@]|(?:{_BALANCED_PARENS}))"
_M_PATH = (
    f"(?:(?:{_M_PATH_CHAR}*(?:{_M_BALANCED_PARENS}{_M_PATH_CHAR}*)*{_M_PATH_END})"
    f"|(?:{_M_PATH_CHAR}+/))"
)
_UCHARS = (
    "\xa0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0002fffd"
    "\U00030000-\U0003fffd\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd"
    "\U00070000-\U0007fffd\U00080000-\U0008fffd\U00090000-\U0009fffd\U000a0000-\U000afffd"
    "\U000b0000-\U000bfffd\U000c0000-\U000cfffd\U000d0000-\U000dfffd\U000e1000-\U000efffd"
    "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
)
# Case-folding these wide classes would cost ``re`` a walk over a million code points at
# compile time; they hold both cases already once A-Z is added.
_M_QUERY_CHAR = f"(?-i:[a-zA-Z0-9!?*'();:&=+$/%#\\[\\]\\-_.,~|@\\^{_UCHARS}])"
_M_QUERY_END = f"(?-i:[a-zA-Z0-9_&=#/\\-{_UCHARS}])"


class _Syntax(NamedTuple):
    """What follows the char before a URL: protocols, then (after the domain) port, path, query."""

    preceding: re.Pattern[str]  # a char that may stand right before a URL
    protocol: re.Pattern[str]
    rest: re.Pattern[str]  # group 1: the path
    tco: re.Pattern[str]


def _syntax(
    protocol: str, path: str, query_char: str, query_end: str, unicode_case: bool
) -> _Syntax:
    """``unicode_case``: Ruby's /i folds ſ, K, İ onto ASCII letters; JavaScript's /i does not."""
    return _Syntax(
        re.compile(_PRECEDING, re.IGNORECASE if unicode_case else 0),
        re.compile(protocol, re.IGNORECASE),
        re.compile(f"(?::[0-9]+)?(/{path}*)?(?:\\?{query_char}*{query_end})?", re.IGNORECASE),
        re.compile(_TCO, re.IGNORECASE),
    )


# Compiled on first use: a Bluesky-only run never pays for them.
@cache
def _x() -> _Syntax:
    return _syntax("https?://", _PATH, _QUERY_CHAR, _QUERY_END, unicode_case=False)


@cache
def _mastodon() -> _Syntax:
    return _syntax(
        "(?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini)://",
        _M_PATH,
        _M_QUERY_CHAR,
        _M_QUERY_END,
        unicode_case=True,
    )


class _Found(NamedTuple):
    """One match of twitter-text's ``extractUrl`` regex (groups 2-5 and 7)."""

    before: str
    start: int
    protocol: str
    domain_start: int
    domain_end: int
    end: int
    path: str


def _url_at(syntax: _Syntax, text: str, start: int) -> tuple[str, int, int, int, str] | None:
    """``(protocol, domain start, domain end, end, path)`` of a URL at ``start``, if any.

    Without its protocol the regex would retry with the domain at "http", which cannot match.
    """
    protocol = syntax.protocol.match(text, start)
    domain_start = protocol.end() if protocol else start
    end = domain_end(text, domain_start)
    if end is None:
        return None
    rest = syntax.rest.match(text, end)
    assert rest is not None  # every part of it is optional
    return protocol.group() if protocol else "", domain_start, end, rest.end(), rest.group(1) or ""


def _find(syntax: _Syntax, text: str, start: int, end: int) -> list[_Found]:
    """``extractUrl.exec`` repeated over one run: the char before a URL is any char that is not
    a letter, digit, @, $, # or invalid char, or the start of the text."""
    found = []
    pos = max(start - 1, 0)
    while pos < end:
        url = None
        if syntax.preceding.match(text, pos):
            url = _url_at(syntax, text, pos + 1)
            before = text[pos]
        if url is None and pos == 0:
            url = _url_at(syntax, text, 0)
            before = ""
        if url is None:
            nxt = syntax.preceding.search(text, pos + 1, end)
            pos = nxt.start() if nxt else end
            continue
        protocol, domain_start, domain_stop, url_end, path = url
        url_start = domain_start - len(protocol)
        found.append(_Found(before, url_start, protocol, domain_start, domain_stop, url_end, path))
        pos = url_end
    return found


class _Runs:
    """Finds the whitespace-delimited runs that hold a dot followed by something.

    Only such a run can hold a URL (a URL contains a dot before its TLD and no space), so
    scanning just those keeps plain prose cheap: sentence-ending dots are followed by a space.
    """

    def __init__(self, spaces: str) -> None:
        self._dot = re.compile(f"\\.[^{spaces}]")
        self._run = re.compile(f"[^{spaces}]*")

    def _run_end(self, text: str, i: int) -> int:
        run = self._run.match(text, i)  # always matches, maybe empty
        return run.end() if run else i

    def __call__(self, text: str) -> Iterator[tuple[int, int]]:
        dot = self._dot.search(text)
        if dot is None:
            return
        backwards = text[::-1]
        size = len(text)
        while dot is not None:
            i = dot.start()
            start = size - self._run_end(backwards, size - i)
            end = self._run_end(text, i)
            yield start, end
            dot = self._dot.search(text, end)


# X's URLs never hold one of twitter-text's spaces; Mastodon's query accepts U+00A0 and up, so
# only ASCII whitespace and NEL end a run there.
_X_RUNS = _Runs(SPACES)
_MASTODON_RUNS = _Runs("\t-\r \x85")
_LABEL_SEPARATORS = re.compile("[\u3002\uff0e\uff61]")


def _ascii_label_length(label: str) -> int:
    """Length of ``punycode.toASCII(label)`` as the reference's bundled punycode.js computes it."""
    if label.isascii():
        return len(label)
    # punycode.js decodes surrogate pairs into code points before encoding.
    label = label.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    parts = _LABEL_SEPARATORS.split(label)
    encoded = sum(len(p) if p.isascii() else 4 + len(p.encode("punycode")) for p in parts)
    return encoded + len(parts) - 1


def _valid_domain(url: str, protocol: str, domain: str) -> bool:
    """twitter-text ``isValidUrl`` + ``idna.toAscii``: label lengths 1..63, total ≤ 4096."""
    if domain.startswith("xn--") and not ascii_domains(domain):
        return False
    for label in domain.split("."):
        if not 1 <= _ascii_label_length(label) <= MAX_DOMAIN_LABEL_LENGTH:
            return False
    return len(protocol) + len(url) <= MAX_URL_LENGTH


def _matches(
    syntax: _Syntax, text: str, start: int, end: int, bare: bool, source: str = ""
) -> list[UrlMatch]:
    """twitter-text ``extractUrlsWithIndices`` on ``text[start:end]`` (one run).

    ``source`` is the text before case stand-ins were swapped in (see ``_JS_CASE``): URL and
    domain lengths are checked on it, as punycode lengths depend on the exact code points.
    """
    out: list[UrlMatch] = []
    for m in _find(syntax, text, start, end):
        url = text[m.start : m.end]
        domain = text[m.domain_start : m.domain_end]
        checked = source or text
        if not _valid_domain(
            checked[m.start : m.end],
            m.protocol or "https://",
            checked[m.domain_start : m.domain_end],
        ):
            continue
        if m.protocol:
            url_end = m.end
            tco = syntax.tco.match(url)
            if tco:
                if len(tco.group(1)) > MAX_TCO_SLUG_LENGTH:
                    continue
                url_end = m.start + tco.end()
            out.append(UrlMatch(m.start, url_end, url_end - m.start))
            continue
        if not bare or m.before in ("-", "_", ".", "/"):
            continue
        found: list[UrlMatch] = []
        ascii_end = 0
        for span_start, span_end in ascii_domains(domain):
            piece = domain[span_start:span_end]
            ascii_start = domain.find(piece, ascii_end)  # as twitter-text does, by indexOf
            ascii_end = ascii_start + len(piece)
            found.append(UrlMatch(m.start + ascii_start, m.start + ascii_end, len(piece)))
        if found and m.path:
            last = found[-1]
            # twitter-text rewrites the URL as ascii-domain + rest and skips its length.
            found[-1] = UrlMatch(last.start, m.end, last.skip + len(url) - len(domain))
        out.extend(found)
    return out


# Python's IGNORECASE lets these match letters in twitter-text's classes (İ ı ſ K fold to ASCII,
# Å to å); JavaScript's non-Unicode "i" flag does not. Swapped for stand-ins in the same
# classes, offsets stay put.
_PYTHON_ONLY_FOLDS = re.compile("[\u0130\u0131\u017f\u212a\u212b]")
_JS_CASE = str.maketrans("\u0130\u0131\u017f\u212a\u212b", "\u0100\u0100\u0100\u2118\u2118")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _as_utf16_units(text: str) -> tuple[str, list[int]]:
    """``text`` with each astral char split into its surrogate pair, and where the pairs start."""
    pieces: list[str] = []
    starts: list[int] = []
    prev = 0
    for m in _ASTRAL.finditer(text):
        pieces.append(text[prev : m.start()])
        units = ord(m.group()) - 0x10000
        pieces.append(chr(0xD800 + (units >> 10)) + chr(0xDC00 + (units & 0x3FF)))
        starts.append(m.start() + len(starts))
        prev = m.end()
    pieces.append(text[prev:])
    return "".join(pieces), starts


def _matches_in_utf16(text: str, start: int, end: int, source: str) -> list[UrlMatch]:
    """X's matches in a run holding astral chars, found on UTF-16 code units as the reference.

    There the high surrogate of an emoji can be the char before a domain and the low one the
    domain's first char (``🐁-bsky.app`` links ``-bsky.app``).
    """
    base = max(start - 1, 0)
    units, pairs = _as_utf16_units(text[base:end])
    source_units = _as_utf16_units(source[base:end])[0] if source else ""
    found = _matches(_x(), units, start - base, len(units), True, source_units)

    def index(unit: int) -> int:
        return base + unit - bisect_left(pairs, unit)

    return [
        UrlMatch(index(u.start), index(u.end), index(u.start + u.skip) - index(u.start))
        for u in found
    ]


@lru_cache(maxsize=4096)
def _x_run_urls(run: str, at_text_start: bool) -> tuple[UrlMatch, ...]:
    """X's URLs in one whitespace-delimited run, offsets relative to the run.

    What twitter-text finds in a run depends only on the run and on whether the text starts
    there (any whitespace before it acts alike), so runs that recur, as the same link does in
    every candidate post of an article, are looked at once.
    """
    text = run if at_text_start else " " + run
    shift = 0 if at_text_start else 1
    source = ""
    if not text.isascii() and _PYTHON_ONLY_FOLDS.search(text):
        source, text = text, text.translate(_JS_CASE)
    if text.isascii() or not _ASTRAL.search(text):
        found = _matches(_x(), text, shift, len(text), True, source)
    else:
        found = _matches_in_utf16(text, shift, len(text), source)
    return tuple(UrlMatch(u.start - shift, u.end - shift, u.skip) for u in found)


def x_urls(text: str) -> list[UrlMatch]:
    """URLs X links and counts as 23: http(s) URLs and bare domains with a known TLD."""
    out: list[UrlMatch] = []
    if "." not in text:
        return out
    for start, end in _X_RUNS(text):
        out += [
            UrlMatch(start + u.start, start + u.end, u.skip)
            for u in _x_run_urls(text[start:end], start == 0)
        ]
    return out


def mastodon_urls(text: str) -> list[UrlMatch]:
    """URLs Mastodon links and counts as 23: a scheme is required; bare domains stay text."""
    out: list[UrlMatch] = []
    if ":" in text and "." in text:
        for start, end in _MASTODON_RUNS(text):
            out += _matches(_mastodon(), text, start, end, False)
    return out


def clear_caches() -> None:
    """Forget per-run results (for benchmarks that time a cold start)."""
    _x_run_urls.cache_clear()
