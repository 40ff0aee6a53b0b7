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
]


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _private_file(path: Path) -> None:
    """Create ``path`` 0600 if missing, and make it 0600 if it exists."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


class Store:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / DB_NAME
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(folder, 0o700)
            _private_file(self.path)
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=10)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("PRAGMA secure_delete=ON")
            self._migrate()
            for suffix in ("-wal", "-shm"):
                side = folder / (DB_NAME + suffix)
                if side.exists():
                    os.chmod(side, 0o600)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the session store {self.path}: {exc}") from None
        except OSError as exc:
            raise StoreError(f"cannot open the session store {self.path}: "
                             f"{exc.strerror}") from None

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
                    "agent, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                    "customer = excluded.customer, status = excluded.status, "
                    "updated = excluded.updated, agent = excluded.agent, state = excluded.state",
                    (session.id, session.playbook_id, session.customer, session.status,
                     iso(session.started), now, session.agent, state))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot save to the session store {self.path}: {exc}") from None

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


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def open_store() -> Store:
    from .paths import data_dir

    return Store(data_dir())
