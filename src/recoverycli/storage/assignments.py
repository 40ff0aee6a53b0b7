"""Assigned practice (issue 22): a scenario a supervisor assigns to an agent or a team, due
by a date, with a pass mark; and the practice scores that say whether it was passed.

Rows are never deleted by withdrawing: ``cancel`` stamps ``cancelled_at`` (and who), so
what was asked stays readable; every other query reads the open ones. Whether an
assignment was passed is derived, each time, from the attempts (see
:mod:`recoverycli.practice.assigned`): nothing here keeps a score by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from recoverycli.errors import NotFoundError, UsageError
from recoverycli.i18n import _

if TYPE_CHECKING:
    from .backends import Backend

KEYS = ("id", "scenario", "playbook", "agent", "team", "due", "pass_mark", "assigned_by",
        "assigned_at", "cancelled_by", "cancelled_at")


def add(db: Backend, row: dict[str, Any]) -> None:
    """Store one assignment (``row`` has every key of :data:`KEYS` but the cancelled
    ones)."""
    keys = KEYS[:9]
    with db.transaction():
        db.execute(f"INSERT INTO assignments ({', '.join(keys)}) VALUES "
                   f"({', '.join('?' * len(keys))})", [row[k] for k in keys])


def _rows(db: Backend, where: str, args: list[object]) -> list[dict[str, Any]]:
    return [dict(zip(KEYS, row, strict=True)) for row in db.execute(
        f"SELECT {', '.join(KEYS)} FROM assignments WHERE {where} "
        "ORDER BY due, assigned_at, id", args)]


def open_ones(db: Backend, agent: str | None = None, team: str | None = None
              ) -> list[dict[str, Any]]:
    """The assignments not withdrawn, soonest due first; with ``agent`` (and ``team``),
    only those for that agent: by name, or to their team."""
    if agent is None and team is None:
        return _rows(db, "cancelled_at IS NULL", [])
    parts: list[str] = []
    args: list[object] = []
    if agent:
        parts.append("agent = ?")
        args.append(agent)
    if team:
        parts.append("team = ?")
        args.append(team)
    return _rows(db, f"cancelled_at IS NULL AND ({' OR '.join(parts)})", args)


def every_one(db: Backend) -> list[dict[str, Any]]:
    """Every assignment, withdrawn ones too (``assign --list --all``)."""
    return _rows(db, "1 = 1", [])


def same_open(db: Backend, scenario: str, agent: str | None, team: str | None, due: str
              ) -> dict[str, Any] | None:
    """The open assignment of this scenario to the same agent or team by the same date."""
    target = "agent = ?" if agent is not None else "team = ?"
    found = _rows(db, f"cancelled_at IS NULL AND scenario = ? AND {target} AND due = ?",
                  [scenario, agent if agent is not None else team, due])
    return found[0] if found else None


def names_in_use(db: Backend, column: str) -> list[str]:
    """The agents (``column="agent"``) or teams the store's sessions and attempts name."""
    if column not in ("agent", "team"):
        raise ValueError(column)
    rows = db.execute(f"SELECT DISTINCT {column} FROM sessions WHERE {column} IS NOT NULL "
                      f"UNION SELECT DISTINCT {column} FROM attempts WHERE {column} IS NOT NULL")
    return sorted({str(name) for (name,) in rows})


MIN_PREFIX = 4  # characters of an id --cancel needs (one in 16 ids shares a first digit)


def cancel(db: Backend, given: str, by: str, at: str) -> dict[str, Any]:
    """Withdraw the open assignment whose id is or starts with ``given``; returns it."""
    from .filters import like_escape

    text = given.strip().lower()
    if not text:
        raise UsageError(_("--cancel needs an assignment id (see 'recover assign --list')"))
    if len(text) < MIN_PREFIX:
        raise UsageError(_("--cancel needs at least {count} characters of the id, not "
                           "'{given}' (see 'recover assign --list')").format(
                               count=MIN_PREFIX, given=given))
    with db.transaction():
        found = _rows(db, "id LIKE ? ESCAPE '\\' AND cancelled_at IS NULL",
                      [like_escape(text) + "%"])
        if not found:
            raise NotFoundError(_("no open assignment '{given}' (see 'recover assign "
                                  "--list')").format(given=given))
        if len(found) > 1:
            ids = ", ".join(str(row["id"])[:12] for row in found[:10])
            raise UsageError(_("'{given}' starts {count} assignments' ids ({ids}); give "
                               "more of the id").format(given=given, count=len(found),
                                                        ids=ids))
        db.execute("UPDATE assignments SET cancelled_by = ?, cancelled_at = ? WHERE id = ?",
                   (by, at, found[0]["id"]))
    return {**found[0], "cancelled_by": by, "cancelled_at": at}


def practice_scores(db: Backend, scenarios: list[str], agents: list[str] | None = None
                    ) -> list[tuple[str, str, float, str]]:
    """(agent, scenario, score, started) of every practice attempt at these scenarios
    (by these agents), oldest first: what says whether an assignment was passed."""
    if not scenarios:
        return []
    args: list[object] = list(scenarios)
    where = f"kind = 'practice' AND scenario IN ({', '.join('?' * len(scenarios))})"
    if agents is not None:
        if not agents:
            return []
        where += f" AND agent IN ({', '.join('?' * len(agents))})"
        args += agents
    return [(str(a), str(s), float(score), str(started)) for a, s, score, started in
            db.execute(f"SELECT agent, scenario, score, started FROM attempts WHERE {where}"
                       " AND agent IS NOT NULL ORDER BY started, id", args)]


def practice_by_agent(db: Backend, since: str | None, agent: str | None,
                      team: str | None) -> list[tuple[str | None, str | None, int, int,
                                                      float | None]]:
    """(agent, team, practice attempts, quizzes, best practice score) in the report's
    scope: attempts since ``since``, of ``agent`` or ``team`` when given."""
    where: list[str] = ["1 = 1"]
    args: list[object] = []
    for clause, value in (("started >= ?", since), ("agent = ?", agent),
                          ("team = ?", team)):
        if value:
            where.append(clause)
            args.append(value)
    return [(a, t, int(p or 0), int(q or 0), None if best is None else float(best))
            for a, t, p, q, best in db.execute(
                "SELECT agent, team, SUM(CASE WHEN kind = 'practice' THEN 1 ELSE 0 END), "
                "SUM(CASE WHEN kind = 'quiz' THEN 1 ELSE 0 END), "
                "MAX(CASE WHEN kind = 'practice' THEN score END) FROM attempts WHERE "
                + " AND ".join(where) + " GROUP BY agent, team", args)]


def team_members(db: Backend, teams: list[str], since: str | None = None
                 ) -> list[tuple[str, str]]:
    """(agent, team) for every agent known to be in one of ``teams``: from their
    sessions (since ``since``: the report's period, a range of ``sessions_team_started``)
    and their practice attempts (a team is whoever works under its name)."""
    if not teams:
        return []
    marks = ", ".join("?" * len(teams))
    after = " AND started >= ?" if since else ""
    rows = db.execute(f"SELECT agent, team FROM sessions WHERE team IN ({marks}){after} AND "
                      f"agent IS NOT NULL GROUP BY agent, team UNION SELECT agent, team "
                      f"FROM attempts WHERE team IN ({marks}) AND agent IS NOT NULL",
                      [*teams, *([since] if since else []), *teams])
    return sorted({(str(a), str(t)) for a, t in rows})


def report_rows(db: Backend, since: str | None, agent: str | None, team: str | None
                ) -> dict[str, Any]:
    """What the report's practice section is made of, in its scope: attempts per agent,
    the open assignments (due in the period), who is in each team they name, and the
    practice scores at their scenarios."""
    by_agent = practice_by_agent(db, since, agent, team)
    rows = open_ones(db)
    if since:
        rows = [r for r in rows if str(r["due"]) >= since[:10]]
    # (no assignment, no work: the report over a million sessions pays nothing for this)
    teams = sorted({str(r["team"]) for r in rows if r["team"]}
                   | ({team} if team and rows else set()))
    members = team_members(db, teams, since)
    scores = practice_scores(db, sorted({str(r["scenario"]) for r in rows}))
    return {"by_agent": by_agent, "assignments": rows, "members": members,
            "scores": scores}
