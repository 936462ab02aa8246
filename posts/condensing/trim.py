"""A lead too long for a post, ended where its trailing participial phrase begins.

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


def shortened(sentence: str, fits: Callable[[str], bool], clauses: bool = False) -> str | None:
    """``sentence`` ended with a full stop before its trailing participial phrase (or, with
    ``clauses``, an "after" or "which" clause), the latest such cut that ``fits``; None when the
    sentence is no statement or no cut fits."""
    if not sentence.endswith("."):
        return None
    tails = [*_TAIL.finditer(sentence), *(_CLAUSE.finditer(sentence) if clauses else ())]
    for match in sorted(tails, key=lambda m: m.start(), reverse=True):
        head = sentence[: match.start()].rstrip()
        if len(head) < LEAST_KEPT * len(sentence):
            return None
        if fits(head + "."):
            return head + "."
    return None
