"""Commands over the stored sessions as a whole: forgetting customers for good, retention,
the team report and sync. Parsing only; the work is in :mod:`recoverycli.storage` and
:mod:`recoverycli.report`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from recoverycli.i18n import M_, _, ngettext

from .app import (
    MAX_DAYS,
    AgentFilter,
    ReportFormat,
    TeamFilter,
    _not_found,
    _playbook_filter,
    _say_local_only,
    _session_id,
    _store,
    app,
)
from .complete import session_ids

if TYPE_CHECKING:
    from recoverycli.storage.store import Store



@app.command(short_help=M_("Erase sessions for good."), help=M_(
    "Erase sessions for good: gone from every file of the store, not just hidden."))
def forget(
    session_id: Annotated[str | None, typer.Argument(
        callback=_session_id, autocompletion=session_ids,
        metavar="[ID]", help=M_("Forget this session."))] = None,
    customer: Annotated[str | None, typer.Option(
        "--customer", metavar="NAME", help=M_("Forget every session with this customer."))
                        ] = None,
    older_than: Annotated[str | None, typer.Option(
        "--older-than", metavar="AGE", help=M_("Forget sessions started more than AGE ago "
                                               "(90d, 12w)."))] = None,
    everything: Annotated[bool, typer.Option("--all", help=M_("Forget every session."))
                          ] = False,
    yes: Annotated[bool, typer.Option("--yes", help=M_("Do not ask for confirmation."))
                   ] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help=M_("Show what would be forgotten, and forget nothing."))] = False,
    agent: AgentFilter = None,
    team: TeamFilter = None,
) -> None:
    """Erase sessions for good (the help above, in the reader's language)."""
    # the docstring above is --help's text: the framework shows the translated one-line help
    import time

    from recoverycli.errors import NotFoundError, UsageError
    from recoverycli.storage.columns import iso
    from recoverycli.storage.ids import AmbiguousIdError
    from recoverycli.when import parse_age

    chosen = [x for x in (session_id, customer, older_than) if x] + (["all"] if everything
                                                                      else [])
    if len(chosen) != 1:
        raise UsageError(_("say what to forget: an ID, --customer NAME, --older-than AGE or "
                           "--all (one of them)"))
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
    count = len(ids)
    if dry_run:
        short = store.short_ids(ids) if ids else {}
        from recoverycli.text import one_line

        print(one_line(ngettext("Would forget {count} session: {ids}",
                                "Would forget {count} sessions: {ids}", count).format(
            count=count, ids=", ".join(short.get(i, i) for i in ids) or _("none"))))
        return
    if not ids:
        if customer:  # forget takes the whole name only: say so, and name the near ones
            near = list(store.history(customer=customer, limit=5, agent=agent, team=team))
            if near:
                from recoverycli.text import one_line

                names = sorted({str(r["customer"]) for r in near if r["customer"]})
                raise NotFoundError(one_line(_(
                    "no session has the customer name '{customer}' (forget takes the whole "
                    "name, in any case); close: {names}; e.g. recover forget --customer "
                    "'{first}'").format(customer=customer,
                                        names=", ".join(repr(n) for n in names),
                                        first=names[0])))
        print(_("Nothing to forget."))
        return
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError(ngettext("forgetting {count} session needs confirmation: add --yes",
                                      "forgetting {count} sessions needs confirmation: add "
                                      "--yes", count).format(count=count))
        try:
            answer = input(ngettext(
                "Forget {count} session (names, notes, answers) for good? [y/N] ",
                "Forget {count} sessions (names, notes, answers) for good? [y/N] ",
                count).format(count=count))
        except EOFError:
            answer = ""
        if answer.strip().lower() not in _yes_words():  # "sí" lowercased is "sí"
            print(_("Nothing forgotten."))
            raise typer.Exit(1)
    store.forget(here)
    if local is not None:
        local.forget(kept)
    print(ngettext("Forgot {count} session.", "Forgot {count} sessions.", count).format(
        count=count))
    for other in others:
        from recoverycli.text import one_line

        print(one_line(_("Session {id} kept on this machine is a different session sharing "
                         "that id (another customer): not forgotten. 'recover sync' sends it "
                         "under a new id; forget it by 'recover forget --customer "
                         "NAME'.").format(id=other[:8])))


def _yes_words() -> tuple[str, ...]:
    """What answers yes to a [y/N] question: y and yes, and the reader's own (s, si, sí;
    the catalogue lists them, comma-separated)."""
    # Translators: the answers that mean yes to a [y/N] question, comma-separated.
    own = [w.strip().lower() for w in _("y,yes").split(",") if w.strip()]
    return ("y", "yes", *own)


def _kept_locally(store: Store) -> Store | None:
    """On a team store, the local store of rows waiting for sync, if there is one."""
    if store.kind != "postgresql":
        return None
    from recoverycli.paths import data_dir
    from recoverycli.storage.store import Store

    if not (data_dir() / "sessions.db").exists():
        return None
    return Store(data_dir())


@app.command(short_help=M_("Forget the store's sessions older than N days (the team's call)."),
             help=M_("Apply a retention period to the store in use - on a team store, to "
                     "everyone's sessions, so it is never a side effect of another command: "
                     "whoever is responsible runs it, with --dry-run first. (retention_days "
                     "in config.toml applies to your own local store only.)"))
def retention(
    days: Annotated[int, typer.Option("--days", metavar="N", min=1, max=MAX_DAYS,
                                      help=M_("Forget sessions started more than N days "
                                              "ago."))],
    apply: Annotated[bool, typer.Option("--apply", help=M_("Forget them."))] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help=M_("Only say how many would be forgotten."))] = False,
) -> None:
    """Apply a retention period to the store in use (the help above)."""
    from recoverycli.errors import UsageError

    if apply == dry_run:
        raise UsageError(_("say --dry-run (count only) or --apply (forget them)"))
    store = _store("retention")
    ids = store.retention_ids(days)
    from recoverycli.text import one_line

    values = {"count": len(ids), "days": days, "where": store.where}
    if dry_run:
        print(one_line(ngettext(
            "Would forget {count} session or practice attempt older than {days} days from "
            "{where}.",
            "Would forget {count} sessions and practice attempts older than {days} days from "
            "{where}.", len(ids)).format(**values)))
        return
    store.forget(ids)
    print(one_line(ngettext(
        "Forgot {count} session or practice attempt older than {days} days from {where}.",
        "Forgot {count} sessions and practice attempts older than {days} days from {where}.",
        len(ids)).format(**values)))


@app.command(short_help=M_("What the team's recoveries achieve."), help=M_(
    "What the team's recoveries achieve: sessions, time per step, skips, hand-offs, "
    "follow-ups kept, the share of recovered customers who came back, week by week and "
    "per playbook. Opens with its period, filters, store, time, version and language."))
def report(
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE", help=M_("Only sessions started on or after DATE "
                                           "(YYYY-MM-DD, or 7d / 2w ago)."))] = None,
    agent: AgentFilter = None,
    team: TeamFilter = None,
    playbook: Annotated[str | None, typer.Option("--playbook", metavar="ID",
                                                 help=M_("Only this playbook."))] = None,
    fmt: Annotated[ReportFormat, typer.Option(
        "--format", metavar="text|md|html|json", case_sensitive=False,
        help=M_("Rich tables, Markdown, an HTML page with charts, or JSON."))] = "text",
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="FILE", help=M_("Write here instead of stdout."))] = None,
    rehearsals: Annotated[bool, typer.Option(
        "--include-rehearsals", help=M_("Count rehearsals as sessions (left out by "
                                        "default, and counted apart)."))] = False,
    as_json: Annotated[bool, typer.Option("--json", help=M_("The same as --format json."))
                       ] = False,
    lang: Annotated[str | None, typer.Option(
        "--lang", metavar="LANG", help=M_(
            "Write the report in this language (en, es); default: the interface's."))
                    ] = None,
) -> None:
    """The team report (the help above), in the language --lang names or the
    interface's."""
    from recoverycli.report.model import gather
    from recoverycli.report.render import render
    from recoverycli.when import local_today, parse_since

    if output is not None:
        from recoverycli.paths import check_writable

        check_writable(str(output), "-o")
    if as_json:
        if fmt not in ("text", "json"):
            from recoverycli.errors import UsageError

            raise UsageError(_("--json is --format json: give one of --json and --format "
                               "{format}").format(format=fmt))
        fmt = "json"
    from recoverycli.i18n import language, speaking

    chosen = _report_lang(lang) or language()
    today = local_today()
    start = parse_since(since, today).isoformat() if since else None
    # on PostgreSQL: libpq alone, not all of psycopg; a team report is the team store's or
    # none (red team, issue 22: a local store in its place gave an empty "Team report")
    store = _store(require="report", lite=True)
    _say_local_only(store)  # what only this machine holds is not in it: said, with the way
    book = _playbook_filter(store, playbook)  # its errors in the reader's language
    with speaking(chosen):  # the report's words, dates and numbers
        data = gather(store, today, start, agent, book, team, rehearsals, since)
        data["lang"] = language()
        _write_report(render(fmt, data), output)


def _report_lang(value: str | None) -> str | None:
    """``report --lang``: a language recover has a catalogue for (English included), or
    one line and exit 2, in export's words (a cli module imports only .app, so export's
    check is not borrowed)."""
    if value is None:
        return None
    from recoverycli.i18n import LANGUAGES, normalise

    found = normalise(value)
    if found is None:
        from recoverycli.errors import UsageError

        raise UsageError(_("{option} {value}: no such language here (languages: "
                           "{languages})").format(option="--lang", value=value,
                                                  languages=", ".join(sorted(LANGUAGES))))
    return found


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


@app.command(short_help=M_("Send sessions kept locally to the team store."), help=M_(
    "Send to the team store, exactly once, every session, practice attempt and follow-up "
    "kept only in the local store: those made before the team store was set, and those "
    "saved while its PostgreSQL was unreachable.\n\n"
    "What was saved while the server was away is also sent at the start of every command "
    "that reaches it again; what was made before the team store was set is sent only by "
    "this command (history, due and doctor say when there is some)."))
def sync(
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help=M_("List what would be sent, and send nothing."))] = False,
) -> None:
    """Send what the local store keeps to the team store (the help above)."""
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
        raise UsageError(_("no team store is set: give --database-url, RECOVER_DATABASE_URL "
                           "or database_url in config.toml"))
    local = Store(data_dir())
    waiting = local.read(kept_count)
    if dry_run:
        _list_kept(local, waiting)
        from recoverycli.storage.postgres import MissingExtra, _import_psycopg

        try:
            _import_psycopg()
        except MissingExtra as exc:  # newcomer: the dry run said yes, the sync then failed
            print(visible(_("warning: {problem}; until then the sync itself fails").format(
                problem=exc.message)), file=sys.stderr)
        return
    try:
        team = open_postgres(url)
    except StoreError as exc:
        if waiting:
            raise StoreError(_("{problem}; {what} still kept locally").format(
                problem=exc.message, what=_kept_words(waiting))) from None
        raise StoreError(_("{problem}; nothing kept locally").format(
            problem=exc.message)) from None
    result = push(local, team, everything=True)
    if result.sent:
        print(visible(_("Sent {what} to {where}.").format(what=result.what(),
                                                          where=mask(url))))
    elif not result.conflicts:
        if result.present:
            print(visible(_("Nothing to send: the {what} kept locally were already in the "
                            "team store, as new or newer; removed here.").format(
                what=_kept_words(waiting))))
        else:
            print(_("Nothing to send: every session is in the team store."))
    for old, new in result.renamed:
        print(visible(_("Session {old} was another session's id on the team store: sent as "
                        "{new} (nothing was overwritten).").format(old=old[:8], new=new)))
    for old, new in result.renamed_attempts:
        print(visible(_("Practice attempt {old} was another attempt's id on the team store: "
                        "sent as {new} (nothing was overwritten).").format(old=old[:8],
                                                                            new=new)))
    if result.conflicts:
        n = len(result.conflicts)
        raise StoreError(ngettext(
            "kept {count} locally: its id is a different session on {where} ({ids}); "
            "nothing was overwritten",
            "kept {count} locally: their ids are different sessions on {where} ({ids}); "
            "nothing was overwritten", n).format(count=n, where=mask(url),
                                                 ids=", ".join(result.conflicts[:5])))


def _kept_words(waiting: object) -> str:
    """ "3 sessions and 1 practice attempt": what the local store keeps, each kind
    counted, naming only what there is."""
    from recoverycli.storage.sync import LocalOnly

    assert isinstance(waiting, LocalOnly)
    parts = []
    if waiting.sessions:
        parts.append(ngettext("{count} session", "{count} sessions", waiting.sessions)
                     .format(count=waiting.sessions))
    if waiting.attempts:
        parts.append(ngettext("{count} practice attempt", "{count} practice attempts",
                              waiting.attempts).format(count=waiting.attempts))
    if len(parts) == 2:
        return _("{first} and {second}").format(first=parts[0], second=parts[1])
    return parts[0] if parts else ""


def _list_kept(local: Store, waiting: object) -> None:
    """``sync --dry-run``: each row the local store holds, one line each, oldest first."""
    from recoverycli.storage.sync import LocalOnly, kept_rows
    from recoverycli.text import one_line

    assert isinstance(waiting, LocalOnly)
    if not waiting:
        print(_("Nothing to send: every session is in the team store."))
        return
    rows = local.read(kept_rows)
    short = local.short_ids([str(r["id"]) for r in rows if r["kind"] == "session"])
    if waiting.follow_ups:
        print(ngettext("Would send {what}, {count} open follow-up among them (nothing sent; "
                       "'recover sync' sends them):",
                       "Would send {what}, {count} open follow-ups among them (nothing sent; "
                       "'recover sync' sends them):", waiting.follow_ups).format(
            what=_kept_words(waiting), count=waiting.follow_ups))
    else:
        print(_("Would send {what} (nothing sent; 'recover sync' sends them):").format(
            what=_kept_words(waiting)))
    for row in rows:
        ident = short.get(str(row["id"]), str(row["id"])[:8])
        what = (f"{row['playbook']}  {row['customer'] or '-'}" if row["kind"] == "session"
                else f"{row['kind']} {row['playbook'] or ''}".rstrip())
        due = "  " + _("follow-up {when}").format(when=row["follow_up"]) \
            if row["follow_up"] else ""
        print(one_line(f"  {ident}  {str(row['started'])[:16].replace('T', ' ')}  "
                       f"{what}{due}"))
