"""Commands over the stored sessions as a whole: forgetting customers for good, retention,
the team report and sync. Parsing only; the work is in :mod:`recoverycli.storage` and
:mod:`recoverycli.report`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from recoverycli.i18n import M_

from .app import (
    MAX_DAYS,
    AgentFilter,
    ReportFormat,
    TeamFilter,
    _not_found,
    _playbook_filter,
    _session_id,
    _store,
    app,
)
from .complete import session_ids

if TYPE_CHECKING:
    from recoverycli.storage.store import Store



@app.command(short_help=M_("Erase sessions for good."))
def forget(
    session_id: Annotated[str | None, typer.Argument(
        callback=_session_id, autocompletion=session_ids,
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

    from recoverycli.errors import NotFoundError, UsageError
    from recoverycli.storage.columns import iso
    from recoverycli.storage.ids import AmbiguousIdError
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
    kept: list[str] = []
    if local is not None:
        try:
            kept = local.select_ids(ids[0] if session_id and ids else session_id, customer,
                                    before, everything, agent, team)
        except NotFoundError:
            kept = []
    # each store deletes only the rows that matched there: a local session may share its
    # id with a different session on the team store (sync gives it a new id); an id names
    # the session the team store resolved, and a local one of another name stays
    others: list[str] = []
    if session_id and kept:
        from recoverycli.storage.forget import same_sessions

        kept, others = same_sessions(store.name_keys(ids), local.name_keys(kept), kept) \
            if local is not None else (kept, [])
    here = list(ids)
    ids = here + [i for i in kept if i not in here]
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
    store.forget(here)
    if local is not None:
        local.forget(kept)
    print(f"Forgot {what}.")
    for other in others:
        from recoverycli.text import one_line

        print(one_line(f"Session {other[:8]} kept on this machine is a different session "
                       "sharing that id (another customer): not forgotten. 'recover sync' "
                       "sends it under a new id; forget it by 'recover forget --customer "
                       "NAME'."))


def _kept_locally(store: Store) -> Store | None:
    """On a team store, the local store of rows waiting for sync, if there is one."""
    if store.kind != "postgresql":
        return None
    from recoverycli.paths import data_dir
    from recoverycli.storage.store import Store

    if not (data_dir() / "sessions.db").exists():
        return None
    return Store(data_dir())


@app.command(short_help=M_("Forget the store's sessions older than N days (the team's call)."))
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


@app.command(short_help=M_("What the team's recoveries achieve."))
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
    as_json: Annotated[bool, typer.Option("--json", help="The same as --format json.")
                       ] = False,
    lang: Annotated[str | None, typer.Option(
        "--lang", metavar="LANG", help=M_(
            "Write the report in this language (en, es); default: the interface's."))
                    ] = None,
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
    if as_json:
        if fmt not in ("text", "json"):
            from recoverycli.errors import UsageError

            raise UsageError(f"--json is --format json: give one of --json and --format {fmt}")
        fmt = "json"
    from recoverycli.i18n import language, speaking

    from .sessions import _summary_lang

    chosen = _summary_lang(lang, "--lang") or language()
    today = local_today()
    start = parse_since(since, today).isoformat() if since else None
    store = _store()
    with speaking(chosen):  # the report's words, dates and numbers; the messages stay yours
        data = gather(store, today, start, agent, _playbook_filter(store, playbook), team,
                      rehearsals, since)
        _write_report(render(fmt, data), output)


def _write_report(result: object, output: Path | None) -> None:
    """The rendered report to stdout (through the pager when taller than the terminal)
    or to ``output``."""
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
        with console.capture() as captured:  # fitted to the terminal's width
            console.print(result)
        text = _no_trailing_spaces(captured.get())
        if not sys.stdout.isatty():
            sys.stdout.write(text)
            return
        from recoverycli.table import page

        page(text)  # taller than the screen: through the pager
    else:
        import io

        from recoverycli.paths import write_private

        buffer = io.StringIO()
        make_console(file=buffer).print(result)
        write_private(str(output), _no_trailing_spaces(buffer.getvalue()))


def _no_trailing_spaces(text: str) -> str:
    """Rich pads each line of a table to the table's width; a report is read, pasted and
    diffed, so each line ends at its last character. Colour codes among the padding are
    kept (without the spaces), so every style is still closed."""
    import re

    def trim(match: re.Match[str]) -> str:
        return "".join(re.findall(r"\x1b\[[0-9;]*m", match.group(0)))

    return re.sub(r"(?:[ ]|\x1b\[[0-9;]*m)+$", trim, text, flags=re.M)


@app.command(short_help=M_("Send sessions kept locally to the team store."))
def sync(
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="List what would be sent, and send nothing.")] = False,
) -> None:
    """Send to the team store, exactly once, every session, practice attempt and follow-up
    kept only in the local store: those made before the team store was set, and those
    saved while its PostgreSQL was unreachable.

    What was saved while the server was away is also sent at the start of every command
    that reaches it again; what was made before the team store was set is sent only by
    this command (history, due and doctor say when there is some).
    """
    from recoverycli.config import load_config
    from recoverycli.errors import StoreError, UsageError
    from recoverycli.paths import data_dir
    from recoverycli.storage.conninfo import mask
    from recoverycli.storage.open import open_postgres
    from recoverycli.storage.store import Store
    from recoverycli.storage.sync import kept_count, push
    from recoverycli.text import visible

    url = load_config().database_url
    if not url:
        raise UsageError("no team store is set: give --database-url, RECOVER_DATABASE_URL or "
                         "database_url in config.toml")
    local = Store(data_dir())
    waiting = local.read(kept_count)
    if dry_run:
        _list_kept(local, waiting)
        from recoverycli.storage.postgres import MissingExtra, _import_psycopg

        try:
            _import_psycopg()
        except MissingExtra as exc:  # newcomer: the dry run said yes, the sync then failed
            print(visible(f"warning: {exc.message}; until then the sync itself fails"),
                  file=sys.stderr)
        return
    try:
        team = open_postgres(url)
    except StoreError as exc:
        kept = waiting.what() or "nothing"
        raise StoreError(f"{exc.message}; {kept} still kept locally") from None
    result = push(local, team, everything=True)
    if result.sent:
        print(visible(f"Sent {result.what()} to {mask(url)}."))
    elif not result.conflicts:
        if result.present:
            print(visible(f"Nothing to send: the {waiting.what()} kept locally were "
                          f"already in the team store, as new or newer; removed here."))
        else:
            print("Nothing to send: every session is in the team store.")
    for old, new in result.renamed:
        print(visible(f"Session {old[:8]} was another session's id on the team store: "
                      f"sent as {new} (nothing was overwritten)."))
    for old, new in result.renamed_attempts:
        print(visible(f"Practice attempt {old[:8]} was another attempt's id on the team "
                      f"store: sent as {new} (nothing was overwritten)."))
    if result.conflicts:
        raise StoreError(f"kept {len(result.conflicts)} locally: their ids are different "
                         f"sessions on {mask(url)} ({', '.join(result.conflicts[:5])}); "
                         "nothing was overwritten")


def _list_kept(local: Store, waiting: object) -> None:
    """``sync --dry-run``: each row the local store holds, one line each, oldest first."""
    from recoverycli.storage.sync import LocalOnly, kept_rows
    from recoverycli.text import one_line

    assert isinstance(waiting, LocalOnly)
    if not waiting:
        print("Nothing to send: every session is in the team store.")
        return
    rows = local.read(kept_rows)
    short = local.short_ids([str(r["id"]) for r in rows if r["kind"] == "session"])
    promises = (f", {waiting.follow_ups} open follow-up{'s' if waiting.follow_ups != 1 else ''}"
                " among them") if waiting.follow_ups else ""
    print(f"Would send {waiting.what()}{promises} (nothing sent; 'recover sync' sends them):")
    for row in rows:
        ident = short.get(str(row["id"]), str(row["id"])[:8])
        what = (f"{row['playbook']}  {row['customer'] or '-'}" if row["kind"] == "session"
                else f"{row['kind']} {row['playbook'] or ''}".rstrip())
        due = f"  follow-up {row['follow_up']}" if row["follow_up"] else ""
        print(one_line(f"  {ident}  {str(row['started'])[:16].replace('T', ' ')}  "
                       f"{what}{due}"))
