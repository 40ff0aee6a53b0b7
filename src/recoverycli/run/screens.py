"""The live call's screens as rich renderables: the step header and screen, help, notes,
and the checklist (full and compact for the end of the call). Nothing here prints."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from rich.console import (
    Group,
    RenderableType,
)
from rich.text import Text

from recoverycli.i18n import _, ngettext
from recoverycli.playbooks.model import Playbook, Step
from recoverycli.text import visible

if TYPE_CHECKING:
    from recoverycli.playbooks.session import Session

from recoverycli.playbooks.render import step_body
from recoverycli.render import Hanging, Rows, _labelled, literal


def step_header(number: int, total: int, values: dict[str, str], elapsed: float = 0.0,
                plain: bool = False) -> Text:
    """``Step N of M`` and the customer (and, plain, the time on the call): the first
    line of the step and of its help alike."""
    header = Text(_("Step {number} of {total}").format(number=number, total=total),
                  style="bold cyan")
    customer = values.get("customer")
    between = ", " if plain else "  ·  "
    if customer:
        header.append_text(Text.assemble(between, literal(customer)))
    if plain:
        seconds = int(elapsed)
        header.append(between + _("{minutes} min {seconds:02d} s on the call").format(
            minutes=seconds // 60, seconds=seconds % 60))
    return header


# What marks a playbook's editorial text (the authors' reading of a source, not the
# source's advice): a line led by "(Our reading)", or an aside in brackets that says
# "our reading", or a clause (between semicolons) that says so. Rehearsing shows it
# (show, --rehearse, the docs); a live call does not.
# The mark in each language a playbook is written in (a translation carries its own).
_MARKS = r"(?:our reading|nuestra interpretaci[oó]n)"
_EDITORIAL_LEAD = re.compile(rf"^\s*\({_MARKS}\.?\)\s*", re.IGNORECASE)
_EDITORIAL_ASIDE = re.compile(rf"\s*\([^()]*\b{_MARKS}\b[^()]*\)", re.IGNORECASE)
_OURS = re.compile(rf"\b{_MARKS}\b", re.IGNORECASE)


def without_editorial(text: str) -> str:
    """``text`` without its editorial marks and asides (see above)."""
    if not _OURS.search(text):
        return text
    text = _EDITORIAL_ASIDE.sub("", _EDITORIAL_LEAD.sub("", text)).strip()
    return "; ".join(clause for clause in text.split("; ")  # a clause that says it is ours
                     if not _OURS.search(clause)).strip()


def live_step(step: Step) -> Step:
    """The step as a live call shows it: the editorial text left out, lines that were
    only an editorial mark dropped."""
    def lines(items: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(kept for item in items if (kept := without_editorial(item)))

    return step._replace(why=without_editorial(step.why) if step.why else step.why,
                         do=lines(step.do), say=lines(step.say), avoid=lines(step.avoid),
                         cite=without_editorial(step.cite) or None if step.cite else None)


_VOCATIVE = (re.compile(r"^\{customer\},\s*"), re.compile(r",\s*\{customer\}(?=[,.!?;:])"))


def without_name(text: str) -> str:
    """A line that names the customer, read naturally when no name was given: "{customer},
    I'm sorry" says "I'm sorry", "Call {customer} back" says "Call the customer back"."""
    if "{customer}" not in text:
        return text
    start, middle = _VOCATIVE
    text, cut = start.subn("", text)
    if cut and text:
        text = text[0].upper() + text[1:]
    text = middle.sub("", text)
    if text.startswith("{customer}"):
        text = _("The customer") + text[len("{customer}"):]
    return text.replace("{customer}", _("the customer"))


def unnamed_step(step: Step) -> Step:
    """The step with its lines read as :func:`without_name` reads them."""
    def lines(items: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(without_name(item) for item in items)

    return step._replace(why=without_name(step.why) if step.why else step.why,
                         do=lines(step.do), say=lines(step.say), avoid=lines(step.avoid))


def step_screen(playbook: Playbook, step: Step, number: int, total: int,
                values: dict[str, str], notes: Iterable[str], elapsed: float,
                plain: bool = False, brief: bool = False, live: bool = False
                ) -> RenderableType:
    """One step of a run: ``Step N of M``, the title, the advice with fields filled in.
    The clock ticks on the status line; ``plain`` (accessible) shows it here, once.
    ``live``: a call with a customer, so the playbook's editorial text stays off."""
    parts: list[RenderableType] = [
        step_header(number, total, values, elapsed, plain),
        Hanging(literal(step.title, "bold"), 0),
        *step_body(playbook, _as_shown(step, values, live), values, keys=True, plain=plain,
                   brief=brief),
    ]
    written = list(notes)
    if written:
        parts += _labelled(_("Notes:"), written, "-" if plain else "✎", "magenta")
    return Group(*parts)


def _as_shown(step: Step, values: dict[str, str], live: bool) -> Step:
    step = live_step(step) if live else step
    return step if values.get("customer") else unnamed_step(step)


def help_screen(number: int, total: int, title: str, keys: Sequence[tuple[str, str]],
                plain: bool = False, values: dict[str, str] | None = None) -> RenderableType:
    """The keys, in place of the step: the step's header stays, any key returns."""
    parts: list[RenderableType] = [
        step_header(number, total, values or {}, plain=plain),
        Hanging(literal(title, "bold"), 0),
        Text(_("Keys:"), style="bold"),
        *(Hanging(Text(meaning), 10, f"{key:8}  ", "bold") for key, meaning in keys),
        Text(""),
        Text(_("Press any key to go back to the step."), style="dim"),
    ]
    return Group(*parts)


def moved(action: str, number: int, now: int) -> str:
    """What a skip, jump, back or answer (``pickN``) from step ``number`` did, for the
    status line; ``now`` is the step the call is on."""
    if action == "skip":
        return _("skipped step {number}").format(number=number)
    if action == "jump":
        return _("jumped from step {number} to step {now}").format(number=number, now=now)
    if action == "back":
        return _("back to step {now}").format(now=now)
    return _("answered step {number} ({choice})").format(number=number, choice=action[4:])


def note_line(text: str, plain: bool = False) -> RenderableType:
    return Hanging(literal(text, "italic"), 4, "- " if plain else "✎ ", "magenta")


def checklist_renderable(playbook: Playbook, session: Session) -> RenderableType:
    """The checklist at the end of a run: each step's mark, status and time, its notes,
    then the case fields."""
    from recoverycli.playbooks.session import DONE
    from recoverycli.run.checklist import MARKS, step_outcomes

    parts: list[RenderableType] = [Text(_("Checklist - {title}").format(
        title=visible(playbook.title)), style="bold underline")]
    state = _step_states(session)
    notes = session.notes
    steps = playbook.steps
    append = parts.append
    for number, step_id, status, taken in step_outcomes(playbook, session):
        style, detail = state(step_id, status)
        title = (visible(steps[number - 1].title), "bold" if status == DONE else "")
        row = (title, (f"  ({detail})", "dim"), ("  → ", "cyan"), (visible(taken), "cyan")) \
            if taken else (title, (f"  ({detail})", "dim"))
        append(Hanging(row, 6, f"{MARKS.get(status, '·')} {number}. ", style))
        if step_id in notes:
            for note in notes[step_id]:
                mark = (((_("(coach draft, in the summary) ") if note.chosen else
                          _("(coach draft) ")), "dim"),) if note.draft else ()
                append(Hanging((*mark, (visible(note.text), "italic")), 8, "✎ "))
    if playbook.fields:
        parts.append(Text(""))
        parts.append(Text(_("Case"), style="bold underline"))
        for field in playbook.fields:
            value = session.fields.get(field.id)
            parts.append(Hanging(Text.assemble((visible(f"{field.prompt}: "), "bold"),
                                               literal(value) if value else Text("-", "dim")), 2))
    return Rows(parts)


def compact_checklist(playbook: Playbook, session: Session, width: int,
                      plain: bool = False, rows: int | None = None) -> object:
    """The checklist in one line per step (cut with an ellipsis, never wrapped), so the
    end of a call fits a 24-row screen: marks, times, the branch taken, how many notes.
    Given ``rows`` for the steps, a longer playbook's runs of plainly done steps become
    one line each ("✓ 3-21 done"), and what still does not fit is counted, not shown."""
    from rich.console import Group

    from recoverycli.playbooks.session import DONE, SKIP
    from recoverycli.run.checklist import MARKS, step_outcomes

    def row(text: Text) -> Text:
        if plain:  # a screen reader gets every word; the lines may wrap
            return text
        text.no_wrap = True
        text.overflow = "ellipsis"
        text.truncate(max(10, width - 1), overflow="ellipsis")
        return text

    marks = {DONE: _("done"), SKIP: _("skipped"), None: _("not done")} if plain else MARKS
    parts: list[object] = [row(Text.assemble((_("Checklist: "), "bold"),
                                             literal(playbook.title, "bold")))]
    state = _step_states(session)
    lines: list[tuple[bool, int, Text]] = []  # (plainly done, number, line)
    for number, step_id, status, taken in step_outcomes(playbook, session):
        step = playbook.steps[number - 1]
        style, detail = state(step_id, status)
        count = len(session.notes.get(step_id, []))
        line = Text.assemble((f"{marks.get(status, '·')} " if not plain else "", style),
                             f"{number}. ", literal(step.title), (f" ({detail})", "dim"))
        if taken:
            line.append_text(Text.assemble((_(", then ") if plain else " → ", "cyan"),
                                           literal(taken, "cyan")))
        if count:
            line.append(", " + ngettext("{count} note", "{count} notes", count).format(
                count=count) if plain else f"  ✎{count}", style="magenta")
        lines.append((status == DONE and not taken and not count, number, row(line)))
    parts += _fitted_steps(lines, rows, plain)
    filled = [(f.prompt, value) for f in playbook.fields
              if (value := session.fields.get(f.id) or "").strip()]  # no "-" for blanks
    if filled and plain:
        parts += [Text.assemble(f"{p}: ", literal(v)) for p, v in filled]
    elif filled:
        parts.append(row(Text.assemble((_("Case: "), "bold"), literal(
            "; ".join(f"{p}: {v}" for p, v in filled)))))
    if session.follow_up:
        from recoverycli.when import set_words

        parts.append(Text(_("Follow-up: {when}").format(when=set_words(session.follow_up))))
    return Group(*parts)  # type: ignore[arg-type]


def _fitted_steps(lines: list[tuple[bool, int, Text]], rows: int | None, plain: bool
                  ) -> list[Text]:
    if plain or rows is None or len(lines) <= rows:
        return [line for _, _, line in lines]
    merged: list[Text] = []
    run: list[tuple[bool, int, Text]] = []

    def close() -> None:
        if len(run) > 1:
            merged.append(Text.assemble(("✓ ", "green"), f"{run[0][1]}-{run[-1][1]}. ",
                                        (_("done"), "dim"), (" " + _("({count} steps)").format(
                                            count=len(run)), "dim")))
        else:
            merged.extend(line for _, _, line in run)
        run.clear()

    for entry in lines:
        if entry[0]:
            run.append(entry)
        else:
            close()
            merged.append(entry[2])
    close()
    if len(merged) > rows:
        hidden = len(merged) - (rows - 1)
        merged = [*merged[:rows - 1], Text(ngettext(
            "… {count} more line of steps: v shows them all",
            "… {count} more lines of steps: v shows them all", hidden).format(count=hidden),
            style="dim")]
    return merged


def _step_states(session: Session) -> Callable[[str, str | None], tuple[str, str]]:
    """For one session: a checklist row's colour and its status words with the time
    taken, given the step's id and status."""
    from recoverycli.playbooks.session import DONE, SKIP
    from recoverycli.run.checklist import clock, status_word

    colours = {DONE: "green", SKIP: "yellow"}
    words = {DONE: _("done"), SKIP: _("skipped")}  # as status_word says them
    seconds = session.seconds

    def state(step_id: str, status: str | None) -> tuple[str, str]:
        if status is None:
            return "dim", status_word(session, step_id, status)
        detail = words.get(status) or status_word(session, step_id, status)
        if step_id in seconds:
            detail += f", {clock(seconds[step_id])}"
        return colours.get(status, "dim"), detail

    return state
