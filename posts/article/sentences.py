"""Sentence splitting with pysbd, hardened where pysbd alone goes wrong.

pysbd handles abbreviations ("Dr.", "e.g."), decimals, quotes and CJK 。！？, but it splits inside
URLs at '?' and after a CJK closing bracket (「本当？」と聞いた。). URLs and e-mail addresses are
masked with same-length filler before segmenting, and sentences are cut from the original text
by offset, so nothing is ever rewritten.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import pairwise

import pysbd
from pysbd.languages import LANGUAGE_CODES

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SPACE = re.compile(r"\s+")
_URLISH = re.compile(
    r"(?:https?://|www\.)\S+"  # explicit URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|\b[\w-]+(?:\.[\w-]+)+/\S*",  # bare domains with a path: data.example.org/tidepools
    re.IGNORECASE,
)
_URL_TRAILER = re.compile(r"[.,;:!?)\]}'\"”’»…]+$")  # sentence punctuation after a URL
# A "sentence" starting with a closing bracket or quote belongs to the previous one.
_CONTINUATION = tuple("」』）】〉》”’")


def split_sentences(text: str, lang: str | None = None) -> list[str]:
    """Split ``text`` into sentences; blank lines always end a sentence.

    ``lang`` is an article language such as "en-GB" or "ja"; languages pysbd does not know fall
    back to its English rules, which also handle CJK sentence punctuation.
    """
    code = _pysbd_language(lang)
    sentences: list[str] = []
    for paragraph in _PARAGRAPH_BREAK.split(text):
        paragraph = _SPACE.sub(" ", paragraph).strip()
        if paragraph:
            sentences.extend(_split_paragraph(paragraph, code))
    return sentences


def _pysbd_language(lang: str | None) -> str:
    code = (lang or "en").replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGE_CODES else "en"


@cache
def _segmenter(code: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=code, clean=False)


@lru_cache(maxsize=4096)
def _split_paragraph(paragraph: str, code: str) -> tuple[str, ...]:
    """Cut ``paragraph`` where pysbd's sentences start; text between cuts is never dropped."""
    masked = _URLISH.sub(_mask, paragraph)
    cuts = [0]
    position = 0
    for piece in _segmenter(code).segment(masked):
        piece = piece.strip()
        start = masked.find(piece, position) if piece else -1
        if start < 0:
            continue
        if start > cuts[-1] and not paragraph.startswith(_CONTINUATION, start):
            cuts.append(start)
        position = start + len(piece)
    bounds = [*cuts, len(paragraph)]
    return tuple(paragraph[a:b].strip() for a, b in pairwise(bounds))


def _mask(match: re.Match[str]) -> str:
    """Same-length filler for a URL, keeping the sentence punctuation that follows it."""
    url = match.group()
    trailer = _URL_TRAILER.search(url)
    core = url[: trailer.start()] if trailer else url
    return "x" * len(core) + url[len(core) :]
