"""What a person holds at the end of a run: the checklist's facts (rendered by
``render.checklist_renderable``) and the summary (plain text for a ticket: no colour, no
box drawing, every value spelled safely). Pure: no rich here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from recoverycli.i18n import _
from recoverycli.playbooks.model import Playbook
from recoverycli.playbooks.session import DONE, FINISHED, SKIP, Session
from recoverycli.text import one_line, visible

MARKS = {DONE: "✓", SKIP: "–", None: "·"}


def clock(seconds: float) -> str:
    """``4m05s``, rounded half up (round() rounds 4.5 to 4, so an export that read the
    time to a tenth showed 0m04s where the checklist showed 0m05s)."""
    seconds = int(seconds + 0.5) if seconds >= 0 else 0
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s"


def step_outcomes(playbook: Playbook, session: Session) -> Iterator[tuple[int, str, str | None,
                                                                          str | None]]:
    """For each step in playbook order: number, title, status (done/skip/None), taken."""
    last: dict[str, tuple[str | None, str | None]] = {}
    for visit in session.path:
        if visit.status is not None:
            last[visit.step_id] = (visit.status, visit.taken)
        elif visit.step_id not in last:
            last[visit.step_id] = (None, None)
    for number, step in enumerate(playbook.steps, start=1):
        status, taken = last.get(step.id, (None, None))
        yield number, step.id, status, taken


def status_word(session: Session, step_id: str, status: str | None) -> str:
    if status == DONE:
        return _("done")
    if status == SKIP:
        return _("skipped")
    open_step = session.status != FINISHED and session.path and session.path[-1].step_id == step_id
    return _("open") if open_step else _("not reached")


def follow_up_line(session: Session) -> str:
    """The one follow-up in words: "2026-12-01 10:00 (on Tue 1 Dec 2026 at 10:00) -
    promised: a free breakfast", and whether it is still open."""
    from recoverycli.when import follow_up_words, weekend_note

    if not session.follow_up:
        return _("none set")
    weekend = _(", at the weekend") if weekend_note(session.follow_up) else ""
    words = f"{session.follow_up} ({follow_up_words(session.follow_up, bare=True)}{weekend})"
    if session.promise:
        words += _(" - promised: {promise}").format(promise=session.promise)
    return words + (_(" - closed") if session.closed else "")


def outcome_line(entry: dict[str, Any]) -> str:
    """One outcome in the history: result, rating, note, when (local) and by whom."""
    from recoverycli.when import local_stamp

    rating = _(", rated {rating}/5").format(rating=entry["rating"]) if entry.get("rating") \
        else ""
    remark = f" - {entry['note']}" if entry.get("note") else ""
    at = f" - {local_stamp(float(entry['at']))}" if entry.get("at") is not None else ""
    by = _(" by {who}").format(who=entry["by"]) if entry.get("by") else ""
    following = _("; next follow-up {when}").format(when=entry["next"]) \
        if entry.get("next") else ""
    return f"{entry['result']}{rating}{remark}{at}{by}{following}"


def summary_text(playbook: Playbook, session: Session, named: bool = True) -> str:
    """The ticket's summary (:func:`_summary`), in the session's summary language when it
    has one (``run --summary-lang es``): labels, dates and the playbook's own text, whatever
    the screens' language. ``playbook`` is best the one as written (English): a playbook
    already in another language is used as it is."""
    lang = session.summary_lang
    if not lang:
        return _summary(playbook, session, named)
    from recoverycli.i18n import speaking
    from recoverycli.playbooks.translations import translated

    with speaking(lang):
        return _summary(translated(playbook, lang)[0], session, named)


def _summary(playbook: Playbook, session: Session, named: bool = True) -> str:
    """A plain-text summary that pastes into a ticket: the fields that have a value, the
    steps done and skipped (a step left open shows only when it holds a note), each note
    with its own lines indented under it. A coach draft kept as a note (``c``, then ``k``)
    is left out unless the agent chose it. ``named=False`` (a run with --no-save) leaves
    out the session id, which names nothing that was kept."""
    lines: list[str] = []
    author = _(", after {author}").format(author=playbook.source.author) \
        if playbook.source else ""
    lines.append(_("Service recovery: {title} ({id}){author}").format(
        title=playbook.title, id=playbook.id, author=author))
    from recoverycli.when import local_stamp

    started = local_stamp(session.started)
    total = sum(session.seconds.values())
    state = _("finished") if session.status == FINISHED else _("unfinished")
    if named:  # the full id on a line of its own: the two fit 80 columns
        lines.append(_("Session {id}").format(id=session.id))
    mode = {"live": _("live"), "rehearse": _("rehearsal")}.get(session.mode, session.mode)
    lines.append(f"{started} - {clock(total)} - {mode} - {state}")
    from recoverycli.playbooks.session import FOLLOW_UP_FIELD

    # the follow-up field says in words what the Follow-up line below says with its date
    filled = [(field.prompt, value) for field in playbook.fields
              if (value := session.fields.get(field.id) or "").strip()
              and not (field.id == FOLLOW_UP_FIELD and session.follow_up)]
    if filled:
        lines.append("")
        for prompt, value in filled:
            lines += _block(f"{prompt}: ", value)
    lines.append("")
    if session.wrap_up:
        label = playbook.wrap_up_label(session.wrap_up)
        lines.append(_("Wrap-up: {label} ({code})").format(label=label, code=session.wrap_up)
                     if label else _("Wrap-up: {code}").format(code=session.wrap_up))
        lines.append("")
    if session.follow_up:
        lines.append(_("Follow-up: {when}").format(when=follow_up_line(session)))
    for entry in session.outcomes:
        lines.append(_("Outcome: {outcome}").format(outcome=outcome_line(entry)))
    if session.follow_up or session.outcome:
        lines.append("")
    lines.append(_("Steps:"))
    boxes = {DONE: "[x]", SKIP: "[-]"}
    steps, seconds, notes = playbook.steps, session.seconds, session.notes
    for number, step_id, status, taken in step_outcomes(playbook, session):
        kept = [n for n in notes.get(step_id, ()) if not n.draft or n.chosen]
        if status is None and not kept:
            continue  # not reached: nothing for the ticket
        word = status_word(session, step_id, status) if status else _("not done")
        line = f"{boxes.get(status or '', '[ ]')} {number}. {steps[number - 1].title} - {word}"
        if step_id in seconds and status is not None:
            line += f", {clock(seconds[step_id])}"
        if taken:
            line += _("; took: {choice}").format(choice=taken)
        lines.append(line)
        for note in kept:
            lines += _block("    " + (_("coach draft: ") if note.draft else _("note: ")),
                            note.text)
    # every character spelled safely; a line break inside a title stays on its line
    return "\n".join(one_line(line) if "\n" in line else visible(line)
                     for line in lines) + "\n"


def _block(lead: str, value: str) -> list[str]:
    """``value`` after ``lead``, its further lines (a paste of several) indented under its
    first; blank lines kept, trailing blanks dropped."""
    parts = value.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    pad = " " * len(lead)
    return [lead + parts[0].rstrip(), *((pad + part).rstrip() if part.strip() else ""
                                        for part in parts[1:])]
