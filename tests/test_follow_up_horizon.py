"""Follow-up dates: refused at entry beyond a sane horizon (ten years), and a date at the
very end of the calendar already in a store (9999-12-31, late that day) never crashes a
command: the calendar exports in particular, in a zone behind UTC and one ahead of it."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import run

ANSWERS = "fields: {customer: Ann}\nsteps: [{}]\n"


def answers(home: Path) -> str:
    path = home / "answers.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return str(path)


def horizon_day() -> date:
    today = date.today()
    try:
        return today.replace(year=today.year + 10)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 10, day=28)


@pytest.mark.parametrize("when", ["9999-12-31", "9999-12-31 23:59", "2500-01-01 9am",
                                  "9999w", "HORIZON+1"])
def test_a_follow_up_past_the_horizon_is_refused_at_entry(home: Path, when: str) -> None:
    when = when.replace("HORIZON+1", (horizon_day() + timedelta(days=1)).isoformat())
    result = run("run", "hyken", "--answers", answers(home), "--follow-up", when)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "more than 10 years away" in result.stderr
    assert json.loads(run("history", "--json").stdout) == []  # nothing stored
    done = run("run", "hyken", "--answers", answers(home))
    sid = json.loads(run("history", "--json").stdout)[0]["id"]
    assert done.returncode == 0
    moved = run("follow-up", sid, when)
    assert moved.returncode == 2 and "more than 10 years away" in moved.stderr


def test_a_follow_up_at_the_horizon_is_taken(home: Path) -> None:
    result = run("run", "hyken", "--answers", answers(home), "--follow-up",
                 horizon_day().isoformat())
    assert result.returncode == 0, result.stderr


def store_follow_ups(home: Path, values: list[str]) -> list[str]:
    """Sessions whose stored follow-ups no command would take today (an older version's,
    a teammate's), written through the store."""
    ids = []
    for _ in values:
        assert run("run", "hyken", "--answers", answers(home)).returncode == 0
    rows = json.loads(run("history", "--json").stdout)
    script = (
        "import sys\n"
        "from recoverycli.storage.open import open_store\n"
        "store = open_store(quiet=True)\n"
        "for sid, value in zip(sys.argv[1::2], sys.argv[2::2]):\n"
        "    session = store.load(sid)\n"
        "    session.set_follow_up(value)\n"
        "    store.save(session)\n"
        "store.close()\n")
    for row, value in zip(rows, values, strict=True):
        ids += [row["id"], value]
    import sys

    subprocess.run([sys.executable, "-c", script, *ids], check=True, env=os.environ.copy(),
                   timeout=60)
    return ids[::2]


@pytest.mark.parametrize("zone", ["America/New_York", "Pacific/Auckland", "UTC"])
def test_stored_follow_ups_at_the_end_of_the_calendar_never_crash(home: Path, zone: str
                                                                   ) -> None:
    ids = store_follow_ups(home, ["9999-12-31", "9999-12-31 23:59", "0001-01-01 00:00"])
    env = {"TZ": zone}
    for args in (["due", "--ics"], ["due", "--all", "--json"], ["due", "--all"],
                 ["history"], ["sessions"], ["report"],
                 *[["export", sid, "--format", fmt] for sid in ids
                   for fmt in ("ics", "md", "json", "html")],
                 *[["history", sid] for sid in ids]):
        result = run(*args, env=env)
        assert result.returncode == 0, (args, result.stderr)
        assert "internal error" not in result.stderr
    calendar = run("due", "--ics", env=env).stdout
    assert calendar.count("BEGIN:VEVENT") == 3
    assert "DTSTART;VALUE=DATE:99991231" in calendar
