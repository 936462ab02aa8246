"""The kind comes from the content; the file name only breaks ties."""

from __future__ import annotations

import pytest

from posts.article.kinds import detect_kind, feed_format


@pytest.mark.parametrize(
    ("text", "source", "kind"),
    [
        ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", "page.txt", "html"),
        ("<!-- saved -->\n<html lang='en'><p>Hi</p></html>", "-", "html"),
        ("<h1>T</h1>\n<p>One.</p>\n<p>Two.</p>\n<ul><li>x</li></ul>\n", "-", "html"),
        ("---\ntitle: X\n---\nBody.", "notes.txt", "markdown"),
        ("# A heading\n\nText.", "notes.txt", "markdown"),
        ("Title\n=====\n\nText.", "-", "markdown"),
        ("Some text with a [link](https://example.org).", "-", "markdown"),
        ("Plain words only.\n\nAnother paragraph.", "notes.md", "markdown"),
        ("Plain words about <b> tags and <p> in prose.", "post.html", "html"),
        ("Plain words only.\n\nAnother paragraph.", "page.html", "text"),
        ("Title: “X”\n\nHeading\n\nText.\n\n#Tag #Other\n", "-", "text"),
        ("Text that mentions <html> once in a sentence.", "-", "text"),
    ],
)
def test_detect_kind(text: str, source: str, kind: str) -> None:
    assert detect_kind(text, source) == kind


def test_leading_comments_are_read_in_one_pass() -> None:
    """Comments before the root element: a failed match once retried each comment as running on
    to every later "-->", exponential in their number (a news page hung before reading)."""
    comments = "".join(f"<!-- block {i} -->\n" for i in range(40))
    fragment = comments + "<div>\n<p>One.</p>\n<p>Two.</p>\n<p>Three.</p>\n</div>\n<!-- end -->"
    assert detect_kind(fragment) == "html"
    assert feed_format(fragment) is None
    assert feed_format(comments + '<rss version="2.0"><channel></channel></rss>') == "an RSS"
