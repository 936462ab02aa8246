"""The durable draft store: every operation the CLI and the daemons perform on drafts.

One code path for SQLite and PostgreSQL (SQLAlchemy Core). Every status change is a
compare-and-set — ``UPDATE … WHERE id = ? AND status = ?`` plus a row-count check — so the CLI and
any number of daemons never overwrite each other; a lost race raises :class:`ConflictError`.
Each write transaction also bumps a revision counter that daemons poll to notice changes made by
other processes.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Table,
    and_,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Row

from posts.errors import InputError, NotFoundError, StoreError
from posts.queue.engine import DEFAULT_BUSY_TIMEOUT, Database, database_url
from posts.queue.epoch import from_ms, to_ms, utcnow
from posts.queue.ids import new_id, normalise
from posts.queue.migrations import migrate
from posts.queue.model import (
    FINAL_STATUSES,
    Draft,
    DraftStatus,
    Event,
    Hold,
    NewDraft,
    NewPart,
    Part,
    RemoteRef,
    Source,
)
from posts.queue.prepared import Prepared
from posts.queue.schema import account_holds, drafts, events, parts, store_revision
from posts.queue.statements import (
    ADD_EVENT,
    BEGIN_PART,
    FINISH,
    PART_FAILED,
    PART_PUBLISHED,
    PART_RETRY,
    PART_UNCONFIRMED,
    RELEASE,
    RENEW_LEASE,
    TOUCH_OWNED,
    PartStep,
)

DRAFT_COLUMNS = tuple(c.name for c in drafts.columns)
PART_COLUMNS = tuple(c.name for c in parts.columns)
EVENT_COLUMNS = ("draft_id", "at", "kind", "part_index", "worker", "detail")  # id: generated
_CHUNK = 500  # ids per IN (...) list: well under SQLite's variable limit
# Statuses whose parts count against a daily quota and occupy a posting slot.
ACTIVE_STATUSES = ("scheduled", "publishing", "published", "partial", "unconfirmed")


_PAGE = 500  # drafts per query when a caller wants them all


class ConflictError(StoreError):
    """A compare-and-set found the row changed by someone else; re-read and decide again."""


@dataclass(frozen=True)
class Booking:
    """A draft of one account at a time, as slot and quota planning sees it."""

    draft_id: str
    at: datetime
    posts: int  # parts that are or will be live (failed ones excluded)


def _cas(rowcount: int, conflict: str) -> None:
    """The compare-and-set check: exactly one row matched what the caller last read."""
    if rowcount != 1:
        raise ConflictError(conflict)


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _seconds(value: timedelta | float) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _not_held() -> ColumnElement[bool]:
    """The draft's account is not held: held drafts stay due but are neither claimed nor missed."""
    return drafts.c.account.not_in(select(account_holds.c.account))


def _matching(
    status: str | None, account: str | None, held: bool | None
) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if status is not None:
        where.append(drafts.c.status == status)
    if account is not None:
        where.append(drafts.c.account == account)
    if held is not None:
        where.append(~_not_held() if held else _not_held())
    return where


class Session:
    """Operations inside one write transaction (see :meth:`Store.transaction`)."""

    def __init__(self, db: Database, conn: Connection) -> None:
        self.db = db
        self.conn = conn

    # -- reading ---------------------------------------------------------------------------------

    def get(self, draft_id: str) -> Draft:
        key = normalise(draft_id)
        found = _load(self.conn, [key])
        if key not in found:
            raise NotFoundError(f"no draft with id '{draft_id}' (see `herald queue list`)")
        return found[key]

    def bookings(self, account: str, start: datetime, end: datetime) -> list[Booking]:
        """Active drafts of ``account`` scheduled in [start, end), with their unfailed posts.

        Locks planning for the account until commit, so concurrent adders see each other.
        """
        self.db.lock_account(self.conn, account)
        live = (
            select(func.count())
            .where(parts.c.draft_id == drafts.c.id, parts.c.status != "failed")
            .scalar_subquery()
        )
        rows = self.conn.execute(
            select(drafts.c.id, drafts.c.scheduled_at, live)
            .where(
                drafts.c.account == account,
                drafts.c.scheduled_at >= to_ms(start),
                drafts.c.scheduled_at < to_ms(end),
                drafts.c.status.in_(ACTIVE_STATUSES),
            )
            .order_by(drafts.c.scheduled_at)
        )
        return [Booking(i, from_ms(at), n) for i, at, n in rows]

    # -- the CLI's writes ------------------------------------------------------------------------

    def add(self, new: Sequence[NewDraft], now: datetime) -> list[Draft]:
        ids = self._fresh_ids(len(new))
        now_ms = to_ms(now)
        draft_rows: list[tuple[Any, ...]] = []
        part_rows: list[tuple[Any, ...]] = []
        event_rows: list[tuple[Any, ...]] = []
        stored: list[Draft] = []
        for draft_id, item in zip(ids, new, strict=True):
            at = None if item.scheduled_at is None else to_ms(item.scheduled_at)
            status: DraftStatus = "draft" if at is None else "scheduled"
            src = item.source
            draft_rows.append(
                (draft_id, item.account, item.platform, src.path, src.content_hash, src.title,
                 src.url, src.lang, item.mode, item.limit, status, at, at, now_ms, now_ms,
                 None, None)
            )  # fmt: skip
            part_rows.extend(_part_rows(draft_id, item.parts, now_ms))
            event_rows.append(
                (draft_id, now_ms, "added", None, None,
                 f"{len(item.parts)} part(s) from {src.path}")
            )  # fmt: skip
            stored.append(
                Draft(draft_id, item.account, item.platform, src, item.mode, item.limit, status,
                      item.scheduled_at, item.scheduled_at, now, now,
                      parts=_new_parts(item.parts, now))
            )  # fmt: skip
        _bulk_insert(self.conn, drafts, DRAFT_COLUMNS, draft_rows)
        _bulk_insert(self.conn, parts, PART_COLUMNS, part_rows)
        _bulk_insert(self.conn, events, EVENT_COLUMNS, event_rows)
        return stored

    def _fresh_ids(self, count: int) -> list[str]:
        """``count`` new ids, none already stored (collisions are re-drawn)."""
        ids: list[str] = []
        seen: set[str] = set()
        while len(ids) < count:
            batch = {new_id() for _ in range(count - len(ids))} - seen
            taken: set[str] = set()
            candidates = sorted(batch)
            for start in range(0, len(candidates), _CHUNK):
                chunk = candidates[start : start + _CHUNK]
                taken.update(self.conn.scalars(select(drafts.c.id).where(drafts.c.id.in_(chunk))))
            fresh = [i for i in candidates if i not in taken]
            seen.update(batch)
            ids.extend(fresh)
        return ids

    def reschedule(self, draft_id: str, when: datetime, now: datetime) -> Draft:
        draft = self.get(draft_id)
        _require(
            draft,
            ("draft", "scheduled", "missed", "cancelled"),
            "reschedule",
            hint={"failed": "retry", "partial": "retry"},
        )
        self._set_draft(draft, "scheduled", now, scheduled_at=to_ms(when), due_at=to_ms(when))
        self._event(draft.id, now, "scheduled", f"for {when.isoformat()}")
        return self.get(draft.id)

    def cancel(self, draft_id: str, now: datetime) -> Draft:
        draft = self.get(draft_id)
        _require(
            draft, ("draft", "scheduled", "missed", "failed", "partial", "unconfirmed"), "cancel"
        )
        self._set_draft(draft, "cancelled", now, due_at=None)
        self._event(draft.id, now, "cancelled", f"was {draft.status}")
        return self.get(draft.id)

    def retry(self, draft_id: str, now: datetime, force: bool = False) -> Draft:
        """Send again what failed (``force``: also what is unconfirmed, after the user checked)."""
        draft = self.get(draft_id)
        if draft.status == "unconfirmed" and not force:
            raise InputError(_unconfirmed_advice(draft))
        _require(draft, ("failed", "partial", "missed", "unconfirmed"), "retry")
        again = ("failed", "unconfirmed") if force else ("failed",)
        self.conn.execute(
            update(parts)
            .where(parts.c.draft_id == draft.id, parts.c.status.in_(again))
            .values(status="pending", attempts=0, updated_at=to_ms(now))
        )
        self._set_draft(draft, "scheduled", now, due_at=to_ms(now))
        self._event(draft.id, now, "retry-forced" if force else "retried", f"was {draft.status}")
        return self.get(draft.id)

    def set_parts(self, draft_id: str, new_parts: Sequence[NewPart], now: datetime) -> Draft:
        """Replace the text of a draft nothing of which has gone out."""
        draft = self.get(draft_id)
        _require(draft, ("draft", "scheduled", "missed", "cancelled", "failed"), "edit")
        if any(p.status != "pending" and p.status != "failed" for p in draft.parts):
            raise InputError(f"draft {draft.id} has parts already sent; it cannot be edited")
        self._set_draft(draft, draft.status, now)
        self.conn.execute(delete(parts).where(parts.c.draft_id == draft.id))
        _bulk_insert(self.conn, parts, PART_COLUMNS, _part_rows(draft.id, new_parts, to_ms(now)))
        self._event(draft.id, now, "edited", f"{len(new_parts)} part(s)")
        return self.get(draft.id)

    def _set_draft(self, draft: Draft, status: str, now: datetime, **values: Any) -> None:
        """CAS on the status we read: a daemon that claimed it meanwhile wins, we report it."""
        _cas(
            self.conn.execute(
                update(drafts)
                .where(drafts.c.id == draft.id, drafts.c.status == draft.status)
                .values(status=status, updated_at=to_ms(now), **values)
            ).rowcount,
            f"draft {draft.id} changed while you were working on it (it is now being handled "
            "by a scheduler); look at `herald queue show` and try again",
        )

    # -- the publishing side (scheduler/tick.py) -------------------------------------------------

    def claim_due(
        self, now: datetime, worker: str, lease_seconds: float, limit: int
    ) -> list[Draft]:
        now_ms = to_ms(now)
        claimable = or_(
            and_(drafts.c.status == "scheduled", drafts.c.due_at <= now_ms, _not_held()),
            and_(drafts.c.status == "publishing", drafts.c.lease_until < now_ms),
        )
        rows = self.conn.execute(
            select(drafts.c.id, drafts.c.status, drafts.c.lease_owner)
            .where(claimable)
            .order_by(drafts.c.due_at, drafts.c.scheduled_at, drafts.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        if not rows:
            return []
        claimed = set(
            self.conn.scalars(
                update(drafts)
                .where(drafts.c.id.in_([r.id for r in rows]), claimable)
                .values(
                    status="publishing",
                    lease_owner=worker,
                    lease_until=now_ms + round(_seconds(lease_seconds) * 1000),
                    updated_at=now_ms,
                )
                .returning(drafts.c.id)
            )
        )
        for row in rows:
            if row.id in claimed:
                detail = (
                    "claimed" if row.status == "scheduled" else f"reclaimed from {row.lease_owner}"
                )
                self._event(row.id, now, "claimed", detail, worker=worker)
        found = _load(self.conn, list(claimed))
        return [found[r.id] for r in rows if r.id in claimed]

    def renew_lease(self, draft_id: str, worker: str, until: datetime) -> None:
        self._owned(RENEW_LEASE, draft_id, worker, until=to_ms(until))

    def begin_part(self, draft_id: str, index: int, worker: str, key: str, now: datetime) -> None:
        """pending (or sending, re-sent after a look-up proved it never landed) → sending."""
        self._part_step(BEGIN_PART, draft_id, index, worker, now, key=key)
        self._event(draft_id, now, "sending", f"key {key}", index, worker)

    def part_published(
        self, draft_id: str, index: int, worker: str, ref: RemoteRef, now: datetime
    ) -> None:
        self._part_step(
            PART_PUBLISHED,
            draft_id,
            index,
            worker,
            now,
            rid=ref.remote_id,
            cid=ref.cid,
            url=ref.url,
        )
        self._event(draft_id, now, "published", ref.url, index, worker)

    def part_retry(
        self,
        draft_id: str,
        index: int,
        worker: str,
        error: str,
        retry_at: datetime,
        now: datetime,
    ) -> None:
        """The part goes back to pending and the draft waits, unleased, until ``retry_at``."""
        self._set_part(PART_RETRY, draft_id, index, to_ms(now), error=error)
        self.postpone(draft_id, worker, retry_at, error, now, index=index)

    def postpone(
        self,
        draft_id: str,
        worker: str,
        until: datetime,
        reason: str,
        now: datetime,
        index: int | None = None,
    ) -> None:
        """Release a claimed draft until ``until`` without touching its parts (pacing, limits)."""
        self._owned(RELEASE, draft_id, worker, until=to_ms(until), now=to_ms(now))
        self._event(draft_id, now, "retry", f"at {until.isoformat()}: {reason}", index, worker)

    def part_failed(
        self, draft_id: str, index: int, worker: str, error: str, now: datetime
    ) -> None:
        self._part_step(PART_FAILED, draft_id, index, worker, now, error=error)
        self._event(draft_id, now, "failed", error, index, worker)

    def part_unconfirmed(
        self, draft_id: str, index: int, worker: str, error: str, now: datetime
    ) -> None:
        self._part_step(PART_UNCONFIRMED, draft_id, index, worker, now, error=error)
        self._event(draft_id, now, "unconfirmed", error, index, worker)

    def finish(self, draft_id: str, worker: str, status: str, now: datetime) -> None:
        if status not in FINAL_STATUSES:
            raise ValueError(f"finish() takes one of {FINAL_STATUSES}, not {status!r}")
        self._owned(FINISH, draft_id, worker, final=status, now=to_ms(now))
        self._event(draft_id, now, "finished", status, worker=worker)

    def mark_missed(self, now: datetime, older_than: timedelta | float) -> list[str]:
        """Scheduled drafts overdue by more than ``older_than`` with nothing live → missed."""
        cutoff = to_ms(now) - round(_seconds(older_than) * 1000)
        live = exists().where(parts.c.draft_id == drafts.c.id, parts.c.status == "published")
        missed = list(
            self.conn.scalars(
                update(drafts)
                .where(drafts.c.status == "scheduled", drafts.c.due_at < cutoff, ~live, _not_held())
                .values(status="missed", due_at=None, updated_at=to_ms(now))
                .returning(drafts.c.id)
            )
        )
        for draft_id in missed:
            self._event(draft_id, now, "missed", f"overdue by more than {_seconds(older_than):g} s")
        return sorted(missed)

    # -- accounts that need attention ------------------------------------------------------------

    def hold_account(
        self, account: str, kind: str, reason: str, now: datetime, remind_after: timedelta
    ) -> bool:
        """Hold ``account``'s drafts; True when this is news to report (a new hold, another
        reason, or the last report is ``remind_after`` old), and then it counts as reported."""
        old = self.conn.execute(
            select(account_holds).where(account_holds.c.account == account)
        ).first()
        now_ms = to_ms(now)
        if old is None:
            self.conn.execute(
                insert(account_holds).values(
                    account=account, kind=kind, reason=reason, since=now_ms, reported_at=now_ms
                )
            )
            return True
        news = (old.kind, old.reason) != (kind, reason)
        report = news or now_ms - old.reported_at >= _seconds(remind_after) * 1000
        self.conn.execute(
            update(account_holds)
            .where(account_holds.c.account == account)
            .values(kind=kind, reason=reason, reported_at=now_ms if report else old.reported_at)
        )
        return report

    def release_account(self, account: str, now: datetime) -> bool:
        """End the hold (False if there was none). Its overdue drafts become due now rather than
        keeping their old time, so the staleness window does not turn them into ``missed``."""
        gone = self.conn.execute(
            delete(account_holds).where(account_holds.c.account == account)
        ).rowcount
        if gone:
            self.conn.execute(
                update(drafts)
                .where(
                    drafts.c.account == account,
                    drafts.c.status == "scheduled",
                    drafts.c.due_at < to_ms(now),
                )
                .values(due_at=to_ms(now))
            )
        return bool(gone)

    # -- helpers ---------------------------------------------------------------------------------

    def _owned(self, statement: Prepared, draft_id: str, worker: str, **params: Any) -> None:
        """A worker's update of its draft: a CAS on the lease (status publishing, owner)."""
        _cas(
            statement(self.conn, d=draft_id, w=worker, **params),
            f"draft {draft_id} is no longer leased by {worker}",
        )

    def _part_step(
        self,
        step: PartStep,
        draft_id: str,
        index: int,
        worker: str,
        now: datetime,
        **params: Any,
    ) -> None:
        """A worker's step on one part: the lease is checked (and the draft touched) first."""
        at = to_ms(now)
        self._owned(TOUCH_OWNED, draft_id, worker, now=at)
        self._set_part(step, draft_id, index, at, **params)

    def _set_part(self, step: PartStep, draft_id: str, index: int, at: int, **params: Any) -> None:
        _cas(
            step.statement(self.conn, d=draft_id, i=index, now=at, **params),
            f"part {index} of draft {draft_id} is not {' or '.join(step.expected)}",
        )

    def _event(
        self,
        draft_id: str,
        now: datetime,
        kind: str,
        detail: str = "",
        index: int | None = None,
        worker: str | None = None,
    ) -> None:
        ADD_EVENT(
            self.conn, d=draft_id, now=to_ms(now), kind=kind, i=index, w=worker, detail=detail
        )


class Store:
    """The draft store. Open with :func:`open_store`; safe to share between threads."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def where(self) -> str:
        """The database, named for messages (never with a password)."""
        return self.db.where

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One write transaction: read, plan and write atomically (e.g. slots and quotas)."""
        with self.db.write() as conn:
            yield Session(self.db, conn)

    def close(self) -> None:
        self.db.dispose()

    # -- reading ---------------------------------------------------------------------------------

    def get(self, draft_id: str) -> Draft:
        with self.db.read() as conn:
            return Session(self.db, conn).get(draft_id)

    def iter_drafts(
        self, status: str | Iterable[str] | None = None, account: str | None = None
    ) -> Iterator[Draft]:
        """Every matching draft in :meth:`list` order, read a page at a time."""
        offset = 0
        while True:
            page = self.list(status=status, account=account, limit=_PAGE, offset=offset)
            yield from page
            if len(page) < _PAGE:
                return
            offset += _PAGE

    def list(
        self,
        status: str | Iterable[str] | None = None,
        account: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> builtins.list[Draft]:
        """Drafts by scheduled time (unscheduled drafts first), then id."""
        where: list[ColumnElement[bool]] = []
        if status is not None:
            wanted = [status] if isinstance(status, str) else list(status)
            where.append(drafts.c.status.in_(wanted))
        if account is not None:
            where.append(drafts.c.account == account)
        with self.db.read() as conn:
            ids = list(
                conn.scalars(
                    select(drafts.c.id)
                    .where(*where)
                    .order_by(drafts.c.scheduled_at.asc().nulls_first(), drafts.c.id)
                    .limit(limit)
                    .offset(offset)
                )
            )
            found = _load(conn, ids)
        return [found[i] for i in ids]

    def count(
        self, status: str | None = None, account: str | None = None, held: bool | None = None
    ) -> int:
        """How many drafts match (``held``: only those of held accounts, or of the others)."""
        where = _matching(status, account, held)
        with self.db.read() as conn:
            return int(conn.scalar(select(func.count()).select_from(drafts).where(*where)) or 0)

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
        when, key = drafts.c.scheduled_at, drafts.c.id
        order = (
            (when.desc().nulls_last(), key.desc()) if newest_first else (when.nulls_first(), key)
        )
        with self.db.read() as conn:
            ids = list(
                conn.scalars(
                    select(key)
                    .where(*_matching(status, account, held))
                    .order_by(*order)
                    .limit(limit)
                    .offset(offset)
                )
            )
            found = _load(conn, ids)
        return [found[i] for i in ids]

    def history(self, draft_id: str) -> builtins.list[Event]:
        key = normalise(draft_id)
        with self.db.read() as conn:
            if conn.scalar(select(drafts.c.id).where(drafts.c.id == key)) is None:
                raise NotFoundError(f"no draft with id '{draft_id}' (see `herald queue list`)")
            rows = conn.execute(
                select(events).where(events.c.draft_id == key).order_by(events.c.id)
            )
            return [
                Event(r.id, r.draft_id, from_ms(r.at), r.kind, r.part_index, r.worker, r.detail)
                for r in rows
            ]

    def revision(self) -> int:
        """A number that changes with every committed write, by any process."""
        with self.db.read() as conn:
            return int(conn.scalar(select(store_revision.c.value)) or 0)

    def next_due_at(self) -> datetime | None:
        """When the next claim can succeed: a scheduled draft's time or an expiring lease."""
        with self.db.read() as conn:
            due = conn.scalar(
                select(func.min(drafts.c.due_at)).where(drafts.c.status == "scheduled", _not_held())
            )
            lease = conn.scalar(
                select(func.min(drafts.c.lease_until)).where(drafts.c.status == "publishing")
            )
        times = [t for t in (due, lease) if t is not None]
        return from_ms(min(times)) if times else None

    def next_due(self) -> Draft | None:
        """The scheduled draft that goes out next (held accounts left out), without its parts."""
        with self.db.read() as conn:
            row = conn.execute(
                select(drafts)
                .where(drafts.c.status == "scheduled", _not_held())
                .order_by(drafts.c.due_at, drafts.c.scheduled_at, drafts.c.id)
                .limit(1)
            ).first()
        return None if row is None else _draft(row._mapping, ())

    def holds(self) -> builtins.list[Hold]:
        """Every held account, by name (none in a database opened read-only before migration
        0003 added them)."""
        with self.db.read() as conn:
            if not conn.dialect.has_table(conn, account_holds.name):
                return []
            rows = conn.execute(select(account_holds).order_by(account_holds.c.account))
            return [
                Hold(r.account, r.kind, r.reason, from_ms(r.since), from_ms(r.reported_at))
                for r in rows
            ]

    # -- writing (each call is one transaction) --------------------------------------------------

    def add(self, new: Sequence[NewDraft], now: datetime | None = None) -> builtins.list[Draft]:
        with self.transaction() as s:
            return s.add(new, now or utcnow())

    def reschedule(self, draft_id: str, when: datetime, now: datetime | None = None) -> Draft:
        with self.transaction() as s:
            return s.reschedule(draft_id, when, now or utcnow())

    def cancel(self, draft_id: str, now: datetime | None = None) -> Draft:
        with self.transaction() as s:
            return s.cancel(draft_id, now or utcnow())

    def retry(self, draft_id: str, now: datetime | None = None, force: bool = False) -> Draft:
        with self.transaction() as s:
            return s.retry(draft_id, now or utcnow(), force)

    def set_parts(
        self, draft_id: str, new_parts: Sequence[NewPart], now: datetime | None = None
    ) -> Draft:
        with self.transaction() as s:
            return s.set_parts(draft_id, new_parts, now or utcnow())

    def claim_due(
        self, now: datetime, worker: str, lease_seconds: float, limit: int
    ) -> builtins.list[Draft]:
        with self.transaction() as s:
            return s.claim_due(now, worker, lease_seconds, limit)

    def renew_lease(self, draft_id: str, worker: str, until: datetime) -> None:
        # No revision bump: a renewed lease changes nothing another process must react to.
        with self.db.write(bump=False) as conn:
            Session(self.db, conn).renew_lease(draft_id, worker, until)

    def begin_part(self, draft_id: str, index: int, worker: str, key: str, now: datetime) -> None:
        with self.transaction() as s:
            s.begin_part(draft_id, index, worker, key, now)

    def part_published(
        self, draft_id: str, index: int, worker: str, ref: RemoteRef, now: datetime
    ) -> None:
        with self.transaction() as s:
            s.part_published(draft_id, index, worker, ref, now)

    def part_retry(
        self,
        draft_id: str,
        index: int,
        worker: str,
        error: str,
        retry_at: datetime,
        now: datetime,
    ) -> None:
        with self.transaction() as s:
            s.part_retry(draft_id, index, worker, error, retry_at, now)

    def postpone(
        self, draft_id: str, worker: str, until: datetime, reason: str, now: datetime
    ) -> None:
        with self.transaction() as s:
            s.postpone(draft_id, worker, until, reason, now)

    def part_failed(
        self, draft_id: str, index: int, worker: str, error: str, now: datetime
    ) -> None:
        with self.transaction() as s:
            s.part_failed(draft_id, index, worker, error, now)

    def part_unconfirmed(
        self, draft_id: str, index: int, worker: str, error: str, now: datetime
    ) -> None:
        with self.transaction() as s:
            s.part_unconfirmed(draft_id, index, worker, error, now)

    def finish(self, draft_id: str, worker: str, status: str, now: datetime) -> None:
        with self.transaction() as s:
            s.finish(draft_id, worker, status, now)

    def mark_missed(self, now: datetime, older_than: timedelta | float) -> builtins.list[str]:
        with self.transaction() as s:
            return s.mark_missed(now, older_than)

    def hold_account(
        self, account: str, kind: str, reason: str, now: datetime, remind_after: timedelta
    ) -> bool:
        with self.transaction() as s:
            return s.hold_account(account, kind, reason, now, remind_after)

    def release_account(self, account: str, now: datetime) -> bool:
        with self.transaction() as s:
            return s.release_account(account, now)


def open_readonly(location: str, busy_timeout: float) -> Store | None:
    """The store at ``location`` for reading only: no migrations run, and a missing SQLite file is
    not created (None), so previews and dry runs leave the database byte-identical."""
    url = database_url(location)
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").exists():
        return None
    return Store(Database(location, busy_timeout))


def open_store(
    location: str | None = None,
    *,
    busy_timeout: float | None = None,
    now: datetime | None = None,
    pooled: bool = False,
) -> Store:
    """Open (creating and migrating as needed) the store at a path or URL.

    ``location`` None means the configured database (``HERALD_DB``, config, the data dir).
    ``pooled`` keeps SQLite connections open between transactions (the publishing daemon).
    Raises StoreError for a database created by a newer Herald, or one that cannot be opened.
    """
    if location is None or busy_timeout is None:
        from posts.config import load_config

        config = load_config()
        location = location or config.database
        busy_timeout = busy_timeout if busy_timeout is not None else config.database_timeout
    timeout = busy_timeout if busy_timeout is not None else DEFAULT_BUSY_TIMEOUT
    db = Database(location, timeout, pooled=pooled)
    migrate(db, to_ms(now or utcnow()))
    return Store(db)


# -- row mapping ---------------------------------------------------------------------------------


def _require(
    draft: Draft, allowed: tuple[str, ...], action: str, hint: dict[str, str] | None = None
) -> None:
    if draft.status in allowed:
        return
    if draft.status == "publishing":
        raise StoreError(
            f"draft {draft.id} is being published right now by {draft.lease_owner}; "
            "try again when it is done"
        )
    advice = (hint or {}).get(draft.status)
    tail = f"; use `herald queue {advice} {draft.id}`" if advice else ""
    raise InputError(f"cannot {action} draft {draft.id}: it is {draft.status}{tail}")


def _unconfirmed_advice(draft: Draft) -> str:
    doubtful = [p.index + 1 for p in draft.parts if p.status == "unconfirmed"]
    which = ", ".join(str(i) for i in doubtful) or "?"
    return (
        f"draft {draft.id}: part {which} may already be live on {draft.platform} "
        f"({draft.account}) and Herald cannot check; look at the account, then run "
        f"`herald queue retry {draft.id} --force` to send it again (or cancel it)"
    )


def _part_rows(draft_id: str, new_parts: Iterable[NewPart], now_ms: int) -> list[tuple[Any, ...]]:
    """Rows in PART_COLUMNS order for new, pending parts."""
    return [
        (draft_id, index, part.text, part.length,
         _json(list(part.facets)) if part.facets else "[]", _json(part.embed),
         "pending", None, None, None, None, 0, None, now_ms)
        for index, part in enumerate(new_parts)
    ]  # fmt: skip


def _bulk_insert(
    conn: Connection, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """executemany at the driver level: SQLAlchemy's per-row parameter processing would cost
    more than the inserts themselves, and these columns need no type conversion."""
    if not rows:
        return
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(columns))
    params: list[Any] = rows
    if not compiled.positional:  # e.g. psycopg's %(name)s
        params = [dict(zip(columns, row, strict=True)) for row in rows]
    elif tuple(compiled.positiontup or ()) != columns:
        order = [columns.index(key) for key in compiled.positiontup or ()]
        params = [tuple(row[i] for i in order) for row in rows]
    conn.exec_driver_sql(compiled.string, params)


def _new_parts(new_parts: Sequence[NewPart], now: datetime) -> tuple[Part, ...]:
    return tuple(
        Part(
            i,
            p.text,
            p.length,
            tuple(p.facets),
            p.embed,
            "pending",
            None,
            None,
            None,
            None,
            0,
            None,
            now,
        )
        for i, p in enumerate(new_parts)
    )


def _part(r: Any) -> Part:
    return Part(
        index=r["idx"],
        text=r["text"],
        length=r["length"],
        facets=tuple(json.loads(r["facets"])),
        embed=None if r["embed"] is None else json.loads(r["embed"]),
        status=r["status"],
        idempotency_key=r["idempotency_key"],
        remote_id=r["remote_id"],
        remote_cid=r["remote_cid"],
        remote_url=r["remote_url"],
        attempts=r["attempts"],
        last_error=r["last_error"],
        updated_at=from_ms(r["updated_at"]),
    )


def _draft(r: Any, draft_parts: tuple[Part, ...]) -> Draft:
    def at(value: int | None) -> datetime | None:
        return None if value is None else from_ms(value)

    return Draft(
        id=r["id"],
        account=r["account"],
        platform=r["platform"],
        source=Source(
            path=r["source_path"],
            content_hash=r["source_hash"],
            title=r["source_title"],
            url=r["source_url"],
            lang=r["lang"],
        ),
        mode=r["mode"],
        limit=r["post_limit"],
        status=r["status"],
        scheduled_at=at(r["scheduled_at"]),
        due_at=at(r["due_at"]),
        created_at=from_ms(r["created_at"]),
        updated_at=from_ms(r["updated_at"]),
        lease_owner=r["lease_owner"],
        lease_until=at(r["lease_until"]),
        parts=draft_parts,
    )


def _load(conn: Connection, ids: Sequence[str]) -> dict[str, Draft]:
    """Drafts with their parts, two queries per chunk of ids."""
    out: dict[str, Draft] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        by_draft: dict[str, list[Row[Any]]] = {}
        for prow in conn.execute(
            select(parts).where(parts.c.draft_id.in_(chunk)).order_by(parts.c.draft_id, parts.c.idx)
        ):
            by_draft.setdefault(prow.draft_id, []).append(prow)
        for drow in conn.execute(select(drafts).where(drafts.c.id.in_(chunk))):
            m = drow._mapping
            out[m["id"]] = _draft(m, tuple(_part(p._mapping) for p in by_draft.get(m["id"], [])))
    return out
