"""The publishers' side of the draft store: claims, leases, the part ledger, holds.

A :class:`WorkerStore` is bound to one worker id. Every call on a claimed draft is a compare-and-set
on the lease (``status = 'publishing' AND lease_owner = :w``); part steps also name the statuses a
part may be in before the step. A lost compare-and-set rolls the transaction back and raises
:class:`ConflictError` (another worker took the draft over, or the part moved on).

Exactly-once rests on two commits around each platform call: :meth:`begin_part` (pending → sending,
with the idempotency key, *before* the call) and :meth:`part_published` (sending → published, with
the remote id and URL, *after* it). A part found ``sending`` after a crash must be looked up by its
key before anything is sent again.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from posts.queue import rows
from posts.queue.drafts import add_event, cas
from posts.queue.epoch import from_ms, to_ms
from posts.queue.model import FINAL_STATUSES, Draft, RemoteRef, StoredMedia
from posts.queue.opening import open_database
from posts.queue.reading import DUE_ORDER, NOT_HELD, Reader
from posts.queue.sql import DEFAULT_BUSY_TIMEOUT, Conn, Database, in_list

CLAIMABLE = (
    f"((status = 'scheduled' AND due_at <= :now AND {NOT_HELD}) "
    "OR (status = 'publishing' AND lease_until < :now))"
)
OWNED = "WHERE id = :d AND status = 'publishing' AND lease_owner = :w"
RELEASE = (
    "UPDATE drafts SET status = 'scheduled', due_at = :until, lease_owner = NULL, "
    f"lease_until = NULL, updated_at = :now {OWNED}"
)
FINISH = (
    "UPDATE drafts SET status = :final, due_at = NULL, lease_owner = NULL, lease_until = NULL, "
    f"updated_at = :now {OWNED}"
)
LIVE = "EXISTS (SELECT 1 FROM parts WHERE parts.draft_id = drafts.id AND status = 'published')"


Step = tuple[tuple[str, ...], str]  # the statuses a part may be in before the step; the UPDATE


def _part_step(expected: tuple[str, ...], assign: str) -> Step:
    """An update of part :i of draft :d that only succeeds from one of the ``expected`` statuses."""
    allowed = " OR ".join(f"status = '{status}'" for status in expected)
    where = f"draft_id = :d AND idx = :i AND ({allowed})"
    return expected, f"UPDATE parts SET updated_at = :now, {assign} WHERE {where}"


BEGIN_PART = _part_step(
    ("pending", "sending"), "status = 'sending', idempotency_key = :key, attempts = attempts + 1"
)
PART_PUBLISHED = _part_step(
    ("sending",),
    "status = 'published', remote_id = :rid, remote_cid = :cid, remote_url = :url, "
    "last_error = NULL",
)
PART_RETRY = _part_step(("sending", "pending"), "status = 'pending', last_error = :error")
PART_FAILED = _part_step(("pending", "sending"), "status = 'failed', last_error = :error")
PART_UNCONFIRMED = _part_step(("sending",), "status = 'unconfirmed', last_error = :error")
# A part is normally pending when its images are settled; it may be sending when a look-up found
# an interrupted attempt never landed and its images were not settled before it.
PART_MEDIA = _part_step(
    ("pending", "sending"), "media = :media, media_uploaded_at = :at, media_note = NULL"
)
PART_MEDIA_NOTE = _part_step(("pending", "sending"), "media_note = :note")
PART_MEDIA_RETRY = _part_step(
    ("pending", "sending"),
    "status = 'pending', media_attempts = media_attempts + 1, last_error = :error",
)
# The platform no longer knows the part's stored uploads: they are dropped, and the next attempt
# uploads afresh (the post was refused, so nothing landed).
PART_MEDIA_EXPIRED = _part_step(
    ("sending",),
    "status = 'pending', media = NULL, media_uploaded_at = NULL, last_error = :error",
)


HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class Pacing:
    """An account's stored pacing: its draft starts in the last hour, oldest first, and the end
    of a rate limit still running (None if none)."""

    starts: list[datetime]
    limit: datetime | None


def _seconds(value: timedelta | float) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class WorkerStore(Reader):
    """The store as one publisher (``worker``) uses it; safe to share between threads."""

    def __init__(self, db: Database, worker: str) -> None:
        super().__init__(db)
        self.worker = worker

    def claim_due(
        self, now: datetime, lease_seconds: float, limit: int, skip: Collection[str] = ()
    ) -> list[Draft]:
        """Atomically lease up to ``limit`` due drafts (oldest due first) with all their parts,
        none of the accounts in ``skip`` (those already publishing on a lane).

        Also reclaims drafts whose lease expired; such a draft may have a part still ``sending``:
        reconcile it by look-up before anything else. Held accounts' drafts are never claimed.
        """
        now_ms = to_ms(now)
        skipped, params = in_list("skip", sorted(skip))
        besides = f" AND account NOT IN {skipped}" if skip else ""
        with self.db.write() as conn:
            found = conn.rows(
                f"SELECT id, status, lease_owner FROM drafts WHERE {CLAIMABLE}{besides} "
                f"{DUE_ORDER} LIMIT :limit{self.db.skip_locked}",
                params,
                now=now_ms,
                limit=limit,
            )
            claimed = self._lease(conn, [r["id"] for r in found], now_ms, lease_seconds)
            for r in (r for r in found if r["id"] in claimed):
                detail = (
                    "claimed"
                    if r["status"] == "scheduled"
                    else f"reclaimed from {r['lease_owner']}"
                )
                add_event(conn, r["id"], now, "claimed", detail, w=self.worker)
            drafts = rows.load(conn, [r["id"] for r in found if r["id"] in claimed])
        return [drafts[r["id"]] for r in found if r["id"] in claimed]

    def _lease(self, conn: Conn, ids: list[str], now_ms: int, lease_seconds: float) -> set[str]:
        if not ids:
            return set()
        chosen, params = in_list("d", ids)
        leased = conn.rows(
            "UPDATE drafts SET status = 'publishing', lease_owner = :w, lease_until = :until, "
            f"updated_at = :now WHERE id IN {chosen} AND {CLAIMABLE} RETURNING id",
            params,
            w=self.worker,
            until=now_ms + round(_seconds(lease_seconds) * 1000),
            now=now_ms,
        )
        return {r["id"] for r in leased}

    def renew_lease(self, draft_id: str, until: datetime) -> None:
        """Extend the lease of a draft this worker holds (no revision bump: nobody must react)."""
        with self.db.write(bump=False) as conn:
            self._owned(
                conn,
                f"UPDATE drafts SET lease_until = :until {OWNED}",
                draft_id,
                until=to_ms(until),
            )

    def expire_leases(self, now: datetime) -> list[tuple[str, str]]:
        """End every lease at once (SQLite, whose one publisher is dead when the lock is free):
        the drafts are claimable again. Returns (draft id, previous owner) pairs."""
        with self.db.write(bump=False) as conn:
            return [
                (r["id"], r["lease_owner"] or "")
                for r in conn.rows(
                    "UPDATE drafts SET lease_until = :until WHERE status = 'publishing' "
                    "RETURNING id, lease_owner",
                    until=to_ms(now) - 1,
                )
            ]

    def begin_part(self, draft_id: str, index: int, key: str, now: datetime) -> None:
        """pending (or sending, re-sent after a look-up proved it never landed) → sending, with
        ``key`` stored and attempts + 1; committed before the platform call."""
        with self.db.write() as conn:
            self._step(conn, BEGIN_PART, draft_id, index, now, key=key)
            add_event(conn, draft_id, now, "sending", f"key {key}", i=index, w=self.worker)

    def part_published(self, draft_id: str, index: int, ref: RemoteRef, now: datetime) -> None:
        """sending → published with the remote id, CID and URL; committed after the call."""
        with self.db.write() as conn:
            self._step(
                conn,
                PART_PUBLISHED,
                draft_id,
                index,
                now,
                rid=ref.remote_id,
                cid=ref.cid,
                url=ref.url,
            )
            add_event(conn, draft_id, now, "published", ref.url, i=index, w=self.worker)

    def part_media(
        self, draft_id: str, index: int, media: Sequence[StoredMedia], now: datetime
    ) -> None:
        """Store what a part's images were uploaded as (at ``now``), before the post is created: a
        crash between upload and post then publishes with these, never uploading twice, as long
        as the platform still keeps them (the tick compares their age with the platform's)."""
        with self.db.write() as conn:
            stored = rows.media_json(media)
            self._step(conn, PART_MEDIA, draft_id, index, now, media=stored, at=to_ms(now))
            detail = f"{len(media)} image(s) uploaded"
            add_event(conn, draft_id, now, "media", detail, i=index, w=self.worker)

    def part_media_note(self, draft_id: str, index: int, note: str, now: datetime) -> None:
        """Record why a part goes out without its images."""
        with self.db.write() as conn:
            self._step(conn, PART_MEDIA_NOTE, draft_id, index, now, note=note)
            add_event(conn, draft_id, now, "media-note", note, i=index, w=self.worker)

    def part_media_retry(
        self, draft_id: str, index: int, error: str, retry_at: datetime, now: datetime
    ) -> None:
        """An upload failed in a way worth trying again: counted, and the draft waits."""
        with self.db.write() as conn:
            self._step(conn, PART_MEDIA_RETRY, draft_id, index, now, error=error)
            self._release(conn, draft_id, retry_at, error, now, index)

    def part_media_expired(
        self, draft_id: str, index: int, error: str, retry_at: datetime, now: datetime
    ) -> None:
        """The post was refused because the platform forgot its stored uploads: sending →
        pending without them, so the next attempt uploads again; the draft waits until
        ``retry_at``."""
        with self.db.write() as conn:
            self._step(conn, PART_MEDIA_EXPIRED, draft_id, index, now, error=error)
            self._release(conn, draft_id, retry_at, error, now, index)

    def part_retry(
        self, draft_id: str, index: int, error: str, retry_at: datetime, now: datetime
    ) -> None:
        """sending or pending → pending; the draft waits, unleased, until ``retry_at``."""
        with self.db.write() as conn:
            self._step(conn, PART_RETRY, draft_id, index, now, error=error)
            self._release(conn, draft_id, retry_at, error, now, index)

    def postpone(self, draft_id: str, until: datetime, reason: str, now: datetime) -> None:
        """Release a claimed draft until ``until`` without touching its parts (pacing, limits)."""
        with self.db.write() as conn:
            self._release(conn, draft_id, until, reason, now, None)

    def part_failed(self, draft_id: str, index: int, error: str, now: datetime) -> None:
        """pending or sending → failed for good, with the platform's message."""
        with self.db.write() as conn:
            self._step(conn, PART_FAILED, draft_id, index, now, error=error)
            add_event(conn, draft_id, now, "failed", error, i=index, w=self.worker)

    def part_unconfirmed(self, draft_id: str, index: int, error: str, now: datetime) -> None:
        """sending → unconfirmed: it may be live and cannot be checked; never re-sent on its own."""
        with self.db.write() as conn:
            self._step(conn, PART_UNCONFIRMED, draft_id, index, now, error=error)
            add_event(conn, draft_id, now, "unconfirmed", error, i=index, w=self.worker)

    def finish(self, draft_id: str, status: str, now: datetime) -> None:
        """publishing → published, partial, failed or unconfirmed; the lease ends."""
        if status not in FINAL_STATUSES:
            raise ValueError(f"finish() takes one of {FINAL_STATUSES}, not {status!r}")
        with self.db.write() as conn:
            self._owned(conn, FINISH, draft_id, final=status, now=to_ms(now))
            add_event(conn, draft_id, now, "finished", status, w=self.worker)

    def mark_missed(self, now: datetime, older_than: timedelta | float) -> list[str]:
        """Scheduled drafts overdue by more than ``older_than`` with nothing live → missed (a
        thread with a live part resumes instead; held accounts' drafts wait)."""
        with self.db.write() as conn:
            missed = conn.rows(
                "UPDATE drafts SET status = 'missed', due_at = NULL, updated_at = :now WHERE "
                f"status = 'scheduled' AND due_at < :cutoff AND NOT {LIVE} AND {NOT_HELD} "
                "RETURNING id",
                now=to_ms(now),
                cutoff=to_ms(now) - round(_seconds(older_than) * 1000),
            )
            detail = f"overdue by more than {_seconds(older_than):g} s"
            for r in missed:
                add_event(conn, r["id"], now, "missed", detail)
        return sorted(r["id"] for r in missed)

    def hold_account(
        self, account: str, kind: str, reason: str, now: datetime, remind_after: timedelta
    ) -> bool:
        """Hold ``account``'s drafts; True when this is news to report (a new hold, another
        reason, or the last report is ``remind_after`` old), and then it counts as reported."""
        now_ms = to_ms(now)
        with self.db.write() as conn:
            old = conn.row("SELECT * FROM account_holds WHERE account = :a", a=account)
            if old is None:
                conn.run(
                    "INSERT INTO account_holds (account, kind, reason, since, reported_at) "
                    "VALUES (:a, :kind, :reason, :now, :now)",
                    a=account, kind=kind, reason=reason, now=now_ms,
                )  # fmt: skip
                return True
            news = (old["kind"], old["reason"]) != (kind, reason)
            report = news or now_ms - old["reported_at"] >= _seconds(remind_after) * 1000
            conn.run(
                "UPDATE account_holds SET kind = :kind, reason = :reason, reported_at = :at "
                "WHERE account = :a",
                a=account, kind=kind, reason=reason, at=now_ms if report else old["reported_at"],
            )  # fmt: skip
        return report

    def release_account(self, account: str, now: datetime) -> bool:
        """End the hold (False if there was none). Its overdue drafts become due now rather than
        keeping their old time, so the staleness window does not turn them into ``missed``."""
        with self.db.write() as conn:
            gone = conn.run("DELETE FROM account_holds WHERE account = :a", a=account)
            if gone:
                conn.run(
                    "UPDATE drafts SET due_at = :now WHERE account = :a AND status = 'scheduled' "
                    "AND due_at < :now",
                    a=account,
                    now=to_ms(now),
                )
        return bool(gone)

    def record_start(self, account: str, at: datetime) -> None:
        """A draft of ``account`` went out from its first part at ``at`` (pacing counts these);
        starts older than an hour are dropped."""
        with self.db.write(bump=False) as conn:
            conn.run("DELETE FROM account_starts WHERE at < :old", old=to_ms(at - HOUR))
            conn.run(
                "INSERT INTO account_starts (account, at) VALUES (:a, :at)", a=account, at=to_ms(at)
            )

    def record_limit(self, account: str, until: datetime) -> None:
        """The platform asked ``account`` to wait until ``until`` (a rate limit)."""
        with self.db.write(bump=False) as conn:
            conn.run(
                "INSERT INTO account_limits (account, until) VALUES (:a, :u) "
                "ON CONFLICT (account) DO UPDATE SET until = excluded.until",
                a=account,
                u=to_ms(until),
            )

    def pacing(self, now: datetime, account: str) -> Pacing:
        """``account``'s draft starts in the hour before ``now`` and its rate limit still running,
        as every publisher on this database recorded them: what a restarted publisher must
        respect, and daemons sharing a PostgreSQL database read before each part."""
        with self.db.read() as conn:
            starts = conn.rows(
                "SELECT at FROM account_starts WHERE account = :a AND at >= :old ORDER BY at",
                a=account,
                old=to_ms(now - HOUR),
            )
            until = conn.value(
                "SELECT until FROM account_limits WHERE account = :a AND until > :now",
                a=account,
                now=to_ms(now),
            )
        return Pacing([from_ms(r["at"]) for r in starts], None if until is None else from_ms(until))

    def _release(
        self,
        conn: Conn,
        draft_id: str,
        until: datetime,
        reason: str,
        now: datetime,
        index: int | None,
    ) -> None:
        self._owned(conn, RELEASE, draft_id, until=to_ms(until), now=to_ms(now))
        detail = f"at {until.isoformat()}: {reason}"
        add_event(conn, draft_id, now, "retry", detail, i=index, w=self.worker)

    def _owned(self, conn: Conn, sql: str, draft_id: str, **params: Any) -> None:
        """A worker's update of its draft: a CAS on the lease (status publishing, owner)."""
        cas(
            conn.run(sql, params, d=draft_id, w=self.worker),
            f"draft {draft_id} is no longer leased by {self.worker}",
        )

    def _step(
        self, conn: Conn, step: Step, draft_id: str, index: int, now: datetime, **params: Any
    ) -> None:
        """A worker's step on one part: the lease is checked (and the draft touched) first, then
        the part must be in one of the step's expected statuses."""
        self._owned(conn, f"UPDATE drafts SET updated_at = :now {OWNED}", draft_id, now=to_ms(now))
        expected, sql = step
        cas(
            conn.run(sql, params, d=draft_id, i=index, now=to_ms(now)),
            f"part {index} of draft {draft_id} is not {' or '.join(expected)}",
        )


def open_worker(
    location: str, worker: str, *, now: datetime, busy_timeout: float = DEFAULT_BUSY_TIMEOUT
) -> WorkerStore:
    """The store as publisher ``worker`` uses it: connections kept open (two commits per part)."""
    db = open_database(location, now=now, busy_timeout=busy_timeout, pooled=True)
    return WorkerStore(db, worker)
