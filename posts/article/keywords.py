"""Every tag and keyword the article carries, with who chose it and whether the text uses it.

Front-matter tags, hashtag lines and inline ``#tags`` are the author's; ``<meta name=keywords>``,
news_keywords and JSON-LD keywords are the CMS's, often a site-wide list ("percent", "deep").
Reading only records them; the condenser decides which deserve a hashtag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from posts.article.extracted import Metadata
from posts.article.scripts import SPACELESS
from posts.model import Keyword, KeywordSource

_PIECES = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+|[^\W\d_A-Za-z]+")


def keywords_of(
    meta: Metadata, hashtags: Iterable[tuple[str, KeywordSource]], text: str
) -> tuple[Keyword, ...]:
    """Declared tags, metadata keywords, then the body's hashtags; de-duplicated, first wins."""
    words = {w.casefold() for w in _PIECES.findall(text)}
    folded = text.casefold()
    found: dict[str, Keyword] = {}
    sources: list[tuple[str, KeywordSource]] = [
        *((tag, "front-matter") for tag in meta.tags),
        *((keyword, "meta") for keyword in meta.keywords),
        *hashtags,
    ]
    for raw, source in sources:
        key = "".join(raw.casefold().split()).lstrip("#")
        if key and key not in found:
            found[key] = Keyword(raw.strip(), source, _used(raw, words, folded, source))
    return tuple(found.values())


def _used(keyword: str, words: set[str], folded: str, source: KeywordSource) -> bool:
    """The title or body names it: every word of it (camel-case parts too) appears as a word.

    Tags written in the text are used by definition; scripts without spaces match as substrings.
    """
    if source in ("inline", "hashtag-line"):
        return True
    keyword = keyword.lstrip("#")
    if SPACELESS.search(keyword):
        return keyword.casefold() in folded
    pieces = [p.casefold() for p in _PIECES.findall(keyword)]
    return bool(pieces) and all(piece in words for piece in pieces)
