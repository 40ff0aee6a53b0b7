"""The team report: what the team's recoveries achieve, from the store's own numbers.

Sessions per playbook and agent, median time per call and per step, the most skipped
steps, how often each branch (Hyken's hand-off) is taken, follow-ups kept on time, late or
missed, and outcomes - the share of recovered customers who came back, which is the
service recovery paradox in the team's own numbers. Everything is aggregated in SQL on
indexed columns (medians walk an index with OFFSET), the same SQL on SQLite and
PostgreSQL; only the rendering differs by format.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from .store import Store

FORMATS = ("text", "md", "html", "json")


def _where(since: str | None, agent: str | None, playbook: str | None,
           team: str | None, status: str | None = None,
           column_of_since: str = "started") -> tuple[str, list[object]]:
    parts: list[str] = []
    args: list[object] = []
    for column, value in ((f"{column_of_since} >= ?", since), ("agent = ?", agent),
                          ("playbook = ?", playbook), ("team = ?", team),
                          ("status = ?", status)):
        if value:
            parts.append(column)
            args.append(value)
    return (" AND ".join(parts), args)


def _and(clause: str) -> str:
    return f" AND {clause}" if clause else ""


def _median(store: Store, sql: str, args: list[object], count: int) -> float | None:
    """The median by walking an index to the middle (faster on both databases than
    PostgreSQL's percentile_cont, which sorts every value)."""
    if count == 0:
        return None
    take, skip = (1, count // 2) if count % 2 else (2, count // 2 - 1)
    values = [float(row[0]) for row in store.backend.execute(sql + " LIMIT ? OFFSET ?",
                                                             [*args, take, skip])]
    return round(sum(values) / len(values), 1)


def gather(store: Store, today: date, since: str | None = None, agent: str | None = None,
           playbook: str | None = None, team: str | None = None) -> dict[str, Any]:
    fetch = store.backend.execute
    where, args = _where(since, agent, playbook, team)
    # session and step counts come from the running totals (store migrations 5 and 6)
    cwhere, cargs = _where(since, agent or None, playbook, team, column_of_since="day")
    cclause = f" WHERE {cwhere}" if cwhere else ""
    per_playbook: dict[str, int] = {}
    per_agent: dict[str, int] = {}
    finished = 0
    for book, who, status, n in fetch(
            f"SELECT playbook, agent, status, SUM(count) FROM session_counts{cclause} "
            "GROUP BY playbook, agent, status", cargs):
        per_playbook[book] = per_playbook.get(book, 0) + int(n)
        per_agent[who or "-"] = per_agent.get(who or "-", 0) + int(n)
        finished += int(n) if status == "finished" else 0
    by_playbook = [{"playbook": p, "sessions": n} for p, n in
                   sorted(per_playbook.items(), key=lambda kv: (-kv[1], kv[0])) if n]
    by_agent = [{"agent": a, "sessions": n} for a, n in
                sorted(per_agent.items(), key=lambda kv: (-kv[1], kv[0])) if n]
    total = sum(per_playbook.values())

    fwhere, fargs = _where(since, agent, playbook, team, "finished")
    call = _median(store, f"SELECT total_seconds FROM sessions WHERE {fwhere} "
                   "ORDER BY total_seconds", fargs, finished)

    steps: list[dict[str, Any]] = []
    counts: dict[tuple[str, str], dict[str, int]] = {}
    titles: dict[tuple[str, str], str] = {}
    for book, step, status, title, n in fetch(
            f"SELECT playbook, step, status, MIN(title), SUM(count) FROM step_counts{cclause} "
            "GROUP BY playbook, step, status", cargs):
        if int(n):
            counts.setdefault((book, step), {})[status] = int(n)
            titles[(book, step)] = title
    for (book, step), by_status in counts.items():
        done, skipped = by_status.get("done", 0), by_status.get("skip", 0)
        visits = done + skipped
        title = titles[(book, step)]
        median = _median(store, "SELECT seconds FROM session_steps WHERE playbook = ? AND "
                         f"step = ? AND status = 'done'{_and(where)} ORDER BY seconds",
                         [book, step, *args], done)
        steps.append({"playbook": book, "step": step, "title": title, "closed": visits,
                      "skipped": int(skipped), "skip_rate": round(skipped / visits, 3),
                      "median_seconds": median})
    steps.sort(key=lambda s: (s["playbook"], _order(s["step"])))
    most_skipped = sorted((s for s in steps if s["skipped"]),
                          key=lambda s: (-s["skip_rate"], -s["skipped"]))[:5]
    visits_of = {(s["playbook"], s["step"]): s["closed"] for s in steps}
    branches = [{"playbook": b, "step": st, "taken": t, "times": int(n),
                 "rate": round(int(n) / max(1, visits_of.get((b, st), int(n))), 3)}
                for b, st, t, n in fetch(
                    "SELECT playbook, step, taken, SUM(count) FROM step_counts WHERE "
                    f"taken <> ''{_and(cwhere)} GROUP BY playbook, step, taken "
                    "HAVING SUM(count) > 0 ORDER BY SUM(count) DESC", cargs)]

    day = today.isoformat()
    row = fetch(
        "SELECT "
        "SUM(CASE WHEN outcome_at IS NOT NULL AND substr(outcome_at, 1, 10) <= follow_up "
        "THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN outcome_at IS NOT NULL AND substr(outcome_at, 1, 10) > follow_up "
        "THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN outcome_at IS NULL AND follow_up < ? THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN outcome_at IS NULL AND follow_up >= ? THEN 1 ELSE 0 END) "
        f"FROM sessions WHERE follow_up IS NOT NULL{_and(where)}", [day, day, *args]).fetchone()
    follow_ups = dict(zip(("on_time", "late", "missed", "upcoming"),
                          (int(v or 0) for v in row), strict=True))
    outcomes = {o: n for o, n in fetch(
        f"SELECT outcome, COUNT(*) FROM sessions WHERE outcome IS NOT NULL{_and(where)} "
        "GROUP BY outcome", args)}
    returned, lost = outcomes.get("returned", 0), outcomes.get("lost", 0)
    return {
        "filters": {"since": since, "agent": agent, "playbook": playbook, "team": team},
        "sessions": total, "finished": finished,
        "by_playbook": by_playbook, "by_agent": by_agent,
        "median_call_seconds": call,
        "steps": steps, "most_skipped": most_skipped, "branches": branches,
        "follow_ups": follow_ups,
        "outcomes": {"returned": returned, "lost": lost, "pending": outcomes.get("pending", 0),
                     "came_back_share": round(returned / (returned + lost), 3)
                     if returned + lost else None},
    }


def _order(step: str) -> tuple[int, str]:
    return (int(step), "") if step.isdigit() else (10**6, step)


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


def render_text(data: dict[str, Any]) -> Any:
    """Rich tables with bar charts, for the terminal."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from .render import literal

    def table(title: str, *columns: str) -> Table:
        t = Table(title=title, title_justify="left", title_style="bold", box=None,
                  pad_edge=False)
        for column in columns:
            t.add_column(column, overflow="fold")
        return t

    parts: list[Any] = [Text(f"Team report: {data['sessions']} sessions, "
                             f"{data['finished']} finished, median call "
                             f"{_secs(data['median_call_seconds'])}", style="bold")]
    for key in ("playbook", "agent"):
        rows = data[f"by_{key}"]
        top = max([r["sessions"] for r in rows] or [0])
        t = table(f"Sessions per {key}", key, "sessions", "")
        for r in rows:
            t.add_row(literal(r[key]), str(r["sessions"]),
                      Text(_bar(r["sessions"], top), style="cyan"))
        parts.append(t)
    top = max([s["median_seconds"] or 0 for s in data["steps"]] or [0])
    t = table("Median time per step", "playbook", "step", "median", "skipped", "")
    for s in data["steps"]:
        t.add_row(literal(s["playbook"]), literal(f"{s['step']}. {s['title']}"),
                  _secs(s["median_seconds"]), _pct(s["skip_rate"]),
                  Text(_bar(s["median_seconds"] or 0, top), style="magenta"))
    parts.append(t)
    t = table("Most skipped steps", "playbook", "step", "skipped")
    for s in data["most_skipped"]:
        t.add_row(literal(s["playbook"]), literal(s["title"]),
                  f"{s['skipped']} ({_pct(s['skip_rate'])})")
    parts.append(t)
    t = table("Branches taken (hand-offs and choices)", "playbook", "step", "taken", "times")
    for b in data["branches"]:
        t.add_row(literal(b["playbook"]), literal(b["step"]), literal(b["taken"]),
                  f"{b['times']} ({_pct(b['rate'])})")
    parts.append(t)
    f = data["follow_ups"]
    top = max(f.values() or [0])
    t = table("Follow-ups", "kept", "count", "")
    for label, key in (("on time", "on_time"), ("late", "late"), ("missed", "missed"),
                       ("upcoming", "upcoming")):
        t.add_row(label, str(f[key]), Text(_bar(f[key], top), style="green" if key == "on_time"
                                           else "red" if key == "missed" else "yellow"))
    parts.append(t)
    o = data["outcomes"]
    parts.append(Text(f"Outcomes: {o['returned']} came back, {o['lost']} lost, "
                      f"{o['pending']} pending - {_pct(o['came_back_share'])} of recovered "
                      "customers came back (the recovery paradox, in our numbers)",
                      style="bold"))
    return Group(*parts)


def render_md(data: dict[str, Any]) -> str:
    def esc(value: object) -> str:
        from .text import one_line

        return one_line(str(value)).replace("|", "\\|")

    out = ["# Team report", "",
           f"{data['sessions']} sessions, {data['finished']} finished, median call "
           f"{_secs(data['median_call_seconds'])}.", "",
           "## Sessions per playbook", "", "| playbook | sessions |", "| --- | ---: |"]
    out += [f"| {esc(r['playbook'])} | {r['sessions']} |" for r in data["by_playbook"]]
    out += ["", "## Sessions per agent", "", "| agent | sessions |", "| --- | ---: |"]
    out += [f"| {esc(r['agent'])} | {r['sessions']} |" for r in data["by_agent"]]
    out += ["", "## Steps", "", "| playbook | step | median | skipped |",
            "| --- | --- | ---: | ---: |"]
    out += [f"| {esc(s['playbook'])} | {esc(s['step'])}. {esc(s['title'])} | "
            f"{_secs(s['median_seconds'])} | {_pct(s['skip_rate'])} |" for s in data["steps"]]
    out += ["", "## Branches taken", "", "| playbook | step | taken | times |",
            "| --- | --- | --- | ---: |"]
    out += [f"| {esc(b['playbook'])} | {esc(b['step'])} | {esc(b['taken'])} | {b['times']} "
            f"({_pct(b['rate'])}) |" for b in data["branches"]]
    f, o = data["follow_ups"], data["outcomes"]
    out += ["", "## Follow-ups", "", f"On time {f['on_time']}, late {f['late']}, missed "
            f"{f['missed']}, upcoming {f['upcoming']}.", "", "## Outcomes", "",
            f"{o['returned']} came back, {o['lost']} lost, {o['pending']} pending: "
            f"{_pct(o['came_back_share'])} of recovered customers came back."]
    return "\n".join(out) + "\n"


def _svg(figure: Any) -> str:
    import io

    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg[svg.index("<svg"):], flags=re.S)
    return svg


def _chart(kind: str, labels: list[str], values: list[float], title: str,
           color: str = "#3b6ea5") -> str:
    """One chart as inline SVG, drawn by matplotlib with no display and no network.

    Labels are user text: control characters are spelled out before matplotlib sees them
    (it would warn about each missing glyph, echoing the raw text to stderr)."""
    import logging
    import warnings

    from matplotlib.figure import Figure

    from .text import one_line

    labels = [one_line(label) for label in labels]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing glyphs: the SVG keeps text as text
        quiet = logging.getLogger("matplotlib")
        level = quiet.level
        quiet.setLevel(logging.CRITICAL)
        try:
            return _draw(Figure, kind, labels, values, title, color)
        finally:
            quiet.setLevel(level)


def _draw(figure_class: Any, kind: str, labels: list[str], values: list[float], title: str,
          color: str) -> str:
    figure = figure_class(figsize=(7, max(1.6, 0.35 * len(labels) + 0.8)))
    axes = figure.subplots()
    if kind == "barh":
        axes.barh(labels[::-1], values[::-1], color=color)
    else:
        axes.bar(labels, values, color=color)
    axes.set_title(title, loc="left", fontsize=11)
    if kind == "barh":
        axes.set_xlim(left=0, right=max([*values, 1]) * 1.05)
    else:
        axes.set_ylim(bottom=0, top=max([*values, 1]) * 1.1)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return _svg(figure)


def render_html(data: dict[str, Any]) -> str:
    import html

    try:
        import matplotlib
    except ImportError:
        from .errors import UsageError

        raise UsageError("the HTML report draws its charts with matplotlib: "
                         "pip install 'recoverycli[team]'") from None
    from .text import visible

    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: small, searchable
    matplotlib.rcParams["text.parse_math"] = False  # an agent called "$x$" stays "$x$"

    def e(value: str) -> str:
        return html.escape(visible(value))

    charts = [
        _chart("barh", [r["playbook"] for r in data["by_playbook"]],
               [r["sessions"] for r in data["by_playbook"]], "Sessions per playbook"),
        _chart("barh", [r["agent"] for r in data["by_agent"]],
               [r["sessions"] for r in data["by_agent"]], "Sessions per agent"),
        _chart("barh", [f"{s['playbook']} {s['step']}. {s['title']}"[:48] for s in data["steps"]],
               [(s["median_seconds"] or 0) for s in data["steps"]],
               "Median seconds per step", "#7a4fa3"),
        _chart("bar", ["on time", "late", "missed", "upcoming"],
               [data["follow_ups"][k] for k in ("on_time", "late", "missed", "upcoming")],
               "Follow-ups", "#3a8a4f"),
        _chart("bar", ["came back", "lost", "pending"],
               [data["outcomes"][k] for k in ("returned", "lost", "pending")], "Outcomes",
               "#c0772b"),
    ]
    skipped = "".join(f"<tr><td>{e(s['playbook'])}</td><td>{e(s['title'])}</td>"
                      f"<td>{s['skipped']} ({_pct(s['skip_rate'])})</td></tr>"
                      for s in data["most_skipped"])
    branches = "".join(f"<tr><td>{e(b['playbook'])}</td><td>{e(b['step'])}</td>"
                       f"<td>{e(b['taken'])}</td><td>{b['times']} ({_pct(b['rate'])})</td></tr>"
                       for b in data["branches"])
    o = data["outcomes"]
    return (
        "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>Team report</title>"
        "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">"
        "<style>body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
        "padding:0 1rem;color:#222}figure{margin:1rem 0}table{border-collapse:collapse}"
        "td,th{text-align:left;padding:.15rem .8rem .15rem 0}svg{max-width:100%;height:auto}"
        "@media print{body{margin:0}}</style></head><body>"
        f"<h1>Team report</h1><p>{data['sessions']} sessions, {data['finished']} finished, "
        f"median call {_secs(data['median_call_seconds'])}. "
        + (f"<strong>{_pct(o['came_back_share'])}</strong> of recovered customers came back "
           f"({o['returned']} came back, {o['lost']} lost).</p>"
           if o["came_back_share"] is not None else "No outcomes recorded yet.</p>")
        + "".join(f"<figure class=chart>{svg}</figure>" for svg in charts)
        + f"<h2>Most skipped steps</h2><table>{skipped}</table>"
        f"<h2>Branches taken</h2><table>{branches}</table></body></html>\n"
    )


def render(fmt: str, data: dict[str, Any]) -> str | Any:
    if fmt == "json":
        from .text import dumps

        return dumps(data, indent=2) + "\n"
    if fmt == "md":
        return render_md(data)
    if fmt == "html":
        return render_html(data)
    if fmt == "text":
        return render_text(data)
    from .errors import UsageError

    raise UsageError(f"unknown format '{fmt}' (formats: {', '.join(FORMATS)})")
