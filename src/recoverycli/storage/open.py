"""Opening the store the configuration names: the team's PostgreSQL when a database URL
is set (the local store when it cannot be reached, and sending what was kept locally when
it can), else the local SQLite store; in memory when not saving."""

from __future__ import annotations

import sys
from pathlib import Path

from recoverycli.errors import StoreError

from .store import Store, pending_marker


def open_postgres(url: str) -> Store:
    from .postgres import PostgresBackend

    return Store(PostgresBackend(url))


def connect_team_store(url: str, local_folder: Path, quiet: bool = False) -> Store:
    """The team's store, or the local one when the server cannot be reached."""
    from recoverycli.text import visible

    from .conninfo import mask

    def local() -> Store:
        store = Store(local_folder)
        store.pending = True
        return store

    try:
        team = open_postgres(url)
    except StoreError as exc:
        if not quiet:
            sys.stderr.write(visible(f"recover: {exc.message}; using the local store until "
                                     "'recover sync' can send it") + "\n")
        return local()
    team.fallback = local
    if pending_marker(local_folder).exists():
        sent = Store(local_folder).push_to(team)
        if sent and not quiet:
            sys.stderr.write(visible(f"recover: sent {sent} session(s) and practice "
                                     f"attempt(s) kept locally to {mask(url)}") + "\n")
    return team


def open_store(save: bool = True, quiet: bool = False) -> Store:
    from recoverycli.config import load_config
    from recoverycli.paths import data_dir

    if not save:
        return Store(None)
    config = load_config()
    if config.database_url:
        store = connect_team_store(config.database_url, data_dir(), quiet)
    else:
        store = Store(data_dir())
    if config.retention_days:
        store.apply_retention(config.retention_days)
    return store
