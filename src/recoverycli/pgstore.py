"""PostgreSQL as the team's shared store, behind the same :class:`~recoverycli.store.Store`.

Why psycopg 3 beside sqlite3 rather than SQLAlchemy: the store's SQL is a dozen plain
statements that both databases read as written; a two-class backend (this and
``SqliteBackend``) is smaller than an ORM's import time, and keeps ``recover`` for one
person free of any PostgreSQL code. psycopg is imported only when a database URL is set.

A live call must never fail because the server is down: when it cannot be reached the
local store is used and kept for ``recover sync``; when it can, whatever was kept is sent
first. Passwords never appear in output: URLs are shown masked, and errors are scrubbed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .errors import StoreError, UsageError
from .store import Store, pending_marker
from .text import visible

CONNECT_TIMEOUT = 3  # seconds: a live call waits no longer for an unreachable server
_PLACEHOLDER = re.compile(r"\?")


def mask_url(url: str) -> str:
    """``postgresql://user:secret@host/db`` -> ``postgresql://user:***@host/db``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "postgresql://***"
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


def _scrub(text: str, url: str) -> str:
    password = urlsplit(url).password
    return text.replace(password, "***") if password else text


class PostgresBackend:
    kind = "postgresql"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError:
            raise UsageError("a PostgreSQL database_url needs psycopg: "
                             "pip install 'recoverycli[team]'") from None
        if not url.startswith(("postgresql://", "postgres://")):
            raise UsageError(f"database_url must start with postgresql://, not "
                             f"'{mask_url(url).split('://')[0]}://'")
        self.url = url
        self.where = mask_url(url)
        self.errors: tuple[type[Exception], ...] = (psycopg.Error,)
        self.lost: tuple[type[Exception], ...] = (psycopg.OperationalError,
                                                  psycopg.InterfaceError)
        self.conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
        self._depth = 0

    def execute(self, sql: str, args: Any = ()) -> Any:
        return self.conn.execute(_PLACEHOLDER.sub("%s", sql), list(args))

    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        with self.conn.cursor() as cursor:
            cursor.executemany(_PLACEHOLDER.sub("%s", sql), rows)

    def transaction(self) -> AbstractContextManager[None]:
        return self._transaction()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self.conn.transaction():
            yield

    def lock_schema(self) -> None:
        # Several agents may start at once against a new database: one migrates, and the
        # version table is created under the same lock (two CREATE TABLE IF NOT EXISTS
        # racing each other can still fail on PostgreSQL's catalog).
        self.conn.execute("SELECT pg_advisory_xact_lock(7320514)")
        self.conn.execute("CREATE TABLE IF NOT EXISTS recover_schema (version INTEGER NOT NULL)")

    def schema_version(self) -> int:
        exists = self.conn.execute("SELECT to_regclass('recover_schema')").fetchone()
        if not exists or exists[0] is None:
            return 0
        row = self.conn.execute("SELECT max(version) FROM recover_schema").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def set_schema_version(self, version: int) -> None:
        self.conn.execute("DELETE FROM recover_schema")
        self.conn.execute("INSERT INTO recover_schema (version) VALUES (%s)", [version])

    def adapt(self, migration: str) -> str:
        return re.sub(r"\bREAL\b", "DOUBLE PRECISION", migration)

    def scrub(self) -> None:
        # Deleted rows leave the table files when PostgreSQL vacuums them; ask for that now.
        # (Its WAL and backups are the server's to manage: see the README.)
        for table in ("sessions", "attempts", "attempt_steps"):
            self.conn.execute(f"VACUUM {table}")

    def close(self) -> None:
        self.conn.close()


def open_postgres(url: str) -> Store:
    import psycopg

    try:
        return Store(PostgresBackend(url))
    except psycopg.Error as exc:
        message = _scrub(str(exc).strip().splitlines()[0] if str(exc).strip() else
                         type(exc).__name__, url)
        raise StoreError(f"cannot reach the team store {mask_url(url)}: {message}") from None


def connect_team_store(url: str, local_folder: Path, quiet: bool = False) -> Store:
    """The team's store, or the local one when the server cannot be reached."""
    def local() -> Store:
        store = Store(local_folder)
        store.pending = True
        return store

    try:
        team = open_postgres(url)
    except StoreError as exc:
        if not quiet:
            sys.stderr.write(visible(f"recover: {exc.message}; using the local store until "
                                     "'recover sync' can send it") + "\n")
        return local()
    team.fallback = local
    if pending_marker(local_folder).exists():
        sent = Store(local_folder).push_to(team)
        if sent and not quiet:
            sys.stderr.write(visible(f"recover: sent {sent} session(s) and practice "
                                     f"attempt(s) kept locally to {mask_url(url)}") + "\n")
    return team
