"""Core statements compiled once per dialect and run at the driver level (the publishing hot path).

The publisher commits twice per part; rebuilding, cache-keying and parameter-processing each Core
statement on every call cost more than SQLite's commit itself. A :class:`Prepared` statement is
written once in Core with named ``bindparam``s (so one definition serves SQLite's ``?`` and
psycopg's ``%(name)s``), compiled the first time a dialect runs it, and then executed on the
driver's cursor (:func:`run_sql`, which wraps errors as SQLAlchemy does). Its parameters must need
no type conversion (strings, integers, None), and IN lists must be written as ORs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.dml import UpdateBase


@dataclass(frozen=True)
class _Compiled:
    sql: str
    defaults: Mapping[str, Any]  # values written into the statement (e.g. a literal status)
    required: frozenset[str]  # bindparams without a value: each call must give them
    pick: Callable[[Mapping[str, Any]], tuple[Any, ...]] | None  # positional styles: in order

    def parameters(self, given: Mapping[str, Any]) -> Any:
        if not given.keys() >= self.required:
            missing = sorted(self.required - given.keys())
            raise TypeError(f"missing parameters {missing} for: {self.sql}")
        values = {**self.defaults, **given}
        return values if self.pick is None else self.pick(values)


class Prepared:
    """One statement, compiled lazily for each dialect it meets; thread-safe."""

    def __init__(self, statement: UpdateBase) -> None:
        self.statement = statement
        self._compiled: dict[tuple[str, str, str], _Compiled] = {}
        self._lock = threading.Lock()

    def __call__(self, conn: Connection, **params: Any) -> int:
        """Run in ``conn``'s transaction; the number of rows matched."""
        compiled = self._for(conn.dialect)
        return run_sql(conn, compiled.sql, compiled.parameters(params))

    def _for(self, dialect: Dialect) -> _Compiled:
        key = (dialect.name, dialect.driver, dialect.paramstyle)
        found = self._compiled.get(key)
        if found is None:
            with self._lock:
                found = self._compiled.setdefault(key, self._compile(dialect))
        return found

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self.statement.compile(dialect=dialect)
        if not isinstance(compiled, SQLCompiler):  # DML always compiles to SQL; for mypy
            raise TypeError(f"cannot prepare {self.statement!r}")
        if "POSTCOMPILE" in compiled.string:  # expanded at execution time: the driver cannot
            raise TypeError(f"write IN (...) as OR for a prepared statement: {compiled.string}")
        required = frozenset(b.key for b in compiled.binds.values() if b.required)
        pick = _picker(tuple(compiled.positiontup or ())) if compiled.positional else None
        return _Compiled(compiled.string, compiled.params, required, pick)


def _picker(order: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """Named values → the tuple a positional paramstyle wants (itemgetter: no Python loop)."""
    if len(order) > 1:
        return itemgetter(*order)
    return lambda values: tuple(values[name] for name in order)


def run_sql(conn: Connection, sql: str, parameters: Any = ()) -> int:
    """Execute on ``conn``'s driver connection; the number of rows matched.

    Errors are wrapped as SQLAlchemy's own execution wraps them (a lost connection invalidates
    ``conn``), so callers see the same ``DBAPIError``s.
    """
    dialect = conn.dialect
    pooled = conn.connection
    cursor = pooled.cursor()
    try:
        cursor.execute(sql, parameters)
        return int(cursor.rowcount)
    except dialect.loaded_dbapi.Error as exc:
        lost = dialect.is_disconnect(exc, pooled.dbapi_connection, cursor)
        if lost:
            conn.invalidate(exc)
        raise DBAPIError.instance(
            sql,
            parameters,
            exc,
            dialect.loaded_dbapi.Error,
            connection_invalidated=lost,
            dialect=dialect,
        ) from exc
    finally:
        cursor.close()
