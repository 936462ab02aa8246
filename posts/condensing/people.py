"""Who speaks in a sentence, and whether the reader has met them.

"Zeev Sharon said…" in a thread that never said who Zeev Sharon is reads like a name dropped
from nowhere; the article introduced him earlier ("Zeev Sharon and Michael Forrest Jones both
run hotel start-ups"). A key point whose speaker the thread has not named brings the sentence
that introduced them, or is left out (:func:`~posts.condensing.passages.with_context`).

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
# A run of capitalised words ("Arthur Edward Waite", "Dr. Shadlen's", "U.S.").
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")
_TITLES = frozenset(
    ["Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Sir", "Lord", "Lady"]
)
_OPENERS = frozenset(
    """in on at for when after before as with by from to of the a an but and so while since if
    although though because once during until unlike like despite""".split()  # noqa: SIM905
)
# "Luca de Miranda", "De Miranda's notion", "van Gogh": parts of a surname, not given names.
_PARTICLES = frozenset(
    "de De van Van von Von da Da di Di du Du del Del der Der la La le Le".split()  # noqa: SIM905
)
_POSSESSIVE = re.compile(r"['’]s?$")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|[Ww]e|us|[Oo]ur|[Mm]y|me)\b")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
QUOTED_PARAGRAPHS = 0.2  # at most this share of first-person paragraphs: the article is reported
FIRST_PERSON_SHARE = 1 / 3  # a paragraph this much in the first person is someone's words
SIGNATURES = 3  # name lines ("Jay Pelham, president, TotalBank") that make a round-up of voices
# "Donna Abood, principal and managing director, Avison Young": a name, then a role, no stop
_SIGNATURE = re.compile(
    r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3},\s+(?:[a-z]|[A-Z]{2,}\b)[^.!?]{0,120}$"
)


def speakers(text: str) -> list[str]:
    """Surnames of the people ``text`` quotes or reports: "Zeev Sharon said" → ["Sharon"]."""
    found = []
    for pattern in _SPEAKERS:
        for match in pattern.finditer(text):
            words = [w for w in match[1].split() if w.casefold().rstrip(".") not in _NOT_NAMES]
            if words:
                found.append(words[-1])
    return found


def bare_names(text: str) -> list[str]:
    """Names ``text`` writes alone, perhaps after a title ("Kaplan negotiated…", "In Dr.
    Shadlen's words…"): a surname, if the article wrote the full name before. The sentence's
    first word is a candidate too ("Kaplan negotiated…"); :func:`full_name` tells."""
    names = []
    for match in _CAPITALISED_RUN.finditer(text):
        words = [w for w in match[0].split() if w.rstrip(".") not in _TITLES | _PARTICLES]
        if match.start() == 0 and len(words) > 1 and words[0].casefold() in _OPENERS:
            words = words[1:]  # "In Dr. Shadlen's words": the sentence's first word is no name
        if len(words) == 1:
            name = _POSSESSIVE.sub("", words[0].rstrip("."))
            if len(name) > 2 and name.casefold() not in _NOT_NAMES:
                names.append(name)
    return names


def full_name(name: str, text: str) -> bool:
    """Does ``text`` write ``name`` after a given name ("Zeev Sharon")?"""
    particle = rf"(?:(?:{'|'.join(_PARTICLES)})\s+)?"
    return re.search(rf"\b[A-Z][\w'’-]*\.?\s+{particle}{re.escape(name)}(?!\w)", text) is not None


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


def signed_voices(paragraphs: Sequence[Sequence[str]]) -> frozenset[int]:
    """Indices of the answers in a round-up of signed answers ("The last time I took the bus…"
    then "Donna Abood, principal, Avison Young"): with :data:`SIGNATURES` or more such name
    lines, every paragraph from the one before the first name line on is one of the people
    asked, never the author (the name lines themselves are fragments, never posted)."""
    signed = [i for i, sentences in enumerate(paragraphs) if _SIGNATURE.match(" ".join(sentences))]
    if len(signed) < SIGNATURES:
        return frozenset()
    return frozenset(range(max(signed[0] - 1, 0), len(paragraphs))) - set(signed)


def _speaks_as_i(sentences: Iterable[str]) -> bool:
    sentences = list(sentences)
    mine = sum(1 for s in sentences if first_person(s))
    return bool(sentences) and mine >= FIRST_PERSON_SHARE * len(sentences)
