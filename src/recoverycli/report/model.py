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
1"), never as a percentage, with one footnote (:data:`FOOTNOTE`) saying why. Everything
is aggregated in SQL on indexed columns by :mod:`recoverycli.storage.report` (this
module runs no SQL); only the rendering differs by format.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from recoverycli.text import plural

if TYPE_CHECKING:
    from recoverycli.storage.store import Store

FORMATS = ("text", "md", "html", "json")
MIN_SAMPLE = 10  # below this many, a rate is shown as its counts only
FOOTNOTE = (f"Percentages are shown from {MIN_SAMPLE} cases up; rates based on fewer than "
            f"{MIN_SAMPLE} are given as counts only (\"1 of 1\"): too few to judge.")


def rate(count: int, of: int) -> dict[str, Any]:
    """A share with what it is made of: never a bare percentage."""
    return {"count": count, "of": of, "rate": round(count / of, 3) if of else None,
            "too_few": of < MIN_SAMPLE}


def rate_words(r: dict[str, Any], what: str) -> str:
    """ "7 of 12 came back (58%)"; below :data:`MIN_SAMPLE`, "1 of 1 came back" (the
    report's footnote says why there is no percentage)."""
    if not r["of"]:
        return "none yet (no outcomes recorded)" if what == "came back" else f"0 {what}"
    if r["too_few"]:
        return f"{r['count']} of {r['of']} {what}"
    return f"{r['count']} of {r['of']} {what} ({r['rate'] * 100:.0f}%)"


def share_words(r: dict[str, Any]) -> str:
    """A rate for a narrow cell: "7 of 12 (58%)", "1 of 1" below the threshold, "-"."""
    if not r["of"]:
        return "-"
    counts = f"{r['count']} of {r['of']}"
    return counts if r["too_few"] else f"{counts} ({r['rate'] * 100:.0f}%)"


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
    for book, who, _, n in raw["sessions"]:
        per_playbook[book] = per_playbook.get(book, 0) + n
        per_agent[who or "-"] = per_agent.get(who or "-", 0) + n
    by_playbook = [{"playbook": p, "sessions": n} for p, n in
                   sorted(per_playbook.items(), key=lambda kv: (-kv[1], kv[0])) if n]
    agent_rows = {who or "-": rest for who, *rest in raw["by_agent"]}
    by_agent = []
    for a, n in sorted(per_agent.items(), key=lambda kv: (-kv[1], kv[0])):
        if not n:
            continue
        _, on_time, late, missed, came, gone = agent_rows.get(a, [n, 0, 0, 0, 0, 0])
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
    from recoverycli.i18n import language

    return {
        "lang": language(),  # the language the report is written in (JSON keys stay English)
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


RESULT_WORDS = {"passed": "passed", "passed late": "passed late", "overdue": "not passed",
                "open": "not yet due"}


def result_words(r: dict[str, Any]) -> str:
    """An assignment's result for one agent: "passed: best 85, pass 70", "not passed:
    not tried, pass 75" (the best score by the due date)."""
    best = "not tried" if r["best_by_due"] is None else f"best {r['best_by_due']}"
    if r["state"] == "passed late":
        best = f"best {r['best']}"
    return f"{RESULT_WORDS[r['state']]}: {best}, pass {r['pass_mark']}"


def _wrap_ups(rows: list[tuple[str, str, int, int, int]]) -> list[dict[str, Any]]:
    """Sessions and the return rate of each wrap-up code (the same code in two playbooks
    is one reason), the most used first."""
    codes: dict[str, list[int]] = {}
    for _, code, n, returned, lost in rows:
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
    for book, day, n, kept, late, missed, _upcoming, returned, lost, _ in rows:
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


def title(data: dict[str, Any]) -> str:
    f = data["scope"]["filters"]
    if f["agent"]:
        return f"Recovery report for agent {f['agent']}"
    if f["team"]:
        return f"Team report: {f['team']}"
    return "Team report"


def filter_words(data: dict[str, Any]) -> str:
    """The filters in words: "agent sam, playbook hyken, live calls only"."""
    f = data["scope"]["filters"]
    parts = [f"{k} {f[k]}" for k in ("agent", "team", "playbook") if f[k]]
    parts.append("rehearsals included" if data["scope"]["rehearsals_included"]
                 else "live calls only")
    return ", ".join(parts)


def period_words(data: dict[str, Any]) -> str:
    p = data["scope"]["period"]
    if not p["since"]:
        return f"all sessions up to {p['until']}"
    asked = f" ({p['asked']})" if p["asked"] and p["asked"] != p["since"] else ""
    return f"{p['since']} to {p['until']}{asked}"


def scope_lines(data: dict[str, Any]) -> list[tuple[str, str]]:
    """What every format opens with: the period, the filters, the store, when and by
    which version it was made, and what it leaves out."""
    s, x = data["scope"], data["excluded"]
    left_out = []
    if not s["rehearsals_included"]:
        left_out.append(f"{plural(x['rehearsals'], 'rehearsal')} "
                        "(--include-rehearsals counts them)")
    left_out.append(plural(x["practice"], "practice attempt")
                    + (" (shown apart, under Practice by agent)" if x["practice"] else ""))
    return [("Period", period_words(data)), ("Filters", filter_words(data)),
            ("Store", s["store"]), ("Made", f"{s['generated_local']} by recover {s['version']}"),
            ("Not counted", "; ".join(left_out))]


PRACTICE = ("Practice by agent", "Assigned practice: passed by the date or not")


def practice_sections(data: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]],
                                                          list[float]]]:
    """With no sessions in the period, the practice sections that have rows (red team: a
    team that has only begun practising got "Nothing to report", though the scope line
    pointed to Practice by agent)."""
    return [s for s in sections(data) if s[0] in PRACTICE and s[2]]


def empty_sentence(data: dict[str, Any]) -> str:
    after = ("Practice only, below." if data.get("practice") and practice_sections(data)
             else "Nothing to report.")
    return f"No sessions match: {filter_words(data)}, {period_words(data)}. {after}"


def step_label(s: dict[str, Any]) -> str:
    """A step as people know it: its number in the playbook and its title."""
    return f"{s['number']}. {s['title']}" if s.get("number") else str(s["title"])


def _bar(value: float, top: float, width: int = 24) -> str:
    if top <= 0:
        return ""
    full = value / top * width
    return "█" * int(full) + ("▌" if full - int(full) >= 0.5 else "")


def _secs(value: float | None) -> str:
    if value is None:
        return "-"
    whole = round(value)
    return f"{whole // 60}m{whole % 60:02d}s"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


def headline(data: dict[str, Any]) -> str:
    kept = data["follow_ups_kept"]
    split = f": {kept['on_time']} on time, {kept['late']} late" if kept["count"] else ""
    return (f"{plural(data['sessions'], 'session')}, "
            f"{data['finished']} finished, median call {_secs(data['median_call_seconds'])}. "
            f"Came back: {rate_words(data['outcomes']['came_back'], 'came back')}. "
            f"Follow-ups kept: {rate_words(kept, 'kept')}{split}.")


def overdue_title(data: dict[str, Any]) -> str:
    total, listed = data["overdue_total"], len(data["overdue"])
    more = f", the {listed} most overdue listed" if listed < total else ""
    return f"Overdue follow-ups ({total}, the most overdue first{more})"


def sections(data: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]], list[float]]]:
    """Every table of the report, the same in every format: (title, headers, rows, the
    values a bar is drawn for, if any)."""
    f = data["follow_ups"]
    o = data["outcomes"]
    steps = data["steps"]
    many_books = len({s["playbook"] for s in steps}) > 1 or not data["scope"]["filters"][
        "playbook"]
    out: list[tuple[str, list[str], list[list[str]], list[float]]] = [
        ("Sessions per playbook", ["playbook", "sessions"],
         [[r["playbook"], str(r["sessions"])] for r in data["by_playbook"]],
         [r["sessions"] for r in data["by_playbook"]]),
        ("Sessions per agent", ["agent", "sessions", "came back", "follow-ups kept",
                                "missed"],
         [[r["agent"], str(r["sessions"]), share_words(r["came_back"]),
           share_words(r["follow_ups_kept"]), str(r["missed"])] for r in data["by_agent"]],
         [r["sessions"] for r in data["by_agent"]]),
        (overdue_title(data), ["customer", "agent", "due", "days late"],
         [[str(r["customer"] or "-"), str(r["agent"] or "-"), str(r["follow_up"]),
           str(r["days_late"])] for r in data["overdue"]], []),
        ("Steps, in playbook order", (["playbook"] if many_books else []) + [
            "step", "closed", "median time", "skipped"],
         [([s["playbook"]] if many_books else []) + [
             step_label(s), str(s["closed"]), _secs(s["median_seconds"]),
             rate_words(s["skips"], "skipped")] for s in steps],
         [s["median_seconds"] or 0 for s in steps]),
        ("Most skipped steps", ["playbook", "step", "skipped"],
         [[s["playbook"], step_label(s), rate_words(s["skips"], "skipped")]
          for s in data["most_skipped"]], []),
        ("Branches taken (hand-offs and choices)", ["playbook", "step", "taken", "times"],
         [[b["playbook"], step_label(b), b["taken"], rate_words(b["share"], "times")]
          for b in data["branches"]], []),
        ("Follow-ups", ["follow-ups", "count"],
         [["kept on time", str(f["on_time"])], ["kept late", str(f["late"])],
          ["missed (open, past their date)", str(f["missed"])],
          ["upcoming (open, not yet due)", str(f["upcoming"])]],
         [f["on_time"], f["late"], f["missed"], f["upcoming"]]),
        ("Outcomes", ["outcome", "sessions"],
         [["came back (returned)", str(o["returned"])], ["lost", str(o["lost"])],
          ["pending (followed up, no result yet)", str(o["pending"])]],
         [o["returned"], o["lost"], o["pending"]]),
        ("Wrap-up codes (why calls were closed)", ["wrap-up code", "sessions", "came back"],
         [[r["code"], str(r["sessions"]), rate_words(r["came_back"], "came back")]
          for r in data["by_wrap_up"]], [r["sessions"] for r in data["by_wrap_up"]]),
        ("Practice by agent", ["agent", "role-plays", "best score",
                               "assignments passed by the date"],
         [[r["agent"], str(r["attempts"]), "-" if r["best"] is None else str(r["best"]),
           share_words(r["passed_by_due"])] for r in data["practice"]["by_agent"]],
         [r["attempts"] for r in data["practice"]["by_agent"]]),
        ("Assigned practice: passed by the date or not", ["agent", "scenario", "due",
                                                          "result"],
         [[r["agent"], r["scenario"], r["due"], result_words(r)]
          for r in data["practice"]["assignments"]], []),
        ("Return rate by playbook", ["playbook", "sessions", "came back"],
         [[r["playbook"], str(r["sessions"]), rate_words(r["came_back"], "came back")]
          for r in data["return_by_playbook"]], []),
        ("Week by week (weeks start on Monday)", ["week of", "sessions", "follow-ups kept",
                                                  "came back"],
         [[t["week"], str(t["sessions"]), share_words(t["follow_ups_kept"]),
           share_words(t["came_back"])] for t in data["trend"]],
         [t["sessions"] for t in data["trend"]]),
    ]
    return out


LONG = 30  # bars in a chart: the rest on one bar or line
TERMINAL_ROWS = 50  # rows of a table in the terminal's report: the rest on one line


def shortened(count: int, bars: list[float], limit: int = LONG) -> list[int]:
    """Which of ``count`` rows a long table or chart shows, in their order: those with the
    largest bars (a table without bars: the first, as it is sorted by what matters)."""
    if count <= limit:
        return list(range(count))
    if not bars:
        return list(range(limit))
    return sorted(sorted(range(count), key=lambda i: (-bars[i], i))[:limit])


def left_out_words(name: str, shown: int, of: int, bars: bool) -> str:
    """The line under a shortened table or chart: what it leaves out, and where it is."""
    which = ("the longest median times" if name.startswith("Steps") else "the most") \
        if bars else "the first"
    return (f"{shown} of {of} rows shown ({which}); every row: recover report "
            "--format md, html or json")


