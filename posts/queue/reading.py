"""Reading the draft store: what both sides (the CLI and the publishers) look at.

Times are stored as integer epoch milliseconds UTC and come back as aware UTC datetimes. Every read
is one consistent snapshot; reads never block a writer (SQLite WAL, PostgreSQL MVCC).
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Iterator
from datetime import datetime

from posts.errors import NotFoundError
from posts.queue import rows
from posts.queue.epoch import from_ms
from posts.queue.ids import normalise
from posts.queue.model import Draft, Event, Hold
from posts.queue.sql import Conn, Database, Row, in_list

PAGE = 500  # drafts per query when a caller wants them all
NOT_HELD = "account NOT IN (SELECT account FROM account_holds)"
DUE_ORDER = "ORDER BY due_at, scheduled_at, id"


def not_found(draft_id: str) -> NotFoundError:
    return NotFoundError(f"no draft with id '{draft_id}'", remedy="list-drafts")


def get(conn: Conn, draft_id: str) -> Draft:
    """The draft with its parts; NotFoundError when there is none (ids are case-insensitive)."""
    key = normalise(draft_id)
    found = rows.load(conn, [key])
    if key not in found:
        raise not_found(draft_id)
    return found[key]


def matching(status: str | None, account: str | None, held: bool | None) -> tuple[str, Row]:
    """A WHERE clause (or "") for drafts of one status, account and held-ness."""
    where: list[str] = []
    params: Row = {}
    if status is not None:
        where.append("status = :status")
        params["status"] = status
    if account is not None:
        where.append("account = :account")
        params["account"] = account
    if held is not None:
        where.append(NOT_HELD.replace("NOT IN", "IN") if held else NOT_HELD)
    return (" WHERE " + " AND ".join(where)) if where else "", params


class Reader:
    """The reads of the store, shared by :class:`DraftStore` and :class:`WorkerStore`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def where(self) -> str:
        """The database, named for messages (never with a password)."""
        return self.db.where

    def close(self) -> None:
        self.db.dispose()

    def get(self, draft_id: str) -> Draft:
        """One draft with its parts; NotFoundError names the id as typed."""
        with self.db.read() as conn:
            return get(conn, draft_id)

    def iter_drafts(
        self, status: str | Iterable[str] | None = None, account: str | None = None
    ) -> Iterator[Draft]:
        """Every matching draft in :meth:`list` order, read a page at a time."""
        offset = 0
        while True:
            page = self.list(status=status, account=account, limit=PAGE, offset=offset)
            yield from page
            if len(page) < PAGE:
                return
            offset += PAGE

    def list(
        self,
        status: str | Iterable[str] | None = None,
        account: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> builtins.list[Draft]:
        """Drafts by scheduled time (unscheduled drafts first), then id."""
        where: builtins.list[str] = []
        params: Row = {"limit": limit, "offset": offset}
        if status is not None:
            wanted, statuses = in_list("s", [status] if isinstance(status, str) else status)
            where.append(f"status IN {wanted}")
            params.update(statuses)
        if account is not None:
            where.append("account = :account")
            params["account"] = account
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        order = "ORDER BY scheduled_at NULLS FIRST, id LIMIT :limit OFFSET :offset"
        return self._drafts(f"SELECT id FROM drafts{clause} {order}", params)

    def count(
        self, status: str | None = None, account: str | None = None, held: bool | None = None
    ) -> int:
        """How many drafts match (``held``: only those of held accounts, or of the others)."""
        clause, params = matching(status, account, held)
        with self.db.read() as conn:
            return int(conn.value(f"SELECT count(*) FROM drafts{clause}", params) or 0)

    def page(
        self,
        status: str,
        *,
        account: str | None = None,
        held: bool | None = None,
        newest_first: bool = False,
        limit: int = 50,
        offset: int = 0,
    ) -> builtins.list[Draft]:
        """One status's drafts by scheduled time (``newest_first``: latest first), read along the
        (status, scheduled_at, id) index so a page costs the same in a queue of any size."""
        clause, params = matching(status, account, held)
        order = (
            "scheduled_at DESC NULLS LAST, id DESC"
            if newest_first
            else "scheduled_at NULLS FIRST, id"
        )
        sql = f"SELECT id FROM drafts{clause} ORDER BY {order} LIMIT :limit OFFSET :offset"
        return self._drafts(sql, {**params, "limit": limit, "offset": offset})

    def history(self, draft_id: str) -> builtins.list[Event]:
        """The draft's events, oldest first; NotFoundError for an unknown id."""
        key = normalise(draft_id)
        with self.db.read() as conn:
            if conn.value("SELECT id FROM drafts WHERE id = :d", d=key) is None:
                raise not_found(draft_id)
            found = conn.rows("SELECT * FROM events WHERE draft_id = :d ORDER BY id", d=key)
        return [rows.event(r) for r in found]

    def revision(self) -> int:
        """A number that changes with every committed write, by any process (the daemon polls
        it to notice the CLI's changes); renewing a lease does not change it."""
        with self.db.read() as conn:
            return int(conn.value("SELECT value FROM store_revision") or 0)

    def next_due_at(self) -> datetime | None:
        """When the next claim can succeed: a scheduled draft's time or an expiring lease."""
        with self.db.read() as conn:
            due = conn.value(
                f"SELECT min(due_at) FROM drafts WHERE status = 'scheduled' AND {NOT_HELD}"
            )
            lease = conn.value("SELECT min(lease_until) FROM drafts WHERE status = 'publishing'")
        times = [t for t in (due, lease) if t is not None]
        return from_ms(min(times)) if times else None

    def next_due(self) -> Draft | None:
        """The scheduled draft that goes out next (held accounts left out), without its parts."""
        sql = f"SELECT * FROM drafts WHERE status = 'scheduled' AND {NOT_HELD} {DUE_ORDER} LIMIT 1"
        with self.db.read() as conn:
            found = conn.row(sql)
        return None if found is None else rows.draft(found)

    def holds(self) -> builtins.list[Hold]:
        """Every held account, by name (none in a database opened read-only before migration
        0003 added them)."""
        with self.db.read() as conn:
            if not self.db.has_table(conn, "account_holds"):
                return []
            found = conn.rows("SELECT * FROM account_holds ORDER BY account")
        return [rows.hold(r) for r in found]

    def _drafts(self, ids_sql: str, params: Row) -> builtins.list[Draft]:
        """The drafts whose ids a query lists, in its order, with their parts."""
        with self.db.read() as conn:
            ids = [r["id"] for r in conn.rows(ids_sql, params)]
            found = rows.load(conn, ids)
        return [found[i] for i in ids]
