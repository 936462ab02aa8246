"""Highlighting as each platform renders it: Bluesky from facet byte ranges, others by detection."""

from __future__ import annotations

from scheduler.preview.highlight import spans


def _facet(start: int, end: int, kind: str, **feature: str) -> dict[str, object]:
    return {
        "index": {"byteStart": start, "byteEnd": end},
        "features": [{"$type": f"app.bsky.richtext.facet#{kind}", **feature}],
    }


def test_bluesky_facet_byte_offsets_land_on_the_right_characters() -> None:
    text = "Héllo 🎉 site.org #Tide"
    # "Héllo 🎉 " is 12 bytes (é 2, 🎉 4); site.org is bytes 12-20; #Tide bytes 21-26.
    facets = [
        _facet(12, 20, "link", uri="https://site.org"),
        _facet(21, 26, "tag", tag="Tide"),
    ]
    got = [(s.kind, s.text, s.target) for s in spans("bluesky", text, facets)]
    assert got == [
        ("text", "Héllo 🎉 ", None),
        ("link", "site.org", "https://site.org"),
        ("text", " ", None),
        ("tag", "#Tide", "Tide"),
    ]


def test_bluesky_without_a_facet_is_plain_text_as_the_app_shows_it() -> None:
    text = "No facets: https://example.org #Tag"
    assert [s.kind for s in spans("bluesky", text)] == ["text"]


def test_bluesky_ignores_facets_that_split_a_character_or_overlap() -> None:
    text = "é #a"
    facets = [_facet(1, 2, "tag", tag="x"), _facet(3, 5, "tag", tag="a"), _facet(3, 4, "tag")]
    got = [(s.kind, s.text) for s in spans("bluesky", text, facets)]
    assert got == [("text", "é "), ("tag", "#a")]


def test_x_links_bare_domains_and_finds_tags_and_mentions() -> None:
    got = [(s.kind, s.text, s.target) for s in spans("x", "See example.com #Tide @lab #123")]
    assert got == [
        ("text", "See ", None),
        ("link", "example.com", "https://example.com"),
        ("text", " ", None),
        ("tag", "#Tide", "Tide"),
        ("text", " ", None),
        ("mention", "@lab", "lab"),
        ("text", " #123", None),
    ]


def test_mastodon_links_only_urls_with_a_scheme() -> None:
    kinds = [s.kind for s in spans("mastodon", "See example.com or https://example.com/a")]
    assert kinds == ["text", "link"]


def test_spans_cover_the_text_exactly() -> None:
    text = "A #b https://c.org/d @e f"
    for platform in ("x", "mastodon"):
        out = spans(platform, text)
        assert "".join(s.text for s in out) == text
        assert all(text[s.start : s.end] == s.text for s in out)
