"""Mastodon's countable length: graphemes, each URL as 23, a remote mention as @user."""

from __future__ import annotations

import pytest

from posts.counting import hashtag_spans, measure, mention_spans, url_spans


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("hello", 5),
        ("👨\u200d👩\u200d👧\u200d👦 and é", 7),  # graphemes, not code points
        ("https://example.com/a/very/long/path/that/goes/on/and/on", 23),
        ("read http://example.com.", 5 + 23 + 1),  # trailing dot stays text
        ("https://example.com/日本語/ü", 23),  # Mastodon's paths take any non-space char
        ("gemini://example.org/page", 23),  # other schemes Mastodon links
        ("example.com", 11),  # bare domains are text on Mastodon
        ("@alice@social.example.org hi", 6 + 3),  # a remote mention counts as @alice
        ("@alice hi", 9),
        ("email me: alice@example.org", 27),  # not a mention (word char before @)
        ("https://a.social/x,@bob@c.social", 23),  # a mention inside a URL is the URL's
    ],
)
def test_mastodon_length(text: str, length: int) -> None:
    assert measure("mastodon", text) == length


def test_mastodon_spans() -> None:
    text = "@alice@social.example.org see https://example.com/x #news"
    assert mention_spans("mastodon", text) == [(0, 25)]
    assert url_spans("mastodon", text) == [(30, 51)]
    assert [text[s:e] for s, e in hashtag_spans("mastodon", text)] == ["#news"]
