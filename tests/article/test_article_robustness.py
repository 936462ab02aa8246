"""Whatever the bytes, reading ends in an Article or one ArticleError, never another exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posts.article import parse_article
from posts.errors import ArticleError

_FRAGMENTS = st.sampled_from(
    [
        "---\n", "title: T\n", "tags: [a, b]\n", "# ", "## ", "Title: “X”\n", "\n\n", "\n",
        "Summary\n", "TL;DR: ", "#Tag ", "#123 ", "Related Posts\n", "Share this: a · b · c\n",
        "<html>", "<p>", "</p>", "<h2>", "</h2>", "<!doctype html>", "<script>x()</script>",
        "Dr. Smith said 3.5. ", "https://e.org/a?b=1. ", "今日は晴れ。", "「本当？」", "word ",
        "* ", "- ", "[link](u) ", "**b** ", "```\n", "> ", "é", "\x00", "\x1b", "\ufeff", "😀",
    ]
)  # fmt: skip


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(_FRAGMENTS, max_size=40).map("".join), st.sampled_from(["-", "a.md", "a.html"]))
def test_article_like_text(text: str, source: str) -> None:
    _read(text.encode(), source)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    _read(data, "-")


def _read(data: bytes, source: str) -> None:
    try:
        article = parse_article(data, source=source)
    except ArticleError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert article.title and article.summary and article.sections
        assert all(section.paragraphs for section in article.sections)
