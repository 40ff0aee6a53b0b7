"""Follow-ups: the promises still open, for ``due`` and its calendar.

A follow-up is open while the session has a follow-up date and no closing outcome
(``pending`` keeps it open, at its next date). The conditions below are written exactly
as the partial indexes ``sessions_open_report`` (by agent, then date: see rollup.py) and
``sessions_open_follow_ups_by_date`` declare them, so both databases use them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .backends import json_rows
from .filters import filters

if TYPE_CHECKING:
    from .backends import Backend

OPEN = "follow_up IS NOT NULL AND (outcome IS NULL OR outcome = 'pending')"
KEYS = ("id", "playbook", "customer", "follow_up", "offer", "agent", "team", "outcome",
        "started")


def open_follow_ups(db: Backend, before: str | None = None, agent: str | None = None,
                    team: str | None = None, state: bool = False
                    ) -> Iterator[dict[str, Any]]:
    """Open follow-ups dated before ``before`` (``YYYY-MM-DD``: pass tomorrow for "due
    today or overdue"; None for all of them), the most overdue first. ``state``: with
    each session's stored state too (the calendar and the picker read the problem and
    the notes from it)."""
    where, args = filters(agent=agent, team=team)
    if before:
        where.append("follow_up < ?")
        args.append(before)
    keys = (*KEYS, "state") if state else KEYS
    conditions = f"FROM sessions WHERE {OPEN}" + "".join(f" AND {w}" for w in where)
    order = "ORDER BY follow_up, started, id"
    if db.dialect.name == "postgresql":
        for row in json_rows(db, ", ".join(keys), conditions, args, order):
            yield dict(zip(keys, row, strict=True))
        return
    for row in db.execute(f"SELECT {', '.join(keys)} {conditions} {order}", args):
        yield dict(zip(keys, row, strict=True))


def plan(db: Backend, agent: str | None, before: str) -> str:
    """The query plan of ``due`` for one agent, for bench/due_scale.py."""
    where, args = filters(agent=agent)
    sql = (f"SELECT {', '.join(KEYS)} FROM sessions WHERE {OPEN}"
           + "".join(f" AND {w}" for w in where) + " AND follow_up < ? ORDER BY follow_up, "
           "started, id")
    if db.dialect.name == "postgresql":
        lines = [r[0] for r in db.execute("EXPLAIN " + sql, [*args, before])]
        return " / ".join(p.strip() for p in lines if "Scan" in p or "Sort" in p)
    return " / ".join(r[-1] for r in db.execute("EXPLAIN QUERY PLAN " + sql, [*args, before]))
