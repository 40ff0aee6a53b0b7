"""The guided run: shows each step, reads one key, updates the walk, saves, repeats.

It knows the terminal only through a rich console (output) and a prompter (keys and
questions, see :mod:`recoverycli.screen.prompts`), both handed in, and the store only through a
``save`` callback, which is called after every change and before the next screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from recoverycli.playbooks.session import DONE, SKIP, Session, Walk
from recoverycli.render import literal, wrap_legend
from recoverycli.run.screens import help_screen, note_line, step_screen

if TYPE_CHECKING:
    from rich.console import RenderableType

    from recoverycli.practice.engine import Coach
    from recoverycli.screen.prompts import Prompter
    from recoverycli.storage.locks import FileLock
    from recoverycli.storage.store import Store

HELP = [
    ("Enter", "done: this step is done, go on"),
    ("1-9", "answer the step's question (where it asks one)"),
    ("s", "skip this step"),
    ("n", "add a note to this step (Enter keeps it, Esc cancels)"),
    ("e", "edit or delete this step's notes"),
    ("c", "coach: type what you are about to say, see flagged wording as you type (Enter, "
          "then k keeps it as a note; nothing else is stored)"),
    ("b", "back to the previous step, to change its answer"),
    ("j", "take this step's jump, where it has one"),
    ("f", "fill in or change a case field"),
    ("q", "save and quit; resume later with 'recover resume'"),
    ("?", "this help"),
    ("Ctrl-C", "stop at once; everything confirmed is saved, a half-typed note too"),
]
UNFINISHED = " (unfinished)"


class Quit(Exception):
    """The person chose to save and stop; the session can be resumed."""


class Runner:
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
        self.status = ""  # the status line's first message (e.g. which session resumed)
        self.saving = True  # False with --no-save: q and Ctrl-C keep nothing, and say so
        self.notice: Callable[[], str] | None = None  # news from the store, said once
        self._coach: Coach | None = None  # the wording coach, loaded at the first ``c``
        self._coach_problem = ""  # why the user's coach.yaml is not in use
        import threading

        self._coach_lock = threading.Lock()

    @property
    def prompter(self) -> Prompter:
        return self._prompter()

    def rehearse_fields(self) -> None:
        """Rehearse mode: ask the playbook's fields before step 1, under the playbook's
        title (newcomer 16: a bare "? The customer's name" said nothing of what for)."""
        fields = self.walk.session.fields
        self.console.print(Text.assemble(("Rehearsing: ", "bold cyan"),
                                         literal(self.walk.playbook.title, "bold")))
        self.console.print(Text("The case first: Enter keeps a value; a required one must "
                                "be filled.", style="dim"))
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

    def _clear(self) -> None:
        if not self.plain and self.console.is_terminal:
            self.console.clear()

    def show(self) -> None:
        walk = self.walk
        step = walk.current
        assert step is not None
        notes = [n.text for n in walk.session.notes.get(step.id, [])]

        def screen(brief: bool = False, written: list[str] = notes) -> RenderableType:
            return step_screen(walk.playbook, step, walk.number, walk.total,
                               walk.session.fields, written, walk.elapsed(),
                               plain=self.plain, brief=brief)

        def height(renderable: RenderableType) -> int:
            return len(self.console.render_lines(renderable, pad=False))

        shown = screen()
        if not self.plain and self.console.is_terminal:
            room = self.console.height - 3  # the legend (up to two lines) and the status
            if height(shown) > room:
                shown = screen(brief=True)  # why and source are for rehearsing: `show`
            if notes and height(shown) > room:  # notes never push the step off the screen
                shown = screen(True, self._notes_in(room - height(screen(True, [])), notes))
        self._clear()
        self.console.print(shown)

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
        from recoverycli.text import plural

        return [f"({plural(hidden, 'earlier note')}: e shows them)",
                *(cut(one_line(n), width) for n in kept)]

    def legend(self) -> tuple[dict[str, str], list[str], dict[str, str]]:
        """The keys that work on this step (key -> action), named in words, and why each
        of the others does nothing here."""
        step = self.walk.current
        assert step is not None
        actions = {"paste": "paste", "c-l": "redraw", "redraw": "redraw", "s": "skip",
                   "n": "note", "e": "edit", "c": "coach", "f": "field", "q": "quit",
                   "?": "help"}
        reasons: dict[str, str] = {}
        choices = step.ask.choices if step.ask is not None else ()
        if choices and len(choices) <= 9:
            for number in range(1, len(choices) + 1):
                actions[str(number)] = f"pick{number}"
            words = [f"1-{len(choices)} answer" if len(choices) > 1 else "1 answer"]
            reasons["enter"] = f"this step asks a question: press 1-{len(choices)} to answer"
        else:
            actions["enter"] = "done"
            words = ["Enter done"]
        words += ["s skip", "n note", "c coach"]
        if self.walk.session.notes.get(step.id):
            words.append("e edit note")
        else:
            reasons["e"] = "no notes on this step to edit (n adds one)"
        if len(self.walk.session.path) > 1:
            actions["b"] = "back"
            words.append("b back")
        else:
            reasons["b"] = "already at step 1"
        if step.jump is not None:
            actions["j"] = "jump"
            words.append("j jump")
        else:
            reasons["j"] = "no jump on this step"
        if self.walk.playbook.fields:
            words.append("f field")
        else:
            reasons["f"] = "this playbook has no case fields"
        words += ["q save & quit" if self.saving else "q quit (nothing kept)", "? help"]
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
            if action == "done":
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
            self.save(walk.session)

    def live_coach(self) -> str:
        """``c``: check a line before saying it, without leaving the step. Flagged wording
        shows under the line as it is typed, in place of the step's advice (the header
        stays); Enter ends the typing. Nothing is kept unless the agent keeps it as a note
        with ``k``; Ctrl-C keeps it marked unfinished, as in a note."""
        from recoverycli.practice.render import coach_header, coach_lines
        from recoverycli.screen.prompts import NoteInterrupted

        walk = self.walk
        step = walk.current
        assert step is not None
        if self.plain:
            return self._plain_coach()
        header = coach_header(walk.number, walk.total, walk.session.fields.get("customer"),
                              step.title)
        above = len(self.console.render_lines(header, pad=False))
        self._clear()
        self.console.print(header)
        self.console.file.flush()
        console = self.console

        def feedback(text: str, width: int, rows: int) -> str:
            coach = self._coach
            findings = None if coach is None else coach.check(text) if text.strip() else []
            return coach_lines(text, findings, width, rows, console, self._coach_problem)

        try:
            action, text = self.prompter.live_text(
                "Say:", feedback, above, "Enter done · Esc back to the step",
                {"k": "keep", "enter": "back", "escape": "back", "c-d": "back"},
                "k keep as a note · Enter back to the step", walk.elapsed,
                warm=None if self._coach is not None else self._coach_engine)
        except NoteInterrupted as exc:
            self._keep_unfinished(exc.text)
            raise
        if action == "keep" and text.strip():
            walk.add_note(text.strip())
            self.save(walk.session)
            return "kept as a note"
        return "" if text.strip() else "nothing to check"

    def _plain_coach(self) -> str:
        """``c`` in accessible mode: the line typed, then its findings printed once."""
        from recoverycli.practice.render import coach_plain
        from recoverycli.screen.prompts import NoteInterrupted

        try:
            text = self.prompter.note("Say:", instruction="(Enter checks it, Esc cancels)")
        except NoteInterrupted as exc:
            self._keep_unfinished(exc.text)
            raise
        if not text or not text.strip():
            return self._said("nothing to check")
        coach = self._coach_engine()
        if self._coach_problem:
            self.console.print(literal(self._coach_problem))
        for line in coach_plain(text, coach.check(text)):
            self.console.print(line)
        self.console.file.flush()
        if self.prompter.key({"k": "keep", "*": "back"},
                             "k keeps it as a note, any other key goes back", None) == "keep":
            self.walk.add_note(text.strip())
            self.save(self.walk.session)
            return self._said("kept as a note")
        return ""

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
                    self._coach_problem = f"built-in rules only: {exc.message}"
                    self._coach = Coach.load(user=False)
            return self._coach

    def _keep_unfinished(self, text: str) -> None:
        """Ctrl-C in a half-typed line: kept as a note marked unfinished."""
        if text.strip():
            self.walk.add_note(text.strip() + UNFINISHED)
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
            return HELP
        unsaved = {"q": "quit; nothing is kept (--no-save), the summary is shown first",
                   "Ctrl-C": "stop at once; nothing is kept (--no-save)"}
        return [(key, unsaved.get(key, meaning)) for key, meaning in HELP]

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
        self.prompter.key({"*": "back"}, "any key goes back to the step", walk.elapsed)

    def note(self) -> str:
        """Type a note: Enter keeps it, Esc cancels it, Ctrl-C keeps it marked unfinished."""
        from recoverycli.screen.prompts import NoteInterrupted

        try:
            text = self.prompter.note("Note:", instruction="(Enter keeps it, Esc cancels)")
        except NoteInterrupted as exc:
            if exc.text.strip():
                self.walk.add_note(exc.text.strip() + UNFINISHED)
                self.save(self.walk.session)
                self.kept_unfinished = True
            raise
        if not text or not text.strip():
            return self._said("note cancelled")
        self.walk.add_note(text.strip())
        self.save(self.walk.session)
        if self.plain:
            self.console.print(note_line(text.strip(), plain=True))
        return self._said("note kept")

    def pasted_note(self) -> str:
        """A paste on the step screen (an order number, the customer's words) is kept as a
        note rather than read as keys: "order 5512 arrived quite late" must not quit."""
        text = self.prompter.pasted.strip()
        if not text:
            return ""
        self.walk.add_note(text)
        self.save(self.walk.session)
        if self.plain:
            self.console.print(note_line(text, plain=True))
        return self._said("pasted text kept as a note (e edits it)")

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
            picked = self.prompter.pick("Which note?", [n.text for n in notes])
            if picked is None:
                return self._said("notes unchanged")
            index = picked
        text = self.prompter.note("Note:", default=notes[index].text,
                                  instruction="(Enter keeps it, empty deletes it, Esc leaves it)")
        if text is None:
            return self._said("note unchanged")
        if not text.strip():
            walk.delete_note(index)
            self.save(walk.session)
            return self._said("note deleted")
        walk.edit_note(index, text.strip())
        self.save(walk.session)
        return self._said("note changed")

    def fill_field(self) -> str:
        fields = self.walk.playbook.fields
        values = self.walk.session.fields
        labels = [f"{f.prompt}: {values.get(f.id) or '-'}" for f in fields]
        self._picker_screen()
        picked = self.prompter.pick("Which field?", labels)
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
            return f"{field.id} set"
        return ""


def parse_field_options(customer: str | None, fields: list[str]) -> dict[str, str]:
    from recoverycli.errors import UsageError

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
    """Starts or resumes a session and runs it to its end, a quit or an interrupt.

    ``console`` draws the screens (the terminal); the summary alone goes to ``sys.stdout``
    when that is not a terminal, so ``recover run hyken > ticket.txt`` keeps the ticket.
    """

    def __init__(self, console: Console, summary_out: str | None = None,
                 save: bool = True, plain: bool = False,
                 remind_after: float | None = None) -> None:
        self.console = console
        self.summary_out = summary_out
        self.saving = save
        self.plain = plain
        self.remind_after = remind_after
        self.agent: str | None = None
        self.team: str | None = None
        self.follow_up_given = False
        self.resumed = ""
        self._store: Store | None = None
        self._lock: FileLock | None = None
        self._session_id: str | None = None
        if summary_out is not None:
            from recoverycli.paths import check_writable

            check_writable(summary_out, "--summary-out")

    @property
    def store(self) -> Store:
        """Opened only once the command line and the terminal have been checked (so a
        usage error leaves no store behind), and in a live run only after step 1 is on
        screen: the call never waits for the team's server. A team store's statements
        are bounded tightly (see storage/postgres.py)."""
        if self._store is None:
            from recoverycli.storage.open import open_store

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
        from recoverycli.paths import data_dir
        from recoverycli.storage.locks import FileLock

        self._lock = FileLock(data_dir(), session_id)
        self._lock.acquire()
        if self._store is not None:
            self._lock_team(session_id)

    def _lock_team(self, session_id: str) -> None:
        store = self._store
        if store is None or store.kind != "postgresql":
            return
        from contextlib import suppress

        from recoverycli.storage.locks import lock_team

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

            from recoverycli.storage.locks import unlock_team

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

        from recoverycli.playbooks.catalog import load_catalog
        from recoverycli.playbooks.model import outline_of
        from recoverycli.playbooks.session import Session
        from recoverycli.screen.terminal import is_interactive

        catalog = load_catalog(extra_dirs, write_cache=self.saving)
        playbook = catalog.get(playbook_name)
        if answers is None and not is_interactive():
            from recoverycli.errors import UsageError

            raise UsageError("run reads keys from a terminal, and stdin is not one: "
                             "run it in a terminal, or give --answers FILE")
        from recoverycli.storage.ids import new_id

        if follow_up is not None:

            self.check_past(follow_up, answers is not None)
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
            from recoverycli.playbooks.session import FOLLOW_UP_FIELD

            from .answers import apply_answers

            given = set(values) | ({FOLLOW_UP_FIELD} if follow_up is not None else set())
            apply_answers(answers, walk, given)  # the command line wins over the file
            for key, value in values.items():
                walk.set_field(key, value)
            if self.saving:  # with --no-save the store is in memory, read by no one
                self.store.save(session)
            try:
                return self.finish(walk)
            finally:
                self._release()
        try:
            return self.interactive(walk, rehearse, first_save=True)
        finally:
            self._release()

    def _take_notice(self) -> str:
        """What the store has to say (the team store went away mid-call), once."""
        store = self._store
        if store is None or not store.notice:
            return ""
        told, store.notice = store.notice, ""
        return told

    def _again(self) -> str:
        """What the resume command needs repeated: the --summary-out it was given (red
        team 16b: the hint left it out, and the resumed call wrote no file)."""
        if not self.summary_out:
            return ""
        import shlex

        from recoverycli.text import one_line

        return f" --summary-out {one_line(shlex.quote(self.summary_out))}"

    def check_past(self, value: str, scripted: bool) -> None:
        """A follow-up in the past is refused with --answers, else confirmed."""
        from recoverycli.errors import UsageError
        from recoverycli.when import follow_up_past

        if not follow_up_past(value):
            return
        if scripted:
            raise UsageError(f"--follow-up {value} is in the past; give a date from "
                             "today on")
        from recoverycli.screen.terminal import terminal_prompter

        if not self.confirm_past(terminal_prompter(), value):
            raise UsageError("no follow-up date in the past; run again with a later date")

    @staticmethod
    def confirm_past(prompter: Prompter, value: str) -> bool:
        """One key, as every other question of the run (newcomer 16: a typed answer
        needed Enter, and the keys after it went into the date)."""
        answer = prompter.key({"y": "yes", "Y": "yes", "n": "no", "N": "no", "enter": "no",
                               "escape": "no"},
                              f"{value} is in the past. Use it anyway? y yes · n or Enter no")
        return answer == "yes"

    def resume(self, session_id: str | None, extra_dirs: list[str]) -> int:
        import os

        from recoverycli.errors import UsageError
        from recoverycli.playbooks.catalog import load_catalog
        from recoverycli.playbooks.model import load_playbook
        from recoverycli.screen.terminal import is_interactive

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
        if not self.plain:  # the line above scrolls away as the step is drawn; plain: said
            self.resumed = f"resumed session {self._short(session.id)}{customer}"
        missing = any(f.required and not session.fields.get(f.id) for f in playbook.fields)
        try:
            return self.interactive(walk, rehearse=session.mode == "rehearse" and missing)
        finally:
            self._release()

    def interactive(self, walk: Walk, rehearse: bool, first_save: bool = False) -> int:
        import sys

        from recoverycli.screen.terminal import quiet_keys, terminal_prompter

        minutes = walk.playbook.call_reminder_minutes  # the playbook's, else config.toml's
        runner = Runner(walk, lambda session: self.store.save(session), self.console,
                        terminal_prompter, plain=self.plain,
                        remind_after=minutes * 60 if minutes else self.remind_after)
        runner.saving = self.saving
        runner.notice = self._take_notice
        from recoverycli.config import warned_note

        runner.status = self.resumed or warned_note()  # warnings the first clear would hide
        if first_save:  # the store is opened (and the session saved) once step 1 is drawn
            runner.drawn = lambda: self.store.save(walk.session)
        full = walk.session.id
        with quiet_keys():
            try:
                if rehearse:
                    runner.rehearse_fields()
                runner.run()
                return self.end_of_call(runner)
            except Quit:
                sid = self._short(full)
                if self.saving:
                    self.console.print(Text(f"Saved session {sid}. Resume with: "
                                            f"recover resume {sid}{self._again()}"))
                else:  # what was noted is on screen once before it is gone
                    from .checklist import summary_text

                    self.console.print(Text(summary_text(walk.playbook, walk.session,
                                                         named=False).rstrip("\n")))
                    self.console.print(Text("Stopped. Nothing was saved (--no-save)."))
                return 0
            except KeyboardInterrupt:
                walk.pause()
                self.store.save(walk.session)
                if walk.finished and not sys.stdout.isatty():
                    # `> ticket.txt`: the call is over, so the ticket gets its summary
                    # whatever ended the last screen (red team 16b: Ctrl-C left it empty)
                    from .checklist import summary_text

                    sys.stdout.write(summary_text(walk.playbook, walk.session,
                                                  named=self.saving))
                    sys.stdout.flush()
                sid = self._short(full)
                kept = " (your half-typed note is kept, marked unfinished)" \
                    if runner.kept_unfinished and self.saving else ""
                if self.saving and walk.finished:  # at the end of the call: nothing to resume
                    then = (f"recover history {sid}" if walk.session.follow_up else
                            f"set its follow-up with: recover follow-up {sid} WHEN")
                    sys.stderr.write(f"\nInterrupted. Session {sid} is finished and saved; "
                                     f"{then}\n")
                elif self.saving:
                    sys.stderr.write(f"\nInterrupted. Session {sid} is saved{kept}; resume "
                                     f"with: recover resume {sid}{self._again()}\n")
                else:
                    sys.stderr.write("\nInterrupted. Nothing was saved (--no-save).\n")
                return 130

    def ask_follow_up(self, runner: Runner) -> None:
        """At the end of an interactive run: when to follow up (Enter skips)."""
        from recoverycli.errors import UsageError
        from recoverycli.playbooks.session import FOLLOW_UP_FIELD
        from recoverycli.when import follow_up_past, local_today, parse_follow_up

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
            if follow_up_past(when) and not self.confirm_past(runner.prompter, when):
                continue
            runner.walk.session.set_follow_up(when)
            self.store.save(runner.walk.session)
            return

    def end_of_call(self, runner: Runner) -> int:
        """One screen: the compact checklist, the follow-up question, and the summary one
        key away (v view, y copy)."""
        from recoverycli.run.screens import compact_checklist

        from .checklist import summary_text

        walk = runner.walk
        runner._clear()
        # the steps get the rows left by the title, case, follow-up (its question, then
        # its line), the legend (up to two lines) and the status line
        rows = max(self.console.height - 7, 3)
        self.console.print(compact_checklist(walk.playbook, walk.session, self.console.width,
                                             plain=self.plain, rows=rows))
        # not given (--follow-up), nor answered in the playbook's follow_up field
        asked = (self.saving and not self.follow_up_given
                 and walk.session.follow_up is None)
        if asked:
            self.ask_follow_up(runner)
        summary = summary_text(walk.playbook, walk.session, named=self.saving)
        self.write_summary_out(summary)
        status = ""
        words = ["v view summary", "y copy summary", "Enter finish"]
        keys = {"v": "view", "y": "copy", "enter": "end", "q": "end"}
        redraw = asked and not self.plain  # the checklist again, with the follow-up date
        legend = True
        while True:
            if redraw:
                runner._clear()
                self.console.print(compact_checklist(walk.playbook, walk.session,
                                                     self.console.width, plain=self.plain,
                                                     rows=rows))
            if redraw or legend:
                runner.print_legend(words)
            redraw = legend = False
            action = runner.prompter.key(keys, status, None,
                                         {"?": "v shows the summary, y copies it, "
                                          "Enter finishes"})
            status = ""
            if action == "view":
                if self.plain:  # printed once, whole, for a screen reader
                    self.console.print(Text("Summary for the ticket:", style="bold"))
                    self.console.print(Text(summary.rstrip("\n")))
                    legend = True
                else:
                    self.view_summary(runner, summary)
                    redraw = True
            elif action == "copy":
                from recoverycli.screen.clipboard import copy

                status = copy(summary, self.console.file)
                if self.plain:
                    self.console.print(Text(status))
            else:
                break
        return self.hand_over(walk, summary)

    def view_summary(self, runner: Runner, summary: str) -> None:
        """The summary a screen at a time under its title (a long call's notes would push
        the start off a 24-row terminal): Space shows more, any other key goes back."""
        lines = ["".join(segment.text for segment in line) for line in
                 self.console.render_lines(Text(summary.rstrip("\n")), pad=False)]
        room = max(self.console.height - 3, 3)  # the title, and the status line
        pages = [lines[i:i + room] for i in range(0, len(lines), room)] or [[]]
        for number, page in enumerate(pages, start=1):
            runner._clear()
            title = "Summary for the ticket:" + (
                f" (page {number} of {len(pages)})" if len(pages) > 1 else "")
            self.console.print(Text(title, style="bold"))
            self.console.print(Text("\n".join(page)))
            if number == len(pages):
                runner.prompter.key({"*": "back"}, "any key goes back (y copies it all)")
                return
            if runner.prompter.key({" ": "more", "*": "back"},
                                   "Space shows more · any other key goes back") != "more":
                return

    def hand_over(self, walk: Walk, summary: str) -> int:
        """The summary to stdout when that is not this terminal (a file, a pipe)."""
        import sys

        piped = not sys.stdout.isatty()
        if piped:
            sys.stdout.write(summary)
            sys.stdout.flush()
        if self.saving:
            sid = self._short(walk.session.id)
            line = f"Session {sid} finished. See it again: recover history {sid}"
        else:
            line = "Finished. Nothing was saved (--no-save)"
        self.console.print(Text(line + ("; the summary went to standard output." if piped
                                        else ".")))
        return 0

    def write_summary_out(self, summary: str) -> None:
        if self.summary_out:
            from recoverycli.paths import write_private

            write_private(self.summary_out, summary)

    def finish(self, walk: Walk) -> int:
        """A scripted run (--answers): the checklist on the screen, then the summary."""
        import sys

        from recoverycli.run.screens import checklist_renderable

        from .checklist import summary_text

        self.console.print()
        self.console.print(checklist_renderable(walk.playbook, walk.session))
        summary = summary_text(walk.playbook, walk.session, named=self.saving)
        self.console.print()
        self.console.print(Text("Summary for the ticket:", style="bold"))
        self.console.file.flush()
        sys.stdout.write(summary)
        sys.stdout.flush()
        self.write_summary_out(summary)
        return 0
