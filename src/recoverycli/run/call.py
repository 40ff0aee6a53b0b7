"""The call's life: start or resume a session, hold its locks, save after every change,
run the key loop, and hand over to the end of the call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from recoverycli.i18n import _
from recoverycli.playbooks.session import Session, Walk
from recoverycli.render import literal

if TYPE_CHECKING:
    from recoverycli.playbooks.model import Playbook
    from recoverycli.screen.prompts import Prompter
    from recoverycli.storage.locks import FileLock
    from recoverycli.storage.store import Store

from .end import EndOfCall
from .keys import Quit, Runner


def parse_field_options(customer: str | None, fields: list[str]) -> dict[str, str]:
    from recoverycli.errors import UsageError

    values: dict[str, str] = {}
    for item in fields:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(_("--field takes ID=VALUE, not '{item}'").format(item=item))
        values[key.strip()] = value
    if customer is not None:
        values["customer"] = customer
    return values


class GuidedRun(EndOfCall):
    """Starts or resumes a session and runs it to its end, a quit or an interrupt.

    ``console`` draws the screens (the terminal); the summary alone goes to ``sys.stdout``
    when that is not a terminal, so ``recover run hyken > ticket.txt`` keeps the ticket.
    """

    def __init__(self, console: Console, summary_out: str | None = None,
                 save: bool = True, plain: bool = False,
                 remind_after: float | None = None) -> None:
        from recoverycli.render import measured

        self.console = measured(console)  # at most 100 columns: lines a person can read
        self.summary_out = summary_out
        self.saving = save
        self.plain = plain
        self.remind_after = remind_after
        self.agent: str | None = None
        self.team: str | None = None
        self.lang: str | None = None  # the playbook's text: run --lang, else the interface's
        self.summary_lang: str | None = None  # run --summary-lang: the ticket's summary
        self.follow_up_given = False
        self.resumed = ""
        self._store: Store | None = None
        self.on_screen = False  # keys are being read: the status line says what happens
        self._lock: FileLock | None = None
        self._session_id: str | None = None
        self._went_local = False  # the team's server went away: the call is kept locally
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

            # on a call's screen the status line says the server is away (a line on
            # stderr would be printed over the step and wiped by the next redraw)
            self._store = open_store(self.saving, quiet=self.on_screen, live=True)
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
        from recoverycli.screen.terminal import is_interactive

        catalog = load_catalog(extra_dirs, write_cache=self.saving)
        playbook = self.in_language(catalog.get(playbook_name))
        if answers is None and not is_interactive():
            from recoverycli.errors import UsageError

            raise UsageError(_("run reads keys from a terminal, and stdin is not one: "
                               "run it in a terminal, or give --answers FILE"))
        from recoverycli.storage.ids import new_id

        if follow_up is not None:

            self.check_past(follow_up, answers is not None)
        path = os.path.abspath(playbook.path) if playbook.path else None
        told = playbook  # the outline history and exports read: in the summary's language
        if self.summary_lang and self.source_book is not None:
            from recoverycli.playbooks.translations import translated

            told = translated(self.source_book, self.summary_lang)[0]
        session = Session(new_id(), playbook.id, path, playbook.title,
                          mode="rehearse" if rehearse else "live", outline=outline_of(told),
                          agent=self.agent, team=self.team,
                          playbook_version=playbook.version, playbook_hash=playbook.content_hash,
                          summary_lang=self.summary_lang)
        self.follow_up_given = follow_up is not None
        if follow_up is not None:
            session.set_follow_up(follow_up)
        walk = Walk(playbook, session)
        if answers is None and not rehearse:  # a rehearsal offers them as it asks
            from recoverycli.playbooks.session import FOLLOW_UP_FIELD

            for field in playbook.fields:  # the playbook's defaults, as --rehearse has them
                if field.default and field.id != FOLLOW_UP_FIELD and field.id not in values:
                    walk.set_field(field.id, field.default)
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
            done = self.interactive(walk, rehearse, first_save=True)
        finally:
            self._release()
        self._send_back()
        return done

    def _take_notice(self) -> str:
        """What the store has to say (the team store went away mid-call): in full once,
        then "saved locally" on the status line for as long as the call is (red team,
        issue 22: the line went away while the call was still kept locally)."""
        store = self._store
        if store is None:
            return ""
        if not store.notice:
            return _("saved locally") if self._went_local else ""
        told, store.notice = store.notice, ""
        self._went_local = True
        return told

    def _send_back(self) -> None:
        """A call that went on in the local store, ended: if the team's server answers
        again, send what was kept (bounded as a live call is; quietly kept otherwise)."""
        if not self._went_local:
            return
        from contextlib import suppress

        from recoverycli.config import load_config
        from recoverycli.errors import RecoverError
        from recoverycli.paths import data_dir
        from recoverycli.storage.open import open_postgres, send_kept
        from recoverycli.storage.postgres import LIVE_BOUND

        with suppress(RecoverError):  # still away: kept for 'recover sync', said already
            url = load_config().database_url
            if not url:
                return
            team = open_postgres(url, LIVE_BOUND)
            try:
                send_kept(data_dir(), team, url, quiet=False)
            finally:
                team.close()

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
            raise UsageError(_("--follow-up {value} is in the past; give a date from "
                               "today on").format(value=value))
        from recoverycli.screen.terminal import terminal_prompter

        if not self.confirm_past(terminal_prompter(), value):
            raise UsageError(_("no follow-up date in the past; run again with a later date"))

    @staticmethod
    def confirm_past(prompter: Prompter, value: str) -> bool:
        """One key, as every other question of the run (newcomer 16: a typed answer
        needed Enter, and the keys after it went into the date)."""
        answer = prompter.key({"y": "yes", "Y": "yes", "n": "no", "N": "no", "enter": "no",
                               "escape": "no"},
                              _("{value} is in the past. Use it anyway? y yes · n or Enter "
                                "no").format(value=value))
        return answer == "yes"

    def in_language(self, playbook: Playbook) -> Playbook:
        """The playbook's text in the run's language (issue 23), string by string; a
        string with no translation is shown in English, marked, and said once on stderr."""
        from recoverycli.i18n import language
        from recoverycli.playbooks.translations import translated

        self.source_book = playbook
        book, fell_back = translated(playbook, self.lang or language())
        if fell_back:
            from recoverycli.playbooks.render import fallback_note

            self.console.print(fallback_note(len(fell_back), self.lang or language()),
                               style="dim")
        elif self.lang and book is playbook and self.lang != "en":
            from recoverycli.playbooks.render import untranslated_note

            self.console.print(untranslated_note(self.lang), style="dim")
        return book  # type: ignore[no-any-return]

    def resume(self, session_id: str | None, extra_dirs: list[str]) -> int:
        import os

        from recoverycli.errors import UsageError
        from recoverycli.playbooks.catalog import load_catalog
        from recoverycli.playbooks.model import load_playbook
        from recoverycli.screen.terminal import is_interactive

        if not is_interactive():
            raise UsageError(_("resume reads keys from a terminal, and stdin is not one"))
        session = self.store.load(session_id) if session_id else self.store.latest_open()
        self._hold(session.id)
        session = self.store.load(session.id)  # as the last writer left it
        if session.status != "open":
            raise UsageError(_("session {id} is already finished").format(id=session.id))
        if session.playbook_path and os.path.exists(session.playbook_path):
            playbook = load_playbook(session.playbook_path)
        else:
            playbook = load_catalog(extra_dirs).get(session.playbook_id)
        playbook = self.in_language(self._followed(playbook, session))
        walk = Walk(playbook, session)
        self.follow_up_given = session.follow_up is not None
        customer = _(" with {customer}").format(customer=session.customer) \
            if session.customer else ""
        self.console.print(Text.assemble((_("Resuming session "), "dim"),
                                         (self._short(session.id), "bold"),
                                         literal(customer, "dim")))
        if not self.plain:  # the line above scrolls away as the step is drawn; plain: said
            self.resumed = _("resumed session {id}{customer}").format(
                id=self._short(session.id), customer=customer)
        missing = any(f.required and not session.fields.get(f.id) for f in playbook.fields)
        try:
            done = self.interactive(walk, rehearse=session.mode == "rehearse" and missing)
        finally:
            self._release()
        self._send_back()
        return done

    def _followed(self, playbook: Playbook, session: Session) -> Playbook:
        """The team's version a session began with, when the team has published another
        since (read from the team store as untrusted text); else ``playbook``."""
        if playbook.version is None or session.playbook_version in (None, playbook.version):
            return playbook
        from recoverycli.errors import RecoverError
        from recoverycli.playbooks.team import parse_published
        from recoverycli.playbooks.yamldoc import max_bytes_from_env
        from recoverycli.storage.published import version_of

        try:
            found = self.store.read(version_of, playbook.id, session.playbook_version)
            if found is not None:
                return parse_published(found, max_bytes_from_env())
        except (RecoverError, *getattr(self.store.backend, "errors", ())):
            pass  # (the local store has no published versions): the current one
        return playbook

    def interactive(self, walk: Walk, rehearse: bool, first_save: bool = False) -> int:
        import errno
        import sys

        from recoverycli.screen.keyboard import HUNG, HungUp, terminal_gone
        from recoverycli.screen.terminal import (
            hang_ups,
            quiet_keys,
            silence,
            terminal_prompter,
        )

        minutes = walk.playbook.call_reminder_minutes  # the playbook's, else config.toml's
        runner = Runner(walk, lambda session: self.store.save(session), self.console,
                        terminal_prompter, plain=self.plain,
                        remind_after=minutes * 60 if minutes else self.remind_after)
        runner.saving = self.saving
        runner.notice = self._take_notice
        self.on_screen = not self.plain
        from recoverycli.config import warned_note

        runner.status = self.resumed or warned_note()  # warnings the first clear would hide
        if first_save:  # the store is opened (and the session saved) once step 1 is drawn
            runner.drawn = lambda: self.store.save(walk.session)
        full = walk.session.id
        with quiet_keys(), hang_ups():
            try:
                if rehearse:
                    runner.rehearse_fields()
                runner.run()
                return self.end_of_call(runner)
            except Quit:
                sid = self._short(full)
                if self.saving:
                    self.console.print(Text(_("Saved session {id}. Resume with: {command}")
                                            .format(id=sid, command=f"recover resume {sid}"
                                                    f"{self._again()}")))
                else:  # what was noted is on screen once before it is gone
                    from .checklist import summary_text

                    self.console.print(Text(summary_text(self.summary_book(walk), walk.session,
                                                         named=False).rstrip("\n")))
                    self.console.print(Text(_("Stopped. Nothing was saved (--no-save).")))
                return 0
            except Exception as error:  # a hang-up, or what a closed terminal raised
                gone = error if isinstance(error, HungUp) else HUNG[0] if HUNG else None
                if gone is None and isinstance(error, OSError) and error.errno == errno.EIO:
                    gone = terminal_gone()  # written to a terminal that is gone
                if gone is None:
                    raise
                silence()  # (the terminal is gone: nothing more to write to it)
                # nobody to tell: a half-typed line is kept, the time counted and saved
                runner.keep_unfinished(gone.typed, draft=runner.coaching)
                walk.pause()
                self.store.save(walk.session)
                return 128 + gone.signum
            except KeyboardInterrupt:
                walk.pause()
                self.store.save(walk.session)
                if walk.finished and not sys.stdout.isatty():
                    # `> ticket.txt`: the call is over, so the ticket gets its summary
                    # whatever ended the last screen (red team 16b: Ctrl-C left it empty)
                    from .checklist import summary_text

                    sys.stdout.write(summary_text(self.summary_book(walk), walk.session,
                                                  named=self.saving))
                    sys.stdout.flush()
                sid = self._short(full)
                kept = _(" (your half-typed note is kept, marked unfinished)") \
                    if runner.kept_unfinished and self.saving else ""
                from recoverycli.text import fitted

                if self.saving and walk.finished:  # at the end of the call: nothing to resume
                    then = (f"recover history {sid}" if walk.session.follow_up else
                            _("set its follow-up with: {command}").format(
                                command=f"recover follow-up {sid} WHEN"))
                    said = _("Interrupted. Session {id} is finished and saved; {then}").format(
                        id=sid, then=then)
                elif self.saving:
                    said = _("Interrupted. Session {id} is saved{kept}; resume with: "
                             "{command}").format(id=sid, kept=kept,
                                                 command=f"recover resume {sid}{self._again()}")
                else:
                    said = _("Interrupted. Nothing was saved (--no-save).")
                commands = (f"recover history {sid}", f"recover follow-up {sid} WHEN",
                            f"recover resume {sid}{self._again()}")
                # wrapped on words, ids and commands whole
                sys.stderr.write("\n" + fitted(said, keep=commands) + "\n")
                return 130
