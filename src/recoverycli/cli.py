"""The command line: parse options, call the core, map errors to exit codes. Nothing else.

Only typer is imported at module level; every command imports what it needs when it
runs, so ``recover --version`` and ``--help`` cost no more than the framework.
"""


from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from . import __version__
from .errors import RecoverError

if TYPE_CHECKING:
    from .store import Store

app = typer.Typer(
    name="recover",
    help="A terminal coach for service recovery: walk a proven recovery script step by step, "
    "keep notes, and leave with a checklist.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: laying out rich panels for 26 commands cost more than the whole of a
    # minimal Typer app's --help, and plain text reads the same in every terminal.
    rich_markup_mode=None,
)

PlaybooksOption = Annotated[
    list[Path] | None,
    typer.Option("--playbooks", metavar="DIR",
                 help="Also read playbooks from DIR (repeatable; shadows the others)."),
]


def _version(value: bool) -> None:
    if value:
        print(f"recover {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    database_url: Annotated[str | None, typer.Option(
        "--database-url", metavar="URL", help="The team's PostgreSQL store "
        "(postgresql://...); else RECOVER_DATABASE_URL, database_url in config.toml, or "
        "the local SQLite store.")] = None,
) -> None:
    """Service recovery playbooks in the terminal."""
    if database_url:
        import os

        os.environ["RECOVER_DATABASE_URL"] = database_url


AgentFilter = Annotated[str | None, typer.Option("--agent", metavar="NAME",
                                                 help="Only sessions run by this agent.")]
TeamFilter = Annotated[str | None, typer.Option("--team", metavar="NAME",
                                                help="Only sessions of this team.")]


def _dirs(playbooks: list[Path] | None) -> list[str]:
    return [str(p) for p in playbooks or []]


def _warn_broken(catalog: object) -> None:
    from .catalog import Catalog
    from .text import one_line

    assert isinstance(catalog, Catalog)
    for error in catalog.broken:
        first = error.problems[0]
        more = f" (+{len(error.problems) - 1} more)" if len(error.problems) > 1 else ""
        sys.stderr.write(one_line(f"warning: skipped broken playbook {first}{more}; "
                                  f"run 'recover validate {first.file}'") + "\n")


@app.command("list", short_help="List the playbooks and where each came from.")
def list_playbooks(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    playbooks: PlaybooksOption = None,
) -> None:
    """List the playbooks there are: id, title, author, steps, and where each came from."""
    from .catalog import load_catalog

    catalog = load_catalog(_dirs(playbooks))
    _warn_broken(catalog)
    if as_json:
        import json

        rows = [{"id": e.playbook.id, "title": e.playbook.title,
                 "author": e.playbook.source.author if e.playbook.source else None,
                 "steps": len(e.playbook.steps), "origin": e.origin,
                 "path": e.playbook.path, "shadows": list(e.shadows)}
                for _, e in sorted(catalog.entries.items())]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from .render import catalog_rows
    from .table import columns

    sys.stdout.write(columns(("id", "title", "author", "steps", "from"), catalog_rows(catalog)))


@app.command(short_help="Show a playbook as a rehearsal card.")
def show(
    playbook: Annotated[str, typer.Argument(help="A playbook id, or a path to a .yaml file.")],
    playbooks: PlaybooksOption = None,
) -> None:
    """Show a playbook as a rehearsal card: numbered steps with why, do, say, avoid, branches."""
    from .catalog import load_catalog
    from .render import make_console, rehearsal_card

    catalog = load_catalog(_dirs(playbooks))
    _warn_broken(catalog)
    make_console().print(rehearsal_card(catalog.get(playbook)))


@app.command(short_help="Check playbook files; report every problem located.")
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Playbook files or folders of them.")],
    max_bytes: Annotated[int | None, typer.Option(
        "--max-bytes", min=1, help="Refuse files larger than this (default 1 MiB, "
        "or RECOVER_MAX_PLAYBOOK_BYTES).")] = None,
) -> None:
    """Check playbook files and report every problem as FILE:LINE:COL: path: message.

    Exits 0 when all are valid, 1 when any is not, 2 for a usage error.
    """
    from .catalog import playbook_files
    from .errors import PlaybookError, UsageError
    from .playbook import load_playbook
    from .render import print_problems

    files: list[Path] = []
    for path in paths:
        found = playbook_files(path)
        if not found:
            what = "no .yaml playbooks in" if path.is_dir() else "no such file:"
            raise UsageError(f"{what} {path}")
        files += found
    bad = 0
    for file in files:
        try:
            load_playbook(str(file), max_bytes)
        except PlaybookError as exc:
            bad += 1
            print_problems((str(p) for p in exc.problems), sys.stdout)
        else:
            print_problems([f"{file}: ok"], sys.stdout)
    if bad:
        print_problems([f"{bad} of {len(files)} playbook(s) invalid"], sys.stderr)
        raise typer.Exit(1)


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
        "--follow-up", metavar="WHEN", help="Follow-up date: YYYY-MM-DD, 2d, 1w, tomorrow "
        "(else asked at the end).")] = None,
    no_save: Annotated[bool, typer.Option(
        "--no-save", help="Write nothing to disk: no session, no resume.")] = False,
    agent: Annotated[str | None, typer.Option(
        "--agent", metavar="NAME", help="Who runs it (default: 'agent' in config.toml, or "
        "the login name).")] = None,
    team: Annotated[str | None, typer.Option(
        "--team", metavar="NAME", help="The team (default: 'team' in config.toml).")] = None,
    playbooks: PlaybooksOption = None,
) -> None:
    """Walk a playbook step by step, one key per action, and end with a checklist.

    Keys: Enter done, s skip, n note, b back, j jump, f field, q save & quit, ? help.
    Every answer is saved before the next step is drawn; Ctrl-C exits 130, saved.
    """
    from .render import make_console
    from .runner import GuidedRun, parse_field_options

    values = parse_field_options(customer, field or [])
    follow_day = None
    if follow is not None:
        from .when import local_today, parse_when

        follow_day = parse_when(follow, local_today())
    from .config import agent_name, load_config

    guided = GuidedRun(make_console(), str(summary_out) if summary_out else None,
                       save=not no_save)
    guided.agent = agent or agent_name()
    guided.team = team or load_config().team
    code = guided.start(playbook, _dirs(playbooks), values, rehearse,
                        str(answers) if answers else None, follow_day)
    raise typer.Exit(code)


@app.command(short_help="Continue an unfinished session where it stopped.")
def resume(
    session_id: Annotated[str | None, typer.Argument(
        metavar="[ID]", help="The session to resume (default: the latest unfinished one).")
    ] = None,
    summary_out: Annotated[Path | None, typer.Option(
        "--summary-out", metavar="FILE", help="Also write the plain-text summary here.")] = None,
    playbooks: PlaybooksOption = None,
) -> None:
    """Continue an unfinished session at the step where it stopped."""
    from .render import make_console
    from .runner import GuidedRun

    guided = GuidedRun(make_console(), str(summary_out) if summary_out else None)
    raise typer.Exit(guided.resume(session_id, _dirs(playbooks)))


@app.command(short_help="List sessions, newest first.")
def sessions(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """List sessions, newest first: id, playbook, customer, started, status."""
    from .store import open_store

    rows = list(open_store().sessions())
    if as_json:
        import json

        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    from .table import columns

    keys = ("id", "playbook", "customer", "started", "status")
    sys.stdout.write(columns(keys, ([row[k] for k in keys] for row in rows)))


def _store() -> Store:
    from .store import open_store

    return open_store()


@app.command(short_help="Sessions newest first, or one shown again.")
def history(
    session_id: Annotated[str | None, typer.Argument(
        metavar="[ID]", help="Show this session again as its checklist and summary.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    playbook: Annotated[str | None, typer.Option("--playbook", metavar="ID",
                                                 help="Only this playbook.")] = None,
    customer: Annotated[str | None, typer.Option(
        "--customer", metavar="TEXT", help="Only customers whose name contains TEXT.")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE", help="Only sessions started on or after DATE "
        "(YYYY-MM-DD, or 7d / 2w ago).")] = None,
    status: Annotated[str | None, typer.Option(
        "--status", metavar="open|finished", help="Only open or finished sessions.")] = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N",
                                       help="At most N sessions (0: all).")] = 50,
    agent: AgentFilter = None,
    team: TeamFilter = None,
) -> None:
    """Sessions, newest first; or one session (ID) shown again as its checklist."""
    from .history import STATUSES, history_table, playbook_for

    store = _store()
    if session_id is not None:
        from .checklist import checklist_renderable, summary_text
        from .render import make_console

        session = store.load(session_id)
        book = playbook_for(session)
        if as_json:
            from .export import to_json

            sys.stdout.write(to_json(book, session))
            return
        console = make_console()
        console.print(checklist_renderable(book, session))
        console.print()
        console.file.flush()
        sys.stdout.write(summary_text(book, session))
        return
    from .errors import UsageError
    from .when import local_today, parse_since

    if status is not None and status not in STATUSES:
        raise UsageError(f"--status must be open or finished, not '{status}'")
    start = parse_since(since, local_today()).isoformat() if since else None
    rows = list(store.history(playbook, customer, start, status, limit or None, agent, team))
    if as_json:
        import json

        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    sys.stdout.write(history_table(rows))


@app.command("follow-up", short_help="Set or move a session's follow-up date.")
def follow_up(
    session_id: Annotated[str, typer.Argument(metavar="ID", help="The session.")],
    when: Annotated[str, typer.Argument(
        metavar="WHEN", help="YYYY-MM-DD, 2d, 1w, today or tomorrow.")],
) -> None:
    """Set or move a session's follow-up date."""
    from .history import set_follow_up
    from .when import local_today, parse_when

    day = parse_when(when, local_today())
    store = _store()
    session = set_follow_up(store, session_id, day)
    print(f"Follow-up for {session.id} set to {day.isoformat()}.")


@app.command(short_help="Follow-ups due today or overdue.")
def due(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    agent: AgentFilter = None,
    team: TeamFilter = None,
) -> None:
    """Follow-ups due today or overdue with no outcome yet, oldest first."""
    from .history import due_rows, due_table
    from .when import local_today

    store = _store()
    rows = due_rows(store, local_today(), agent, team)
    if as_json:
        import json

        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        print("Nothing due. Every promise is kept or not yet due.")
        return
    sys.stdout.write(due_table(rows))


@app.command(short_help="Record what happened after the recovery.")
def outcome(
    session_id: Annotated[str, typer.Argument(metavar="ID", help="The session.")],
    result: Annotated[str, typer.Option(
        "--result", metavar="returned|lost|pending", help="What happened.")],
    rating: Annotated[int | None, typer.Option(
        "--rating", metavar="1-5", help="How the customer rated the recovery.")] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A note.")] = None,
) -> None:
    """Record what happened after the recovery; the session is then no longer due."""
    from .history import record_outcome

    store = _store()
    session = record_outcome(store, session_id, result, rating, note)
    print(f"Outcome for {session.id}: {result}.")


@app.command(short_help="Export a session: md, json, html or ics.")
def export(
    session_id: Annotated[str, typer.Argument(metavar="ID", help="The session.")],
    fmt: Annotated[str, typer.Option(
        "--format", metavar="md|json|html|ics", help="Markdown, JSON, printable HTML, or "
        "the follow-up as a calendar event.")] = "md",
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="FILE", help="Write here (0600, atomically) instead of "
        "stdout.")] = None,
    agent: Annotated[str | None, typer.Option(
        "--agent", metavar="NAME", help="Only if the session was run by this agent.")] = None,
    team: Annotated[str | None, typer.Option(
        "--team", metavar="NAME", help="Only if the session belongs to this team.")] = None,
) -> None:
    """Export one session for a ticket, a wiki, a printer or a calendar."""
    from .export import render
    from .history import playbook_for
    from .runner import write_private

    store = _store()
    session = store.load(session_id)
    if (agent and session.agent != agent) or (team and session.team != team):
        from .errors import NotFoundError

        who = " and ".join(x for x in (f"agent {agent}" if agent else "",
                                       f"team {team}" if team else "") if x)
        raise NotFoundError(f"session '{session_id}' is not one of {who}'s")
    text = render(fmt, playbook_for(session), session)
    if output is None:
        sys.stdout.write(text)
    else:
        write_private(str(output), text)
        print(f"Wrote {output}", file=sys.stderr)


@app.command(short_help="Erase sessions for good.")
def forget(
    session_id: Annotated[str | None, typer.Argument(
        metavar="[ID]", help="Forget this session.")] = None,
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

    from .errors import UsageError
    from .store import iso
    from .when import parse_age

    chosen = [x for x in (session_id, customer, older_than) if x] + (["all"] if everything
                                                                      else [])
    if len(chosen) != 1:
        raise UsageError("say what to forget: an ID, --customer NAME, --older-than AGE or --all"
                         " (one of them)")
    before = iso(time.time() - parse_age(older_than).total_seconds()) if older_than else None
    store = _store()
    ids = store.select_ids(session_id, customer, before, everything, agent, team)
    if session_id and not ids:
        from .errors import NotFoundError

        raise NotFoundError(f"no session '{session_id}' (see 'recover history')")
    what = f"{len(ids)} session{'s' if len(ids) != 1 else ''}"
    if dry_run:
        print(f"Would forget {what}: {', '.join(ids) or 'none'}")
        return
    if not ids:
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
    print(f"Forgot {what}.")


RulesOption = Annotated[
    list[Path] | None,
    typer.Option("--rules", metavar="FILE", help="Also use this rules file (repeatable): "
                 "add rules, or switch built-in ones off with 'disable'."),
]


@app.command(short_help="Flag wording the sources warn against.")
def check(
    text: Annotated[str, typer.Argument(help="The wording to check, or - to read one phrase "
                                             "per line from stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    rules: RulesOption = None,
) -> None:
    """Flag wording the sources warn against, say why, and suggest better words.

    Exits 1 when anything was flagged, 0 when not, 2 for a usage error.
    """
    from .coach import Coach
    from .render import print_findings

    coach = Coach.load(str(p) for p in rules or [])
    phrases = [line.rstrip("\n") for line in sys.stdin] if text == "-" else [text]
    flagged = False
    import json

    for phrase in phrases:
        if text == "-" and not phrase.strip():
            continue
        findings = coach.check(phrase)
        flagged |= bool(findings)
        if as_json:
            record: dict[str, object] = {"findings": [f.as_dict() for f in findings]}
            if text == "-":
                record = {"text": phrase, **record}
            print(json.dumps(record, ensure_ascii=False))
        else:
            print_findings(phrase, findings)
    raise typer.Exit(1 if flagged else 0)


@app.command(short_help="Role-play a scenario with the wording coach.")
def practice(
    playbook: Annotated[str | None, typer.Argument(
        help="The playbook to practise (an id).")] = None,
    scenario: Annotated[str | None, typer.Option(
        "--scenario", metavar="ID", help="The scenario (default: the playbook's first).")
    ] = None,
    list_them: Annotated[bool, typer.Option("--list", help="List the scenarios.")] = False,
    answers: Annotated[Path | None, typer.Option(
        "--answers", metavar="FILE", help="Answer from a file: {\"lines\": [one per step]}.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    no_save: Annotated[bool, typer.Option("--no-save", help="Do not record the attempt.")
                       ] = False,
    rules: RulesOption = None,
    playbooks: PlaybooksOption = None,
) -> None:
    """Role-play a scenario: the customer speaks, you answer, the coach gives feedback."""
    from .catalog import load_catalog
    from .errors import UsageError
    from .scenario import load_scenarios, pick

    catalog = load_catalog(_dirs(playbooks))
    scenarios, broken = load_scenarios(catalog)
    for error in broken:
        sys.stderr.write(f"warning: skipped broken scenario {error.problems[0]}\n")
    if list_them:
        rows = [{"id": s.id, "playbook": s.playbook, "title": s.title} for s in scenarios]
        if as_json:
            import json

            print(json.dumps(rows, indent=2, ensure_ascii=False))
        else:
            from .table import columns

            sys.stdout.write(columns(("id", "playbook", "title"),
                                     ([r["id"], r["playbook"], r["title"]] for r in rows)))
        return
    if playbook is None:
        raise UsageError("name a playbook to practise, or use --list to see the scenarios")
    book = catalog.get(playbook)
    chosen = pick(scenarios, book.id, scenario)
    lines = None
    if answers is not None:
        from .practice import read_lines

        lines = read_lines(str(answers))
        if len(lines) > len(book.steps):
            raise UsageError(f"{answers}: {len(lines)} lines for {len(book.steps)} steps")
    elif not sys.stdin.isatty():
        raise UsageError("practice reads your answers from a terminal, and stdin is not one: "
                         "run it in a terminal, or give --answers FILE")
    from .coach import Coach
    from .render import make_console
    from .terminal import terminal_prompter
    from .trainer import Trainer

    store = None if no_save else _store()
    trainer = Trainer(make_console(), store, terminal_prompter)
    coach = Coach.load(str(p) for p in rules or [])
    raise typer.Exit(trainer.practise(coach, book, chosen, lines, as_json))


@app.command(short_help="Quiz yourself on the playbooks.")
def quiz(
    playbook: Annotated[str | None, typer.Argument(
        help="Quiz on this playbook (default: all the built-ins).")] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Repeat a quiz exactly.")] = None,
    count: Annotated[int, typer.Option("--count", metavar="N", help="Questions.")] = 5,
    answers: Annotated[Path | None, typer.Option(
        "--answers", metavar="FILE", help="Answer from a file: {\"answers\": [...]}, a "
        "choice's number or the letters of an order.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    no_save: Annotated[bool, typer.Option("--no-save", help="Do not record the attempt.")
                       ] = False,
    playbooks: PlaybooksOption = None,
) -> None:
    """Put steps in order, name the step from its advice, pick the better phrase."""
    from .catalog import load_catalog
    from .coach import Coach
    from .errors import UsageError
    from .quiz import make_quiz, read_answers
    from .render import make_console
    from .trainer import Trainer

    if count < 1 or count > 50:
        raise UsageError(f"--count must be 1 to 50, not {count}")
    catalog = load_catalog(_dirs(playbooks))
    books = [catalog.get(playbook)] if playbook else [
        e.playbook for e in catalog.entries.values() if e.origin == "built-in"]
    given = read_answers(str(answers)) if answers is not None else None
    if given is None and not sys.stdin.isatty():
        raise UsageError("quiz reads your answers from a terminal, and stdin is not one: "
                         "run it in a terminal, or give --answers FILE")
    questions = make_quiz(books, Coach.load(), seed, count)
    from .terminal import terminal_prompter

    store = None if no_save else _store()
    trainer = Trainer(make_console(), store, terminal_prompter)
    raise typer.Exit(trainer.quiz(questions, given, as_json, playbook))


@app.command(short_help="Practice scores over time, and what next.")
def progress(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Practice and quiz scores over time, the weakest steps, and what to practise next."""
    from .catalog import load_catalog
    from .scenario import load_scenarios
    from .trainer import print_progress, progress_report

    scenarios, _ = load_scenarios(load_catalog())
    report = progress_report(_store(), scenarios)
    if as_json:
        import json

        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    print_progress(report)


@app.command(short_help="What the team's recoveries achieve.")
def report(
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE", help="Only sessions started on or after DATE "
        "(YYYY-MM-DD, or 7d / 2w ago).")] = None,
    agent: AgentFilter = None,
    team: TeamFilter = None,
    playbook: Annotated[str | None, typer.Option("--playbook", metavar="ID",
                                                 help="Only this playbook.")] = None,
    fmt: Annotated[str, typer.Option("--format", metavar="text|md|html|json",
                                     help="Rich tables, Markdown, an HTML page with charts, "
                                     "or JSON.")] = "text",
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="FILE", help="Write here instead of stdout.")] = None,
) -> None:
    """What the team's recoveries achieve: sessions, time per step, skips, hand-offs,
    follow-ups kept, and the share of recovered customers who came back."""
    from .errors import UsageError
    from .report import FORMATS, gather, render
    from .when import local_today, parse_since

    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}' (formats: {', '.join(FORMATS)})")
    today = local_today()
    start = parse_since(since, today).isoformat() if since else None
    data = gather(_store(), today, start, agent, playbook, team)
    result = render(fmt, data)
    if isinstance(result, str):
        if output is None:
            sys.stdout.write(result)
        else:
            from .runner import write_private

            write_private(str(output), result)
        return
    from .render import make_console

    if output is None:
        make_console().print(result)
    else:
        with open(output, "w", encoding="utf-8") as handle:
            make_console(file=handle).print(result)


@app.command(short_help="Start a new playbook file.")
def new(
    new_id: Annotated[str, typer.Argument(metavar="ID", help="The new playbook's id.")],
    from_: Annotated[str | None, typer.Option(
        "--from", metavar="PLAYBOOK", help="Start from this playbook (an id or a path).")
    ] = None,
    to: Annotated[Path | None, typer.Option(
        "--to", metavar="DIR", help="Write it here (default: your playbook folder).")] = None,
) -> None:
    """Start a new playbook file, with the schema line editors use to check it as you type.

    Never overwrites a file.
    """
    from .authoring import new_playbook
    from .paths import user_playbooks

    source = None
    if from_ is not None:
        from .catalog import load_catalog

        book = load_catalog().get(from_)
        source = Path(book.path) if book.path else None
    target = new_playbook(new_id, to or user_playbooks(), source)
    print(f"Wrote {target}")
    print(f"Check it with: recover lint {target}")


@app.command(short_help="Validate playbooks and coach their say lines.")
def lint(
    paths: Annotated[list[Path], typer.Argument(help="Playbook files or folders of them.")],
    fmt: Annotated[str, typer.Option("--format", metavar="text|github",
                                     help="Plain lines, or GitHub Actions annotations.")
                   ] = "text",
    rules: RulesOption = None,
) -> None:
    """Everything validate reports, plus the wording coach over every 'say' line:
    FILE:LINE:COL: rule: message. Exits 1 when anything was found."""
    from .authoring import lint_file
    from .catalog import playbook_files
    from .coach import Coach
    from .errors import UsageError

    if fmt not in ("text", "github"):
        raise UsageError(f"unknown format '{fmt}' (formats: text, github)")
    files: list[Path] = []
    for path in paths:
        found = playbook_files(path)
        if not found:
            raise UsageError(f"{'no .yaml playbooks in' if path.is_dir() else 'no such file:'}"
                             f" {path}")
        files += found
    coach = Coach.load(str(p) for p in rules or [])
    from .text import one_line

    count = 0
    for file in files:
        for message in lint_file(str(file), coach):
            count += 1
            print(one_line(message.github() if fmt == "github" else message.plain()))
    if count:
        print(f"{count} problem(s) in {len(files)} file(s)", file=sys.stderr)
        raise typer.Exit(1)


@app.command(short_help="Send sessions kept locally to the team store.")
def sync() -> None:
    """Send sessions kept locally while the team's PostgreSQL was unreachable, exactly once.

    Also tried at the start of every command that opens the store.
    """
    from .config import load_config
    from .errors import StoreError, UsageError
    from .paths import data_dir
    from .pgstore import mask_url, open_postgres
    from .store import Store

    url = load_config().database_url
    if not url:
        raise UsageError("no team store is set: give --database-url, RECOVER_DATABASE_URL or "
                         "database_url in config.toml")
    local = Store(data_dir())
    waiting = len(local.pending_sessions())
    try:
        team = open_postgres(url)
    except StoreError as exc:
        raise StoreError(f"{exc.message}; {waiting} session(s) still kept locally") from None
    sent = local.push_to(team)
    print(f"Sent {sent} session(s) to {mask_url(url)}." if sent else
          "Nothing to send: every session is in the team store.")


@app.command(short_help="Print the playbook format's JSON Schema.")
def schema() -> None:
    """Print the JSON Schema of the playbook format, for editors (yaml-language-server)."""
    import json

    from .schema import playbook_schema

    print(json.dumps(playbook_schema(), indent=2))


def _fail(error: RecoverError) -> NoReturn:
    from .errors import DocumentError
    from .text import visible

    if isinstance(error, DocumentError):  # located problems, one per line, as editors read them
        sys.stderr.write("".join(visible(str(p)) + "\n" for p in error.problems))
    else:
        sys.stderr.write(visible(f"recover: {error.message}") + "\n")
    sys.exit(error.exit_code)


def _command_named(args: list[str]) -> typer.Typer:
    """The app with only the command being run, when one is named: typer builds every
    registered command's options on each call, and a command needs only its own."""
    def only(commands: list[typer.models.CommandInfo]) -> typer.Typer:
        single = typer.Typer(name="recover", add_completion=False,
                             pretty_exceptions_enable=False, rich_markup_mode=None)
        single.registered_callback = app.registered_callback
        single.registered_commands = commands
        return single

    if args == ["--version"]:
        return only([])  # the root options are all --version needs
    name = next((a for a in args if not a.startswith("-")), None)
    if name is None or a_value_option_before(args, name):
        return app
    for info in app.registered_commands:
        if (info.name or (info.callback.__name__ if info.callback else None)) == name:
            return only([info])
    return app


def a_value_option_before(args: list[str], name: str) -> bool:
    """True when ``name`` is the value of a root option (``--database-url URL``)."""
    index = args.index(name)
    return index > 0 and args[index - 1] == "--database-url"


def main() -> None:
    """Entry point: one place turns errors into a message and an exit status."""
    debug = "--debug" in sys.argv[1:]
    try:
        _command_named(sys.argv[1:])()
    except RecoverError as error:
        if debug:
            raise
        _fail(error)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # anything unexpected: no traceback, no personal data
        if debug:
            raise
        sys.stderr.write(f"recover: internal error ({type(error).__name__}); "
                         "run again with --debug for details\n")
        sys.exit(70)
