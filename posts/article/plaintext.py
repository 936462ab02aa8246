"""Plain-text articles, including text scraped from blogs.

Scraped text has no markup, so structure is inferred from conventions such pages share: a
"Title:" line (often repeated), bare heading lines (a short line without final punctuation that
is followed by more text), and paragraphs separated by blank lines.
"""

from __future__ import annotations

import re

from posts.article.boilerplate import is_boilerplate_paragraph, starts_trailer
from posts.article.extracted import Block, Extracted, Metadata
from posts.article.normalize import comparable, unquote

_TITLE_LINE = re.compile(r"^\s*title\s*:\s*(?P<title>\S.*?)\s*$", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
_FINAL_PUNCTUATION = tuple(".!?,;:…。！？、，；：")
_NOT_A_HEADING_START = ("#", "-", "*", "•", "+", ">", "|")
_MAX_HEADING_CHARS = 100
_MAX_HEADING_WORDS = 15


def read_plain_text(text: str) -> Extracted:
    """Split ``text`` into headings and paragraphs; a leading "Title:" line names the article."""
    title, text = take_title_lines(text)
    chunks = [chunk.strip() for chunk in _BLANK_LINES.split(text.strip()) if chunk.strip()]
    short = [_looks_like_heading(chunk) for chunk in chunks]
    blocks: list[Block] = []
    for index, chunk in enumerate(chunks):
        if _is_heading(index, chunk, short):
            level = 1 if index == 0 and title is None else 2
            blocks.append(Block(chunk, level, inferred=True))
        else:
            blocks.append(Block(chunk))
    return Extracted(blocks=tuple(blocks), meta=Metadata(title=title))


def _is_heading(index: int, chunk: str, short: list[bool]) -> bool:
    """A short line heads the text that follows it; a run of short lines is a list, not headings.

    The first line may head another heading (title, then section); "Related Posts" heads its list.
    """
    if not short[index] or index + 1 == len(short):
        return False
    return index == 0 or not short[index + 1] or starts_trailer(chunk)


def take_title_lines(text: str) -> tuple[str | None, str]:
    """Remove every "Title: X" line repeating the first one; return X and the rest.

    Scraped text repeats such lines; Markdown uses them as MultiMarkdown metadata.
    """
    lines = text.split("\n")
    first = next((line for line in lines if line.strip()), "")
    match = _TITLE_LINE.match(first)
    if match is None:
        return None, text
    title = unquote(match["title"])
    key = comparable(title)
    kept = [
        line
        for line in lines
        if not ((m := _TITLE_LINE.match(line)) and comparable(unquote(m["title"])) == key)
    ]
    return title, "\n".join(kept)


def _looks_like_heading(chunk: str) -> bool:
    """A short bare line; "Read more" stays a (dropped) line, "Related Posts" heads a section."""
    if is_boilerplate_paragraph(chunk) and not starts_trailer(chunk):
        return False
    return (
        "\n" not in chunk
        and len(chunk) <= _MAX_HEADING_CHARS
        and len(chunk.split()) <= _MAX_HEADING_WORDS
        and not chunk.endswith(_FINAL_PUNCTUATION)
        and not chunk.startswith(_NOT_A_HEADING_START)
        and "://" not in chunk
        and any(ch.isalpha() for ch in chunk)
    )
