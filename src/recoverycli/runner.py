"""The guided run: shows each step, reads one key, updates the walk, saves, repeats.

It knows the terminal only through a rich console (output) and a prompter (keys and
questions, see :mod:`recoverycli.prompts`), both handed in, and the store only through a
``save`` callback, which is called after every change and before the next screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from .render import literal, note_line, step_screen
from .session import DONE, SKIP, Session, Walk

if TYPE_CHECKING:
    from .prompts import Prompter
    from .storage.locks import FileLock
    from .storage.store import Store

HELP = [
    ("Enter", "done: this step is done, go on"),
    ("s", "skip this step"),
    ("n", "add a note to this step (Enter saves it)"),
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
        self.drawn: Callable[[], None] | None = None  # once, after step 1 is on screen

    @property
    def prompter(self) -> Prompter:
        return self._prompter()

    def rehearse_fields(self) -> None:
        """Rehearse mode: ask the playbook's fields before step 1."""
        fields = self.walk.session.fields
        for field in self.walk.playbook.fields:
            value = self.prompter.text(field.prompt, default=fields.get(field.id) or
                                       field.default or "", required=field.required, mark="?")
            if value is None and field.required and not fields.get(field.id):
                # The run does not start without it: one more chance, then save and stop.
                self.console.print(Text.assemble(literal(field.prompt, "bold"), (
                    " is required before the run starts (Ctrl-D again saves and stops)",
                    "yellow")))
                value = self.prompter.text(field.prompt, required=True, mark="?")
                if value is None:
                    raise Quit()
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
        actions = {"enter": "done", "s": "skip", "n": "note", "f": "field", "q": "quit",
                   "?": "help"}
        words = ["Enter done", "s skip", "n note"]
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
                if self.drawn is not None:
                    drawn, self.drawn = self.drawn, None
                    self.console.file.flush()  # on screen before anything else happens
                    drawn()
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
        self._lock: FileLock | None = None
        self._session_id: str | None = None

    @property
    def store(self) -> Store:
        """Opened only once the command line and the terminal have been checked (so a
        usage error leaves no store behind), and in a live run only after step 1 is on
        screen: the call never waits for the team's server. A team store's statements
        are bounded tightly (see storage/postgres.py)."""
        if self._store is None:
            from .storage.open import open_store

            self._store = open_store(self.saving, live=True)
            if self._session_id is not None:
                self._lock_team(self._session_id)
        return self._store

    def _hold(self, session_id: str) -> None:
        """One session, one writer: lock it on this machine (and on the team's server
        once that is open); refused with where it is open if another terminal has it."""
        self._session_id = session_id
        if not self.saving:
            return
        from .paths import data_dir
        from .storage.locks import FileLock

        self._lock = FileLock(data_dir(), session_id)
        self._lock.acquire()
        if self._store is not None:
            self._lock_team(session_id)

    def _lock_team(self, session_id: str) -> None:
        store = self._store
        if store is None or store.kind != "postgresql":
            return
        from contextlib import suppress

        from .storage.locks import lock_team

        with suppress(*store.backend.lost):  # going away: the next save carries on locally
            lock_team(store.backend, session_id)

    def _release(self) -> None:
        """Let the session go (a lock also dies with its process, so this is tidiness)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        store, sid = self._store, self._session_id
        if store is not None and sid is not None and store.kind == "postgresql":
            from contextlib import suppress

            from .storage.locks import unlock_team

            with suppress(*store.backend.errors):
                unlock_team(store.backend, sid)

    def _short(self, session_id: str) -> str:
        try:
            return self.store.short_ids([session_id])[session_id]
        except Exception:  # a label only: the full id always works
            return session_id

    def start(self, playbook_name: str, extra_dirs: list[str], values: dict[str, str],
              rehearse: bool, answers: str | None, follow_up: str | None = None) -> int:
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
        from .storage.ids import new_id

        path = os.path.abspath(playbook.path) if playbook.path else None
        session = Session(new_id(), playbook.id, path, playbook.title,
                          mode="rehearse" if rehearse else "live", outline=outline_of(playbook),
                          agent=self.agent, team=self.team)
        self.follow_up_given = follow_up is not None
        if follow_up is not None:
            session.set_follow_up(follow_up)
        walk = Walk(playbook, session)
        for key, value in values.items():
            walk.set_field(key, value)
        self._hold(session.id)
        if answers is not None:
            from .answers import apply_answers

            apply_answers(answers, walk)
            self.store.save(session)
            try:
                return self.finish(walk)
            finally:
                self._release()
        try:
            return self.interactive(walk, rehearse, first_save=True)
        finally:
            self._release()

    def resume(self, session_id: str | None, extra_dirs: list[str]) -> int:
        import os

        from .catalog import load_catalog
        from .errors import UsageError
        from .playbook import load_playbook
        from .terminal import is_interactive

        if not is_interactive():
            raise UsageError("resume reads keys from a terminal, and stdin is not one")
        session = self.store.load(session_id) if session_id else self.store.latest_open()
        self._hold(session.id)
        session = self.store.load(session.id)  # as the last writer left it
        if session.status != "open":
            raise UsageError(f"session {session.id} is already finished")
        if session.playbook_path and os.path.exists(session.playbook_path):
            playbook = load_playbook(session.playbook_path)
        else:
            playbook = load_catalog(extra_dirs).get(session.playbook_id)
        walk = Walk(playbook, session)
        self.follow_up_given = session.follow_up is not None
        customer = f" with {session.customer}" if session.customer else ""
        self.console.print(Text.assemble(("Resuming session ", "dim"),
                                         (self._short(session.id), "bold"),
                                         literal(customer, "dim")))
        missing = any(f.required and not session.fields.get(f.id) for f in playbook.fields)
        try:
            return self.interactive(walk, rehearse=session.mode == "rehearse" and missing)
        finally:
            self._release()

    def interactive(self, walk: Walk, rehearse: bool, first_save: bool = False) -> int:
        import sys

        from .terminal import quiet_keys, terminal_prompter

        runner = Runner(walk, lambda session: self.store.save(session), self.console,
                        terminal_prompter)
        if first_save:  # the store is opened (and the session saved) once step 1 is drawn
            runner.drawn = lambda: self.store.save(walk.session)
        full = walk.session.id
        with quiet_keys():
            try:
                if rehearse:
                    runner.rehearse_fields()
                runner.run()
                if runner.walk.session.follow_up is None:  # not given, nor a field
                    self.ask_follow_up(runner)
            except Quit:
                sid = self._short(full)
                if self.saving:
                    self.console.print(Text(f"Saved session {sid}. Resume with: "
                                            f"recover resume {sid}"))
                else:
                    self.console.print(Text("Stopped. Nothing was saved (--no-save)."))
                return 0
            except KeyboardInterrupt:
                walk.pause()
                self.store.save(walk.session)
                sid = self._short(full)
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
        from .session import FOLLOW_UP_FIELD
        from .when import local_today, parse_follow_up

        said = runner.walk.session.fields.get(FOLLOW_UP_FIELD)
        while True:
            text = runner.prompter.text("Follow up when? (2d, 1w, tomorrow 10:00, YYYY-MM-DD"
                                        + (f"; you noted '{said}'" if said else "")
                                        + "; Enter skips)", mark="?")
            if not text or not text.strip():
                return
            try:
                when = parse_follow_up(text, local_today())
            except UsageError as exc:
                self.console.print(Text(exc.message, style="red"))
                continue
            runner.walk.session.set_follow_up(when)
            self.store.save(runner.walk.session)
            return

    def finish(self, walk: Walk) -> int:
        import sys

        from .checklist import checklist_renderable, summary_text

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
