"""The report's numbers from the sums the database keeps (:mod:`.rollup`), for a report
of the whole team: the same numbers :func:`.report.numbers` reads from the rows (tests
compare them), without reading 1,000,000 rows to say them."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .assignments import report_rows as practice_rows
from .report import (
    Filters,
    _and,
    _in_parts,
    _middle,
    attempts_count,
    day_totals,
    latest_outline,
    long_session_steps,
    overdue,
    step_counts,
    step_titles,
)
from .report import numbers as from_rows

if TYPE_CHECKING:
    from .backends import Backend


def numbers(db: Backend, f: Filters, today: str, rows: bool = False) -> dict[str, Any]:
    """Every raw number the report shows, in one snapshot: from the sums, or, for one
    agent or team (or with ``rows``), from the rows themselves."""
    if rows or f.agent or f.team:
        return from_rows(db, f, today)
    from .rollup import fold

    fold(db)  # before the snapshot; if it cannot, the views still read the log
    with db.snapshot():
        return _rolled(db, f, today)


def _rolled(db: Backend, f: Filters, today: str) -> dict[str, Any]:
    """:func:`numbers` from the sums (no agent or team filter), in the caller's snapshot."""
    from .rollup import period

    when, wargs = period(f.since)
    scope, sargs = [when], list(wargs)
    if not f.rehearsals:
        scope.append("mode = 'live'")
    if f.playbook:
        scope.append("playbook = ?")
        sargs.append(f.playbook)
    where = " AND ".join(scope)
    sessions = [(str(p), a or None, str(s), int(n)) for p, a, s, n in db.execute(
        "SELECT playbook, agent, status, SUM(sessions) FROM rollup_counts_now WHERE "
        f"{where} GROUP BY playbook, agent, status HAVING SUM(sessions) <> 0", sargs)]
    finished = sum(n for _, _, status, n in sessions if status == "finished")
    closed: list[tuple[str, str | None, str, str, int]] = [
        (str(p), None, str(s), str(c) or "{}", int(n)) for p, s, c, n in db.execute(
        "SELECT playbook, status, closed_steps, SUM(sessions) FROM rollup_steps_now WHERE "
        f"{where} GROUP BY playbook, status, closed_steps HAVING SUM(sessions) <> 0", sargs)]
    steps = step_counts(closed)
    for key, n in long_session_steps(db, f):
        steps[key] = steps.get(key, 0) + n
    done: dict[tuple[str, str], int] = {}
    for (p, st, status, _), n in steps.items():
        done[(p, st)] = done.get((p, st), 0) + (n if status == "done" else 0)
    call, step_medians = _histogram_medians(db, f, where, sargs, done)
    titles = step_titles(db, ((p, st) for p, st, _, _ in steps))
    by_day, by_agent_rows = _rolled_days_and_agents(db, f, where, sargs, today)
    wrap = [(str(p), str(c), int(n), int(r or 0), int(lo or 0)) for p, c, n, r, lo in db.execute(
        "SELECT playbook, wrap_up, SUM(sessions), SUM(returned), SUM(lost) FROM "
        f"rollup_counts_now WHERE {where} AND wrap_up <> '' GROUP BY playbook, wrap_up "
        "HAVING SUM(sessions) <> 0", sargs)]
    rehearsals = 0
    if not f.rehearsals:
        rscope = [when, "mode <> 'live'"] + (["playbook = ?"] if f.playbook else [])
        row = db.execute("SELECT SUM(sessions) FROM rollup_counts_now WHERE "
                         + " AND ".join(rscope), [*wargs, *([f.playbook] if f.playbook
                                                           else [])]).fetchone()
        rehearsals = int(row[0] or 0)
    return {"sessions": sessions, "finished": finished,
            "steps": [(*key, n) for key, n in steps.items()], "titles": titles,
            "step_medians": step_medians, "call_median": call,
            **day_totals(by_day), "by_day": by_day,
            "excluded": {"rehearsals": rehearsals, "practice": attempts_count(db, f)},
            "by_agent": by_agent_rows,
            "overdue": overdue(db, f, today),
            "by_wrap_up": wrap,
            "practice": practice_rows(db, f.since, f.agent, f.team),
            "outlines": {p: latest_outline(db, p) for p in {row[0] for row in sessions}}}


def _rolled_days_and_agents(db: Backend, f: Filters, where: str, args: list[object],
                            today: str) -> tuple[list[Any], list[Any]]:
    """:func:`by_playbook_and_day` and :func:`by_agent` from the sums, with the open
    follow-ups (missed or upcoming depends on today) counted from their partial index."""
    from .followups import OPEN

    dscope, dargs = [] if f.rehearsals else ["mode = 'live'"], []
    for clause, value in (("day >= ?", f.since[:10] if f.since else None),
                          ("playbook = ?", f.playbook)):
        if value:
            dscope.append(clause)
            dargs.append(value)
    dwhere = (" WHERE " + " AND ".join(dscope)) if dscope else ""
    table = ("sessions INDEXED BY sessions_open_report" if db.dialect.name == "sqlite"
             else "sessions")
    owhere, oargs = f.where()
    missed_day: dict[tuple[str, str], tuple[int, int]] = {
        (str(p), str(d)): (int(missed or 0), int(upcoming or 0))
        for p, d, missed, upcoming in db.execute(
            "SELECT playbook, day, SUM(CASE WHEN follow_up < ? THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN follow_up >= ? THEN 1 ELSE 0 END) FROM {table} WHERE "
            f"{OPEN}{_and(owhere)} GROUP BY playbook, day", [today, today, *oargs])}
    missed_agent: dict[str | None, int] = {}
    for a, missed in db.execute(f"SELECT agent, COUNT(*) FROM {table} WHERE {OPEN} AND "
                                f"follow_up < ?{_and(owhere)} GROUP BY agent",
                                [today, *oargs]):
        missed_agent[a or None] = missed_agent.get(a or None, 0) + int(missed or 0)
    by_day = []
    for p, d, n, kept, late, ret, lost, pend in db.execute(
            "SELECT playbook, day, SUM(sessions), SUM(kept), SUM(kept_late), SUM(returned), "
            f"SUM(lost), SUM(pending) FROM rollup_days_now{dwhere} GROUP BY playbook, day "
            "HAVING SUM(sessions) <> 0", dargs):
        missed, upcoming = missed_day.get((str(p), str(d)), (0, 0))
        by_day.append((str(p), str(d), int(n), int(kept or 0), int(late or 0), missed,
                       upcoming, int(ret or 0), int(lost or 0), int(pend or 0)))
    agents = []
    for a, n, kept, late, ret, lost in db.execute(
            "SELECT agent, SUM(sessions), SUM(kept), SUM(kept_late), SUM(returned), SUM(lost) "
            f"FROM rollup_counts_now WHERE {where} GROUP BY agent HAVING SUM(sessions) <> 0",
            args):
        agents.append((a or None, int(n), int(kept or 0), int(late or 0),
                       missed_agent.get(a or None, 0), int(ret or 0), int(lost or 0)))
    return by_day, agents


def _histogram_medians(db: Backend, f: Filters, where: str, args: list[object],
                       done: dict[tuple[str, str], int]
                       ) -> tuple[float | None, dict[tuple[str, str], float | None]]:
    """The median call and step times: the bucket (whole second) holding the middle
    from the sums, then the values inside it from the rows, over the medians indexes."""
    from .rollup import LONGEST

    hist: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for p, st, b, n in db.execute(
            "SELECT playbook, step, bucket, SUM(n) FROM rollup_seconds_now WHERE "
            f"{where} GROUP BY playbook, step, bucket HAVING SUM(n) > 0 ORDER BY playbook, "
            "step, bucket", args):
        key = ("", "") if st == "" else (str(p), str(st))
        hist.setdefault(key, []).append((int(b), int(n)))
    if ("", "") in hist:  # the call, over every playbook: one histogram
        merged: dict[int, int] = {}
        for b, n in hist[("", "")]:
            merged[b] = merged.get(b, 0) + n
        hist[("", "")] = sorted(merged.items())
    rwhere, rargs = f.where()
    fwhere, fargs = f.where("finished")
    wanted: list[tuple[str, str]] = [("", "")] + [k for k, n in done.items() if n]
    parts: list[str] = []
    values: list[list[object]] = []
    owners: list[tuple[str, str]] = []
    for key in wanted:
        buckets = hist.get(key)
        if not buckets:
            continue
        total = sum(n for _, n in buckets)
        take, skip = _middle(total)
        for rank in range(skip, skip + take):
            below, index = 0, 0
            while rank >= below + buckets[index][1]:
                below += buckets[index][1]
                index += 1
            bucket = buckets[index][0]
            low, high = float(bucket), float(min(bucket + 1, LONGEST))
            if key == ("", ""):
                parts.append(f"SELECT total_seconds AS v FROM sessions WHERE {fwhere} AND "
                             "total_seconds >= ? AND total_seconds < ? ORDER BY total_seconds "
                             "LIMIT 1 OFFSET ?")
                values.append([*fargs, low, high, rank - below])
            else:
                parts.append("SELECT seconds AS v FROM session_steps WHERE playbook = ? AND "
                             f"step = ? AND status = 'done'{_and(rwhere)} AND seconds >= ? "
                             "AND seconds < ? ORDER BY seconds LIMIT 1 OFFSET ?")
                values.append([key[0], key[1], *rargs, low, high, rank - below])
            owners.append(key)
    found: dict[tuple[str, str], list[float]] = {}
    for n, v in _in_parts(db, parts, values):
        try:
            value = float(v)
        except (TypeError, ValueError):
            continue
        if math.isfinite(value):
            found.setdefault(owners[n], []).append(value)
    out = {key: round(sum(vs) / len(vs), 1) for key, vs in found.items()}
    return out.get(("", "")), {key: out.get(key) for key in done if done[key]}
