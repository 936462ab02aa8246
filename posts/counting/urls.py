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
from typing import NamedTuple

from posts.counting.tlds import TWITTER_CCTLDS, TWITTER_GTLDS

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
_INVALID_CHARS = "\ufffe\ufeff\uffff"
_DIRECTIONAL = "\u202a-\u202e\u061c\u200e\u200f\u2066\u2067\u2068\u2069"
SPACES = "\t-\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_PUNCT = r"!'#%&()*+,\\\-./:;<=>?@\[\]\^_{|}~$"
_LATIN_ACCENTS = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    "\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_CYRILLIC = "\u0400-\u04ff"

_PRECEDING = f"(?:[^A-Za-z0-9@\uff20$#\uff03{_INVALID_CHARS}]|[{_DIRECTIONAL}]|^)"
_DOMAIN_CHAR = f"[^{_PUNCT}{SPACES}{_INVALID_CHARS}{_DIRECTIONAL}]"
_SUBDOMAIN = f"(?:(?:{_DOMAIN_CHAR}(?:[_-]|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\\.)"
_DOMAIN_NAME = f"(?:(?:{_DOMAIN_CHAR}(?:-|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\\.)"
_TLD_END = r"(?=[^0-9a-zA-Z@+-]|\Z)"
_Trie = dict[str, "_Trie"]


def _alternation(words: tuple[str, ...]) -> str:
    """A trie-shaped regex for ``words`` that tries them in the same order as ``a|b|c`` would.

    Python's ``re`` tries a flat alternation one branch after another, which for 1,500 TLDs
    dominated the cost of counting. twitter-text's lists put every word before its own prefixes
    ("com" before "co"), so among the words that fit at one place a flat alternation tries the
    longest first; a trie that prefers going deeper does the same.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        leaves = sorted(ch for ch, child in node.items() if ch and list(child) == [""])
        branches = [
            re.escape(ch) + emit(child)
            for ch, child in sorted(node.items())
            if ch and ch not in leaves
        ]
        if leaves:
            branches.append(
                re.escape(leaves[0]) if len(leaves) == 1 else f"[{''.join(map(re.escape, leaves))}]"
            )
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


_TLDS = (
    f"(?:{_alternation(TWITTER_GTLDS)}{_TLD_END}"
    f"|{_alternation(TWITTER_CCTLDS)}{_TLD_END}"
    r"|(?:xn--[\-0-9a-z]+))"
)
_DOMAIN = f"(?:{_SUBDOMAIN}*{_DOMAIN_NAME}{_TLDS})"
_ASCII_DOMAIN = re.compile(f"(?:(?:[\\-a-z0-9{_LATIN_ACCENTS}]+)\\.)+{_TLDS}", re.IGNORECASE)

_PATH_CHAR = f"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\\[\\]\\-\u2013_~@|&{_LATIN_ACCENTS}]"
_BALANCED_PARENS = f"\\((?:{_PATH_CHAR}+|(?:{_PATH_CHAR}*\\({_PATH_CHAR}+\\){_PATH_CHAR}*))\\)"
_PATH_END = f"(?:[+\\-a-z{_CYRILLIC}0-9=_#/{_LATIN_ACCENTS}]|(?:{_BALANCED_PARENS}))"
_PATH = f"(?:(?:{_PATH_CHAR}*(?:{_BALANCED_PARENS}{_PATH_CHAR}*)*{_PATH_END})|(?:@{_PATH_CHAR}+/))"
_QUERY_CHAR = r"[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
_QUERY_END = r"[a-z0-9\-_&=#/]"
_TCO = re.compile(f"^https?://t\\.co/([a-z0-9]+)(?:\\?{_QUERY_CHAR}*{_QUERY_END})?", re.IGNORECASE)

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
_M_QUERY_CHAR = f"[a-z0-9!?*'();:&=+$/%#\\[\\]\\-_.,~|@\\^{_UCHARS}]"
_M_QUERY_END = f"[a-z0-9_&=#/\\-{_UCHARS}]"


def _url_regex(protocol: str, path: str, query_char: str, query_end: str) -> re.Pattern[str]:
    # groups: 1 preceding char, 2 URL, 3 protocol, 4 domain, 5 port, 6 path, 7 query
    return re.compile(
        f"({_PRECEDING})(({protocol})?({_DOMAIN})(?::([0-9]+))?(/{path}*)?"
        f"(\\?{query_char}*{query_end})?)",
        re.IGNORECASE,
    )


_X_URL = _url_regex("https?://", _PATH, _QUERY_CHAR, _QUERY_END)
_MASTODON_URL = _url_regex(
    "(?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini)://", _M_PATH, _M_QUERY_CHAR, _M_QUERY_END
)


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
    if domain.startswith("xn--") and not _ASCII_DOMAIN.search(domain):
        return False
    for label in domain.split("."):
        if not 1 <= _ascii_label_length(label) <= MAX_DOMAIN_LABEL_LENGTH:
            return False
    return len(protocol) + len(url) <= MAX_URL_LENGTH


def _matches(
    pattern: re.Pattern[str], text: str, start: int, end: int, bare: bool, source: str = ""
) -> list[UrlMatch]:
    """twitter-text ``extractUrlsWithIndices`` on ``text[start:end]`` (one run).

    ``source`` is the text before case stand-ins were swapped in (see ``_JS_CASE``): URL and
    domain lengths are checked on it, as punycode lengths depend on the exact code points.
    """
    out: list[UrlMatch] = []
    # Start one char early so the whitespace before the run can be the "preceding char".
    for m in pattern.finditer(text, max(start - 1, 0), end):
        before, url, protocol, domain, path = m.group(1, 2, 3, 4, 6)
        url_end = m.end()
        url_start = url_end - len(url)
        checked = (
            (source[url_start:url_end], source[m.start(4) : m.end(4)]) if source else (url, domain)
        )
        if not _valid_domain(checked[0], protocol or "https://", checked[1]):
            continue
        if protocol:
            tco = _TCO.match(url)
            if tco:
                if len(tco.group(1)) > MAX_TCO_SLUG_LENGTH:
                    continue
                url_end = url_start + tco.end()
            out.append(UrlMatch(url_start, url_end, url_end - url_start))
            continue
        if not bare or before in ("-", "_", ".", "/"):
            continue
        found: list[UrlMatch] = []
        ascii_end = 0
        for am in _ASCII_DOMAIN.finditer(domain):
            ascii_start = domain.find(am.group(), ascii_end)
            ascii_end = ascii_start + len(am.group())
            found.append(
                UrlMatch(url_start + ascii_start, url_start + ascii_end, ascii_end - ascii_start)
            )
        if found and path:
            last = found[-1]
            # twitter-text rewrites the URL as ascii-domain + rest and skips its length.
            found[-1] = UrlMatch(last.start, url_end, last.skip + len(url) - len(domain))
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
    found = _matches(_X_URL, units, start - base, len(units), True, source_units)

    def index(unit: int) -> int:
        return base + unit - bisect_left(pairs, unit)

    return [
        UrlMatch(index(u.start), index(u.end), index(u.start + u.skip) - index(u.start))
        for u in found
    ]


def x_urls(text: str) -> list[UrlMatch]:
    """URLs X links and counts as 23: http(s) URLs and bare domains with a known TLD."""
    out: list[UrlMatch] = []
    if "." not in text:
        return out
    source = ""
    if not text.isascii() and _PYTHON_ONLY_FOLDS.search(text):
        source, text = text, text.translate(_JS_CASE)
    for start, end in _X_RUNS(text):
        if text.isascii() or not _ASTRAL.search(text, start, end):
            out += _matches(_X_URL, text, start, end, True, source)
        else:
            out += _matches_in_utf16(text, start, end, source)
    return out


def mastodon_urls(text: str) -> list[UrlMatch]:
    """URLs Mastodon links and counts as 23: a scheme is required; bare domains stay text."""
    out: list[UrlMatch] = []
    if ":" in text and "." in text:
        for start, end in _MASTODON_RUNS(text):
            out += _matches(_MASTODON_URL, text, start, end, False)
    return out
