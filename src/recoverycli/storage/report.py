"""The team report's queries: every number is derived from the rows, in one snapshot.

Counts come from one ``GROUP BY`` over a covering index of the sessions (each row
carries the steps it closed, written with it, and the distinct values are few), and the
medians walk an index to the middle (``LIMIT/OFFSET`` from a count taken in the same
snapshot, so they always agree: faster on both databases than PostgreSQL's
``percentile_cont``, which sorts every value).
Nothing is kept by hand, so concurrent writers cannot make a number drift.
:mod:`recoverycli.report.model` shapes and renders what these return.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .assignments import report_rows as practice_rows

if TYPE_CHECKING:
    from .backends import Backend


@dataclass(frozen=True)
class Filters:
    since: str | None = None
    agent: str | None = None
    playbook: str | None = None
    team: str | None = None
    rehearsals: bool = False  # rehearsals count only when asked for (--include-rehearsals)

    def where(self, status: str | None = None) -> tuple[str, list[object]]:
        parts: list[str] = [] if self.rehearsals else ["mode = 'live'"]
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


def long_session_steps(db: Backend, f: Filters
                       ) -> Iterator[tuple[tuple[str, str, str, str | None], int]]:
    """(playbook, step, status, branch taken) -> closed, for the sessions whose closed
    steps were too long to keep in the row (see ``columns.CLOSED_MAX``): from their step
    rows, found through the sessions index (they are few, and usually none)."""
    where, args = f.where()
    for playbook, step, status, taken, n in db.execute(
            "SELECT playbook, step, status, taken, COUNT(*) FROM session_steps WHERE session IN "
            f"(SELECT id FROM sessions WHERE closed_steps IS NULL{_and(where)}) "
            "GROUP BY playbook, step, status, taken", args):
        yield (str(playbook), str(step), str(status), None if taken is None else str(taken)), \
            int(n)


def step_counts(sessions: list[tuple[str, str | None, str, str, int]]
                ) -> dict[tuple[str, str, str, str | None], int]:
    """(playbook, step, status, branch taken) -> closed, from the session counts."""
    import json

    counts: dict[tuple[str, str, str, str | None], int] = {}
    parsed: dict[str, list[tuple[str, str, str | None]]] = {}
    for playbook, _, _, closed, n in sessions:
        steps = parsed.get(closed)
        if steps is None:  # a team store is written by every agent: a damaged row counts
            try:           # as a session, with no steps, rather than stop the report
                steps = _closed(json.loads(closed))
            except (ValueError, TypeError, RecursionError):
                steps = []
            parsed[closed] = steps
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
    if not isinstance(value, dict):
        raise TypeError("closed_steps is not a mapping")
    return [(str(step), str(v[0]), str(v[1])) if isinstance(v, list) else (str(step), str(v),
                                                                           None)
            for step, v in value.items()]


COMPOUND = 400  # SELECTs per UNION ALL statement (SQLite refuses more than 500)


def _in_parts(db: Backend, parts: list[str], values: list[list[object]]
              ) -> Iterator[tuple[int, Any]]:
    """(index of the part, value) for each row of each part (a SELECT of one column).
    On PostgreSQL, as few UNION ALL statements as SQLite would allow too: a playbook of
    2,000 steps is 5 statements, not 2,000 round trips to a team's server. SQLite, in
    process, runs each part, compiled once (parsing a UNION of 400 took longer)."""
    if db.dialect.name == "sqlite":
        for n, part in enumerate(parts):
            for (v,) in db.execute(part, values[n]):
                yield n, v
        return
    for start in range(0, len(parts), COMPOUND):
        chunk = range(start, min(start + COMPOUND, len(parts)))
        sql = " UNION ALL ".join(f"SELECT {n} AS k, v FROM ({parts[n]}) AS m{n}"
                                 for n in chunk)
        args = [value for n in chunk for value in values[n]]
        for k, v in db.execute(sql, args):
            yield int(k), v


def step_titles(db: Backend, steps: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The title each step was closed under (the first in the medians index: one lookup
    each, batched)."""
    keys = list(dict.fromkeys(steps))
    part = ("SELECT title AS v FROM session_steps WHERE playbook = ? AND step = ? "
            "ORDER BY playbook, step, status, seconds LIMIT 1")
    found = {n: v for n, v in _in_parts(db, [part] * len(keys), [list(k) for k in keys])}
    return {key: str(found[n]) if found.get(n) is not None else key[1]
            for n, key in enumerate(keys)}


def _middle(count: int) -> tuple[int, int]:
    """(how many, after how many) values to read for the median of ``count`` sorted."""
    return (1, count // 2) if count % 2 else (2, count // 2 - 1)


def medians(db: Backend, f: Filters, steps: dict[tuple[str, str], int], finished: int
            ) -> tuple[float | None, dict[tuple[str, str], float | None]]:
    """The median call and the median time of each step, in one statement: each part
    walks a covering index to the middle, using a count taken in the same snapshot."""
    where, args = f.where()
    parts: list[str] = []
    values: list[list[object]] = []
    keys: list[tuple[str, str] | None] = []
    if finished:
        fwhere, fargs = f.where("finished")
        parts.append(f"SELECT total_seconds AS v FROM sessions WHERE {fwhere} "
                     "ORDER BY total_seconds LIMIT ? OFFSET ?")
        values.append([*fargs, *_middle(finished)])
        keys.append(None)
    step_part = ("SELECT seconds AS v FROM session_steps WHERE playbook = ? AND "
                 f"step = ? AND status = 'done'{_and(where)} ORDER BY seconds "
                 "LIMIT ? OFFSET ?")
    for (playbook, step), done in steps.items():
        if done:
            parts.append(step_part)
            values.append([playbook, step, *args, *_middle(done)])
            keys.append((playbook, step))
    found: dict[int, list[float]] = {}
    for k, v in _in_parts(db, parts, values):
        try:
            value = float(v)
        except (TypeError, ValueError):
            continue
        if math.isfinite(value):  # a tampered row (1e999) is left out, never a crash
            found.setdefault(k, []).append(value)
    out = {n: round(sum(found[n]) / len(found[n]), 1) if found.get(n) else None
           for n in range(len(keys))}
    call = next((out[n] for n, key in enumerate(keys) if key is None), None)
    return call, {key: out[n] for n, key in enumerate(keys) if key is not None}


def numbers(db: Backend, f: Filters, today: str) -> dict[str, Any]:
    """Every raw number the report shows, read from the rows in one snapshot (a report
    for one agent or team; :func:`recoverycli.storage.sums.numbers` chooses)."""
    with db.snapshot():
        sessions = session_counts(db, f)
        finished = sum(n for _, _, status, _, n in sessions if status == "finished")
        steps = step_counts(sessions)
        for key, n in long_session_steps(db, f):  # sessions too long for the index value
            steps[key] = steps.get(key, 0) + n
        done: dict[tuple[str, str], int] = {}
        for (p, st, status, _), n in steps.items():
            done[(p, st)] = done.get((p, st), 0) + (n if status == "done" else 0)
        call, step_medians = medians(db, f, done, finished)
        titles = step_titles(db, ((p, st) for p, st, _, _ in steps))
        per: dict[tuple[str, str | None, str], int] = {}
        for p, a, s, _, n in sessions:
            per[(p, a or None, s)] = per.get((p, a or None, s), 0) + n
        return {"sessions": [(*key, n) for key, n in per.items()], "finished": finished,
                "steps": [(*key, n) for key, n in steps.items()], "titles": titles,
                "step_medians": step_medians, "call_median": call,
                **day_totals(by_day := by_playbook_and_day(db, f, today)),
                "by_day": by_day,
                "excluded": excluded(db, f),
                "by_agent": by_agent(db, f, today),
                "overdue": overdue(db, f, today),
                "by_wrap_up": by_wrap_up(db, f),
                "practice": practice_rows(db, f.since, f.agent, f.team),
                "outlines": {p: latest_outline(db, p) for p in {row[0] for row in sessions}}}


def by_playbook_and_day(db: Backend, f: Filters, today: str
                        ) -> list[tuple[str, str, int, int, int, int, int, int, int, int]]:
    """(playbook, UTC day, sessions, follow-ups kept on time, kept late, open follow-ups
    missed (dated before ``today``), open and upcoming, returned, lost, pending): one
    pass over the covering index ``sessions_trend``, grouped in its order (``day`` is
    the UTC day a session started, a column so that both databases group by the index). The
    week-by-week trend, the return rate per playbook and the follow-up and outcome totals
    are sums of these rows (a few hundred for a year)."""
    from .followups import OPEN

    where, args = f.where()
    return [(p, d, *(int(v or 0) for v in rest)) for p, d, *rest in db.execute(
        "SELECT playbook, day, COUNT(*), SUM(kept), SUM(kept_late), "
        f"SUM(CASE WHEN {OPEN} AND follow_up < ? THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {OPEN} AND follow_up >= ? THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN outcome = 'returned' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN outcome = 'lost' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN outcome = 'pending' THEN 1 ELSE 0 END) FROM sessions"
        + (f" WHERE {where}" if where else "")
        + " GROUP BY playbook, day", [today, today, *args])]


def by_agent(db: Backend, f: Filters, today: str
             ) -> list[tuple[str | None, int, int, int, int, int, int]]:
    """(agent, sessions, follow-ups kept on time, kept late, missed, returned, lost): the
    per-agent columns of the report, one pass over the covering index ``sessions_trend``
    (which holds every column read here)."""
    from .followups import OPEN

    where, args = f.where()
    return [(a, *(int(v or 0) for v in rest)) for a, *rest in db.execute(
        "SELECT agent, COUNT(*), SUM(kept), SUM(kept_late), "
        f"SUM(CASE WHEN {OPEN} AND follow_up < ? THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN outcome = 'returned' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN outcome = 'lost' THEN 1 ELSE 0 END) FROM sessions"
        + (f" WHERE {where}" if where else "") + " GROUP BY agent", [today, *args])]


def by_wrap_up(db: Backend, f: Filters) -> list[tuple[str, str, int, int, int]]:
    """(playbook, wrap-up code, sessions, returned, lost) for the sessions closed with a
    code, over the partial index ``sessions_wrap_up``."""
    where, args = f.where()
    return [(p, c, *(int(v or 0) for v in rest)) for p, c, *rest in db.execute(
        "SELECT playbook, wrap_up, COUNT(*), "
        "SUM(CASE WHEN outcome = 'returned' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN outcome = 'lost' THEN 1 ELSE 0 END) FROM sessions "
        f"WHERE wrap_up IS NOT NULL{_and(where)} GROUP BY playbook, wrap_up", args)]


OVERDUE_LIMIT = 1000  # names listed; the count of all of them is the missed total


def overdue(db: Backend, f: Filters, today: str) -> list[dict[str, Any]]:
    """The open follow-ups dated before ``today`` in the report's scope, the most overdue
    first (the partial index ``sessions_open_follow_ups_by_date`` serves the order)."""
    from .followups import OPEN

    where, args = f.where()
    # since a day: the open follow-ups started since then (SQLite's planner would walk
    # every open follow-up by date and look each row up for its start)
    table = ("sessions INDEXED BY sessions_open_since" if f.since and
             db.dialect.name == "sqlite" else "sessions")
    keys = ("id", "customer", "agent", "playbook", "follow_up", "offer")
    rows = db.execute(f"SELECT {', '.join(keys)} FROM {table} WHERE {OPEN} AND "
                      f"follow_up < ?{_and(where)} ORDER BY follow_up, started, id LIMIT ?",
                      [today, *args, OVERDUE_LIMIT])
    return [dict(zip(keys, row, strict=True)) for row in rows]


def day_totals(rows: list[tuple[str, str, int, int, int, int, int, int, int, int]]
               ) -> dict[str, dict[str, int]]:
    """The follow-up and outcome totals, summed from :func:`by_playbook_and_day`."""
    sums = [sum(int(row[i]) for row in rows) for i in range(3, 10)]
    follow = dict(zip(("on_time", "late", "missed", "upcoming"), sums[:4], strict=True))
    outcomes = {k: v for k, v in zip(("returned", "lost", "pending"), sums[4:], strict=True)
                if v}
    return {"follow_ups": follow, "outcomes": outcomes}


def excluded(db: Backend, f: Filters) -> dict[str, int]:
    """What the report leaves out, counted so it can say so: rehearsals (unless included)
    and practice attempts in the period (of the report's agent or team)."""
    from dataclasses import replace

    rehearsals = 0
    if not f.rehearsals:
        where, args = replace(f, rehearsals=True).where()
        row = db.execute("SELECT COUNT(*) FROM sessions WHERE mode <> 'live'"
                         + (f" AND {where}" if where else ""), args).fetchone()
        rehearsals = int(row[0] or 0)
    return {"rehearsals": rehearsals, "practice": attempts_count(db, f)}


def attempts_count(db: Backend, f: Filters) -> int:
    """Practice attempts in the period, of the agent or team the report is for (red team,
    issue 22: 'Not counted: 3 practice attempts' for an agent who had none)."""
    parts, args = [], []
    for clause, value in (("started >= ?", f.since), ("agent = ?", f.agent),
                          ("team = ?", f.team)):
        if value:
            parts.append(clause)
            args.append(value)
    row = db.execute("SELECT COUNT(*) FROM attempts" + (" WHERE " + " AND ".join(parts)
                                                        if parts else ""), args).fetchone()
    return int(row[0] or 0)


def latest_outline(db: Backend, playbook: str) -> list[tuple[str, str]]:
    """The playbook's steps, in order, as its newest session recorded them: the report
    numbers and orders steps by this, never by their ids."""
    import json

    row = db.execute("SELECT state FROM sessions WHERE playbook = ? ORDER BY playbook, "
                     "started DESC LIMIT 1", (playbook,)).fetchone()
    if row is None:
        return []
    try:
        outline = json.loads(row[0]).get("outline") or {}
        return [(str(sid), str(title)) for sid, title in outline.get("steps") or []]
    except (ValueError, TypeError, AttributeError, RecursionError):
        return []  # a damaged newest row: the steps keep the order of their ids


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
        ("trend", "SELECT playbook, day, COUNT(*), SUM(kept), "
         "SUM(CASE WHEN follow_up IS NOT NULL AND (outcome IS NULL OR outcome = 'pending') "
         "THEN 1 ELSE 0 END) FROM sessions" + (f" WHERE {where}" if where else "")
         + " GROUP BY playbook, day", args),
        ("rehearsals", "SELECT COUNT(*) FROM sessions WHERE mode <> 'live'", []),
        ("sums", "SELECT playbook, agent, status, SUM(sessions) FROM rollup_counts_now WHERE "
         "grain = 'a' AND mode = 'live' GROUP BY playbook, agent, status", []),
        ("sums 30d", "SELECT playbook, bucket, SUM(n) FROM rollup_seconds_now WHERE "
         "((grain = 'd' AND period >= ? AND period < ?) OR (grain = 'm' AND period > ?)) "
         "AND mode = 'live' GROUP BY playbook, step, bucket",
         ["2026-11-05", "2026-11-32", "2026-11"]),
        ("open", "SELECT playbook, day, agent, COUNT(*) FROM sessions WHERE follow_up IS NOT "
         "NULL AND (outcome IS NULL OR outcome = 'pending') AND mode = 'live' GROUP BY "
         "playbook, day, agent", []),
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

