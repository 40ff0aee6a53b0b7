"""One session, one writer: a session being run or resumed is locked, and a second
terminal that tries to resume it is told where it is open.

Two locks, both released by the operating system or the server when their holder dies,
so a killed process never leaves a session blocked: an ``flock`` on a file beside the
local store (the terminals of one machine), and, on a team store, a PostgreSQL advisory
lock held by the run's connection (the terminals of every machine). Each records where
it is held (host, pid, terminal) for the message.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recoverycli.errors import StoreError

if TYPE_CHECKING:
    from .backends import Backend


class SessionBusy(StoreError):
    """The session is open in another terminal."""


def here() -> dict[str, Any]:
    try:
        tty = os.ttyname(sys.stdin.fileno())
    except (OSError, ValueError):
        tty = "no terminal"
    return {"host": socket.gethostname(), "pid": os.getpid(), "tty": tty,
            "since": time.strftime("%H:%M", time.localtime())}


def place_of(raw: str | bytes | None) -> dict[str, str] | None:
    """Where a lock is held, from its entry; None when the entry is not a JSON object of
    the expected keys (a hand-written or damaged entry in a shared store). Each value is
    one short line, control characters spelled out: the entry is anyone's text."""
    from recoverycli.text import name

    try:
        held = json.loads(raw or b"{}")
    except (ValueError, RecursionError):
        return None
    if not isinstance(held, dict):
        return None
    place = {key: name(str(held[key]))[:60] for key in ("host", "pid", "tty", "since")
             if isinstance(held.get(key), str | int) and not isinstance(held[key], bool)}
    return place if len(place) == 4 else None


def _busy(session_id: str, where: dict[str, str] | None) -> SessionBusy:
    if where:
        place = (f"on {where['host']}, pid {where['pid']}, {where['tty']}, "
                 f"since {where['since']}")
    else:
        place = "elsewhere"
    return SessionBusy(f"session {session_id[:8]} is open in another terminal ({place}); "
                       "finish it or quit it (q) there first")


class FileLock:
    """An exclusive ``flock`` on ``folder/locks/ID.lock``, holding where it is held."""

    def __init__(self, folder: Path, session_id: str) -> None:
        self.path = folder / "locks" / f"{session_id}.lock"
        self.fd: int | None = None
        self.session_id = session_id

    def acquire(self) -> None:
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        for _ in range(20):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                held = place_of(os.read(fd, 4096))
                os.close(fd)
                raise _busy(self.session_id, held) from None
            try:  # the file we locked is still the one at the path (not unlinked)
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                os.ftruncate(fd, 0)
                os.write(fd, json.dumps(here()).encode())
                self.fd = fd
                return
            os.close(fd)
        raise SessionBusy(f"session {self.session_id[:8]}: cannot take its lock")

    def release(self) -> None:
        if self.fd is not None:
            self.path.unlink(missing_ok=True)
            os.close(self.fd)
            self.fd = None


def _key(session_id: str) -> str:
    return f"recover session {session_id}"


def lock_team(db: Backend, session_id: str) -> None:
    """A session-level advisory lock on the team's server, and a row saying where."""
    got = db.execute("SELECT pg_try_advisory_lock(hashtextextended(?, 0))",
                     (_key(session_id),)).fetchone()[0]
    if not got:
        row = db.execute("SELECT place FROM session_locks WHERE session = ?",
                         (session_id,)).fetchone()
        raise _busy(session_id, place_of(row[0]) if row else None)
    db.execute("INSERT INTO session_locks (session, place) VALUES (?, ?) ON CONFLICT "
               "(session) DO UPDATE SET place = excluded.place",
               (session_id, json.dumps(here())))


def unlock_team(db: Backend, session_id: str) -> None:
    db.execute("DELETE FROM session_locks WHERE session = ?", (session_id,))
    db.execute("SELECT pg_advisory_unlock(hashtextextended(?, 0))", (_key(session_id),))
