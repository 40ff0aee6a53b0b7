"""`recover run` of a playbook the team published (issue 22), in a real pseudo-terminal at
80x24, with the team's server frozen: step 1 is the team's version, drawn from the local
cache before the server is contacted, and the session records the version it followed."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT, run
from e2e.pty import finish, ready, spawn
from test_publish import Proxy, agent, lead


def test_run_of_a_published_playbook_at_80x24_with_the_server_frozen(
        home: Path, pg_url: str) -> None:
    proxy = Proxy(pg_url)
    try:
        team, sam = lead(home, proxy.url), agent(home, proxy.url)
        text = (ROOT / "playbooks" / "hyken.yaml").read_text(encoding="utf-8")
        published = home / "hyken.yaml"
        published.write_text(text.replace("title: Apologize for the problem",
                                          "title: Say sorry the team's way", 1))
        assert run("publish", str(published), env=team).returncode == 0
        assert "team v1" in run("list", env=sam).stdout  # sam's cache is filled
        proxy.frozen = True
        child = spawn("run", "hyken", "--customer", "Pty Pat", home=home, env=sam,
                      size=(24, 80))
        ready(child, 1, 7)
        screen = child.screen.text()
        assert "Say sorry the team's way" in screen, screen
        assert all(len(line) <= 80 for line in child.screen.lines())
        child.send("\r")  # done: saved (locally: the server is frozen)
        ready(child, 2, 7)
        child.send("q")
        assert finish(child) == 0
        rows = json.loads(run("history", "--json",
                              env={**sam, "RECOVER_DATABASE_URL": ""}).stdout)
        assert [(r["customer"], r["playbook_version"]) for r in rows] == [("Pty Pat", 1)]
    finally:
        proxy.down()


def test_a_hostile_published_step_reaches_the_call_screen_spelled_out(
        home: Path, pg_url: str) -> None:
    team, sam = lead(home, pg_url), agent(home, pg_url)
    evil = home / "evil.yaml"
    evil.write_text('id: evil\ntitle: "Evil"\nsteps:\n'
                    '  - title: "Sorry \\e]0;pwned\\a \\e[2J now"\n    say: "Hi \\u202e there"\n'
                    '  - title: Two\n')
    assert run("publish", str(evil), env=team).returncode == 0
    assert "team v1" in run("list", env=sam).stdout
    child = spawn("run", "evil", home=home, env=sam, size=(24, 80))
    ready(child, 1, 2)
    raw = "".join(child.screen.raw)
    assert "\x1b]0;pwned" not in raw and "\u202e" not in raw
    screen = child.screen.text()
    assert "\\x1b]0;pwned\\x07" in screen and "\\u202e" in screen, screen
    child.send("q")
    assert finish(child) == 0


def test_resume_keeps_the_version_the_call_began_with(home: Path, pg_url: str) -> None:
    team, sam = lead(home, pg_url), agent(home, pg_url)
    text = (ROOT / "playbooks" / "hyken.yaml").read_text(encoding="utf-8")
    first, second = home / "first.yaml", home / "second.yaml"
    first.write_text(text.replace("title: Acknowledge the problem", "title: Version one", 1))
    second.write_text(text.replace("title: Acknowledge the problem", "title: Version two", 1))
    assert run("publish", str(first), env=team).returncode == 0
    assert run("list", env=sam).returncode == 0
    child = spawn("run", "hyken", "--customer", "Rae", home=home, env=sam, size=(24, 80))
    ready(child, 1, 7)
    child.send("\r")
    ready(child, 2, 7)
    assert "Version one" in child.screen.text()
    child.send("q")
    assert finish(child) == 0
    assert run("publish", str(second), env=team).returncode == 0
    assert "Version two" in run("show", "hyken", env=sam).stdout  # the team's current
    child = spawn("resume", home=home, env=sam, size=(24, 80))
    ready(child, 2, 7)
    assert "Version one" in child.screen.text()  # the call goes on as it began
    child.send("q")
    assert finish(child) == 0
    [row] = json.loads(run("history", "--json", env=sam).stdout)
    assert row["playbook_version"] == 1
