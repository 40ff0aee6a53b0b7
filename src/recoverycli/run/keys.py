"""The live call's key loop: shows each step, reads one key, updates the walk, saves,
repeats. Notes, fields, help and the live coach are keys of this loop.

It knows the terminal only through a rich console (output) and a prompter (keys and
questions, see :mod:`recoverycli.screen.prompts`), both handed in, and the store only through a
``save`` callback, which is called after every change and before the next screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from recoverycli.i18n import N_, _, ngettext
from recoverycli.playbooks.session import DONE, SKIP, Session, Visit, Walk
from recoverycli.render import literal, wrap_legend
from recoverycli.run.screens import help_screen, moved, note_line, step_screen

from .coaching import CoachKeys

if TYPE_CHECKING:
    from rich.console import RenderableType

    from recoverycli.practice.engine import Coach
    from recoverycli.screen.prompts import Prompter


HELP = [
    ("Enter", N_("done: this step is done, go on")),
    ("1-9", N_("answer the step's question (where it asks one)")),
    ("s", N_("skip this step")),
    ("n", N_("add a note to this step (Enter keeps it, Esc cancels)")),
    ("e", N_("edit or delete this step's notes")),
    ("c", N_("coach: type a line to see flagged wording as you type; Enter, then k keeps "
             "it as a coach draft (out of the summary unless d puts it in)")),
    ("b", N_("back to the previous step, to change its answer")),
    ("u", N_("undo the skip, jump, back or answer just made (the status line offers it)")),
    ("a-z", N_("any other letter, or typing faster than keys are picked, starts a note "
               "with what was typed")),
    ("j", N_("take this step's jump, where it has one")),
    ("f", N_("fill in or change a case field")),
    ("q", N_("save and quit; resume later with 'recover resume'")),
    ("?", N_("this help")),
    ("Ctrl-C", N_("stop at once; everything confirmed is saved, a half-typed note too")),
]
UNFINISHED = " (unfinished)"
DRAFT = "(coach draft) "  # how a line kept from the coach reads among the notes
QUICK = 0.5  # seconds: a letter this soon after a skip, jump, back or answer is typing


def lines_of(text: str) -> str:
    """A note as kept: the line breaks of a paste, which the one-line prompts show as
    ``⏎``, are line breaks again (the ticket's summary keeps the paste's lines)."""
    return text.replace(" ⏎ ", "\n").replace(" ⏎", "\n").replace("⏎ ", "\n")


# What moves nothing on the call: "u" after it still undoes the move before it.
KEEPS_UNDO = frozenset({"note", "paste", "edit", "coach", "field", "help", "redraw"})


class Quit(Exception):
    """The person chose to save and stop; the session can be resumed."""


class Runner(CoachKeys):
    def __init__(self, walk: Walk, save: Callable[[Session], None], console: Console,
                 prompter: Callable[[], Prompter], plain: bool = False,
                 remind_after: float | None = None) -> None:
        self.walk = walk
        self.save = save
        self.console = console
        self._prompter = prompter  # called only when a key is to be read
        self.drawn: Callable[[], None] | None = None  # once, after step 1 is on screen
        self.plain = plain  # --accessible: nothing redrawn, no symbols, numbered choices
        self.remind_after = remind_after  # seconds, for the call-length reminder
        self.kept_unfinished = False  # a half-typed note was kept on Ctrl-C
        self.coaching = False  # in the live coach: what is typed there is a coach draft
        self.status = ""  # the status line's first message (e.g. which session resumed)
        self.saving = True  # False with --no-save: q and Ctrl-C keep nothing, and say so
        self.notice: Callable[[], str] | None = None  # news from the store, said once
        self._coach: Coach | None = None  # the wording coach, loaded at the first ``c``
        self._coach_problem = ""  # why the user's coach.yaml is not in use
        # The last skip, jump, back or answer, until the next key: (the path before it,
        # the key that made it, when) for ``u``, and for typing that began with that key.
        self._undo: tuple[list[Visit], str, float] | None = None
        import threading

        self._coach_lock = threading.Lock()

    @property
    def prompter(self) -> Prompter:
        return self._prompter()

    def rehearse_fields(self) -> None:
        """Rehearse mode: ask the playbook's fields before step 1, under the playbook's
        title (newcomer 16: a bare "? The customer's name" said nothing of what for)."""
        fields = self.walk.session.fields
        self.console.print(Text.assemble((_("Rehearsing: "), "bold cyan"),
                                         literal(self.walk.playbook.title, "bold")))
        self.console.print(Text(_("The case first: Enter keeps a value; a required one "
                                  "must be filled."), style="dim"))
        for field in self.walk.playbook.fields:
            value = self.prompter.text(field.prompt, default=fields.get(field.id) or
                                       field.default or "", required=field.required, mark="?")
            if value is None and field.required and not fields.get(field.id):
                # The run does not start without it: one more chance, then save and stop.
                self.console.print(Text.assemble(literal(field.prompt, "bold"), (
                    _(" is required before the run starts (Ctrl-D again saves and stops)"),
                    "yellow")))
                value = self.prompter.text(field.prompt, required=True, mark="?")
                if value is None:
                    raise Quit()
            if value is None:
                continue
            if value.strip():
                self.walk.set_field(field.id, value.strip())
                self.save(self.walk.session)

    def _clear(self) -> None:
        if not self.plain and self.console.is_terminal:
            self.console.clear()

    def show(self) -> None:
        walk = self.walk
        step = walk.current
        assert step is not None
        notes = [DRAFT + n.text if n.draft else n.text
                 for n in walk.session.notes.get(step.id, [])]

        def screen(brief: bool = False, written: list[str] = notes) -> RenderableType:
            return step_screen(walk.playbook, step, walk.number, walk.total,
                               walk.session.fields, written, walk.elapsed(),
                               plain=self.plain, brief=brief,
                               live=walk.session.mode == "live")

        def height(renderable: RenderableType) -> int:
            return len(self.console.render_lines(renderable, pad=False))

        shown = screen()
        if not self.plain and self.console.is_terminal:
            # the legend's own lines (two at 80 columns, four at 40), the status line and
            # the cursor's (a status wraps to two lines under 60 columns: "kept as a note
            # marked coach draft (the summary leaves it out)")
            legend = len(wrap_legend(self.legend()[1], max(20, self.console.width - 1),
                                     self.plain))
            room = self.console.height - max(legend, 2) - (2 if self.console.width >= 60
                                                           else 3)
            if height(shown) > room:
                shown = screen(brief=True)  # why and source are for rehearsing: `show`
            if notes and height(shown) > room:  # notes never push the step off the screen
                shown = screen(True, self._notes_in(room - height(screen(True, [])), notes))
            if height(shown) > room:  # a tiny terminal (40x12): the step's top stays on
                shown = self._cut(shown, room)  # screen, cut below (a red team)
        self._clear()
        self.console.print(shown)

    def _cut(self, shown: RenderableType, room: int) -> RenderableType:
        """The first ``room`` rows of ``shown``, the last of them "…": ``show`` has the rest."""
        from rich.console import Group
        from rich.segment import Segment, Segments
        from rich.text import Text

        lines = self.console.render_lines(shown, pad=False)[:max(room - 1, 1)]
        return Group(Segments([s for line in lines for s in (*line, Segment.line())]),
                     Text("…", style="dim"))

    def _notes_in(self, rows: int, notes: list[str]) -> list[str]:
        """The newest notes that fit ``rows`` (less the "Notes:" label), one line each, and
        how many earlier ones are not shown: ``e`` shows every note whole."""
        from recoverycli.table import cut
        from recoverycli.text import one_line

        width = max(self.console.width - 5, 10)
        fit = max(rows - 1, 1)
        if len(notes) <= fit:
            return [cut(one_line(n), width) for n in notes]
        kept = notes[len(notes) - (fit - 1):] if fit > 1 else []
        hidden = len(notes) - len(kept)
        return [ngettext("({count} earlier note: e shows it)",
                         "({count} earlier notes: e shows them)", hidden).format(count=hidden),
                *(cut(one_line(n), width) for n in kept)]

    def legend(self) -> tuple[dict[str, str], list[str], dict[str, str]]:
        """The keys that work on this step (key -> action), named in words, and why each
        of the others does nothing here."""
        step = self.walk.current
        assert step is not None
        actions = {"paste": "paste", "type": "type", "c-l": "redraw", "redraw": "redraw",
                   "s": "skip", "n": "note", "e": "edit", "c": "coach", "f": "field",
                   "q": "quit", "?": "help"}
        if self._undo is not None:
            actions["u"] = "undo"
        reasons: dict[str, str] = {}
        choices = step.ask.choices if step.ask is not None else ()
        if choices and len(choices) <= 9:
            for number in range(1, len(choices) + 1):
                actions[str(number)] = f"pick{number}"
            words = [_("1-{last} answer").format(last=len(choices)) if len(choices) > 1
                     else _("1 answer")]
            reasons["enter"] = _("this step asks a question: press 1-{last} to "
                                 "answer").format(last=len(choices))
        else:
            actions["enter"] = "done"
            words = [_("Enter done")]
        words += [_("s skip"), _("n note (or just type)"), _("c coach")]
        if self.walk.session.notes.get(step.id):
            words.append(_("e edit note"))
        else:
            reasons["e"] = _("no notes on this step to edit (n adds one)")
        if len(self.walk.session.path) > 1:
            actions["b"] = "back"
            words.append(_("b back"))
        else:
            reasons["b"] = _("already at step 1")
        if step.jump is not None:
            actions["j"] = "jump"
            words.append(_("j jump"))
        else:
            reasons["j"] = _("no jump on this step")
        if self.walk.playbook.fields:
            words.append(_("f field"))
        else:
            reasons["f"] = _("this playbook has no case fields")
        words += [_("q save & quit") if self.saving else _("q quit (nothing kept)"),
                  _("? help")]
        for key in reasons:
            actions.pop(key, None)
        return actions, words, reasons

    def print_legend(self, words: list[str]) -> None:
        width = max(20, self.console.width - 1)
        for line in wrap_legend(words, width, self.plain):
            self.console.print(Text(line))
        self.console.file.flush()

    def run(self) -> None:
        """Walk until the end; raises :class:`Quit` or ``KeyboardInterrupt`` to stop early."""
        walk = self.walk
        redraw = True
        status, self.status = self.status, ""
        while not walk.finished:
            actions, words, reasons = self.legend()
            if redraw:
                self.show()
                self.print_legend(words)
                if self.drawn is not None:
                    drawn, self.drawn = self.drawn, None
                    self.console.file.flush()  # on screen before anything else happens
                    drawn()
            redraw = not self.plain
            told = self.notice() if self.notice is not None else ""
            if told:  # (the team store went away: the line above was wiped by the redraw)
                status = f"{status} · {told}" if status else told
            action = self.prompter.key(actions, status, None if self.plain else walk.elapsed,
                                       reasons, self.remind_after)
            status = ""
            step = walk.current
            assert step is not None
            undo, self._undo = self._undo, None
            if action in KEEPS_UNDO:  # a note or a look at something moves nothing: "u"
                self._undo = undo     # still undoes the last move (a newcomer's skip)
            if action in ("skip", "jump", "back") or action.startswith("pick"):
                before = [Visit(v.step_id, v.status, v.taken) for v in walk.session.path]
                number = walk.number
            if action == "type":
                typed = self.prompter.typed
                if undo is not None and time.monotonic() - undo[2] < QUICK:
                    # typing that began with a command key, too quick to be a choice:
                    # the call goes back to where the typing began, the key kept as text
                    walk.restore(undo[0])
                    typed = undo[1] + typed
                    self.save(walk.session)
                    self.show()
                    self.print_legend(self.legend()[1])
                else:  # typing after the move: the move stays, and "u" still undoes it
                    self._undo = undo
                status = self.typed_note(typed)
                redraw = True
                continue
            if action == "undo" and undo is not None:
                walk.restore(undo[0])
                status = _("undone: back on step {number}").format(number=walk.number)
                redraw = True
            elif action == "done":
                if step.ask is not None:  # more than nine choices: picked from a list
                    labels = [choice.label for choice in step.ask.choices]
                    picked = self.prompter.choose(step.ask.question, labels)
                    if picked is None:
                        continue
                    walk.complete(DONE, choice=picked)
                else:
                    walk.complete(DONE)
                redraw = True
            elif action.startswith("pick"):
                walk.complete(DONE, choice=int(action[4:]) - 1)
                redraw = True
            elif action == "skip":
                walk.complete(SKIP)
                redraw = True
            elif action == "jump":
                walk.complete(DONE, jump=True)
                redraw = True
            elif action == "back":
                walk.back()
                redraw = True
            elif action == "note":
                status = self.note()
                continue
            elif action == "paste":  # text pasted on the step: a note, never keys
                status = self.pasted_note()
                redraw = True
                continue
            elif action == "edit":
                status = self.edit_notes()
                continue
            elif action == "coach":
                status = self.live_coach()
                continue
            elif action == "field":
                status = self.fill_field()
                self.save(walk.session)
                continue
            elif action == "help":
                self.help()
                continue
            elif action == "redraw":  # Ctrl-L, or the terminal was resized: drawn anew
                continue
            elif action == "quit":
                walk.pause()
                self.save(walk.session)
                raise Quit()
            if (action in ("skip", "jump", "back") or action.startswith("pick")) \
                    and not walk.finished:
                key = {"skip": "s", "jump": "j", "back": "b"}.get(action, action[4:])
                self._undo = (before, key, time.monotonic())
                status = moved(action, number, walk.number) + _(" - u undoes")
            self.save(walk.session)

    def typed_note(self, typed: str) -> str:
        """Typing on a step (a letter that is no key, or keys faster than keys are
        picked): a note that begins with what was typed; nothing else changes."""
        return self.note(typed, _("(Enter keeps · Esc drops)"),
                         _("typing dropped; the call is unchanged"),
                         _("note kept (e edits it)"))

    def keep_unfinished(self, text: str, draft: bool = False) -> None:
        """Ctrl-C in a half-typed line: kept as a note marked unfinished; a line typed in
        the live coach (``draft``) as a coach draft, which the summary leaves out: it was
        being tried, not said."""
        if text.strip():
            self.walk.add_note(text.strip() + UNFINISHED, draft=draft)
            self.save(self.walk.session)
            self.kept_unfinished = True

    def _picker_screen(self) -> None:
        """A picker (which note, which field) in place of the step, under its header, as
        help and the coach are: listed under the step it pushed the header off 24 rows."""
        if self.plain:
            return
        from recoverycli.run.screens import step_header

        walk = self.walk
        step = walk.current
        assert step is not None
        self._clear()
        self.console.print(step_header(walk.number, walk.total, walk.session.fields))
        self.console.print(literal(step.title, "bold"))
        self.console.file.flush()

    def help_rows(self) -> list[tuple[str, str]]:
        """The keys and what they do, true of this run (--no-save keeps nothing)."""
        if self.saving:
            return [(key, str(meaning)) for key, meaning in HELP]
        unsaved = {"q": _("quit; nothing is kept (--no-save), the summary is shown first"),
                   "Ctrl-C": _("stop at once; nothing is kept (--no-save)")}
        return [(key, unsaved.get(key, str(meaning))) for key, meaning in HELP]

    def help(self) -> None:
        walk = self.walk
        step = walk.current
        assert step is not None
        if self.plain:
            for key, meaning in self.help_rows():
                self.console.print(Text(f"{key}: {meaning}"))
            return
        self._clear()
        self.console.print(help_screen(walk.number, walk.total, step.title, self.help_rows(),
                                       values=walk.session.fields))
        self.console.file.flush()
        self.prompter.key({"*": "back"}, _("any key goes back to the step"), walk.elapsed)

    def note(self, default: str = "", instruction: str | None = None,
             dropped: str | None = None, kept: str | None = None) -> str:
        """Type a note: Enter keeps it, Esc cancels it, Ctrl-C keeps it marked unfinished."""
        from recoverycli.screen.keyboard import NoteInterrupted

        try:
            text = self.prompter.note(_("Note:"), default=default, instruction=(
                instruction or _("(Enter keeps it, Esc cancels)")))
        except NoteInterrupted as exc:
            self.keep_unfinished(exc.text)
            raise
        if not text or not text.strip():
            return self._said(dropped or _("note cancelled"))
        self.walk.add_note(lines_of(text).strip())
        self.save(self.walk.session)
        if self.plain:
            self.console.print(note_line(text.strip(), plain=True))
        return self._said(kept or _("note kept"))

    def pasted_note(self) -> str:
        """A paste on the step screen (an order number, the customer's words) is kept as a
        note rather than read as keys: "order 5512 arrived quite late" must not quit."""
        text = lines_of(self.prompter.pasted).strip()
        if not text:
            return ""
        self.walk.add_note(text)
        self.save(self.walk.session)
        if self.plain:
            self.console.print(note_line(text, plain=True))
        return self._said(_("pasted text kept as a note (e edits it)"))

    def _said(self, message: str) -> str:
        """A short confirmation: on the status line, or a line of its own when plain."""
        if self.plain:
            self.console.print(Text(message.capitalize() + "."))
            return ""
        return message

    def edit_notes(self) -> str:
        walk = self.walk
        step = walk.current
        assert step is not None
        notes = walk.session.notes.get(step.id, [])
        index = 0
        if len(notes) > 1:
            self._picker_screen()
            picked = self.prompter.pick(_("Which note?"), [n.text for n in notes])
            if picked is None:
                return self._said(_("notes unchanged"))
            index = picked
        text = self.prompter.note(_("Note:"), default=notes[index].text, instruction=_(
            "(Enter keeps it, empty deletes it, Esc leaves it)"))
        if text is None:
            return self._said(_("note unchanged"))
        if not text.strip():
            walk.delete_note(index)
            self.save(walk.session)
            return self._said(_("note deleted"))
        walk.edit_note(index, lines_of(text).strip())
        self.save(walk.session)
        return self._said(_("note changed"))

    def fill_field(self) -> str:
        fields = self.walk.playbook.fields
        values = self.walk.session.fields
        labels = [f"{f.prompt}: {values.get(f.id) or '-'}" for f in fields]
        self._picker_screen()
        picked = self.prompter.pick(_("Which field?"), labels)
        if picked is None:
            return ""
        field = fields[picked]
        value = self.prompter.text(field.prompt, default=values.get(field.id, ""), mark="?",
                                   escape_cancels=True)
        if value is not None and value.strip():
            self.walk.set_field(field.id, value.strip())
            if self.plain:
                self.console.print(Text.assemble(field.id, " = ", literal(value.strip())))
                return ""
            return _("{field} set").format(field=field.id)
        return ""
