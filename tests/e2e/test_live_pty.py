"""`recover live` (issue 22) in a real pseudo-terminal at 80x24, against a real PostgreSQL:
the screen follows a call another process advances, marks calls past their reminder and
offline agents, says when the server stops answering, falls back to reading at an
interval, and exits with q (0) or Ctrl-C (130). Every wait is an expect with a timeout."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest

from e2e.pty import finish, ready, spawn

SIZE = (24, 80)


def _screen_has(child: pexpect.spawn, text: str, timeout: float = 10) -> str:
    """Wait until ``text`` is on the emulated screen; returns the screen."""
    deadline = time.monotonic() + timeout
    while True:
        screen = child.screen.text()
        if text in screen:
            return screen
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"{text!r} never on screen:\n{screen}")
        try:
            child.expect([r"\x1b\[K", pexpect.TIMEOUT], timeout=min(left, 0.5))
        except pexpect.EOF:
            raise AssertionError(f"exited before {text!r} was shown:\n{screen}") from None


def _team(pg_url: str) -> dict[str, str]:
    return {"RECOVER_DATABASE_URL": pg_url}


def test_the_screen_follows_a_call_another_process_advances(home: Path, pg_url: str
                                                            ) -> None:
    env = _team(pg_url)
    run = spawn("run", "hyken", "--customer", "Private Pat", home=home, size=SIZE,
                env={**env, "RECOVER_AGENT": "ann"})
    ready(run, 1, 7)
    live = spawn("live", home=home, size=SIZE, env=env)
    screen = _screen_has(live, "1/7 Apologize")
    assert "ann" in screen and "team store: updates as calls change" in screen
    assert "Private Pat" not in screen and "customer names are not shown" in screen
    assert len(screen.splitlines()) <= 24 and max(map(len, screen.splitlines())) < 80
    run.send("\r")  # step 1 done: the run saves, the server notifies, the view reads again
    ready(run, 2, 7)
    screen = _screen_has(live, "2/7 Acknowledge", timeout=5)
    assert "1/7" not in screen  # redrawn in place: one row for the call, no scrolling
    assert screen.count("ann") == 1
    run.send("q")
    assert finish(run) == 0
    screen = _screen_has(live, "No call in progress", timeout=5)  # quit: not in progress
    live.send("q")
    assert finish(live) == 0


def test_ctrl_c_exits_130_and_restores_the_terminal(home: Path, pg_url: str) -> None:
    live = spawn("live", home=home, size=SIZE, env=_team(pg_url))
    _screen_has(live, "No call in progress")
    live.sendintr()
    assert finish(live) == 130
    assert "\x1b[?1049l" in "".join(live.screen.raw)  # the alternate screen is left


def test_a_run_that_died_is_shown_offline(home: Path, pg_url: str) -> None:
    env = _team(pg_url)
    run = spawn("run", "hyken", "--customer", "Gone Gary", home=home, size=SIZE,
                env={**env, "RECOVER_AGENT": "bo"})
    ready(run, 1, 7)
    run.send("\r")
    ready(run, 2, 7)
    run.kill(signal.SIGKILL)  # a closed laptop: its lock entry stays, its lock is gone
    run.expect(pexpect.EOF)
    live = spawn("live", home=home, size=SIZE, env=env)
    screen = _screen_has(live, "offline: stopped or saving locally")
    assert "bo " in screen and "2/7" in screen and "Gone Gary" not in screen
    live.send("q")
    assert finish(live) == 0


@pytest.fixture
def held_calls(pg_url: str, home: Path) -> Iterator[object]:
    """Thirty calls in progress on the team store, locked by this process (as their runs
    would be), one of them an hour long and one by a hostile agent name."""
    from recoverycli.playbooks.catalog import load_catalog
    from recoverycli.playbooks.model import outline_of
    from recoverycli.playbooks.session import Session, Walk
    from recoverycli.storage.ids import new_id
    from recoverycli.storage.locks import lock_team
    from recoverycli.storage.open import open_postgres

    store = open_postgres(pg_url)
    playbook = load_catalog().get("hyken")
    for n in range(30):
        agent = "evil\x1b[2Jname" if n == 0 else f"agent{n:02d}"
        session = Session(new_id(), playbook.id, None, playbook.title,
                          outline=outline_of(playbook), agent=agent,
                          started=time.time() - (3600 if n == 0 else 60 + n))
        session.fields["customer"] = f"Customer {n}"
        Walk(playbook, session)
        lock_team(store.backend, session.id)
        store.save(session)
    yield store
    store.close()


def test_long_calls_are_marked_and_more_calls_than_rows_say_how_many_more(
        home: Path, pg_url: str, held_calls: object) -> None:
    config = home / "config"
    config.mkdir(exist_ok=True)
    (config / "config.toml").write_text("call_reminder_minutes = 10\n")
    live = spawn("live", home=home, size=SIZE, env=_team(pg_url))
    screen = _screen_has(live, "more")
    lines = screen.splitlines()
    assert len(lines) <= 24 and "+" in screen
    more = next(line for line in lines if line.startswith("+"))
    shown = sum(1 for line in lines if "1/7" in line)
    assert more == f"+{30 - shown} more"
    [first] = [line for line in lines if "evil" in line]
    assert "\\x1b[2J" in first  # spelled out, never obeyed
    assert "OVER 10 min" in first and "1:00:" in first
    assert "Customer" not in screen
    # the foot stays when calls are cut (red team: "+N more" pushed it off the screen)
    assert "more" in _screen_has(live, "q quit - customer names are not shown here")
    live.send("q")
    assert finish(live) == 0


def test_the_view_redraws_on_resize(home: Path, pg_url: str, held_calls: object) -> None:
    live = spawn("live", home=home, size=SIZE, env=_team(pg_url))
    _screen_has(live, "more")
    live.screen.resize(12, 50)
    live.setwinsize(12, 50)
    # 12 rows: the head (2), a blank, the table's header, 5 calls, +25 more, a blank, the foot
    screen = _screen_has(live, "+25 more")
    assert max(map(len, screen.splitlines())) < 50
    assert screen.rstrip().splitlines()[-1].startswith("q quit")
    live.send("q")
    assert finish(live) == 0


def test_poll_reads_at_its_interval_when_notifications_are_not_passed_on(
        home: Path, pg_url: str) -> None:
    env = _team(pg_url)
    run = spawn("run", "hyken", "--customer", "Polly", home=home, size=SIZE,
                env={**env, "RECOVER_AGENT": "cy"})
    ready(run, 1, 7)
    live = spawn("live", "--poll", "1", home=home, size=SIZE, env=env)
    _screen_has(live, "1/7 Apologize")
    assert "read every 1 s (--poll)" in live.screen.text()
    run.send("\r")
    ready(run, 2, 7)
    _screen_has(live, "2/7 Acknowledge", timeout=5)
    run.send("q")
    assert finish(run) == 0
    live.send("q")
    assert finish(live) == 0


def test_the_local_store_is_read_at_an_interval_and_says_it_is_local(home: Path) -> None:
    run = spawn("run", "hyken", "--customer", "Lou", home=home, size=SIZE,
                env={"RECOVER_AGENT": "dee"})
    ready(run, 1, 7)
    live = spawn("live", home=home, size=SIZE)
    screen = _screen_has(live, "1/7 Apologize")
    assert "local store only: this machine's calls" in screen
    run.send("\r")
    ready(run, 2, 7)
    _screen_has(live, "2/7 Acknowledge", timeout=5)
    run.send("q")
    assert finish(run) == 0
    live.send("q")
    assert finish(live) == 0


def test_a_server_that_never_answers_is_said_on_screen(home: Path) -> None:
    from test_team_guarantees import SilentServer

    server = SilentServer()
    try:
        env = {"RECOVER_DATABASE_URL": f"postgresql://recover:pw@127.0.0.1:{server.port}/r"}
        live = spawn("live", home=home, size=SIZE, env=env)
        screen = _screen_has(live, "not answering since")
        assert "trying again" in screen and "Traceback" not in screen
        assert "pw@" not in screen
        live.send("q")
        assert finish(live) == 0
    finally:
        server.close()


def test_a_server_frozen_while_watched_is_said_and_the_view_comes_back(home: Path) -> None:
    from pgserver import bindir, throwaway_cluster
    from test_team_guarantees import _postgres_processes

    if bindir() is None:
        pytest.skip("PostgreSQL is not installed")
    with throwaway_cluster() as cluster:
        env = {"RECOVER_DATABASE_URL": cluster.url}
        live = spawn("live", home=home, size=SIZE, env=env)
        _screen_has(live, "updates as calls change")
        stopped = _postgres_processes(cluster.data)
        for pid in stopped:
            os.kill(pid, signal.SIGSTOP)
        try:
            screen = _screen_has(live, "not answering since", timeout=20)
            assert "Traceback" not in screen and "s3cret" not in screen
        finally:
            for pid in stopped:
                os.kill(pid, signal.SIGCONT)
        _screen_has(live, "updates as calls change", timeout=20)
        live.send("q")
        assert finish(live) == 0


def test_piped_it_prints_one_reading(home: Path, pg_url: str, held_calls: object) -> None:
    from conftest import run

    result = run("live", env=_team(pg_url))
    assert result.returncode == 0
    assert result.stdout.count("1/7") == 30 and "Customer" not in result.stdout
    assert "\x1b" not in result.stdout


def test_on_a_read_replica_listen_is_refused_and_the_view_reads_at_an_interval(
        home: Path) -> None:
    """A supervisor's view pointed at a hot standby: PostgreSQL refuses LISTEN there
    ("cannot execute LISTEN during recovery"); the view says so and reads every 2 s."""
    import shutil
    import subprocess

    from pgserver import PASSWORD, USER, _as_owner, bindir, free_port, throwaway_cluster

    if bindir() is None:
        pytest.skip("PostgreSQL is not installed")
    with throwaway_cluster() as primary:
        from recoverycli.storage.open import open_postgres

        open_postgres(primary.url).close()  # the schema, before the copy
        standby = primary.folder.parent / "standby"
        standby.mkdir(mode=0o700)
        if os.geteuid() == 0:
            shutil.chown(standby, "postgres", "postgres")
        subprocess.run(_as_owner([f"{primary.bin}/pg_basebackup", "-h", "127.0.0.1", "-p",
                                  str(primary.port), "-U", USER, "-D", str(standby / "data"),
                                  "-R", "-X", "stream"]),
                       check=True, timeout=60, capture_output=True,
                       env={**os.environ, "PGPASSWORD": PASSWORD})
        port = free_port()
        pg_ctl = f"{primary.bin}/pg_ctl"
        subprocess.run(_as_owner([pg_ctl, "-D", str(standby / "data"), "-l",
                                  str(standby / "log"), "-w", "-o",
                                  f"-p {port} -k {standby}", "start"]),
                       check=True, timeout=60, capture_output=True)
        try:
            replica = f"postgresql://{USER}:{PASSWORD}@127.0.0.1:{port}/postgres"
            run = spawn("run", "hyken", "--customer", "Rita Replica", home=home, size=SIZE,
                        env={"RECOVER_DATABASE_URL": primary.url, "RECOVER_AGENT": "eve"})
            ready(run, 1, 7)
            live = spawn("live", home=home, size=SIZE,
                         env={"RECOVER_DATABASE_URL": replica})
            screen = _screen_has(live, "1/7 Apologize")
            assert "notifications unavailable, read every 2 s" in screen
            assert "on call" in screen and "offline" not in screen  # no lock seen: by saves
            run.send("\r")
            ready(run, 2, 7)
            _screen_has(live, "2/7 Acknowledge", timeout=10)
            run.send("q")
            assert finish(run) == 0
            live.send("q")
            assert finish(live) == 0
        finally:
            subprocess.run(_as_owner([pg_ctl, "-D", str(standby / "data"), "-m",
                                      "immediate", "stop"]), timeout=60, capture_output=True)
