"""The feeds' side of the store: each feed's poll state, its lease, and the entries it has seen.

Exactly once rests on one rule: an entry is recorded as seen (:func:`mark_queued`) in the same
transaction that stores its drafts, and that insert fails when the entry is already there, so a
second poller (or a poll repeated after a crash) rolls its drafts back instead of doubling them.
The lease (:meth:`FeedStore.claim`, one atomic ``UPDATE``) only keeps several daemons from
polling one feed at once; it saves work, the seen-entry key keeps the promise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from posts.queue.drafts import ConflictError
from posts.queue.epoch import from_ms, to_ms
from posts.queue.reading import Reader
from posts.queue.rows import maybe_time
from posts.queue.sql import Conn, Row, in_list

CHUNK = 500  # entry keys per IN list
MAX_SHOWN = 2000  # characters of an entry's identity or title kept for `feeds list`
_GIVEN_UP = "(SELECT count(*) FROM feed_entries e WHERE e.feed = f.name AND e.error IS NOT NULL)"


def _state_sql(given_up: str = _GIVEN_UP) -> str:
    """A feed's row with its counts (``given_up``: "0" on a database from before 0009)."""
    return (
        "SELECT f.*, (SELECT count(*) FROM feed_entries e WHERE e.feed = f.name) AS entries_seen, "
        f"{given_up} AS entries_given_up FROM feeds f"
    )


_ADD_FEED = (
    "INSERT INTO feeds (name, url, backlog, next_poll_at, failures, drafts_queued) "
    "VALUES (:n, :url, 0, 0, 0, 0) ON CONFLICT (name) DO NOTHING"
)
_SEEN = (
    "INSERT INTO feed_entries (feed, entry_key, entry, seen_at, drafts, error) "
    "VALUES (:f, :k, :e, :now, :drafts, :error) ON CONFLICT (feed, entry_key) DO NOTHING"
)
_FAILED = (
    "INSERT INTO feed_failures (feed, entry_key, failures) VALUES (:f, :k, 1) "
    "ON CONFLICT (feed, entry_key) DO UPDATE SET failures = feed_failures.failures + 1"
)
_FAILURES = "SELECT failures FROM feed_failures WHERE feed = :f AND entry_key = :k"
_FORGET_FAILURES = "DELETE FROM feed_failures WHERE feed = :f AND entry_key = :k"


@dataclass(frozen=True)
class SeenEntry:
    """An entry by its key (a digest of its identity) and its identity as the feed wrote it."""

    key: str
    identity: str


@dataclass(frozen=True)
class FeedState:
    """What the store remembers of a feed between polls."""

    name: str
    url: str
    etag: str | None
    last_modified: str | None
    primed_at: datetime | None  # the first successful poll; None: never polled
    backlog: bool  # since = "all": the first poll's entries are still being queued
    last_poll_at: datetime | None
    last_new_at: datetime | None
    last_entry: str | None  # the last entry queued (its title or link)
    next_poll_at: datetime
    failures: int  # consecutive failed polls
    last_error: str | None
    drafts_queued: int
    entries_seen: int
    entries_given_up: int  # seen without drafts after their article failed too often
    lease_owner: str | None


@dataclass(frozen=True)
class PollOutcome:
    """What a poll leaves for the next one (written by :meth:`FeedStore.finish`)."""

    polled_at: datetime
    next_poll_at: datetime
    etag: str | None
    last_modified: str | None
    failures: int
    last_error: str | None
    primed: bool
    backlog: bool


def _state(row: Row) -> FeedState:
    return FeedState(
        name=row["name"],
        url=row["url"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        primed_at=maybe_time(row["primed_at"]),
        backlog=bool(row["backlog"]),
        last_poll_at=maybe_time(row["last_poll_at"]),
        last_new_at=maybe_time(row["last_new_at"]),
        last_entry=row["last_entry"],
        next_poll_at=from_ms(row["next_poll_at"]),
        failures=row["failures"],
        last_error=row["last_error"],
        drafts_queued=row["drafts_queued"],
        entries_seen=row["entries_seen"],
        entries_given_up=row["entries_given_up"],
        lease_owner=row["lease_owner"],
    )


def _seen_rows(
    feed: str, entries: Sequence[SeenEntry], now: datetime, drafts: int, error: str | None = None
) -> list[Row]:
    same = {"now": to_ms(now), "drafts": drafts, "error": error}
    return [{"f": feed, "k": e.key, "e": e.identity[:MAX_SHOWN], **same} for e in entries]


def mark_queued(
    conn: Conn, feed: str, entry: SeenEntry, title: str, drafts: int, now: datetime
) -> None:
    """Record ``entry`` as seen with its ``drafts``, inside the transaction storing them.

    :class:`ConflictError` (rolling the drafts back) when it was already seen: another poller
    queued it first.
    """
    if conn.run(_SEEN, _seen_rows(feed, [entry], now, drafts)[0]) != 1:
        raise ConflictError(f"feed {feed}: entry {entry.identity[:200]} was already queued")
    conn.run(_FORGET_FAILURES, f=feed, k=entry.key)  # polls it failed before
    conn.run(
        "UPDATE feeds SET drafts_queued = drafts_queued + :drafts, last_new_at = :now, "
        "last_entry = :title WHERE name = :n",
        drafts=drafts,
        now=to_ms(now),
        title=title[:MAX_SHOWN],
        n=feed,
    )


class FeedStore(Reader):
    """Feed state on the draft store's database (open it with ``FeedStore(store.db)``)."""

    def states(self) -> dict[str, FeedState]:
        """Every feed ever polled, by name."""
        with self.db.read() as conn:
            if not self.db.has_table(conn, "feeds"):  # a database no poll has migrated yet
                return {}
            given_up = _GIVEN_UP if self.db.has_table(conn, "feed_failures") else "0"
            rows = conn.rows(f"{_state_sql(given_up)} ORDER BY f.name")
            return {r["name"]: _state(r) for r in rows}

    def due(self, feed: str, now: datetime) -> bool:
        """Whether ``feed`` may be polled at ``now`` (a read: a job that wakes early writes
        nothing)."""
        with self.db.read() as conn:
            row = conn.row("SELECT next_poll_at, lease_until FROM feeds WHERE name = :n", n=feed)
        if row is None:
            return True
        free = row["lease_until"] is None or row["lease_until"] < to_ms(now)
        return free and row["next_poll_at"] <= to_ms(now)

    def claim(
        self, feed: str, url: str, worker: str, now: datetime, lease_seconds: float, force: bool
    ) -> FeedState | None:
        """Lease ``feed`` for ``worker`` when it is due (``force``: due or not) and nobody else
        holds it; its state, or None when it is not this worker's to poll now."""
        now_ms = to_ms(now)
        due = "" if force else " AND next_poll_at <= :now"
        with self.db.write(bump=False) as conn:
            conn.run(_ADD_FEED, n=feed, url=url)
            claimed = conn.run(
                "UPDATE feeds SET lease_owner = :w, lease_until = :until, url = :url "
                f"WHERE name = :n AND (lease_until IS NULL OR lease_until < :now){due}",
                w=worker,
                until=now_ms + int(lease_seconds * 1000),
                url=url,
                n=feed,
                now=now_ms,
            )
            row = conn.row(f"{_state_sql()} WHERE f.name = :n", n=feed) if claimed else None
        return None if row is None else _state(row)

    def renew(self, feed: str, worker: str, until: datetime) -> bool:
        """Extend ``worker``'s lease on ``feed``; False when it is no longer the holder."""
        with self.db.write(bump=False) as conn:
            sql = "UPDATE feeds SET lease_until = :until WHERE name = :n AND lease_owner = :w"
            return conn.run(sql, until=to_ms(until), n=feed, w=worker) == 1

    def seen(self, feed: str, keys: Sequence[str]) -> set[str]:
        """Which of ``keys`` the feed has seen."""
        found: set[str] = set()
        with self.db.read() as conn:
            for start in range(0, len(keys), CHUNK):
                chunk, params = in_list("k", keys[start : start + CHUNK])
                sql = f"SELECT entry_key FROM feed_entries WHERE feed = :f AND entry_key IN {chunk}"
                found.update(r["entry_key"] for r in conn.rows(sql, params, f=feed))
        return found

    def pass_over(self, feed: str, entries: Sequence[SeenEntry], now: datetime) -> None:
        """Record entries as seen without drafts (a first poll, or a burst beyond the cap)."""
        with self.db.write(bump=False) as conn:
            conn.many(_SEEN, _seen_rows(feed, entries, now, 0))

    def entry_failed(
        self, feed: str, entry: SeenEntry, error: str, now: datetime, attempts: int
    ) -> bool:
        """Count a poll that could not read or condense ``entry``; at the ``attempts``-th the
        entry is given up: recorded as seen without drafts, with ``error``. True only for the
        call that gave it up, so it is reported once."""
        with self.db.write(bump=False) as conn:
            conn.run(_FAILED, f=feed, k=entry.key)
            if conn.value(_FAILURES, f=feed, k=entry.key) < attempts:
                return False
            conn.run(_FORGET_FAILURES, f=feed, k=entry.key)
            row = _seen_rows(feed, [entry], now, 0, error[:MAX_SHOWN])[0]
            return conn.run(_SEEN, row) == 1

    def finish(self, feed: str, worker: str, outcome: PollOutcome) -> None:
        """Store what the poll learnt and give up the lease (if still ours: a lease taken over
        after it expired belongs to the new poller, whose outcome wins)."""
        with self.db.write(bump=False) as conn:
            conn.run(
                "UPDATE feeds SET etag = :etag, last_modified = :lm, last_poll_at = :at, "
                "next_poll_at = :next, failures = :failures, last_error = :error, "
                "backlog = :backlog, primed_at = COALESCE(primed_at, :primed), "
                "lease_owner = NULL, lease_until = NULL WHERE name = :n AND lease_owner = :w",
                etag=outcome.etag,
                lm=outcome.last_modified,
                at=to_ms(outcome.polled_at),
                next=to_ms(outcome.next_poll_at),
                failures=outcome.failures,
                error=outcome.last_error,
                backlog=int(outcome.backlog),
                primed=to_ms(outcome.polled_at) if outcome.primed else None,
                n=feed,
                w=worker,
            )

    def release_leases(self) -> int:
        """Drop every feed lease (a SQLite daemon that just took the publisher lock: whoever
        polled before it is gone); how many there were."""
        with self.db.write(bump=False) as conn:
            return conn.run(
                "UPDATE feeds SET lease_owner = NULL, lease_until = NULL "
                "WHERE lease_owner IS NOT NULL"
            )
