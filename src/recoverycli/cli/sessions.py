"""Commands for the call and after it: run, resume, sessions, history, follow-ups,
outcomes, exports, forgetting, the team report and sync. Parsing only; the work is in
:mod:`recoverycli.run`, :mod:`recoverycli.aftercall`, :mod:`recoverycli.report` and the store.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from recoverycli.i18n import M_, _

from .app import (
    AgentFilter,
    PlaybooksOption,
    TeamFilter,
    _dirs,
    _not_found,
    _playbook_filter,
    _say_local_only,
    _session_id,
    _store,
    app,
)
from .complete import playbook_ids, session_ids

# The choices the options declare (click checks them, and its error names them); tests
# hold them equal to the core's own lists (history.STATUSES, export.FORMATS, ...).
Status = Literal["open", "finished"]
Result = Literal["returned", "lost", "pending"]
ExportFormat = Literal["md", "json", "html", "ics"]

if TYPE_CHECKING:
    from recoverycli.playbooks.session import Session
    from recoverycli.run.call import GuidedRun
    from recoverycli.storage.store import Store


def _load(store: Store, session_id: str) -> Session:
    """A session by id or prefix, or an error that suggests the nearest ids there are."""
    return store.load(_resolve(store, session_id))


def _resolve(store: Store, session_id: str) -> str:
    """The full id of the one session ``session_id`` is or starts; when it names none,
    the error suggests the ids one typo away (every command that takes an ID)."""
    from recoverycli.errors import NotFoundError
    from recoverycli.storage.ids import AmbiguousIdError

    try:
        return store.resolve(session_id)
    except AmbiguousIdError:
        raise
    except NotFoundError as error:
        raise _not_found(store, session_id, error) from None


YesPastOption = Annotated[bool, typer.Option(
    "--yes", help=M_("Take a date in the past without asking (needed with no terminal)."))]

AccessibleOption = Annotated[bool, typer.Option(
    "--accessible", help=M_(
        "Plain screens for screen readers: printed once, no redraws, no symbols, numbered "
        "choices (also ACCESSIBLE=1, or accessible = true in config.toml)."))]


@app.command(short_help=M_("Walk a playbook step by step; end with a checklist."), help=M_(
    "Walk a playbook step by step, one key per action, and end with a checklist.\n\n"
    "Keys: Enter done, 1-9 answer, s skip, n note, e edit note, b back, j jump, f field, "
    "q save & quit, ? help. Every answer is saved before the next step is drawn; Ctrl-C "
    "exits 130, saved. Options given here win over an --answers file's fields. When "
    "stdout is not a terminal (recover run hyken > ticket.txt) the screens go to the "
    "terminal and only the summary to stdout."))
def run(
    playbook: Annotated[str, typer.Argument(
        help=M_("A playbook id, or a path to a .yaml file."),
        autocompletion=playbook_ids)],
    customer: Annotated[str | None, typer.Option(
        "--customer", metavar="NAME",
        help=M_("The customer's name (the 'customer' field)."))] = None,
    field: Annotated[list[str] | None, typer.Option(
        "--field", metavar="ID=VALUE", help=M_("Fill in a case field (repeatable)."))] = None,
    rehearse: Annotated[bool, typer.Option(
        "--rehearse", help=M_("Ask the playbook's fields first, then walk the steps."))] = False,
    answers: Annotated[Path | None, typer.Option(
        "--answers", metavar="FILE",
        help=M_("Run with no prompts from a YAML or JSON file."))] = None,
    summary_out: Annotated[Path | None, typer.Option(
        "--summary-out", metavar="FILE",
        help=M_("Also write the plain-text summary here."))] = None,
    follow: Annotated[str | None, typer.Option(
        "--follow-up", metavar="WHEN", help=M_("Follow-up: YYYY-MM-DD, 2d, 1w, tomorrow, "
        "a weekday (friday, next tue), optionally with a time (else asked at the end)."))] = None,
    no_save: Annotated[bool, typer.Option(
        "--no-save", help=M_("Write nothing to disk: no session, no resume."))] = False,
    agent: Annotated[str | None, typer.Option(
        "--agent", metavar="NAME", help=M_("Who runs it (default: 'agent' in config.toml, or "
        "the login name)."))] = None,
    team: Annotated[str | None, typer.Option(
        "--team", metavar="NAME", help=M_("The team (default: 'team' in config.toml)."))] = None,
    playbooks: PlaybooksOption = None,
    accessible: AccessibleOption = False,
    lang: Annotated[str | None, typer.Option(
        "--lang", metavar="LANG", help=M_("Run the playbook's text in this language (es, ...) "
        "while the screens stay in yours; missing strings show in English, marked."))] = None,
    summary_lang: Annotated[str | None, typer.Option(
        "--summary-lang", metavar="LANG", help=M_(
            "Write the ticket's summary (and the follow-up's words) in this language (en, "
            "es) while the screens stay in yours: for a customer who speaks it."))] = None,
) -> None:
    """Walk a playbook step by step, one key per action, and end with a checklist.

    Keys: Enter done, 1-9 answer, s skip, n note, e edit note, b back, j jump, f field,
    q save & quit, ? help. Every answer is saved before the next step is drawn; Ctrl-C
    exits 130, saved. Options given here win over an --answers file's fields. When
    stdout is not a terminal (recover run hyken > ticket.txt) the screens go to the
    terminal and only the summary to stdout.
    """
    from recoverycli.run.call import parse_field_options

    values = parse_field_options(customer, field or [])
    follow_day = None
    if follow is not None:
        from recoverycli.when import local_today, parse_follow_up

        follow_day = parse_follow_up(follow, local_today())
    from recoverycli.config import agent_name, load_config

    guided = _guided(summary_out, not no_save, accessible)
    guided.agent = agent or agent_name()
    guided.team = team or load_config().team
    guided.lang = lang
    guided.summary_lang = _summary_lang(summary_lang)
    code = guided.start(playbook, _dirs(playbooks), values, rehearse,
                        str(answers) if answers else None, follow_day)
    raise typer.Exit(code)


def _summary_lang(value: str | None, option: str = "--summary-lang") -> str | None:
    """``--summary-lang`` (or export's ``--lang``): a language recover has a catalogue
    for (English included)."""
    if value is None:
        return None
    from recoverycli.i18n import LANGUAGES, _, normalise

    found = normalise(value)
    if found is None:
        from recoverycli.errors import UsageError

        raise UsageError(_("{option} {value}: no such language here (languages: "
                           "{languages})").format(option=option, value=value,
                                                  languages=", ".join(sorted(LANGUAGES))))
    return found


@app.command(short_help=M_("Continue an unfinished session where it stopped."), help=M_(
    "Continue an unfinished session at the step where it stopped."))
def resume(
    session_id: Annotated[str | None, typer.Argument(
        callback=_session_id, autocompletion=session_ids,
        metavar="[ID]",
        help=M_("The session to resume (default: the latest unfinished one)."))
    ] = None,
    summary_out: Annotated[Path | None, typer.Option(
        "--summary-out", metavar="FILE",
        help=M_("Also write the plain-text summary here."))] = None,
    playbooks: PlaybooksOption = None,
    accessible: AccessibleOption = False,
) -> None:
    guided = _guided(summary_out, True, accessible)
    if session_id is not None:
        session_id = _resolve(guided.store, session_id)
    raise typer.Exit(guided.resume(session_id, _dirs(playbooks)))


def _guided(summary_out: Path | None, save: bool, accessible: bool) -> GuidedRun:
    """A guided run drawing on the terminal (see :func:`recoverycli.screen.terminal.screen`)."""
    from recoverycli.config import load_config
    from recoverycli.render import make_console
    from recoverycli.run.call import GuidedRun
    from recoverycli.screen.terminal import plain_wanted, screen, set_plain

    plain = plain_wanted(accessible)
    set_plain(plain)
    minutes = load_config().call_reminder_minutes
    return GuidedRun(make_console(screen()), str(summary_out) if summary_out else None,
                     save=save, plain=plain, remind_after=minutes * 60 if minutes else None)


@app.command(short_help=M_("List sessions, newest first."), help=M_(
    "List sessions, newest first: id, playbook, customer, started, status."))
def sessions(
    as_json: Annotated[bool, typer.Option("--json", help=M_("Print JSON for scripts."))] = False,
) -> None:
    from recoverycli.storage.open import open_store

    store = open_store()
    rows = list(store.sessions())
    if as_json:
        from recoverycli.text import dumps

        print(dumps(rows, indent=2))
        return
    from recoverycli.table import columns, local_zone, page, short_time

    if not rows:
        print(_("No sessions yet. Start one with: recover run hyken"))
        return
    keys = ("id", "playbook", "customer", "started", "status")
    zone = local_zone()  # times are local: the header names the zone once
    started, playbook_h, customer_h = _("started {zone}").format(zone=zone), _("playbook"), \
        _("customer")
    page(columns(("id", playbook_h, customer_h, started, _("status")),
                 ([short_time(row[k], zone) if k == "started" else row[k] for k in keys]
                  for row in _short(store, rows)), flexible=(customer_h, playbook_h),
                 keep=("id", started)))


def _short(store: Store, rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Rows with each id as its short unique prefix, for tables (JSON keeps full ids)."""
    short = store.short_ids([str(r["id"]) for r in rows])
    return [{**r, "id": short[str(r["id"])]} for r in rows]


@app.command(short_help=M_("Sessions newest first, or one shown again."), help=M_(
    "Sessions, newest first; or one session (ID) shown again as its checklist."))
def history(
    session_id: Annotated[str | None, typer.Argument(
        callback=_session_id, autocompletion=session_ids,
        metavar="[ID]",
        help=M_("Show this session again as its checklist and summary."))] = None,
    as_json: Annotated[bool, typer.Option("--json", help=M_("Print JSON for scripts."))] = False,
    playbook: Annotated[str | None, typer.Option("--playbook", metavar="ID",
                                                 help=M_("Only this playbook."))] = None,
    customer: Annotated[str | None, typer.Option(
        "--customer", metavar="TEXT", help=M_("Only customers whose name contains TEXT."))] = None,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE", help=M_("Only sessions started on or after DATE "
        "(YYYY-MM-DD, or 7d / 2w ago)."))] = None,
    status: Annotated[Status | None, typer.Option(
        "--status", metavar="open|finished", case_sensitive=False,
        help=M_("Only open or finished sessions."))] = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=0, max=1_000_000_000,
                                       help=M_("At most N sessions (0: all)."))] = 50,
    agent: AgentFilter = None,
    team: TeamFilter = None,
) -> None:
    from recoverycli.aftercall.history import history_table, playbook_for

    store = _store("searching by customer name" if customer else None)
    if session_id is not None:
        from recoverycli.render import make_console
        from recoverycli.run.checklist import summary_text
        from recoverycli.run.screens import checklist_renderable

        session = _load(store, session_id)
        book = playbook_for(session)
        if as_json:
            from recoverycli.aftercall.export import to_json

            sys.stdout.write(to_json(book, session))
            return
        console = make_console()
        console.print(checklist_renderable(book, session))
        console.print()
        console.file.flush()
        if session.playbook_version:
            from recoverycli.playbooks.team import version_words
            from recoverycli.text import one_line

            print(one_line(f"Playbook: {session.playbook_id}, the team's published "
                           f"{version_words(session.playbook_version, session.playbook_hash)}"))
        sys.stdout.write(summary_text(book, session))
        return
    from recoverycli.when import local_today, parse_since

    start = parse_since(since, local_today()).isoformat() if since else None
    playbook = _playbook_filter(store, playbook)
    rows = list(store.history(playbook, customer, start, status, limit or None, agent, team))
    _say_local_only(store)
    if as_json:
        from recoverycli.text import dumps

        print(dumps(rows, indent=2))
        return
    from recoverycli.table import page

    filtered = any(v is not None for v in (playbook, customer, since, status, agent, team))
    page(history_table(_short(store, rows), filtered))


@app.command("follow-up", short_help=M_("Set or move a session's follow-up."), help=M_(
    "Set or move a session's follow-up: its date and the playbook's follow_up field.\n\n"
    "A date in the past is asked about on a terminal, and refused without one unless "
    "--yes is given."))
def follow_up(
    session_id: Annotated[str, typer.Argument(metavar="ID", help=M_("The session."),
        callback=_session_id, autocompletion=session_ids)],
    when: Annotated[str, typer.Argument(
        metavar="WHEN", help=M_("YYYY-MM-DD, 2d, 1w, today, tomorrow or a weekday (friday, next "
        "tue), optionally with a time "
        "(14:30, 9am, morning)."))],
    yes: YesPastOption = False,
) -> None:
    from recoverycli.aftercall.history import set_follow_up
    from recoverycli.when import local_today, parse_follow_up

    value = parse_follow_up(when, local_today())
    store = _store()
    full = _resolve(store, session_id)
    short = store.short_ids([full])[full]
    if not _past_confirmed(value, yes, _("the follow-up for {id}").format(id=short)):
        print(_("Follow-up not changed."))
        raise typer.Exit(1)
    set_follow_up(store, full, value)
    from recoverycli.text import one_line
    from recoverycli.when import set_words

    # ids come from a shared store
    print(one_line(_("Follow-up for {id} set to {when}.").format(id=short,
                                                                  when=set_words(value))))


def _past_confirmed(value: str, yes: bool, what: str) -> bool:
    """True to go on with a follow-up ``value``: it is today or later, or --yes was
    given, or the person at the terminal said yes (as run asks); with no terminal, a
    date in the past is a usage error that names --yes."""
    from recoverycli.when import follow_up_past

    if yes or not follow_up_past(value):
        return True
    from recoverycli.screen.terminal import is_interactive

    if not is_interactive():
        from recoverycli.errors import UsageError

        raise UsageError(_("{value} is in the past: confirm {what} on a terminal, or add "
                           "--yes").format(value=value, what=what))
    from recoverycli.run.call import GuidedRun
    from recoverycli.screen.terminal import terminal_prompter

    return GuidedRun.confirm_past(terminal_prompter(), value)


@app.command(short_help=M_("Your follow-ups due today or overdue; act on them."), help=M_(
    "Your follow-ups due today or overdue, the most overdue first, with the customer, the"
    " promise and the days late. On a terminal, pick one to record an outcome or move its"
    " date. --all, --agent or --team widen the list beyond your own."))
def due(
    as_json: Annotated[bool, typer.Option("--json", help=M_("Print JSON for scripts."))] = False,
    ics: Annotated[bool, typer.Option(
        "--ics", help=M_("Every open follow-up (not only those due) as one calendar."))] = False,
    everyone: Annotated[bool, typer.Option(
        "--all", help=M_("Everyone's follow-ups, not only yours."))] = False,
    agent: Annotated[str | None, typer.Option(
        "--agent", metavar="NAME", help=M_("This agent's follow-ups (default: yours)."))] = None,
    team: Annotated[str | None, typer.Option(
        "--team", metavar="NAME", help=M_("The whole team's follow-ups."))] = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="FILE", help=M_("With --ics: write here (0600) instead of "
        "stdout."))] = None,
) -> None:
    from recoverycli.aftercall.history import due_rows, due_table
    from recoverycli.config import agent_name
    from recoverycli.when import local_today

    if output is not None:
        from recoverycli.errors import UsageError
        from recoverycli.paths import check_writable

        if not ics:
            raise UsageError(_("-o writes the --ics calendar: add --ics"))
        check_writable(str(output), "-o")
    me = agent_name()
    who = None if (everyone or team) and not agent else (agent or me)
    store = _store(lite=True, picking=True)  # libpq alone: due is opened many times a day
    today = local_today()
    if ics:
        from recoverycli.aftercall.export import calendar_of

        text = calendar_of(due_rows(store, today, who, team, every=True, details=True))
        if output is None:
            from recoverycli.text import visible

            # ICS encodes user text already; this is the gate (its lines end in CRLF)
            sys.stdout.write("\r\n".join(visible(line) for line in text.split("\r\n")))
        else:
            from recoverycli.paths import write_private

            write_private(str(output), text)
        return
    rows = due_rows(store, today, who, team)
    _say_local_only(store)
    if as_json:
        from recoverycli.text import dumps

        print(dumps(rows, indent=2))
        return
    from recoverycli.i18n import ngettext

    scope = _(" for {who}").format(who=who) if who else (
        _(" for team {team}").format(team=team) if team else "")
    from recoverycli.text import fitted, visible

    if not rows:  # wrapped on words to the terminal (80 columns in a pipe), at most 100
        print(fitted(visible(_("Nothing due{scope}: no open follow-up is dated today or "
                               "earlier; 'recover history' lists the sessions and their "
                               "follow-up dates.").format(scope=scope)),
                     keep=("'recover history'",)))
        return
    print(fitted(visible(ngettext("{count} follow-up due{scope}, the most overdue first:",
                                  "{count} follow-ups due{scope}, the most overdue first:",
                                  len(rows)).format(count=len(rows), scope=scope))))
    from recoverycli.screen.terminal import is_interactive

    interactive = is_interactive() and sys.stdout.isatty()
    if not interactive:
        from recoverycli.table import page

        page(due_table(_short(store, rows), agents=who is None))
        return
    sys.stdout.write(due_table(_short(store, rows), numbered=True, agents=who is None))
    sys.stdout.flush()
    from recoverycli.aftercall.due import act
    from recoverycli.screen.terminal import terminal_prompter

    act(store, lambda: due_rows(store, local_today(), who, team, details=True),
        terminal_prompter(),
        today, me)


@app.command(short_help=M_("Record what happened after the recovery."), help=M_(
    "Record what happened after the recovery, with when and by whom. returned or lost "
    "close it; pending keeps it open and due again at --next (a date in the past is asked"
    " about, as in follow-up)."))
def outcome(
    session_id: Annotated[str, typer.Argument(metavar="ID", help=M_("The session."),
        callback=_session_id, autocompletion=session_ids)],
    result: Annotated[Result, typer.Option(
        "--result", metavar="returned|lost|pending", case_sensitive=False,
        help=M_("What happened: returned or lost close the follow-up; pending (followed up, "
        "no result yet) needs --next."))],
    following: Annotated[str | None, typer.Option(
        "--next", metavar="WHEN", help=M_("With pending: the next follow-up (3d, 1w, "
        "YYYY-MM-DD, tomorrow 10:00)."))] = None,
    rating: Annotated[int | None, typer.Option(
        "--rating", metavar="1-5", min=1, max=5,
        help=M_("How the customer rated the recovery."))] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help=M_("A note."))] = None,
    yes: YesPastOption = False,
) -> None:
    from recoverycli.aftercall.history import record_outcome
    from recoverycli.config import agent_name
    from recoverycli.when import local_today, parse_follow_up

    next_day = parse_follow_up(following, local_today()) if following is not None else None
    store = _store()
    full = _resolve(store, session_id)
    short = store.short_ids([full])[full]
    if next_day is not None and result == "pending" and not _past_confirmed(
            next_day, yes, _("--next for {id}").format(id=short)):
        print(_("Outcome not recorded."))
        raise typer.Exit(1)
    session = record_outcome(store, full, result, rating, note, next_day, agent_name())
    after = f"; next follow-up {next_day}" if next_day else ""
    from recoverycli.text import one_line

    print(one_line(f"Outcome for {store.short_ids([session.id])[session.id]}: {result}{after}."))


@app.command(short_help=M_("Export a session: md, json, html or ics."), help=M_(
    "Export one session for a ticket, a wiki, a printer or a calendar."))
def export(
    session_id: Annotated[str, typer.Argument(metavar="ID", help=M_("The session."),
        callback=_session_id, autocompletion=session_ids)],
    fmt: Annotated[ExportFormat, typer.Option(
        "--format", metavar="md|json|html|ics", case_sensitive=False,
        help=M_("Markdown, JSON, printable HTML, or the follow-up as a calendar event."))] = "md",
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="FILE", help=M_("Write here (0600, atomically) instead of "
        "stdout."))] = None,
    agent: Annotated[str | None, typer.Option(
        "--agent", metavar="NAME", help=M_("Only if the session was run by this agent."))] = None,
    team: Annotated[str | None, typer.Option(
        "--team", metavar="NAME", help=M_("Only if the session belongs to this team."))] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", metavar="LANG", help=M_(
            "Write md, html and ics in this language (en, es); default: the session's "
            "summary language (run --summary-lang), else yours."))] = None,
) -> None:
    from recoverycli.aftercall.export import render
    from recoverycli.aftercall.history import playbook_for
    from recoverycli.errors import NotFoundError
    from recoverycli.paths import check_writable, write_private

    if output is not None:
        check_writable(str(output), "-o")
    store = _store()
    session = _load(store, session_id)
    if (agent and session.agent != agent) or (team and session.team != team):
        message = (_("session '{id}' is not one of agent {agent}'s and team {team}'s")
                   if agent and team else _("session '{id}' is not one of agent {agent}'s")
                   if agent else _("session '{id}' is not one of team {team}'s"))
        raise NotFoundError(message.format(id=session_id, agent=agent, team=team))
    text = render(fmt, playbook_for(session), session, _summary_lang(lang, "--lang"))
    if output is None:
        from recoverycli.text import visible

        # Each format encodes user text already; this is the gate (ICS lines end in CRLF).
        sys.stdout.write("\r\n".join(visible(line) for line in text.split("\r\n")))
    else:
        write_private(str(output), text)
        from recoverycli.text import one_line

        print(one_line(f"Wrote {output}"), file=sys.stderr)


