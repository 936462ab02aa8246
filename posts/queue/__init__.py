"""The durable draft store (see docs/architecture.md, "Draft store contract").

Names are imported lazily, as in ``posts``: ``posts.queue.slots`` (which the config loader uses
to check slot times) must not pull in SQLAlchemy and the store, so ``herald format`` never pays
for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the real names for type checkers; at run time they load on first use
    from posts.queue.model import (
        DRAFT_STATUSES,
        PART_STATUSES,
        Draft,
        Event,
        Hold,
        NewDraft,
        NewPart,
        Part,
        Source,
    )
    from posts.queue.store import ConflictError, Session, Store, open_readonly, open_store

__all__ = [
    "DRAFT_STATUSES",
    "PART_STATUSES",
    "ConflictError",
    "Draft",
    "Event",
    "Hold",
    "NewDraft",
    "NewPart",
    "Part",
    "Session",
    "Source",
    "Store",
    "open_readonly",
    "open_store",
]
_STORE_NAMES = frozenset({"ConflictError", "Session", "Store", "open_readonly", "open_store"})


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'posts.queue' has no attribute {name!r}")
    module = "posts.queue.store" if name in _STORE_NAMES else "posts.queue.model"
    return getattr(importlib.import_module(module), name)
