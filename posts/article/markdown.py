"""Markdown articles: YAML front matter plus headings and paragraphs via markdown-it-py.

A real CommonMark parser (not regexes) decides what is a heading, a paragraph, code or an image,
so emphasis markers disappear, link text stays, and images, code and raw HTML are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from posts.article.extracted import Block, Extracted, Metadata
from posts.article.hashtags import clean_tag
from posts.article.plaintext import take_title_lines
from posts.errors import ArticleError

if TYPE_CHECKING:  # markdown-it and PyYAML are imported when used (start-up: ~30 ms together)
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_TEXT_FIELDS = ("title", "url", "summary", "description", "image", "image_alt", "lang")
# Where CommonMark (with tables and strikethrough) could see syntax: an inline marker, escape,
# entity, tab, CR or NUL anywhere, or a line neither blank (spaces) nor starting with a letter.
_SYNTAX = re.compile(r"[\\`*_~\[<&|\t\r\x00]|^(?! *$)(?![^\W\d_])", re.MULTILINE)


def read_markdown(text: str, name: str) -> Extracted:
    """Extract blocks and front-matter metadata from a Markdown document."""
    fields, body = split_front_matter(text, name)
    title = fields.get("title")
    if title is None:
        title, body = take_title_lines(body)
    prose = _prose_blocks(body)
    tokens = [] if prose is not None else _parser().parse(body)
    image, alt = (fields.get("image"), fields.get("image_alt"))
    if image is None:
        image, alt = _first_image(tokens)
    meta = Metadata(
        title=title,
        url=fields.get("url"),
        tags=_tags(fields.get("tags"), name),
        mentions=_tags(fields.get("mentions"), name, "mentions"),
        summary=fields.get("summary") or fields.get("description"),
        summary_origin="front-matter",
        description=fields.get("description"),
        image=image,
        image_alt=alt,
        lang=fields.get("lang"),
    )
    return Extracted(blocks=tuple(_blocks(tokens) if prose is None else prose), meta=meta)


def split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    """Return the front matter fields (strings, tags as given) and the body after it."""
    match = FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    import yaml  # only an article with front matter needs it

    try:  # libyaml's loader is ~10x faster than the pure-Python one; both are the safe loader
        data = yaml.load(match.group(1) or "", Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise ArticleError(f"{name}: front matter is not valid YAML{where}") from None
    if data is None:
        data = {}
    if isinstance(data, list):  # fields were meant, and the body would be read wrongly
        raise ArticleError(
            f"{name}: the front matter is a YAML list; write fields such as 'title: …' "
            "between the --- lines (or start the article without ---)"
        )
    if not isinstance(data, dict):
        return {}, text  # a thematic break, not front matter
    fields: dict[str, Any] = {}
    for key, value in data.items():
        key = str(key).lower()
        if key in _TEXT_FIELDS and value is not None:
            if isinstance(value, dict | list):
                raise ArticleError(f"{name}: front matter '{key}' must be text")
            fields[key] = str(value).strip() or None
        elif key in ("tags", "mentions"):
            fields[key] = value
    return fields, text[match.end() :]


def _tags(value: object, name: str, key: str = "tags") -> tuple[str, ...]:
    """Front-matter tags (or mentions) as written: a list, or a string separated by commas (else
    spaces); a leading '#' dropped. "small business" stays two words here, so the condenser can
    write it ``#SmallBusiness``; the article's hashtags squash it."""
    items: Sequence[object]
    if value is None:
        items = ()
    elif isinstance(value, str):
        items = value.split(",") if "," in value else value.split()
    elif isinstance(value, list):
        items = value
    elif isinstance(value, dict):
        raise ArticleError(f"{name}: front matter '{key}' must be a list or text")
    else:
        items = (value,)
    tags = (" ".join(str(item).split()).lstrip("#＃ ") for item in items if item is not None)
    return tuple(tag for tag in tags if clean_tag(tag))


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _prose_blocks(body: str) -> list[Block] | None:
    """The paragraphs markdown-it would find in ``body`` if it holds no syntax at all (else None):
    lines apart from blank ones, each line's trailing spaces dropped, as its soft breaks do.
    Short articles are often such prose, and reading them so skips importing markdown-it."""
    if _SYNTAX.search(body):
        return None
    paragraphs: list[list[str]] = [[]]
    for line in body.split("\n"):
        if line.strip(" "):
            paragraphs[-1].append(line.rstrip(" "))
        elif paragraphs[-1]:
            paragraphs.append([])
    texts = ("\n".join(lines).strip() for lines in paragraphs)
    return [Block(text, 0) for text in texts if text]


def _blocks(tokens: list[Token]) -> list[Block]:
    """Headings and paragraphs (also in lists and quotes); tables and code are skipped."""
    blocks: list[Block] = []
    quotes = 0  # how deep inside "> " block quotations
    for opening, token in pairwise(tokens):
        quotes += {"blockquote_open": 1, "blockquote_close": -1}.get(opening.type, 0)
        if token.type != "inline" or opening.type not in ("heading_open", "paragraph_open"):
            continue
        text = _inline_text(token.children or []).strip()
        if text:
            level = int(opening.tag[1]) if opening.type == "heading_open" else 0
            blocks.append(Block(text, level, quoted=quotes > 0))
    return blocks


def _first_image(tokens: list[Token]) -> tuple[str | None, str | None]:
    """``![alt](src "title")``: the article's first image, described by its alt (else title)."""
    for token in tokens:
        for child in token.children or []:
            if child.type == "image" and child.attrs.get("src"):
                alt = child.content.strip() or str(child.attrs.get("title") or "").strip()
                return str(child.attrs["src"]), alt or None
    return None, None


def _inline_text(children: list[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)
