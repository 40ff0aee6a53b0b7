"""PostgreSQL as the team's shared store.

Why psycopg 3 beside sqlite3 rather than SQLAlchemy: the store's SQL is a few dozen plain
statements both databases read as written; a small backend is cheaper than an ORM's
import time and keeps ``recover`` for one person free of PostgreSQL code. psycopg is
imported only when a team store is configured.

Every statement is bounded, because a live call must never wait on the server:
``statement_timeout`` for a server that is slow, TCP keepalives and ``tcp_user_timeout``
for a network that is gone, and a watchdog thread for a server that is there but silent
(its processes stopped, a partition with no reset): when a statement outlives its bound
the watchdog shuts the socket down, the blocked read returns an error at once, and the
store carries on locally.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from recoverycli.errors import StoreError, UsageError
from recoverycli.i18n import _

from . import conninfo
from .backends import POSTGRESQL, reason

CONNECT_TIMEOUT = 2  # seconds (libpq's least): a live call waits no longer to connect
LIVE_BOUND = 2.0  # seconds any one statement may take during a live call
BATCH_BOUND = 60.0  # the same for report, sync, forget and the other commands

MISSING_EXTRA = "pip install '.[team]' in the recover folder (or 'recoverycli[team]')"


class MissingExtra(StoreError):
    """psycopg is not installed (a plain install, without the team extra)."""


class _Watchdog:
    """Cuts the connection's socket when a statement outlives its bound."""

    def __init__(self, fd: int, bound: float) -> None:
        self.fd = fd
        self.bound = bound
        self.deadline: float | None = None
        self.fired = False
        self.cond = threading.Condition()
        self.thread: threading.Thread | None = None

    @contextmanager
    def bounded(self) -> Iterator[None]:
        with self.cond:
            if self.thread is None:
                self.thread = threading.Thread(target=self._watch, name="recover-watchdog",
                                               daemon=True)
                self.thread.start()
            self.deadline = time.monotonic() + self.bound
            self.cond.notify()
        try:
            yield
        finally:
            with self.cond:
                self.deadline = None
                self.cond.notify()

    def _watch(self) -> None:
        while True:
            with self.cond:
                while self.deadline is None:
                    self.cond.wait()
                left = self.deadline - time.monotonic()
                if left > 0:
                    self.cond.wait(left)
                    continue
                self.deadline = None
                self.fired = True
            try:
                import socket  # (only here: a statement outlived its bound)

                with socket.socket(fileno=os.dup(self.fd)) as sock:
                    sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _import_psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise MissingExtra(f"the team store needs psycopg, which is not installed: "
                           f"{MISSING_EXTRA}") from None
    return psycopg


class PostgresBackend:
    dialect = POSTGRESQL
    path: Path | None = None
    has_shared_prefixes: bool | None = None

    def __init__(self, dsn: str, bound: float = BATCH_BOUND, lite: bool = False) -> None:
        """``lite``: libpq alone, without the rest of psycopg (see :mod:`.libpq`), for
        the commands that must start fast."""
        try:
            conninfo.check(dsn)
        except conninfo.ConninfoError as exc:
            raise UsageError(f"database_url: {exc}") from None
        self.where = conninfo.mask(dsn)
        if lite:
            from .libpq import available

            if available():  # else (psycopg without its binary wheel) the whole driver
                self._lite(dsn, bound)
                return
        psycopg = _import_psycopg()
        self.errors: tuple[type[Exception], ...] = (psycopg.Error,)
        self.lost: tuple[type[Exception], ...] = (psycopg.OperationalError,
                                                  psycopg.InterfaceError)
        millis = int(bound * 1000)
        try:
            self.conn = psycopg.connect(
                dsn, autocommit=True, connect_timeout=CONNECT_TIMEOUT,
                keepalives=1, keepalives_idle=max(1, int(bound)), keepalives_interval=1,
                keepalives_count=2, tcp_user_timeout=millis,
                options=f"-c statement_timeout={millis} -c lock_timeout={millis}")
        except psycopg.ProgrammingError:
            # a malformed string: psycopg's message would quote a piece of it
            raise StoreError(_("cannot reach the team store {where}: {reason}").format(
                where=self.where, reason=_("the connection string is not valid"))) from None
        except psycopg.Error as exc:
            raise StoreError(_("cannot reach the team store {where}: {reason}").format(
                where=self.where, reason=reason(exc))) from None
        self.watchdog = _Watchdog(self.conn.fileno(), bound)

    def _lite(self, dsn: str, bound: float) -> None:
        from .libpq import ConnectionLost, LibpqError, LiteConnection

        self.errors = (LibpqError,)
        self.lost = (ConnectionLost,)
        millis = int(bound * 1000)
        settings = {"connect_timeout": str(CONNECT_TIMEOUT), "keepalives": "1",
                    "keepalives_idle": str(max(1, int(bound))), "keepalives_interval": "1",
                    "keepalives_count": "2", "tcp_user_timeout": str(millis),
                    "client_encoding": "UTF8",
                    "options": f"-c statement_timeout={millis} -c lock_timeout={millis}"}
        try:
            self.conn = LiteConnection(dsn, settings)
        except LibpqError as exc:
            said = reason(exc)
            if "connection info string" in said or "invalid" in said.lower():
                said = _("the connection string is not valid")  # it may quote a piece of it
            raise StoreError(_("cannot reach the team store {where}: {reason}").format(
                where=self.where, reason=said)) from None
        self.watchdog = _Watchdog(self.conn.fileno(), bound)

    @contextmanager
    def relaxed(self, seconds: float) -> Iterator[None]:
        """A longer bound for a while (migrating a large store, once)."""
        saved, self.watchdog.bound = self.watchdog.bound, max(self.watchdog.bound, seconds)
        self.execute(f"SET statement_timeout = {int(self.watchdog.bound * 1000)}")
        try:
            yield
        finally:
            self.watchdog.bound = saved
            self.execute(f"SET statement_timeout = {int(saved * 1000)}")

    def execute(self, sql: str, args: Sequence[Any] = ()) -> Any:
        with self.watchdog.bounded():
            return self.conn.execute(self.dialect.sql(sql), list(args))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> int:
        with self.watchdog.bounded(), self.conn.cursor() as cursor:
            cursor.executemany(self.dialect.sql(sql), rows, returning=False)
            return int(cursor.rowcount)

    def returning_many(self, sql: str, rows: Sequence[Sequence[Any]]
                       ) -> list[list[tuple[Any, ...]]]:
        """``sql`` (with RETURNING) for every row in one pipeline; what each returned."""
        results: list[list[tuple[Any, ...]]] = []
        if not rows:
            return results
        with self.watchdog.bounded(), self.conn.cursor() as cursor:
            cursor.executemany(self.dialect.sql(sql), rows, returning=True)
            while True:
                results.append(cursor.fetchall())
                if not cursor.nextset():
                    break
        return results

    def transaction(self) -> AbstractContextManager[None]:
        return self._transaction()

    def snapshot(self) -> AbstractContextManager[None]:
        """A read-only transaction that sees one snapshot (REPEATABLE READ), so counts and
        the medians that walk to them agree."""
        return self._transaction(snapshot=True)

    @contextmanager
    def _transaction(self, snapshot: bool = False) -> Iterator[None]:
        if self.conn.info.transaction_status != 0:  # nested: the outer one commits
            yield
            return
        with self.watchdog.bounded():
            transaction = self.conn.transaction()
            transaction.__enter__()
        try:
            if snapshot:
                self.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield
        except BaseException as exc:
            with self.watchdog.bounded():
                transaction.__exit__(type(exc), exc, exc.__traceback__)
            raise
        with self.watchdog.bounded():
            transaction.__exit__(None, None, None)

    def lock_schema(self) -> None:
        # Several agents may start at once against a new database: one migrates.
        self.execute("SELECT pg_advisory_xact_lock(7320514)")

    def close(self) -> None:
        self.conn.close()
