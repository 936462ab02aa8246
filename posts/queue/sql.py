"""The one way the store runs SQL: plain text with ``:name`` parameters, on sqlite3 or psycopg 3.

Every statement of the store is a string written for both databases; the few words that differ
(PostgreSQL's ``FOR UPDATE SKIP LOCKED``, advisory locks) are chosen by :class:`Database`. Rows
come back as dicts keyed by column name. A thin layer instead of an ORM or SQL toolkit: the store
runs a dozen statement shapes, and ``herald queue list`` must not pay a toolkit's import time.

SQLite gets WAL (readers never block the writer), a busy timeout, foreign keys and full
synchronous commits; write transactions start with ``BEGIN IMMEDIATE`` so two writers queue up
instead of failing half-way. Driver errors become one-line ``StoreError``s naming the database.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from posts.errors import StoreError, quoted

DEFAULT_BUSY_TIMEOUT = 5.0  # seconds a writer waits for another process's write lock
Row = dict[str, Any]
_KEPT = 32  # idle connections a pooled database keeps (one per publishing lane, and then some)


@dataclass(frozen=True)
class Location:
    """Where a database is: a SQLite file (or SQLite URI), or a PostgreSQL conninfo URL."""

    sqlite: bool
    target: str  # the SQLite path or URI, or the PostgreSQL URL as psycopg takes it
    where: str  # for messages: never with a password
    uri: bool = False  # a SQLite ``file:`` URI

    @property
    def file(self) -> Path | None:
        """The SQLite file, when it is one (not a URI)."""
        return Path(self.target) if self.sqlite and not self.uri else None


def locate(location: str) -> Location:
    """A path or URL as given in config/HERALD_DB → where to connect."""
    if "://" not in location:
        return _sqlite_file(location)
    try:
        parts = urlsplit(location)
        _ = parts.port  # a bad port raises here
    except ValueError:
        raise StoreError(
            f"{quoted(location)} is neither a file path nor a database URL; use a SQLite path "
            "or postgresql://user@host/db"
        ) from None
    scheme = parts.scheme.lower()
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        url = parts._replace(scheme="postgresql").geturl()
        return Location(False, url, _hide_password(parts._replace(scheme="postgresql").geturl()))
    if scheme == "sqlite":
        return _sqlite_url(parts.path[1:], dict(parse_qsl(parts.query)))
    raise StoreError(f"unsupported database '{parts.scheme}': use a SQLite path or postgresql://")


def _sqlite_file(path: str) -> Location:
    try:
        resolved = str(Path(path).expanduser().resolve())
    except (ValueError, OSError, RuntimeError):  # a NUL, a symbolic-link loop
        raise StoreError(
            f"{quoted(path)} is neither a file path nor a database URL; use a SQLite path "
            "or postgresql://user@host/db"
        ) from None
    return Location(True, resolved, f"sqlite:///{resolved}")


def _sqlite_url(database: str, query: dict[str, str]) -> Location:
    if query.pop("uri", "").lower() not in ("true", "1"):
        return _sqlite_file(database)
    target = f"{database}?{urlencode(query)}" if query else database
    return Location(True, target, f"sqlite:///{target}&uri=true", uri=True)


def _hide_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return parts._replace(netloc=f"{parts.username}:***@{host}").geturl()


@cache
def _pyformat(sql: str) -> str:
    """``:name`` → psycopg's ``%(name)s`` (the store's SQL has no other colon or percent)."""
    return re.sub(r"(?<![:\w]):([A-Za-z_]\w*)", r"%(\1)s", sql)


def in_list(name: str, values: Iterable[Any]) -> tuple[str, Row]:
    """``(:name0, :name1, …)`` and its parameters, for ``IN`` over a list of values."""
    params = {f"{name}{i}": value for i, value in enumerate(values)}
    return "(" + ", ".join(f":{key}" for key in params) + ")", params


class Conn:
    """One transaction on one driver connection: run statements, read rows by column name."""

    def __init__(self, raw: Any, sqlite: bool) -> None:
        self.raw = raw
        self.sqlite = sqlite

    def run(self, sql: str, params: Mapping[str, Any] | None = None, **named: Any) -> int:
        """Execute one statement; the number of rows it matched."""
        return int(self._execute(sql, {**(params or {}), **named}).rowcount)

    def rows(self, sql: str, params: Mapping[str, Any] | None = None, **named: Any) -> list[Row]:
        cursor = self._execute(sql, {**(params or {}), **named})
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    def row(self, sql: str, params: Mapping[str, Any] | None = None, **named: Any) -> Row | None:
        found = self.rows(sql, params, **named)
        return found[0] if found else None

    def value(self, sql: str, params: Mapping[str, Any] | None = None, **named: Any) -> Any:
        """The first column of the first row (None when there is none)."""
        found = self.row(sql, params, **named)
        return None if found is None else next(iter(found.values()))

    def many(self, sql: str, rows: list[Row]) -> None:
        """One statement for many rows of parameters (inserts)."""
        if rows:
            self.raw.cursor().executemany(sql if self.sqlite else _pyformat(sql), rows)

    def _execute(self, sql: str, params: Row) -> Any:
        return self.raw.execute(sql if self.sqlite else _pyformat(sql), params)


class Database:
    """Connections and transactions; ``where`` names the database without a password.

    ``pooled`` keeps connections open between transactions (the publishing daemon: opening one per
    commit costs ~10x the commit); PostgreSQL connections are always kept. A thread takes any idle
    connection or opens one, so threads never share a transaction; SQLite serialises their writes.
    """

    def __init__(
        self, location: str, busy_timeout: float = DEFAULT_BUSY_TIMEOUT, pooled: bool = False
    ) -> None:
        self.location = locate(location)
        self.where = self.location.where
        self.busy_timeout = busy_timeout
        self.is_sqlite = self.location.sqlite
        self._pooled = pooled or not self.is_sqlite
        self._idle: list[Any] = []
        self._lock = threading.Lock()
        self._errors: tuple[type[Exception], ...] = (sqlite3.Error,)
        if not self.is_sqlite:
            self._errors = (_psycopg().Error,)
        elif self.location.file is not None:
            with suppress(OSError):
                self.location.file.parent.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def read(self) -> Iterator[Conn]:
        """A consistent snapshot for reading."""
        with self._transaction("BEGIN") as conn:
            yield conn

    @contextmanager
    def write(self, bump: bool = True) -> Iterator[Conn]:
        """A write transaction; commits bump the revision other processes poll."""
        with self._transaction("BEGIN IMMEDIATE") as conn:
            yield conn
            if bump:
                conn.run("UPDATE store_revision SET value = value + 1")

    @property
    def skip_locked(self) -> str:
        """Claims skip rows another worker is claiming (PostgreSQL; SQLite has one writer)."""
        return "" if self.is_sqlite else " FOR UPDATE SKIP LOCKED"

    def lock_schema(self, conn: Conn) -> None:
        """Serialise migrations across processes (SQLite: BEGIN IMMEDIATE already did)."""
        if not self.is_sqlite:
            conn.run("SELECT pg_advisory_xact_lock(7243507)")

    def lock_account(self, conn: Conn, account: str) -> None:
        """Serialise slot and quota planning for one account across processes."""
        if not self.is_sqlite:
            conn.run("SELECT pg_advisory_xact_lock(7243508, hashtext(:a))", a=account)

    def has_table(self, conn: Conn, name: str) -> bool:
        if self.is_sqlite:
            sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :n"
            return conn.value(sql, n=name) is not None
        return conn.value("SELECT to_regclass(:n) IS NOT NULL", n=name) is True

    def dispose(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for raw in idle:
            with suppress(Exception):
                raw.close()

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[Conn]:
        with self.errors():
            raw = self._checkout()
            try:
                yield self._begin(raw, begin)
                self._end(raw, "COMMIT")
            except BaseException:
                with suppress(Exception):
                    self._end(raw, "ROLLBACK")
                self._checkin(raw)
                raise
            self._checkin(raw)

    def _begin(self, raw: Any, begin: str) -> Conn:
        if self.is_sqlite:
            raw.execute(begin)
        return Conn(raw, self.is_sqlite)

    def _end(self, raw: Any, how: str) -> None:
        if self.is_sqlite:
            raw.execute(how)
        else:
            raw.commit() if how == "COMMIT" else raw.rollback()

    def _checkout(self) -> Any:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return self._connect()

    def _checkin(self, raw: Any) -> None:
        """Keep a healthy connection for the next transaction (pooled), else close it."""
        keep = self._pooled and not _broken(raw, self.is_sqlite)
        with self._lock:
            if keep and len(self._idle) < _KEPT:
                self._idle.append(raw)
                return
        with suppress(Exception):
            raw.close()

    def _connect(self) -> Any:
        if self.is_sqlite:
            return self._connect_sqlite()
        psycopg = _psycopg()
        return psycopg.connect(
            self.location.target, connect_timeout=max(1, round(self.busy_timeout))
        )

    def _connect_sqlite(self) -> sqlite3.Connection:
        raw = sqlite3.connect(
            self.location.target,
            timeout=self.busy_timeout,
            isolation_level=None,  # we emit BEGIN ourselves
            check_same_thread=False,  # a kept connection serves one thread at a time
            uri=self.location.uri,
        )
        raw.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
        raw.execute("PRAGMA foreign_keys = ON")
        raw.execute("PRAGMA synchronous = FULL")
        # A read-only database keeps its journal mode; writes then fail with a clear message.
        with suppress(sqlite3.Error):
            raw.execute("PRAGMA journal_mode = WAL")
        return raw

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Turn driver errors into one line naming the database and what to do."""
        try:
            yield
        except self._errors as exc:
            raise StoreError(self.explain(exc)) from exc

    def explain(self, exc: Exception) -> str:
        message = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
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


def _broken(raw: Any, sqlite: bool) -> bool:
    """A PostgreSQL connection that lost its server (it is dropped, not kept)."""
    return False if sqlite else bool(raw.broken or raw.closed)


def _psycopg() -> Any:
    """psycopg, imported only when a PostgreSQL database is opened."""
    import psycopg

    return psycopg
