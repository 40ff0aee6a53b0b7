"""``due`` on a terminal: pick a follow-up from the list and act on it in place (record
an outcome, or move the date), without copying ids. All prompting goes through the one
prompt seam (:mod:`recoverycli.screen.prompts`); the work is :mod:`recoverycli.aftercall.history`'s.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from recoverycli.i18n import N_, _

from .history import late_words, record_outcome, set_follow_up

if TYPE_CHECKING:
    from recoverycli.screen.prompts import Prompter
    from recoverycli.storage.store import Store

ACTIONS = (("returned", N_("They came back (returned)")), ("lost", N_("Lost them (lost)")),
           ("pending", N_("Followed up, no result yet (pending): set the next date")),
           ("move", N_("Move the follow-up date")),
           ("notes", N_("Read the problem and the notes first")),
           ("back", N_("Back to the list")))


def label(row: dict[str, Any], width: int | None = None) -> str:
    """One follow-up in the picker: whose, when, how late, the promise; given the
    terminal's ``width``, the promise is cut at a word to fit the row (the picker's
    pointer and number take 7 columns; 'Read the problem and the notes' shows it all)."""
    from recoverycli.when import with_weekday

    head = (f"{row['customer'] or '-'} - {with_weekday(row['follow_up'])} "
            f"({late_words(row['days_late'])})")
    if not row.get("offer"):
        return head
    promise = f" - {row['offer']}"
    if width is not None:
        from recoverycli.table import cut
        from recoverycli.text import one_line

        room = min(width, 100) - 8 - len(one_line(head))
        promise = cut(one_line(promise), room) if room > 10 else ""
    return head + promise


def notes_text(row: dict[str, Any], width: int = 80) -> str:
    """What to read before the call-back: the problem and the notes, each wrapped on
    words to ``width`` with its continuation indented."""
    import textwrap

    from recoverycli.text import one_line

    lines = [_("Problem: {problem}").format(problem=one_line(row["problem"]))
             if row.get("problem") else _("Problem: not noted")]
    lines += [_("Note: {note}").format(note=one_line(note)) for note in row.get("notes") or []]
    if not row.get("notes"):
        lines.append(_("No notes were taken on the call."))
    return "\n".join(textwrap.fill(line, max(width - 1, 20), subsequent_indent="  ",
                                   break_long_words=True, break_on_hyphens=False)
                     for line in lines)


def _when(prompter: Prompter, question: str, today: date) -> str | None:
    """A follow-up typed in; one in the past only when confirmed, as everywhere else."""
    from recoverycli.errors import UsageError
    from recoverycli.run.call import GuidedRun
    from recoverycli.when import follow_up_past, parse_follow_up

    while True:
        text = prompter.text(question, mark="?")
        if text is None or not text.strip():
            return None
        try:
            when = parse_follow_up(text, today)
        except UsageError as exc:
            print(exc.message, file=sys.stderr)
            continue
        if not follow_up_past(when) or GuidedRun.confirm_past(prompter, when):
            return when


def act(store: Store, rows: Callable[[], list[dict[str, Any]]], prompter: Prompter,
        today: date, by: str | None) -> None:
    """Loop: pick a follow-up, then what happened; until the list is empty or left."""
    from recoverycli.text import visible
    from recoverycli.when import set_words

    while True:
        current = rows()
        if not current:
            print(_("Nothing more due."))
            return
        import shutil

        width = shutil.get_terminal_size().columns
        picked = prompter.choose(_("Follow up on which one? (Ctrl-D: done)"),
                                 [label(r, width) for r in current] + [_("Done")])
        if picked is None or picked == len(current):
            return
        row = current[picked]
        who = row["customer"] or store.short_ids([row["id"]])[row["id"]]
        # loaded now, before anything is typed: if the team's server stops answering
        # later, the save carries on in the local store and nothing typed is lost
        session = store.load(row["id"])
        while True:
            choice = prompter.choose(_("{who}: what happened?").format(who=who),
                                     [str(text) for _key, text in ACTIONS])
            if choice is None or ACTIONS[choice][0] != "notes":
                break
            import shutil

            print(visible(notes_text(row, shutil.get_terminal_size().columns)))
        if choice is None or ACTIONS[choice][0] == "back":
            continue
        action = ACTIONS[choice][0]
        if action == "move":
            when = _when(prompter, _("Move the follow-up to (2d, friday, tomorrow 10:00, "
                                     "YYYY-MM-DD; Enter keeps it)"), today)
            if when is not None:
                set_follow_up(store, row["id"], when, session)
                print(visible(_("Follow-up for {who} moved to {when}.").format(
                    who=who, when=set_words(when))))
            continue
        following = None
        if action == "pending":
            following = _when(prompter, _("Next follow-up (2d, friday, tomorrow 10:00, "
                                          "YYYY-MM-DD; Enter cancels)"), today)
            if following is None:
                continue
        note = prompter.text(_("Note (Enter skips)"), mark="?")
        record_outcome(store, row["id"], action, None, (note or "").strip() or None,
                       following, by, session)
        after = _("; next follow-up {when}").format(when=set_words(following)) \
            if following else ""
        print(visible(_("Outcome for {who}: {result}{after}.").format(
            who=who, result=action, after=after)))
