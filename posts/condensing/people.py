"""Who speaks in a sentence, and whether the reader has met them.

"Zeev Sharon said…" in a thread that never said who Zeev Sharon is reads like a name dropped
from nowhere; the article introduced him earlier ("Zeev Sharon and Michael Forrest Jones both
run hotel start-ups"). A key point whose speaker the thread has not named brings the sentence
that introduced them, or is left out (:func:`~posts.condensing.thread._passage`).

Likewise a passage in the first person inside an article written in the third person is
someone's words quoted at length (a blog post quoted in a news story): its sentences cannot be
posted without saying whose they are (:func:`quoted_voice`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_NAME = r"(?:[A-Z][\w'’.-]+\s+){0,2}[A-Z][\w'’-]+"
_VERB = r"(?:said|says|told|tells|added|adds|explained|explains|wrote|writes|noted|argued|recalled)"
_SPEAKERS = (
    re.compile(rf"(?<![\w.])({_NAME})\s+{_VERB}\b"),
    re.compile(rf"\b(?:{_VERB}|according to)\s+({_NAME})"),
)
# Capitalised words that open a clause rather than name someone.
_NOT_NAMES = frozenset(
    """he she it they we i you this that these those the a an but and so also then however
    mr mrs ms dr prof sir officials police experts critics researchers scientists""".split()  # noqa: SIM905
)
_SUBJECT = re.compile(r"([A-Z][\w'’-]+)(?:\s+(?:is|was|has|had)\b|,\s+(?:a|an|the|who)\b)")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|[Ww]e|us|[Oo]ur|[Mm]y|me)\b")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
QUOTED_PARAGRAPHS = 0.2  # at most this share of first-person paragraphs: the article is reported
FIRST_PERSON_SHARE = 1 / 3  # a paragraph this much in the first person is someone's words


def speakers(text: str) -> list[str]:
    """Surnames of the people ``text`` quotes or reports: "Zeev Sharon said" → ["Sharon"]."""
    found = []
    for pattern in _SPEAKERS:
        for match in pattern.finditer(text):
            words = [w for w in match[1].split() if w.casefold().rstrip(".") not in _NOT_NAMES]
            if words:
                found.append(words[-1])
    return found


def subject(text: str) -> str | None:
    """A bare name opening ``text`` as its subject ("Sharon is the CEO…", "Hicks, a Navy
    veteran, said…"): a surname, if the article wrote the full name before."""
    match = _SUBJECT.match(text)
    return match[1] if match and match[1].casefold() not in _NOT_NAMES else None


def full_name(name: str, text: str) -> bool:
    """Does ``text`` write ``name`` after a given name ("Zeev Sharon")?"""
    return re.search(rf"\b[A-Z][\w'’-]+\s+{re.escape(name)}(?!\w)", text) is not None


def mentions(name: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def first_person(text: str) -> bool:
    """Does ``text`` speak as "I" or "we" outside its quotation marks?"""
    return _FIRST_PERSON.search(_QUOTED.sub("", text)) is not None


def quoted_voice(paragraphs: Sequence[Sequence[str]]) -> frozenset[int]:
    """Indices of paragraphs (each a list of its sentences) written in the first person inside
    an article reported in the third person: someone's words, quoted without their name."""
    voiced = {i for i, sentences in enumerate(paragraphs) if _speaks_as_i(sentences)}
    reported = len(voiced) <= QUOTED_PARAGRAPHS * len(paragraphs) and 0 not in voiced
    return frozenset(voiced) if reported else frozenset()


def _speaks_as_i(sentences: Iterable[str]) -> bool:
    sentences = list(sentences)
    mine = sum(1 for s in sentences if first_person(s))
    return bool(sentences) and mine >= FIRST_PERSON_SHARE * len(sentences)
