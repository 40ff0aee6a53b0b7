"""The team report's queries: every number is derived from the rows, in one snapshot.

Counts come from one ``GROUP BY`` over a covering index of the sessions (each row
carries the steps it closed, written with it, and the distinct values are few), and the
medians walk an index to the middle (``LIMIT/OFFSET`` from a count taken in the same
snapshot, so they always agree: faster on both databases than PostgreSQL's
``percentile_cont``, which sorts every value).
Nothing is kept by hand, so concurrent writers cannot make a number drift.
:mod:`recoverycli.report` shapes and renders what these return.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .backends import Backend


@dataclass(frozen=True)
class Filters:
    since: str | None = None
    agent: str | None = None
    playbook: str | None = None
    team: str | None = None

    def where(self, status: str | None = None) -> tuple[str, list[object]]:
        parts: list[str] = []
        args: list[object] = []
        for clause, value in (("started >= ?", self.since), ("agent = ?", self.agent),
                              ("playbook = ?", self.playbook), ("team = ?", self.team),
                              ("status = ?", status)):
            if value:
                parts.append(clause)
                args.append(value)
        return " AND ".join(parts), args


def _and(clause: str) -> str:
    return f" AND {clause}" if clause else ""


def session_counts(db: Backend, f: Filters) -> list[tuple[str, str | None, str, str, int]]:
    """(playbook, agent, status, closed steps, sessions): one pass over a covering index
    of the sessions, whose closed-steps values are few (a session's answers, as JSON)."""
    where, args = f.where()
    return [(p, a, s, c or "{}", int(n)) for p, a, s, c, n in db.execute(
        "SELECT playbook, agent, status, closed_steps, COUNT(*) FROM sessions"
        + (f" WHERE {where}" if where else "")
        + " GROUP BY playbook, agent, status, closed_steps", args)]


def step_counts(sessions: list[tuple[str, str | None, str, str, int]]
                ) -> dict[tuple[str, str, str, str | None], int]:
    """(playbook, step, status, branch taken) -> closed, from the session counts."""
    import json

    counts: dict[tuple[str, str, str, str | None], int] = {}
    parsed: dict[str, list[tuple[str, str, str | None]]] = {}
    for playbook, _, _, closed, n in sessions:
        steps = parsed.get(closed)
        if steps is None:
            steps = parsed[closed] = _closed(json.loads(closed))
        for step, status, taken in steps:
            key = (playbook, step, status, taken)
            counts[key] = counts.get(key, 0) + n
    return counts


def _closed(value: object) -> list[tuple[str, str, str | None]]:
    """(step, status, taken) from a closed_steps value: ``{"1": "done", "3": ["done",
    "Hand-off"]}``, or the ``[["1", "done", null], ...]`` of the first development
    builds of this migration."""
    if isinstance(value, list):
        return [(str(a), str(b), None if c is None else str(c)) for a, b, c in value]
    assert isinstance(value, dict)
    return [(str(step), str(v[0]), str(v[1])) if isinstance(v, list) else (str(step), str(v),
                                                                           None)
            for step, v in value.items()]


def step_title(db: Backend, playbook: str, step: str) -> str:
    """The title a step was closed under (the first in the medians index: one lookup)."""
    row = db.execute("SELECT title FROM session_steps WHERE playbook = ? AND step = ? "
                     "ORDER BY playbook, step, status, seconds LIMIT 1",
                     (playbook, step)).fetchone()
    return str(row[0]) if row and row[0] is not None else step


def _middle(count: int) -> tuple[int, int]:
    """(how many, after how many) values to read for the median of ``count`` sorted."""
    return (1, count // 2) if count % 2 else (2, count // 2 - 1)


def medians(db: Backend, f: Filters, steps: dict[tuple[str, str], int], finished: int
            ) -> tuple[float | None, dict[tuple[str, str], float | None]]:
    """The median call and the median time of each step, in one statement: each part
    walks a covering index to the middle, using a count taken in the same snapshot."""
    where, args = f.where()
    parts: list[str] = []
    values: list[object] = []
    keys: list[tuple[str, str] | None] = []
    if finished:
        fwhere, fargs = f.where("finished")
        parts.append(f"SELECT total_seconds AS v FROM sessions WHERE {fwhere} "
                     "ORDER BY total_seconds LIMIT ? OFFSET ?")
        values += [*fargs, *_middle(finished)]
        keys.append(None)
    for (playbook, step), done in steps.items():
        if done:
            parts.append("SELECT seconds AS v FROM session_steps WHERE playbook = ? AND "
                         f"step = ? AND status = 'done'{_and(where)} ORDER BY seconds "
                         "LIMIT ? OFFSET ?")
            values += [playbook, step, *args, *_middle(done)]
            keys.append((playbook, step))
    found: dict[int, list[float]] = {}
    if parts:
        sql = " UNION ALL ".join(f"SELECT {n} AS k, v FROM ({part}) AS m{n}"
                                 for n, part in enumerate(parts))
        for k, v in db.execute(sql, values):
            found.setdefault(int(k), []).append(float(v))
    out = {n: round(sum(found[n]) / len(found[n]), 1) if found.get(n) else None
           for n in range(len(keys))}
    call = next((out[n] for n, key in enumerate(keys) if key is None), None)
    return call, {key: out[n] for n, key in enumerate(keys) if key is not None}


def follow_up_counts(db: Backend, f: Filters, day: str) -> dict[str, int]:
    where, args = f.where()
    row = db.execute(
        "SELECT "
        "SUM(CASE WHEN outcome_at IS NOT NULL AND substr(outcome_at, 1, 10) <= follow_up "
        "THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN outcome_at IS NOT NULL AND substr(outcome_at, 1, 10) > follow_up "
        "THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN outcome_at IS NULL AND follow_up < ? THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN outcome_at IS NULL AND follow_up >= ? THEN 1 ELSE 0 END) "
        f"FROM sessions WHERE follow_up IS NOT NULL{_and(where)}", [day, day, *args]
    ).fetchone()
    return dict(zip(("on_time", "late", "missed", "upcoming"), (int(v or 0) for v in row),
                    strict=True))


def outcome_counts(db: Backend, f: Filters) -> dict[str, int]:
    where, args = f.where()
    return {o: int(n) for o, n in db.execute(
        f"SELECT outcome, COUNT(*) FROM sessions WHERE outcome IS NOT NULL{_and(where)} "
        "GROUP BY outcome", args)}


def numbers(db: Backend, f: Filters, today: str) -> dict[str, Any]:
    """Every raw number the report shows, read in one snapshot."""
    with db.snapshot():
        sessions = session_counts(db, f)
        finished = sum(n for _, _, status, _, n in sessions if status == "finished")
        steps = step_counts(sessions)
        done: dict[tuple[str, str], int] = {}
        for (p, st, status, _), n in steps.items():
            done[(p, st)] = done.get((p, st), 0) + (n if status == "done" else 0)
        call, step_medians = medians(db, f, done, finished)
        titles = {(p, st): step_title(db, p, st) for p, st, _, _ in steps}
        return {"sessions": [(p, a, s, n) for p, a, s, _, n in sessions], "finished": finished,
                "steps": [(*key, n) for key, n in steps.items()], "titles": titles,
                "step_medians": step_medians, "call_median": call,
                "follow_ups": follow_up_counts(db, f, today),
                "outcomes": outcome_counts(db, f)}


def plans(db: Backend, f: Filters) -> list[tuple[str, str]]:
    """The query plan of each report query, for bench/report_scale.py."""
    where, args = f.where()
    queries = [
        ("counts", "SELECT playbook, agent, status, closed_steps, COUNT(*) FROM sessions"
         + (f" WHERE {where}" if where else "")
         + " GROUP BY playbook, agent, status, closed_steps", args),
        ("step title", "SELECT title FROM session_steps WHERE playbook = ? AND step = ? "
         "ORDER BY playbook, step, status, seconds LIMIT 1", ["hyken", "1"]),
        ("step median", "SELECT seconds FROM session_steps WHERE playbook = ? AND step = ? "
         f"AND status = 'done'{_and(where)} ORDER BY seconds LIMIT 1 OFFSET 100",
         ["hyken", "1", *args]),
        ("call median", "SELECT total_seconds FROM sessions WHERE status = 'finished'"
         f"{_and(where)} ORDER BY total_seconds LIMIT 1 OFFSET 100", args),
        ("follow-ups", "SELECT COUNT(*) FROM sessions WHERE follow_up IS NOT NULL"
         f"{_and(where)}", args),
    ]
    out = []
    for label, sql, values in queries:
        assert isinstance(values, list)
        if db.dialect.name == "postgresql":
            lines = [r[0] for r in db.execute("EXPLAIN " + sql, values)]
            plan = " / ".join(p.strip() for p in lines
                              if "Scan" in p or "Aggregate" in p or "Sort" in p)
        else:
            plan = " / ".join(r[-1] for r in db.execute("EXPLAIN QUERY PLAN " + sql, values))
        out.append((label, plan))
    return out
