"""The guided run: shows each step, reads one key, updates the walk, saves, repeats.

It knows the terminal only through a rich console (output) and a prompter (keys and
questions, see :mod:`recoverycli.prompts`), both handed in, and the store only through a
``save`` callback, which is called after every change and before the next screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from .render import literal, note_line, step_screen
from .session import DONE, SKIP, Session, Walk

if TYPE_CHECKING:
    from .prompts import Prompter
    from .store import Store

HELP = [
    ("Enter", "done: this step is done, go on"),
    ("s", "skip this step"),
    ("n", "add a note to this step (Enter saves it)"),
    ("c", "coach: type what you are about to say, see flagged wording at once (k keeps it as "
          "a note; nothing else is stored)"),
    ("b", "back to the previous step, to change its answer"),
    ("j", "take this step's jump, where it has one"),
    ("f", "fill in or change a case field"),
    ("q", "save and quit; resume later with 'recover resume'"),
    ("?", "this help"),
    ("Ctrl-C", "stop at once; everything confirmed is saved"),
]


class Quit(Exception):
    """The person chose to save and stop; the session can be resumed."""


class Runner:
    def __init__(self, walk: Walk, save: Callable[[Session], None], console: Console,
                 prompter: Callable[[], Prompter]) -> None:
        self.walk = walk
        self.save = save
        self.console = console
        self._prompter = prompter  # called only when a key is to be read

    @property
    def prompter(self) -> Prompter:
        return self._prompter()

    def rehearse_fields(self) -> None:
        """Rehearse mode: ask the playbook's fields before step 1."""
        fields = self.walk.session.fields
        for field in self.walk.playbook.fields:
            value = self.prompter.text(field.prompt, default=fields.get(field.id) or
                                       field.default or "", required=field.required, mark="?")
            if value is None:
                continue
            if value.strip():
                self.walk.set_field(field.id, value.strip())
                self.save(self.walk.session)

    def show(self) -> None:
        walk = self.walk
        step = walk.current
        assert step is not None
        notes = [n.text for n in walk.session.notes.get(step.id, [])]
        self.console.print(step_screen(walk.playbook, step, walk.number, walk.total,
                                       walk.session.fields, notes, walk.elapsed()))

    def legend(self) -> tuple[dict[str, str], str]:
        step = self.walk.current
        assert step is not None
        actions = {"enter": "done", "s": "skip", "n": "note", "c": "coach", "f": "field",
                   "q": "quit", "?": "help"}
        words = ["Enter done", "s skip", "n note", "c coach"]
        if len(self.walk.session.path) > 1:
            actions["b"] = "back"
            words.append("b back")
        if step.jump is not None:
            actions["j"] = "jump"
            words.append("j jump")
        words += ["f field", "q save & quit", "? help"]
        return actions, " · ".join(words)

    def run(self) -> None:
        """Walk until the end; raises :class:`Quit` or ``KeyboardInterrupt`` to stop early."""
        walk = self.walk
        redraw = True
        while not walk.finished:
            if redraw:
                self.show()
            redraw = True
            actions, legend = self.legend()
            action = self.prompter.key(actions, legend, walk.elapsed)
            if action == "done":
                step = walk.current
                assert step is not None
                if step.ask is not None:
                    labels = [choice.label for choice in step.ask.choices]
                    picked = self.prompter.choose(step.ask.question, labels)
                    if picked is None:
                        continue
                    walk.complete(DONE, choice=picked)
                else:
                    walk.complete(DONE)
            elif action == "skip":
                walk.complete(SKIP)
            elif action == "jump":
                walk.complete(DONE, jump=True)
            elif action == "back":
                walk.back()
            elif action == "note":
                text = self.prompter.text("Note:", erase=True)
                redraw = False
                if text and text.strip():
                    walk.add_note(text.strip())
                    self.save(walk.session)
                    self.console.print(note_line(text.strip()))
                continue
            elif action == "coach":
                self.live_coach()
                redraw = False
                continue
            elif action == "field":
                self.fill_field()
            elif action == "help":
                for key, meaning in HELP:
                    self.console.print(Text.assemble((f"  {key:7}", "bold"), meaning))
                redraw = False
                continue
            elif action == "quit":
                walk.pause()
                self.save(walk.session)
                raise Quit()
            self.save(walk.session)

    def live_coach(self) -> None:
        """``c``: check a line before saying it, without leaving the step. Nothing is kept
        unless the agent keeps it as a note with ``k``."""
        from .render import coach_findings

        text = self.prompter.text("Say:", erase=True)
        if not text or not text.strip():
            return
        if not hasattr(self, "_coach"):
            from .practice.engine import Coach

            self._coach = Coach.load()
        self.console.print(coach_findings(text, self._coach.check(text)))
        if self.prompter.key({"k": "keep", "enter": "back", "c": "back"},
                             "k keep as a note · Enter back to the step") == "keep":
            self.walk.add_note(text.strip())
            self.save(self.walk.session)
            self.console.print(note_line(text.strip()))

    def fill_field(self) -> None:
        fields = self.walk.playbook.fields
        if not fields:
            self.console.print(Text("This playbook has no case fields.", style="dim"))
            return
        values = self.walk.session.fields
        labels = [f"{f.prompt}: {values.get(f.id) or '-'}" for f in fields]
        picked = self.prompter.choose("Which field?", labels)
        if picked is None:
            return
        field = fields[picked]
        value = self.prompter.text(field.prompt, default=values.get(field.id, ""), mark="?")
        if value is not None and value.strip():
            self.walk.set_field(field.id, value.strip())
            self.console.print(Text.assemble("  ", (field.id, "bold"), " = ",
                                             literal(value.strip())))


def parse_field_options(customer: str | None, fields: list[str]) -> dict[str, str]:
    from .errors import UsageError

    values: dict[str, str] = {}
    for item in fields:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--field takes ID=VALUE, not '{item}'")
        values[key.strip()] = value
    if customer is not None:
        values["customer"] = customer
    return values


class GuidedRun:
    """Starts or resumes a session and runs it to its end, a quit or an interrupt."""

    def __init__(self, console: Console, summary_out: str | None = None,
                 save: bool = True) -> None:
        self.console = console
        self.summary_out = summary_out
        self.saving = save
        self.agent: str | None = None
        self.team: str | None = None
        self.follow_up_given = False
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        """Opened only once the command line and the terminal have been checked, so a
        usage error leaves no store behind."""
        if self._store is None:
            from .store import open_store

            self._store = open_store(self.saving)
        return self._store

    def start(self, playbook_name: str, extra_dirs: list[str], values: dict[str, str],
              rehearse: bool, answers: str | None, follow_up: date | None = None) -> int:
        import os

        from .catalog import load_catalog
        from .playbook import outline_of
        from .session import Session
        from .terminal import is_interactive

        catalog = load_catalog(extra_dirs, write_cache=self.saving)
        playbook = catalog.get(playbook_name)
        if answers is None and not is_interactive():
            from .errors import UsageError

            raise UsageError("run reads keys from a terminal, and stdin is not one: "
                             "run it in a terminal, or give --answers FILE")
        path = os.path.abspath(playbook.path) if playbook.path else None
        session = Session(self.store.new_id(), playbook.id, path, playbook.title,
                          mode="rehearse" if rehearse else "live", outline=outline_of(playbook),
                          agent=self.agent, team=self.team)
        self.follow_up_given = follow_up is not None
        if follow_up is not None:
            session.follow_up = follow_up.isoformat()
        walk = Walk(playbook, session)
        for key, value in values.items():
            walk.set_field(key, value)
        if answers is not None:
            from .answers import apply_answers

            apply_answers(answers, walk)
            self.store.save(session)
            return self.finish(walk)
        self.store.save(session)
        return self.interactive(walk, rehearse)

    def resume(self, session_id: str | None, extra_dirs: list[str]) -> int:
        import os

        from .catalog import load_catalog
        from .errors import UsageError
        from .playbook import load_playbook
        from .terminal import is_interactive

        if not is_interactive():
            raise UsageError("resume reads keys from a terminal, and stdin is not one")
        session = self.store.load(session_id) if session_id else self.store.latest_open()
        if session.status != "open":
            raise UsageError(f"session {session.id} is already finished")
        if session.playbook_path and os.path.exists(session.playbook_path):
            playbook = load_playbook(session.playbook_path)
        else:
            playbook = load_catalog(extra_dirs).get(session.playbook_id)
        walk = Walk(playbook, session)
        self.follow_up_given = session.follow_up is not None
        customer = f" with {session.customer}" if session.customer else ""
        self.console.print(Text.assemble(("Resuming session ", "dim"), (session.id, "bold"),
                                         literal(customer, "dim")))
        return self.interactive(walk, rehearse=False)

    def interactive(self, walk: Walk, rehearse: bool) -> int:
        import sys

        from .terminal import quiet_keys, terminal_prompter

        runner = Runner(walk, self.store.save, self.console, terminal_prompter)
        sid = walk.session.id
        with quiet_keys():
            try:
                if rehearse:
                    runner.rehearse_fields()
                runner.run()
                if not self.follow_up_given:
                    self.ask_follow_up(runner)
            except Quit:
                if self.saving:
                    self.console.print(Text(f"Saved session {sid}. Resume with: "
                                            f"recover resume {sid}"))
                else:
                    self.console.print(Text("Stopped. Nothing was saved (--no-save)."))
                return 0
            except KeyboardInterrupt:
                walk.pause()
                self.store.save(walk.session)
                if self.saving:
                    sys.stderr.write(f"\nInterrupted. Session {sid} is saved; resume with: "
                                     f"recover resume {sid}\n")
                else:
                    sys.stderr.write("\nInterrupted. Nothing was saved (--no-save).\n")
                return 130
        return self.finish(walk)

    def ask_follow_up(self, runner: Runner) -> None:
        """At the end of an interactive run: when to follow up (Enter skips)."""
        from .errors import UsageError
        from .when import local_today, parse_when

        while True:
            text = runner.prompter.text("Follow up when? (2d, 1w, tomorrow, YYYY-MM-DD; "
                                        "Enter skips)", mark="?")
            if not text or not text.strip():
                return
            try:
                day = parse_when(text, local_today())
            except UsageError as exc:
                self.console.print(Text(exc.message, style="red"))
                continue
            runner.walk.session.follow_up = day.isoformat()
            self.store.save(runner.walk.session)
            return

    def finish(self, walk: Walk) -> int:
        import sys

        from .checklist import summary_text
        from .render import checklist_renderable

        self.console.print()
        self.console.print(checklist_renderable(walk.playbook, walk.session))
        summary = summary_text(walk.playbook, walk.session)
        self.console.print()
        self.console.print(Text("Summary for the ticket:", style="bold"))
        self.console.file.flush()
        sys.stdout.write(summary)
        sys.stdout.flush()
        if self.summary_out:
            from .paths import write_private

            write_private(self.summary_out, summary)
        return 0
