"""Calls in progress, for ``recover live``: which sessions are being run now, at which
step, and whether their agent is still there; and a connection that is told when they
change.

A call is in progress while its run holds the session's lock: on a team store the row in
``session_locks`` (where it is open) beside the run's advisory lock, on the local store
the lock file beside it (see :mod:`.locks`). A run that quit lets both go; one that died
leaves the row or the file with nobody holding it: its agent is *offline* (the lock's
owner is gone), as is one whose session has not been written for a while.

PostgreSQL says when a call changes (the ``live_notify`` migration's triggers notify the
channel :data:`CHANNEL`), so the viewer reads the calls again only then, and at a slow
interval to see locks whose owner died (the server lets an advisory lock go without a
write, so without a notification). The local store has no notifications: it is read at
an interval, and it holds only this machine's calls.
"""

from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recoverycli.i18n import _

if TYPE_CHECKING:
    from .backends import Backend
    from .store import Store

CHANNEL = "recover_live"

# the advisory lock of locks.lock_team, as pg_locks shows a bigint key: its high and low
# 32 bits, unsigned, in classid and objid (objsubid 1). A read replica sees no lock of the
# primary's: there a call is judged by its last save alone.
_HELD = """pg_is_in_recovery() OR EXISTS (SELECT 1 FROM pg_locks k
    WHERE k.locktype = 'advisory' AND k.granted
    AND k.objsubid = 1 AND k.database = (SELECT oid FROM pg_database
                                         WHERE datname = current_database())
    AND k.classid::bigint = ((hashtextextended('recover session ' || s.id, 0) >> 32)
                             & 4294967295)
    AND k.objid::bigint = (hashtextextended('recover session ' || s.id, 0) & 4294967295))"""


@dataclass(frozen=True)
class Call:
    """One call in progress. ``agent``, ``title`` and ``step_title`` are anyone's text:
    they pass the text gate before a terminal. No customer: a teammate's screen shows
    none."""

    id: str
    agent: str
    team: str | None
    playbook: str
    title: str
    step: int  # 1-based; 0 when the steps are done (the end of the call)
    steps: int
    step_title: str
    started: float
    updated: float
    offline: str | None  # why the agent is shown offline, or None


def _stamp(value: Any) -> float:
    """A stored time (ISO text, UTC) as seconds since the epoch; 0 when it is not one."""
    try:
        text = str(value).replace("Z", "+00:00")
        moment = datetime.fromisoformat(text)
    except ValueError:
        return 0.0
    if moment.tzinfo is None:
        from datetime import UTC

        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def _where(state_text: Any) -> tuple[str, int, int, str, float | None]:
    """From a session's stored state: the playbook's title, the open step's number, the
    number of steps, the step's title, and when the call started (None: unreadable)."""
    try:
        state = json.loads(state_text)
        outline = state.get("outline") or {}
        steps = [(str(s[0]), str(s[1])) for s in outline.get("steps") or []]
        title = str(outline.get("title") or state.get("playbook_title") or "")
        open_ids = [str(v[0]) for v in state.get("path") or [] if v[1] is None]
        started = float(state["started"])
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return "", 0, 0, "", None
    ids = [sid for sid, _ in steps]
    if open_ids and open_ids[-1] in ids:
        at = ids.index(open_ids[-1])
        return title, at + 1, len(steps), steps[at][1], started
    return title, 0, len(steps), "", started


def _call(row: tuple[Any, ...], held: bool, now: float, quiet_after: float) -> Call:
    sid, agent, team, playbook, started, updated, state = row[:7]
    title, step, steps, step_title, began = _where(state)
    changed = _stamp(updated)
    if not held:
        # no run holds its lock: it died, was stopped, or carries on in its local store
        # (the server went away mid-call), so the team store no longer sees it move
        offline: str | None = _("offline: stopped or saving locally")
    elif changed and now - changed > quiet_after:
        offline = _("offline: no save for {minutes} min").format(
            minutes=int((now - changed) // 60))
    else:
        offline = None
    return Call(str(sid), str(agent or "?"), team, str(playbook), title or str(playbook),
                step, steps, step_title, began if began is not None else _stamp(started),
                changed, offline)


_COLUMNS = "s.id, s.agent, s.team, s.playbook, s.started, s.updated, s.state"


def team_calls(db: Backend, team: str | None, now: float, quiet_after: float
               ) -> list[Call]:
    """The calls in progress on a team store, oldest first."""
    where = " AND s.team = ?" if team else ""
    rows = db.execute(
        f"SELECT {_COLUMNS}, {_HELD} FROM session_locks l JOIN sessions s ON s.id = "
        f"l.session WHERE s.status = 'open' AND s.mode = 'live'{where} "
        "ORDER BY s.started, s.id", (team,) if team else ()).fetchall()
    return [_call(row, bool(row[7]), now, quiet_after) for row in rows]


def _alive(place: dict[str, Any]) -> bool:
    """Whether the process named in a lock file is still running on this machine."""
    if place.get("host") != socket.gethostname():
        return False
    try:
        os.kill(int(place["pid"]), 0)
    except (ProcessLookupError, ValueError, KeyError, TypeError, OverflowError):
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


def local_calls(db: Backend, folder: Path, team: str | None, now: float,
                quiet_after: float) -> list[Call]:
    """The calls in progress on this machine's store: those whose lock file is there."""
    locks = folder / "locks"
    held: dict[str, bool] = {}
    try:
        names = sorted(os.listdir(locks))
    except OSError:
        names = []
    for entry in names:
        if not entry.endswith(".lock"):
            continue
        try:
            raw = (locks / entry).read_bytes()[:4096]
            place = json.loads(raw or b"{}")
        except (OSError, ValueError, RecursionError):
            continue  # being written, or gone: the next reading sees it
        held[entry[:-5]] = isinstance(place, dict) and _alive(place)
    if not held:
        return []
    ids = list(held)[:900]
    where = " AND s.team = ?" if team else ""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM sessions s WHERE s.status = 'open' AND s.mode = 'live' "
        f"AND s.id IN ({', '.join('?' * len(ids))}){where} ORDER BY s.started, s.id",
        [*ids, *([team] if team else [])]).fetchall()
    return [_call(tuple(row), held[row[0]], now, quiet_after) for row in rows]


def calls(store: Store, team: str | None, quiet_after: float,
          now: float | None = None) -> list[Call]:
    """The calls in progress on ``store`` (a team store or the local one)."""
    now = time.time() if now is None else now
    if store.kind == "postgresql":
        return store.read(team_calls, team, now, quiet_after)
    folder = store.path.parent if store.path is not None else None
    if folder is None:
        return []
    return store.read(local_calls, folder, team, now, quiet_after)


class Listener:
    """A team store's connection that LISTENs on :data:`CHANNEL`: its file descriptor to
    wait on beside the keyboard, and :meth:`changed` to read what arrived."""

    def __init__(self, store: Store) -> None:
        self.store = store
        backend: Any = store.backend
        self.backend = backend
        self.heard = False
        backend.conn.add_notify_handler(self._heard)  # those read during a query
        store.read(lambda db: db.execute(f"LISTEN {CHANNEL}"))

    def _heard(self, _notify: Any) -> None:
        self.heard = True

    def fileno(self) -> int:
        return int(self.backend.conn.fileno())

    def changed(self) -> bool:
        """Whether a notification arrived (reads what the socket holds, never waits);
        raises the driver's error when the connection is gone."""
        pgconn: Any = self.backend.conn.pgconn
        pgconn.consume_input()
        while pgconn.notifies() is not None:
            self.heard = True
        heard, self.heard = self.heard, False
        return heard
