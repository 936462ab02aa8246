"""Timestamp identifiers (TIDs), the record keys AT Protocol requires for posts.

A TID is 13 characters of base32-sortable text encoding ``(microseconds since epoch << 10) |
clock id``. Bluesky posts must use one as their record key; Herald generates it on the client and
stores it with the part *before* the first attempt, so a retry can ask the server whether that exact
record already exists. The atproto SDK only validates TIDs, so the generator lives here.
"""

from __future__ import annotations

import random
import threading
import time
from datetime import UTC, datetime

ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
_LENGTH = 13
_lock = threading.Lock()
_last_us = 0
_clock_id = random.randrange(1024)


def encode(micros: int, clock_id: int) -> str:
    """The TID for ``micros`` (µs since the Unix epoch) and a 10-bit ``clock_id``."""
    value = (micros << 10) | (clock_id & 0x3FF)
    chars = []
    for _ in range(_LENGTH):
        chars.append(ALPHABET[value & 0x1F])
        value >>= 5
    return "".join(reversed(chars))


def new_tid() -> str:
    """A fresh TID, strictly increasing within this process (two calls never collide)."""
    global _last_us
    with _lock:
        _last_us = max(time.time_ns() // 1000, _last_us + 1)
        return encode(_last_us, _clock_id)


def timestamp(tid: str) -> datetime:
    """When ``tid`` was made (UTC); raises ValueError for text that is not a TID."""
    if len(tid) != _LENGTH or any(c not in ALPHABET for c in tid) or tid[0] not in ALPHABET[:16]:
        raise ValueError(f"not a TID: {tid!r}")
    value = 0
    for char in tid:
        value = (value << 5) | ALPHABET.index(char)
    return datetime.fromtimestamp((value >> 10) / 1_000_000, tz=UTC)
