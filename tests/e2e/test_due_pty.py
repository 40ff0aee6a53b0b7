"""`due` on a terminal: pick a follow-up from the list and act on it in place, on both
stores, in a real pseudo-terminal."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from conftest import run
from e2e.pty import finish, plain, spawn

DOWN = "\x1b[B"


def test_due_lets_the_agent_record_an_outcome_and_move_a_date(
        home: Path, store_env: dict[str, str]) -> None:
    env = {**store_env, "RECOVER_AGENT": "sam"}
    answers = home / "a.yaml"
    answers.write_text("fields:\n  offer: a free month\nsteps:\n  - {}\n")
    ids = {}
    for name in ("Ann Late", "Bo Today"):
        assert run("run", "hyken", "--customer", name, "--answers", str(answers),
                   "--follow-up", "today", env=env).returncode == 0
        ids[name] = json.loads(run("history", "--json", "--limit", "1", env=env).stdout)[0]["id"]
    # a date in the past is refused with --answers: Ann's is moved there afterwards
    assert run("follow-up", ids["Ann Late"], "2020-01-02", "--yes", env=env).returncode == 0
    child = spawn("due", home=home, env=env)
    child.expect("2 follow-ups due for sam")
    child.expect("Follow up on which one")
    assert "Ann Late" in plain(child.before)
    child.send("\r")  # the most overdue, first in the list
    child.expect("Ann Late: what happened")
    child.send(DOWN + DOWN + "\r")  # pending: followed up, no result yet
    child.expect("Next follow-up")
    child.send("3d\r")
    child.expect("Note")
    child.send("left a voicemail\r")
    child.expect("Outcome for Ann Late: pending; next follow-up")
    child.expect("Follow up on which one")  # the list again, Ann no longer due
    child.send("\r")
    child.expect("Bo Today: what happened")
    child.send(DOWN + DOWN + DOWN + "\r")  # move the date
    child.expect("Move the follow-up to")
    child.send("next blue moon\r")  # not a date: said so, asked again
    child.expect("cannot read 'next blue moon'")
    child.expect("Move the follow-up to")
    child.send("2d\r")
    child.expect("moved to")
    child.expect("Nothing more due")
    assert finish(child) == 0
    assert json.loads(run("due", "--json", env=env).stdout) == []
    assert json.loads(run("due", "--json", "--all", env=env).stdout) == []
    ann = json.loads(run("export", ids["Ann Late"], "--format", "json", env=env).stdout)
    assert ann["outcome"]["result"] == "pending" and ann["outcome"]["by"] == "sam"
    assert ann["outcome"]["note"] == "left a voicemail"
    assert ann["follow_up"]["date"] == (date.today() + timedelta(days=3)).isoformat()
    bo = json.loads(run("export", ids["Bo Today"], "--format", "json", env=env).stdout)
    assert bo["follow_up"]["date"] == (date.today() + timedelta(days=2)).isoformat()
    assert bo["outcomes"] == []


def test_the_due_picker_shows_the_problem_and_notes_before_the_call_back(
        home: Path) -> None:
    """Issue 19: the agent reads what the customer said before calling back."""
    env = {"RECOVER_AGENT": "sam"}
    answers = home / "a.yaml"
    answers.write_text("fields:\n  problem: the parcel came broken and she had to wait two "
                       "weeks for a reply from us\nsteps:\n"
                       "  - note: she wants a refund, not a voucher\n")
    assert run("run", "hyken", "--customer", "Ann", "--answers", str(answers),
               "--follow-up", "today", env=env).returncode == 0
    child = spawn("due", home=home, env=env, size=(24, 80))
    child.expect("Follow up on which one")
    child.send("\r")
    child.expect("Ann: what happened")
    child.send(DOWN * 4 + "\r")  # read the problem and the notes first
    child.expect("Note: she wants a refund, not a voucher")
    lines = child.screen.lines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Problem:"))
    # wrapped on words, never cut mid-word at 80 columns
    assert lines[at] == ("Problem: the parcel came broken and she had to wait two weeks for "
                         "a reply from"), lines
    assert lines[at + 1] == "  us", lines
    child.expect("Ann: what happened")  # asked again, nothing recorded
    child.send(DOWN * 5 + "\r")  # back to the list
    child.expect("Follow up on which one")
    child.expect("Done")
    child.send(DOWN + "\r")  # done
    assert finish(child) == 0
    assert len(json.loads(run("due", "--json", env=env).stdout)) == 1
