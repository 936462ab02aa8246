"""One SQLAlchemy engine for SQLite or PostgreSQL, with Herald's transaction rules.

SQLite gets WAL (readers never block the writer), a busy timeout, foreign keys and full
synchronous commits; write transactions start with ``BEGIN IMMEDIATE`` so two writers queue up
instead of failing half-way. Database errors become one-line ``StoreError``s naming the database.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, create_engine, event, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import NullPool, QueuePool

from posts.errors import StoreError, quoted
from posts.queue.prepared import Prepared, run_sql
from posts.queue.schema import store_revision

DEFAULT_BUSY_TIMEOUT = 5.0  # seconds a writer waits for another process's write lock
BUMP_REVISION = Prepared(update(store_revision).values(value=store_revision.c.value + 1))


def database_url(location: str) -> URL:
    """A path or URL as given in config/HERALD_DB → a SQLAlchemy URL (psycopg 3 for PostgreSQL)."""
    try:
        if "://" not in location:
            return URL.create("sqlite", database=str(Path(location).expanduser().resolve()))
        url = make_url(location)
    except (ArgumentError, ValueError, OSError, RuntimeError):  # a bad port, a NUL, a loop
        raise StoreError(
            f"{quoted(location)} is neither a file path nor a database URL; use a SQLite path "
            "or postgresql://user@host/db"
        ) from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(
            f"unsupported database '{url.drivername}': use a SQLite path or postgresql://"
        )
    return url


class Database:
    """An engine plus read/write transaction helpers; ``where`` names it without a password."""

    def __init__(
        self, location: str, busy_timeout: float = DEFAULT_BUSY_TIMEOUT, pooled: bool = False
    ) -> None:
        url = database_url(location)
        self.where = url.render_as_string(hide_password=True)
        self.busy_timeout = busy_timeout
        self.is_sqlite = url.get_backend_name() == "sqlite"
        # A pooled SQLite store keeps one writing connection (used by one thread at a time).
        self._writer: Connection | None = None
        self._writer_lock = threading.Lock() if pooled and self.is_sqlite else None
        try:
            if self.is_sqlite:
                if url.database and not url.query.get("uri"):
                    Path(url.database).parent.mkdir(parents=True, exist_ok=True)
                # One connection per use: cheap for SQLite and never shared across forks.
                # [scheduler addition] ``pooled``: a long-running publisher that never forks keeps
                # its connections, since opening one per commit costs ~10x the commit itself;
                # its writes go through one kept connection (see _writing).
                self.engine = create_engine(url, poolclass=QueuePool if pooled else NullPool)
                event.listen(self.engine, "connect", self._sqlite_connect)
                event.listen(self.engine, "begin", _sqlite_begin)
            else:
                self.engine = create_engine(
                    url,
                    pool_pre_ping=True,
                    connect_args={"connect_timeout": max(1, round(busy_timeout))},
                )
        except (NoSuchModuleError, ArgumentError, OSError) as exc:
            raise StoreError(f"cannot open the queue database {self.where}: {exc}") from exc

    def _sqlite_connect(self, dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _sqlite_begin)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = FULL")
        # A read-only database keeps its journal mode; writes then fail with a clear message.
        with contextlib.suppress(Exception):
            cur.execute("PRAGMA journal_mode = WAL")
        cur.close()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A consistent snapshot for reading."""
        with self.errors(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self, bump: bool = True) -> Iterator[Connection]:
        """A write transaction; commits bump the revision other processes poll."""
        with self.errors(), self._writing() as conn, conn.begin():
            yield conn
            if bump:
                BUMP_REVISION(conn)

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """The kept writing connection if there is one and it is free, else a new one.

        A thread that finds it busy (another thread, or its own enclosing transaction) opens its
        own connection as an unpooled store always does; SQLite then serialises the writes.
        """
        lock = self._writer_lock
        if lock is None or not lock.acquire(blocking=False):
            with self.engine.connect().execution_options(herald_write=True) as conn:
                yield conn
            return
        try:
            if self._writer is None:
                self._writer = self.engine.connect().execution_options(herald_write=True)
            yield self._writer
        finally:
            if self._writer is not None and self._writer.invalidated:
                self._writer.close()
                self._writer = None
            lock.release()

    def lock_schema(self, conn: Connection) -> None:
        """Serialise migrations across processes (SQLite: BEGIN IMMEDIATE already did)."""
        if not self.is_sqlite:
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7243507)")

    def lock_account(self, conn: Connection, account: str) -> None:
        """Serialise slot and quota planning for one account across processes."""
        if not self.is_sqlite:
            conn.exec_driver_sql(
                "SELECT pg_advisory_xact_lock(7243508, hashtext(%(a)s))", {"a": account}
            )

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Turn driver errors into one line naming the database and what to do."""
        try:
            yield
        except DBAPIError as exc:
            raise StoreError(self.explain(exc)) from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"queue database {self.where}: {exc}") from exc

    def explain(self, exc: DBAPIError) -> str:
        message = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        lowered = message.lower()
        if "locked" in lowered or "busy" in lowered:
            return (
                f"the queue database {self.where} is locked by another process "
                f"(waited {self.busy_timeout:g} s); try again"
            )
        if "readonly" in lowered or "read-only" in lowered:
            return f"the queue database {self.where} is read-only; nothing was changed"
        if "unable to open" in lowered:
            return f"cannot open the queue database {self.where}: {message}"
        if "connection" in lowered or "connect" in lowered:
            return f"cannot connect to the queue database {self.where}: {message}"
        return f"queue database {self.where}: {message}"

    def dispose(self) -> None:
        if self._writer_lock is not None:
            with self._writer_lock:
                if self._writer is not None:
                    self._writer.close()
                    self._writer = None
        self.engine.dispose()


def _sqlite_begin(conn: Connection) -> None:
    write = conn.get_execution_options().get("herald_write", False)
    run_sql(conn, "BEGIN IMMEDIATE" if write else "BEGIN")
