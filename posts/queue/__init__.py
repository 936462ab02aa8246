"""The durable draft store (see docs/architecture.md, "Draft store contract")."""

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
