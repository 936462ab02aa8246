"""Small text normalisations shared by the readers and the assembler."""

from __future__ import annotations

import html
import re

_NOT_WORD = re.compile(r"[\W_]+")
_ABSOLUTE_URL = re.compile(r"^https?://[^\s/]+\S*$", re.IGNORECASE)
_QUOTES = "\"'“”‘’«»„‚「」『』"


_LEFTOVER_ENTITY = re.compile(
    r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|amp|quot|apos|lt|gt|nbsp|[lr][sd]quo|hellip|[mn]dash);"
)


def unescape_leftovers(text: str) -> str:
    """Entities a CMS escaped twice ("That&#039;s") decoded once more; other text untouched."""
    return _LEFTOVER_ENTITY.sub(lambda m: html.unescape(m.group()), text) if "&" in text else text


def absolute_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) address (a relative link cannot be shared)."""
    return url.strip() if url and _ABSOLUTE_URL.match(url.strip()) else None


def squash(text: str) -> str:
    """Collapse runs of whitespace (including newlines) to one space."""
    return " ".join(text.split())


def comparable(text: str) -> str:
    """A key under which two spellings of the same title compare equal."""
    return _NOT_WORD.sub(" ", text.casefold()).strip()


def unquote(text: str) -> str:
    """Drop quotation marks wrapping a whole value ("“Title”" -> "Title")."""
    text = text.strip()
    while len(text) > 1 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text
