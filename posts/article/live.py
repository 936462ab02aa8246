"""A live page: timed updates, newest first ("17.00 We are going to leave our live coverage…").

Its first paragraph is the latest update (often a sign-off), not the news; its description says
what the page follows, even when the site leaves off its full stop."""

from __future__ import annotations

import re
from collections.abc import Sequence

# "17.00 We are…", "16:45 GMT The search…", "4.32pm Officials…": a clock time, then a sentence
# ("1.25 cups flour" is no update)
_AM_PM = r"\s?[aApP]\.?[mM]\.?"
_STAMP = re.compile(
    rf"(?:(?:[01]?\d|2[0-3])[.:][0-5]\d(?:{_AM_PM})?|(?:1[0-2]|0?[1-9]){_AM_PM})"
    r"\s+(?:[A-Z]{2,4}\s+)?[A-Z\"“‘']"
)
STAMPED = 3  # updates that make a page a live one


def is_live(paragraphs: Sequence[str]) -> bool:
    """Do at least :data:`STAMPED` paragraphs open with a clock time?"""
    return sum(1 for p in paragraphs if _STAMP.match(p)) >= STAMPED
