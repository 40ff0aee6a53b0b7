"""The team report: what the team's recoveries achieve, from the store's own numbers.

Sessions per playbook and agent, median time per call and per step (in playbook order,
numbered and titled), the most skipped steps, how often each branch (Hyken's hand-off)
is taken, follow-ups kept, late or missed, outcomes - the share of recovered customers
who came back, the return rate after recovery (not the service recovery paradox, which
needs a comparison with customers who had no failure; see docs/teams.md) - a
week-by-week trend and the return rate of each playbook.

Every report states its scope first (period, filters, store, when it was made, by which
version); rehearsals and practice are left out by default and counted apart; every rate
comes with its counts, and below :data:`MIN_SAMPLE` is shown as its counts only ("1 of
1"), never as a percentage, with one footnote (:func:`footnote`) saying why. Everything
is aggregated in SQL on indexed columns by :mod:`recoverycli.storage.report` (this
module runs no SQL); only the rendering differs by format.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recoverycli.storage.store import Store

FORMATS = ("text", "md", "html", "json")
MIN_SAMPLE = 10  # below this many, a rate is shown as its counts only


def rate(count: int, of: int) -> dict[str, Any]:
    """A share with what it is made of: never a bare percentage."""
    return {"count": count, "of": of, "rate": round(count / of, 3) if of else None,
            "too_few": of < MIN_SAMPLE}


def _store_label(store: Store) -> str:
    from pathlib import Path

    where = store.where  # a team store's URL is already masked
    if store.path is not None:
        home = str(Path.home())
        if where.startswith(home + "/"):
            where = "~" + where[len(home):]
    return where


def gather(store: Store, today: date, since: str | None = None, agent: str | None = None,
           playbook: str | None = None, team: str | None = None,
           rehearsals: bool = False, since_text: str | None = None) -> dict[str, Any]:
    """The report's numbers, shaped: every count and median derived from the rows in one
    snapshot by :mod:`recoverycli.storage.report`."""
    import time

    from recoverycli import __version__
    from recoverycli.storage.columns import iso
    from recoverycli.storage.report import Filters
    from recoverycli.storage.sums import numbers
    from recoverycli.when import local_stamp

    raw = store.read(numbers, Filters(since, agent or None, playbook, team, rehearsals),
                     today.isoformat())
    now = time.time()
    scope = {
        "period": {"since": since, "until": today.isoformat(), "asked": since_text},
        "filters": {"agent": agent, "team": team, "playbook": playbook},
        "rehearsals_included": rehearsals,
        "store": _store_label(store),
        "generated": iso(now), "generated_local": local_stamp(now),
        "version": __version__,
    }
    per_playbook: dict[str, int] = {}
    per_agent: dict[str, int] = {}
    for book, who, _status, n in raw["sessions"]:
        per_playbook[book] = per_playbook.get(book, 0) + n
        per_agent[who or "-"] = per_agent.get(who or "-", 0) + n
    by_playbook = [{"playbook": p, "sessions": n} for p, n in
                   sorted(per_playbook.items(), key=lambda kv: (-kv[1], kv[0])) if n]
    agent_rows = {who or "-": rest for who, *rest in raw["by_agent"]}
    by_agent = []
    for a, n in sorted(per_agent.items(), key=lambda kv: (-kv[1], kv[0])):
        if not n:
            continue
        _total, on_time, late, missed, came, gone = agent_rows.get(a, [n, 0, 0, 0, 0, 0])
        by_agent.append({"agent": a, "sessions": n, "came_back": rate(came, came + gone),
                         "follow_ups_kept": rate(on_time + late, on_time + late + missed),
                         "kept_late": late, "missed": missed})
    today_iso = today.isoformat()
    overdue = [{**row, "follow_up": str(row["follow_up"]),
                "days_late": (today - date.fromisoformat(str(row["follow_up"])[:10])).days}
               for row in raw["overdue"] if str(row["follow_up"])[:10] < today_iso]

    counts: dict[tuple[str, str], dict[str, int]] = {}
    taken: dict[tuple[str, str, str], int] = {}
    titles: dict[tuple[str, str], str] = raw["titles"]
    for book, step, status, branch, n in raw["steps"]:
        by_status = counts.setdefault((book, step), {})
        by_status[status] = by_status.get(status, 0) + n
        if branch:
            taken[(book, step, branch)] = taken.get((book, step, branch), 0) + n
    order: dict[tuple[str, str], int] = {}
    for book, outline in raw["outlines"].items():
        for number, (sid, title) in enumerate(outline, start=1):
            order[(book, sid)] = number
            titles.setdefault((book, sid), title)
    steps: list[dict[str, Any]] = []
    for (book, step), by_status in counts.items():
        done, skipped = by_status.get("done", 0), by_status.get("skip", 0)
        visits = done + skipped
        steps.append({"playbook": book, "step": step, "number": order.get((book, step)),
                      "title": titles.get((book, step), step),
                      "closed": visits, "skipped": skipped,
                      "skip_rate": round(skipped / visits, 3) if visits else 0.0,
                      "skips": rate(skipped, visits),
                      "median_seconds": raw["step_medians"].get((book, step))})
    steps.sort(key=lambda s: (s["playbook"], s["number"] or 10**6, s["title"]))
    most_skipped = sorted((s for s in steps if s["skipped"]),
                          key=lambda s: (-s["skip_rate"], -s["skipped"]))[:5]
    step_of = {(s["playbook"], s["step"]): s for s in steps}
    branches = []
    for (b, st, t), n in sorted(taken.items(), key=lambda kv: (-kv[1], kv[0])):
        s = step_of.get((b, st))
        visits = s["closed"] if s else n
        branches.append({"playbook": b, "step": st, "number": s["number"] if s else None,
                         "title": s["title"] if s else st, "taken": t, "times": n,
                         "rate": round(n / max(1, visits), 3), "share": rate(n, visits)})
    outcomes = raw["outcomes"]
    returned, lost = outcomes.get("returned", 0), outcomes.get("lost", 0)
    f = raw["follow_ups"]
    kept = f["on_time"] + f["late"]
    trend, by_return = _trend_and_returns(raw["by_day"], since, today)
    return {
        "scope": scope,
        "excluded": raw["excluded"],
        "filters": {"since": since, "agent": agent, "playbook": playbook, "team": team},
        "sessions": sum(per_playbook.values()), "finished": raw["finished"],
        "by_playbook": by_playbook, "by_agent": by_agent,
        "median_call_seconds": raw["call_median"],
        "steps": steps, "most_skipped": most_skipped, "branches": branches,
        "follow_ups": f,
        "follow_ups_kept": {**rate(kept, kept + f["missed"]), "on_time": f["on_time"],
                            "late": f["late"]},
        "follow_ups_on_time": rate(f["on_time"], kept + f["missed"]),
        "outcomes": {"returned": returned, "lost": lost, "pending": outcomes.get("pending", 0),
                     "came_back_share": round(returned / (returned + lost), 3)
                     if returned + lost else None,
                     "came_back": rate(returned, returned + lost)},
        "trend": trend, "return_by_playbook": by_return,
        "overdue": overdue, "overdue_total": f["missed"],
        "by_wrap_up": _wrap_ups(raw["by_wrap_up"]),
        "practice": _practice(raw["practice"], agent, team, today),
    }


def _practice(raw: dict[str, Any], agent: str | None, team: str | None, today: date
              ) -> dict[str, Any]:
    """The practice section (issue 22): each agent's attempts and best score, and for
    each open assignment (to them by name, or to their team), whether they passed it by
    the date - derived from the attempts, by :func:`recoverycli.practice.assigned.standing`.
    An assignment not yet due and not yet passed is neither: it counts once it is."""
    from recoverycli.practice.assigned import readable, standing

    members: dict[str, set[str]] = {}
    for who, t in raw["members"]:
        members.setdefault(t, set()).add(who)
    agents: dict[str, dict[str, Any]] = {}
    for who, _t, tries, quizzes, best in raw["by_agent"]:
        a = agents.setdefault(who or "-", {"agent": who or "-", "attempts": 0, "quizzes": 0,
                                           "best": None})
        a["attempts"] += tries
        a["quizzes"] += quizzes
        if best is not None:
            a["best"] = max(a["best"] or 0, round(best))
    rows: list[dict[str, Any]] = []
    for r in readable(raw["assignments"]):
        targets = [r["agent"]] if r["agent"] else sorted(members.get(str(r["team"]), ()))
        for who in targets:
            if (agent and who != agent) or (team and who not in members.get(team, ())):
                continue
            scores = [(sc, t) for w, s, sc, t in raw["scores"]
                      if w == who and s == r["scenario"]]
            rows.append({**standing(r, scores, today), "agent": who,
                         "to": f"team {r['team']}" if r["team"] else who})
            agents.setdefault(who, {"agent": who, "attempts": 0, "quizzes": 0,
                                    "best": None})
    rows.sort(key=lambda x: (x["agent"], x["due"], x["scenario"]))
    table = []
    for who, a in sorted(agents.items()):
        mine = [x for x in rows if x["agent"] == who]
        judged = [x for x in mine if x["state"] != "open"]
        table.append({**a, "assigned": len(mine),
                      "passed_by_due": rate(sum(x["passed_by_due"] for x in judged),
                                            len(judged))})
    return {"by_agent": table, "assignments": rows}


def _wrap_ups(rows: list[tuple[str, str, int, int, int]]) -> list[dict[str, Any]]:
    """Sessions and the return rate of each wrap-up code (the same code in two playbooks
    is one reason), the most used first."""
    codes: dict[str, list[int]] = {}
    for _book, code, n, returned, lost in rows:
        c = codes.setdefault(code, [0, 0, 0])
        c[0], c[1], c[2] = c[0] + n, c[1] + returned, c[2] + lost
    return [{"code": code, "sessions": n, "returned": r, "lost": lo,
             "came_back": rate(r, r + lo)}
            for code, (n, r, lo) in sorted(codes.items(), key=lambda kv: (-kv[1][0], kv[0]))]


def _week(day: str) -> date:
    d = date.fromisoformat(day)
    return d - timedelta(days=d.weekday())


MAX_WEEKS = 522  # ten years of weeks filled in, empty ones too


def _trend_and_returns(rows: list[tuple[str, str, int, int, int, int, int, int, int, int]],
                       since: str | None, today: date
                       ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Weeks (Monday to Sunday, by the UTC day a session started), every week of the
    period (from --since, or else from the first session in scope) to this week listed,
    empty ones too (up to ten years of them:
    past that only the weeks with sessions, so the report's size follows the data, never
    the span a --since typo asks for); and the return rate of each playbook."""
    weeks: dict[date, list[int]] = {}
    books: dict[str, list[int]] = {}
    for book, day, n, kept, late, missed, _upcoming, returned, lost, _pending in rows:
        w = weeks.setdefault(_week(day), [0] * 6)
        # a follow-up not yet due is neither kept nor missed: the headline's rule too
        for i, v in enumerate((n, kept, late, missed, returned, lost)):
            w[i] += v
        b = books.setdefault(book, [0, 0, 0])
        b[0] += n
        b[1] += returned
        b[2] += lost
    if weeks:
        first = min(weeks)
        if since and (_week(today.isoformat()) - _week(since)).days <= 7 * MAX_WEEKS:
            first = min(first, _week(since))  # every week of the period asked for
        last = max(_week(today.isoformat()), max(weeks))
        cursor = first
        while cursor <= last and (last - first).days <= 7 * MAX_WEEKS:
            weeks.setdefault(cursor, [0] * 6)
            cursor += timedelta(days=7)
    trend = [{"week": w.isoformat(), "sessions": v[0],
              "follow_ups_kept": rate(v[1] + v[2], v[1] + v[2] + v[3]),
              "came_back": rate(v[4], v[4] + v[5])} for w, v in sorted(weeks.items())]
    by_return = [{"playbook": p, "sessions": v[0], "returned": v[1], "lost": v[2],
                  "came_back": rate(v[1], v[1] + v[2])}
                 for p, v in sorted(books.items(), key=lambda kv: (-kv[1][0], kv[0]))]
    return trend, by_return
