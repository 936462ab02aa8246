"""The store's tables as queries see them (the current schema; migrations.py builds it)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer, MetaData, String, Table, Text

metadata = MetaData()
# SQLite only auto-increments an "INTEGER PRIMARY KEY"; PostgreSQL wants a 64-bit identity.
EVENT_ID = BigInteger().with_variant(Integer(), "sqlite")

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("applied_at", BigInteger, nullable=False),
)

store_revision = Table(
    "store_revision",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("value", BigInteger, nullable=False),
)

drafts = Table(
    "drafts",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("account", String(200), nullable=False),
    Column("platform", String(32), nullable=False),
    Column("source_path", Text, nullable=False),
    Column("source_hash", String(64), nullable=False),
    Column("source_title", Text, nullable=False),
    Column("source_url", Text),
    Column("lang", String(35)),
    Column("mode", String(16), nullable=False),
    Column("post_limit", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("scheduled_at", BigInteger),
    Column("due_at", BigInteger),
    Column("created_at", BigInteger, nullable=False),
    Column("updated_at", BigInteger, nullable=False),
    Column("lease_owner", String(200)),
    Column("lease_until", BigInteger),
)

parts = Table(
    "parts",
    metadata,
    Column("draft_id", String(16), primary_key=True),
    Column("idx", Integer, primary_key=True, autoincrement=False),
    Column("text", Text, nullable=False),
    Column("length", Integer, nullable=False),
    Column("facets", Text, nullable=False),
    Column("embed", Text),
    Column("status", String(16), nullable=False),
    Column("idempotency_key", String(200)),
    Column("remote_id", Text),
    Column("remote_cid", Text),
    Column("remote_url", Text),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text),
    Column("updated_at", BigInteger, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", EVENT_ID, primary_key=True, autoincrement=True),
    Column("draft_id", String(16), nullable=False),
    Column("at", BigInteger, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("part_index", Integer),
    Column("worker", String(200)),
    Column("detail", Text, nullable=False),
)

account_holds = Table(
    "account_holds",
    metadata,
    Column("account", String(200), primary_key=True),
    Column("kind", String(16), nullable=False),  # "config" or "auth"
    Column("reason", Text, nullable=False),
    Column("since", BigInteger, nullable=False),
    Column("reported_at", BigInteger, nullable=False),  # last logged at ERROR
)
