"""Tell prose from text no reader can read: paywall-scrambled letters, machine data.

Every language's running text is full of its short function words ("der", "und", "the", "of");
a paragraph of a dozen words or more with hardly any of them, in the page's language or any
other, is not prose. Some paywalls ship their body with each letter shifted by one ("Ibncvsh"
for "Hamburg"), which no sentence splitter or editor can use. The function-word lists are
jusText's (the ones trafilatura uses), so a hundred languages are covered without new data.
"""

from __future__ import annotations

import re
from functools import cache

from justext import get_stoplist, get_stoplists
from trafilatura.settings import JUSTEXT_LANGUAGES

_LEAST_WORDS = 12  # shorter paragraphs (labels, names, credits) are judged by other rules …
_LEAST_ON_GARBLED_PAGE = 4  # … unless a long one on the same page is garbled
_SHARE = 0.05  # function words below this share of a paragraph's words: not the page's language
_ANY_SHARE = 0.08  # … and below this share in every language: no language at all
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def garbled(paragraphs: tuple[str, ...], lang: str | None) -> frozenset[str]:
    """The paragraphs with (almost) no function words of any language.

    Only judged on pages that declare a language with a word list; a paragraph of another
    language on such a page (a quoted tweet) is still prose, because some language's list
    matches it. Once a long paragraph is garbled, short ones (captions, subheads scrambled the
    same way) are judged too, by the page's language alone: a few words match some language's
    list by chance ("v" is Czech for "in")."""
    own = _stoplist(lang)
    if own is None:
        return frozenset()
    words = {p: _words(p) for p in paragraphs}
    if not any(_is_garbled(listed, own) for listed in words.values()):
        return frozenset()
    least = _LEAST_ON_GARBLED_PAGE
    return frozenset(p for p, listed in words.items() if _is_foreign(listed, own, least))


def _words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


def _is_garbled(words: list[str], own: frozenset[str]) -> bool:
    return _is_foreign(words, own, _LEAST_WORDS) and all(
        _share(words, other) < _ANY_SHARE for other in _all_stoplists()
    )


def _is_foreign(words: list[str], own: frozenset[str], least: int) -> bool:
    """So few of the page language's function words that this is not that language."""
    return len(words) >= least and _share(words, own) < _SHARE


def _share(words: list[str], stoplist: frozenset[str]) -> float:
    return sum(word in stoplist for word in words) / len(words)


def _stoplist(lang: str | None) -> frozenset[str] | None:
    name = JUSTEXT_LANGUAGES.get((lang or "").split("-")[0].split("_")[0].lower())
    return _named_stoplist(name) if name else None


@cache
def _named_stoplist(name: str) -> frozenset[str]:
    return frozenset(get_stoplist(name))


@cache
def _all_stoplists() -> tuple[frozenset[str], ...]:
    """Every language's list; loaded only when a paragraph fails its own language's."""
    return tuple(_named_stoplist(name) for name in sorted(get_stoplists()))
