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


def shortened(sentence: str, fits: Callable[[str], bool]) -> str | None:
    """``sentence`` ended with a full stop before its trailing participial phrase, the latest
    such cut that ``fits``; None when the sentence is no statement or no cut fits."""
    if not sentence.endswith("."):
        return None
    for match in reversed(list(_TAIL.finditer(sentence))):
        head = sentence[: match.start()].rstrip()
        if len(head) < LEAST_KEPT * len(sentence):
            return None
        if fits(head + "."):
            return head + "."
    return None
