"""Nothing orphaned (issue 22): sessions, attempts and follow-ups made before a team store
was adopted are found, named by the commands that read the store, listed by
``sync --dry-run`` and sent by ``sync``, each exactly once, on a real PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run
from test_team import make_session

NOTE = "only in the local store"


def test_sessions_made_before_the_team_store_are_found_and_sent_once(
        home: Path, pg_url: str) -> None:
    # three sessions and a practice attempt with no team store; two follow-ups are due
    a = make_session(home, {}, "Ann Local", "sam", "--follow-up", "2020-01-01")
    b = make_session(home, {}, "Bob Local", "kim", "--follow-up", "2020-01-02")
    c = make_session(home, {}, "Cy Local", "sam")
    lines = home / "lines.json"
    lines.write_text(json.dumps({"lines": ["I'm sorry."] * 4}))
    assert run("practice", "heal", "--answers", str(lines)).returncode == 0
    # the team store is adopted, and already holds a colleague's session
    env = {"RECOVER_DATABASE_URL": pg_url}
    theirs = make_session(home, env, "Dee Team", "lee", "--follow-up", "2020-01-03")
    # every command that reads the store says what is only here, and how to send it
    for args in (["history"], ["due", "--all"], ["doctor"]):
        result = run(*args, env=env)
        assert result.returncode == 0, result.stderr
        said = result.stdout + result.stderr
        assert "3 sessions and 1 practice attempt are " + NOTE in said, (args, said)
        assert "2 open follow-ups" in said, (args, said)
        assert "recover sync --dry-run" in said and "recover sync" in said, (args, said)
    doctor = json.loads(run("doctor", "--json", env=env).stdout)
    assert doctor["store"]["local_only"] == {"sessions": 3, "attempts": 1, "follow_ups": 2}
    # --dry-run lists them and sends nothing
    dry = run("sync", "--dry-run", env=env)
    assert dry.returncode == 0, dry.stderr
    assert "Would send 3 sessions and 1 practice attempt" in dry.stdout
    for sid, name in ((a, "Ann Local"), (b, "Bob Local"), (c, "Cy Local")):
        assert sid[:8] in dry.stdout and name in dry.stdout
    assert [r["id"] for r in json.loads(run("history", "--json", env=env).stdout)] == [theirs]
    # sync sends every one of them, once
    sent = run("sync", env=env)
    assert sent.returncode == 0, sent.stderr
    assert "Sent 3 sessions and 1 practice attempt to" in sent.stdout
    rows = json.loads(run("history", "--json", "--limit", "0", env=env).stdout)
    assert sorted(r["id"] for r in rows) == sorted([a, b, c, theirs])
    due = json.loads(run("due", "--json", "--all", env=env).stdout)
    assert [d["id"] for d in due] == [a, b, theirs]
    report = json.loads(run("report", "--format", "json", env=env).stdout)
    assert report["sessions"] == 4
    progress = json.loads(run("progress", "--json", env=env).stdout)
    assert len(progress["attempts"]) == 1
    # and nothing is said or sent again
    for args in (["history"], ["due", "--all"], ["doctor"]):
        assert NOTE not in run(*args, env=env).stderr
    again = run("sync", env=env)
    assert "Nothing to send" in again.stdout and "Sent" not in again.stdout
    assert len(json.loads(run("history", "--json", "--limit", "0", env=env).stdout)) == 4


def test_sync_never_says_nothing_to_send_while_something_is_only_here(
        home: Path, pg_url: str) -> None:
    make_session(home, {}, "Ann Local", "sam")
    env = {"RECOVER_DATABASE_URL": pg_url}
    dry = run("sync", "--dry-run", env=env)
    assert "Nothing to send" not in dry.stdout and "Would send 1 session" in dry.stdout
    assert run("sync", env=env).stdout.startswith("Sent 1 session")


def test_sync_dry_run_with_nothing_kept(home: Path, pg_url: str) -> None:
    env = {"RECOVER_DATABASE_URL": pg_url}
    dry = run("sync", "--dry-run", env=env)
    assert dry.returncode == 0 and "Nothing to send" in dry.stdout


def test_sync_dry_run_warns_when_the_sync_itself_cannot_run(home: Path) -> None:
    """Newcomer: without the team extra, `sync --dry-run` said "Would send 2 sessions"
    and nothing else; the real `sync` then failed for want of psycopg."""
    make_session(home, {}, "Ann Local", "sam")
    shadow = home / "no-psycopg" / "psycopg"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('not installed')\n")
    env = {"RECOVER_DATABASE_URL": "postgresql://recover@127.0.0.1:1/recover",
           "PYTHONPATH": str(shadow.parent)}
    dry = run("sync", "--dry-run", env=env)
    assert dry.returncode == 0 and "Would send 1 session" in dry.stdout, dry.stderr
    assert "needs psycopg, which is not installed" in dry.stderr
    assert "the sync itself fails" in dry.stderr
