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

from recoverycli.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from recoverycli.storage.store import Store

FORMATS = ("text", "md", "html", "json")
NUMBER = r"\d{1,3}(?:[.,]\d{3})+|\d+"  # a count: 1234, or 1.234 as a Spanish reader writes it
MIN_SAMPLE = 10  # below this many, a rate is shown as its counts only
_FOOTNOTE = N_("Percentages are shown from {min} cases up; rates based on fewer than {min} "
               "are given as counts only (\"1 of 1\"): too few to judge.")


def footnote() -> str:
    """Why a rate below :data:`MIN_SAMPLE` is its counts only, in the report's language."""
    return str(_FOOTNOTE).format(min=MIN_SAMPLE)


def count_text(value: int) -> str:
    """A count as the report's reader writes it: ``1.234`` in Spanish; English as it
    always was (``1234``)."""
    from recoverycli.i18n import SOURCE, language, number

    return str(value) if language() == SOURCE else number(value)


def day_text(value: str) -> str:
    """A stored day (``2026-11-30``, or with a time of day) as its reader writes it: as
    stored in English, day first in Spanish (``30 nov 2026``, ``30 nov 2026, 14:00``)."""
    from recoverycli.i18n import SOURCE, language

    if language() == SOURCE:
        return value
    from recoverycli.when import date_words

    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    rest = value[10:].lstrip("T ")[:5]
    return f"{date_words(day)}, {rest}" if rest else date_words(day)


def rate(count: int, of: int) -> dict[str, Any]:
    """A share with what it is made of: never a bare percentage."""
    return {"count": count, "of": of, "rate": round(count / of, 3) if of else None,
            "too_few": of < MIN_SAMPLE}


def _counts(what: str, count: int, of: int) -> str:
    """ "7 of 12 came back", with the verb or noun in the form its count asks for."""
    c, t = count_text(count), count_text(of)
    if what == "came back":
        return ngettext("{count} of {total} came back", "{count} of {total} came back",
                        count).format(count=c, total=t)
    if what == "kept":
        return ngettext("{count} of {total} kept", "{count} of {total} kept",
                        count).format(count=c, total=t)
    if what == "skipped":
        return ngettext("{count} of {total} skipped", "{count} of {total} skipped",
                        of).format(count=c, total=t)
    return ngettext("{count} of {total} times", "{count} of {total} times",
                    of).format(count=c, total=t)


def rate_words(r: dict[str, Any], what: str) -> str:
    """ "7 of 12 came back (58%)"; below :data:`MIN_SAMPLE`, "1 of 1 came back" (the
    report's footnote says why there is no percentage). ``what``: came back, kept,
    skipped or times."""
    if not r["of"]:
        return {"came back": _("none yet (no outcomes recorded)"), "kept": _("0 kept"),
                "skipped": _("0 skipped")}.get(what) or _("0 times")
    counts = _counts(what, r["count"], r["of"])
    if r["too_few"]:
        return counts
    return _("{counts} ({percent})").format(counts=counts, percent=percent(r["rate"]))


def share_words(r: dict[str, Any]) -> str:
    """A rate for a narrow cell: "7 of 12 (58%)", "1 of 1" below the threshold, "-"."""
    if not r["of"]:
        return "-"
    counts = _("{count} of {total}").format(count=count_text(r["count"]),
                                            total=count_text(r["of"]))
    return counts if r["too_few"] else _("{counts} ({percent})").format(
        counts=counts, percent=percent(r["rate"]))


def percent(value: float | None) -> str:
    """A share as its reader writes it: ``58%``; ``58 %`` in Spanish (a space that does
    not break)."""
    if value is None:
        return "-"
    return _("{percent}%").format(percent=f"{value * 100:.0f}")


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
    for book, who, _mode, n in raw["sessions"]:
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


RESULT_WORDS = {"passed": N_("passed"), "passed late": N_("passed late"),
                "overdue": N_("not passed"), "open": N_("not yet due")}


def result_words(r: dict[str, Any]) -> str:
    """An assignment's result for one agent: "passed: best 85, pass 70", "not passed:
    not tried, pass 75" (the best score by the due date)."""
    best = _("not tried") if r["best_by_due"] is None else _("best {score}").format(
        score=r["best_by_due"])
    if r["state"] == "passed late":
        best = _("best {score}").format(score=r["best"])
    return _("{result}: {best}, pass {mark}").format(result=RESULT_WORDS[r["state"]],
                                                     best=best, mark=r["pass_mark"])


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
    for book, day, n, kept, late, missed, _upcoming, returned, lost, _more in rows:
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
        return _("Recovery report for agent {agent}").format(agent=f["agent"])
    if f["team"]:
        return _("Team report: {team}").format(team=f["team"])
    return _("Team report")


def filter_words(data: dict[str, Any]) -> str:
    """The filters in words: "agent sam, playbook hyken, live calls only"."""
    f = data["scope"]["filters"]
    parts = []
    if f["agent"]:
        parts.append(_("agent {name}").format(name=f["agent"]))
    if f["team"]:
        parts.append(_("team {name}").format(name=f["team"]))
    if f["playbook"]:
        parts.append(_("playbook {name}").format(name=f["playbook"]))
    parts.append(_("rehearsals included") if data["scope"]["rehearsals_included"]
                 else _("live calls only"))
    return ", ".join(parts)


def period_words(data: dict[str, Any]) -> str:
    p = data["scope"]["period"]
    if not p["since"]:
        return _("all sessions up to {until}").format(until=day_text(p["until"]))
    if p["asked"] and p["asked"] != p["since"]:
        return _("{since} to {until} ({asked})").format(
            since=day_text(p["since"]), until=day_text(p["until"]), asked=p["asked"])
    return _("{since} to {until}").format(since=day_text(p["since"]),
                                          until=day_text(p["until"]))


def _made(scope: dict[str, Any]) -> str:
    """When the report was made, in the reader's local time: as it always was in English
    ("2026-12-05 07:40 UTC"), day first elsewhere ("5 dic 2026, 07:40 UTC")."""
    from recoverycli.i18n import SOURCE, language

    when = scope["generated_local"]
    if language() != SOURCE:
        from datetime import datetime

        from recoverycli.when import moment_words

        try:
            moment = datetime.fromisoformat(str(scope["generated"]).replace("Z", "+00:00"))
            local = moment.astimezone()
            when = f"{moment_words(local)} {local.strftime('%Z')}".rstrip()
        except ValueError:
            pass
    return _("{when} by recover {version}").format(when=when, version=scope["version"])


def scope_lines(data: dict[str, Any]) -> list[tuple[str, str]]:
    """What every format opens with: the period, the filters, the store, when and by
    which version it was made, what it leaves out, and the language it is written in."""
    from recoverycli.i18n import language_name

    s, x = data["scope"], data["excluded"]
    left_out = []
    if not s["rehearsals_included"]:
        left_out.append(ngettext("{count} rehearsal (--include-rehearsals counts them)",
                                 "{count} rehearsals (--include-rehearsals counts them)",
                                 x["rehearsals"]).format(count=count_text(x["rehearsals"])))
    if x["practice"]:
        left_out.append(ngettext(
            "{count} practice attempt (shown apart, under Practice by agent)",
            "{count} practice attempts (shown apart, under Practice by agent)",
            x["practice"]).format(count=count_text(x["practice"])))
    else:
        left_out.append(ngettext("{count} practice attempt", "{count} practice attempts",
                                 0).format(count=count_text(0)))
    lang = str(data.get("lang") or "en")
    return [(_("Period"), period_words(data)), (_("Filters"), filter_words(data)),
            (_("Store"), s["store"]), (_("Made"), _made(s)),
            (_("Not counted"), "; ".join(left_out)),
            (_("Language"), _("{name} ({code})").format(name=language_name(lang),
                                                        code=lang))]


PRACTICE = ("practice", "assignments")  # the sections a practice-only report shows


def practice_sections(data: dict[str, Any]) -> list[tuple[str, str, list[str],
                                                          list[list[str]], list[float]]]:
    """With no sessions in the period, the practice sections that have rows (red team: a
    team that has only begun practising got "Nothing to report", though the scope line
    pointed to Practice by agent)."""
    return [s for s in sections(data) if s[0] in PRACTICE and s[3]]


def empty_sentence(data: dict[str, Any]) -> str:
    after = (_("Practice only, below.") if data.get("practice") and practice_sections(data)
             else _("Nothing to report."))
    return _("No sessions match: {filters}, {period}. {after}").format(
        filters=filter_words(data), period=period_words(data), after=after)


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
    return _("{minutes}m{seconds}s").format(minutes=whole // 60, seconds=f"{whole % 60:02d}")


def headline(data: dict[str, Any]) -> str:
    kept = data["follow_ups_kept"]
    n, done = data["sessions"], data["finished"]
    calls = _("{sessions}, {finished}, median call {median}.").format(
        sessions=ngettext("{count} session", "{count} sessions", n).format(
            count=count_text(n)),
        finished=ngettext("{count} finished", "{count} finished", done).format(
            count=count_text(done)),
        median=_secs(data["median_call_seconds"]))
    came = _("Came back: {came_back}.").format(
        came_back=rate_words(data["outcomes"]["came_back"], "came back"))
    if kept["count"]:
        promised = _("Follow-ups kept: {kept}: {on_time} on time, {late} late.").format(
            kept=rate_words(kept, "kept"), on_time=count_text(kept["on_time"]),
            late=count_text(kept["late"]))
    else:
        promised = _("Follow-ups kept: {kept}.").format(kept=rate_words(kept, "kept"))
    return f"{calls} {came} {promised}"


def overdue_title(data: dict[str, Any]) -> str:
    total, listed = data["overdue_total"], len(data["overdue"])
    if listed < total:
        return _("Overdue follow-ups ({total}, the most overdue first, the {listed} most "
                 "overdue listed)").format(total=count_text(total),
                                           listed=count_text(listed))
    return _("Overdue follow-ups ({total}, the most overdue first)").format(
        total=count_text(total))


Section = tuple[str, str, list[str], list[list[str]], list[float]]


def sections(data: dict[str, Any]) -> list[Section]:
    """Every table of the report, the same in every format: (key, title, headers, rows,
    the values a bar is drawn for, if any). The key names a section whatever the
    language its title is in."""
    f = data["follow_ups"]
    o = data["outcomes"]
    steps = data["steps"]
    n = count_text
    many_books = len({s["playbook"] for s in steps}) > 1 or not data["scope"]["filters"][
        "playbook"]
    out: list[Section] = [
        ("playbooks", _("Sessions per playbook"), [_("playbook"), _("sessions")],
         [[r["playbook"], n(r["sessions"])] for r in data["by_playbook"]],
         [r["sessions"] for r in data["by_playbook"]]),
        ("agents", _("Sessions per agent"), [_("agent"), _("sessions"), _("came back"),
                                             _("follow-ups kept"), _("missed")],
         [[r["agent"], n(r["sessions"]), share_words(r["came_back"]),
           share_words(r["follow_ups_kept"]), n(r["missed"])] for r in data["by_agent"]],
         [r["sessions"] for r in data["by_agent"]]),
        ("overdue", overdue_title(data), [_("customer"), _("agent"), _("due"),
                                          _("days late")],
         [[str(r["customer"] or "-"), str(r["agent"] or "-"), day_text(str(r["follow_up"])),
           n(r["days_late"])] for r in data["overdue"]], []),
        ("steps", _("Steps, in playbook order"), ([_("playbook")] if many_books else []) + [
            _("step"), _("closed"), _("median time"), _("skipped")],
         [([s["playbook"]] if many_books else []) + [
             step_label(s), n(s["closed"]), _secs(s["median_seconds"]),
             rate_words(s["skips"], "skipped")] for s in steps],
         [s["median_seconds"] or 0 for s in steps]),
        ("skipped", _("Most skipped steps"), [_("playbook"), _("step"), _("skipped")],
         [[s["playbook"], step_label(s), rate_words(s["skips"], "skipped")]
          for s in data["most_skipped"]], []),
        ("branches", _("Branches taken (hand-offs and choices)"),
         [_("playbook"), _("step"), _("taken"), _("times")],
         [[b["playbook"], step_label(b), b["taken"], rate_words(b["share"], "times")]
          for b in data["branches"]], []),
        ("follow_ups", _("Follow-ups"), [_("follow-ups"), _("count")],
         [[_("kept on time"), n(f["on_time"])], [_("kept late"), n(f["late"])],
          [_("missed (open, past their date)"), n(f["missed"])],
          [_("upcoming (open, not yet due)"), n(f["upcoming"])]],
         [f["on_time"], f["late"], f["missed"], f["upcoming"]]),
        ("outcomes", _("Outcomes"), [_("outcome"), _("sessions")],
         [[_("came back (returned)"), n(o["returned"])], [_("lost"), n(o["lost"])],
          [_("pending (followed up, no result yet)"), n(o["pending"])]],
         [o["returned"], o["lost"], o["pending"]]),
        ("wrap_ups", _("Wrap-up codes (why calls were closed)"),
         [_("wrap-up code"), _("sessions"), _("came back")],
         [[r["code"], n(r["sessions"]), rate_words(r["came_back"], "came back")]
          for r in data["by_wrap_up"]], [r["sessions"] for r in data["by_wrap_up"]]),
        ("practice", _("Practice by agent"), [_("agent"), _("role-plays"), _("best score"),
                                             _("assignments passed by the date")],
         [[r["agent"], n(r["attempts"]), "-" if r["best"] is None else str(r["best"]),
           share_words(r["passed_by_due"])] for r in data["practice"]["by_agent"]],
         [r["attempts"] for r in data["practice"]["by_agent"]]),
        ("assignments", _("Assigned practice: passed by the date or not"),
         [_("agent"), _("scenario"), _("due"), _("result")],
         [[r["agent"], r["scenario"], day_text(str(r["due"])), result_words(r)]
          for r in data["practice"]["assignments"]], []),
        ("returns", _("Return rate by playbook"), [_("playbook"), _("sessions"),
                                                   _("came back")],
         [[r["playbook"], n(r["sessions"]), rate_words(r["came_back"], "came back")]
          for r in data["return_by_playbook"]], []),
        ("weeks", _("Week by week (weeks start on Monday)"),
         [_("week of"), _("sessions"), _("follow-ups kept"), _("came back")],
         [[day_text(t["week"]), n(t["sessions"]), share_words(t["follow_ups_kept"]),
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


def left_out_words(key: str, shown: int, of: int, bars: bool) -> str:
    """The line under a shortened table or chart: what it leaves out, and where it is."""
    values = {"shown": count_text(shown), "total": count_text(of)}
    if bars and key == "steps":
        return _("{shown} of {total} rows shown (the longest median times); every row: "
                 "recover report --format md, html or json").format(**values)
    if bars:
        return _("{shown} of {total} rows shown (the most); every row: recover report "
                 "--format md, html or json").format(**values)
    return _("{shown} of {total} rows shown (the first); every row: recover report "
             "--format md, html or json").format(**values)
