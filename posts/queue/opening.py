"""Opening the draft store: the CLI's side, or read-only (a publisher's: :func:`open_worker`)."""

from __future__ import annotations

from datetime import datetime

from posts.queue.drafts import DraftStore
from posts.queue.epoch import to_ms
from posts.queue.migrations import migrate
from posts.queue.sql import DEFAULT_BUSY_TIMEOUT, Database, locate


def open_database(
    location: str,
    *,
    now: datetime,
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    pooled: bool = False,
) -> Database:
    """The database at a path or URL, created and migrated as needed (``now`` dates the
    migrations). ``pooled`` keeps connections open between transactions (the publishing daemon).
    Raises StoreError for a database created by a newer Herald, or one that cannot be opened."""
    db = Database(location, busy_timeout, pooled=pooled)
    migrate(db, to_ms(now))
    return db


def open_store(
    location: str, *, now: datetime, busy_timeout: float = DEFAULT_BUSY_TIMEOUT
) -> DraftStore:
    """The store as the CLI uses it (see :func:`open_database`)."""
    return DraftStore(open_database(location, now=now, busy_timeout=busy_timeout))


def open_readonly(location: str, busy_timeout: float) -> DraftStore | None:
    """The store at ``location`` for reading only: no migrations run, and a missing SQLite file is
    not created (None), so previews and dry runs leave the database byte-identical."""
    found = locate(location)
    if found.sqlite and (found.file is None or not found.file.exists()):
        return None
    return DraftStore(Database(location, busy_timeout))
