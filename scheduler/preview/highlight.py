"""Split a post into plain text, hashtags, links and mentions, as its platform will render them.

A platform with facets (Bluesky) renders exactly those sent with the record (UTF-8 byte offsets),
so its spans come from the stored facets; a tag or link without a facet stays plain text there,
and the preview shows that. Others (X, Mastodon) find links and tags themselves, so their spans
come from ``posts.counting``'s detection for that platform.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from posts import platforms
from posts.counting import hashtag_spans, mention_spans, url_spans
from scheduler.preview.model import Span, SpanKind

_FEATURES: dict[str, tuple[SpanKind, str]] = {
    "app.bsky.richtext.facet#tag": ("tag", "tag"),
    "app.bsky.richtext.facet#link": ("link", "uri"),
    "app.bsky.richtext.facet#mention": ("mention", "did"),
}


def spans(platform: str, text: str, facets: Sequence[dict[str, Any]] = ()) -> tuple[Span, ...]:
    """The post's text cut into spans that cover it exactly, in order."""
    sends_facets = platforms.get(platform).rules.facets is not None
    marks = _facet_marks(text, facets) if sends_facets else _detected_marks(platform, text)
    return _fill(text, marks)


def _facet_marks(
    text: str, facets: Iterable[dict[str, Any]]
) -> list[tuple[int, int, SpanKind, str | None]]:
    """Facets' byte ranges as str ranges; a range that does not fall on characters is ignored."""
    encoded = text.encode("utf-8")
    marks = []
    for facet in facets:
        index = facet.get("index", {})
        start, end = index.get("byteStart"), index.get("byteEnd")
        feature = (facet.get("features") or [{}])[0]
        kind_key = _FEATURES.get(feature.get("$type", ""))
        if kind_key is None or not isinstance(start, int) or not isinstance(end, int):
            continue
        try:
            char_start = len(encoded[:start].decode("utf-8"))
            char_end = char_start + len(encoded[start:end].decode("utf-8"))
        except UnicodeDecodeError:
            continue  # the record would be rejected; the over-limit/length checks say why
        kind, key = kind_key
        marks.append((char_start, char_end, kind, feature.get(key)))
    return marks


def _detected_marks(platform: str, text: str) -> list[tuple[int, int, SpanKind, str | None]]:
    """Links (a bare domain opens as https), tags and mentions as the platform itself finds them."""
    marks: list[tuple[int, int, SpanKind, str | None]] = []
    for start, end in url_spans(platform, text):
        uri = text[start:end]
        marks.append((start, end, "link", uri if "://" in uri else f"https://{uri}"))
    marks += [(s, e, "tag", text[s + 1 : e]) for s, e in hashtag_spans(platform, text)]
    marks += [(s, e, "mention", text[s + 1 : e]) for s, e in mention_spans(platform, text)]
    return marks


def _fill(text: str, marks: list[tuple[int, int, SpanKind, str | None]]) -> tuple[Span, ...]:
    """Plain-text spans between the marks; overlapping marks keep the first."""
    out: list[Span] = []
    cursor = 0
    for start, end, kind, target in sorted(marks, key=lambda m: (m[0], -m[1])):
        if start < cursor or end <= start or end > len(text):
            continue
        if start > cursor:
            out.append(Span("text", text[cursor:start], cursor, start))
        out.append(Span(kind, text[start:end], start, end, target))
        cursor = end
    if cursor < len(text):
        out.append(Span("text", text[cursor:], cursor, len(text)))
    return tuple(out)
