"""X weighted length, URLs and hashtags: hard cases whose answers come from twitter-text 3.1.0.

Expected values are the official conformance answers or what the reference JavaScript
(``parseTweet``, ``extractUrlsWithIndices``, ``extractHashtags``) returns for the same string.
"""

from __future__ import annotations

import pytest

from posts.counting import hashtag_spans, measure, mention_spans, url_spans


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("", 0),
        ("a" * 280, 280),
        ("a" * 281, 281),
        ("日" * 140, 280),  # CJK weighs 2
        ("é ß – “ ′ \u00a0 \u200b", 13),  # light ranges weigh 1
        ("… • € →", 4 * 2 + 3),  # heavy symbols weigh 2, spaces 1
        ("e\u0301" * 10, 10),  # NFC first: 20 code points become 10
        ("😷", 2),
        ("👨\u200d👩\u200d👧\u200d👦", 2),  # ZWJ family, 7 code points
        ("👍🏽", 2),
        ("🇯🇵", 2),
        ("1️⃣", 2),  # keycap
        ("1\u20e3", 2),  # keycap without VS16
        ("©️", 2),
        ("©", 1),  # not an emoji without VS16
        ("🧑\u200d🎄", 5),  # Unicode 13, newer than the list: per code point
        ("❤️\u200d🔥", 5),
        ("🫨", 2),  # astral code point weighs 2 anyway
        ("Hi http://test.co", 26),
        ("example.com", 23),  # bare domain with a known TLD
        ("main.py readme.md", 23 + 1 + 23),  # ccTLDs count too
        ("node.js v1.2", 12),  # not URLs
        ("https://example.com/a-very/long/path?with=query&and=more#fragment", 23),
        ("see https://example.com/path.", 4 + 23 + 1),  # trailing dot left out
        ("http://localhost:8000 https://192.168.0.1/x", 43),  # no TLD, no URL
        ("user@example.com", 16),
        ("a-example.com", 23),  # one hyphenated domain
        ("日本語.jp", 9),  # bare non-ASCII domain is not a URL
        ("https://日本語.jp", 23),
        ("https://t.co/" + "a" * 41, 54),  # t.co slug over 40 chars: not a URL
        ("🐁-bsky.app", 2 + 23),  # the reference sees "-bsky.app" on UTF-16 units
        ("ſexample.com", 1 + 23),  # no case folding of ſ into s
        ("ABC\u202a\uffffABC\ufffe", 12),
    ],
)
def test_x_weighted_length(text: str, length: int) -> None:
    assert measure("x", text) == length


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("text http://google.com", ["http://google.com"]),
        ("皆さん見てください！ http://google.com", ["http://google.com"]),
        ("t.co/abcde and http://t.co/abcde?x=1", ["t.co/abcde", "http://t.co/abcde?x=1"]),
        (
            "(see https://en.wikipedia.org/wiki/Foo_(bar))",
            ["https://en.wikipedia.org/wiki/Foo_(bar)"],
        ),
        ("https://example.com/path, next", ["https://example.com/path"]),
        ("\u2066\u202atest abcdef.com", ["abcdef.com"]),
        ("foo.bar.日本.jp/x", ["foo.bar.日本.jp/x"]),
        ("$example.com @example.com #example.com", []),
    ],
)
def test_x_url_spans(text: str, urls: list[str]) -> None:
    assert [text[s:e] for s, e in url_spans("x", text)] == urls


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("#hashtag here", ["hashtag"]),
        ("a ✌#hashtag here", ["hashtag"]),
        ("#1st #123 #a_b", ["1st", "a_b"]),
        ("＃全角 #日本語", ["全角", "日本語"]),
        ("#a#b", []),  # followed by another hash sign
        ("#tag://x", []),
        ("http://example.com/#frag #real", ["real"]),  # inside a URL
        ("#𠀡 #A𐒠", ["𠀡", "A𐒠"]),
        ("&#nbsp; x#y", []),
    ],
)
def test_x_hashtag_spans(text: str, tags: list[str]) -> None:
    assert [text[s + 1 : e] for s, e in hashtag_spans("x", text)] == tags


def test_x_mentions() -> None:
    text = "hi @jack and @twitter/team, not a@b.c or @x@y"
    assert [text[s:e] for s, e in mention_spans("x", text)] == ["@jack", "@twitter/team"]
