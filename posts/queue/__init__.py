"""The durable draft store: storage only (the application layer is :mod:`posts.app`).

The contract lives in the docstrings of its two sides: :class:`DraftStore` (the CLI: add, list,
edit, reschedule, cancel, retry) and :class:`WorkerStore` (a publisher bound to its worker id:
claims, leases, the part ledger, holds). Names are imported lazily, so importing
``posts.queue.model`` for a type never opens a database driver.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the real names for type checkers; at run time they load on first use
    from posts.queue.drafts import ConflictError, DraftStore, Planning
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
    from posts.queue.opening import open_readonly, open_store
    from posts.queue.worker import WorkerStore, open_worker

_HOMES = {
    "posts.queue.drafts": ("ConflictError", "DraftStore", "Planning"),
    "posts.queue.model": (
        "DRAFT_STATUSES", "PART_STATUSES", "Draft", "Event", "Hold", "NewDraft", "NewPart", "Part",
        "Source",
    ),
    "posts.queue.opening": ("open_readonly", "open_store"),
    "posts.queue.worker": ("WorkerStore", "open_worker"),
}  # fmt: skip
_MODULE = {name: module for module, names in _HOMES.items() for name in names}
__all__ = [
    "DRAFT_STATUSES",
    "PART_STATUSES",
    "ConflictError",
    "Draft",
    "DraftStore",
    "Event",
    "Hold",
    "NewDraft",
    "NewPart",
    "Part",
    "Planning",
    "Source",
    "WorkerStore",
    "open_readonly",
    "open_store",
    "open_worker",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULE:
        raise AttributeError(f"module 'posts.queue' has no attribute {name!r}")
    return getattr(importlib.import_module(_MODULE[name]), name)
