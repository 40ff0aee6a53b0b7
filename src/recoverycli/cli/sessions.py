"""Commands for the call and after it: run, resume, sessions, history, follow-ups,
outcomes, exports, forgetting, the team report and sync. Parsing only; the work is in
:mod:`recoverycli.run`, :mod:`recoverycli.aftercall`, :mod:`recoverycli.report` and the store.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from .app import AgentFilter, PlaybooksOption, TeamFilter, _dirs, _store, app

# The choices the options declare (click checks them, and its error names them); tests
# hold them equal to the core's own lists (history.STATUSES, export.FORMATS, ...).
Status = Literal["open", "finished"]
Result = Literal["returned", "lost", "pending"]
ExportFormat = Literal["md", "json", "html", "ics"]
ReportFormat = Literal["text", "md", "html", "json"]
MAX_DAYS = 100 * 366  # --days: a century; more overflows a date

if TYPE_CHECKING:
    from recoverycli.errors import NotFoundError
    from recoverycli.playbooks.session import Session
    from recoverycli.run.runner import GuidedRun
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


def _not_found(store: Store, session_id: str, error: NotFoundError) -> NotFoundError:
    """``error``, or the same with a did-you-mean when ids one typo away exist."""
    from recoverycli.errors import NotFoundError

    near = store.near_ids(session_id)
    if not near:
        return error
    short = store.short_ids(near)
    names = " or ".join(f"'{short[i]}'" for i in near)
    return NotFoundError(f"no session '{session_id}'; did you mean {names}? "
                         "(see 'recover history')")


def _session_id(value: str | None) -> str | None:
    """Session ids are lower-case hex; one typed in capitals is the same session."""
    return value.strip().lower() if value else value


YesPastOption = Annotated[bool, typer.Option(
    "--yes", help="Take a date in the past without asking (needed with no terminal).")]

AccessibleOption = Annotated[bool, typer.Option(
    "--accessible", help="Plain screens for screen readers: printed once, no redraws, no "
    "symbols, numbered choices (also ACCESSIBLE=1, or accessible = true in config.toml).")]


@app.command(short_help="Walk a playbook step by step; end with a checklist.")
def run(
    playbook: Annotated[str, typer.Argument(help="A playbook id, or a path to a .yaml file.")],
    customer: Annotated[str | None, typer.Option(
        "--customer", metavar="NAME", help="The customer's name (the 'customer' field).")] = None,
    field: Annotated[list[str] | None, typer.Option(
        "--field", metavar="ID=VALUE", help="Fill in a case field (repeatable).")] = None,
    rehearse: Annotated[bool, typer.Option(
        "--rehearse", help="Ask the playbook's fields first, then walk the steps.")] = False,
    answers: Annotated[Path | None, typer.Option(
        "--answers", metavar="FILE", help="Run with no prompts from a YAML or JSON file.")] = None,
    summary_out: Annotated[Path | None, typer.Option(
        "--summary-out", metavar="FILE", help="Also write the plain-text summary here.")] = None,
    follow: Annotated[str | None, typer.Option(
        "--follow-up", metavar="WHEN", help="Follow-up: YYYY-MM-DD, 2d, 1w, tomorrow, "
        "optionally with a time (else asked at the end).")] = None,
    no_save: Annotated[bool, typer.Option(
        "--no-save", help="Write nothing to disk: no session, no resume.")] = False,
    agent: Annotated[str | None, typer.Option(
        "--agent", metavar="NAME", help="Who runs it (default: 'agent' in config.toml, or "
        "the login name).")] = None,
    team: Annotated[str | None, typer.Option(
        "--team", metavar="NAME", help="The team (default: 'team' in config.toml).")] = None,
    playbooks: PlaybooksOption = None,
    accessible: AccessibleOption = False,
) -> None:
    """Walk a playbook step by step, one key per action, and end with a checklist.

    Keys: Enter done, 1-9 answer, s skip, n note, e edit note, b back, j jump, f field,
    q save & quit, ? help. Every answer is saved before the next step is drawn; Ctrl-C
    exits 130, saved. Options given here win over an --answers file's fields. When
    stdout is not a terminal (recover run hyken > ticket.txt) the screens go to the
    terminal and only the summary to stdout.
    """
    from recoverycli.run.runner import parse_field_options

    values = parse_field_options(customer, field or [])
    follow_day = None
    if follow is not None:
        from recoverycli.when import local_today, parse_follow_up

        follow_day = parse_follow_up(follow, local_today())
    from recoverycli.config import agent_name, load_config

    guided = _guided(summary_out, not no_save, accessible)
    guided.agent = agent or agent_name()
    guided.team = team or load_config().team
    code = guided.start(playbook, _dirs(playbooks), values, rehearse,
                        str(answers) if answers else None, follow_day)
    raise typer.Exit(code)


@app.command(short_help="Continue an unfinished session where it stopped.")
def resume(
    session_id: Annotated[str | None, typer.Argument(
        callback=_session_id, metavar="[ID]",
        help="The session to resume (default: the latest unfinished one).")
    ] = None,
    summary_out: Annotated[Path | None, typer.Option(
        "--summary-out", metavar="FILE", help="Also write the plain-text summary here.")] = None,
    playbooks: PlaybooksOption = None,
    accessible: AccessibleOption = False,
) -> None:
    """Continue an unfinished session at the step where it stopped."""
    guided = _guided(summary_out, True, accessible)
    if session_id is not None:
        session_id = _resolve(guided.store, session_id)
    raise typer.Exit(guided.resume(session_id, _dirs(playbooks)))


def _guided(summary_out: Path | None, save: bool, accessible: bool) -> GuidedRun:
    """A guided run drawing on the terminal (see :func:`recoverycli.screen.terminal.screen`)."""
    from recoverycli.config import load_config
    from recoverycli.render import make_console
    from recoverycli.run.runner import GuidedRun
    from recoverycli.screen.terminal import plain_wanted, screen, set_plain

    plain = plain_wanted(accessible)
    set_plain(plain)
    minutes = load_config().call_reminder_minutes
    return GuidedRun(make_console(screen()), str(summary_out) if summary_out else None,
                     save=save, plain=plain, remind_after=minutes * 60 if minutes else None)


@app.command(short_help="List sessions, newest first.")
def sessions(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """List sessions, newest first: id, playbook, customer, started, status."""
    from recoverycli.storage.open import open_store

    store = open_store()
    rows = list(store.sessions())
    if as_json:
        from recoverycli.text import dumps

        print(dumps(rows, indent=2))
        return
    from recoverycli.table import columns, local_zone, page, short_time

    if not rows:
        print("No sessions yet. Start one with: recover run hyken")
        return
    keys = ("id", "playbook", "customer", "started", "status")
    zone = local_zone()  # times are local: the header names the zone once
    page(columns(("id", "playbook", "customer", f"started {zone}", "status"),
                 ([short_time(row[k], zone) if k == "started" else row[k] for k in keys]
                  for row in _short(store, rows)), flexible=("customer", "playbook"),
                 keep=("id", f"started {zone}")))


def _playbook_filter(store: Store, value: str | None) -> str | None:
    """``--playbook``: the stored id it names whatever the case (HYKEN is hyken); a near
    miss (hyke) is refused with a did-you-mean rather than answered with an empty report
    that looks like real data."""
    if value is None:
        return None
    from recoverycli.errors import NotFoundError
    from recoverycli.names import did_you_mean, matching
    from recoverycli.storage.sessions import playbook_ids

    known = store.read(playbook_ids)
    found = matching(value, known)
    if found is not None:
        return found
    hint = did_you_mean(value, known)
    if hint:
        raise NotFoundError(f"no sessions of playbook '{value}'{hint}")
    return value


def _short(store: Store, rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Rows with each id as its short unique prefix, for tables (JSON keeps full ids)."""
    short = store.short_ids([str(r["id"]) for r in rows])
    return [{**r, "id": short[str(r["id"])]} for r in rows]


@app.command(short_help="Sessions newest first, or one shown again.")
def history(
    session_id: Annotated[str | None, typer.Argument(
        callback=_session_id, metavar="[ID]",
        help="Show this session again as its checklist and summary.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    playbook: Annotated[str | None, typer.Option("--playbook", metavar="ID",
                                                 help="Only this playbook.")] = None,
    customer: Annotated[str | None, typer.Option(
        "--customer", metavar="TEXT", help="Only customers whose name contains TEXT.")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE", help="Only sessions started on or after DATE "
        "(YYYY-MM-DD, or 7d / 2w ago).")] = None,
    status: Annotated[Status | None, typer.Option(
        "--status", metavar="open|finished", case_sensitive=False,
        help="Only open or finished sessions.")] = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=0, max=1_000_000_000,
                                       help="At most N sessions (0: all).")] = 50,
    agent: AgentFilter = None,
    team: TeamFilter = None,
) -> None:
    """Sessions, newest first; or one session (ID) shown again as its checklist."""
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
        sys.stdout.write(summary_text(book, session))
        return
    from recoverycli.when import local_today, parse_since

    start = parse_since(since, local_today()).isoformat() if since else None
    playbook = _playbook_filter(store, playbook)
    rows = list(store.history(playbook, customer, start, status, limit or None, agent, team))
    if as_json:
        from recoverycli.text import dumps

        print(dumps(rows, indent=2))
        return
    from recoverycli.table import page

    filtered = any(v is not None for v in (playbook, customer, since, status, agent, team))
    page(history_table(_short(store, rows), filtered))


@app.command("follow-up", short_help="Set or move a session's follow-up.")
def follow_up(
    session_id: Annotated[str, typer.Argument(metavar="ID", help="The session.",
                                              callback=_session_id)],
    when: Annotated[str, typer.Argument(
        metavar="WHEN", help="YYYY-MM-DD, 2d, 1w, today or tomorrow, optionally with a time "
        "(14:30, 9am, morning).")],
    yes: YesPastOption = False,
) -> None:
    """Set or move a session's follow-up: its date and the playbook's follow_up field.

    A date in the past is asked about on a terminal, and refused without one unless
    --yes is given."""
    from recoverycli.aftercall.history import set_follow_up
    from recoverycli.when import local_today, parse_follow_up

    value = parse_follow_up(when, local_today())
    store = _store()
    full = _resolve(store, session_id)
    short = store.short_ids([full])[full]
    if not _past_confirmed(value, yes, f"the follow-up for {short}"):
        print("Follow-up not changed.")
        raise typer.Exit(1)
    set_follow_up(store, full, value)
    from recoverycli.text import one_line

    print(one_line(f"Follow-up for {short} set to {value}."))  # ids come from a shared store


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

        raise UsageError(f"{value} is in the past: confirm {what} on a terminal, "
                         "or add --yes")
    from recoverycli.run.runner import GuidedRun
    from recoverycli.screen.terminal import terminal_prompter

    return GuidedRun.confirm_past(terminal_prompter(), value)


@app.command(short_help="Your follow-ups due today or overdue; act on them.")
def due(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    ics: Annotated[bool, typer.Option(
        "--ics", help="Every open follow-up (not only those due) as one calendar.")] = False,
    everyone: Annotated[bool, typer.Option(
        "--all", help="Everyone's follow-ups, not only yours.")] = False,
    agent: Annotated[str | None, typer.Option(
        "--agent", metavar="NAME", help="This agent's follow-ups (default: yours).")] = None,
    team: Annotated[str | None, typer.Option(
        "--team", metavar="NAME", help="The whole team's follow-ups.")] = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="FILE", help="With --ics: write here (0600) instead of "
        "stdout.")] = None,
) -> None:
    """Your follow-ups due today or overdue, the most overdue first, with the customer,
    the promise and the days late. On a terminal, pick one to record an outcome or move
    its date. --all, --agent or --team widen the list beyond your own."""
    from recoverycli.aftercall.history import due_rows, due_table
    from recoverycli.config import agent_name
    from recoverycli.when import local_today

    if output is not None:
        from recoverycli.errors import UsageError
        from recoverycli.paths import check_writable

        if not ics:
            raise UsageError("-o writes the --ics calendar: add --ics")
        check_writable(str(output), "-o")
    me = agent_name()
    who = None if (everyone or team) and not agent else (agent or me)
    store = _store()
    today = local_today()
    if ics:
        from recoverycli.aftercall.export import calendar_of

        text = calendar_of(due_rows(store, today, who, team, every=True))
        if output is None:
            from recoverycli.text import visible

            # ICS encodes user text already; this is the gate (its lines end in CRLF)
            sys.stdout.write("\r\n".join(visible(line) for line in text.split("\r\n")))
        else:
            from recoverycli.paths import write_private

            write_private(str(output), text)
        return
    rows = due_rows(store, today, who, team)
    if as_json:
        from recoverycli.text import dumps

        print(dumps(rows, indent=2))
        return
    scope = f" for {who}" if who else (f" for team {team}" if team else "")
    if not rows:
        from recoverycli.text import visible

        print(visible(f"Nothing due{scope}: no open follow-up is dated today or earlier; "
                      "'recover history' lists the sessions and their follow-up dates."))
        return
    from recoverycli.text import visible

    print(visible(f"{len(rows)} follow-up{'s' if len(rows) != 1 else ''} due{scope}, "
                  "the most overdue first:"))
    from recoverycli.screen.terminal import is_interactive

    interactive = is_interactive() and sys.stdout.isatty()
    if not interactive:
        from recoverycli.table import page

        page(due_table(_short(store, rows)))
        return
    sys.stdout.write(due_table(_short(store, rows), numbered=True))
    sys.stdout.flush()
    from recoverycli.aftercall.due import act
    from recoverycli.screen.terminal import terminal_prompter

    act(store, lambda: due_rows(store, local_today(), who, team), terminal_prompter(),
        today, me)


@app.command(short_help="Record what happened after the recovery.")
def outcome(
    session_id: Annotated[str, typer.Argument(metavar="ID", help="The session.",
                                              callback=_session_id)],
    result: Annotated[Result, typer.Option(
        "--result", metavar="returned|lost|pending", case_sensitive=False,
        help="What happened: returned or lost close the follow-up; pending (followed up, "
        "no result yet) needs --next.")],
    following: Annotated[str | None, typer.Option(
        "--next", metavar="WHEN", help="With pending: the next follow-up (3d, 1w, "
        "YYYY-MM-DD, tomorrow 10:00).")] = None,
    rating: Annotated[int | None, typer.Option(
        "--rating", metavar="1-5", min=1, max=5,
        help="How the customer rated the recovery.")] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A note.")] = None,
    yes: YesPastOption = False,
) -> None:
    """Record what happened after the recovery, with when and by whom. returned or lost
    close it; pending keeps it open and due again at --next (a date in the past is asked
    about, as in follow-up)."""
    from recoverycli.aftercall.history import record_outcome
    from recoverycli.config import agent_name
    from recoverycli.when import local_today, parse_follow_up

    next_day = parse_follow_up(following, local_today()) if following is not None else None
    store = _store()
    full = _resolve(store, session_id)
    short = store.short_ids([full])[full]
    if next_day is not None and result == "pending" and not _past_confirmed(
            next_day, yes, f"--next for {short}"):
        print("Outcome not recorded.")
        raise typer.Exit(1)
    session = record_outcome(store, full, result, rating, note, next_day, agent_name())
    after = f"; next follow-up {next_day}" if next_day else ""
    from recoverycli.text import one_line

    print(one_line(f"Outcome for {store.short_ids([session.id])[session.id]}: {result}{after}."))


@app.command(short_help="Export a session: md, json, html or ics.")
def export(
    session_id: Annotated[str, typer.Argument(metavar="ID", help="The session.",
                                              callback=_session_id)],
    fmt: Annotated[ExportFormat, typer.Option(
        "--format", metavar="md|json|html|ics", case_sensitive=False,
        help="Markdown, JSON, printable HTML, or the follow-up as a calendar event.")] = "md",
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="FILE", help="Write here (0600, atomically) instead of "
        "stdout.")] = None,
    agent: Annotated[str | None, typer.Option(
        "--agent", metavar="NAME", help="Only if the session was run by this agent.")] = None,
    team: Annotated[str | None, typer.Option(
        "--team", metavar="NAME", help="Only if the session belongs to this team.")] = None,
) -> None:
    """Export one session for a ticket, a wiki, a printer or a calendar."""
    from recoverycli.aftercall.export import render
    from recoverycli.aftercall.history import playbook_for
    from recoverycli.paths import check_writable, write_private

    if output is not None:
        check_writable(str(output), "-o")
    store = _store()
    session = _load(store, session_id)
    if (agent and session.agent != agent) or (team and session.team != team):
        from recoverycli.errors import NotFoundError

        who = " and ".join(x for x in (f"agent {agent}" if agent else "",
                                       f"team {team}" if team else "") if x)
        raise NotFoundError(f"session '{session_id}' is not one of {who}'s")
    text = render(fmt, playbook_for(session), session)
    if output is None:
        from recoverycli.text import visible

        # Each format encodes user text already; this is the gate (ICS lines end in CRLF).
        sys.stdout.write("\r\n".join(visible(line) for line in text.split("\r\n")))
    else:
        write_private(str(output), text)
        from recoverycli.text import one_line

        print(one_line(f"Wrote {output}"), file=sys.stderr)


@app.command(short_help="Erase sessions for good.")
def forget(
    session_id: Annotated[str | None, typer.Argument(
        callback=_session_id, metavar="[ID]", help="Forget this session.")] = None,
    customer: Annotated[str | None, typer.Option(
        "--customer", metavar="NAME", help="Forget every session with this customer.")] = None,
    older_than: Annotated[str | None, typer.Option(
        "--older-than", metavar="AGE", help="Forget sessions started more than AGE ago "
        "(90d, 12w).")] = None,
    everything: Annotated[bool, typer.Option("--all", help="Forget every session.")] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Show what would be forgotten, and forget nothing.")] = False,
    agent: AgentFilter = None,
    team: TeamFilter = None,
) -> None:
    """Erase sessions for good: gone from every file of the store, not just hidden."""
    import time

    from recoverycli.errors import NotFoundError, UsageError
    from recoverycli.storage.ids import AmbiguousIdError
    from recoverycli.storage.schema import iso
    from recoverycli.when import parse_age

    chosen = [x for x in (session_id, customer, older_than) if x] + (["all"] if everything
                                                                      else [])
    if len(chosen) != 1:
        raise UsageError("say what to forget: an ID, --customer NAME, --older-than AGE or --all"
                         " (one of them)")
    before = iso(time.time() - parse_age(older_than).total_seconds()) if older_than else None
    store = _store("forgetting")
    try:
        ids = store.select_ids(session_id, customer, before, everything, agent, team)
    except AmbiguousIdError:
        raise
    except NotFoundError as error:  # neither a session nor a practice attempt
        raise _not_found(store, str(session_id), error) from None
    local = _kept_locally(store)  # rows waiting for sync would bring the name back
    if local is not None:
        try:
            kept = local.select_ids(ids[0] if session_id and ids else session_id, customer,
                                    before, everything, agent, team)
        except NotFoundError:
            kept = []
        ids += [i for i in kept if i not in ids]
    what = f"{len(ids)} session{'s' if len(ids) != 1 else ''}"
    if dry_run:
        short = store.short_ids(ids) if ids else {}
        from recoverycli.text import one_line

        print(one_line(f"Would forget {what}: "
                       f"{', '.join(short.get(i, i) for i in ids) or 'none'}"))
        return
    if not ids:
        if customer:  # forget takes the whole name only: say so, and name the near ones
            near = list(store.history(customer=customer, limit=5, agent=agent, team=team))
            if near:
                from recoverycli.text import one_line

                names = sorted({str(r["customer"]) for r in near if r["customer"]})
                raise NotFoundError(one_line(
                    f"no session has the customer name '{customer}' (forget takes the whole "
                    f"name, in any case); close: {', '.join(repr(n) for n in names)}; "
                    f"e.g. recover forget --customer '{names[0]}'"))
        print("Nothing to forget.")
        return
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError(f"forgetting {what} needs confirmation: add --yes")
        try:
            answer = input(f"Forget {what} (names, notes, answers) for good? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing forgotten.")
            raise typer.Exit(1)
    store.forget(ids)
    if local is not None:
        local.forget(ids)
    print(f"Forgot {what}.")


def _kept_locally(store: Store) -> Store | None:
    """On a team store, the local store of rows waiting for sync, if there is one."""
    if store.kind != "postgresql":
        return None
    from recoverycli.paths import data_dir
    from recoverycli.storage.store import Store

    if not (data_dir() / "sessions.db").exists():
        return None
    return Store(data_dir())


@app.command(short_help="Forget the store's sessions older than N days (the team's call).")
def retention(
    days: Annotated[int, typer.Option("--days", metavar="N", min=1, max=MAX_DAYS,
                                      help="Forget sessions started more than N days ago.")],
    apply: Annotated[bool, typer.Option("--apply", help="Forget them.")] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Only say how many would be forgotten.")] = False,
) -> None:
    """Apply a retention period to the store in use - on a team store, to everyone's
    sessions, so it is never a side effect of another command: whoever is responsible
    runs it, with --dry-run first. (retention_days in config.toml applies to your own
    local store only.)"""
    from recoverycli.errors import UsageError

    if apply == dry_run:
        raise UsageError("say --dry-run (count only) or --apply (forget them)")
    store = _store("retention")
    ids = store.retention_ids(days)
    from recoverycli.text import one_line, plural

    what = plural(len(ids), "session or practice attempt", "sessions and practice attempts")
    if dry_run:
        print(one_line(f"Would forget {what} older than {days} days from {store.where}."))
        return
    store.forget(ids)
    print(one_line(f"Forgot {what} older than {days} days from {store.where}."))


@app.command(short_help="What the team's recoveries achieve.")
def report(
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE", help="Only sessions started on or after DATE "
        "(YYYY-MM-DD, or 7d / 2w ago).")] = None,
    agent: AgentFilter = None,
    team: TeamFilter = None,
    playbook: Annotated[str | None, typer.Option("--playbook", metavar="ID",
                                                 help="Only this playbook.")] = None,
    fmt: Annotated[ReportFormat, typer.Option(
        "--format", metavar="text|md|html|json", case_sensitive=False,
        help="Rich tables, Markdown, an HTML page with charts, or JSON.")] = "text",
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="FILE", help="Write here instead of stdout.")] = None,
    rehearsals: Annotated[bool, typer.Option(
        "--include-rehearsals", help="Count rehearsals as sessions (left out by "
        "default, and counted apart).")] = False,
) -> None:
    """What the team's recoveries achieve: sessions, time per step, skips, hand-offs,
    follow-ups kept, the share of recovered customers who came back, week by week and
    per playbook. Opens with its period, filters, store, time and version."""
    from recoverycli.report.model import gather
    from recoverycli.report.render import render
    from recoverycli.when import local_today, parse_since

    if output is not None:
        from recoverycli.paths import check_writable

        check_writable(str(output), "-o")
    today = local_today()
    start = parse_since(since, today).isoformat() if since else None
    store = _store()
    data = gather(store, today, start, agent, _playbook_filter(store, playbook), team,
                  rehearsals, since)
    result = render(fmt, data)
    if isinstance(result, str):
        if output is None:
            from recoverycli.text import visible

            sys.stdout.write(visible(result))
        else:
            from recoverycli.paths import write_private

            write_private(str(output), result)
        return
    from recoverycli.render import make_console

    if output is None:
        console = make_console()
        if not sys.stdout.isatty():
            console.print(result)
            return
        from recoverycli.table import page

        with console.capture() as captured:  # taller than the screen: through the pager
            console.print(result)
        page(captured.get())
    else:
        import io

        from recoverycli.paths import write_private

        buffer = io.StringIO()
        make_console(file=buffer).print(result)
        write_private(str(output), buffer.getvalue())


@app.command(short_help="Send sessions kept locally to the team store.")
def sync() -> None:
    """Send sessions kept locally while the team's PostgreSQL was unreachable, exactly once.

    Also tried at the start of every command that opens the store.
    """
    from recoverycli.config import load_config
    from recoverycli.errors import StoreError, UsageError
    from recoverycli.paths import data_dir
    from recoverycli.storage.conninfo import mask
    from recoverycli.storage.open import open_postgres
    from recoverycli.storage.store import Store
    from recoverycli.storage.sync import pending_count, push

    url = load_config().database_url
    if not url:
        raise UsageError("no team store is set: give --database-url, RECOVER_DATABASE_URL or "
                         "database_url in config.toml")
    local = Store(data_dir())
    waiting = local.read(pending_count)
    try:
        team = open_postgres(url)
    except StoreError as exc:
        from recoverycli.text import plural

        kept = plural(waiting, "session or practice attempt", "sessions and practice attempts")
        raise StoreError(f"{exc.message}; {kept} still kept locally") from None
    result = push(local, team)
    from recoverycli.text import visible

    if result.sent:
        from recoverycli.text import plural

        sent = plural(result.sent, "session or practice attempt",
                      "sessions and practice attempts")
        print(visible(f"Sent {sent} to {mask(url)}."))
    elif not result.conflicts:
        print("Nothing to send: every session is in the team store.")
    if result.conflicts:
        raise StoreError(f"kept {len(result.conflicts)} locally: their ids are different "
                         f"sessions on {mask(url)} ({', '.join(result.conflicts[:5])}); "
                         "nothing was overwritten")


