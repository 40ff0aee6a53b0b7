"""Opening the store the configuration names: the team's PostgreSQL when a database URL
is set (the local store when it cannot be reached, and sending what was kept locally when
it can), else the local SQLite store; in memory when not saving.

Retention (``retention_days``) is one agent's setting, so it applies to their local
store only; a team store keeps its history until the team runs ``recover retention``.
"""

from __future__ import annotations

import sys
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from recoverycli.errors import StoreError, UsageError
from recoverycli.i18n import _

from .store import LOCALLY, Store, pending_marker

if TYPE_CHECKING:
    from .sync import LocalOnly


PICK_BOUND = 5.0  # seconds a statement of due's picker may take: a frozen server is left
# for the local store in seconds, not the batch bound's minute (red team, issue 22)

def open_postgres(url: str, bound: float | None = None, lite: bool = False) -> Store:
    """``lite``: libpq without the rest of psycopg (see :mod:`.libpq`)."""
    from .postgres import BATCH_BOUND, PostgresBackend

    return Store(PostgresBackend(url, bound or BATCH_BOUND, lite))


def say(line: str) -> None:
    from recoverycli.text import visible

    sys.stderr.write(visible(f"recover: {line}") + "\n")


def report_sync(sent: object, where: str, quiet: bool) -> None:
    from .sync import Sent

    assert isinstance(sent, Sent)
    if sent.sent and not quiet:
        say(_("sent {what} kept locally to {where}").format(what=sent.what(), where=where))
    for old, new in sent.renamed:  # said even when quiet: the id the agent knows changed
        say(_("session {old} was another session's id on {where}: sent as {new} (nothing "
              "was overwritten)").format(old=old[:8], where=where, new=new))
    for old, new in sent.renamed_attempts:
        say(_("practice attempt {old} was another attempt's id on {where}: sent as {new} "
              "(nothing was overwritten)").format(old=old[:8], where=where, new=new))
    if sent.conflicts:
        from recoverycli.i18n import ngettext, number

        count = len(sent.conflicts)
        say(ngettext("kept {count} locally: its id is a different session on {where} "
                     "({ids}); nothing was overwritten",
                     "kept {count} locally: their ids are different sessions on {where} "
                     "({ids}); nothing was overwritten", count).format(
            count=number(count), where=where, ids=", ".join(sent.conflicts[:5])))


def local_only(store: Store) -> LocalOnly | None:
    """On a team store, what only the local store holds (made before the team store was
    set, or kept while it was away and not sent yet); None when nothing is."""
    from .backends import DB_NAME
    from .sync import kept_count

    if store.kind != "postgresql":
        return None  # the local store is the one in use: nothing is hidden
    from recoverycli.paths import data_dir

    folder = data_dir()
    if not (folder / DB_NAME).exists():
        return None
    local = Store(folder)
    try:
        kept = local.read(kept_count)
    finally:
        local.close()
    return kept or None


def local_only_note(kept: LocalOnly) -> str:
    """One line naming what only the local store holds and how to send it."""
    promises = (f" ({kept.follow_ups} open follow-up{'s' if kept.follow_ups != 1 else ''}"
                " among them)") if kept.follow_ups else ""
    verb = "is" if kept.sessions + kept.attempts == 1 else "are"
    return (f"{kept.what()} {verb} only in the local store{promises}, not in the team "
            "store: 'recover sync --dry-run' lists them, 'recover sync' sends them")


def connect_team_store(url: str, local_folder: Path, quiet: bool = False,
                       require: str | None = None, bound: float | None = None,
                       live: bool = False, lite: bool = False) -> Store:
    """The team's store, or the local one when the server cannot be reached (or psycopg
    is missing). ``require`` names what cannot be done without the team store: then an
    unreachable server is an error instead."""
    def local() -> Store:
        store = Store(local_folder)
        store.pending = True
        return store

    try:
        team = open_postgres(url, bound, lite)
    except (StoreError, UsageError) as exc:
        if require:
            raise StoreError(_("{reason}; {command} needs the team store, so nothing was "
                               "done").format(reason=exc.message, command=require)) from None
        if not quiet:
            say(_("{reason}; using the local store until 'recover sync' can send it").format(
                reason=exc.message))
        kept = local()
        kept.notice = LOCALLY  # a live call says it on its status line
        return kept
    team.fallback = local
    team.quiet = quiet
    if live:  # the next call follows what the team published since (this one has begun)
        from .published import refresh_cache

        with suppress(StoreError):
            refresh_cache(team, url)
    if pending_marker(local_folder).exists() and not live:  # a call never waits on it
        try:
            send_kept(local_folder, team, url, quiet)
        except StoreError as exc:
            say(f"{exc.message}; what was kept locally stays there for 'recover sync'")
    return team


def send_kept(local_folder: Path, team: Store, url: str, quiet: bool) -> None:
    """Send what the local store at ``local_folder`` kept while the team's server was
    away to ``team``, and say what was sent (errors are the caller's to word)."""
    from .conninfo import mask
    from .sync import push

    local = Store(local_folder)
    try:
        report_sync(push(local, team), mask(url), quiet)
    finally:
        local.close()


def open_store(save: bool = True, quiet: bool = False, require: str | None = None,
               live: bool = False, lite: bool = False, bound: float | None = None) -> Store:
    """``require``: what the command does that needs the team store itself (forgetting,
    searching by name), so an unreachable one is an error, not the local store.
    ``live``: a run on a call, whose statements are bounded tightly. ``lite``: a team
    store is reached through libpq alone (a command that must start fast: ``due``).
    ``bound``: seconds any one statement may take, when a command's own (a supervisor
    waiting on ``assign``) is tighter than the batch bound."""
    from recoverycli.config import load_config
    from recoverycli.paths import data_dir

    if not save:
        return Store(None)
    config = load_config()
    if config.database_url:
        from .postgres import LIVE_BOUND

        return connect_team_store(config.database_url, data_dir(), quiet, require,
                                  LIVE_BOUND if live else bound, live, lite)
    store = Store(data_dir())
    if config.retention_days:
        store.apply_retention(config.retention_days)
    return store


def refresh_team_playbooks(url: str) -> str | None:
    """Fetch the team's published playbooks into this agent's cache, bounded as a live
    call is (a server down or frozen costs seconds, not minutes); None when done, else
    why not (the cache is then used as it was)."""
    from .postgres import LIVE_BOUND
    from .published import refresh_cache

    try:
        team = open_postgres(url, LIVE_BOUND)
    except (StoreError, UsageError) as exc:
        return exc.message
    try:
        refresh_cache(team, url)
    except StoreError as exc:
        return exc.message
    finally:
        with suppress(Exception):
            team.close()
    return None
