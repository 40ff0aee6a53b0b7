"""The end of the call: the follow-up question, the end screen with the checklist and the
summary for the ticket, and handing the summary over (stdout, a file, the clipboard)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text

from recoverycli.i18n import _, ngettext

if TYPE_CHECKING:
    from rich.console import Console

    from recoverycli.playbooks.model import Playbook
    from recoverycli.playbooks.session import Note, Walk
    from recoverycli.screen.prompts import Prompter
    from recoverycli.storage.store import Store

    from .keys import Runner


# What a summary line's wrapped lines hang under: a step's title, a note's text (or the
# text of its further lines), a label's value.
_HANG = re.compile(r"^(\s*)(\[.\] \d+\. |note: |coach draft: |[^:]{1,60}: )?")


def hanging_lines(console: Console, row: str) -> list[str]:
    """One line of the summary as drawn at the console's width (at most the readable
    measure): its wrapped lines indented under its text, never back at the margin."""
    from recoverycli.render import Hanging, literal
    from recoverycli.text import MEASURE

    match = _HANG.match(row)
    lead = match.group(0) if match else ""
    if len(lead) > 40:  # a long label: a wrapped line hangs a little in, not under it
        lead = lead[:len(lead) - len(lead.lstrip())]
    width = min(console.width, MEASURE)
    body = Hanging(literal(row[len(lead):]), len(lead), lead)
    return ["".join(segment.text for segment in line).rstrip() for line in
            console.render_lines(body, console.options.update_width(width), pad=False)] \
        or [""]


def drafts_said(drafts: list[Note]) -> str:
    """Whether the coach drafts kept as notes are in the summary, for the status line."""
    if not drafts:
        return ""
    count = len(drafts)
    if all(note.chosen for note in drafts):
        return ngettext("{count} coach draft in the summary (d leaves it out)",
                        "{count} coach drafts in the summary (d leaves them out)",
                        count).format(count=count)
    return ngettext("{count} coach draft left out of the summary (d puts it in)",
                    "{count} coach drafts left out of the summary (d puts them in)",
                    count).format(count=count)


class EndOfCall:
    """The end of a call, for :class:`recoverycli.run.call.GuidedRun`."""

    console: Console
    summary_out: str | None
    saving: bool
    plain: bool
    follow_up_given: bool
    source_book: Playbook | None = None  # the playbook as written, before run --lang

    def summary_book(self, walk: Walk) -> Playbook:
        """The playbook the summary is written from: as written when the summary has a
        language of its own (it is translated there), else the run's."""
        if walk.session.summary_lang and self.source_book is not None:
            return self.source_book
        return walk.playbook

    @property
    def store(self) -> Store:
        raise NotImplementedError

    def _short(self, session_id: str) -> str:
        raise NotImplementedError

    @staticmethod
    def confirm_past(prompter: Prompter, value: str) -> bool:
        raise NotImplementedError

    def ask_follow_up(self, runner: Runner) -> None:
        """At the end of an interactive run: when to follow up (Enter skips)."""
        from recoverycli.errors import UsageError
        from recoverycli.playbooks.session import FOLLOW_UP_FIELD
        from recoverycli.when import follow_up_past, local_today, parse_follow_up

        said = runner.walk.session.fields.get(FOLLOW_UP_FIELD)
        while True:
            question = (_("Follow up when? (2d, friday, tomorrow 10:00, YYYY-MM-DD; you "
                          "noted '{said}'; Enter skips)").format(said=said) if said else
                        _("Follow up when? (2d, friday, tomorrow 10:00, YYYY-MM-DD; Enter "
                          "skips)"))
            text = runner.prompter.text(question, mark="?")
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
            if self.plain:  # read back, so a screen reader user hears what was understood
                from recoverycli.when import follow_up_words, weekend_note

                note = weekend_note(when)
                self.console.print(Text(_("Follow-up set for {when}").format(
                    when=follow_up_words(when, bare=True)) + (f", {note}" if note else "")
                    + "."))
            return

    def ask_wrap_up(self, runner: Runner) -> None:
        """The reason the call is closed with, one key each (1 to 9); Enter skips."""
        from recoverycli.text import one_line

        codes = runner.walk.playbook.wrap_up
        self.console.print(Text(_("Wrap-up: why is this call closed?"), style="bold"))
        for number, code in enumerate(codes, start=1):
            self.console.print(Text(one_line(f"  {number} {code.label}")))
        keys = {str(n): code.code for n, code in enumerate(codes, start=1)}
        choice = runner.prompter.key({**keys, "enter": "", "s": ""},
                                     _("1-{last} picks one · Enter skips").format(
                                         last=len(codes)), None,
                                     {"?": _("1-{last} picks the reason, Enter or s "
                                             "skips").format(last=len(codes))})
        if choice:
            runner.walk.session.wrap_up = choice
            if self.saving:
                self.store.save(runner.walk.session)

    def end_of_call(self, runner: Runner) -> int:
        """One screen: the compact checklist, the follow-up question, and the summary one
        key away (v view, y copy)."""
        from recoverycli.run.screens import compact_checklist

        from .checklist import summary_text

        walk = runner.walk
        runner._clear()
        # the steps get the rows left by the title, case, follow-up (its question, then
        # its line), the legend (up to two lines) and the status line
        wrap_up = walk.playbook.wrap_up if walk.session.wrap_up is None else ()
        rows = max(self.console.height - 7 - (len(wrap_up) + 1 if wrap_up else 0), 3)
        self.console.print(compact_checklist(walk.playbook, walk.session, self.console.width,
                                             plain=self.plain, rows=rows))
        # not given (--follow-up), nor answered in the playbook's follow_up field
        asked = (self.saving and not self.follow_up_given
                 and walk.session.follow_up is None)
        if asked:
            self.ask_follow_up(runner)
        if wrap_up:
            self.ask_wrap_up(runner)
        summary = summary_text(self.summary_book(walk), walk.session, named=self.saving)
        self.write_summary_out(summary)
        drafts = [note for notes in walk.session.notes.values() for note in notes
                  if note.draft]
        status = drafts_said(drafts)
        words = [_("v view summary"), _("y copy summary"), _("Enter finish")]
        keys = {"v": "view", "y": "copy", "enter": "end", "q": "end"}
        if drafts:  # the coach's drafts: out of the ticket unless the agent puts them in
            words.insert(2, _("d coach drafts in/out"))
            keys["d"] = "drafts"
        if not self.plain:  # Ctrl-L, or the terminal was resized: drawn anew
            keys.update({"c-l": "redraw", "redraw": "redraw"})
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
                                         {"?": _("v shows the summary, y copies it, "
                                                 "Enter finishes")})
            status = ""
            if action == "view":
                if self.plain:  # printed once, whole, for a screen reader
                    self.console.print(Text(_("Summary for the ticket:"), style="bold"))
                    self.console.print(Text(summary.rstrip("\n")))
                    legend = True
                else:
                    redraw = True
                    if self.view_summary(runner, summary) == "copy":  # y in the view
                        from recoverycli.screen.clipboard import copy

                        status = copy(summary, self.console.file)
            elif action == "redraw":
                rows = max(self.console.height - 7, 3)
                redraw = True
            elif action == "drafts":
                chosen = not all(note.chosen for note in drafts)
                for note in drafts:
                    note.chosen = chosen
                if self.saving:
                    self.store.save(walk.session)
                summary = summary_text(self.summary_book(walk), walk.session, named=self.saving)
                self.write_summary_out(summary)
                status = drafts_said(drafts)  # (said once by the key prompt, plain too)
            elif action == "copy":
                from recoverycli.screen.clipboard import copy

                status = copy(summary, self.console.file)
                if self.plain:
                    self.console.print(Text(status))
            else:
                break
        return self.hand_over(walk, summary)

    def view_summary(self, runner: Runner, summary: str) -> str:
        """The summary a screen at a time under its title (a long call's notes would push
        the start off a 24-row terminal): Space shows more, y copies it all (said back on
        the end screen's status line: ``"copy"``), any other key goes back."""
        lines = [line for row in summary.rstrip("\n").split("\n")
                 for line in hanging_lines(self.console, row)]
        room = max(self.console.height - 3, 3)  # the title, and the status line
        pages = [lines[i:i + room] for i in range(0, len(lines), room)] or [[]]
        for number, page in enumerate(pages, start=1):
            runner._clear()
            title = _("Summary for the ticket:") + (
                _(" (page {number} of {total})").format(number=number, total=len(pages))
                if len(pages) > 1 else "")
            self.console.print(Text(title, style="bold"))
            self.console.print(Text("\n".join(page)))
            if number == len(pages):
                return runner.prompter.key({"y": "copy", "*": "back"},
                                           _("y copies it all · any other key goes back")) \
                    or "back"
            pressed = runner.prompter.key({" ": "more", "y": "copy", "*": "back"},
                                          _("Space shows more · y copies it all · any "
                                            "other key goes back"))
            if pressed != "more":
                return pressed or "back"
        return "back"

    def hand_over(self, walk: Walk, summary: str) -> int:
        """The summary to stdout when that is not this terminal (a file, a pipe)."""
        import sys

        piped = not sys.stdout.isatty()
        if piped:
            sys.stdout.write(summary)
            sys.stdout.flush()
        if self.saving:
            sid = self._short(walk.session.id)
            line = (_("Session {id} finished. See it again: recover history {id}; the "
                      "summary went to standard output.") if piped else
                    _("Session {id} finished. See it again: recover history {id}.")).format(
                        id=sid)
        else:
            line = (_("Finished. Nothing was saved (--no-save); the summary went to "
                      "standard output.") if piped else
                    _("Finished. Nothing was saved (--no-save)."))
        self.console.print(Text(line))
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
        summary = summary_text(self.summary_book(walk), walk.session, named=self.saving)
        self.console.print()
        self.console.print(Text(_("Summary for the ticket:"), style="bold"))
        self.console.file.flush()
        sys.stdout.write(summary)
        sys.stdout.flush()
        self.write_summary_out(summary)
        return 0
