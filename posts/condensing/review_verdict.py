"""A review's verdict: where a critic says what they make of the album, film or book.

A review opens on background ("Coldwave never cared about you. The minimalistic,
machine-driven sound…") and says what it thinks at its end ("But Lust for Youth shows they might
have escaped coldwave's dead end only to settle into a rut."). A thread that reads only its
opening never says whether the thing is any good; an editor posts the opening and the verdict.
"""

from __future__ import annotations

import re

from posts.model import Article

# "… Album Review", "Review: …", "Dunkirk review – …", "Film review: …"; not "Council to review
# bus fares" nor "peer review"
_TITLE = re.compile(
    r"(?i)^review\s*[:|–—-]|\breview\s*$|\breview\s*[:|–—-]\s|(?<!peer )(?<!judicial )"
    r"\b(?:album|film|movie|book|game|theatre|theater|restaurant|tv|concert|show|series)\s+review\b"
)
_ADDRESS = re.compile(r"(?i)/reviews?/|[/-]review(?:[/-]|\.html?$|$)")


def is_review(article: Article) -> bool:
    """Does the headline or the address say the article is a review?"""
    if _TITLE.search(article.title):
        return True
    return bool(article.url and _ADDRESS.search(article.url.split("?")[0]))
