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
    from .catalog import Catalog

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


def _warn_broken(catalog: Catalog) -> None:
    from .text import one_line

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


@app.command(short_help="Print the playbook format's JSON Schema.")
def schema() -> None:
    """Print the JSON Schema of the playbook format, for editors (yaml-language-server)."""
    import json

    from .schema import playbook_schema

    print(json.dumps(playbook_schema(), indent=2))


RulesOption = Annotated[
    list[Path] | None,
    typer.Option("--rules", metavar="FILE", help="Also use this rules file (repeatable): "
                 "add rules, or switch built-in ones off with 'disable'."),
]


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
    from .text import visible

    print(visible(f"Wrote {target}"))
    print(visible(f"Check it with: recover lint {target}"))


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
    from .errors import UsageError
    from .practice.engine import Coach

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


# The other commands live beside this module and register on the same app.
from . import cli_practice, cli_sessions  # noqa: E402, F401
