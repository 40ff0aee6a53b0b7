"""Practice and quiz attempts, and the steps each was scored on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .schema import ATTEMPT_COLUMNS, ATTEMPT_STEP_COLUMNS

if TYPE_CHECKING:
    from .backends import Backend


def insert(db: Backend, row: tuple[Any, ...], steps: list[tuple[Any, ...]],
           pending: bool) -> bool:
    """Insert an attempt and its steps; returns whether it was new. The same attempt
    again changes nothing; a *different* one with the same id raises and changes nothing."""
    from .sessions import ConflictError

    with db.transaction():
        if db.execute(
                f"INSERT INTO attempts ({', '.join(ATTEMPT_COLUMNS)}, pending_sync) VALUES "
                f"({', '.join('?' * len(ATTEMPT_COLUMNS))}, ?) ON CONFLICT (id) DO NOTHING "
                "RETURNING id", (*row, 1 if pending else 0)).fetchone() is None:
            held = db.execute("SELECT kind, started FROM attempts WHERE id = ?",
                              (row[0],)).fetchone()
            if held is None or tuple(held) != (row[1], row[5]):
                raise ConflictError(f"practice attempt {row[0]} is a different attempt in "
                                    "the store (same id): nothing was overwritten")
            return False
        if steps:
            db.executemany(
                f"INSERT INTO attempt_steps ({', '.join(ATTEMPT_STEP_COLUMNS)}) VALUES "
                f"({', '.join('?' * len(ATTEMPT_STEP_COLUMNS))})", steps)
        return True


def listed(db: Backend, agent: str | None = None) -> list[dict[str, Any]]:
    """Every attempt in the order made, or (``agent``) that agent's and those made before
    attempts carried their agent (whose they are is not known: everyone sees them, as
    before)."""
    keys = ("id", "kind", "playbook", "scenario", "score", "started", "agent")
    rows = db.execute(f"SELECT {', '.join(keys)} FROM attempts"
                      + (" WHERE agent = ? OR agent IS NULL" if agent else "")
                      + " ORDER BY started, id",
                      (agent,) if agent else ())
    return [dict(zip(keys, row, strict=True)) for row in rows]


def weakest_steps(db: Backend, limit: int = 3, agent: str | None = None
                  ) -> list[dict[str, Any]]:
    mine = (" WHERE attempt IN (SELECT id FROM attempts WHERE agent = ? OR agent IS NULL)"
            if agent else "")
    rows = db.execute(
        f"SELECT playbook, step, MIN(title), AVG(score), COUNT(*) FROM attempt_steps{mine} "
        "GROUP BY playbook, step ORDER BY AVG(score), playbook, step LIMIT ?",
        (agent, limit) if agent else (limit,))
    return [{"playbook": p, "step": s, "title": t, "average": round(float(a), 1),
             "attempts": n} for p, s, t, a, n in rows]


def pending(db: Backend, everything: bool = False
            ) -> list[tuple[tuple[Any, ...], list[tuple[Any, ...]]]]:
    """Attempts kept for sync (``everything``: all in this store), each with its steps."""
    rows = db.execute(f"SELECT {', '.join(ATTEMPT_COLUMNS)} FROM attempts "
                      + ("" if everything else "WHERE pending_sync = 1 ")
                      + "ORDER BY started, id").fetchall()
    return [(tuple(row), [tuple(s) for s in db.execute(
        f"SELECT {', '.join(ATTEMPT_STEP_COLUMNS)} FROM attempt_steps WHERE attempt = ?",
        (row[0],))]) for row in rows]
