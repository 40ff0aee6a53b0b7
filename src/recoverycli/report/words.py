"""The report's words: titles, scope lines, rates in words, every table as people read it,
in the interface's language (or the one ``report --lang`` asks for). The numbers come
shaped from :mod:`.model`; :mod:`.render` and :mod:`.html` lay these words out."""

from __future__ import annotations

from datetime import date
from typing import Any

from recoverycli.i18n import N_, _, ngettext

from .model import MIN_SAMPLE

_FOOTNOTE = N_("Percentages are shown from {n} cases up; rates based on fewer than {n} are "
               "given as counts only (\"1 of 1\"): too few to judge.")

# The report's tables, by title (the HTML page keys its colours and charts on these)
S_PLAYBOOKS = N_("Sessions per playbook")
S_AGENTS = N_("Sessions per agent")
S_STEPS = N_("Steps, in playbook order")
S_SKIPPED = N_("Most skipped steps")
S_BRANCHES = N_("Branches taken (hand-offs and choices)")
S_FOLLOW_UPS = N_("Follow-ups")
S_OUTCOMES = N_("Outcomes")
S_WRAP_UPS = N_("Wrap-up codes (why calls were closed)")
S_PRACTICE = N_("Practice by agent")
S_ASSIGNED = N_("Assigned practice: passed by the date or not")
S_RETURNS = N_("Return rate by playbook")
S_WEEKS = N_("Week by week (weeks start on Monday)")


def num(value: int) -> str:
    """A count in a Spanish report as its reader writes it (``1.234``); in English as
    the report always wrote it (``1234``)."""
    from recoverycli.i18n import language, number

    return str(value) if language() == "en" else number(value)


def footnote() -> str:
    return str(_FOOTNOTE).format(n=MIN_SAMPLE)


def pct(value: float) -> str:
    """A share as its reader writes it: "58%", in Spanish "58 %" (with a no-break space)."""
    from recoverycli.i18n import language

    whole = f"{value * 100:.0f}"
    return f"{whole}\u00a0%" if language() == "es" else f"{whole}%"


_NONE = {"came back": N_("none yet (no outcomes recorded)"), "kept": N_("0 kept"),
         "skipped": N_("0 skipped"), "times": N_("0 times")}


def _counted(what: str, count: int, percent: bool) -> str:
    """The message for a rate, in the form its count takes (Spanish agrees the verb or the
    participle with the count: "1 de 5 volvió", "3 de 5 volvieron")."""
    if what == "came back":
        return (ngettext("{count} of {of} came back ({percent})",
                         "{count} of {of} came back ({percent})", count) if percent else
                ngettext("{count} of {of} came back", "{count} of {of} came back", count))
    if what == "kept":
        return (ngettext("{count} of {of} kept ({percent})", "{count} of {of} kept ({percent})",
                         count) if percent else
                ngettext("{count} of {of} kept", "{count} of {of} kept", count))
    if what == "skipped":
        return (ngettext("{count} of {of} skipped ({percent})",
                         "{count} of {of} skipped ({percent})", count) if percent else
                ngettext("{count} of {of} skipped", "{count} of {of} skipped", count))
    return (ngettext("{count} of {of} times ({percent})", "{count} of {of} times ({percent})",
                     count) if percent else
            ngettext("{count} of {of} times", "{count} of {of} times", count))


def rate_words(r: dict[str, Any], what: str) -> str:
    """ "7 of 12 came back (58%)"; below :data:`MIN_SAMPLE`, "1 of 1 came back" (the
    report's footnote says why there is no percentage)."""
    if not r["of"]:
        return str(_NONE[what])
    enough = not r["too_few"]
    return _counted(what, r["count"], enough).format(
        count=num(r["count"]), of=num(r["of"]), percent=pct(r["rate"]) if enough else "")


def share_words(r: dict[str, Any]) -> str:
    """A rate for a narrow cell: "7 of 12 (58%)", "1 of 1" below the threshold, "-"."""
    if not r["of"]:
        return "-"
    if r["too_few"]:
        return _("{count} of {of}").format(count=num(r["count"]), of=num(r["of"]))
    return _("{count} of {of} ({percent})").format(count=num(r["count"]), of=num(r["of"]),
                                                   percent=pct(r["rate"]))


RESULT_WORDS = {"passed": N_("passed"), "passed late": N_("passed late"),
                "overdue": N_("not passed"), "open": N_("not yet due")}


def result_words(r: dict[str, Any]) -> str:
    """An assignment's result for one agent: "passed: best 85, pass 70", "not passed:
    not tried, pass 75" (the best score by the due date)."""
    best = _("not tried") if r["best_by_due"] is None else \
        _("best {score}").format(score=r["best_by_due"])
    if r["state"] == "passed late":
        best = _("best {score}").format(score=r["best"])
    return _("{result}: {best}, pass {mark}").format(result=RESULT_WORDS[r["state"]],
                                                     best=best, mark=r["pass_mark"])


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
    words = {"agent": N_("agent {name}"), "team": N_("team {name}"),
             "playbook": N_("playbook {name}")}
    parts = [str(words[k]).format(name=f[k]) for k in ("agent", "team", "playbook") if f[k]]
    parts.append(_("rehearsals included") if data["scope"]["rehearsals_included"]
                 else _("live calls only"))
    return ", ".join(parts)


def day_words(day: str) -> str:
    """A stored ``YYYY-MM-DD`` as its reader writes dates (Spanish: day first)."""
    from recoverycli.i18n import language

    if language() == "en":
        return day
    try:
        from recoverycli.when import date_words

        return date_words(date.fromisoformat(day[:10]))
    except ValueError:
        return day


def period_words(data: dict[str, Any]) -> str:
    p = data["scope"]["period"]
    if not p["since"]:
        return _("all sessions up to {day}").format(day=day_words(p["until"]))
    if p["asked"] and p["asked"] != p["since"]:
        return _("{first} to {last} ({asked})").format(
            first=day_words(p["since"]), last=day_words(p["until"]), asked=p["asked"])
    return _("{first} to {last}").format(first=day_words(p["since"]),
                                         last=day_words(p["until"]))


def scope_lines(data: dict[str, Any]) -> list[tuple[str, str]]:
    """What every format opens with: the period, the filters, the store, when and by
    which version it was made, what it leaves out, and its language."""
    from recoverycli.i18n import language, language_name

    s, x = data["scope"], data["excluded"]
    left_out = []
    if not s["rehearsals_included"]:
        left_out.append(ngettext("{count} rehearsal (--include-rehearsals counts them)",
                                 "{count} rehearsals (--include-rehearsals counts them)",
                                 x["rehearsals"]).format(count=num(x["rehearsals"])))
    if x["practice"]:
        left_out.append(ngettext(
            "{count} practice attempt (shown apart, under Practice by agent)",
            "{count} practice attempts (shown apart, under Practice by agent)",
            x["practice"]).format(count=num(x["practice"])))
    else:
        left_out.append(_("0 practice attempts"))
    return [(_("Period"), period_words(data)), (_("Filters"), filter_words(data)),
            (_("Store"), s["store"]),
            (_("Made"), _("{when} by recover {version}").format(when=made_words(s),
                                                                 version=s["version"])),
            (_("Not counted"), "; ".join(left_out)),
            (_("Language"), language_name(data.get("lang") or language()))]


PRACTICE = (S_PRACTICE, S_ASSIGNED)


def practice_sections(data: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]],
                                                          list[float]]]:
    """With no sessions in the period, the practice sections that have rows (red team: a
    team that has only begun practising got "Nothing to report", though the scope line
    pointed to Practice by agent)."""
    names = {str(p) for p in PRACTICE}
    return [s for s in sections(data) if s[0] in names and s[2]]


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


def made_words(scope: dict[str, Any]) -> str:
    """When the report was made, in the reader's local time and zone: in English as it
    always was ("2026-12-05 07:40 UTC"), elsewhere day first ("5 dic 2026, 07:40 UTC")."""
    from recoverycli.i18n import language

    when = str(scope["generated_local"])
    if language() == "en":
        return when
    from datetime import datetime

    from recoverycli.when import moment_words

    try:
        moment = datetime.fromisoformat(str(scope["generated"]).replace("Z", "+00:00"))
    except ValueError:
        return when
    local = moment.astimezone()
    return f"{moment_words(local)} {local.strftime('%Z')}".rstrip()


def _secs(value: float | None) -> str:
    """A median time: "9m10s"; in Spanish "9 min 10 s"."""
    if value is None:
        return "-"
    whole = round(value)
    return _("{minutes}m{seconds}s").format(minutes=whole // 60, seconds=f"{whole % 60:02d}")


def _pct(value: float | None) -> str:
    return "-" if value is None else pct(value)


def headline(data: dict[str, Any]) -> str:
    kept = data["follow_ups_kept"]
    sessions = _("{sessions}, {finished}, median call {median}.").format(
        sessions=ngettext("{count} session", "{count} sessions", data["sessions"]).format(
            count=num(data["sessions"])),
        finished=ngettext("{count} finished", "{count} finished", data["finished"]).format(
            count=num(data["finished"])),
        median=_secs(data["median_call_seconds"]))
    came = _("Came back: {rate}.").format(rate=rate_words(data["outcomes"]["came_back"],
                                                          "came back"))
    if kept["count"]:
        follow = _("Follow-ups kept: {rate}: {on_time} on time, {late} late.").format(
            rate=rate_words(kept, "kept"), on_time=num(kept["on_time"]),
            late=num(kept["late"]))
    else:
        follow = _("Follow-ups kept: {rate}.").format(rate=rate_words(kept, "kept"))
    return f"{sessions} {came} {follow}"


def overdue_title(data: dict[str, Any]) -> str:
    total, listed = data["overdue_total"], len(data["overdue"])
    if listed < total:
        return ngettext("Overdue follow-ups ({total}, the most overdue first, the {listed} "
                        "most overdue listed)",
                        "Overdue follow-ups ({total}, the most overdue first, the {listed} "
                        "most overdue listed)", total).format(total=num(total),
                                                              listed=num(listed))
    return _("Overdue follow-ups ({total}, the most overdue first)").format(total=num(total))


def sections(data: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]], list[float]]]:
    """Every table of the report, the same in every format: (title, headers, rows, the
    values a bar is drawn for, if any)."""
    f = data["follow_ups"]
    o = data["outcomes"]
    steps = data["steps"]
    many_books = len({s["playbook"] for s in steps}) > 1 or not data["scope"]["filters"][
        "playbook"]
    out: list[tuple[str, list[str], list[list[str]], list[float]]] = [
        (str(S_PLAYBOOKS), [_("playbook"), _("sessions")],
         [[r["playbook"], num(r["sessions"])] for r in data["by_playbook"]],
         [r["sessions"] for r in data["by_playbook"]]),
        (str(S_AGENTS), [_("agent"), _("sessions"), _("came back"), _("follow-ups kept"),
                         _("missed")],
         [[r["agent"], num(r["sessions"]), share_words(r["came_back"]),
           share_words(r["follow_ups_kept"]), num(r["missed"])] for r in data["by_agent"]],
         [r["sessions"] for r in data["by_agent"]]),
        (overdue_title(data), [_("customer"), _("agent"), _("due"), _("days late")],
         [[str(r["customer"] or "-"), str(r["agent"] or "-"), day_words(str(r["follow_up"])),
           num(r["days_late"])] for r in data["overdue"]], []),
        (str(S_STEPS), ([_("playbook")] if many_books else []) + [
            _("step"), _("closed"), _("median time"), _("skipped")],
         [([s["playbook"]] if many_books else []) + [
             step_label(s), num(s["closed"]), _secs(s["median_seconds"]),
             rate_words(s["skips"], "skipped")] for s in steps],
         [s["median_seconds"] or 0 for s in steps]),
        (str(S_SKIPPED), [_("playbook"), _("step"), _("skipped")],
         [[s["playbook"], step_label(s), rate_words(s["skips"], "skipped")]
          for s in data["most_skipped"]], []),
        (str(S_BRANCHES), [_("playbook"), _("step"), _("taken"), _("times")],
         [[b["playbook"], step_label(b), b["taken"], rate_words(b["share"], "times")]
          for b in data["branches"]], []),
        (str(S_FOLLOW_UPS), [_("follow-ups"), _("count")],
         [[_("kept on time"), num(f["on_time"])], [_("kept late"), num(f["late"])],
          [_("missed (open, past their date)"), num(f["missed"])],
          [_("upcoming (open, not yet due)"), num(f["upcoming"])]],
         [f["on_time"], f["late"], f["missed"], f["upcoming"]]),
        (str(S_OUTCOMES), [_("outcome"), _("sessions")],
         [[_("came back (returned)"), num(o["returned"])], [_("lost"), num(o["lost"])],
          [_("pending (followed up, no result yet)"), num(o["pending"])]],
         [o["returned"], o["lost"], o["pending"]]),
        (str(S_WRAP_UPS), [_("wrap-up code"), _("sessions"), _("came back")],
         [[r["code"], num(r["sessions"]), rate_words(r["came_back"], "came back")]
          for r in data["by_wrap_up"]], [r["sessions"] for r in data["by_wrap_up"]]),
        (str(S_PRACTICE), [_("agent"), _("role-plays"), _("best score"),
                            _("assignments passed by the date")],
         [[r["agent"], str(r["attempts"]), "-" if r["best"] is None else str(r["best"]),
           share_words(r["passed_by_due"])] for r in data["practice"]["by_agent"]],
         [r["attempts"] for r in data["practice"]["by_agent"]]),
        (str(S_ASSIGNED), [_("agent"), _("scenario"), _("due"), _("result")],
         [[r["agent"], r["scenario"], day_words(str(r["due"])), result_words(r)]
          for r in data["practice"]["assignments"]], []),
        (str(S_RETURNS), [_("playbook"), _("sessions"), _("came back")],
         [[r["playbook"], num(r["sessions"]), rate_words(r["came_back"], "came back")]
          for r in data["return_by_playbook"]], []),
        (str(S_WEEKS), [_("week of"), _("sessions"), _("follow-ups kept"), _("came back")],
         [[day_words(t["week"]), num(t["sessions"]), share_words(t["follow_ups_kept"]),
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
    if not bars:
        text = N_("{shown} of {of} rows shown (the first); every row: recover report "
                  "--format md, html or json")
    elif name == str(S_STEPS):
        text = N_("{shown} of {of} rows shown (the longest median times); every row: "
                  "recover report --format md, html or json")
    else:
        text = N_("{shown} of {of} rows shown (the most); every row: recover report "
                  "--format md, html or json")
    return str(text).format(shown=num(shown), of=num(of))
