"""`recover follow-up ID WHEN` with a date in the past: asked about on a terminal (as
`run --follow-up` asks), in a real pseudo-terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run
from e2e.pty import finish, spawn


def a_session(home: Path, env: dict[str, str]) -> str:
    answers = home / "a.yaml"
    answers.write_text("steps:\n  - {}\n")
    assert run("run", "hyken", "--customer", "Ann", "--answers", str(answers),
               "--follow-up", "tomorrow", env=env).returncode == 0
    return str(json.loads(run("history", "--json", env=env).stdout)[0]["id"])


def follow_up_of(sid: str, env: dict[str, str]) -> str:
    rows = json.loads(run("history", "--json", env=env).stdout)
    return str(next(r for r in rows if r["id"] == sid)["follow_up"])


@pytest.mark.parametrize(("answer", "code", "said"), [
    ("y", 0, "set to Thu 2020-01-02."), ("n", 1, "Follow-up not changed."),
    ("", 1, "Follow-up not changed.")])
def test_a_past_follow_up_is_confirmed_on_a_terminal(tmp_path: Path, answer: str, code: int,
                                                     said: str) -> None:
    env = {"RECOVER_DATA_DIR": str(tmp_path / "data"),
           "RECOVER_CONFIG_DIR": str(tmp_path / "config")}
    sid = a_session(tmp_path, env)
    before = follow_up_of(sid, env)
    child = spawn("follow-up", sid[:8], "2020-01-02", home=tmp_path, size=(24, 80))
    child.expect("2020-01-02 is in the past. Use it anyway")
    child.send(answer or "\r")  # one key, no Enter after it
    child.expect_exact(said)
    assert finish(child) == code
    assert follow_up_of(sid, env) == ("2020-01-02" if code == 0 else before)


def test_a_future_follow_up_is_not_asked_about(tmp_path: Path) -> None:
    env = {"RECOVER_DATA_DIR": str(tmp_path / "data"),
           "RECOVER_CONFIG_DIR": str(tmp_path / "config")}
    sid = a_session(tmp_path, env)
    child = spawn("follow-up", sid[:8], "2d", home=tmp_path, size=(24, 80))
    child.expect("Follow-up for ")
    assert finish(child) == 0
    assert "in the past" not in child.screen.text() and "Follow-up for" in child.screen.text()


def test_a_weekday_typed_at_the_end_of_a_run_shows_its_day_and_weekend(
        tmp_path: Path) -> None:
    """Issue 19: "sun" is taken at the end of a run; the end screen says the weekday and
    that it is at the weekend, at 80x24."""
    from datetime import date, timedelta

    from e2e.pty import ready

    child = spawn("run", "hyken", "--customer", "Ann", home=tmp_path, size=(24, 80))
    for number in range(1, 8):
        ready(child, number, 7)
        child.send("\r")
    child.expect("Follow up when")
    child.send("sun\r")
    today = date.today()
    sunday = today + timedelta(days=(6 - today.weekday()) % 7 or 7)
    child.expect_exact(f"Follow-up: Sun {sunday.isoformat()} (a Sunday, at the weekend)")
    child.expect("Enter finish")
    child.send("\r")
    assert finish(child) == 0
