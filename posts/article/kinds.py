"""Tell plain text, Markdown and HTML apart by their content; the extension only breaks ties.

People save HTML as .txt and paste Markdown into stdin, so strong content signals (a doctype, a
front matter block, ATX headings) win over the file name.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from posts.article.markdown import FRONT_MATTER
from posts.model import ArticleKind

_SNIFF = 65536  # characters examined; signals live at the top of a document
_HTML_START = re.compile(  # possessive, as _FEED_ROOT below
    r"\A(?:\s|<\?xml[^>]*\?>|<!--.*?-->)*+<(?:!doctype\s+html|html|head|body)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(
    r"</?(?:p|div|article|section|h[1-6]|ul|ol|li|br|span|a|em|strong|b|i|header|footer|nav"
    r"|main|figure|img|table|blockquote)\b[^>]*>",
    re.IGNORECASE,
)
_MARKDOWN_STRONG = re.compile(r"^(?:#{1,6}[ \t]+\S|```|~~~)|^\S.*\n(?:=+|-{3,})[ \t]*$", re.M)
_MARKDOWN_WEAK = re.compile(
    r"\[[^\]\n]+\]\([^)\s]+\)|!\[|\*\*\S[^*\n]*\*\*|__\S[^_\n]*__|^[ \t]*[-*+][ \t]+\S",
    re.MULTILINE,
)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_MIN_TAGS = 5
_FEED_ROOT = re.compile(
    # possessive: a failed match never retries a comment as running on to a later "-->"
    r"\A(?:\s|<\?xml[^>]*\?>|<\?xml-stylesheet[^>]*\?>|<!--.*?-->)*+<(rss|feed|rdf:RDF)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_FEED_NAMES = {"rss": "an RSS", "feed": "an Atom", "rdf:rdf": "an RSS 1.0"}
_JSON_FEED = re.compile(r'\A\s*\{.{0,400}?"version"\s*:\s*"https://jsonfeed\.org/', re.DOTALL)


def detect_kind(text: str, source: str = "-") -> ArticleKind:
    """Guess the kind of ``text`` (read from ``source``, a path or "-")."""
    head = text[:_SNIFF]
    if FRONT_MATTER.match(head):
        return "markdown"
    if _HTML_START.match(head) or _mostly_tags(head):
        return "html"
    if _MARKDOWN_STRONG.search(head):
        return "markdown"
    suffix = PurePath(source).suffix.lower() if source != "-" else ""
    if suffix in _HTML_SUFFIXES and _HTML_TAG.search(head):
        return "html"
    if suffix in _MARKDOWN_SUFFIXES or _MARKDOWN_WEAK.search(head):
        return "markdown"
    return "text"


def feed_format(text: str) -> str | None:
    """ "an RSS", "an Atom" or "a JSON" when ``text`` is a feed document: a feed lists articles,
    and read as one it would post its XML declaration and channel title."""
    head = text[:_SNIFF]
    root = _FEED_ROOT.match(head)
    if root:
        return _FEED_NAMES[root.group(1).casefold()]
    return "a JSON" if _JSON_FEED.match(head) else None


def _mostly_tags(head: str) -> bool:
    """An HTML fragment without <html>: several tags, and most lines start with one."""
    if len(_HTML_TAG.findall(head)) < _MIN_TAGS:
        return False
    lines = [line.lstrip() for line in head.splitlines() if line.strip()]
    return sum(line.startswith("<") for line in lines) * 2 >= len(lines)
