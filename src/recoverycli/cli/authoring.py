"""Commands for the team lead writing playbooks: list, show, validate, schema, new,
lint and doctor. Parsing only; the work is in :mod:`recoverycli.playbooks.catalog`,
:mod:`recoverycli.playbooks.authoring` and :mod:`recoverycli.cli.doctor`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from recoverycli.i18n import M_, _

from .app import PlaybooksOption, RulesOption, _dirs, _playbook_paths, _team_playbooks, app
from .complete import playbook_ids

if TYPE_CHECKING:
    from recoverycli.playbooks.catalog import Catalog

LintFormat = Literal["text", "github", "json"]


def _warn_broken(catalog: Catalog) -> None:
    from recoverycli.text import one_line

    for line in catalog.warnings:
        sys.stderr.write(one_line(f"warning: {line}") + "\n")
    for error in catalog.broken:
        first = error.problems[0]
        more = f" (+{len(error.problems) - 1} more)" if len(error.problems) > 1 else ""
        fix = (f"run 'recover validate {first.file}'" if not first.file.startswith("team:")
               else "the team store's copy is not a valid playbook: publish a fixed one")
        sys.stderr.write(one_line(f"warning: skipped broken playbook {first}{more}; {fix}")
                         + "\n")


@app.command("list", short_help=M_("List the playbooks and where each came from."), help=M_(
    "List the playbooks there are: id, title, author, steps, and where each came from "
    "(built in, the team store's published version, your folder, RECOVER_PLAYBOOKS, "
    "--playbooks); where one id is in several places, which copy is used and why."))
def list_playbooks(
    as_json: Annotated[bool, typer.Option("--json", help=M_("Print JSON for scripts."))] = False,
    playbooks: PlaybooksOption = None,
) -> None:
    from recoverycli.playbooks.catalog import load_catalog, why_wins

    _team_playbooks()
    catalog = load_catalog(_dirs(playbooks))
    _warn_broken(catalog)
    if as_json:
        from recoverycli.text import dumps

        rows = [{"id": e.playbook.id, "title": e.playbook.title,
                 "author": e.playbook.source.author if e.playbook.source else None,
                 "steps": len(e.playbook.steps), "origin": e.origin,
                 "path": e.playbook.path, "version": e.playbook.version,
                 "hash": e.playbook.content_hash, "shadows": list(e.shadows),
                 "wins_because": why_wins(e)}
                for _, e in sorted(catalog.entries.items())]
        print(dumps(rows, indent=2))
        return
    from recoverycli.playbooks.render import catalog_rows
    from recoverycli.table import columns, page

    if not catalog.entries:
        print(_("No playbooks found. Start one with: recover new ID"))
        return
    heads = ("id", _("title"), _("author"), _("steps"), _("from"))
    table = columns(heads, catalog_rows(catalog), flexible=(heads[1], heads[2], heads[4]))
    whys = [w for w in (why_wins(e) for _, e in sorted(catalog.entries.items())) if w]
    if whys:
        from recoverycli.text import fitted, one_line

        table = table.rstrip("\n") + "\n\n" + "\n".join(fitted(one_line(w)) for w in whys) \
            + "\n"
    page(table)


@app.command(short_help=M_("Show a playbook as a rehearsal card."), help=M_(
    "Show a playbook as a rehearsal card: numbered steps with why, do, say, avoid, "
    "branches."))
def show(
    playbook: Annotated[str, typer.Argument(
        help=M_("A playbook id, or a path to a .yaml file."),
        autocompletion=playbook_ids)],
    as_json: Annotated[bool, typer.Option("--json", help=M_("Print the playbook as JSON."))
                       ] = False,
    playbooks: PlaybooksOption = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", metavar="LANG", help=M_(
            "Show the playbook's text in this language (default: the interface's); "
            "missing strings show in English, marked [en]."))] = None,
) -> None:
    from recoverycli.playbooks.catalog import SUFFIXES, load_catalog

    if not (playbook.endswith(SUFFIXES) or os.sep in playbook):  # a path is read as it is
        _team_playbooks()
    catalog = load_catalog(_dirs(playbooks))
    _warn_broken(catalog)
    book = catalog.get(playbook)
    if book.translations or lang:
        from recoverycli.i18n import language
        from recoverycli.playbooks.translations import SOURCE, languages, translated

        book, fell_back = translated(book, lang or language())
        if fell_back and not as_json:
            from recoverycli.playbooks.render import fallback_note

            print(fallback_note(len(fell_back), lang or language()), file=sys.stderr)
        elif lang and lang != SOURCE and lang not in languages(book) and not as_json:
            from recoverycli.playbooks.render import untranslated_note

            print(untranslated_note(lang), file=sys.stderr)
    if as_json:
        from recoverycli.text import dumps

        print(dumps(_plain(book), indent=2))
        return
    from recoverycli.playbooks.render import rehearsal_card
    from recoverycli.render import make_console

    console = make_console()
    if sys.stdout.isatty():  # taller than the screen: through the pager, as git show does
        from recoverycli.table import page

        with console.capture() as captured:
            console.print(rehearsal_card(book))
        page(captured.get())
        return
    console.print(rehearsal_card(book))


def _plain(value: object) -> object:
    """Named tuples (the playbook model) as JSON-ready dicts and lists."""
    if hasattr(value, "_asdict"):
        return {k: _plain(v) for k, v in value._asdict().items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


@app.command(short_help=M_("Check playbook files; report every problem located."), help=M_(
    "Check playbook files and report every problem as FILE:LINE:COL: path: message.\n\n"
    "Exits 0 when all are valid, 1 when any is not, 2 for a usage error."))
def validate(
    paths: Annotated[list[Path], typer.Argument(help=M_(
        "Playbook files or folders of them."))],
    max_bytes: Annotated[int | None, typer.Option(
        "--max-bytes", min=1, max=1024 * 1024 * 1024, help=M_(
            "Refuse files larger than this (default 1 MiB, or "
            "RECOVER_MAX_PLAYBOOK_BYTES)."))] = None,
    as_json: Annotated[bool, typer.Option("--json", help=M_(
        "Print JSON for scripts: [{file, ok, problems}]."))] = False,
) -> None:
    from recoverycli.errors import PlaybookError
    from recoverycli.i18n import _, ngettext, number
    from recoverycli.playbooks.model import load_playbook
    from recoverycli.render import print_problems

    files = _playbook_paths(paths)
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
                print_problems([f"{file}: " + _("ok")], sys.stdout)
    if as_json:
        from recoverycli.text import dumps

        print(dumps(report, indent=2))
    else:
        print_problems([ngettext("{valid} of {count} playbook valid",
                                 "{valid} of {count} playbooks valid", len(files)).format(
                                     valid=number(len(files) - bad), count=number(len(files)))],
                       sys.stderr if bad else sys.stdout)
    if bad:
        raise typer.Exit(1)


@app.command(short_help=M_("Print the playbook format's JSON Schema."), help=M_(
    "Print the JSON Schema of the playbook format, for editors (yaml-language-server)."))
def schema() -> None:
    import json

    from recoverycli.playbooks.schema import playbook_schema

    print(json.dumps(playbook_schema(), indent=2))


@app.command(short_help=M_("Start a new playbook file."), help=M_(
    "Start a new playbook file, with the schema line editors use to check it as you type."
    "\n\nNever overwrites a file. Until its title and author are your own, 'list' marks it."))
def new(
    new_id: Annotated[str, typer.Argument(metavar="ID", help=M_("The new playbook's id."))],
    from_: Annotated[str | None, typer.Option(
        "--from", metavar="PLAYBOOK", help=M_("Start from this playbook (an id or a path).")
    )] = None,
    to: Annotated[Path | None, typer.Option(
        "--to", metavar="DIR", help=M_("Write it here (default: your playbook folder).")
    )] = None,
    title: Annotated[str | None, typer.Option(
        "--title", metavar="TEXT", help=M_(
            "Its title (asked on a terminal; else marked to change)."))] = None,
    author: Annotated[str | None, typer.Option(
        "--author", metavar="NAME", help=M_(
            "Who the advice comes from (asked on a terminal; else marked to change)."))
    ] = None,
) -> None:
    from recoverycli.i18n import _
    from recoverycli.paths import user_playbooks
    from recoverycli.playbooks.authoring import new_playbook

    source = None
    if from_ is not None:
        from recoverycli.playbooks.catalog import load_catalog

        book = load_catalog().get(from_)
        source = Path(book.path) if book.path else None
    if sys.stdin.isatty() and sys.stdout.isatty():
        from recoverycli.screen.terminal import terminal_prompter

        ask = terminal_prompter()
        if title is None:
            title = (ask.text(_("Title of the new playbook (Enter: decide later):"), mark="?")
                     or "").strip() or None
        if author is None and source is None:
            author = (ask.text(_("Who the advice comes from (Enter: decide later):"),
                               mark="?")
                      or "").strip() or None
    target = new_playbook(new_id, to or user_playbooks(), source, title, author)
    from recoverycli.playbooks.authoring import schema_note

    note = schema_note(target.parent)
    from recoverycli.text import one_line

    print(one_line(_("Wrote {path}").format(path=target)))
    if note:
        print(one_line(_("warning: {note}").format(note=note)), file=sys.stderr)
    print(one_line(_("Check it with: recover lint {path}").format(path=target)))


@app.command(short_help=M_("Validate playbooks and coach their say lines."), help=M_(
    "Everything validate reports, plus the wording coach over every 'say' line, and the "
    "translations a playbook is missing or that are stale: FILE:LINE:COL: rule: message. "
    "Exits 1 when anything was found."))
def lint(
    paths: Annotated[list[Path], typer.Argument(help=M_(
        "Playbook files or folders of them."))],
    fmt: Annotated[LintFormat, typer.Option(
        "--format", metavar="text|github|json", case_sensitive=False,
        help=M_("Plain lines, GitHub Actions annotations, or JSON."))] = "text",
    as_json: Annotated[bool, typer.Option("--json", help=M_("The same as --format json."))
                       ] = False,
    rules: RulesOption = None,
) -> None:
    from recoverycli.i18n import _, ngettext, number
    from recoverycli.playbooks.authoring import lint_file
    from recoverycli.practice.engine import Coach

    if as_json:
        fmt = "json"
    files = _playbook_paths(paths)
    coach = Coach.load(str(p) for p in rules or [])
    from recoverycli.text import one_line

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
            print(one_line(f"{file}: " + _("ok")))
    if fmt == "json":
        from recoverycli.text import dumps

        print(dumps(listed, indent=2))
    elif count:
        print(ngettext("{count} problem", "{count} problems", count).format(
            count=number(count)) + " " + ngettext(
                "in {bad} of {count} file", "in {bad} of {count} files", len(files)).format(
                    bad=number(len(files) - clean), count=number(len(files))),
              file=sys.stderr)
    else:
        print(ngettext("{clean} of {count} file clean", "{clean} of {count} files clean",
                       len(files)).format(clean=number(len(files)), count=number(len(files))))
    if count:
        raise typer.Exit(1)


@app.command(short_help=M_("Show where recover keeps things and whether its store answers."),
             help=M_("Where the config file, the data and the cache are, the playbook folders "
                     "in the order they are read (later ones shadow earlier), the store in use "
                     "(its password masked) and whether it answers, the interface's language, "
                     "the version, and the optional extras installed."))
def doctor(
    as_json: Annotated[bool, typer.Option("--json", help=M_("Print JSON for scripts."))
                       ] = False,
    playbooks: PlaybooksOption = None,
) -> None:
    from recoverycli.cli.doctor import checkup, render_checkup

    report = checkup(_dirs(playbooks))
    if as_json:
        from recoverycli.text import dumps

        print(dumps(report, indent=2))
        return
    from recoverycli.text import visible

    sys.stdout.write(visible(render_checkup(report)))
