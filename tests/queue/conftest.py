"""The store under test, on SQLite and (when HERALD_TEST_PG_URL reaches a server) PostgreSQL."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from posts.queue import DraftStore, WorkerStore, open_store
from posts.queue.sql import locate

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday


def _pg_admin_url() -> str:
    url = os.environ.get("HERALD_TEST_PG_URL")
    if not url:
        pytest.skip(
            "PostgreSQL tests need HERALD_TEST_PG_URL (source .ci/postgres.sh; start_postgres)"
        )
    return url


@pytest.fixture
def pg_location() -> Iterator[str]:
    """A private schema on the test server, dropped afterwards."""
    admin = _pg_admin_url()
    schema = f"herald_test_{secrets.token_hex(4)}"
    try:
        with psycopg.connect(locate(admin).target, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
    except Exception as exc:  # unreachable server: skip, saying why
        pytest.skip(f"PostgreSQL at {locate(admin).where} unreachable: {exc}")
    yield f"{admin}{'&' if '?' in admin else '?'}options=-csearch_path%3D{schema}"
    with psycopg.connect(locate(admin).target, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "queue.db")
    return str(request.getfixturevalue("pg_location"))


@pytest.fixture
def store(location: str) -> Iterator[DraftStore]:
    opened = open_store(location, busy_timeout=2.0, now=NOW)
    yield opened
    opened.close()


def worker(store: DraftStore, name: str = "w") -> WorkerStore:
    """The publishers' side of ``store``'s database, as worker ``name``."""
    return WorkerStore(store.db, name)
