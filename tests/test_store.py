"""The session store: durable, private, migrated."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from recoverycli.errors import NotFoundError, StoreError
from recoverycli.playbooks.session import Session
from recoverycli.storage.schema import NAMES
from recoverycli.storage.store import Store


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


def test_migrations_are_recorded_by_name_once(tmp_path: Path) -> None:
    Store(tmp_path).close()
    Store(tmp_path).close()
    db = sqlite3.connect(tmp_path / "sessions.db")
    assert [r[0] for r in db.execute("SELECT name FROM recover_migrations ORDER BY rowid")] \
        == NAMES
    # a release from before names sees a schema number it does not know, and refuses
    assert db.execute("PRAGMA user_version").fetchone()[0] > 8
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert not tables & {"step_counts", "session_counts"}  # numbers are derived, not kept
    db.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    Store(tmp_path).close()
    db = sqlite3.connect(tmp_path / "sessions.db")
    db.execute("INSERT INTO recover_migrations VALUES ('from_the_future', '2999-01-01')")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match=r"newer recover.*from_the_future"):
        Store(tmp_path)
    legacy = tmp_path / "old"
    legacy.mkdir()
    db = sqlite3.connect(legacy / "sessions.db")
    db.execute("PRAGMA user_version = 9")
    db.close()
    with pytest.raises(StoreError, match="newer recover"):
        Store(legacy)


def test_corrupt_database_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "sessions.db").write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="cannot open the session store"):
        Store(tmp_path)


def _read_back(env: dict[str, str]) -> dict[str, object]:
    import json

    from conftest import run

    def out(*args: str) -> object:
        result = run(*args, env=env)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    history = out("history", "--json", "--limit", "0")
    assert isinstance(history, list)
    return {"history": history,
            "exports": {r["id"]: out("export", r["id"], "--format", "json") for r in history},
            "progress": out("progress", "--json"), "report": out("report", "--format", "json"),
            "due": out("due", "--json")}


@pytest.mark.parametrize("upto", [8, 4])
def test_a_store_from_the_numbered_release_reads_back_identically(
        home: Path, store_env: dict[str, str], upto: int) -> None:
    """Sessions, notes, outcomes, follow-ups and attempts written by the release before
    named migrations (schema 8, and 4: before
    the attempts' sync column) open and read back exactly as it showed
    them: history, every export, progress, the report and what is due."""
    import legacy_v8

    if store_env:
        legacy_v8.build_postgres(store_env["RECOVER_DATABASE_URL"], upto)
    else:
        legacy_v8.build_sqlite(home / "data" / "sessions.db", upto)
    got = _read_back(store_env)
    want = legacy_v8.expected()
    for sid, export in want["exports"].items():  # schema 1 -> 2: what was there, still there
        new = got["exports"][sid]
        assert new["schema_version"] == 2 and new["team"] in (None, "care")
        if export["follow_up"]:
            assert new["follow_up"]["date"] == export["follow_up"]
        else:
            assert new["follow_up"] is None
        if export["outcome"]:
            from recoverycli.aftercall.export import _when

            at = export["outcome"]["at"]
            assert new["outcome"] == {**export["outcome"], "at": _when(at), "by": None,
                                      "follow_up_due": export["follow_up"],
                                      "next_follow_up": None}
            assert new["outcomes"] == [new["outcome"]]
        else:
            assert new["outcome"] is None and new["outcomes"] == []
        assert new["wrap_up"] is None  # added since (issue 22): no code was recorded then
        # and the team's published version followed (issue 22): none, then
        assert (new["playbook"].pop("version"), new["playbook"].pop("hash")) == (None, None)
        rest = {k: v for k, v in new.items() if k not in (
            "schema_version", "team", "follow_up", "outcome", "outcomes", "wrap_up")}
        assert rest == {k: v for k, v in export.items() if k not in (
            "schema_version", "follow_up", "outcome")}
    got.pop("exports"), want.pop("exports")
    # the report gained keys (scope, rates with counts, numbers, trend): the old ones agree
    # and steps now come in playbook order (they came sorted by id)
    def by_id(steps: list[dict[str, str]]) -> list[dict[str, str]]:
        return sorted(steps, key=lambda s: (s["playbook"], s["step"]))

    got["report"]["steps"] = by_id(got["report"]["steps"])
    want["report"]["steps"] = by_id(want["report"]["steps"])
    got["report"] = _project(got["report"], want["report"])
    # history gained a mode (issue 19): every old session was live
    assert {row.pop("mode") for row in got["history"]} <= {"live"}
    # progress gained what is assigned (issue 22): nothing was, then
    assert got["progress"].pop("assigned") == []
    # and the team's published version each followed (issue 22): none, for old sessions
    assert {row.pop("playbook_version") for row in got["history"]} <= {None}
    assert got == want


def _project(new: object, old: object) -> object:
    """``new`` cut down to the keys ``old`` has, recursively."""
    if isinstance(old, dict) and isinstance(new, dict):
        return {k: _project(new.get(k), v) for k, v in old.items()}
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [_project(n, o) for n, o in zip(new, old, strict=True)]
    return new


def test_an_existing_folder_keeps_its_mode_and_the_files_are_0600(tmp_path: Path) -> None:
    """A helper's run with the data folder at / made the root 0700 (no user but root could
    load libc): the store chmods only folders it creates, never one that exists."""
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o755)
    store = Store(folder)
    store.save(Session(store.new_id(), "hyken", None, "T", fields={"customer": "Ann"}))
    assert mode(folder) == 0o755
    assert mode(folder / "sessions.db") == 0o600
