"""The session store: durable, private, migrated."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from recoverycli.errors import NotFoundError, StoreError
from recoverycli.session import Session
from recoverycli.store import MIGRATIONS, Store


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_are_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        store = Store(tmp_path / "data")
        store.save(Session(store.new_id(), "hyken", None, "T", fields={"customer": "Ann"}))
    finally:
        os.umask(old)
    folder = tmp_path / "data"
    assert mode(folder) == 0o700
    files = list(folder.iterdir())
    assert {f.name for f in files} >= {"sessions.db", "sessions.db-wal", "sessions.db-shm"}
    for file in files:
        assert mode(file) == 0o600, file


def test_wal_and_full_sync(tmp_path: Path) -> None:
    store = Store(tmp_path)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_saved_session_survives_a_new_connection(tmp_path: Path) -> None:
    store = Store(tmp_path)
    session = Session(store.new_id(), "hyken", "/x.yaml", "T", fields={"customer": "Ann"})
    store.save(session)
    session.fields["problem"] = "late"
    store.save(session)
    again = Store(tmp_path)
    loaded = again.load(session.id)
    assert loaded.fields == {"customer": "Ann", "problem": "late"}
    assert again.latest_open().id == session.id
    rows = list(again.sessions())
    assert rows[0]["customer"] == "Ann" and rows[0]["status"] == "open"


def test_unknown_session_and_nothing_to_resume(tmp_path: Path) -> None:
    store = Store(tmp_path)
    with pytest.raises(NotFoundError, match="no session 'zzz'"):
        store.load("zzz")
    with pytest.raises(NotFoundError, match="no unfinished session"):
        store.latest_open()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    Store(tmp_path).close()
    db = sqlite3.connect(tmp_path / "sessions.db")
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer recover"):
        Store(tmp_path)


def test_corrupt_database_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "sessions.db").write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="cannot open the session store"):
        Store(tmp_path)
