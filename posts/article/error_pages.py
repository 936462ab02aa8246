"""Saved error pages: a "404", a "Something has gone wrong…" or a framework's debug page is the
site's answer to a bad address, not an article; read as one it posts the error's headline and the
site's description. A server says so with its status code; a saved page or a "soft 404" (an error
page served with 200 OK) says so only in its headline and, on some sites, its metadata."""

from __future__ import annotations

import re
from collections.abc import Iterable

_STATUS = r"(?:(?:http\s+)?(?:error|fehler|erreur|errore|error\s+code)\s*:?\s*)?(?:4\d\d|5\d\d)"
# said alone, these name an error; "Gone", "Forbidden" or "Error" alone could head a story
_ALONE = (
    r"(?:(?:page|file|article|document|content)\s+)?not\s+found|nothing\s+found"
    r"|access\s+denied|internal\s+server\s+error|bad\s+gateway|gateway\s+time-?out"
    r"|service\s+(?:temporarily\s+)?unavailable"
    r"|(?:seite|datei)\s+nicht\s+gefunden|page\s+(?:non\s+)?introuvable"
    r"|p[aá]gina\s+no\s+encontrada|pagina\s+non\s+trovata"
)
_REASON = rf"{_ALONE}|forbidden|unauthori[sz]ed|gone|server\s+error|error|fehler|erreur"
_ERROR_HEADLINE = re.compile(
    rf"""(?ix)^(?:oops|sorry|whoops|uh[\s-]oh|hoppla|ups)?[\s!,.…]*(?:
        {_STATUS}(?:\s*[-–—:|]?\s*(?:{_REASON}))?
      | (?:{_ALONE})(?:\s*[-–—:(]?\s*{_STATUS}\)?)?
      | (?:{_REASON})\s*[-–—:(]?\s*{_STATUS}\)?
      | something\s+(?:has\s+)?(?:gone|went)\s+wrong
      | (?:that|this|the)\s+page\s+(?:(?:can(?:no|['’])t|could\s*(?:no|['’])t)\s+be\s+found
          |(?:does\s*(?:no|['’])t|doesn['’]t)\s+exist|(?:is|was)\s+not\s+found)
      | (?:we\s+)?(?:can(?:no|['’])t|could\s*(?:no|['’])t)\s+find\s+(?:that|this|the)\s+page
      | [\w:.]*(?:Error|Exception)\s+at\s+/\S*
    )[\s!.…]*$"""
)
_SEPARATOR = re.compile(r"\s+[|–—·:-]+\s+|\s*::\s*")
_GENRES = ("errorpage", "error page", "error")  # PRISM's prism.genre, as fox news declares it


def error_headline(titles: Iterable[tuple[str, str]], genres: Iterable[str]) -> str | None:
    """The visible headline or page title (``(source, text)`` pairs, sources "h1" and "title"
    count) that says the page is an error, or the genre the page declares; else None. Each part
    between a site's separators counts alone ("Page not found – My Blog")."""
    for source, text in titles:
        if source in ("h1", "title") and any(
            _ERROR_HEADLINE.match(part) for part in _SEPARATOR.split(text)
        ):
            return text
    return next((f"genre {g}" for g in genres if g.casefold() in _GENRES), None)
