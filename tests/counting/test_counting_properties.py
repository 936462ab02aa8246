"""Property tests: counting rules that must hold for any text."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from posts.counting import bluesky_facets, bluesky_link_text, measure, url_spans
from posts.counting.emoji import EMOJI_WINDOW, emoji_regex
from posts.counting.graphemes import grapheme_count, graphemes

# Words that mix the hard parts: CJK, accents, emoji sequences, URLs, bare domains, tags.
WORDS = st.one_of(
    st.sampled_from(
        [
            "word",
            "日本語",
            "café",
            "e\u0301",
            "😷",
            "👍🏽",
            "👨\u200d👩\u200d👧\u200d👦",
            "🇯🇵",
            "1️⃣",
            "https://example.com/a?b=1",
            "example.com",
            "main.py",
            "#tag",
            "@alice",
            "v1.2",
            "…",
            "한국어",
            "नमस्ते",
            "Ω",
            "ß",
        ]
    ),
    st.text(alphabet=st.characters(exclude_categories=["Cs", "Zs", "Cc"]), min_size=1, max_size=8),
)
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60)


@given(st.lists(WORDS, min_size=1, max_size=12))
def test_x_length_is_additive_over_spaces(words: list[str]) -> None:
    """Joining by spaces adds 1 per space when no URL or emoji crosses a boundary."""
    parts = [unicodedata.normalize("NFC", w) for w in words]
    text = " ".join(parts)
    boundaries = set()
    pos = 0
    for part in parts[:-1]:
        pos += len(part)
        boundaries.add(pos)
        pos += 1
    entities = url_spans("x", text) + [m.span() for m in emoji_regex().finditer(text)]
    if any(s < b < e or s < b + 1 < e for s, e in entities for b in boundaries):
        return  # an entity spans a space: not additive by design
    whole = measure("x", text)
    assert whole == sum(measure("x", p) for p in parts) + len(parts) - 1


@given(TEXT)
def test_x_nfc_and_nfd_count_the_same(text: str) -> None:
    nfd = unicodedata.normalize("NFD", text)
    assert measure("x", nfd) == measure("x", unicodedata.normalize("NFC", text))


@given(TEXT)
def test_graphemes_partition_the_text(text: str) -> None:
    clusters = graphemes(text)
    assert "".join(clusters) == text
    assert grapheme_count(text) == len(clusters) == measure("bluesky", text)


@given(st.lists(WORDS, min_size=1, max_size=12).map(" ".join))
def test_bluesky_facets_point_at_their_text(text: str) -> None:
    data = text.encode("utf-8")
    for facet in bluesky_facets(text):
        start, end = facet["index"]["byteStart"], facet["index"]["byteEnd"]
        piece = data[start:end].decode("utf-8")
        feature = facet["features"][0]
        if "tag" in feature:
            assert (
                piece[1:].upper() == feature["tag"].lstrip("$").upper()
                or piece[1:] == feature["tag"]
            )
        else:
            assert feature["uri"].endswith(piece) or feature["uri"] == piece


@given(TEXT)
def test_mastodon_counts_graphemes_without_urls_or_mentions(text: str) -> None:
    """Mastodon counts URLs as 23, so a text without URLs or mentions counts its graphemes."""
    if "://" not in text and "@" not in text:
        assert measure("mastodon", text) == grapheme_count(text)


EMOJI_PIECES = st.sampled_from(
    [
        "😷",
        "👍🏽",
        "👨\u200d👩\u200d👧\u200d👦",
        "🇯🇵",
        "🇺",
        "1️⃣",
        "1\u20e3",
        "#\ufe0f",
        "©️",
        "©",
        "❤️\u200d🔥",
        "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
        "\ufe0f",
        "\u200d",
        "1",
        "a",
        " ",
        "日",
        "\U0001fae8",
    ]
)


@given(st.lists(EMOJI_PIECES, max_size=16).map("".join))
def test_emoji_windows_hold_every_emoji_match(text: str) -> None:
    """Matching inside each window finds what matching the whole text finds."""
    pattern = emoji_regex()
    in_windows = [
        (window.start() + m.start(), window.start() + m.end())
        for window in EMOJI_WINDOW.finditer(text)
        for m in pattern.finditer(window.group())
    ]
    assert in_windows == [m.span() for m in pattern.finditer(text)]


PATHS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_/.é%", max_size=60)


@given(
    st.sampled_from(["http", "https"]),
    st.sampled_from(["example.org", "News.Example.co.uk", "xn--bcher-kva.de:8080"]),
    PATHS,
    st.lists(WORDS, max_size=6).map(" ".join),
)
def test_a_shortened_link_is_linked_whole_to_its_address(
    scheme: str, host: str, path: str, before: str
) -> None:
    url = f"{scheme}://{host}/{path}"
    shown = bluesky_link_text(url)
    assert measure("bluesky", shown) <= len(host) + 17  # host, "/", 13 characters and "..."
    text = f"{before}\n\n{shown}"
    data = text.encode("utf-8")
    links = [
        (data[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode(), f["features"][0])
        for f in bluesky_facets(text, {shown: url})
        if "uri" in f["features"][0]
    ]
    assert (shown, {"$type": "app.bsky.richtext.facet#link", "uri": url}) == links[-1]
