"""Bluesky rich-text detection: link, tag and cashtag facets, and mentions, with UTF-8 offsets.

A port of ``detectFacets`` in ``@atproto/api`` 0.20.41 (``src/rich-text/{util,detection}.ts``,
MIT). The server never detects facets itself, so what we send is what readers see linked. The
regexes keep JavaScript's meanings: ``\\s`` is JavaScript's whitespace set, ``\\d`` is ASCII, and
``\\p{P}`` is Unicode punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

import regex

from posts.counting.graphemes import grapheme_count, utf8_length
from posts.counting.tlds import BLUESKY_TLDS

MAX_TAG_GRAPHEMES = 64
MAX_TAG_BYTES = 640
TAG_TYPE = "app.bsky.richtext.facet#tag"
LINK_TYPE = "app.bsky.richtext.facet#link"

_S = "\t\n\v\f\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_ZERO_WIDTH = "\u00ad\u2060\u200a\u200b\u200c\u200d\u20e2"

_MENTION = re.compile(f"(^|[{_S}]|\\()(@)([a-zA-Z0-9.-]+)(\\b)", re.ASCII)
_URL = re.compile(
    f"(^|[{_S}]|\\()((https?://[^{_S}]+)|((?P<domain>[a-z][a-z0-9]*(\\.[a-z0-9]+)+)[^{_S}]*))",
    re.IGNORECASE | re.MULTILINE | re.ASCII,
)
_TAG = regex.compile(
    f"(^|[{_S}])[#\uff03]((?!\ufe0f)[^{_S}{_ZERO_WIDTH}]*"
    f"[^0-9{_S}\\p{{P}}{_ZERO_WIDTH}]+[^{_S}{_ZERO_WIDTH}]*)?"
)
_TRAILING_PUNCTUATION = regex.compile(r"\p{P}+\Z")
_CASHTAG = re.compile(
    f"(^|[{_S}]|\\()\\$([A-Za-z][A-Za-z0-9]{{0,4}})(?=[{_S}]|\\Z|[.,;:!?)\"'\u2019])"
)


def _valid_domain(domain: str) -> bool:
    """``isValidDomain``: the text after the last dot is on Bluesky's TLD list (case-sensitive)."""
    _head, dot, tld = domain.rpartition(".")
    return bool(dot) and tld in BLUESKY_TLDS


class _ByteOffsets:
    """Maps str indices to UTF-8 byte offsets, cheaply for ASCII text."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._ascii = text.isascii()

    def __call__(self, index: int) -> int:
        if self._ascii:
            return index
        return len(self._text[:index].encode("utf-8", "surrogatepass"))


def _link_spans(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _URL.finditer(text):
        uri = m.group(2)
        if not uri.startswith("http"):
            domain = m.group("domain")
            if not domain or not _valid_domain(domain):
                continue
            uri = "https://" + uri
        start, end = m.span(2)
        if uri[-1] in ".,;:!?":
            uri = uri[:-1]
            end -= 1
        if uri.endswith(")") and "(" not in uri:
            uri = uri[:-1]
            end -= 1
        out.append((start, end, uri))
    return out


def _tag_spans(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _TAG.finditer(text):
        tag = m.group(2)
        if not tag:
            continue
        # (JavaScript's trim() is a no-op here: the pattern admits no whitespace.)
        tag = _TRAILING_PUNCTUATION.sub("", tag)
        if not tag or (len(tag) > MAX_TAG_GRAPHEMES and grapheme_count(tag) > MAX_TAG_GRAPHEMES):
            continue
        if len(tag) * 4 > MAX_TAG_BYTES and utf8_length(tag) > MAX_TAG_BYTES:
            continue  # the lexicon's limit; the reference would send it and have the post refused
        start = m.end(1)
        out.append((start, start + 1 + len(tag), tag))
    for m in _CASHTAG.finditer(text):
        ticker = m.group(2).upper()
        start = m.end(1)
        out.append((start, start + 1 + len(ticker), "$" + ticker))
    return out


def bluesky_url_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` str spans of what Bluesky links (after trailing punctuation is dropped)."""
    return [(s, e) for s, e, _uri in _link_spans(text)]


def bluesky_tag_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` str spans of tags and cashtags, sign included."""
    return sorted((s, e) for s, e, _tag in _tag_spans(text))


def _mention_spans(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _MENTION.finditer(text):
        handle = m.group(3)
        if not _valid_domain(handle) and not handle.endswith(".test"):
            continue  # probably not a handle
        out.append((m.start(3) - 1, m.end(3), handle))
    return out


def bluesky_mention_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` str spans of ``@handle`` mentions, ``@`` included."""
    return [(s, e) for s, e, _h in _mention_spans(text)]


def bluesky_mentions(text: str) -> list[tuple[str, int, int]]:
    """``(handle, byteStart, byteEnd)`` per mention; the adapter resolves handles to DIDs."""
    offset = _ByteOffsets(text)
    return [(h, offset(s), offset(e)) for s, e, h in _mention_spans(text)]


_NO_LINKS: Mapping[str, str] = MappingProxyType({})
_SHOWN_PATH = 15  # a longer path is cut to 13 characters and "..."


def bluesky_link_text(url: str) -> str:
    """``url`` as bsky.app's composer posts it: the host and the path, a path (query and
    fragment included) over 15 characters cut to 13 and ``...`` (``toShortUrl`` in social-app's
    ``src/lib/strings/url-helpers.ts``). The link facet carries the whole address, so readers
    follow it; the post counts the short text. Not http(s): the address as it is."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return url
    host = parts.netloc.rpartition("@")[2].lower()
    path = "" if parts.path == "/" else parts.path
    path += (f"?{parts.query}" if parts.query else "") + (
        f"#{parts.fragment}" if parts.fragment else ""
    )
    return host + (path[:13] + "..." if len(path) > _SHOWN_PATH else path)


def _shown_spans(text: str, links: Mapping[str, str]) -> list[tuple[int, int, str]]:
    """Where each shown link text of ``links`` (shown → address) stands as a word of ``text``."""
    out = []
    for shown, uri in links.items():
        pattern = f"(?:^|(?<=[{_S}(]))({re.escape(shown)})(?=[{_S}]|\\Z)"
        out += [(m.start(1), m.end(1), uri) for m in re.finditer(pattern, text)]
    return out


def shortened_links(text: str, facets: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """The links ``facets`` put on ``text`` that detection would not find there (shown text →
    address): shortened ones, which a post edited by hand keeps linking where they did."""
    encoded = text.encode("utf-8", "surrogatepass")
    out = {}
    for facet in facets:
        index = facet.get("index", {})
        start, end = index.get("byteStart"), index.get("byteEnd")
        for feature in facet.get("features", ()):
            if (
                feature.get("$type") == LINK_TYPE
                and isinstance(start, int)
                and isinstance(end, int)
            ):
                shown = encoded[start:end].decode("utf-8", "replace")
                if [uri for _s, _e, uri in _link_spans(shown)] != [feature["uri"]]:
                    out[shown] = feature["uri"]
    return out


def bluesky_facets(text: str, links: Mapping[str, str] = _NO_LINKS) -> list[dict[str, Any]]:
    """Link and tag facets in the exact record shape, sorted by ``byteStart``.

    ``links`` maps a link's shown text (:func:`bluesky_link_text`) to its address: each place the
    text shows it links there, instead of what detection would make of the shortened text.
    Mentions are not included: they need a DID, which only the publishing adapter can resolve
    (see :func:`bluesky_mentions`).
    """
    offset = _ByteOffsets(text)
    shown = _shown_spans(text, links) if links else []
    detected = [
        (s, e, uri)
        for s, e, uri in _link_spans(text)
        if not any(a < e and s < b for a, b, _ in shown)
    ]
    found = [(s, e, {"$type": LINK_TYPE, "uri": uri}) for s, e, uri in [*shown, *detected]]
    found += [(s, e, {"$type": TAG_TYPE, "tag": tag}) for s, e, tag in _tag_spans(text)]
    found.sort(key=lambda f: f[0])
    return [
        {"index": {"byteStart": offset(s), "byteEnd": offset(e)}, "features": [feature]}
        for s, e, feature in found
    ]


def bluesky_is_valid_hashtag(tag: str) -> bool:
    """True when ``#tag`` alone would become exactly the tag facet ``tag``."""
    return [t for _s, _e, t in _tag_spans("#" + tag)] == [tag]
