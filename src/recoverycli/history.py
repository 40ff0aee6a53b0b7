"""After the call: the history of sessions, follow-ups, outcomes, exports and forgetting.

Functions here take an open store and return data or renderables; the CLI prints them.
"""

from __future__ import annotations

import time
from datetime import date
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .playbook import Playbook, from_outline
from .session import Session

if TYPE_CHECKING:
    from .storage.store import Store

RESULTS = ("returned", "lost", "pending")
STATUSES = ("open", "finished")


def playbook_for(session: Session, extra_dirs: list[str] | None = None) -> Playbook:
    """The playbook a session ran, from the outline it keeps (no YAML needed), or for
    sessions saved before outlines, from the file or the catalog."""
    if session.outline:
        return from_outline(session.playbook_id, session.outline)
    import os

    from .catalog import load_catalog
    from .playbook import load_playbook

    if session.playbook_path and os.path.exists(session.playbook_path):
        return load_playbook(session.playbook_path)
    return load_catalog(extra_dirs or []).get(session.playbook_id)


def set_follow_up(store: Store, session_id: str, when: date) -> Session:
    session = store.load(session_id)
    session.follow_up = when.isoformat()
    store.save(session)
    return session


def record_outcome(store: Store, session_id: str, result: str, rating: int | None,
                   note: str | None) -> Session:
    if result not in RESULTS:
        raise UsageError(f"--result must be one of {', '.join(RESULTS)}, not '{result}'")
    if rating is not None and not 1 <= rating <= 5:
        raise UsageError(f"--rating must be 1 to 5, not {rating}")
    session = store.load(session_id)
    session.outcome = {"result": result, "rating": rating, "note": note, "at": time.time()}
    store.save(session)
    return session


def due_rows(store: Store, today: date, agent: str | None = None,
             team: str | None = None) -> list[dict[str, Any]]:
    rows = list(store.due(today.isoformat(), agent, team))
    for row in rows:
        row["days_late"] = (today - date.fromisoformat(row["follow_up"])).days
    return rows


def history_table(rows: list[dict[str, Any]], filtered: bool = False) -> str:
    from .table import columns, short_time

    if not rows:
        if filtered:
            return "No sessions match these filters; 'recover history' lists them all.\n"
        return "No sessions yet. Start one with: recover run hyken\n"
    keys = ("id", "playbook", "customer", "status", "started", "follow_up", "outcome", "agent")
    return columns(("id", "playbook", "customer", "status", "started", "follow-up", "outcome",
                    "agent"),
                   ([short_time(row[k]) if k == "started" else row[k] for k in keys]
                    for row in rows), flexible=("customer", "playbook", "agent"))


def due_table(rows: list[dict[str, Any]]) -> str:
    from .table import columns

    def late(days: int) -> str:
        return "today" if days == 0 else f"{days} day{'s' if days != 1 else ''}"

    return columns(("id", "customer", "due", "late", "promise (offer)"),
                   ((r["id"], r["customer"], r["follow_up"], late(r["days_late"]), r["offer"])
                    for r in rows), flexible=("customer", "promise (offer)"))
