"""The CLI's side of the draft store: add, edit, reschedule, cancel, retry, and planning.

Every status change is a compare-and-set on the status last read (``UPDATE … WHERE id = :d AND
status = :was`` plus a row-count check): a daemon that claimed the draft meanwhile wins, and the
CLI gets :class:`ConflictError` (re-read and decide again). Each call is one transaction; every
write bumps :meth:`Reader.revision`, which the daemons poll.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from posts.errors import InputError, StoreError
from posts.queue import rows
from posts.queue.epoch import from_ms, to_ms
from posts.queue.ids import new_id
from posts.queue.model import Draft, NewDraft, NewPart, PartImage
from posts.queue.reading import Reader, get
from posts.queue.sql import Conn, Database, Row, in_list

# Statuses whose parts count against a daily quota and occupy a posting slot.
ACTIVE_STATUSES = ("scheduled", "publishing", "published", "partial", "unconfirmed")
# Drafts whose posts may be edited (each part must still be unsent).
EDITABLE = ("draft", "awaiting", "scheduled", "missed", "cancelled", "failed")
ADD_EVENT = (
    "INSERT INTO events (draft_id, at, kind, part_index, worker, detail) "
    "VALUES (:d, :now, :kind, :i, :w, :detail)"
)


class ConflictError(StoreError):
    """A compare-and-set found the row changed by someone else; re-read and decide again."""


@dataclass(frozen=True)
class Booking:
    """A draft of one account at a time, as slot and quota planning sees it."""

    draft_id: str
    at: datetime
    posts: int  # parts that are or will be live (failed ones excluded)


def cas(changed: int, conflict: str) -> None:
    """The compare-and-set check: exactly one row matched what the caller last read."""
    if changed != 1:
        raise ConflictError(conflict)


def add_event(
    conn: Conn, draft_id: str, now: datetime, kind: str, detail: str = "", **who: Any
) -> None:
    """Append to the draft's history (``who``: ``i`` the part index, ``w`` the worker)."""
    params = {"i": None, "w": None, **who}
    conn.run(ADD_EVENT, d=draft_id, now=to_ms(now), kind=kind, detail=detail, **params)


def _added(draft_id: str, item: NewDraft, now_ms: int) -> Row:
    """The ``added`` event of a new draft."""
    detail = f"{len(item.parts)} part(s) from {item.source.path}"
    return {"d": draft_id, "now": now_ms, "kind": "added", "i": None, "w": None, "detail": detail}


class Planning:
    """One write transaction for read-plan-write (slots and quotas): see :meth:`DraftStore.plan`."""

    def __init__(self, db: Database, conn: Conn) -> None:
        self.db = db
        self.conn = conn

    def get(self, draft_id: str) -> Draft:
        return get(self.conn, draft_id)

    def bookings(self, account: str, start: datetime, end: datetime) -> list[Booking]:
        """Active drafts of ``account`` scheduled in [start, end), with their unfailed posts.

        Locks planning for the account until commit, so concurrent adders see each other.
        """
        self.db.lock_account(self.conn, account)
        active, params = in_list("s", ACTIVE_STATUSES)
        found = self.conn.rows(
            "SELECT id, scheduled_at, (SELECT count(*) FROM parts WHERE parts.draft_id = drafts.id"
            " AND parts.status <> 'failed') AS posts FROM drafts WHERE account = :a AND "
            f"scheduled_at >= :start AND scheduled_at < :end AND status IN {active} "
            "ORDER BY scheduled_at",
            params,
            a=account,
            start=to_ms(start),
            end=to_ms(end),
        )
        return [Booking(r["id"], from_ms(r["scheduled_at"]), r["posts"]) for r in found]

    def add(self, new: Sequence[NewDraft], now: datetime) -> list[Draft]:
        """Store new drafts (``draft``, or ``scheduled`` when they have a time), ids drawn fresh;
        three bulk inserts, however many drafts."""
        now_ms = to_ms(now)
        ids = self._fresh_ids(len(new))
        draft_rows = [rows.draft_row(i, item, now_ms) for i, item in zip(ids, new, strict=True)]
        self.conn.many(rows.INSERT_DRAFT, draft_rows)
        self.conn.many(
            rows.INSERT_PART,
            [
                r
                for i, item in zip(ids, new, strict=True)
                for r in rows.part_rows(i, item.parts, now_ms)
            ],
        )
        self.conn.many(
            ADD_EVENT, [_added(i, item, now_ms) for i, item in zip(ids, new, strict=True)]
        )
        return [
            rows.draft(
                {**row, "lease_owner": None, "lease_until": None}, rows.new_parts(item.parts, now)
            )
            for row, item in zip(draft_rows, new, strict=True)
        ]

    def _fresh_ids(self, count: int) -> list[str]:
        """``count`` new ids, none already stored (collisions are re-drawn)."""
        ids: list[str] = []
        seen: set[str] = set()
        while len(ids) < count:
            batch = sorted({new_id() for _ in range(count - len(ids))} - seen)
            seen.update(batch)
            taken = self._taken(batch)
            ids.extend(i for i in batch if i not in taken)
        return ids

    def _taken(self, ids: list[str]) -> set[str]:
        taken: set[str] = set()
        for start in range(0, len(ids), rows.CHUNK):
            chunk, params = in_list("d", ids[start : start + rows.CHUNK])
            taken.update(
                r["id"]
                for r in self.conn.rows(f"SELECT id FROM drafts WHERE id IN {chunk}", params)
            )
        return taken

    def approve(self, draft_id: str, when: datetime, now: datetime) -> Draft:
        """A draft awaiting approval → scheduled at ``when``."""
        draft = self.get(draft_id)
        require(draft, ("awaiting",), "approve")
        return self._schedule(draft, when, now, "approved")

    def reschedule(self, draft_id: str, when: datetime, now: datetime) -> Draft:
        """A draft, scheduled, missed or cancelled draft → scheduled at ``when``."""
        draft = self.get(draft_id)
        require(draft, ("draft", "scheduled", "missed", "cancelled"), "reschedule")
        return self._schedule(draft, when, now, "scheduled")

    def _schedule(self, draft: Draft, when: datetime, now: datetime, kind: str) -> Draft:
        """``draft`` → scheduled at ``when`` (any approval rule is spent); a ``kind`` event."""
        at = to_ms(when)
        set_status(self.conn, draft, "scheduled", now, scheduled_at=at, due_at=at, approval=None)
        add_event(self.conn, draft.id, now, kind, f"for {when.isoformat()}")
        return self.get(draft.id)


def set_status(
    conn: Conn, draft: Draft, status: str, now: datetime, **values: int | str | None
) -> None:
    """CAS on the status we read: a daemon that claimed it meanwhile wins, we report it."""
    assigned = "".join(f", {column} = :{column}" for column in values)
    changed = conn.run(
        f"UPDATE drafts SET status = :status, updated_at = :now{assigned} "
        "WHERE id = :d AND status = :was",
        values,
        status=status,
        now=to_ms(now),
        d=draft.id,
        was=draft.status,
    )
    if changed != 1:
        raise ConflictError(
            f"draft {draft.id} changed while you were working on it (it is now being handled by "
            "a scheduler); look at it again and try again",
            remedy="show",
            draft_id=draft.id,
        )


class UnconfirmedError(InputError):
    """A retry of a draft whose part may be live: the user must check and force it."""

    def __init__(self, draft: Draft) -> None:
        doubtful = [p.index + 1 for p in draft.parts if p.status == "unconfirmed"]
        which = ", ".join(str(i) for i in doubtful) or "?"
        super().__init__(
            f"draft {draft.id}: part {which} may already be live on {draft.platform} "
            f"({draft.account}) and Herald cannot check; look at the account, then force a retry "
            "(or cancel it)",
            remedy="force-retry",
            draft_id=draft.id,
        )


class StateError(InputError):
    """An action the draft's status does not allow (``status``, ``action``); a failed or partial
    draft is retried rather than rescheduled, cancelled drafts aside."""

    def __init__(self, draft: Draft, action: str) -> None:
        remedy = _state_remedy(draft.status, action)
        message = f"cannot {action} draft {draft.id}: it is {draft.status}"
        super().__init__(message, remedy=remedy, draft_id=draft.id)
        self.status, self.action = draft.status, action


def _state_remedy(status: str, action: str) -> str | None:
    """What to do instead: retry a failed or partial draft, approve one awaiting approval."""
    if status in ("failed", "partial") and action == "reschedule":
        return "retry"
    return "approve" if status == "awaiting" and action in ("reschedule", "retry") else None


def require(draft: Draft, allowed: tuple[str, ...], action: str) -> None:
    """Refuse ``action`` unless the draft is in one of the ``allowed`` statuses."""
    if draft.status in allowed:
        return
    if draft.status == "publishing":
        raise StoreError(
            f"draft {draft.id} is being published right now by {draft.lease_owner}; "
            "try again when it is done"
        )
    raise StateError(draft, action)


class DraftStore(Reader):
    """The draft store as the CLI uses it. Open with :func:`posts.queue.open_store`; safe to
    share between threads. Each write is one transaction (:meth:`plan` for several)."""

    @contextmanager
    def plan(self) -> Iterator[Planning]:
        """One write transaction: read, plan and write atomically (e.g. slots and quotas)."""
        with self.db.write() as conn:
            yield Planning(self.db, conn)

    def add(self, new: Sequence[NewDraft], now: datetime) -> list[Draft]:
        """Store new drafts in one transaction (see :meth:`Planning.add`)."""
        with self.plan() as p:
            return p.add(new, now)

    def reschedule(self, draft_id: str, when: datetime, now: datetime) -> Draft:
        with self.plan() as p:
            return p.reschedule(draft_id, when, now)

    def cancel(self, draft_id: str, now: datetime) -> Draft:
        """Anything not published or being published → cancelled."""
        with self.db.write() as conn:
            draft = get(conn, draft_id)
            require(
                draft,
                ("draft", "awaiting", "scheduled", "missed", "failed", "partial", "unconfirmed"),
                "cancel",
            )
            set_status(conn, draft, "cancelled", now, due_at=None)
            add_event(conn, draft.id, now, "cancelled", f"was {draft.status}")
            return get(conn, draft.id)

    def retry(self, draft_id: str, now: datetime, force: bool = False) -> Draft:
        """Send again what failed (``force``: also what is unconfirmed, after the user checked;
        such parts keep their idempotency key). The draft is due at ``now``."""
        with self.db.write() as conn:
            draft = get(conn, draft_id)
            if draft.status == "unconfirmed" and not force:
                raise UnconfirmedError(draft)
            require(draft, ("failed", "partial", "missed", "unconfirmed"), "retry")
            again, params = in_list("s", ("failed", "unconfirmed") if force else ("failed",))
            conn.run(  # the images are tried again too (the user may have fixed them)
                "UPDATE parts SET status = 'pending', attempts = 0, media_note = NULL, "
                f"media_attempts = 0, updated_at = :now WHERE draft_id = :d AND status IN {again}",
                params,
                d=draft.id,
                now=to_ms(now),
            )
            set_status(conn, draft, "scheduled", now, due_at=to_ms(now))
            add_event(
                conn, draft.id, now, "retry-forced" if force else "retried", f"was {draft.status}"
            )
            return get(conn, draft.id)

    def set_parts(self, draft_id: str, new_parts: Sequence[NewPart], now: datetime) -> Draft:
        """Replace the text of a draft nothing of which has gone out."""
        with self.db.write() as conn:
            draft = get(conn, draft_id)
            require(draft, EDITABLE, "edit")
            if any(p.status not in ("pending", "failed") for p in draft.parts):
                raise InputError(f"draft {draft.id} has parts already sent; it cannot be edited")
            set_status(conn, draft, draft.status, now)
            conn.run("DELETE FROM parts WHERE draft_id = :d", d=draft.id)
            conn.many(rows.INSERT_PART, rows.part_rows(draft.id, new_parts, to_ms(now)))
            add_event(conn, draft.id, now, "edited", f"{len(new_parts)} part(s)")
            return get(conn, draft.id)

    def set_images(
        self, draft_id: str, index: int, images: Sequence[PartImage], now: datetime
    ) -> Draft:
        """Replace the images (and alt texts) of one part not sent yet; uploads and notes made
        for the old ones are forgotten."""
        with self.db.write() as conn:
            draft = get(conn, draft_id)
            require(draft, EDITABLE, "edit")
            if draft.parts[index].status not in ("pending", "failed"):
                raise InputError(f"post {index + 1} of draft {draft.id} was already sent")
            set_status(conn, draft, draft.status, now)
            conn.run(
                "UPDATE parts SET images = :images, media = NULL, media_uploaded_at = NULL, "
                "media_note = NULL, media_attempts = 0, updated_at = :now "
                "WHERE draft_id = :d AND idx = :i",
                images=rows.images_json(images), now=to_ms(now), d=draft.id, i=index,
            )  # fmt: skip
            detail = "; ".join(f"{i.src} (alt: {i.alt or 'none'})" for i in images) or "none"
            add_event(conn, draft.id, now, "images", detail, i=index)
            return get(conn, draft.id)
