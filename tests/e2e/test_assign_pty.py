"""Issue 22 (and 21's last gap): `practice` alone on a terminal offers the scenarios
assigned to the trainee first, marked with their due date, overdue or passed; in a real
pseudo-terminal at 80x24."""

from __future__ import annotations

import json
import os
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import run
from e2e.pty import finish, spawn
from test_practice import GOOD_HEAL


def _env(home: Path) -> dict[str, str]:
    return {"RECOVER_DATA_DIR": str(home / "data"), "RECOVER_CONFIG_DIR": str(home / "config"),
            "RECOVER_AGENT": "sam", "RECOVER_TEAM": "care"}


def _assigned(home: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    env = _env(home)
    for args in (["lost-reservation", "--to", "sam", "--by", "3d", "--pass", "90"],
                 ["phone-complaint", "--team", "care", "--by", "1w"],
                 ["locked-keys", "--to", "sam", "--by", "2w"],
                 ["three-way-call", "--to", "kim", "--by", "1d"]):  # someone else's
        assert run("assign", *args, env=env).returncode == 0
    answers = home / "lines.json"
    answers.write_text(json.dumps({"lines": GOOD_HEAL}))
    assert run("practice", "heal", "--answers", str(answers), env=env).returncode == 0
    # one overdue: `assign` refuses a past date, so it is written as assign writes it
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    from recoverycli.storage import assignments
    from recoverycli.storage.columns import iso
    from recoverycli.storage.open import open_store

    store = open_store(quiet=True)
    store.read(assignments.add, {
        "id": "ab" * 16, "scenario": "missing-honey", "playbook": "hyken", "agent": "sam",
        "team": None, "due": (date.today() - timedelta(days=1)).isoformat(),
        "pass_mark": 70, "assigned_by": "lead", "assigned_at": iso(time.time() - 86400 * 3)})
    store.close()
    return env


def test_the_picker_offers_assigned_scenarios_first(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    env = _assigned(tmp_path, monkeypatch)
    child = spawn("practice", home=tmp_path, env=env, size=(24, 80))
    child.expect("Spot the mistakes")  # the whole list is drawn
    lines = [line for line in child.screen.lines() if line.strip()]
    today = date.today()

    def day(n: int) -> str:
        d = today + timedelta(days=n)
        return f"{d.strftime('%a')} {d.isoformat()}"

    assert "assigned to you first" in lines[0]
    assert [line.strip() for line in lines[1:7]] == [
        f"» 1) The missing honey  [OVERDUE, was due {day(-1)}]",
        f"2) The lost reservation  [passed, due {day(3)}]",
        f"3) Charged twice, and nobody called back  [due {day(7)}]",
        f"4) The keys locked in the rental car  [due {day(14)}]",
        "5) The hand-off - bringing a colleague into the call  (hyken: three-way-call)",
        "6) Spot the mistakes in Borg's missing-honey story  (--spot)",
    ], child.screen.text()
    assert all(len(line) <= 80 for line in child.screen.lines())
    child.send("\x1b[B")  # down twice, as a person does, then Enter: the third
    child.send("\x1b[B")
    child.send("\r")
    child.expect("Role-play:")
    child.expect("You:")
    assert "Charged twice" in "".join(child.screen.raw)
    child.send("\x03")
    assert finish(child) == 130


def test_with_no_terminal_practice_alone_is_as_before(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    env = _assigned(tmp_path, monkeypatch)
    result = run("practice", env=env)
    assert result.returncode == 2
    assert "name a playbook to practise, or use --list" in result.stderr
    assert os.environ.get("RECOVER_AGENT") == "sam"  # (the in-process store was this one)


def test_the_picker_on_a_locked_team_store_offers_every_scenario_in_seconds(
        tmp_path: Path, pg_url: str) -> None:
    """Red team: with the assignments table locked by another session, `practice` alone
    showed nothing for a minute (the batch bound). Now each statement is bounded at 10 s
    and the picker offers every scenario, saying once why nothing is marked."""
    import psycopg

    env = {**_env(tmp_path), "RECOVER_DATABASE_URL": pg_url}
    assert run("assign", "lost-reservation", "--to", "sam", "--by", "3d",
               env=env).returncode == 0
    with psycopg.connect(pg_url) as holder:
        holder.execute("LOCK TABLE assignments IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        child = spawn("practice", home=tmp_path, env=env, size=(24, 80))
        child.expect("Spot the mistakes", timeout=40)  # the whole list is drawn
        took = time.monotonic() - started
        screen = "\n".join(child.screen.lines())
        holder.rollback()
    assert took < 30, took  # the picker's bound (10 s), not the batch one (60 s)
    assert "assigned practice could not be read" in screen
    assert "Traceback" not in screen and "lost" in screen.lower()
    child.sendcontrol("c")
    finish(child)
