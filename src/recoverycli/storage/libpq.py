"""A narrow road to PostgreSQL for the commands that must start fast (``due``): libpq
itself, the copy in psycopg's binary wheel (``psycopg_binary.libs``), through ctypes,
without importing psycopg.

Why: ``import psycopg`` loads its adapters, cursors, connection classes, type system and
error classes (which import asyncio and ssl): most of ``recover due``'s time on a team
store, for two or three plain queries. Even ``psycopg.pq`` alone imports the error
classes. libpq is what psycopg connects with, so the connection is the same in every
respect: the URL or ``key=value`` string, ``~/.pgpass``, ``PGSERVICE`` and the ``PG*``
variables, TLS, ``connect_timeout``.

:class:`LiteConnection` offers what :class:`~.postgres.PostgresBackend` uses of a psycopg
connection (execute, a cursor's executemany, transactions, the socket), with parameters
sent as text and results read back by their type: text, integers, floats, numerics and
booleans - the types this store's tables and queries have. Every statement is bounded as
on the full driver (the backend's watchdog, ``statement_timeout``). Its failures are
:class:`LibpqError`, and :class:`ConnectionLost` when the server went away.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import quote


class LibpqError(Exception):
    """A statement or a connection failed; ``sqlstate`` is the server's code, if any."""

    def __init__(self, message: str, sqlstate: str | None = None) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


class ConnectionLost(LibpqError):
    """The server cannot be reached, or went away."""


@lru_cache(maxsize=1)
def _lib() -> Any:
    """The libpq of psycopg's binary wheel; ImportError when it is not installed."""
    import glob
    import importlib.util
    import os

    spec = importlib.util.find_spec("psycopg_binary")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("psycopg_binary")
    base = os.path.dirname(next(iter(spec.submodule_search_locations)))
    found = sorted(glob.glob(os.path.join(base, "psycopg_binary.libs", "libpq*.so*")))
    if not found:
        raise ImportError("libpq")
    lib = ctypes.CDLL(found[0])
    p, c, i = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    for name, args, result in (
            ("PQconnectdb", [c], p), ("PQstatus", [p], i), ("PQerrorMessage", [p], c),
            ("PQfinish", [p], None), ("PQsocket", [p], i), ("PQtransactionStatus", [p], i),
            ("PQexecParams", [p, c, i, p, ctypes.POINTER(c), p, p, i], p),
            ("PQresultStatus", [p], i), ("PQresultErrorMessage", [p], c),
            ("PQresultErrorField", [p, i], c), ("PQntuples", [p], i), ("PQnfields", [p], i),
            ("PQftype", [p, i], ctypes.c_uint), ("PQgetisnull", [p, i, i], i),
            ("PQgetvalue", [p, i, i], c), ("PQcmdTuples", [p], c), ("PQclear", [p], None)):
        function = getattr(lib, name)
        function.argtypes, function.restype = args, result
    return lib


def available() -> bool:
    try:
        _lib()
    except (ImportError, OSError):
        return False
    return True


def with_settings(dsn: str, settings: dict[str, str]) -> str:
    """``dsn`` with ``settings`` added after what it says (libpq takes the last of a key,
    as psycopg.connect's keyword arguments win over the string)."""
    from .conninfo import is_url

    if is_url(dsn):
        query = "&".join(f"{k}={quote(v, safe='')}" for k, v in settings.items())
        head, _, fragment = dsn.partition("#")
        return head + ("&" if "?" in head else "?") + query + (f"#{fragment}" if fragment
                                                                 else "")
    escaped = {k: v.replace("\\", "\\\\").replace("'", "\\'") for k, v in settings.items()}
    return dsn + "".join(f" {k}='{v}'" for k, v in escaped.items())


def _placeholders(sql: str) -> str:
    parts = sql.split("%s")
    return "".join(f"{part}${i}" if i < len(parts) else part
                   for i, part in enumerate(parts, 1))


def _param(value: Any) -> bytes | None:
    if value is None:
        return None
    if value is True or value is False:
        return b"t" if value else b"f"
    return str(value).encode("utf-8")


_INTS = {20, 21, 23, 26}  # int8, int2, int4, oid
_FLOATS = {700, 701}


def _reader(oid: int) -> Any:
    if oid in _INTS:
        return int
    if oid in _FLOATS:
        return float
    if oid == 1700:  # numeric: what sum() and avg() of integers give
        from decimal import Decimal

        return lambda raw: Decimal(raw.decode())
    if oid == 16:
        return lambda raw: raw == b"t"
    return lambda raw: raw.decode("utf-8")


class LiteCursor:
    """Rows of one result, and what ``executemany`` with ``returning`` gave."""

    def __init__(self, conn: LiteConnection) -> None:
        self.conn = conn
        self.sets: list[list[tuple[Any, ...]]] = []
        self.rowcount = -1

    def load(self, lib: Any, result: int) -> LiteCursor:
        fields = lib.PQnfields(result)
        readers = [_reader(lib.PQftype(result, col)) for col in range(fields)]
        rows = []
        value, isnull = lib.PQgetvalue, lib.PQgetisnull
        columns = list(enumerate(readers))
        for row in range(lib.PQntuples(result)):
            cells = []
            for col, read in columns:  # a NULL reads as b"": only then ask which it is
                raw = value(result, row, col)
                cells.append(None if not raw and isnull(result, row, col) else read(raw))
            rows.append(tuple(cells))
        self.sets = [rows]
        tuples = lib.PQcmdTuples(result) or b""
        self.rowcount = int(tuples) if tuples.isdigit() else -1
        return self

    def fetchall(self) -> list[tuple[Any, ...]]:
        rows = self.sets[0] if self.sets else []
        if self.sets:
            self.sets[0] = []
        return rows

    def fetchone(self) -> tuple[Any, ...] | None:
        if not self.sets or not self.sets[0]:
            return None
        return self.sets[0].pop(0)

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.fetchall())

    def nextset(self) -> bool:
        if self.sets:
            self.sets.pop(0)
        return bool(self.sets)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]],
                    returning: bool = False) -> None:
        sets, count = [], 0
        for row in rows:
            one = self.conn.execute(sql, row)
            count += max(0, one.rowcount)
            sets.append(one.sets[0] if one.sets else [])
        self.sets = sets if returning else []
        self.rowcount = count

    def __enter__(self) -> LiteCursor:
        return self

    def __exit__(self, *_: object) -> None:
        self.sets = []


class _Info:
    def __init__(self, conn: LiteConnection) -> None:
        self.conn = conn

    @property
    def transaction_status(self) -> int:
        return int(self.conn.lib.PQtransactionStatus(self.conn.pgconn))


_OK, _COMMAND_OK, _TUPLES_OK, _EMPTY = 0, 1, 2, 0  # CONNECTION_OK; PGRES_*


def _text(value: bytes | None) -> str:
    return (value or b"").decode("utf-8", "replace").strip()


class LiteConnection:
    """What :class:`~.postgres.PostgresBackend` uses of a psycopg connection, on libpq."""

    def __init__(self, dsn: str, settings: dict[str, str]) -> None:
        self.lib = lib = _lib()
        self.pgconn = lib.PQconnectdb(with_settings(dsn, settings).encode("utf-8"))
        if not self.pgconn:
            raise ConnectionLost("out of memory")
        if lib.PQstatus(self.pgconn) != _OK:
            message = _text(lib.PQerrorMessage(self.pgconn)) or "cannot connect"
            lib.PQfinish(self.pgconn)
            self.pgconn = None
            raise ConnectionLost(message)
        self.info = _Info(self)

    def fileno(self) -> int:
        return int(self.lib.PQsocket(self.pgconn))

    def execute(self, sql: str, args: Sequence[Any] = ()) -> LiteCursor:
        lib = self.lib
        values = (ctypes.c_char_p * max(1, len(args)))(*[_param(a) for a in args])
        result = lib.PQexecParams(self.pgconn, _placeholders(sql).encode("utf-8"),
                                  len(args), None, values, None, None, 0)
        if not result:
            raise ConnectionLost(_text(lib.PQerrorMessage(self.pgconn)) or "no result")
        try:
            if lib.PQresultStatus(result) not in (_COMMAND_OK, _TUPLES_OK, _EMPTY):
                message = _text(lib.PQresultErrorField(result, ord("M"))
                                or lib.PQresultErrorMessage(result)) or "the statement failed"
                if lib.PQstatus(self.pgconn) != _OK:
                    raise ConnectionLost(message)
                code = lib.PQresultErrorField(result, ord("C"))
                raise LibpqError(message, code.decode() if code else None)
            return LiteCursor(self).load(lib, result)
        finally:
            lib.PQclear(result)

    def cursor(self) -> LiteCursor:
        return LiteCursor(self)

    def transaction(self) -> AbstractContextManager[None]:
        return self._transaction()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.execute("BEGIN")
        try:
            yield
        except BaseException:
            if self.lib.PQstatus(self.pgconn) == _OK:
                self.execute("ROLLBACK")
            raise
        self.execute("COMMIT")

    def close(self) -> None:
        if self.pgconn:
            self.lib.PQfinish(self.pgconn)
            self.pgconn = None
