"""Draft ids: short, lower-case, and free of look-alike characters (no 0/o, 1/l/i)."""

from __future__ import annotations

import secrets

ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
LENGTH = 7  # 31**7 ≈ 2.75e10 ids; the store re-draws the rare collision
_SPACE = len(ALPHABET) ** LENGTH


def new_id() -> str:
    n = secrets.randbelow(_SPACE)
    chars = []
    for _ in range(LENGTH):
        n, digit = divmod(n, len(ALPHABET))
        chars.append(ALPHABET[digit])
    return "".join(chars)


def normalise(draft_id: str) -> str:
    """Ids are case-insensitive when typed."""
    return draft_id.strip().lower()
