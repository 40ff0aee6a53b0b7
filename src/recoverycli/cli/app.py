"""The Typer app, its root options, the options the commands share, and the one place
that turns errors into a message and an exit status (:func:`main`).

The commands live beside this module, one module per audience (:mod:`.sessions`,
:mod:`.practice`, :mod:`.authoring`); they import from here, never the other way round,
and :mod:`recoverycli.cli` imports them after this module so they register on ``app``.
Only typer is imported at module level; every command imports what it needs when it
runs, so ``recover --version`` and ``--help`` cost no more than the framework.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn

import typer

from recoverycli import __version__
from recoverycli.errors import RecoverError
from recoverycli.i18n import M_, _

from .framework import localise

localise()  # typer's own words through the project's catalogue, before a command is built

if TYPE_CHECKING:
    from recoverycli.errors import NotFoundError
    from recoverycli.storage.store import Store

app = typer.Typer(
    name="recover",
    help=M_("A terminal coach for service recovery: walk a proven recovery script step by "
            "step, keep notes, and leave with a checklist."),
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
                 help=M_("Also read playbooks from DIR (repeatable; shadows the others).")),
]


def _version(value: bool) -> None:
    if value:
        print(f"recover {__version__}")
        if {"-v", "--verbose"} & set(sys.argv[1:]):
            import platform

            from recoverycli.storage.schema import MIGRATIONS

            print(f"Python {platform.python_version()} ({sys.executable})")
            print(_("store schema version {version} (named migrations, the last '{name}')"
                    ).format(version=len(MIGRATIONS), name=MIGRATIONS[-1].name))
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help=M_("Show the version and exit (with -v: "
                                                  "also Python and the store schema).")
                                          )] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help=M_(
        "With --version: also the Python and the store schema version."))] = False,
    debug: Annotated[bool, typer.Option("--debug", help=M_("Show tracebacks for errors.")
                                        )] = False,
    database_url: Annotated[str | None, typer.Option(
        "--database-url", metavar="URL", help=M_(
            "The team's PostgreSQL store (postgresql://...); else RECOVER_DATABASE_URL, "
            "database_url in config.toml, or the local SQLite store."))] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", metavar="LANG", help=M_(
            "The interface's language (en, es); else lang in config.toml, LANGUAGE, "
            "LC_ALL, LC_MESSAGES or LANG."))] = None,
) -> None:
    # (--lang is read by main() before the command line is parsed: the help is in it too)
    if database_url:
        import os

        os.environ["RECOVER_DATABASE_URL"] = database_url


AgentFilter = Annotated[str | None, typer.Option("--agent", metavar="NAME",
                                                 help=M_("Only sessions run by this agent."))]
TeamFilter = Annotated[str | None, typer.Option("--team", metavar="NAME",
                                                help=M_("Only sessions of this team."))]


def _dirs(playbooks: list[Path] | None) -> list[str]:
    return [str(p) for p in playbooks or []]


RulesOption = Annotated[
    list[Path] | None,
    typer.Option("--rules", metavar="FILE", help=M_(
        "Also use this rules file (repeatable): add rules, or switch built-in ones off "
        "with 'disable'.")),
]


def _store(require: str | None = None, lite: bool = False,
           bound: float | None = None, picking: bool = False) -> Store:
    """The configured store; ``require`` names what needs the team store itself, so an
    unreachable one is refused rather than the local store searched in its place;
    ``lite``: reached through libpq alone, for a command that must start fast;
    ``bound``: seconds a statement may take, when tighter than the batch bound;
    ``picking``: on a terminal the command asks and saves, so a frozen server is left
    for the local store in seconds (``PICK_BOUND``)."""
    from recoverycli.storage.open import PICK_BOUND, open_store

    if picking and sys.stdin.isatty() and sys.stdout.isatty():
        bound = PICK_BOUND
    return open_store(require=require, lite=lite, bound=bound)


def _say_local_only(store: Store) -> None:
    """On a team store, name on stderr what only the local store holds (issue 22)."""
    from recoverycli.storage.open import local_only, local_only_note, say

    kept = local_only(store)
    if kept:
        say(local_only_note(kept))


def _playbook_paths(paths: list[Path]) -> list[Path]:
    """The playbook files the arguments name (a folder: its .yaml files), or a usage error
    for one that names none: what validate and lint both read."""
    from recoverycli.errors import UsageError
    from recoverycli.i18n import _
    from recoverycli.playbooks.catalog import playbook_files

    files: list[Path] = []
    for path in paths:
        found = playbook_files(path)
        if not found:
            what = _("no .yaml playbooks in {path}") if os.path.isdir(path) else _(
                "no such file: {path}")
            raise UsageError(what.format(path=path))
        files += found
    return files


def _team_playbooks() -> None:
    """Before ``list`` and ``show``: fetch the team's published playbooks into this
    agent's cache (bounded as a live call is); if the team store cannot be read, say so
    in one line and go on with the cache as it was."""
    from recoverycli.config import load_config

    try:
        url = load_config().database_url
    except RecoverError:  # list and show never needed the config: they go on without it
        return
    if not url:
        return
    from recoverycli.storage.open import refresh_team_playbooks, say

    why = refresh_team_playbooks(url)
    if why is None:
        return
    from recoverycli.playbooks.team import read_cache, store_key

    cached = read_cache(store_key(url))
    fetched = cached.fetched
    said = (_("the team's published playbooks as fetched {when} UTC").format(
                when=fetched[:16].replace("T", " "))
            if fetched else _("the team-playbook cache cannot be used (see the warning)")
            if cached.problem else _("no team playbooks fetched yet"))
    say(f"{why}; {said}")


def _fail(error: RecoverError) -> NoReturn:
    from recoverycli.errors import DocumentError
    from recoverycli.text import name, visible

    if isinstance(error, DocumentError):  # located problems, one per line, as editors read them
        sys.stderr.write("".join(visible(str(p)) + "\n" for p in error.problems))
    else:  # one line: a line break in what was typed is spelled (\x0a), never kept
        sys.stderr.write(name(f"recover: {error.message}") + "\n")
    sys.exit(error.exit_code)


def _usage(error: Exception, args: list[str]) -> NoReturn:
    """A usage error from the option parser in one line on stderr, as git and cargo print
    theirs: the command, what was wrong, and where its help is, e.g. ``recover history:
    --limit: -1 is not in the range 0<=x<=1000000000 (see recover history -h)``. What
    was typed is quoted in it: through the gate. ``recover`` alone prints the help."""
    from recoverycli.text import one_line, visible

    code = int(getattr(error, "exit_code", 2))
    ctx = getattr(error, "ctx", None)
    if type(error).__name__ == "NoArgsIsHelpError" and ctx is not None:
        sys.stderr.write(visible(ctx.get_help()) + "\n")
        sys.exit(code)
    from .framework import see_help, usage_message

    path = getattr(ctx, "command_path", None) or _command_path(args)
    sys.stderr.write(one_line(f"{path}: {usage_message(_what_went_wrong(error))} "
                              f"{see_help(path)}") + "\n")
    sys.exit(code)


def _what_went_wrong(error: Exception) -> str:
    """Click's message for a usage error, as this project words its errors: the option
    or argument first, lower case, no full stop, a did-you-mean after a semicolon."""
    param: Any = getattr(error, "param", None)
    hint = getattr(error, "param_hint", None)
    message = str(getattr(error, "message", "") or "")
    kind = type(error).__name__
    if kind == "MissingParameter" or not (param is not None or hint) or kind.startswith(
            "NoSuch"):
        format_message = getattr(error, "format_message", None)
        text = format_message() if format_message is not None else str(error)
        possibilities = sorted(getattr(error, "possibilities", None) or [])
        if kind == "NoSuchOption" and getattr(error, "option_name", "") == "--json" and \
                _has_format_json(getattr(error, "ctx", None)):
            possibilities = ["--format json"]  # never "--since", the nearest spelling
        if kind == "NoSuchOption":
            text = message + (f"; did you mean {' or '.join(possibilities)}?"
                              if possibilities else "")
        text = text.replace(". Did you mean", "; did you mean")
    else:
        if hint:
            name = hint if isinstance(hint, str) else " / ".join(hint)
        elif getattr(param, "param_type_name", "") == "option":
            name = max(param.opts, key=len)
        else:
            name = param.human_readable_name
        text = f"{name.strip(chr(39))}: {message}"
    text = " ".join(text.split()).replace(". Choose from:", "; choose from")
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _has_format_json(ctx: Any) -> bool:
    """Whether the command in ``ctx`` has a --format option that offers json."""
    command = getattr(ctx, "command", None)
    for param in getattr(command, "params", []):
        if "--format" in getattr(param, "opts", []):
            return "json" in (getattr(param, "metavar", "") or "")
    return False


def _command_path(args: list[str]) -> str:
    """``recover history`` when a known command is named in ``args``, else ``recover``."""
    names = {info.name or (info.callback.__name__ if info.callback else "")
             for info in app.registered_commands}
    name = next((a for a in args if not a.startswith("-")), None)
    return f"recover {name}" if name in names else "recover"


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
    return index > 0 and args[index - 1] in ("--database-url", "--lang")


def _root_lang(args: list[str]) -> str | None:
    """The value of ``--lang`` among the root options (before the command's name)."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--lang":
            return args[index + 1] if index + 1 < len(args) else None
        if arg.startswith("--lang="):
            return arg.removeprefix("--lang=")
        if not arg.startswith("-"):
            return None
        index += 2 if arg == "--database-url" else 1
    return None


def _configured_lang() -> str | None:
    """``lang`` in config.toml; the settings module is imported only when there is a file."""
    from recoverycli.paths import user_config_dir

    if not os.path.lexists(user_config_dir() / "config.toml"):
        return None
    from recoverycli.config import configured_lang

    return configured_lang()


def _set_language(args: list[str]) -> None:
    """What decides the interface's language, resolved only when a string is needed:
    ``--lang``, then config.toml's ``lang`` (read then, quietly), then the environment."""
    from recoverycli import i18n

    lang = _root_lang(args)
    i18n.use(lang, _configured_lang)
    if lang is not None:
        i18n.stderr_warnings()  # a --lang it cannot honour: said once, then English


def _hostile_bytes() -> None:
    """Bytes that are not UTF-8 never crash a command: in arguments (which are not the
    name of an existing file) they are kept as a visible ``\\xe9``; what is read from
    stdin keeps them (``surrogateescape``) for the text gate to spell; what is written
    spells any that slipped through instead of failing mid-call."""
    for index, arg in enumerate(sys.argv[1:], start=1):
        if not arg.isascii():  # (the common case imports nothing)
            from recoverycli.text import clean

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
        _set_language(sys.argv[1:])
        code = _command_named(sys.argv[1:])(standalone_mode=False, prog_name="recover")
        if isinstance(code, int) and not isinstance(code, bool):
            sys.exit(code)
    except typer.exceptions.TyperException as error:  # click's usage errors
        _usage(error, sys.argv[1:])
    except typer.Abort:
        sys.stderr.write(_("Aborted.") + "\n")
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
            from recoverycli.text import one_line

            reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
            sys.stderr.write(one_line("recover: " + _(
                "the session store cannot be read ({reason}); it may be damaged").format(
                    reason=reason or type(error).__name__)) + "\n")
            sys.exit(1)
        sys.stderr.write("recover: " + _(
            "internal error ({kind}); run again with --debug for details").format(
                kind=type(error).__name__) + "\n")
        sys.exit(70)


ReportFormat = Literal["text", "md", "html", "json"]


MAX_DAYS = 100 * 366  # --days: a century; more overflows a date


def _not_found(store: Store, session_id: str, error: NotFoundError) -> NotFoundError:
    """``error``, or the same with a did-you-mean when ids one typo away exist."""
    from recoverycli.errors import NotFoundError

    near = store.near_ids(session_id)
    if not near:
        return error
    short = store.short_ids(near)
    names = _(" or ").join(f"'{short[i]}'" for i in near)
    return NotFoundError(_("no session '{id}'; did you mean {names}? (see 'recover history')"
                           ).format(id=session_id, names=names))


def _session_id(value: str | None) -> str | None:
    """Session ids are lower-case hex; one typed in capitals is the same session."""
    return value.strip().lower() if value else value


def _playbook_filter(store: Store, value: str | None) -> str | None:
    """``--playbook``: the stored id it names whatever the case (HYKEN is hyken); a near
    miss (hyke) is refused with a did-you-mean rather than answered with an empty report
    that looks like real data."""
    if value is None:
        return None
    from recoverycli.errors import NotFoundError
    from recoverycli.names import matching, nearest
    from recoverycli.storage.sessions import playbook_ids

    known = store.read(playbook_ids)
    found = matching(value, known)
    if found is not None:
        return found
    near = nearest(value, known)
    if near:
        raise NotFoundError(_("no sessions of playbook '{name}'; did you mean '{near}'?"
                              ).format(name=value, near=near))
    return value
