"""The command line: parse options, call the core, map errors to exit codes. Nothing else.

Only typer is imported at module level; every command imports what it needs when it
runs, so ``recover --version`` and ``--help`` cost no more than the framework.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import __version__
from .errors import RecoverError

app = typer.Typer(
    name="recover",
    help="A terminal coach for service recovery: walk a proven recovery script step by step, "
    "keep notes, and leave with a checklist.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
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
) -> None:
    """Service recovery playbooks in the terminal."""


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


@app.command("list")
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
    from .render import catalog_table, make_console

    make_console().print(catalog_table(catalog))


@app.command()
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


@app.command()
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


@app.command()
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
    playbooks: PlaybooksOption = None,
) -> None:
    """Walk a playbook step by step, one key per action, and end with a checklist.

    Keys: Enter done, s skip, n note, b back, j jump, f field, q save & quit, ? help.
    Every answer is saved before the next step is drawn; Ctrl-C exits 130, saved.
    """
    from .render import make_console
    from .runner import GuidedRun, parse_field_options

    values = parse_field_options(customer, field or [])
    guided = GuidedRun(make_console(), str(summary_out) if summary_out else None)
    code = guided.start(playbook, _dirs(playbooks), values, rehearse,
                        str(answers) if answers else None)
    raise typer.Exit(code)


@app.command()
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


@app.command()
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
    from rich.table import Table

    from .render import literal, make_console

    table = Table(box=None, pad_edge=False)
    for column in ("id", "playbook", "customer", "started", "status"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(literal(str(row[k] or "-")) for k in
                        ("id", "playbook", "customer", "started", "status")))
    make_console().print(table)


@app.command()
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


def main() -> None:
    """Entry point: one place turns errors into a message and an exit status."""
    debug = "--debug" in sys.argv[1:]
    try:
        app()
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
