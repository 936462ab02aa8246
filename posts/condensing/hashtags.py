"""The article's hashtags as one platform accepts them.

Tags are normalised (NFC, no leading ``#``, no inner spaces), de-duplicated case-insensitively
keeping the first spelling, checked against the platform's hashtag rule (an invalid tag would
post as plain text, or not at all), and capped. Article order is kept throughout: authors list
their most important tag first, so the order doubles as the priority when room runs out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from posts import counting


@dataclass(frozen=True)
class TagChoice:
    """Tags (without ``#``) a rendition may carry, and those dropped with the reason why."""

    usable: tuple[str, ...]
    dropped: tuple[str, ...]
    warnings: tuple[str, ...]


def choose(platform: str, tags: Iterable[str], cap: int | None) -> TagChoice:
    """Normalise, de-duplicate, validate and cap ``tags`` for ``platform``."""
    usable: list[str] = []
    dropped: list[str] = []
    warnings: list[str] = []
    seen: set[str] = set()
    for raw in tags:
        tag = normalise(raw)
        if not tag or tag.casefold() in seen:
            continue
        seen.add(tag.casefold())
        if not counting.is_valid_hashtag(platform, tag):
            dropped.append(tag)
            warnings.append(f"#{tag} dropped: not a valid {platform} hashtag")
        elif cap is not None and len(usable) >= cap:
            dropped.append(tag)
            warnings.append(f"#{tag} dropped: over the cap of {cap} hashtags")
        else:
            usable.append(tag)
    return TagChoice(tuple(usable), tuple(dropped), tuple(warnings))


def normalise(tag: str) -> str:
    """``"#Open Data"`` → ``"OpenData"``: NFC, leading ``#``/``＃`` and all whitespace removed."""
    return "".join(unicodedata.normalize("NFC", tag).split()).lstrip("#＃")


def no_room(tags: Iterable[str], where: str) -> tuple[str, ...]:
    """Warnings for tags that were valid but did not fit ``where``."""
    return tuple(f"#{tag} dropped: no room in {where}" for tag in tags)
