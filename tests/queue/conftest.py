"""The store under test, on SQLite and (when HERALD_TEST_PG_URL reaches a server) PostgreSQL."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from posts.queue import Store, open_store
from posts.queue.engine import database_url

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
    engine = create_engine(database_url(admin))
    try:
        with engine.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:  # unreachable server: skip, saying why
        engine.dispose()
        pytest.skip(f"PostgreSQL at {make_url(admin).render_as_string()} unreachable: {exc}")
    url = make_url(admin).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "queue.db")
    return str(request.getfixturevalue("pg_location"))


@pytest.fixture
def store(location: str) -> Iterator[Store]:
    opened = open_store(location, busy_timeout=2.0, now=NOW)
    yield opened
    opened.close()
