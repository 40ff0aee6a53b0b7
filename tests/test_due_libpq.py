"""`recover due` reaches a team store through libpq alone (issue 22: most of its time on
PostgreSQL was importing psycopg): the same rows, no psycopg module loaded, failures said
as every store failure is, with the password masked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import run

LOADED = ("import sys, runpy; sys.argv = ['recover', 'due', '--all', '--json']\n"
          "try:\n    runpy.run_path(sys.argv_0, run_name='__main__')\n"
          "except SystemExit:\n    pass\n"
          "print('PSYCOPG', sorted(m for m in sys.modules if m.startswith('psycopg.')))")


def _due_modules(env: dict[str, str]) -> str:
    from conftest import RECOVER

    code = LOADED.replace("sys.argv_0", repr(RECOVER))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, env=env, check=False).stdout


def test_due_on_a_team_store_loads_no_psycopg_module_and_finds_the_follow_ups(
        home: Path, pg_url: str) -> None:
    import os

    from recoverycli.playbooks.session import Session
    from recoverycli.storage.open import open_postgres

    env = {"RECOVER_DATABASE_URL": pg_url, "RECOVER_AGENT": "sam"}
    store = open_postgres(pg_url)
    session = Session("d" * 32, "hyken", None, "Hyken", status="finished", agent="sam",
                      fields={"customer": "Dana Due"})
    session.set_follow_up("2020-01-02")
    store.save(session)
    store.close()
    shown = _due_modules({**os.environ, **env})
    assert "Dana Due" in shown and "2020-01-02" in shown
    assert "PSYCOPG []" in shown  # psycopg.pq, psycopg.errors, psycopg.connection: none


def test_a_refused_team_store_is_said_with_its_password_masked(home: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {"RECOVER_DATABASE_URL": f"postgresql://recover:hunter2@127.0.0.1:{port}/r"}
    result = run("due", env=env)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "hunter2" not in result.stderr + result.stdout
    assert "cannot reach the team store postgresql://recover:***@127.0.0.1" in result.stderr
    assert "using the local store" in result.stderr


def test_the_narrow_connection_reads_every_type_the_store_has(pg_url: str) -> None:
    from decimal import Decimal

    from recoverycli.errors import StoreError
    from recoverycli.storage.open import open_postgres

    store = open_postgres(pg_url, lite=True)
    try:
        db = store.backend
        row = db.execute("SELECT ?::text, 1, 2.5::float8, NULL, true, sum(2), 1.5::numeric, "
                         "?::text", ["héllo ✓", "it's; -- not sql"]).fetchone()
        assert row == ("héllo ✓", 1, 2.5, None, True, 2, Decimal("1.5"), "it's; -- not sql")
        try:
            store.read(lambda b: b.execute("SELECT no_such_column"))
        except StoreError as exc:
            assert 'column "no_such_column" does not exist' in exc.message
        else:
            raise AssertionError("no error")
    finally:
        store.close()


def test_a_server_that_never_answers_holds_due_up_no_longer_than_the_connect_bound(
        home: Path) -> None:
    import time

    from test_team_guarantees import SilentServer

    server = SilentServer()
    try:
        env = {"RECOVER_DATABASE_URL": f"postgresql://recover:pw@127.0.0.1:{server.port}/r"}
        started = time.monotonic()
        result = run("due", env=env)
        assert time.monotonic() - started < 15  # libpq's connect_timeout (2 s), not hung
        assert result.returncode == 0 and "timeout expired" in result.stderr
        assert "using the local store" in result.stderr and "pw@" not in result.stderr
    finally:
        server.close()
