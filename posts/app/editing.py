"""Editing a draft's posts as plain text, re-measured by the platform's own rules.

The buffer holds one post per block, blocks separated by a line that is exactly ``---``. Lines
starting with ``#|`` are Herald's comments and are dropped (a plain ``#`` starts a hashtag).
"""

from __future__ import annotations

import re
from datetime import datetime

from posts import platforms
from posts.counting import shortened_links
from posts.errors import InputError
from posts.platforms import Platform
from posts.queue.drafts import DraftStore
from posts.queue.model import Draft, NewPart, PartImage

SEPARATOR = "---"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # tab and newline are text
COMMENT = "#|"


def edit_buffer(draft: Draft) -> str:
    """The text an editor opens for ``draft``."""
    head = [
        f"{COMMENT} Draft {draft.id} for {draft.account} ({draft.platform}, limit {draft.limit}).",
        f"{COMMENT} One post per block; a line with only {SEPARATOR} separates posts.",
        f"{COMMENT} Lines starting with {COMMENT} are ignored. Empty the file to cancel the edit.",
    ]
    body = f"\n{SEPARATOR}\n".join(p.text for p in draft.parts)
    return "\n".join(head) + "\n" + body + "\n"


def parse_buffer(text: str) -> list[str]:
    """The edited buffer → post texts (empty list: the user cancelled)."""
    lines = [line for line in text.splitlines() if not line.startswith(COMMENT)]
    posts: list[list[str]] = [[]]
    for line in lines:
        if line.strip() == SEPARATOR:
            posts.append([])
        else:
            posts[-1].append(line)
    return [t for t in ("\n".join(p).strip() for p in posts) if t]


def measured(draft: Draft, texts: list[str]) -> list[NewPart]:
    """Posts with their platform length and facets; refuses any over the draft's limit. A link
    the draft showed shortened (Bluesky) still links to its address wherever the text keeps it."""
    described = platforms.get(draft.platform)
    card = _card(draft, len(texts))
    links = {
        shown: uri for p in draft.parts for shown, uri in shortened_links(p.text, p.facets).items()
    }
    parts: list[NewPart] = []
    for index, text in enumerate(texts):
        length = _checked_length(draft, described, index, text)
        embed = card[1] if card and card[0] == index else None
        images = _images(draft, index, len(texts))
        parts.append(NewPart(text, length, described.rules.facets_of(text, links), embed, images))
    return parts


def _images(draft: Draft, index: int, count: int) -> tuple[PartImage, ...]:
    """Images stay with their post's position (a shorter thread's last post takes the rest)."""
    return tuple(
        image
        for part in draft.parts
        if min(part.index, count - 1) == index
        for image in part.images
    )


def _checked_length(draft: Draft, described: Platform, index: int, text: str) -> int:
    """The post's length; InputError for control characters or a post over the limits."""
    if CONTROL.search(text):
        raise InputError(
            f"post {index + 1} of draft {draft.id} contains control characters (such as NUL); "
            "remove them (nothing was changed)"
        )
    length = described.rules.measure(text)
    size, most = len(text.encode()), described.max_bytes
    if length > draft.limit or (most is not None and size > most):
        over = f"{length}/{draft.limit}" if length > draft.limit else f"{size}/{most} bytes"
        raise InputError(
            f"post {index + 1} of draft {draft.id} is {over} on {draft.platform}; "
            "shorten it (nothing was changed)"
        )
    return length


def _card(draft: Draft, count: int) -> tuple[int, dict[str, object]] | None:
    """The link card stays with the post that carried it (the last one, if there are fewer)."""
    for part in draft.parts:
        if part.embed is not None:
            return min(part.index, count - 1), part.embed
    return None


MAX_POSTS = 100  # a thread longer than the config's max_posts bound is a mistake, not a draft


def apply_edit(store: DraftStore, draft_id: str, text: str, now: datetime) -> Draft | None:
    """Store the edited buffer; None when the user emptied it (nothing changes)."""
    draft = store.get(draft_id)
    texts = parse_buffer(text)
    if not texts:
        return None
    if len(texts) > MAX_POSTS:
        raise InputError(
            f"the edit has {len(texts)} posts; a draft holds at most {MAX_POSTS} "
            "(nothing was changed)"
        )
    return store.set_parts(draft.id, measured(draft, texts), now)
