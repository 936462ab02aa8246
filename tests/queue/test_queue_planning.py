"""Slot and quota planning and schema upgrades, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from posts.app.enqueue import Timing, enqueue
from posts.config import load_config
from posts.errors import InputError, StoreError
from posts.queue import DraftStore, NewDraft, NewPart, Source, open_store
from posts.queue.migrations import MIGRATIONS, applied, migrate
from posts.queue.sql import Database
from posts.schedule.times import When

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # Monday; demo slots: 09:00, 13:00, 17:00 UTC


def item(account: str = "demo-x", parts: int = 1) -> NewDraft:
    return NewDraft(
        account=account,
        platform="x",
        source=Source("a.md", "0" * 64, "A"),
        parts=tuple(NewPart(f"post {i}", 6) for i in range(parts)),
        scheduled_at=None,
        limit=280,
    )


def test_next_slot_takes_consecutive_free_slots(store: DraftStore) -> None:
    config = load_config()
    slot = Timing("next-slot")
    first = enqueue(store, config, [(item(), slot), (item(), slot)], NOW)
    second = enqueue(store, config, [(item(), slot), (item("demo-bluesky"), slot)], NOW)
    hours = [q.draft.scheduled_at.hour for q in first + second if q.draft.scheduled_at]
    assert hours == [9, 13, 17, 9]  # demo-bluesky's own first slot is still free


def test_quota_counts_posts_in_any_24_hours(store: DraftStore) -> None:
    config = load_config()  # demo-x: daily_quota = 17

    at = Timing("at", When(NOW + timedelta(hours=2)))
    enqueue(store, config, [(item(parts=6), at), (item(parts=6), at)], NOW)
    later = Timing("at", When(NOW + timedelta(hours=20)))
    with pytest.raises(InputError, match="would have 18 posts"):
        enqueue(store, config, [(item(parts=6), later)], NOW)
    far = Timing("at", When(NOW + timedelta(hours=27)))
    assert len(enqueue(store, config, [(item(parts=6), far)], NOW)) == 1  # a new window
    assert len(enqueue(store, config, [(item(parts=6), later)], NOW, force=True)) == 1


# A draft as the first schema stores it: the columns of 0001_initial only.
FIRST_DRAFT = (
    "INSERT INTO drafts (id, account, platform, source_path, source_hash, source_title, mode, "
    "post_limit, status, scheduled_at, due_at, created_at, updated_at) VALUES ('old1234', "
    "'demo-x', 'x', 'a.md', :hash, 'A', 'auto', 280, 'scheduled', :at, :at, :at, :at)"
)
FIRST_PART = (
    "INSERT INTO parts (draft_id, idx, text, length, facets, status, attempts, updated_at) "
    "VALUES ('old1234', 0, 'post 0', 6, '[]', 'pending', 0, :at)"
)


def test_upgrade_from_the_previous_schema(location: str) -> None:
    db = Database(location)
    migrate(db, 0, upto=MIGRATIONS[0].name)
    assert applied(db) == {MIGRATIONS[0].name}
    with db.write() as conn:  # written by the first version
        conn.run(FIRST_DRAFT, hash="0" * 64, at=1_772_438_400_000)
        conn.run(FIRST_PART, at=1_772_438_400_000)
    db.dispose()
    store = open_store(location, now=NOW, busy_timeout=2)
    assert applied(store.db) == {m.name for m in MIGRATIONS}
    old = store.get("old1234")
    assert (old.status, old.approval, old.scheduled_at) == ("scheduled", None, NOW)
    assert [(p.text, p.status) for p in old.parts] == [("post 0", "pending")]
    assert store.list() == [old]
    store.close()


def test_newer_schema_is_refused_and_left_alone(location: str) -> None:
    store = open_store(location, now=NOW, busy_timeout=2)
    (kept,) = store.add([item()], now=NOW)
    with store.db.write() as conn:
        conn.run("INSERT INTO schema_migrations (name, applied_at) VALUES ('0099_future', 0)")
    store.close()
    with pytest.raises(StoreError, match="created by a newer Herald"):
        open_store(location, now=NOW, busy_timeout=2)
    db = Database(location)
    assert DraftStore(db).get(kept.id) == kept
    db.dispose()
