"""Exports of one session: Markdown for a ticket or wiki, JSON with every detail, one
self-contained printable HTML page, and the follow-up as an iCalendar event.

Every export is a pure function of the session and its playbook outline, returning text;
writing it (atomically, 0600, since it holds personal data) is the caller's job.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from recoverycli.errors import UsageError
from recoverycli.i18n import N_, _, language, speaking
from recoverycli.playbooks.model import Playbook
from recoverycli.playbooks.session import DONE, SKIP, Session
from recoverycli.run.checklist import (
    clock,
    follow_up_line,
    outcome_line,
    step_outcomes,
    summary_text,
)
from recoverycli.text import dumps, one_line, visible
from recoverycli.when import local_stamp

SCHEMA_VERSION = 2  # 2: agent and team, follow_up an object, outcome.at ISO, outcomes
FORMATS = ("md", "json", "html", "ics")
# Characters that would turn user text into Markdown or HTML: emphasis, code, links and
# images, raw HTML, headings, table cells, strike-through.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def _when(ts: float | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def follow_up_data(session: Session) -> dict[str, Any] | None:
    """The follow-up for machines: its day, and when it has a time, that moment in UTC."""
    if not session.follow_up:
        return None
    at = None
    if len(session.follow_up) > 10:
        moment = _utc(datetime.fromisoformat(session.follow_up.replace(" ", "T")))
        if moment.tzinfo is not None:  # else at an end of the calendar: no UTC moment
            at = moment.isoformat(timespec="seconds").replace("+00:00", "Z")
    from recoverycli.when import follow_up_day

    return {"date": session.follow_up[:10],
            "weekday": follow_up_day(session.follow_up).strftime("%A"),
            "at": at, "promise": session.promise,
            "open": not session.closed}


def outcome_data(entry: dict[str, Any]) -> dict[str, Any]:
    """One outcome with its time as UTC ISO 8601, like every other time in the export."""
    return {"result": entry.get("result"), "rating": entry.get("rating"),
            "note": entry.get("note"), "at": _when(entry.get("at")), "by": entry.get("by"),
            "follow_up_due": entry.get("due"), "next_follow_up": entry.get("next")}


def as_data(playbook: Playbook, session: Session) -> dict[str, Any]:
    """Everything about a session, as documented in the README (``schema_version`` 2)."""
    steps = []
    for number, step_id, status, taken in step_outcomes(playbook, session):
        steps.append({
            "number": number, "id": step_id, "title": playbook.step(step_id).title,
            "status": {DONE: "done", SKIP: "skipped"}.get(status or "", "not reached"),
            "seconds": round(session.seconds.get(step_id, 0.0), 1), "taken": taken,
            "notes": [{"text": n.text, "at": _when(n.at)} if not n.draft else  # as before
                      {"text": n.text, "at": _when(n.at), "coach_draft": True,
                       "in_summary": n.chosen}
                      for n in session.notes.get(step_id, [])],
        })
    return {
        "schema_version": SCHEMA_VERSION,
        "id": session.id,
        "playbook": {"id": playbook.id, "title": playbook.title,
                     "author": playbook.source.author if playbook.source else None,
                     "version": session.playbook_version, "hash": session.playbook_hash},
        "mode": session.mode, "status": session.status, "agent": session.agent,
        "team": session.team,
        "started": _when(session.started), "ended": _when(session.ended),
        "seconds": round(sum(session.seconds.values()), 1),
        "fields": {f.id: session.fields.get(f.id) for f in playbook.fields},
        "wrap_up": {"code": session.wrap_up, "label": playbook.wrap_up_label(session.wrap_up)}
        if session.wrap_up else None,
        "follow_up": follow_up_data(session),
        "outcome": outcome_data(session.outcome) if session.outcome else None,
        "outcomes": [outcome_data(entry) for entry in session.outcomes],
        "steps": steps,
    }


def _version(session: Session) -> str:
    """The team's published version the session followed: ``team v3 (1f0c2a9be41d)``."""
    from recoverycli.playbooks.team import version_words

    return f"team {version_words(session.playbook_version, session.playbook_hash)}"


def to_json(playbook: Playbook, session: Session) -> str:
    return dumps(as_data(playbook, session), indent=2) + "\n"


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def _said(status: str) -> str:
    """A step's or a session's status word, in the reader's language."""
    words = {"done": N_("done"), "skipped": N_("skipped"), "not reached": N_("not reached"),
             "open": N_("open"), "finished": N_("finished"), "live": N_("live"),
             "rehearse": N_("rehearsal")}
    return str(words[status]) if status in words else status


def to_markdown(playbook: Playbook, session: Session) -> str:
    data = as_data(playbook, session)
    author = _(" (after {author})").format(author=_md(data["playbook"]["author"])) \
        if data["playbook"]["author"] else ""
    lines = ["# " + _("Service recovery: {title}").format(title=_md(playbook.title)) + author,
             "", _("Session {id} · started {when}").format(
                 id=f"`{session.id}`", when=local_stamp(session.started))
             + f" · {_said(session.mode)} · {_said(session.status)} · {clock(data['seconds'])}",
             "", _("Agent: {agent} · team: {team}").format(
                 agent=_md(session.agent or "-"), team=_md(session.team or "-"))
             + (_(" · playbook: {version}").format(version=_md(_version(session)))
                if session.playbook_version else ""),
             "", "## " + _("Case"), ""]
    for field in playbook.fields:
        value = session.fields.get(field.id)
        lines.append(f"- **{_md(field.prompt)}:** {_md(value) if value else '-'}")
    lines += ["", "## " + _("Steps"), ""]
    for step in data["steps"]:
        box = {"done": "[x]", "skipped": "[-]"}.get(step["status"], "[ ]")
        extra = f", {clock(step['seconds'])}" if step["status"] != "not reached" else ""
        taken = f" → {_md(step['taken'])}" if step["taken"] else ""
        lines.append(f"- {box} {step['number']}. {_md(step['title'])} "
                     f"({_said(step['status'])}{extra}){taken}")
        lines += [f"  - {_('coach draft: ') if note.get('coach_draft') else _('note: ')}"
                  f"{_md(note['text'])}" for note in step["notes"] if note.get("in_summary", True)]
    if session.wrap_up:
        label = playbook.wrap_up_label(session.wrap_up)
        lines += ["", "## " + _("Wrap-up"), "",
                  _md(f"{label} ({session.wrap_up})" if label else session.wrap_up)]
    lines += ["", "## " + _("Follow-up"), "", _md(follow_up_line(session))]
    if session.outcomes:
        lines += ["", "## " + _("Outcomes"), ""]
        lines += [f"- {_md(outcome_line(entry))}" for entry in session.outcomes]
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
        notes = "".join(f"<div class=note>✎ {_('(coach draft) ') if n.get('coach_draft') else ''}"
                        f"{e(n['text'])}</div>" for n in step["notes"])
        steps.append(f"<li class={css}>{marks[step['status']]} {e(step['title'])} "
                     f"<span class=meta>({e(_said(step['status']))}{extra}){taken}</span>"
                     f"{notes}</li>")
    outcome = ""
    if session.outcomes:
        outcome = (f"<h2>{e(_('Outcomes'))}</h2><ul>"
                   + "".join(f"<li>{e(outcome_line(entry))}</li>" for entry in session.outcomes)
                   + "</ul>")
    title = _("Service recovery {id}").format(id=session.id)
    started = _("Session {id} · started {when}").format(id=session.id,
                                                         when=local_stamp(session.started))
    who = _("Agent: {agent} · team: {team}").format(agent=session.agent or "-",
                                                    team=session.team or "-")
    author = " <span class=meta>" + e(_("after {author}").format(
        author=data["playbook"]["author"])) + "</span>" if data["playbook"]["author"] else ""
    return (
        f"<!DOCTYPE html>\n<html lang={e(language())}><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width, initial-scale=1'>"
        "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">"
        f"<title>{e(title)}</title>"
        f"<style>{_CSS}</style></head><body>"
        f"<h1>{e(_('Service recovery: {title}').format(title=playbook.title))}{author}</h1>"
        f"<p class=meta>{e(started)} · "
        f"{e(_said(session.mode))} · {e(_said(session.status))} · {clock(data['seconds'])}</p>"
        f"<p class=meta>{e(who)}"
        + (e(_(" · playbook: {version}").format(version=_version(session)))
           if session.playbook_version else "")
        + "</p>"
        f"<h2>{e(_('Case'))}</h2><table>{rows}</table>"
        f"<h2>{e(_('Steps'))}</h2><ol>{''.join(steps)}</ol>"
        + (f"<h2>{e(_('Wrap-up'))}</h2><p>{e(playbook.wrap_up_label(session.wrap_up) or '')} "
           f"({e(session.wrap_up)})</p>" if session.wrap_up else "")
        + f"<h2>{e(_('Follow-up'))}</h2><p>{e(follow_up_line(session))}</p>{outcome}"
        "</body></html>\n"
    )


def _utc(local: datetime) -> datetime:
    """A local wall-clock time as UTC; at the very ends of the calendar, where UTC would
    fall outside it, kept as a floating local time (RFC 5545 allows both)."""
    try:
        return local.astimezone().astimezone(UTC)
    except (OverflowError, ValueError, OSError):
        return local


def _event(session_id: str, follow_up: str, customer: str | None, title: str,
           promise: str | None, description: str, problem: str | None = None) -> Any:
    """One follow-up as an event: all day (reminder at 9:00), or at its time (reminder 15
    minutes before) in the local zone, given as UTC so every calendar reads it alike."""
    from icalendar import Alarm, Event

    who = customer or _("the customer")
    event = Event()
    event.add("uid", f"{session_id}@recover")
    event.add("dtstamp", datetime.now(UTC))
    start: date
    if len(follow_up) > 10:
        start = _utc(datetime.fromisoformat(follow_up.replace(" ", "T")))
        length, trigger = timedelta(minutes=30), timedelta(minutes=-15)
    else:
        start = date.fromisoformat(follow_up)
        length, trigger = timedelta(days=1), timedelta(hours=9)
    event.add("dtstart", start)
    try:
        event.add("dtend", start + length)
    except OverflowError:  # 9999-12-31 (no longer taken, maybe still stored): no end date
        event.add("duration", length)
    event.add("summary", one_line(_("Follow up with {who} ({title})").format(who=who,
                                                                            title=title)))
    promised = _("Promised: {promise}").format(promise=one_line(promise)) + "\n\n" \
        if promise else ""
    problem_line = _("Problem: {problem}").format(problem=one_line(problem)) + "\n\n" \
        if problem else ""
    event.add("description", promised + problem_line + description)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", one_line(_("Follow up with {who}").format(who=who)))
    alarm.add("trigger", trigger)
    event.add_component(alarm)
    return event


def _calendar(events: list[Any]) -> str:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//recover//service recovery//EN")
    calendar.add("version", "2.0")
    for event in events:
        calendar.add_component(event)
    return str(calendar.to_ical().decode("utf-8"))


def to_ics(playbook: Playbook, session: Session) -> str:
    """The follow-up as a calendar event, with the promise and the summary."""
    if not session.follow_up:
        raise UsageError(f"session {session.id} has no follow-up date; set one with "
                         f"'recover follow-up {session.id} WHEN'")
    return _calendar([_event(session.id, session.follow_up, session.customer, playbook.title,
                             session.promise, summary_text(playbook, session),
                             session.fields.get("problem"))])


def calendar_of(rows: list[dict[str, Any]]) -> str:
    """Every open follow-up in ``rows`` (from ``due``) as one calendar."""
    return _calendar([_event(r["id"], r["follow_up"], r["customer"], r["playbook"],
                             r.get("offer"), f"Session {r['id']} ({r['playbook']})",
                             r.get("problem"))
                      for r in rows])


def render(fmt: str, playbook: Playbook, session: Session, lang: str | None = None) -> str:
    """``session`` as ``fmt``; md, html and ics in ``lang`` (export --lang), else the
    session's summary language (run --summary-lang), else the reader's: labels and the
    playbook's text alike. JSON's keys and values stay as they are stored."""
    renderers = {"md": to_markdown, "json": to_json, "html": to_html, "ics": to_ics}
    if fmt not in renderers:
        raise UsageError(f"unknown format '{fmt}' (formats: {', '.join(FORMATS)})")
    lang = lang or session.summary_lang
    if fmt == "json" or not lang:
        return renderers[fmt](playbook, session)
    from recoverycli.playbooks.translations import translated

    with speaking(lang):
        if lang != session.summary_lang:  # the summary (ics) and the follow-up's words too
            session = replace(session, summary_lang=lang)
        return renderers[fmt](translated(playbook, lang)[0], session)
