"""The publisher's store (``pooled=True``): one kept writing connection, prepared statements."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import bindparam, update

from posts.errors import StoreError
from posts.queue import ConflictError, Store, open_store
from posts.queue.prepared import Prepared
from posts.queue.schema import parts
from tests.queue.conftest import NOW
from tests.queue.test_queue_store import Ref, new

H = timedelta(hours=1)


@pytest.fixture
def pooled(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(str(tmp_path / "queue.db"), busy_timeout=0.05, now=NOW, pooled=True)
    yield opened
    opened.close()


def test_a_lost_compare_and_set_rolls_back_and_the_writer_goes_on(pooled: Store) -> None:
    (d,) = pooled.add([new()], now=NOW)
    pooled.claim_due(NOW + H, "w", 60, 1)
    before = pooled.get(d.id).updated_at
    with pytest.raises(ConflictError, match=r"part 0 .* is not sending"):
        pooled.part_published(d.id, 0, "w", Ref("1", "u"), NOW + 2 * H)
    assert pooled.get(d.id).updated_at == before  # the lease check's touch was rolled back
    pooled.begin_part(d.id, 0, "w", "k", NOW + 2 * H)
    pooled.part_published(d.id, 0, "w", Ref("1", "u"), NOW + 2 * H)
    assert pooled.get(d.id).parts[0].status == "published"


def test_a_locked_database_fails_one_write_and_the_next_succeeds(
    pooled: Store, tmp_path: Path
) -> None:
    (d,) = pooled.add([new()], now=NOW)
    pooled.claim_due(NOW + H, "w", 60, 1)
    other = sqlite3.connect(tmp_path / "queue.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(StoreError, match="locked by another process"):
        pooled.begin_part(d.id, 0, "w", "k", NOW + H)
    other.execute("ROLLBACK")
    other.close()
    pooled.begin_part(d.id, 0, "w", "k", NOW + H)
    assert pooled.get(d.id).parts[0].status == "sending"


def test_a_write_inside_a_transaction_gets_its_own_connection(pooled: Store) -> None:
    """The kept connection is busy: the inner write waits for the lock like any other process."""
    (d,) = pooled.add([new()], now=NOW)
    with pooled.transaction() as session:
        session.claim_due(NOW + H, "w", 60, 1)
        with pytest.raises(StoreError, match="locked"):
            pooled.renew_lease(d.id, "w", NOW + 2 * H)
    assert pooled.get(d.id).lease_owner == "w"


def test_threads_share_the_store_while_the_kept_connection_is_busy(pooled: Store) -> None:
    (d,) = pooled.add([new()], now=NOW)
    busy, done = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def hold() -> None:
        try:
            with pooled.transaction() as session:
                session.claim_due(NOW + H, "w", 60, 1)
                busy.set()
                done.wait(5)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    holder = threading.Thread(target=hold)
    holder.start()
    busy.wait(5)
    assert pooled.get(d.id).status == "scheduled"  # a read meanwhile sees the last commit
    with pytest.raises(StoreError, match="locked"):  # a write waits for SQLite's lock, not ours
        pooled.renew_lease(d.id, "w", NOW + 2 * H)
    done.set()
    holder.join(5)
    assert not errors
    pooled.begin_part(d.id, 0, "w", "k", NOW + H)
    assert pooled.get(d.id).parts[0].status == "sending"


def test_a_prepared_statement_names_missing_parameters(pooled: Store) -> None:
    statement = Prepared(update(parts).where(parts.c.idx == bindparam("i")).values(text="x"))
    with pooled.transaction() as session, pytest.raises(TypeError, match=r"\['i'\]"):
        statement(session.conn)


def test_a_prepared_statement_refuses_an_expanding_in_list(pooled: Store) -> None:
    statement = Prepared(update(parts).where(parts.c.status.in_(["a", "b"])).values(text="x"))
    with pooled.transaction() as session, pytest.raises(TypeError, match="OR"):
        statement(session.conn)
