"""The two databases behind the store, and what differs between them, declared.

A :class:`Dialect` names every difference the store's SQL depends on (parameter style,
the floating-point type, how the schema is locked while it migrates, how deleted rows are
scrubbed from the files); queries are written once with ``?`` parameters and the dialect
says how its driver spells them. Nothing here knows the schema: that is
:mod:`recoverycli.storage.schema`.

SQLite lives in the user data dir and is written before the next screen is drawn: every
answer is committed in its own transaction in WAL mode with ``synchronous=FULL``, so a
crash, a closed terminal, ``kill -9`` or a power cut loses nothing confirmed. It holds
customer names, so its folder is 0700 and its files 0600 whatever the umask.

PostgreSQL is reached through psycopg 3, imported only when a team store is configured.
Every statement on it is bounded (see :mod:`recoverycli.storage.postgres`).
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from recoverycli.errors import StoreError

DB_NAME = "sessions.db"


@dataclass(frozen=True)
class Dialect:
    """What the store's SQL needs to know about a database, declared once."""

    name: str
    paramstyle: str  # "qmark" (?) or "format" (%s)
    real: str  # the type of a float column
    # the statements that make deleted rows unrecoverable from the database's files
    scrub: tuple[str, ...]

    def sql(self, text: str) -> str:
        """``text`` with its ``?`` parameters in this driver's style."""
        return _format_style(text) if self.paramstyle == "format" else text


@lru_cache(maxsize=512)
def _format_style(text: str) -> str:
    # The store's SQL holds no string literal with '?' or '%' (its literals are status
    # words); a '%' would be a LIKE pattern, which is always passed as a parameter.
    assert "%" not in text, text
    return text.replace("?", "%s")


SQLITE = Dialect("sqlite", "qmark", "REAL",
                 ("PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"))
POSTGRESQL = Dialect("postgresql", "format", "DOUBLE PRECISION",
                     ("VACUUM FULL sessions", "VACUUM FULL session_steps",
                      "VACUUM FULL attempts", "VACUUM FULL attempt_steps"))


class Backend(Protocol):
    """What the store needs of a database: SQL with ``?`` parameters, transactions, and
    a dialect; ``errors`` are the driver's failures, ``lost`` those that mean the server
    went away."""

    dialect: Dialect
    where: str
    path: Path | None
    errors: tuple[type[Exception], ...]
    lost: tuple[type[Exception], ...]
    has_shared_prefixes: bool | None  # what migrate found (storage/ids), None: not known

    def execute(self, sql: str, args: Sequence[Any] = ()) -> Any: ...
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> int: ...
    def returning_many(self, sql: str, rows: Sequence[Sequence[Any]]
                       ) -> list[list[tuple[Any, ...]]]: ...
    def transaction(self) -> AbstractContextManager[None]: ...
    def snapshot(self) -> AbstractContextManager[None]: ...
    def lock_schema(self) -> None: ...
    def close(self) -> None: ...


def json_rows(db: Backend, columns: str, rest: str, args: list[Any], order: str = ""
                 ) -> list[list[Any]]:
    """PostgreSQL: ``SELECT columns rest`` (text, numbers, NULLs) as one JSON value, in
    ``order``: a due list can be thousands of rows, and one value is one decode where each
    cell of each row is another (libpq through ctypes: ~10 us a row)."""
    import json

    value = db.execute(f"SELECT COALESCE(json_agg(json_build_array({columns}) {order}), "
                       f"'[]') {rest}", args).fetchone()[0]
    return json.loads(value) if isinstance(value, str) else list(value)


def reason(exc: BaseException) -> str:
    """A driver's words for a failure, which never include row contents."""
    text = str(exc.args[0]).strip() if exc.args else ""
    return text.splitlines()[0] if text else type(exc).__name__


def _private_file(path: Path) -> None:
    """Create ``path`` 0600 if missing, and make it 0600 if it exists."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


class SqliteBackend:
    dialect = SQLITE
    lost: tuple[type[Exception], ...] = ()
    has_shared_prefixes: bool | None = None

    def __init__(self, folder: Path | None) -> None:
        """``folder=None`` keeps everything in memory (``run --no-save``)."""
        import sqlite3

        self.errors: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)
        self.folder = folder
        self.path = folder / DB_NAME if folder else None
        self.where = str(self.path) if self.path else "memory"
        if folder is None:
            self.db = sqlite3.connect(":memory:", isolation_level=None,
                                      check_same_thread=False)
            return
        assert self.path is not None
        from recoverycli.paths import private_dir

        # Folders it creates are 0700; one that exists is left as it is (RECOVER_DATA_DIR=/
        # must never chmod the root): the store's own files are 0600 below.
        private_dir(folder)
        if self.path.exists() and not self.path.stat().st_mode & stat.S_IWUSR:
            raise StoreError(f"the session store {self.path} is read-only; make it writable "
                             f"(chmod u+w) to use recover")
        _private_file(self.path)
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30,
                                  check_same_thread=False)
        self._wal()
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("PRAGMA secure_delete=ON")
        for suffix in ("-wal", "-shm"):
            side = folder / (DB_NAME + suffix)
            if side.exists():
                os.chmod(side, 0o600)

    def _wal(self) -> None:
        """Switch to WAL. Processes opening a brand-new store at the same moment can find
        it locked while one of them switches (SQLite does not wait on this one), so retry
        for a bounded time."""
        import sqlite3

        for attempt in range(100):
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 99:
                    raise
                time.sleep(0.05)

    def execute(self, sql: str, args: Sequence[Any] = ()) -> Any:
        return self.db.execute(sql, tuple(args))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> int:
        return int(self.db.executemany(sql, rows).rowcount)

    def returning_many(self, sql: str, rows: Sequence[Sequence[Any]]
                       ) -> list[list[tuple[Any, ...]]]:
        """``sql`` (with RETURNING) once per row; what each returned."""
        return [self.db.execute(sql, tuple(row)).fetchall() for row in rows]

    def transaction(self) -> AbstractContextManager[None]:
        return self._transaction("BEGIN IMMEDIATE")

    def snapshot(self) -> AbstractContextManager[None]:
        """A read transaction: every query in it sees the same data."""
        return self._transaction("BEGIN")

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[None]:
        if self.db.in_transaction:  # nested: the outer one commits
            yield
            return
        self.db.execute(begin)
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def lock_schema(self) -> None:
        pass  # BEGIN IMMEDIATE already holds the write lock

    def close(self) -> None:
        self.db.close()
