"""Unusable input: one clear line naming the input, an ArticleError, never a traceback."""

from __future__ import annotations

import io
import os
import random
import sys
from pathlib import Path

import pytest

from posts import load_article
from posts.article import MAX_BYTES, parse_article
from posts.errors import ArticleError, HeraldError

BAD_CONTENT = {
    "empty": (b"", "is empty"),
    "whitespace": (b" \n\t\r\n  \n", "is empty"),
    "utf16-whitespace": ("\ufeff   \n ".encode("utf-16"), "is empty"),
    "nul-bytes": (b"Hello\x00\x01\x02\x00world" * 10, "NUL bytes"),
    "random-binary": (random.Random(7).randbytes(4096), "NUL bytes"),
    "control-characters": (b"text\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 20, "binary"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    "docx": (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    "cyrillic-cp1251": ("Привет, мир. Это статья.".encode("cp1251"), "UTF-8"),
    "shift-jis": ("今日は晴れです。明日は雨です。".encode("shift_jis"), "UTF-8"),
    "utf16-cjk-without-bom": ("今日は晴れです。一二三。".encode("utf-16-le"), "UTF-16"),
    "mixed-utf8-latin1": ("Café ".encode() + "crème".encode("latin-1"), "UTF-8"),
    "broken-utf16-with-bom": (b"\xff\xfeH\x00i\x00\x00\xd8", "UTF-16"),
    "only-hashtags": (b"#one #two\n\n#three\n", "no readable text"),
    "only-boilerplate": (
        b"Share this: Facebook | X | Email\n\nRelated Posts\n",
        "no readable text",
    ),
    "only-front-matter": (b"---\ntitle: Nothing else\n---\n", "no readable text"),
    "only-headings": (b"# Title\n\n## Section\n", "no readable text"),
    "empty-html": (
        b"<!doctype html><html><head><title>x</title></head><body></body></html>",
        "no readable text",
    ),
    "bad-front-matter": (
        b"---\ntitle: [unclosed\n---\nBody text here.\n",
        "front matter is not valid YAML",
    ),
    "front-matter-list-title": (b"---\ntitle: [a, b]\n---\nBody text.\n", "'title' must be text"),
    "front-matter-mapping-tags": (b"---\ntags: {a: 1}\n---\nBody text.\n", "'tags' must be a list"),
    # a feed lists articles; read as one it posted its XML declaration as the headline
    "rss-feed": (
        b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Comments on:'
        b" Page weight</title><item><title>By: Ann</title><description>Nice post, thanks for"
        b" writing it.</description></item></channel></rss>\n<!-- cached by a plugin -->",
        "is an RSS feed, not an article",
    ),
    "atom-feed": (
        b'<!-- generator --><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>'
        b"<entry><title>A post</title><content>Words about things.</content></entry></feed>",
        "is an Atom feed, not an article",
    ),
    # a saved error page ("soft 404"): read as an article it posted the error as the headline
    "wordpress-404": (
        b"<html><head><title>Page not found &#8211; Field Notes</title></head><body><h1>Oops!"
        b" That page can&rsquo;t be found.</h1><p>It looks like nothing was found at this"
        b" location. Maybe try one of the links below or a search?</p></body></html>",
        "is a site's error page (Oops! That page can’t be found.), not an article",
    ),
    # its heading glued to the text after it (a template without spacing between blocks)
    "glued-404": (
        b"<html><head><title>Real-time news, sports and more for New Jersey - NJ.com</title>"
        b"</head><body><h1>PAGE NOT FOUND<span>The page you've requested does not exist.</span>"
        b"</h1><p>Search the site or scan the index of our sections and stories below.</p>"
        b"</body></html>",
        "is a site's error page (PAGE NOT FOUNDThe page you've requested does not exist.), not",
    ),
    "debug-page": (
        b"<html><head><title>OpenURI::HTTPError at /slideshow/x</title></head><body><h1>"
        b"<strong>OpenURI::HTTPError</strong> at <strong>/slideshow/x</strong></h1><p>You're"
        b" seeing this error because you have enabled the show_exceptions setting.</p></body>"
        b"</html>",
        "is a site's error page (OpenURI::HTTPError at /slideshow/x), not an article",
    ),
    # news sites' error templates declare og:type "article" too: a status code still says it
    "story-template-404": (
        b'<html><head><meta property="og:type" content="article"><title>404 | Vanity Fair'
        b'</title><meta property="og:description" content="From world affairs to entertainment,'
        b' the magazine drives the dialogue."></head><body><p>From world affairs to'
        b" entertainment, the magazine drives the dialogue.</p></body></html>",
        "is a site's error page (404 | Vanity Fair), not an article",
    ),
    "iis-403": (
        b"<html><head><title>Forbidden</title></head><body><h2>Forbidden</h2><hr><p>HTTP Error"
        b" 403. The request URL is forbidden.</p></body></html>",
        "is a site's error page (Forbidden), not an article",
    ),
    "declared-error-page": (
        b'<html><head><meta name="prism.genre" content="errorPage"><title>News | Latest</title>'
        b'<meta name="description" content="Breaking news and video from the site.">'
        b"</head><body><h1>We are sorry</h1><p>It seems you clicked on a bad link and stumbled"
        b" upon this page. Try the search box, or read the news below.</p></body></html>",
        "is a site's error page (genre errorPage), not an article",
    ),
    # a section's front page: teasers of other stories glued together as if one article (OG's
    # type for a site's or a blog's front page: "website", "blog")
    "section-front-page": (
        b'<html><head><meta property="og:type" content="website"><link rel="canonical" href="'
        b'https://news.example/autos/news"><title>Cars and Automotive News</title></head><body>'
        b"<p>In order to find autos by brand it is necessary to download a browser that can"
        b" support it. Four thousand trucks are headed to auction this week.</p></body></html>",
        "is a section's front page (/autos/news), not an article",
    ),
    "json-feed": (
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "Blog", "items": []}',
        "is a JSON feed, not an article",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CONTENT))
def test_bad_content_is_refused_in_one_line(case: str, tmp_path: Path) -> None:
    data, reason = BAD_CONTENT[case]
    path = tmp_path / f"{case}.txt"
    path.write_bytes(data)
    with pytest.raises(ArticleError) as caught:
        load_article(path)
    message = str(caught.value)
    assert reason in message
    assert str(path) in message
    assert "\n" not in message
    assert caught.value.exit_code == 2


def test_stdin_errors_name_standard_input() -> None:
    with pytest.raises(ArticleError, match=r"^standard input is empty$"):
        parse_article(b"   ")


def test_no_stdin_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(ArticleError, match="standard input is not available"):
        load_article("-")


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.md"
    with pytest.raises(ArticleError, match=f"^{missing}: no such file$"):
        load_article(missing)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="is a directory"):
        load_article(tmp_path)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.md"
    path.write_text("Some text.")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)  # root ignores chmod, so fake the refusal
    with pytest.raises(ArticleError, match=r"^cannot read .*locked\.md: Permission denied$"):
        load_article(path)


def test_over_size_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: the size alone must refuse it
    with pytest.raises(
        ArticleError,
        match=r"^.*huge\.txt is 5,242,881 bytes; Herald reads articles up to 5 MB "
        r"\(5,242,880 bytes\)$",
    ):
        load_article(path)


def test_over_size_stdin_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.BytesIO(b"a" * (MAX_BYTES + 100))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    with pytest.raises(ArticleError, match=r"^standard input is over 5 MB; Herald reads"):
        load_article("-")
    assert stream.tell() == MAX_BYTES + 1  # read no further than needed to know


def test_over_size_bytes_are_refused() -> None:
    with pytest.raises(ArticleError, match="up to 5 MB"):
        parse_article(b"a " * (MAX_BYTES // 2 + 1))


def test_just_under_the_limit_is_read() -> None:
    paragraph = b"The tide came in at noon and went out again at dusk. " * 20 + b"\n\n"
    data = paragraph * (MAX_BYTES // len(paragraph))
    assert len(data) <= MAX_BYTES
    assert parse_article(data).title.startswith("The tide came in")


def test_errors_are_herald_errors() -> None:
    assert issubclass(ArticleError, HeraldError)


def test_a_story_headed_like_an_error_is_read() -> None:
    """Only a page that does not declare itself a story is refused for its headline."""
    article = parse_article(
        b'<html><head><meta property="og:type" content="article"><title>Not Found | Cinema'
        b"</title></head><body><h1>Not Found</h1><p>The film follows two sisters who search the"
        b" coast for their missing father, and it is the best debut of the year.</p></body></html>"
    )
    assert article.title == "Not Found"
