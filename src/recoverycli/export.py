"""Exports of one session: Markdown for a ticket or wiki, JSON with every detail, one
self-contained printable HTML page, and the follow-up as an iCalendar event.

Every export is a pure function of the session and its playbook outline, returning text;
writing it (atomically, 0600, since it holds personal data) is the caller's job.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from .checklist import clock, step_outcomes, summary_text
from .errors import UsageError
from .playbook import Playbook
from .session import DONE, SKIP, Session
from .text import dumps, one_line, visible

SCHEMA_VERSION = 1
FORMATS = ("md", "json", "html", "ics")
# Characters that would turn user text into Markdown or HTML: emphasis, code, links and
# images, raw HTML, headings, table cells, strike-through.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def _when(ts: float | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def as_data(playbook: Playbook, session: Session) -> dict[str, Any]:
    """Everything about a session, as documented in the README (``schema_version`` 1)."""
    steps = []
    for number, step_id, status, taken in step_outcomes(playbook, session):
        steps.append({
            "number": number, "id": step_id, "title": playbook.step(step_id).title,
            "status": {DONE: "done", SKIP: "skipped"}.get(status or "", "not reached"),
            "seconds": round(session.seconds.get(step_id, 0.0), 1), "taken": taken,
            "notes": [{"text": n.text, "at": _when(n.at)} for n in session.notes.get(step_id, [])],
        })
    return {
        "schema_version": SCHEMA_VERSION,
        "id": session.id,
        "playbook": {"id": playbook.id, "title": playbook.title,
                     "author": playbook.source.author if playbook.source else None},
        "mode": session.mode, "status": session.status, "agent": session.agent,
        "started": _when(session.started), "ended": _when(session.ended),
        "seconds": round(sum(session.seconds.values()), 1),
        "fields": {f.id: session.fields.get(f.id) for f in playbook.fields},
        "follow_up": session.follow_up,
        "outcome": session.outcome,
        "steps": steps,
    }


def to_json(playbook: Playbook, session: Session) -> str:
    return dumps(as_data(playbook, session), indent=2) + "\n"


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def to_markdown(playbook: Playbook, session: Session) -> str:
    data = as_data(playbook, session)
    author = f" (after {_md(data['playbook']['author'])})" if data["playbook"]["author"] else ""
    lines = [f"# Service recovery: {_md(playbook.title)}{author}", "",
             f"Session `{session.id}` · started {data['started']} · {session.mode} · "
             f"{session.status} · {clock(data['seconds'])}", "", "## Case", ""]
    for field in playbook.fields:
        value = session.fields.get(field.id)
        lines.append(f"- **{_md(field.prompt)}:** {_md(value) if value else '-'}")
    lines += ["", "## Steps", ""]
    for step in data["steps"]:
        box = {"done": "[x]", "skipped": "[-]"}.get(step["status"], "[ ]")
        extra = f", {clock(step['seconds'])}" if step["status"] != "not reached" else ""
        taken = f" → {_md(step['taken'])}" if step["taken"] else ""
        lines.append(f"- {box} {step['number']}. {_md(step['title'])} "
                     f"({step['status']}{extra}){taken}")
        lines += [f"  - note: {_md(note['text'])}" for note in step["notes"]]
    lines += ["", "## Follow-up", "", session.follow_up or "none set"]
    if session.outcome:
        outcome = session.outcome
        rating = f", rated {outcome['rating']}/5" if outcome.get("rating") else ""
        note = f": {_md(outcome['note'])}" if outcome.get("note") else ""
        lines += ["", "## Outcome", "", f"{outcome['result']}{rating}{note}"]
    return "\n".join(lines) + "\n"


_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; color: #222; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 1.6rem;
     border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; } td, th { text-align: left; padding: .15rem .6rem .15rem 0;
     vertical-align: top; }
ol { padding-left: 1.4rem; } li { margin: .3rem 0; }
.done::marker { color: #1a7f37; } .skipped { color: #9a6700; } .not-reached { color: #888; }
.note { font-style: italic; color: #444; margin-left: 1rem; } .meta { color: #555; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
"""


def to_html(playbook: Playbook, session: Session) -> str:
    """One printable page: inline style, no scripts, no network, all user text escaped."""
    data = as_data(playbook, session)

    def e(value: object) -> str:
        return html.escape(visible(str(value)), quote=True)

    marks = {"done": "✓", "skipped": "–", "not reached": "·"}
    rows = "".join(
        f"<tr><th>{e(f.prompt)}</th><td>{e(session.fields.get(f.id) or '-')}</td></tr>"
        for f in playbook.fields)
    steps = []
    for step in data["steps"]:
        css = step["status"].replace(" ", "-")
        extra = f", {clock(step['seconds'])}" if step["status"] != "not reached" else ""
        taken = f" → {e(step['taken'])}" if step["taken"] else ""
        notes = "".join(f"<div class=note>✎ {e(n['text'])}</div>" for n in step["notes"])
        steps.append(f"<li class={css}>{marks[step['status']]} {e(step['title'])} "
                     f"<span class=meta>({e(step['status'])}{extra}){taken}</span>{notes}</li>")
    outcome = ""
    if session.outcome:
        o = session.outcome
        outcome = (f"<h2>Outcome</h2><p>{e(o['result'])}"
                   f"{', rated ' + e(o['rating']) + '/5' if o.get('rating') else ''}"
                   f"{': ' + e(o['note']) if o.get('note') else ''}</p>")
    author = f" <span class=meta>after {e(data['playbook']['author'])}</span>" \
        if data["playbook"]["author"] else ""
    return (
        "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width, initial-scale=1'>"
        "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">"
        f"<title>Service recovery {e(session.id)}</title><style>{_CSS}</style></head><body>"
        f"<h1>Service recovery: {e(playbook.title)}{author}</h1>"
        f"<p class=meta>Session {e(session.id)} · started {e(data['started'])} · "
        f"{e(session.mode)} · {e(session.status)} · {clock(data['seconds'])}</p>"
        f"<h2>Case</h2><table>{rows}</table>"
        f"<h2>Steps</h2><ol>{''.join(steps)}</ol>"
        f"<h2>Follow-up</h2><p>{e(session.follow_up or 'none set')}</p>{outcome}"
        "</body></html>\n"
    )


def to_ics(playbook: Playbook, session: Session) -> str:
    """The follow-up as an all-day calendar event with a reminder at 9:00 that day."""
    from icalendar import Alarm, Calendar, Event

    if not session.follow_up:
        raise UsageError(f"session {session.id} has no follow-up date; set one with "
                         f"'recover follow-up {session.id} WHEN'")
    day = date.fromisoformat(session.follow_up)
    customer = session.customer or "the customer"
    calendar = Calendar()
    calendar.add("prodid", "-//recover//service recovery//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"{session.id}@recover")
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", one_line(f"Follow up with {customer} ({playbook.title})"))
    offer = session.fields.get("offer")
    promise = f"Promised: {one_line(offer)}\n\n" if offer else ""
    event.add("description", promise + summary_text(playbook, session))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", one_line(f"Follow up with {customer}"))
    alarm.add("trigger", timedelta(hours=9))
    event.add_component(alarm)
    calendar.add_component(event)
    return str(calendar.to_ical().decode("utf-8"))


def render(fmt: str, playbook: Playbook, session: Session) -> str:
    renderers = {"md": to_markdown, "json": to_json, "html": to_html, "ics": to_ics}
    if fmt not in renderers:
        raise UsageError(f"unknown format '{fmt}' (formats: {', '.join(FORMATS)})")
    return renderers[fmt](playbook, session)
