"""A lead or key point too long for a post, made to fit the way an editor would.

A long aside between commas after the speaker's name goes: "Federal Reserve Bank of Kansas City
President Thomas M. Hoenig, the Fed's longest-serving policymaker and one of 10 people who
decides …, said that the Fed's policy … is "risking a repeat of past errors."" keeps its claim as
"… Thomas M. Hoenig said that …". Only an aside that describes the name ("the …", "a …", "one
of …", "who …") and ends right before what the person said or did ("said", "told", "warned"…).

Otherwise the sentence is ended where its trailing participial phrase or concession ("…, although
…") begins.

"The American Theatre Wing announced today that … has launched its second program, the Training
Scholarships, bridging the gap between talent and opportunity and creating a strong pipeline…"
is longer than a post. Broken across two, it reads as neither; an editor ends it before the
phrase that only elaborates: "…has launched its second program, the Training Scholarships." The
cut is made only after a comma, before a word ending in "-ing" followed by its object ("bridging
the", "creating a"), never at an attribution ("according to") or a preposition ("during"); in
English only, and only where what is left is most of the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

LEAST_KEPT = 0.4  # of the sentence's characters, what the cut must keep
_TAIL = re.compile(
    r",\s+(?!(?:according|during|notwithstanding|regarding|concerning|excluding|pending)\b)"
    r"[a-z]{2,}ing\s+(?:the|a|an|its|their|his|her|our|your|this|that|these|those|them|it|him|us"
    r"|to|up|out|over|into|on|in|with|more|new)\b"
)
# ", after American Airlines announced…", ", which is…": a clause that tells what came before
# or around the news, cut only to set the news beside the headline
_CLAUSE = re.compile(r",\s+(?:after|which)\s+")
# ", although we dutifully wrote about them (…)": a concession that only qualifies the point, cut
# from a sentence longer than a post rather than break it across two
_CONCESSION = re.compile(r",\s+(?:although|though|even\s+though|albeit)\s+")
_CONJUNCTION = re.compile(r"(?:But|And|Yet|Still,|Ultimately,)\s+(?=[A-Z][a-z])")
_OPENERS = (  # a sentence's first word that is not a name's
    "In|On|At|For|With|By|From|After|Before|During|But|And|When|While|If|As|Since|Though"
    "|Although|Because|Under|Over"
)
_NAME = (
    rf"(?!(?:{_OPENERS})\b)[A-Z][\w.'’-]*"
    r"(?:\s+(?:(?:of|the|de|van|von|der|for|and|la|le|du)\s+)*[A-Z][\w.'’-]*)*"
)
_APPOSITIVE = re.compile(
    rf"^(?P<name>{_NAME}),\s+(?:the|a|an|one\s+of|who|whose|also|now|formerly)\s[^\"“”]*?,"
    r"\s+(?=(?:said|says|told|tells|warned|warns|added|adds|argued|argues|wrote|writes"
    r"|explained|explains|noted|notes|insisted|insists|announced|announces)\b)"
)


def without_conjunction(sentence: str) -> str | None:
    """``sentence`` without the "But" or "And" that joins it to the one before, when a name
    follows it ("But Lust for Youth shows…" → "Lust for Youth shows…"); None otherwise."""
    found = _CONJUNCTION.match(sentence)
    return sentence[found.end() :] if found else None


def without_aside(sentence: str) -> str | None:
    """``sentence`` without the aside describing the name that opens it; None if it has none."""
    found = _APPOSITIVE.match(sentence)
    return f"{found['name']} {sentence[found.end() :]}" if found else None


def shortened(sentence: str, fits: Callable[[str], bool], clauses: bool = False) -> str | None:
    """``sentence`` without the aside after its opening name (:func:`without_aside`) if that
    ``fits``, else ended with a full stop before its trailing participial phrase or concession
    (or, with ``clauses``, an "after" or "which" clause), the latest such cut that fits; None
    when the sentence is no statement or no cut fits."""
    aside = without_aside(sentence)
    if aside is not None and fits(aside):
        return aside
    if not sentence.endswith((".", ".)")):
        return None
    tails = [
        *_TAIL.finditer(sentence),
        *_CONCESSION.finditer(sentence),
        *(_CLAUSE.finditer(sentence) if clauses else ()),
    ]
    for match in sorted(tails, key=lambda m: m.start(), reverse=True):
        head = sentence[: match.start()].rstrip()
        if len(head) < LEAST_KEPT * len(sentence):
            return None
        if head.count("(") == head.count(")") and fits(head + "."):
            return head + "."
    return None
