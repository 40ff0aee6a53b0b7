"""What a person holds at the end of a run: the checklist (rendered) and the summary
(plain text for a ticket: no colour, no box drawing, every value spelled safely).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .playbook import Playbook
from .session import DONE, FINISHED, SKIP, Session
from .text import one_line, visible

MARKS = {DONE: "✓", SKIP: "–", None: "·"}


def clock(seconds: float) -> str:
    seconds = round(seconds)
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


def _status_word(session: Session, step_id: str, status: str | None) -> str:
    if status == DONE:
        return "done"
    if status == SKIP:
        return "skipped"
    open_step = session.status != FINISHED and session.path and session.path[-1].step_id == step_id
    return "open" if open_step else "not reached"


def follow_up_line(session: Session) -> str:
    """The one follow-up in words: "2026-12-01 10:00 (on Tue 1 Dec 2026 at 10:00) -
    promised: a free breakfast", and whether it is still open."""
    from .when import follow_up_words

    if not session.follow_up:
        return "none set"
    words = f"{session.follow_up} ({follow_up_words(session.follow_up)[3:]})"
    if session.promise:
        words += f" - promised: {session.promise}"
    return words + (" - closed" if session.closed else "")


def outcome_line(entry: dict[str, Any]) -> str:
    """One outcome in the history: result, rating, note, when (local) and by whom."""
    from .when import local_stamp

    rating = f", rated {entry['rating']}/5" if entry.get("rating") else ""
    remark = f" - {entry['note']}" if entry.get("note") else ""
    at = f" - {local_stamp(float(entry['at']))}" if entry.get("at") is not None else ""
    by = f" by {entry['by']}" if entry.get("by") else ""
    following = f"; next follow-up {entry['next']}" if entry.get("next") else ""
    return f"{entry['result']}{rating}{remark}{at}{by}{following}"


def summary_text(playbook: Playbook, session: Session, named: bool = True) -> str:
    """A plain-text summary that pastes into a ticket. ``named=False`` (a run with
    --no-save) leaves out the session id, which names nothing that was kept."""
    lines: list[str] = []
    author = f", after {playbook.source.author}" if playbook.source else ""
    lines.append(f"Service recovery: {playbook.title} ({playbook.id}){author}")
    from .when import local_stamp

    started = local_stamp(session.started)
    total = sum(session.seconds.values())
    state = "finished" if session.status == FINISHED else "unfinished"
    head = f"Session {session.id} - " if named else ""
    lines.append(f"{head}{started} - {clock(total)} - {session.mode} - {state}")
    if playbook.fields or session.fields:
        lines.append("")
        for field in playbook.fields:
            value = session.fields.get(field.id)
            lines.append(f"{field.prompt}: {value if value else '-'}")
    lines.append("")
    if session.follow_up:
        lines.append(f"Follow-up: {follow_up_line(session)}")
    for entry in session.outcomes:
        lines.append(f"Outcome: {outcome_line(entry)}")
    if session.follow_up or session.outcome:
        lines.append("")
    lines.append("Steps:")
    for number, step_id, status, taken in step_outcomes(playbook, session):
        step = playbook.step(step_id)
        box = {DONE: "[x]", SKIP: "[-]"}.get(status or "", "[ ]")
        line = f"{box} {number}. {step.title} - {_status_word(session, step_id, status)}"
        if step_id in session.seconds and status is not None:
            line += f", {clock(session.seconds[step_id])}"
        if taken:
            line += f"; took: {taken}"
        lines.append(line)
        for note in session.notes.get(step_id, []):
            lines.append(f"    note: {note.text}")
    return "\n".join(one_line(line) for line in lines) + "\n"


def checklist_renderable(playbook: Playbook, session: Session) -> object:
    from rich.console import Group
    from rich.text import Text

    from .render import Hanging, literal

    parts: list[object] = [Text(f"Checklist - {visible(playbook.title)}", style="bold underline")]
    for number, step_id, status, taken in step_outcomes(playbook, session):
        step = playbook.step(step_id)
        style = {DONE: "green", SKIP: "yellow"}.get(status or "", "dim")
        detail = _status_word(session, step_id, status)
        if status is not None and step_id in session.seconds:
            detail += f", {clock(session.seconds[step_id])}"
        row = [(visible(step.title), "bold" if status == DONE else ""), (f"  ({detail})", "dim")]
        if taken:
            row += [("  → ", "cyan"), (visible(taken), "cyan")]
        parts.append(Hanging(row, 6, f"{MARKS.get(status, '·')} {number}. ", style))
        for note in session.notes.get(step_id, []):
            parts.append(Hanging(literal(note.text, "italic"), 8, "✎ "))
    if playbook.fields:
        parts.append(Text(""))
        parts.append(Text("Case", style="bold underline"))
        for field in playbook.fields:
            value = session.fields.get(field.id)
            parts.append(Hanging(Text.assemble((visible(f"{field.prompt}: "), "bold"),
                                               literal(value) if value else Text("-", "dim")), 2))
    return Group(*parts)  # type: ignore[arg-type]


def compact_checklist(playbook: Playbook, session: Session, width: int,
                      plain: bool = False) -> object:
    """The checklist in one line per step (cut with an ellipsis, never wrapped), so the
    end of a call fits a 24-row screen: marks, times, the branch taken, how many notes."""
    from rich.console import Group
    from rich.text import Text

    from .render import literal

    def row(text: Text) -> Text:
        if plain:  # a screen reader gets every word; the lines may wrap
            return text
        text.no_wrap = True
        text.overflow = "ellipsis"
        text.truncate(max(10, width - 1), overflow="ellipsis")
        return text

    marks = {DONE: "done", SKIP: "skipped", None: "not done"} if plain else MARKS
    parts: list[object] = [row(Text.assemble(("Checklist: ", "bold"), literal(playbook.title,
                                                                              "bold")))]
    for number, step_id, status, taken in step_outcomes(playbook, session):
        step = playbook.step(step_id)
        style = {DONE: "green", SKIP: "yellow"}.get(status or "", "dim")
        detail = _status_word(session, step_id, status)
        if status is not None and step_id in session.seconds:
            detail += f", {clock(session.seconds[step_id])}"
        count = len(session.notes.get(step_id, []))
        line = Text.assemble((f"{marks.get(status, '·')} " if not plain else "", style),
                             f"{number}. ", literal(step.title), (f" ({detail})", "dim"))
        if taken:
            line.append_text(Text.assemble((", then " if plain else " → ", "cyan"),
                                           literal(taken, "cyan")))
        if count:
            line.append(f", {count} note{'s' if count > 1 else ''}" if plain else
                        f"  ✎{count}", style="magenta")
        parts.append(row(line))
    filled = [(f.prompt, session.fields.get(f.id)) for f in playbook.fields]
    if filled and plain:
        parts += [Text.assemble(f"{p}: ", literal(v or "-")) for p, v in filled]
    elif filled:
        parts.append(row(Text.assemble(("Case: ", "bold"), literal(
            "; ".join(f"{p}: {v or '-'}" for p, v in filled)))))
    if session.follow_up:
        parts.append(Text(f"Follow-up: {session.follow_up}"))
    return Group(*parts)  # type: ignore[arg-type]
