"""Assigned practice (issue 22): whether an agent passed an assigned scenario by its date.

Pure: the rows come from :mod:`recoverycli.storage.assignments`; this module decides, for
one agent and one assignment, the best score by the due date and overall, and says it in
words. An attempt counts from the day the scenario was assigned (UTC day) on; it passes
when its score reaches the pass mark; "by the date" means on or before the due day, in
the reader's local time.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recoverycli.storage.store import Store

PASS_DEFAULT = 70


def local_day(stamp: str) -> date:
    """The local day of a stored UTC time ("2026-12-04T21:48:00.000Z")."""
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone().date()


def readable(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The assignments whose due date, pass mark and time of assigning can be read: a
    team store is written by every agent's recover, and a damaged row is left out rather
    than stop a command (``assign --list`` still shows it, as stored)."""
    out = []
    for row in rows:
        try:
            date.fromisoformat(str(row["due"])[:10])
            int(row["pass_mark"])
            str(row["assigned_at"])[:10]
        except (ValueError, TypeError):
            continue
        out.append(row)
    return out


def _scored(scores: list[tuple[float, str]], since: str) -> list[tuple[float, date]]:
    out = []
    for score, started in scores:
        try:
            if started[:10] >= since:
                out.append((float(score), local_day(started)))
        except (ValueError, TypeError, OverflowError):
            continue  # a damaged attempt counts for nothing
    return out


def standing(assignment: dict[str, Any], scores: list[tuple[float, str]], today: date
             ) -> dict[str, Any]:
    """One agent's standing on one assignment, from their (score, started) attempts at
    its scenario: ``state`` is passed, passed late, overdue or open."""
    due = date.fromisoformat(str(assignment["due"])[:10])
    mark = int(assignment["pass_mark"])
    counted = _scored(scores, str(assignment["assigned_at"])[:10])
    by_due = [s for s, d in counted if d <= due]
    passing = [d for s, d in counted if s >= mark]
    best = max((s for s, _ in counted), default=None)
    best_by_due = max(by_due, default=None)
    if best_by_due is not None and best_by_due >= mark:
        state = "passed"
    elif passing:
        state = "passed late"
    elif due < today:
        state = "overdue"
    else:
        state = "open"
    return {"id": assignment["id"], "scenario": assignment["scenario"],
            "playbook": assignment["playbook"], "due": due.isoformat(), "pass_mark": mark,
            "attempts": len(counted), "best": None if best is None else round(best),
            "best_by_due": None if best_by_due is None else round(best_by_due),
            "passed_on": passing[0].isoformat() if passing else None,
            "passed_by_due": state == "passed", "state": state,
            "days_left": (due - today).days}


def standing_words(s: dict[str, Any]) -> str:
    """"passed on Thu 2026-12-03 (best 85, pass 70)", "overdue: was due Fri 2026-12-04
    (best 55, pass 70)", "due Fri 2026-12-11, in 7 days (not tried, pass 70)"."""
    from recoverycli.i18n import _, ngettext, number
    from recoverycli.when import with_weekday

    best = (_("best {best}, pass {mark}") if s["best"] is not None
            else _("not tried, pass {mark}")).format(best=s["best"], mark=s["pass_mark"])
    due = with_weekday(s["due"])
    if s["state"] == "passed":
        return _("passed on {day} (best {best}, pass {mark})").format(
            day=with_weekday(str(s["passed_on"])), best=s["best"], mark=s["pass_mark"])
    if s["state"] == "passed late":
        return _("passed late, on {day}: was due {due} ({best})").format(
            day=with_weekday(str(s["passed_on"])), due=due, best=best)
    if s["state"] == "overdue":
        return _("OVERDUE: was due {due} ({best})").format(due=due, best=best)
    days = s["days_left"]
    when = _("today") if days == 0 else _("tomorrow") if days == 1 else ngettext(
        "in {count} day", "in {count} days", days).format(count=number(days))
    return _("due {due}, {when} ({best})").format(due=due, when=when, best=best)


def mine(store: Store, today: date) -> list[dict[str, Any]]:
    """The configured agent's open assignments (by name or to their team), each with
    its standing, soonest due first."""
    from recoverycli.config import agent_name, load_config
    from recoverycli.storage import assignments as queries

    agent, team = agent_name(), load_config().team
    rows = readable(store.read(queries.open_ones, agent, team))
    scores = store.read(queries.practice_scores, sorted({r["scenario"] for r in rows}),
                        [agent])
    return [standing(r, [(sc, t) for _, s, sc, t in scores if s == r["scenario"]], today)
            for r in rows]
