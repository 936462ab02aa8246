"""Saved error pages: a "404", a "Something has gone wrong…" or a framework's debug page is the
site's answer to a bad address, not an article; read as one it posts the error's headline and the
site's description. A server says so with its status code; a saved page or a "soft 404" (an error
page served with 200 OK) says so only in its headline and, on some sites, its metadata."""

from __future__ import annotations

import re
from collections.abc import Iterable

_STATUS = r"(?:(?:http\s+)?(?:error|fehler|erreur|errore|error\s+code)\s*:?\s*)?(?:4\d\d|5\d\d)"
# said alone, these may head a story ("Not Found", "Forbidden", films): an error only on a page
# that does not declare itself one
_BARE = (
    r"not\s+found|nothing\s+found|access\s+denied|forbidden|internal\s+server\s+error|bad\s+gateway"
    r"|gateway\s+time-?out|service\s+(?:temporarily\s+)?unavailable"
)
_MISSING = (
    r"(?:page|file|article|document|content)\s+not\s+found|(?:seite|datei)\s+nicht\s+gefunden"
    r"|page\s+(?:non\s+)?introuvable|p[aá]gina\s+no\s+encontrada|pagina\s+non\s+trovata"
)
_REASON = rf"{_MISSING}|{_BARE}|unauthori[sz]ed|gone|server\s+error|errors?|fehler|erreur"
_SORRY = r"(?:oops|sorry|whoops|uh[\s-]oh|hoppla|ups)?[\s!,.…]*"
_ERROR_HEADLINE = re.compile(
    rf"""(?ix)^{_SORRY}(?:
        {_STATUS}(?:\s*[-–—:|]?\s*(?:{_REASON}))?
      | (?:{_REASON})\s*[-–—:(]?\s*{_STATUS}\)?
      | {_MISSING}
      | something\s+(?:has\s+)?(?:gone|went)\s+wrong
      | (?:that|this|the)\s+page\s+(?:(?:can(?:no|['’])t|could\s*(?:no|['’])t)\s+be\s+found
          |(?:does\s*(?:no|['’])t|doesn['’]t)\s+exist|(?:is|was)\s+not\s+found)
      | (?:we\s+)?(?:can(?:no|['’])t|could\s*(?:no|['’])t)\s+find\s+(?:that|this|the)\s+page
      | [\w:.]*(?:Error|Exception)\s+at\s+/\S*
    )[\s!.…]*$"""
)
_BARE_HEADLINE = re.compile(rf"(?i)^{_SORRY}(?:{_BARE})[\s!.…]*$")
# a site's separators; and, in a heading glued to the text after it ("PAGE NOT FOUNDThe page
# you've requested does not exist."), a capitals run before a word, or a sentence's end
_SEPARATOR = re.compile(r"\s+[|–—·:-]+\s+|\s*::\s*|:\s+|(?<=[A-Z]{2})(?=[A-Z][a-z])|(?<=[.!?])\s+")
_GENRES = ("errorpage", "error page", "error")  # PRISM's prism.genre, as fox news declares it


def error_headline(
    titles: Iterable[tuple[str, str]], genres: Iterable[str], story: bool
) -> str | None:
    """The visible headline or page title (``(source, text)`` pairs, sources "h1" and "title"
    count) that says the page is an error, or the genre the page declares; else None. Each part
    between a site's separators counts alone ("Page not found – My Blog"). A page that declares
    itself a ``story`` (news sites' error templates do too) is an error only by a status code or
    a missing page, never by a bare "Not Found"."""
    patterns = (_ERROR_HEADLINE,) if story else (_ERROR_HEADLINE, _BARE_HEADLINE)
    for source, text in titles:
        parts = _SEPARATOR.split(text) if source in ("h1", "title") else ()
        if any(p.match(part) for p in patterns for part in parts):
            return text
    return next((f"genre {g}" for g in genres if g.casefold() in _GENRES), None)
