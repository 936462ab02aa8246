"""The publisher's store (``pooled=True``): connections kept between transactions."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from posts.errors import StoreError
from posts.queue import ConflictError, DraftStore
from posts.queue.opening import open_database
from tests.queue.conftest import NOW, worker
from tests.queue.test_queue_store import Ref, new

H = timedelta(hours=1)


@pytest.fixture
def pooled(tmp_path: Path) -> Iterator[DraftStore]:
    db = open_database(str(tmp_path / "queue.db"), now=NOW, busy_timeout=0.05, pooled=True)
    opened = DraftStore(db)
    yield opened
    opened.close()


def test_a_lost_compare_and_set_rolls_back_and_the_writer_goes_on(pooled: DraftStore) -> None:
    (d,) = pooled.add([new()], now=NOW)
    worker(pooled, "w").claim_due(NOW + H, 60, 1)
    before = pooled.get(d.id).updated_at
    with pytest.raises(ConflictError, match=r"part 0 .* is not sending"):
        worker(pooled, "w").part_published(d.id, 0, Ref("1", "u"), NOW + 2 * H)
    assert pooled.get(d.id).updated_at == before  # the lease check's touch was rolled back
    worker(pooled, "w").begin_part(d.id, 0, "k", NOW + 2 * H)
    worker(pooled, "w").part_published(d.id, 0, Ref("1", "u"), NOW + 2 * H)
    assert pooled.get(d.id).parts[0].status == "published"


def test_a_locked_database_fails_one_write_and_the_next_succeeds(
    pooled: DraftStore, tmp_path: Path
) -> None:
    (d,) = pooled.add([new()], now=NOW)
    worker(pooled, "w").claim_due(NOW + H, 60, 1)
    other = sqlite3.connect(tmp_path / "queue.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(StoreError, match="locked by another process"):
        worker(pooled, "w").begin_part(d.id, 0, "k", NOW + H)
    other.execute("ROLLBACK")
    other.close()
    worker(pooled, "w").begin_part(d.id, 0, "k", NOW + H)
    assert pooled.get(d.id).parts[0].status == "sending"


def test_a_write_inside_a_transaction_gets_its_own_connection(pooled: DraftStore) -> None:
    """The kept connection is busy: the inner write waits for the lock like any other process."""
    (d,) = pooled.add([new()], now=NOW)
    worker(pooled, "w").claim_due(NOW + H, 60, 1)
    with pooled.plan() as session:
        session.add([new()], NOW)
        with pytest.raises(StoreError, match="locked"):
            worker(pooled, "w").renew_lease(d.id, NOW + 2 * H)
    assert pooled.get(d.id).lease_until == NOW + H + timedelta(seconds=60)


def test_threads_share_the_store_while_the_kept_connection_is_busy(pooled: DraftStore) -> None:
    (d,) = pooled.add([new()], now=NOW)
    busy, done = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def hold() -> None:
        try:
            with pooled.plan() as session:
                session.reschedule(d.id, NOW + 3 * H, NOW)
                busy.set()
                done.wait(5)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    holder = threading.Thread(target=hold)
    holder.start()
    busy.wait(5)
    assert pooled.get(d.id).scheduled_at == NOW + H  # a read meanwhile sees the last commit
    with pytest.raises(StoreError, match="locked"):  # a write waits for SQLite's lock, not ours
        worker(pooled, "w").claim_due(NOW + H, 60, 1)
    done.set()
    holder.join(5)
    assert not errors
    assert worker(pooled, "w").claim_due(NOW + 3 * H, 60, 1)[0].id == d.id
