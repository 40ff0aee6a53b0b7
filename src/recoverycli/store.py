"""The session store: one interface over SQLite (the embedded default) and PostgreSQL
(a team's shared history), with the same SQL and the same migrations for both.

SQLite lives in the user data dir and is written before the next screen is drawn: every
answer is committed in its own transaction in WAL mode with ``synchronous=FULL``, so a
crash, a closed terminal, ``kill -9`` or a power cut loses nothing confirmed. It holds
customer names, so its folder is 0700 and its files 0600 whatever the umask. Errors
never echo row contents, and a database URL is never shown with its password.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from .errors import NotFoundError, StoreError
from .session import OPEN, Session

DB_NAME = "sessions.db"

# The running step totals rebuilt from session_steps (migration 5, and bench/).
TOTALS_FROM_STEPS = """
    INSERT INTO step_counts (playbook, step, day, agent, team, status, taken, title, count)
        SELECT playbook, step, substr(started, 1, 10), COALESCE(agent, ''),
               COALESCE(team, ''), status, COALESCE(taken, ''), MIN(title), COUNT(*)
        FROM session_steps
        GROUP BY playbook, step, substr(started, 1, 10), COALESCE(agent, ''),
                 COALESCE(team, ''), status, COALESCE(taken, '')
"""

# The running session totals rebuilt from sessions (migration 6, and bench/).
TOTALS_FROM_SESSIONS = """
    INSERT INTO session_counts (day, playbook, agent, team, status, count)
        SELECT substr(started, 1, 10), playbook, COALESCE(agent, ''), COALESCE(team, ''),
               status, COUNT(*)
        FROM sessions
        GROUP BY substr(started, 1, 10), playbook, COALESCE(agent, ''), COALESCE(team, ''),
                 status
"""

# Each entry upgrades the schema by one version. Plain SQL that SQLite and PostgreSQL
# both read (PostgreSQL gets REAL widened to DOUBLE PRECISION).
MIGRATIONS: list[str] = [
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        playbook TEXT NOT NULL,
        customer TEXT,
        status TEXT NOT NULL,
        started TEXT NOT NULL,
        updated TEXT NOT NULL,
        agent TEXT,
        state TEXT NOT NULL
    );
    CREATE INDEX sessions_started ON sessions (started);
    CREATE INDEX sessions_status_started ON sessions (status, started);
    """,
    # 2: follow-ups and outcomes, queryable without reading the state
    """
    ALTER TABLE sessions ADD COLUMN follow_up TEXT;
    ALTER TABLE sessions ADD COLUMN outcome TEXT;
    CREATE INDEX sessions_due ON sessions (follow_up) WHERE follow_up IS NOT NULL
        AND outcome IS NULL;
    CREATE INDEX sessions_playbook_started ON sessions (playbook, started);
    """,
    # 3: practice and quiz attempts, for progress over time
    """
    CREATE TABLE attempts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        playbook TEXT,
        scenario TEXT,
        score REAL NOT NULL,
        started TEXT NOT NULL,
        detail TEXT NOT NULL
    );
    CREATE INDEX attempts_started ON attempts (started);
    CREATE TABLE attempt_steps (
        attempt TEXT NOT NULL,
        playbook TEXT NOT NULL,
        step TEXT NOT NULL,
        title TEXT NOT NULL,
        score REAL NOT NULL
    );
    CREATE INDEX attempt_steps_attempt ON attempt_steps (attempt);
    """,
    # 4: teams - who ran it, which team, the promise made; sessions kept locally while
    # the team's server was unreachable, waiting for 'recover sync'
    """
    ALTER TABLE sessions ADD COLUMN team TEXT;
    ALTER TABLE sessions ADD COLUMN offer TEXT;
    ALTER TABLE sessions ADD COLUMN pending_sync INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sessions ADD COLUMN total_seconds REAL;
    ALTER TABLE sessions ADD COLUMN outcome_at TEXT;
    CREATE INDEX sessions_agent_started ON sessions (agent, started);
    CREATE INDEX sessions_team_started ON sessions (team, started);
    CREATE INDEX sessions_pending ON sessions (pending_sync) WHERE pending_sync = 1;
    CREATE TABLE session_steps (
        session TEXT NOT NULL,
        playbook TEXT NOT NULL,
        step TEXT NOT NULL,
        title TEXT NOT NULL,
        status TEXT NOT NULL,
        seconds REAL NOT NULL,
        taken TEXT,
        started TEXT NOT NULL,
        agent TEXT,
        team TEXT
    );
    CREATE INDEX session_steps_session ON session_steps (session);
    CREATE INDEX session_steps_stats ON session_steps (playbook, step, status, seconds);
    CREATE INDEX session_steps_taken ON session_steps (playbook, step, taken);
    CREATE INDEX sessions_total ON sessions (status, total_seconds);
    CREATE INDEX sessions_follow ON sessions (follow_up, outcome_at)
        WHERE follow_up IS NOT NULL;
    CREATE INDEX sessions_outcome ON sessions (outcome) WHERE outcome IS NOT NULL;
    """,
    # 5: the report's step counts kept as running totals per day, agent and team, so the
    # report reads a few hundred rows instead of counting every step ever closed
    """
    CREATE TABLE step_counts (
        playbook TEXT NOT NULL,
        step TEXT NOT NULL,
        day TEXT NOT NULL,
        agent TEXT NOT NULL,
        team TEXT NOT NULL,
        status TEXT NOT NULL,
        taken TEXT NOT NULL,
        title TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (playbook, step, day, agent, team, status, taken)
    );
    """ + "; " + TOTALS_FROM_STEPS,
    # 6: sessions counted the same way, per day, playbook, agent, team and status
    """
    CREATE TABLE session_counts (
        day TEXT NOT NULL,
        playbook TEXT NOT NULL,
        agent TEXT NOT NULL,
        team TEXT NOT NULL,
        status TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (day, playbook, agent, team, status)
    );
    """ + "; " + TOTALS_FROM_SESSIONS,
    # 7: practice attempts kept locally while the team's server was away, for sync too
    """
    ALTER TABLE attempts ADD COLUMN pending_sync INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX attempts_pending ON attempts (pending_sync) WHERE pending_sync = 1;
    """,
    # 8: the report filtered by agent, team or date finds its medians from indexes alone
    """
    DROP INDEX session_steps_stats;
    CREATE INDEX session_steps_medians ON session_steps (playbook, step, status, seconds,
        started);
    CREATE INDEX session_steps_agent ON session_steps (agent, playbook, step, status,
        seconds, started);
    CREATE INDEX session_steps_team ON session_steps (team, playbook, step, status, seconds,
        started);
    CREATE INDEX sessions_agent_total ON sessions (agent, status, total_seconds, started);
    CREATE INDEX sessions_team_total ON sessions (team, status, total_seconds, started);
    """,
]

STEP_COLUMNS = ("session", "playbook", "step", "title", "status", "seconds", "taken",
                "started", "agent", "team")

SESSION_COLUMNS = ("id", "playbook", "customer", "status", "started", "updated", "agent",
                   "state", "follow_up", "outcome", "team", "offer", "pending_sync",
                   "total_seconds", "outcome_at")


def step_rows(session: Session) -> list[tuple[Any, ...]]:
    """One row per step the session closed (its last answer), for the team report."""
    titles = dict((str(sid), str(title)) for sid, title in
                  ((session.outline or {}).get("steps") or []))
    last: dict[str, tuple[str, str | None]] = {}
    for visit in session.path:
        if visit.status is not None:
            last[visit.step_id] = (visit.status, visit.taken)
    started = iso(session.started)
    return [(session.id, session.playbook_id, sid, titles.get(sid, sid), status,
             round(session.seconds.get(sid, 0.0), 3), taken, started, session.agent,
             session.team) for sid, (status, taken) in last.items()]


def iso(ts: float) -> str:
    """UTC, to the millisecond, so that sessions started in the same second still sort."""
    moment = datetime.fromtimestamp(ts, UTC).isoformat(timespec="milliseconds")
    return moment.replace("+00:00", "Z")


class Backend(Protocol):
    """What the store needs of a database: SQL with ``?`` placeholders, transactions,
    a schema version, and a way to make deleted data unrecoverable."""

    kind: str
    where: str
    errors: tuple[type[Exception], ...]
    lost: tuple[type[Exception], ...]  # the server went away

    def execute(self, sql: str, args: Any = ()) -> Any: ...
    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None: ...
    def transaction(self) -> AbstractContextManager[None]: ...
    def lock_schema(self) -> None: ...
    def schema_version(self) -> int: ...
    def set_schema_version(self, version: int) -> None: ...
    def adapt(self, migration: str) -> str: ...
    def scrub(self) -> None: ...
    def close(self) -> None: ...


def _reason(exc: BaseException) -> str:
    """A driver's words for a failure, which never include row contents."""
    return str(exc.args[0]).strip().splitlines()[0] if exc.args else type(exc).__name__


def _session(state: Any) -> Session:
    """A stored session state, or a StoreError when the row is damaged (not JSON, or not
    the shape of a session)."""
    try:
        return Session.from_dict(json.loads(state))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise StoreError(f"a session in the store is damaged ({type(exc).__name__}); "
                         "'recover history' lists the others") from None


def _private_file(path: Path) -> None:
    """Create ``path`` 0600 if missing, and make it 0600 if it exists."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


class SqliteBackend:
    kind = "sqlite"
    errors: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)
    lost: tuple[type[Exception], ...] = ()

    def __init__(self, folder: Path | None) -> None:
        """``folder=None`` keeps everything in memory (``run --no-save``)."""
        self.folder = folder
        self.path = folder / DB_NAME if folder else None
        self.where = str(self.path) if self.path else "memory"
        if folder is None:
            self.db = sqlite3.connect(":memory:", isolation_level=None)
            return
        assert self.path is not None
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(folder, 0o700)
        if self.path.exists() and not self.path.stat().st_mode & stat.S_IWUSR:
            raise StoreError(f"the session store {self.path} is read-only; make it writable "
                             f"(chmod u+w) to use recover")
        _private_file(self.path)
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
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
        for attempt in range(100):
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 99:
                    raise
                time.sleep(0.05)

    def execute(self, sql: str, args: Any = ()) -> Any:
        return self.db.execute(sql, args)

    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        self.db.executemany(sql, rows)

    def transaction(self) -> AbstractContextManager[None]:
        return _SqliteTransaction(self.db)

    def lock_schema(self) -> None:
        pass  # BEGIN IMMEDIATE already holds the write lock

    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def set_schema_version(self, version: int) -> None:
        self.db.execute(f"PRAGMA user_version = {int(version)}")

    def adapt(self, migration: str) -> str:
        return migration

    def scrub(self) -> None:
        """Zeroed free pages (secure_delete), the WAL's old page copies truncated away,
        and the file rebuilt: a forgotten name is in no file of the store."""
        if self.path is None:
            return
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.execute("VACUUM")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        self.db.close()


class _SqliteTransaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


class Store:
    """Sessions and practice attempts, over a :class:`Backend`."""

    def __init__(self, backend: Backend | Path | None,
                 fallback: Callable[[], Store] | None = None) -> None:
        if backend is None or isinstance(backend, Path):
            try:
                backend = SqliteBackend(backend)
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"cannot open the session store {backend}/{DB_NAME}: "
                                 f"{_reason(exc)}") from None
            except OSError as exc:
                raise StoreError(f"cannot open the session store {backend}: "
                                 f"{exc.strerror}") from None
        self.backend: Backend = backend
        self.fallback = fallback
        self.pending = False  # saves are kept for 'recover sync' (the server was away)
        try:
            self._migrate()
        except backend.errors as exc:
            raise StoreError(f"cannot open the session store {backend.where}: "
                             f"{_reason(exc)}") from None

    @property
    def where(self) -> str:
        return self.backend.where

    @property
    def path(self) -> Path | None:
        return getattr(self.backend, "path", None)

    @property
    def db(self) -> Any:
        """The SQLite connection, for tests and benchmarks that look underneath."""
        return getattr(self.backend, "db", None)

    def _migrate(self) -> None:
        if self.backend.schema_version() == len(MIGRATIONS):
            return
        with self.backend.transaction():
            self.backend.lock_schema()
            version = self.backend.schema_version()
            if version > len(MIGRATIONS):
                raise StoreError(f"the session store {self.where} was written by a newer "
                                 f"recover (schema {version}); upgrade recover to read it")
            for number in range(version, len(MIGRATIONS)):
                for statement in self.backend.adapt(MIGRATIONS[number]).split(";"):
                    if statement.strip():
                        self.backend.execute(statement)
                if number + 1 == 4:
                    self._backfill_report_columns()  # before 5 totals what this writes
                self.backend.set_schema_version(number + 1)

    def _backfill_report_columns(self) -> None:
        """Sessions saved before migration 4 get their report rows from their state."""
        rows = self.backend.execute("SELECT state FROM sessions").fetchall()
        for (state,) in rows:
            session = Session.from_dict(json.loads(state))
            self.backend.execute(
                "UPDATE sessions SET total_seconds = ?, offer = ?, team = ? WHERE id = ?",
                (round(sum(session.seconds.values()), 3), session.fields.get("offer"),
                 session.team, session.id))
            self._write_steps(session, totals=False)

    def transaction(self) -> AbstractContextManager[None]:
        return self.backend.transaction()

    def close(self) -> None:
        self.backend.close()

    def _fail(self, doing: str, exc: BaseException) -> StoreError:
        return StoreError(f"cannot {doing} the session store {self.where}: {_reason(exc)}")

    def new_id(self) -> str:
        import secrets

        while True:
            candidate = secrets.token_hex(3)
            if not self.backend.execute("SELECT 1 FROM sessions WHERE id = ?",
                                        (candidate,)).fetchone():
                return candidate

    def save(self, session: Session) -> None:
        """Commit the whole session state; durable when this returns. If the team's server
        goes away mid-run, the session carries on in the local store, kept for sync."""
        self._write(lambda: self._save(session))

    def _write(self, action: Callable[[], Any]) -> Any:
        try:
            result = action()
        except self.backend.lost as exc:
            if self.fallback is None:
                raise self._fail("save to", exc) from None
            local = self.fallback()
            from .text import visible

            sys.stderr.write("\n" + visible(f"recover: {self.where} cannot be reached "
                                            f"({_reason(exc)}); carrying on in the local "
                                            "store - 'recover sync' sends it later") + "\n")
            self.backend, self.pending, self.fallback = local.backend, True, None
            result = action()
        except self.backend.errors as exc:
            raise self._fail("save to", exc) from None
        if self.pending:
            self._mark_pending()
        return result

    def _mark_pending(self) -> None:
        """A marker beside the local store, so that commands against the team's server
        open the local store only when there is something to send."""
        if self.path is not None:
            pending_marker(self.path.parent).touch(mode=0o600)

    def _save(self, session: Session) -> None:
        row = (session.id, session.playbook_id, session.customer, session.status,
               iso(session.started), iso(time.time()), session.agent,
               json.dumps(session.to_dict(), ensure_ascii=False), session.follow_up,
               (session.outcome or {}).get("result"), session.team,
               session.fields.get("offer"), 1 if self.pending else 0,
               round(sum(session.seconds.values()), 3),
               iso(session.outcome["at"]) if session.outcome else None)
        updates = ", ".join(f"{c} = excluded.{c}" for c in SESSION_COLUMNS[2:] if c != "started")
        with self.backend.transaction():
            self._count_sessions([session.id], -1)
            self._count_sessions_rows([(iso(session.started), session.playbook_id,
                                        session.agent, session.team, session.status)], +1)
            self.backend.execute(
                f"INSERT INTO sessions ({', '.join(SESSION_COLUMNS)}) VALUES "
                f"({', '.join('?' * len(SESSION_COLUMNS))}) ON CONFLICT (id) DO UPDATE SET "
                f"{updates}", row)
            self._write_steps(session)

    def _count_sessions(self, ids: list[str], delta: int) -> None:
        """Take stored sessions out of (or into) the running session totals."""
        marks = ",".join("?" * len(ids))
        rows = self.backend.execute(f"SELECT started, playbook, agent, team, status FROM "
                                    f"sessions WHERE id IN ({marks})", ids).fetchall()
        self._count_sessions_rows([tuple(r) for r in rows], delta)

    def _count_sessions_rows(self, rows: list[tuple[Any, ...]], delta: int) -> None:
        if rows:
            self.backend.executemany(
                "INSERT INTO session_counts (day, playbook, agent, team, status, count) VALUES "
                "(?, ?, ?, ?, ?, ?) ON CONFLICT (day, playbook, agent, team, status) DO UPDATE "
                "SET count = session_counts.count + excluded.count",
                [(str(started)[:10], playbook, agent or "", team or "", status, delta)
                 for started, playbook, agent, team, status in rows])

    def _write_steps(self, session: Session, totals: bool = True) -> None:
        """``totals=False`` while migrating to 4, before the totals table exists."""
        if totals:
            self._drop_steps([session.id])
        rows = step_rows(session)
        if rows:
            self.backend.executemany(
                f"INSERT INTO session_steps ({', '.join(STEP_COLUMNS)}) VALUES "
                f"({', '.join('?' * len(STEP_COLUMNS))})", rows)
            if totals:
                self._count_steps(rows, +1)

    def _drop_steps(self, ids: list[str]) -> None:
        """Remove sessions' step rows, taking them out of the running totals."""
        marks = ",".join("?" * len(ids))
        old = self.backend.execute(
            f"SELECT {', '.join(STEP_COLUMNS)} FROM session_steps WHERE session IN ({marks})",
            ids).fetchall()
        if old:
            self._count_steps([tuple(row) for row in old], -1)
            self.backend.execute(f"DELETE FROM session_steps WHERE session IN ({marks})", ids)

    def _count_steps(self, rows: list[tuple[Any, ...]], delta: int) -> None:
        keyed = [(playbook, step, str(started)[:10], agent or "", team or "", status,
                  taken or "", title, delta)
                 for _, playbook, step, title, status, _, taken, started, agent, team in rows]
        self.backend.executemany(
            "INSERT INTO step_counts (playbook, step, day, agent, team, status, taken, title, "
            "count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (playbook, step, day, agent, "
            "team, status, taken) DO UPDATE SET count = step_counts.count + excluded.count",
            keyed)

    def load(self, session_id: str) -> Session:
        row = self.backend.execute("SELECT state FROM sessions WHERE id = ?",
                                   (session_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no session '{session_id}' (see 'recover history')")
        return _session(row[0])

    def latest_open(self) -> Session:
        row = self.backend.execute(
            "SELECT state FROM sessions WHERE status = ? ORDER BY started DESC, id DESC "
            "LIMIT 1", (OPEN,)).fetchone()
        if row is None:
            raise NotFoundError("no unfinished session to resume (see 'recover sessions')")
        return _session(row[0])

    def sessions(self, limit: int | None = None) -> Iterator[dict[str, Any]]:
        return self.history(limit=limit)

    @staticmethod
    def _filters(playbook: str | None = None, customer: str | None = None,
                 since: str | None = None, status: str | None = None,
                 agent: str | None = None, team: str | None = None
                 ) -> tuple[list[str], list[object]]:
        where: list[str] = []
        args: list[object] = []
        for column, value in (("playbook", playbook), ("status", status), ("agent", agent),
                              ("team", team)):
            if value:
                where.append(f"{column} = ?")
                args.append(value)
        if customer:
            escaped = customer.lower().replace("\\", "\\\\").replace("%", "\\%").replace(
                "_", "\\_")
            where.append("lower(customer) LIKE ? ESCAPE '\\'")
            args.append(f"%{escaped}%")
        if since:
            where.append("started >= ?")
            args.append(since)
        return where, args

    def history(self, playbook: str | None = None, customer: str | None = None,
                since: str | None = None, status: str | None = None,
                limit: int | None = 50, agent: str | None = None,
                team: str | None = None) -> Iterator[dict[str, Any]]:
        """Sessions newest first, filtered in SQL on indexed columns where it can be."""
        where, args = self._filters(playbook, customer, since, status, agent, team)
        keys = ("id", "playbook", "customer", "status", "started", "follow_up", "outcome",
                "agent", "team")
        sql = (f"SELECT {', '.join(keys)} FROM sessions"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY started DESC, id DESC")
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        for row in self.backend.execute(sql, args):
            yield dict(zip(keys, row, strict=True))

    def due(self, today: str, agent: str | None = None,
            team: str | None = None) -> Iterator[dict[str, Any]]:
        """Follow-ups due today or earlier that have no outcome, oldest first."""
        where, args = self._filters(agent=agent, team=team)
        rows = self.backend.execute(
            "SELECT id, playbook, customer, follow_up, offer, agent FROM sessions "
            "WHERE follow_up IS NOT NULL AND outcome IS NULL AND follow_up <= ?"
            + "".join(f" AND {w}" for w in where) + " ORDER BY follow_up, started",
            [today, *args])
        for sid, playbook, customer, follow_up, offer, who in rows:
            yield {"id": sid, "playbook": playbook, "customer": customer,
                   "follow_up": follow_up, "offer": offer, "agent": who}

    def select_ids(self, session_id: str | None = None, customer: str | None = None,
                   before: str | None = None, everything: bool = False,
                   agent: str | None = None, team: str | None = None) -> list[str]:
        """The ids ``forget`` would remove for one of its criteria (and the filters).
        Practice attempts go too, by id, age or --all, unless an agent or team is named."""
        where, args = self._filters(agent=agent, team=team)
        criterion: tuple[str, list[object]] | None
        if session_id:
            criterion = ("id = ?", [session_id])
        elif customer:
            criterion = ("lower(customer) = ?", [customer.lower()])
        elif before:
            criterion = ("started < ?", [before])
        elif everything:
            criterion = None
        else:
            return []
        tables = ["sessions"]
        if not (agent or team or customer):
            tables.append("attempts")
        ids: list[str] = []
        for table in tables:
            conditions = list(where) if table == "sessions" else []
            values = list(args) if table == "sessions" else []
            if criterion:
                conditions.append(criterion[0])
                values += criterion[1]
            clause = " WHERE " + " AND ".join(conditions) if conditions else ""
            ids += [row[0] for row in self.backend.execute(f"SELECT id FROM {table}{clause}",
                                                           values)]
        return ids

    def forget(self, ids: list[str]) -> int:
        """Delete sessions and attempts so nothing of them is left in the store's files."""
        if not ids:
            return 0
        try:
            with self.backend.transaction():
                for start in range(0, len(ids), 500):
                    chunk = ids[start:start + 500]
                    marks = ",".join("?" * len(chunk))
                    self._count_sessions(chunk, -1)
                    self.backend.execute(f"DELETE FROM sessions WHERE id IN ({marks})", chunk)
                    self.backend.execute(f"DELETE FROM attempts WHERE id IN ({marks})", chunk)
                    self.backend.execute(
                        f"DELETE FROM attempt_steps WHERE attempt IN ({marks})", chunk)
                    self._drop_steps(chunk)
        except self.backend.errors as exc:
            raise self._fail("forget in", exc) from None
        try:
            self.backend.scrub()
        except self.backend.errors as exc:  # deleted (secure_delete), not yet compacted
            n = len(ids)
            raise StoreError(f"forgot {n} session{'s' if n != 1 else ''}, but could not "
                             f"compact the session store {self.where} ({_reason(exc)}); "
                             "old copies may stay in its files until it is: free some "
                             "space and forget again") from None
        return len(ids)

    def save_attempt(self, kind: str, playbook: str | None, scenario: str | None,
                     score: float, steps: list[tuple[str, str, float]],
                     detail: dict[str, Any]) -> str:
        """Record a practice or quiz attempt; ``steps`` is (step id, title, score)."""
        import secrets

        attempt = "p" + secrets.token_hex(3)
        row = (attempt, kind, playbook, scenario, score, iso(time.time()),
               json.dumps(detail, ensure_ascii=False))
        step_rows_ = [(attempt, playbook or "", sid, title, value) for sid, title, value in steps]
        self._write(lambda: self._insert_attempt(row, step_rows_))
        return attempt

    def _insert_attempt(self, row: tuple[Any, ...], steps: list[tuple[Any, ...]]) -> None:
        """Insert an attempt; inserting the same one again changes nothing (for sync)."""
        with self.backend.transaction():
            self.backend.execute(
                "INSERT INTO attempts (id, kind, playbook, scenario, score, started, detail, "
                "pending_sync) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                (*row, 1 if self.pending else 0))
            self.backend.execute("DELETE FROM attempt_steps WHERE attempt = ?", (row[0],))
            if steps:
                self.backend.executemany(
                    "INSERT INTO attempt_steps (attempt, playbook, step, title, score) "
                    "VALUES (?, ?, ?, ?, ?)", steps)

    def attempts(self) -> list[dict[str, Any]]:
        rows = self.backend.execute("SELECT id, kind, playbook, scenario, score, started "
                                    "FROM attempts ORDER BY started, id")
        keys = ("id", "kind", "playbook", "scenario", "score", "started")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def weakest_steps(self, limit: int = 3) -> list[dict[str, Any]]:
        rows = self.backend.execute(
            "SELECT playbook, step, MIN(title), AVG(score), COUNT(*) FROM attempt_steps "
            "GROUP BY playbook, step ORDER BY AVG(score), playbook, step LIMIT ?", (limit,))
        return [{"playbook": p, "step": s, "title": t, "average": round(float(a), 1),
                 "attempts": n} for p, s, t, a, n in rows]

    def apply_retention(self, days: int) -> int:
        cutoff = iso(time.time() - days * 86400)
        return self.forget(self.select_ids(before=cutoff))

    # sync: sessions kept locally while the team's server was away -------------------

    def pending_count(self) -> int:
        """Sessions and practice attempts waiting for 'recover sync'."""
        return sum(int(self.backend.execute(
            f"SELECT COUNT(*) FROM {table} WHERE pending_sync = 1").fetchone()[0])
            for table in ("sessions", "attempts"))

    def pending_sessions(self) -> list[Session]:
        rows = self.backend.execute("SELECT state FROM sessions WHERE pending_sync = 1 "
                                    "ORDER BY started, id")
        return [_session(row[0]) for row in rows]

    def push_to(self, target: Store) -> int:
        """Send every pending session and practice attempt to ``target`` and remove them
        here; returns how many were sent. Upserting by id
        makes it exactly-once: a push cut short and repeated sends the same rows again,
        which overwrite themselves."""
        sessions = self.pending_sessions()
        for session in sessions:
            target._save(session)
        attempts = self.backend.execute(
            "SELECT id, kind, playbook, scenario, score, started, detail FROM attempts "
            "WHERE pending_sync = 1 ORDER BY started, id").fetchall()
        for attempt in attempts:
            steps = self.backend.execute(
                "SELECT attempt, playbook, step, title, score FROM attempt_steps "
                "WHERE attempt = ?", (attempt[0],)).fetchall()
            target._insert_attempt(tuple(attempt), [tuple(s) for s in steps])
        self.forget([s.id for s in sessions] + [a[0] for a in attempts])
        if self.path is not None:
            pending_marker(self.path.parent).unlink(missing_ok=True)
        return len(sessions) + len(attempts)


def pending_marker(folder: Path) -> Path:
    return folder / "pending-sync"


def open_store(save: bool = True, quiet: bool = False) -> Store:
    """The store the configuration names: the team's PostgreSQL when ``database_url`` is
    set (falling back to the local store when it cannot be reached, and sending what was
    kept locally when it can), else the local SQLite store; in memory when not saving."""
    from .config import load_config
    from .paths import data_dir

    if not save:
        return Store(None)
    config = load_config()
    if config.database_url:
        from .pgstore import connect_team_store

        store = connect_team_store(config.database_url, data_dir(), quiet)
    else:
        store = Store(data_dir())
    if config.retention_days:
        store.apply_retention(config.retention_days)
    return store
