"""Whose voice an article is told in: reported, or the author's own ("I", "we", "you").

An essay, a tutorial, a company's engineering post or an interview is told in person: its
sentences lean on what the author set up before them, and picked one by one they read as
disjoint details. An editor posts such a piece's opening, in order, as the author wrote it
(:func:`told_in_person`), and its single post does not skip ahead either. (A report's thread is
its opening too, but its single post may add its best-ranked sentence: a report's sentences
mostly name their subject and say who said what.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

# "I", "we", "you" and their forms; "US" (the country) is not "us".
_PERSON = re.compile(
    r"\b(?:I|I['’](?:m|ve|d|ll)|[Mm]y|me|[Ww]e(?:['’](?:re|ve|d|ll))?|us|[Oo]urs?"
    r"|[Yy]ou(?:['’](?:re|ve|d|ll))?|[Yy]ours?|[Yy]ourself)\b"
)
_REPORTED = re.compile(r"\b(?:said|says|told|according to)\b")
PERSONAL_SHARE = 0.15  # this share of sentences in person, outside quotation marks …
REPORTED_SHARE = 0.15  # … and fewer than this reporting what someone said: told in person
SAMPLE = 200  # paragraphs enough to tell, however long the article
_JOIN = "\x00"  # between a paragraph's sentences while quotations are taken out
_QUOTATION = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")


def told_in_person(paragraphs: Sequence[Sequence[str]], lang: str | None) -> bool:
    """Is the article (each paragraph a list of its sentences) told in the author's voice?
    English only: the cues are English words."""
    if not (lang or "en").casefold().startswith("en"):
        return False
    paragraphs = paragraphs[:SAMPLE]
    texts = list(_unquoted(paragraphs))
    if not texts:
        return False
    personal = sum(1 for text in texts if _PERSON.search(text))
    reported = sum(1 for paragraph in paragraphs for s in paragraph if _REPORTED.search(s))
    return personal >= PERSONAL_SHARE * len(texts) and reported < REPORTED_SHARE * len(texts)


def _unquoted(paragraphs: Sequence[Sequence[str]]) -> Iterator[str]:
    """Each sentence without what is inside quotation marks; a quotation may span sentences
    of its paragraph (one left open runs to the paragraph's end)."""
    for paragraph in paragraphs:
        yield from _QUOTATION.sub("", _JOIN.join(paragraph)).split(_JOIN)
