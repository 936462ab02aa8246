"""Bluesky graphemes, bytes and facets, as Intl.Segmenter and @atproto/api 0.20.41 give them."""

from __future__ import annotations

from typing import Any

import pytest

from posts.counting import (
    bluesky_facets,
    bluesky_link_text,
    bluesky_mentions,
    fits,
    hashtag_spans,
    measure,
    shortened_links,
    url_spans,
)


@pytest.mark.parametrize(
    ("text", "graphemes"),
    [
        ("Hello!", 6),
        ("a\r\nb", 3),
        ("👨\u200d👩\u200d👧\u200d👧", 1),
        ("👨\u200d👩\u200d👧\u200d👧🔥 good!✅", 9),
        ("🇯🇵🇺🇸🇩", 3),  # flags pair up; the odd indicator stands alone
        ("🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", 1),  # Scotland
        ("👍🏽", 1),
        ("1️⃣", 1),
        ("e\u0301\u0301", 1),
        ("नमस्ते", 3),  # Unicode 15.1 rule GB9c joins the conjunct
        ("क्ष", 1),
        ("\u094d\u0915", 2),  # no consonant before the virama: no conjunct
        ("a\u094d\u0915", 2),
        ("\u0915\u093e\u094d\u0915", 2),  # a vowel sign breaks the conjunct
        ("한국어", 3),
        ("\u1100\u1161\u11a8", 1),  # conjoining jamo
        ("ก้า", 2),
        ("a~öñ©⽘☎𓋓😀👨\u200d👩\u200d👧\u200d👧", 10),
    ],
)
def test_bluesky_graphemes(text: str, graphemes: int) -> None:
    assert measure("bluesky", text) == graphemes


def test_bluesky_fits_counts_graphemes_and_bytes() -> None:
    assert fits("bluesky", "a" * 300)
    assert not fits("bluesky", "a" * 301)
    family = "👨\u200d👩\u200d👧\u200d👧"  # 1 grapheme, 25 bytes
    assert fits("bluesky", family * 120)  # 120 graphemes, 3000 bytes
    assert not fits("bluesky", family * 121)  # 121 graphemes, but 3025 bytes
    assert fits("bluesky", "a" * 400, limit=500)


def _tag(start: int, end: int, tag: str) -> dict[str, Any]:
    return {
        "index": {"byteStart": start, "byteEnd": end},
        "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": tag}],
    }


def _link(start: int, end: int, uri: str) -> dict[str, Any]:
    return {
        "index": {"byteStart": start, "byteEnd": end},
        "features": [{"$type": "app.bsky.richtext.facet#link", "uri": uri}],
    }


@pytest.mark.parametrize(
    ("text", "facets"),
    [
        ("#a #b", [_tag(0, 2, "a"), _tag(3, 5, "b")]),
        ("#tag!", [_tag(0, 4, "tag")]),  # trailing punctuation is not part of the tag
        ("#a.b.", [_tag(0, 4, "a.b")]),
        ("#123 #1a", [_tag(5, 8, "1a")]),  # purely numeric is not a tag
        ("＃全角タグ", [_tag(0, 15, "全角タグ")]),  # full-width sign, UTF-8 offsets
        ("#️⃣ #\ufe0fx", []),  # a keycap is not a tag
        ("#\u200bx", []),
        ("a#b", []),  # must follow whitespace
        ("#" + "a" * 64, [_tag(0, 65, "a" * 64)]),
        ("#" + "a" * 65, []),  # over 64 graphemes: skipped, not truncated
        ("$aapl up", [_tag(0, 5, "$AAPL")]),  # cashtags become upper-cased tag facets
        ("Héllo 🎉 site.com", [_link(12, 20, "https://site.com")]),
        ("see example.com/x. ok", [_link(4, 17, "https://example.com/x")]),
        ("(https://a.com/x)", [_link(1, 16, "https://a.com/x")]),
        ("https://a.com/(x)", [_link(0, 17, "https://a.com/(x)")]),
        ("https://localhost:8000", [_link(0, 22, "https://localhost:8000")]),
        ("example.notatld Example.COM", []),  # unknown or upper-case TLD
        ("1.2 and e.g. this", []),
    ],
)
def test_bluesky_facets(text: str, facets: list[dict[str, Any]]) -> None:
    assert bluesky_facets(text) == facets


def test_bluesky_facets_are_sorted_and_spans_match() -> None:
    text = "#one https://x.com/a #two"
    facets = bluesky_facets(text)
    assert [f["index"]["byteStart"] for f in facets] == [0, 5, 21]
    assert url_spans("bluesky", text) == [(5, 20)]
    assert hashtag_spans("bluesky", text) == [(0, 4), (21, 25)]


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("@handle.com middle", [("handle.com", 0, 11)]),
        ("hi @alice.bsky.social.", [("alice.bsky.social", 3, 21)]),
        ("é @bob.test", [("bob.test", 3, 12)]),  # byte offsets
        ("@nodomain @x.notatld email@example.com", []),
    ],
)
def test_bluesky_mentions(text: str, mentions: list[tuple[str, int, int]]) -> None:
    assert bluesky_mentions(text) == mentions


@pytest.mark.parametrize(
    ("url", "shown"),
    [  # bsky.app's toShortUrl: host and path, a path over 15 characters cut to 13 and "..."
        ("https://example.org", "example.org"),
        ("https://example.org/", "example.org"),
        ("https://example.org/fifteen-chars", "example.org/fifteen-chars"),
        ("https://example.org/sixteen-chars!!", "example.org/sixteen-char..."),
        ("https://example.org/a?page=2&utm_source=x", "example.org/a?page=2&utm..."),
        ("http://Who:secret@News.Example.org:8080/", "news.example.org:8080"),
        ("https://example.org/#top", "example.org#top"),
        (
            "ftp://example.org/a-very-long-file-name.txt",
            "ftp://example.org/a-very-long-file-name.txt",
        ),
        ("not a url", "not a url"),
    ],
)
def test_a_link_is_shown_as_the_bluesky_app_shortens_it(url: str, shown: str) -> None:
    assert bluesky_link_text(url) == shown


def test_a_shortened_link_links_to_its_address_wherever_the_text_shows_it() -> None:
    url = "https://example.org/2026/11/the-whole-story"
    shown = bluesky_link_text(url)
    text = f"Read é: {shown} or {shown}x, example.net and ({shown} #Tag"
    facets = bluesky_facets(text, {shown: url})
    data = text.encode()
    found = [
        (data[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode(), f["features"][0])
        for f in facets
    ]
    assert found == [
        (shown, {"$type": "app.bsky.richtext.facet#link", "uri": url}),
        (f"{shown}x", {"$type": "app.bsky.richtext.facet#link", "uri": f"https://{shown}x"}),
        ("example.net", {"$type": "app.bsky.richtext.facet#link", "uri": "https://example.net"}),
        (shown, {"$type": "app.bsky.richtext.facet#link", "uri": url}),
        ("#Tag", {"$type": "app.bsky.richtext.facet#tag", "tag": "Tag"}),
    ]
    assert shortened_links(text, facets) == {shown: url}  # what an edit keeps linking
