"""Sync: sessions and attempts kept locally while the team's server was away, sent to
it and then removed here."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from . import attempts as attempt_queries
from . import sessions as session_queries
from .schema import step_rows

if TYPE_CHECKING:
    from recoverycli.session import Session

    from .backends import Backend
    from .store import Store


def pending_count(db: Backend) -> int:
    """Sessions and practice attempts waiting for 'recover sync'."""
    return sum(int(db.execute(f"SELECT COUNT(*) FROM {table} WHERE pending_sync = 1"
                              ).fetchone()[0]) for table in ("sessions", "attempts"))


def pending_sessions(db: Backend) -> list[Session]:
    from recoverycli.session import Session

    rows = db.execute("SELECT state FROM sessions WHERE pending_sync = 1 ORDER BY started, id")
    return [Session.from_dict(json.loads(row[0])) for row in rows]


def push(local: Store, team: Store) -> int:
    """Send every pending session and attempt to ``team`` and remove them here; returns
    how many were sent. Upserting by id makes it exactly-once: a push cut short and
    repeated sends the same rows again, which overwrite themselves."""
    sessions = local.read(pending_sessions)
    attempts = local.read(attempt_queries.pending)
    try:
        for session in sessions:
            with team.backend.transaction():
                session_queries.write(team.backend,
                                      session_queries.session_row(session, False),
                                      step_rows(session))
        for row, steps in attempts:
            attempt_queries.insert(team.backend, row, steps, False)
    except team.backend.errors as exc:
        raise team._fail("send to", exc) from None
    local.forget([s.id for s in sessions] + [row[0] for row, _ in attempts])
    if local.path is not None:
        from .store import pending_marker

        pending_marker(local.path.parent).unlink(missing_ok=True)
    return len(sessions) + len(attempts)
