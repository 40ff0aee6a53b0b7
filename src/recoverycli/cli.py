"""The command line: parse options, call the core, map errors to exit codes. Nothing else.

Only typer is imported at module level; every command imports what it needs when it
runs, so ``recover --version`` and ``--help`` cost no more than the framework.
"""


from __future__ import annotations

import os
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
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
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
        if {"-v", "--verbose"} & set(sys.argv[1:]):
            import platform

            from .storage.schema import MIGRATIONS

            print(f"Python {platform.python_version()} ({sys.executable})")
            print(f"store schema version {len(MIGRATIONS)} (named migrations, the last "
                  f"'{MIGRATIONS[-1].name}')")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit (with -v: "
                                          "also Python and the store schema).")] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="With --version: also "
                                          "the Python and the store schema version.")
                       ] = False,
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
        from .text import dumps

        rows = [{"id": e.playbook.id, "title": e.playbook.title,
                 "author": e.playbook.source.author if e.playbook.source else None,
                 "steps": len(e.playbook.steps), "origin": e.origin,
                 "path": e.playbook.path, "shadows": list(e.shadows)}
                for _, e in sorted(catalog.entries.items())]
        print(dumps(rows, indent=2))
        return
    from .render import catalog_rows
    from .table import columns, page

    if not catalog.entries:
        print("No playbooks found. Start one with: recover new ID")
        return
    page(columns(("id", "title", "author", "steps", "from"), catalog_rows(catalog),
                 flexible=("title", "author", "from")))


@app.command(short_help="Show a playbook as a rehearsal card.")
def show(
    playbook: Annotated[str, typer.Argument(help="A playbook id, or a path to a .yaml file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the playbook as JSON.")
                       ] = False,
    playbooks: PlaybooksOption = None,
) -> None:
    """Show a playbook as a rehearsal card: numbered steps with why, do, say, avoid, branches."""
    from .catalog import load_catalog

    catalog = load_catalog(_dirs(playbooks))
    _warn_broken(catalog)
    book = catalog.get(playbook)
    if as_json:
        from .text import dumps

        print(dumps(_plain(book), indent=2))
        return
    from .render import make_console, rehearsal_card

    console = make_console()
    if sys.stdout.isatty():  # taller than the screen: through the pager, as git show does
        from .table import page

        with console.capture() as captured:
            console.print(rehearsal_card(book))
        page(captured.get())
        return
    console.print(rehearsal_card(book))


def _plain(value: object) -> object:
    """Named tuples (the playbook model) as JSON-ready dicts and lists."""
    if hasattr(value, "_asdict"):
        return {k: _plain(v) for k, v in value._asdict().items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


@app.command(short_help="Check playbook files; report every problem located.")
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Playbook files or folders of them.")],
    max_bytes: Annotated[int | None, typer.Option(
        "--max-bytes", min=1, max=1024 * 1024 * 1024, help="Refuse files larger than this "
        "(default 1 MiB, or RECOVER_MAX_PLAYBOOK_BYTES).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts: "
                                          "[{file, ok, problems}].")] = False,
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
            what = "no .yaml playbooks in" if os.path.isdir(path) else "no such file:"
            raise UsageError(f"{what} {path}")
        files += found
    bad = 0
    report = []
    for file in files:
        try:
            load_playbook(str(file), max_bytes)
        except PlaybookError as exc:
            bad += 1
            report.append({"file": str(file), "ok": False, "problems": [
                p._asdict() for p in exc.problems]})
            if not as_json:
                print_problems((str(p) for p in exc.problems), sys.stdout)
        else:
            report.append({"file": str(file), "ok": True, "problems": []})
            if not as_json:
                print_problems([f"{file}: ok"], sys.stdout)
    if as_json:
        from .text import dumps

        print(dumps(report, indent=2))
    else:
        print_problems([f"{len(files) - bad} of {len(files)} playbook(s) valid"],
                       sys.stderr if bad else sys.stdout)
    if bad:
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
    title: Annotated[str | None, typer.Option(
        "--title", metavar="TEXT", help="Its title (asked on a terminal; else marked to "
        "change).")] = None,
    author: Annotated[str | None, typer.Option(
        "--author", metavar="NAME", help="Who the advice comes from (asked on a terminal; "
        "else marked to change).")] = None,
) -> None:
    """Start a new playbook file, with the schema line editors use to check it as you type.

    Never overwrites a file. Until its title and author are your own, 'list' marks it.
    """
    from .authoring import new_playbook
    from .paths import user_playbooks

    source = None
    if from_ is not None:
        from .catalog import load_catalog

        book = load_catalog().get(from_)
        source = Path(book.path) if book.path else None
    if sys.stdin.isatty() and sys.stdout.isatty():
        from .terminal import terminal_prompter

        ask = terminal_prompter()
        if title is None:
            title = (ask.text("Title of the new playbook (Enter: decide later):", mark="?")
                     or "").strip() or None
        if author is None and source is None:
            author = (ask.text("Who the advice comes from (Enter: decide later):", mark="?")
                      or "").strip() or None
    target = new_playbook(new_id, to or user_playbooks(), source, title, author)
    from .text import visible

    print(visible(f"Wrote {target}"))
    print(visible(f"Check it with: recover lint {target}"))


@app.command(short_help="Validate playbooks and coach their say lines.")
def lint(
    paths: Annotated[list[Path], typer.Argument(help="Playbook files or folders of them.")],
    fmt: Annotated[str, typer.Option("--format", metavar="text|github|json",
                                     help="Plain lines, GitHub Actions annotations, or JSON.")
                   ] = "text",
    as_json: Annotated[bool, typer.Option("--json", help="The same as --format json.")
                       ] = False,
    rules: RulesOption = None,
) -> None:
    """Everything validate reports, plus the wording coach over every 'say' line:
    FILE:LINE:COL: rule: message. Exits 1 when anything was found."""
    from .authoring import lint_file
    from .catalog import playbook_files
    from .errors import UsageError
    from .practice.engine import Coach

    if as_json:
        fmt = "json"
    if fmt not in ("text", "github", "json"):
        raise UsageError(f"unknown format '{fmt}' (formats: text, github, json)")
    files: list[Path] = []
    for path in paths:
        found = playbook_files(path)
        if not found:
            what = "no .yaml playbooks in" if os.path.isdir(path) else "no such file:"
            raise UsageError(f"{what} {path}")
        files += found
    coach = Coach.load(str(p) for p in rules or [])
    from .text import one_line

    count = clean = 0
    listed: list[dict[str, object]] = []
    for file in files:
        messages = lint_file(str(file), coach)
        count += len(messages)
        clean += not messages
        listed += [m._asdict() for m in messages]
        if fmt == "json":
            continue
        for message in messages:
            print(one_line(message.github() if fmt == "github" else message.plain()))
        if not messages:
            print(one_line(f"{file}: ok"))
    if fmt == "json":
        from .text import dumps

        print(dumps(listed, indent=2))
    elif count:
        print(f"{count} problem(s) in {len(files) - clean} of {len(files)} file(s)",
              file=sys.stderr)
    else:
        print(f"{len(files)} of {len(files)} file(s) clean")
    if count:
        raise typer.Exit(1)


@app.command(short_help="Show where recover keeps things and whether its store answers.")
def doctor(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    playbooks: PlaybooksOption = None,
) -> None:
    """Where the config file, the data and the cache are, the playbook folders in the
    order they are read (later ones shadow earlier), the store in use (its password
    masked) and whether it answers, the version, and the optional extras installed."""
    from .doctor import checkup, render_checkup

    report = checkup(_dirs(playbooks))
    if as_json:
        from .text import dumps

        print(dumps(report, indent=2))
        return
    from .text import visible

    sys.stdout.write(visible(render_checkup(report)))


def _fail(error: RecoverError) -> NoReturn:
    from .errors import DocumentError
    from .text import visible

    if isinstance(error, DocumentError):  # located problems, one per line, as editors read them
        sys.stderr.write("".join(visible(str(p)) + "\n" for p in error.problems))
    else:
        sys.stderr.write(visible(f"recover: {error.message}") + "\n")
    sys.exit(error.exit_code)


def _usage(error: Exception) -> NoReturn:
    """A usage error from the option parser, which quotes what was typed: through the gate."""
    import io

    from .text import visible

    buffer = io.StringIO()
    show = getattr(error, "show", None)
    if show is not None:
        show(file=buffer)
    else:  # pragma: no cover - every click exception can show itself
        buffer.write(f"Error: {error}\n")
    sys.stderr.write(visible(buffer.getvalue()))
    sys.exit(int(getattr(error, "exit_code", 2)))


def _command_named(args: list[str]) -> typer.Typer:
    """The app with only the command being run, when one is named: typer builds every
    registered command's options on each call, and a command needs only its own."""
    def only(commands: list[typer.models.CommandInfo]) -> typer.Typer:
        single = typer.Typer(name="recover", add_completion=False,
                             pretty_exceptions_enable=False, rich_markup_mode=None,
                             context_settings={"help_option_names": ["-h", "--help"]})
        single.registered_callback = app.registered_callback
        single.registered_commands = commands
        return single

    if args and args[0] in ("--version", "-v", "--verbose") and set(args) <= {
            "--version", "-v", "--verbose"}:
        return only([])  # the root options are all --version needs (no completion options)
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


def _hostile_bytes() -> None:
    """Bytes that are not UTF-8 never crash a command: in arguments (which are not the
    name of an existing file) they are kept as a visible ``\\xe9``; what is read from
    stdin keeps them (``surrogateescape``) for the text gate to spell; what is written
    spells any that slipped through instead of failing mid-call."""
    for index, arg in enumerate(sys.argv[1:], start=1):
        if not arg.isascii():  # (the common case imports nothing)
            from .text import clean

            if arg != clean(arg) and not os.path.lexists(arg):
                sys.argv[index] = clean(arg)
    for stream, errors in ((sys.stdin, "surrogateescape"), (sys.stdout, "backslashreplace"),
                           (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=errors)


def main() -> None:
    """Entry point: one place turns errors into a message and an exit status."""
    debug = "--debug" in sys.argv[1:]
    try:
        _hostile_bytes()
        code = _command_named(sys.argv[1:])(standalone_mode=False, prog_name="recover")
        if isinstance(code, int) and not isinstance(code, bool):
            sys.exit(code)
    except typer.exceptions.TyperException as error:  # click's usage errors
        _usage(error)
    except typer.Abort:
        sys.stderr.write("Aborted.\n")
        sys.exit(1)
    except RecoverError as error:
        if debug:
            raise
        _fail(error)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # anything unexpected: no traceback, no personal data
        if debug:
            raise
        if type(error).__module__.split(".")[0] in ("sqlite3", "psycopg"):
            # A store that fails on a read (a damaged page, a dropped table): the driver's
            # first line, which never holds row contents.
            from .text import one_line

            reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
            sys.stderr.write(one_line(f"recover: the session store cannot be read "
                                      f"({reason or type(error).__name__}); it may be "
                                      "damaged") + "\n")
            sys.exit(1)
        sys.stderr.write(f"recover: internal error ({type(error).__name__}); "
                         "run again with --debug for details\n")
        sys.exit(70)


# The other commands live beside this module and register on the same app.
from . import cli_practice, cli_sessions  # noqa: E402, F401
