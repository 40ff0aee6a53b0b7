"""Did-you-mean for session ids: one function (storage.ids.near) behind every command
that takes an ID, suggesting the ids a mistyped id or prefix was one typo away from."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import run
from recoverycli.storage.ids import near

IDS = ["3f9c2a07" + "1" * 24, "3f9c2b07" + "2" * 24, "a0b1c2d3" + "e4f5a6b7" * 3,
       "77777777" + "0" * 24]


@pytest.fixture
def db() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY)")
    connection.executemany("INSERT INTO sessions VALUES (?)", [(i,) for i in IDS])
    return connection


@pytest.mark.parametrize(("typed", "meant"), [
    ("a0b1c2d4", [IDS[2]]),  # one wrong
    ("a0b1cd3", [IDS[2]]),  # one left out
    ("a0b1cc2d3", [IDS[2]]),  # one too many
    ("a0b12cd3", [IDS[2]]),  # two swapped
    ("x0b1c2d3", [IDS[2]]),  # the first one wrong
    ("A0B1C2D4", [IDS[2]]),  # capitals are the same id
    ("a0b1c2d3e4f5a6b7e4f5a6b7e4f5a6bX", [IDS[2]]),  # a full id, wrong near its end
    ("3f9c2c07", [IDS[0], IDS[1]]),  # as near to two: both, nearest (then by id) first
])
def test_one_typo_away_is_suggested(db: sqlite3.Connection, typed: str, meant: list[str]
                                    ) -> None:
    assert near(db, typed) == meant  # type: ignore[arg-type]


@pytest.mark.parametrize("typed", ["a0b1xxd3", "zzzzzzzz", "a0b", "", "7777x7777777x777"])
def test_two_typos_or_too_little_suggests_nothing(db: sqlite3.Connection, typed: str) -> None:
    assert near(db, typed) == []  # type: ignore[arg-type]


def sessions(home: Path, count: int) -> list[str]:
    answers = home / "a.yaml"
    answers.write_text("steps:\n  - {}\n")
    for n in range(count):
        assert run("run", "hyken", "--customer", f"C{n}", "--answers",
                   str(answers)).returncode == 0
    return [r["id"] for r in json.loads(run("history", "--json").stdout)]


@pytest.mark.parametrize("command", [
    ["history", "{typo}"], ["export", "{typo}"], ["follow-up", "{typo}", "2d"],
    ["outcome", "{typo}", "--result", "lost"], ["forget", "{typo}", "--yes"],
    ["resume", "{typo}"]])
def test_every_command_that_takes_an_id_suggests_the_one_meant(home: Path,
                                                               command: list[str]) -> None:
    sid = sessions(home, 1)[0]
    wrong = "0" if sid[5] != "0" else "1"
    typo = sid[:5] + wrong + sid[6:8]  # an 8-digit prefix with one digit wrong
    before = run("history", "--json").stdout
    result = run(*(a.format(typo=typo) for a in command))
    assert result.returncode == 1
    assert result.stderr == (f"recover: no session '{typo}'; did you mean '{sid[:8]}'? "
                             "(see 'recover history')\n")
    assert run("history", "--json").stdout == before  # nothing changed, nothing forgotten


@pytest.mark.usefixtures("home")
def test_nothing_near_says_so_without_a_suggestion() -> None:
    result = run("follow-up", "zzzzzzzz", "2d")
    assert result.returncode == 1
    assert result.stderr == "recover: no session 'zzzzzzzz' (see 'recover history')\n"
