"""Domains and TLDs as twitter-text 3.1.0's regexes match them, followed step by step.

twitter-text finds a domain with ``validDomain``: ``validSubdomain* validDomainName`` then one of
1,574 TLDs, each followed by a char outside ``[0-9a-zA-Z@+-]``. Putting those TLDs in a Python
regex costs ``re`` about 0.1 s to compile per pattern, so instead we walk the same grammar: the
labels between dots are fixed by the text, the regex's backtracking tries the most subdomains
first, and among TLDs it tries generic ones before country codes and, since each list puts a
word before its own prefixes, the longest that fits first. The differential check against the
JavaScript reference (bench/check_conformance.py and docs/counting.md) covers this module.
"""

from __future__ import annotations

import re

from posts.counting.tlds import TWITTER_CCTLDS, TWITTER_GTLDS

INVALID_CHARS = "\ufffe\ufeff\uffff"
DIRECTIONAL = "\u202a-\u202e\u061c\u200e\u200f\u2066\u2067\u2068\u2069"
SPACES = "\t-\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
LATIN_ACCENTS = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    "\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
# twitter-text punct without "-" and "_", which labels may hold inside.
_LABEL_PUNCT = r"!'#%&()*+,\\./:;<=>?@\[\]\^{|}~$"
_LABEL = re.compile(f"[^{_LABEL_PUNCT}{SPACES}{INVALID_CHARS}{DIRECTIONAL}]*")
_ASCII_LABEL = re.compile(f"[\\-a-z0-9{LATIN_ACCENTS}]+", re.IGNORECASE)
_PUNYCODE = re.compile(r"xn--[\-0-9a-z]+", re.IGNORECASE)
_TLD_END_EXCLUDED = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@+-")


def _js_canonical_char(ch: str) -> str:
    """JavaScript's case canonicalisation for a regex with ``i`` and without ``u``."""
    upper = ch.upper()
    if len(upper) != 1 or (ord(ch) >= 128 and ord(upper) < 128):
        return ch
    return upper


def _canonical(text: str) -> str:
    return text.upper() if text.isascii() else "".join(map(_js_canonical_char, text))


_GTLDS = frozenset(map(_canonical, TWITTER_GTLDS))
_CCTLDS = frozenset(map(_canonical, TWITTER_CCTLDS))
_LONGEST_TLD = max(map(len, _GTLDS | _CCTLDS))
_TLD_CHARS = frozenset("".join(_GTLDS | _CCTLDS))
_TLD_LETTERS = "".join(TWITTER_GTLDS + TWITTER_CCTLDS)
# The chars (either case) whose canonical form occurs in a TLD: a TLD lies within a run of them.
_TLD_RUN = re.compile(
    "[%s]+"  # noqa: UP031 (a class built from chars)
    % "".join(
        sorted(
            re.escape(c)
            for c in set(_TLD_LETTERS) | set(_TLD_LETTERS.upper())
            if _js_canonical_char(c) in _TLD_CHARS
        )
    )
)


def tld_end(text: str, start: int) -> int | None:
    """Where the TLD twitter-text accepts at ``text[start:]`` ends, if there is one."""
    size = len(text)
    run = _TLD_RUN.match(text, start)
    limit = min(run.end(), start + _LONGEST_TLD) if run else start
    for tlds in (_GTLDS, _CCTLDS):
        for end in range(limit, start, -1):
            if (end == size or text[end] not in _TLD_END_EXCLUDED) and _canonical(
                text[start:end]
            ) in tlds:
                return end
    punycode = _PUNYCODE.match(text, start)
    return punycode.end() if punycode else None


def domain_end(text: str, start: int) -> int | None:
    """Where twitter-text's ``validDomain`` starting at ``start`` ends, if it matches there."""
    labels: list[tuple[int, int]] = []
    pos = start
    while True:
        run = _LABEL.match(text, pos)
        end = run.end() if run else pos
        if end == pos or end == len(text) or text[end] != ".":
            break
        if text[pos] in "-_" or text[end - 1] in "-_":
            break  # a label starts and ends with a domain char
        labels.append((pos, end))
        pos = end + 1
    # The last label is the domain name (no "_" there); more subdomains are tried first.
    for label_start, label_end in reversed(labels):
        if "_" in text[label_start:label_end]:
            continue
        tld = tld_end(text, label_end + 1)
        if tld is not None:
            return tld
    return None


def ascii_domains(domain: str) -> list[tuple[int, int]]:
    """Spans of twitter-text's ``validAsciiDomain`` matches in ``domain``, in order."""
    found: list[tuple[int, int]] = []
    pos = 0
    while label := _ASCII_LABEL.search(domain, pos):
        dots = []
        end = label.end()
        while end < len(domain) and domain[end] == ".":
            dots.append(end)
            following = _ASCII_LABEL.match(domain, end + 1)
            if following is None:
                break
            end = following.end()
        tld = next((e for e in (tld_end(domain, d + 1) for d in reversed(dots)) if e), None)
        if tld is None:
            pos = label.end()
            continue
        found.append((label.start(), tld))
        pos = tld
    return found
