"""Hashtags as the article writes them: hashtag lines, inline ``#tags`` and declared tags.

A tag starts after whitespace, an opening bracket or quote, or the start of a line, so URL
fragments (``page#intro``), ``C#`` and Markdown headings (``# Title``) are not tags, and a purely
numeric ``#123`` (an issue number, a rank) is not one either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

HASHTAG = re.compile(r"(?:^|(?<=[\s(\[{\"'“‘«]))#(?=\w*[^\W\d_])(\w+)", re.MULTILINE)
_QUOTED = re.compile(r"[\"“„«‘][^\"“”„«»‘’]{0,200}[\"”»’]")
_COMPOUND = re.compile(r"#\w+-(?=[^\W\d_])")
_TAG_LINE = re.compile(r"^(?:#\w+[\s,;·|]*)+$")


def find_hashtags(text: str) -> list[str]:
    """Inline hashtags in ``text``, without the '#', in order of appearance; code written in
    prose ("#include <stdio.h>", "#define") is no hashtag."""
    return [tag for tag in HASHTAG.findall(text) if tag.casefold() not in _DIRECTIVES]


_DIRECTIVES = frozenset(
    "include define undef ifdef ifndef endif elif pragma".split()  # noqa: SIM905
)


def inline_hashtags(text: str) -> list[str]:
    """The author's tags written in running text; a hashtag quoted ("the hashtag
    “#wontworkwithbigots”") or made part of a compound word ("der #Pegizei-Vorfall", "the
    #MeToo-era") is what others wrote, reported, not a tag of this article."""
    return find_hashtags(_COMPOUND.sub(" ", _QUOTED.sub(" ", text)))


def is_hashtag_line(line: str) -> bool:
    """True for a line made only of hashtags ("#Bats #UrbanWildlife")."""
    line = line.strip()
    return bool(line) and bool(_TAG_LINE.match(line)) and bool(find_hashtags(line))


def strip_trailing_hashtags(text: str) -> str:
    """Drop the hashtags closing a text ("... in general. #HEALTH" -> "... in general.")."""
    return re.sub(r"(?:\s+#\w+)+\s*$", "", text) if find_hashtags(text) else text


def clean_tag(tag: str) -> str:
    """A declared tag as a hashtag body: "#Open Data" -> "OpenData"."""
    return "".join(tag.split()).lstrip("#")


def unique(tags: Iterable[str]) -> tuple[str, ...]:
    """De-duplicate case-insensitively, keeping the first spelling and the order."""
    seen: set[str] = set()
    kept: list[str] = []
    for tag in tags:
        key = tag.casefold()
        if key not in seen:
            seen.add(key)
            kept.append(tag)
    return tuple(kept)
