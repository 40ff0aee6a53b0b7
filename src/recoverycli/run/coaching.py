"""The live coach on a step (``c``): check a line before saying it, without leaving the
step; a line kept with ``k`` becomes a note marked as the coach's draft, which the
ticket's summary leaves out until the agent puts it in (``d`` at the end of the call)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import Console

from recoverycli.i18n import N_, _
from recoverycli.render import literal
from recoverycli.text import MEASURE

if TYPE_CHECKING:
    from recoverycli.playbooks.session import Session, Walk
    from recoverycli.practice.engine import Coach
    from recoverycli.screen.prompts import Prompter

KEPT_DRAFT = N_("kept as a note marked coach draft (the summary leaves it out)")


class CoachKeys:
    """The ``c`` key of :class:`recoverycli.run.keys.Runner`."""

    walk: Walk
    save: Callable[[Session], None]
    console: Console
    plain: bool
    _coach: Coach | None
    _coach_problem: str
    _coach_lock: threading.Lock
    coaching: bool

    @property
    def prompter(self) -> Prompter:
        raise NotImplementedError

    def _clear(self) -> None:
        raise NotImplementedError

    def keep_unfinished(self, text: str, draft: bool = False) -> None:
        raise NotImplementedError

    def _said(self, message: str) -> str:
        raise NotImplementedError

    def typed_note(self, typed: str) -> str:
        raise NotImplementedError

    def live_coach(self) -> str:
        """``c``: check a line before saying it, without leaving the step. Flagged wording
        shows under the line as it is typed, in place of the step's advice (the header
        stays); Enter ends the typing. Nothing is kept unless the agent keeps it as a note
        with ``k``; Ctrl-C keeps it marked unfinished, as a coach draft the summary leaves
        out (a trainee saw a line being tried put on the ticket)."""
        from recoverycli.practice.render import ansi_lines, coach_header, coach_lines
        from recoverycli.screen.keyboard import NoteInterrupted

        walk = self.walk
        step = walk.current
        assert step is not None
        if self.plain:
            return self._plain_coach()
        header = coach_header(walk.number, walk.total, walk.session.fields.get("customer"),
                              step.title)
        self._clear()
        console = self.console

        def above(width: int) -> str:
            # drawn by the prompt, so a resize redraws it (at 40x12, and back at 80x24, the
            # step's header was gone: a red team)
            return ansi_lines(header, width, console)

        def feedback(text: str, width: int, rows: int) -> str:
            coach = self._coach
            findings = None if coach is None else coach.check(text) if text.strip() else []
            # at most the readable measure: a 200-column terminal gets 100-column advice
            return coach_lines(text, findings, min(width, MEASURE), rows, console,
                               self._coach_problem)

        self.coaching = True
        try:
            action, text = self.prompter.live_text(
                _("Say:"), feedback, above, _("Enter done · Esc back to the step"),
                {"k": "keep", "enter": "back", "escape": "back", "c-d": "back"},
                _("k keep as a note · Enter back to the step"), walk.elapsed,
                warm=None if self._coach is not None else self._coach_engine)
        except NoteInterrupted as exc:
            self.keep_unfinished(exc.text, draft=True)
            raise
        self.coaching = False  # (left set when the terminal closes: what was typed is a draft)
        if action == "keep" and text.strip():
            walk.add_note(text.strip(), draft=True)
            self.save(walk.session)
            return str(KEPT_DRAFT)
        if action == "type":  # typing went on after the check: a note, as on the step
            self._keep_checked(getattr(self.prompter, "checked", ""))
            return self.typed_note(text)
        return "" if text.strip() else _("nothing to check")

    def _plain_coach(self) -> str:
        """``c`` in accessible mode: the line typed, then its findings printed once."""
        from recoverycli.practice.render import coach_plain
        from recoverycli.screen.keyboard import NoteInterrupted

        self.coaching = True
        try:
            text = self.prompter.note(_("Say:"), instruction=_("(Enter checks it, Esc cancels)"))
        except NoteInterrupted as exc:
            self.keep_unfinished(exc.text, draft=True)
            raise
        self.coaching = False  # (left set when the terminal closes: what was typed is a draft)
        if not text or not text.strip():
            return self._said(_("nothing to check"))
        coach = self._coach_engine()
        if self._coach_problem:
            self.console.print(literal(self._coach_problem))
        for line in coach_plain(text, coach.check(text)):
            self.console.print(line)
        self.console.file.flush()
        # a letter typed here begins a note, as on the step (a red team's typing on after
        # a check was lost to "any other key goes back")
        action = self.prompter.key({"k": "keep", "type": "type", "enter": "back",
                                    "escape": "back", "c-d": "back", " ": "back",
                                    "c-h": "back", "c-?": "back"},
                                   _("k keeps it as a note · Enter goes back · typing "
                                     "starts a note"), None)
        if action == "keep":
            self.walk.add_note(text.strip(), draft=True)
            self.save(self.walk.session)
            return self._said(str(KEPT_DRAFT))
        if action == "type":
            self._keep_checked(text)
            return self.typed_note(self.prompter.typed)
        return ""

    def _keep_checked(self, checked: str) -> None:
        """Typing on after a check: the checked line is kept as a coach draft first (it
        was lost without a word: a red team), out of the summary as every draft is."""
        if checked.strip():
            self.walk.add_note(checked.strip(), draft=True)
            self.save(self.walk.session)

    def _coach_engine(self) -> Coach:
        """The wording coach with the user's ``coach.yaml``; the built-in rules alone (and
        why, in ``_coach_problem``) when that file cannot be used: a call never stops
        over it."""
        with self._coach_lock:
            if self._coach is None:
                from recoverycli.errors import RecoverError
                from recoverycli.practice.engine import Coach

                try:
                    self._coach = Coach.load()
                except RecoverError as exc:
                    self._coach_problem = _("built-in rules only: {problem}").format(
                        problem=exc.message)
                    self._coach = Coach.load(user=False)
            return self._coach
