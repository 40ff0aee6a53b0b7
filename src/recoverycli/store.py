"""The session store: SQLite in the user data dir, written before the next screen is drawn.

Every answer is committed in its own transaction in WAL mode with ``synchronous=FULL``,
so a crash, a closed terminal, ``kill -9`` or a power cut loses nothing confirmed. The
store holds customer names, so its folder is 0700 and its files 0600 whatever the umask,
and errors never echo row contents.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import stat
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import NotFoundError, StoreError
from .session import OPEN, Session

DB_NAME = "sessions.db"

# Each entry upgrades the schema by one version (PRAGMA user_version).
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
]


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _private_file(path: Path) -> None:
    """Create ``path`` 0600 if missing, and make it 0600 if it exists."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def _reason(exc: sqlite3.Error) -> str:
    """SQLite's words for a failure, which never include row contents."""
    return str(exc.args[0]) if exc.args else type(exc).__name__


class Store:
    """Sessions in SQLite. ``folder=None`` keeps them in memory (``run --no-save``)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.path = folder / DB_NAME if folder else None
        try:
            if folder is None:
                self.db = sqlite3.connect(":memory:", isolation_level=None)
            else:
                self.db = self._connect(folder)
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the session store {self.path}: "
                             f"{_reason(exc)}") from None
        except OSError as exc:
            raise StoreError(f"cannot open the session store {self.path}: "
                             f"{exc.strerror}") from None

    def _connect(self, folder: Path) -> sqlite3.Connection:
        assert self.path is not None
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(folder, 0o700)
        if self.path.exists() and not self.path.stat().st_mode & stat.S_IWUSR:
            raise StoreError(f"the session store {self.path} is read-only; make it writable "
                             f"(chmod u+w) to use recover")
        _private_file(self.path)
        db = sqlite3.connect(self.path, isolation_level=None, timeout=10)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA secure_delete=ON")
        for suffix in ("-wal", "-shm"):
            side = folder / (DB_NAME + suffix)
            if side.exists():
                os.chmod(side, 0o600)
        return db

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(f"the session store {self.path} was written by a newer recover "
                             f"(schema {version}); upgrade recover to read it")
        for number in range(version, len(MIGRATIONS)):
            with self.transaction():
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    def transaction(self) -> Any:
        return _Transaction(self.db)

    def close(self) -> None:
        self.db.close()

    def new_id(self) -> str:
        while True:
            candidate = secrets.token_hex(3)
            if not self.db.execute("SELECT 1 FROM sessions WHERE id = ?", (candidate,)).fetchone():
                return candidate

    def save(self, session: Session) -> None:
        """Commit the whole session state; durable when this returns."""
        state = json.dumps(session.to_dict(), ensure_ascii=False)
        now = iso(time.time())
        try:
            with self.transaction():
                self.db.execute(
                    "INSERT INTO sessions (id, playbook, customer, status, started, updated, "
                    "agent, state, follow_up, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (id) DO UPDATE SET customer = excluded.customer, "
                    "status = excluded.status, updated = excluded.updated, "
                    "agent = excluded.agent, state = excluded.state, "
                    "follow_up = excluded.follow_up, outcome = excluded.outcome",
                    (session.id, session.playbook_id, session.customer, session.status,
                     iso(session.started), now, session.agent, state, session.follow_up,
                     (session.outcome or {}).get("result")))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot save to the session store {self.path}: "
                             f"{_reason(exc)}") from None

    def load(self, session_id: str) -> Session:
        row = self.db.execute("SELECT state FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no session '{session_id}' (see 'recover sessions')")
        return Session.from_dict(json.loads(row[0]))

    def latest_open(self) -> Session:
        row = self.db.execute(
            "SELECT state FROM sessions WHERE status = ? ORDER BY started DESC, rowid DESC "
            "LIMIT 1", (OPEN,)).fetchone()
        if row is None:
            raise NotFoundError("no unfinished session to resume (see 'recover sessions')")
        return Session.from_dict(json.loads(row[0]))

    def sessions(self, limit: int | None = None) -> Iterator[dict[str, Any]]:
        sql = ("SELECT id, playbook, customer, started, status FROM sessions "
               "ORDER BY started DESC, rowid DESC")
        rows = self.db.execute(sql + (" LIMIT ?" if limit else ""), (limit,) if limit else ())
        for sid, playbook, customer, started, status in rows:
            yield {"id": sid, "playbook": playbook, "customer": customer, "started": started,
                   "status": status}


    def history(self, playbook: str | None = None, customer: str | None = None,
                since: str | None = None, status: str | None = None,
                limit: int | None = 50) -> Iterator[dict[str, Any]]:
        """Sessions newest first, filtered in SQL on indexed columns where it can be."""
        where: list[str] = []
        args: list[object] = []
        if playbook:
            where.append("playbook = ?")
            args.append(playbook)
        if customer:
            where.append("customer LIKE ? ESCAPE '\\'")
            escaped = customer.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            args.append(f"%{escaped}%")
        if since:
            where.append("started >= ?")
            args.append(since)
        if status:
            where.append("status = ?")
            args.append(status)
        sql = ("SELECT id, playbook, customer, status, started, follow_up, outcome, agent "
               "FROM sessions" + (" WHERE " + " AND ".join(where) if where else "") +
               " ORDER BY started DESC, rowid DESC")
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        for row in self.db.execute(sql, args):
            yield dict(zip(("id", "playbook", "customer", "status", "started", "follow_up",
                            "outcome", "agent"), row, strict=True))

    def due(self, today: str) -> Iterator[dict[str, Any]]:
        """Follow-ups due today or earlier that have no outcome, oldest first."""
        rows = self.db.execute(
            "SELECT id, playbook, customer, follow_up, json_extract(state, '$.fields.offer') "
            "FROM sessions WHERE follow_up IS NOT NULL AND outcome IS NULL AND follow_up <= ? "
            "ORDER BY follow_up, started", (today,))
        for sid, playbook, customer, follow_up, offer in rows:
            yield {"id": sid, "playbook": playbook, "customer": customer,
                   "follow_up": follow_up, "offer": offer}

    def select_ids(self, session_id: str | None = None, customer: str | None = None,
                   before: str | None = None, everything: bool = False) -> list[str]:
        """The ids ``forget`` would remove for one of its criteria."""
        both = "SELECT id FROM sessions {0} UNION ALL SELECT id FROM attempts {0}"
        if session_id:
            sql, args = both.format("WHERE id = ?"), [session_id, session_id]
        elif customer:
            sql, args = "SELECT id FROM sessions WHERE customer = ? COLLATE NOCASE", [customer]
        elif before:
            sql, args = both.format("WHERE started < ?"), [before, before]
        elif everything:
            sql, args = both.format(""), []
        else:
            return []
        return [row[0] for row in self.db.execute(sql, args)]

    def forget(self, ids: list[str]) -> int:
        """Delete sessions so that nothing of them is left in any file of the store.

        ``secure_delete`` zeroes the freed space in the database, the WAL is checkpointed
        and truncated (it holds old copies of pages), and VACUUM rebuilds the file.
        """
        if not ids:
            return 0
        try:
            with self.transaction():
                for start in range(0, len(ids), 500):
                    chunk = ids[start:start + 500]
                    marks = ",".join("?" * len(chunk))
                    self.db.execute(f"DELETE FROM sessions WHERE id IN ({marks})", chunk)
                    self.db.execute(f"DELETE FROM attempts WHERE id IN ({marks})", chunk)
                    self.db.execute(f"DELETE FROM attempt_steps WHERE attempt IN ({marks})",
                                    chunk)
            self.scrub()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot forget in the session store {self.path}: "
                             f"{_reason(exc)}") from None
        return len(ids)

    def scrub(self) -> None:
        if self.path is None:
            return
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.execute("VACUUM")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def save_attempt(self, kind: str, playbook: str | None, scenario: str | None,
                     score: float, steps: list[tuple[str, str, float]],
                     detail: dict[str, Any]) -> str:
        """Record a practice or quiz attempt; ``steps`` is (step id, title, score)."""
        attempt = "p" + secrets.token_hex(3)
        try:
            with self.transaction():
                self.db.execute("INSERT INTO attempts VALUES (?, ?, ?, ?, ?, ?, ?)",
                                (attempt, kind, playbook, scenario, score, iso(time.time()),
                                 json.dumps(detail, ensure_ascii=False)))
                self.db.executemany("INSERT INTO attempt_steps VALUES (?, ?, ?, ?, ?)",
                                    [(attempt, playbook or "", sid, title, value)
                                     for sid, title, value in steps])
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot save to the session store {self.path}: "
                             f"{_reason(exc)}") from None
        return attempt

    def attempts(self) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT id, kind, playbook, scenario, score, started "
                               "FROM attempts ORDER BY started, rowid")
        keys = ("id", "kind", "playbook", "scenario", "score", "started")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def weakest_steps(self, limit: int = 3) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT playbook, step, title, AVG(score), COUNT(*) FROM attempt_steps "
            "GROUP BY playbook, step ORDER BY AVG(score), playbook, step LIMIT ?", (limit,))
        return [{"playbook": p, "step": s, "title": t, "average": round(a, 1), "attempts": n}
                for p, s, t, a, n in rows]

    def apply_retention(self, days: int) -> int:
        cutoff = iso(time.time() - days * 86400)
        return self.forget(self.select_ids(before=cutoff))


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def open_store(save: bool = True) -> Store:
    """The user's store, with the retention setting applied; in memory when not saving."""
    from .paths import data_dir

    if not save:
        return Store(None)
    store = Store(data_dir())
    from .config import load_config

    days = load_config().retention_days
    if days:
        store.apply_retention(days)
    return store
