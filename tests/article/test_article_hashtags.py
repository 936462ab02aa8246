"""Hashtags: where they come from, what is not one, and their order."""

from __future__ import annotations

import pytest

from posts.article import parse_article
from posts.article.hashtags import find_hashtags, is_hashtag_line


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("Join us #BatWeek, then rest.", ["BatWeek"]),
        ("(#inBrackets) and “#quoted”", ["inBrackets", "quoted"]),
        ("#2024Goals and #under_score and #日本", ["2024Goals", "under_score", "日本"]),
        ("issue #123 and #4.5", []),
        ("C# and F#, page.html#intro, https://x.org/#/route", []),
        ("# Heading with a space", []),
        ("Line one\n#StartOfLine", ["StartOfLine"]),
    ],
)
def test_find_hashtags(text: str, tags: list[str]) -> None:
    assert find_hashtags(text) == tags


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("#Bats #UrbanWildlife", True),
        ("#Bats, #Canals · #Night", True),
        ("#Bats are back", False),
        ("#123 #456", False),
        ("", False),
    ],
)
def test_is_hashtag_line(line: str, expected: bool) -> None:
    assert is_hashtag_line(line) is expected


def test_order_front_matter_first_then_body_deduplicated() -> None:
    article = parse_article(
        b"---\ntags: [Tides, OpenData]\n---\n"
        b"Lead about #tides and #Moon.\n\nMore #MOON text #NewTag.\n\n#opendata #Last\n"
    )
    assert article.hashtags == ("Tides", "OpenData", "Moon", "NewTag", "Last")
    assert article.paragraphs == ("Lead about #tides and #Moon.", "More #MOON text #NewTag.")


@pytest.mark.parametrize(
    "tags_yaml",
    [
        "[Open Data, '#Tides']",
        '"Open Data, #Tides"',
        "'OpenData #Tides'",
        "\n  - OpenData\n  - '#Tides'",
    ],
)
def test_front_matter_tag_spellings(tags_yaml: str) -> None:
    data = f"---\ntags: {tags_yaml}\n---\nBody text.\n".encode()
    assert parse_article(data).hashtags == ("OpenData", "Tides")


def test_a_preprocessor_directive_written_in_prose_is_no_hashtag() -> None:
    from posts.article.hashtags import find_hashtags

    assert find_hashtags("Add #include <stdio.h> and #define DEBUG, then ship #OpenSource") == [
        "OpenSource"
    ]


def test_a_quoted_hashtag_is_reported_not_the_article_s_tag() -> None:
    from posts.article.hashtags import inline_hashtags

    text = 'Critics used the hashtag "#wontworkwithbigots", and #MeToo spread.'
    assert inline_hashtags(text) == ["MeToo"]


def test_a_hashtag_made_part_of_a_compound_word_is_reported_not_a_tag() -> None:
    from posts.article.hashtags import inline_hashtags

    text = "Er verband die Debatte mit dem #Pegizei-Vorfall in Dresden. #Twitter #2018"
    assert inline_hashtags(text) == ["Twitter"]
