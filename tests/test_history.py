"""History, follow-ups, outcomes, exports and forgetting, through the installed command."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import run
from legacy_v8 import MIGRATIONS
from recoverycli.storage.schema import NAMES
from recoverycli.storage.store import Store

NAME = "Zelda Quixotic-Marmalade"


def start(home: Path, customer: str, playbook: str = "hyken", *extra: str) -> str:
    """A finished session made through --answers; returns its id."""
    answers = home / f"answers-{customer[:3]}.yaml"
    answers.write_text("fields:\n  offer: a free breakfast next visit\n  problem: no honey\n"
                       "steps:\n  - {note: 'she was upset'}\n  - {}\n")
    result = run("run", playbook, "--customer", customer, "--answers", str(answers), *extra)
    assert result.returncode == 0, result.stderr
    rows = json.loads(run("history", "--json", "--limit", "1").stdout)
    return str(rows[0]["id"])


def test_history_newest_first_with_filters_and_json_keys(home: Path) -> None:
    a = start(home, "Ann Able")
    b = start(home, "Bob Baker", "saxena")
    rows = json.loads(run("history", "--json").stdout)
    assert [r["id"] for r in rows[:2]] == [b, a]
    assert {"id", "playbook", "customer", "status", "started", "follow_up", "outcome"} <= set(
        rows[0])
    only = json.loads(run("history", "--json", "--playbook", "hyken").stdout)
    assert [r["id"] for r in only] == [a]
    named = json.loads(run("history", "--json", "--customer", "bak").stdout)
    assert [r["id"] for r in named] == [b]
    assert json.loads(run("history", "--json", "--since", "1d").stdout)
    later = run("history", "--json", "--since", "2999-01-01")  # a typo, said as one
    assert later.returncode == 2 and "is after today" in later.stderr
    assert json.loads(run("history", "--json", "--status", "finished").stdout) == []  # 2 of 7
    assert len(json.loads(run("history", "--json", "--status", "open").stdout)) == 2
    table = run("history")
    assert "Ann Able" in table.stdout and "Bob Baker" in table.stdout


def test_history_id_shows_the_checklist_and_summary_again(home: Path) -> None:
    sid = start(home, "Cy Cole")
    result = run("history", sid)
    assert result.returncode == 0
    assert "Checklist" in result.stdout and "note: she was upset" in result.stdout
    assert f"Session {sid}" in result.stdout


def test_follow_up_due_and_outcome(home: Path) -> None:
    refused = run("run", "hyken", "--answers", str(home / "none.yaml"), "--follow-up",
                  "2020-01-02")
    assert refused.returncode == 2 and "in the past" in refused.stderr  # never silently
    late = start(home, "Late Larry", "hyken")
    assert run("follow-up", late, "2020-01-02", "--yes").returncode == 0
    later = start(home, "Later Lou")
    future = start(home, "Future Fay", "hyken", "--follow-up", "3w")
    assert run("follow-up", later, "today").returncode == 0
    rows = json.loads(run("due", "--json").stdout)
    assert [r["id"] for r in rows] == [late, later]  # oldest first; the future one not due
    assert rows[0]["offer"] == "a free breakfast next visit"
    assert rows[0]["days_late"] == (date.today() - date(2020, 1, 2)).days
    assert rows[1]["days_late"] == 0
    text = run("due").stdout
    assert "Late Larry" in text and "a free breakfast" in text
    result = run("outcome", late, "--result", "returned", "--rating", "5", "--note", "came back")
    assert result.returncode == 0, result.stderr
    assert [r["id"] for r in json.loads(run("due", "--json").stdout)] == [later]
    row = next(r for r in json.loads(run("history", "--json").stdout) if r["id"] == late)
    assert row["outcome"] == "returned"
    assert "Outcome: returned, rated 5/5 - came back" in run("history", late).stdout
    fay = next(r for r in json.loads(run("history", "--json").stdout) if r["id"] == future)
    assert fay["follow_up"] == (date.today() + timedelta(weeks=3)).isoformat()


def test_a_past_follow_up_with_no_terminal_needs_yes(home: Path) -> None:
    sid = start(home, "Pat Past", "hyken", "--follow-up", "2d")
    before = run("history", sid, "--json").stdout
    for args in (["follow-up", sid, "2020-01-02"],
                 ["outcome", sid, "--result", "pending", "--next", "2020-01-02"]):
        refused = run(*args)
        assert refused.returncode == 2
        what = "the follow-up for" if args[0] == "follow-up" else "--next for"
        assert refused.stderr == (f"recover: 2020-01-02 is in the past: confirm {what} "
                                  f"{sid[:8]} on a terminal, or add --yes\n")
        assert run("history", sid, "--json").stdout == before  # nothing changed
    assert run("follow-up", sid, "2020-01-02", "--yes").returncode == 0
    assert json.loads(run("history", sid, "--json").stdout)["follow_up"]["date"] == "2020-01-02"
    done = run("outcome", sid, "--result", "pending", "--next", "2020-01-03", "--yes")
    assert done.returncode == 0, done.stderr
    assert json.loads(run("history", sid, "--json").stdout)["follow_up"]["date"] == "2020-01-03"
    assert run("follow-up", sid, "today").returncode == 0  # today is not the past


@pytest.mark.parametrize(("args", "fragment"), [
    (["outcome", "{sid}", "--result", "returned", "--rating", "6"],
     "recover outcome: --rating: 6 is not in the range 1<=x<=5 (see recover outcome -h)"),
    (["outcome", "{sid}", "--result", "maybe"],
     "--result: 'maybe' is not one of 'returned', 'lost', 'pending'"),
    (["follow-up", "{sid}", "next blue moon"], "cannot read 'next blue moon' as a follow-up"),
    (["outcome", "{sid}", "--result", "pending"], "--result pending needs --next WHEN"),
    (["outcome", "{sid}", "--result", "lost", "--next", "2d"], "--next is for --result pending"),
    (["follow-up", "{sid}", "2d 25:00"], "no such time of day"),
    (["history", "--since", "last tuesday"], "cannot read 'last tuesday' as a date"),
    (["history", "--status", "closed"], "--status: 'closed' is not one of 'open', 'finished'"),
    (["export", "{sid}", "--format", "pdf"],
     "--format: 'pdf' is not one of 'md', 'json', 'html', 'ics'"),
])
def test_bad_input_is_one_line_and_touches_nothing(home: Path, args: list[str],
                                                   fragment: str) -> None:
    sid = start(home, "Dee Dunn")
    before = run("history", sid, "--json").stdout
    result = run(*(a.format(sid=sid) for a in args))
    assert result.returncode == 2, result.stderr
    assert fragment in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert run("history", sid, "--json").stdout == before


@pytest.mark.parametrize("command", [["history", "nope"], ["outcome", "nope", "--result", "lost"],
                                     ["export", "nope"], ["follow-up", "nope", "2d"],
                                     ["forget", "nope", "--yes"]])
def test_unknown_session_id(home: Path, command: list[str]) -> None:
    start(home, "Eve East")
    result = run(*command)
    assert result.returncode == 1 and "no session 'nope'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_exports(home: Path) -> None:
    import icalendar

    sid = start(home, "<script>alert(1)</script> & [b]Fi[/b]", "hyken", "--follow-up",
                "2030-05-06")
    md = run("export", sid, "--format", "md").stdout
    assert "# Service recovery: Seven service recovery strategies" in md
    assert "\\<script\\>" in md and "\\[b\\]Fi\\[/b\\]" in md
    data = json.loads(run("export", sid, "--format", "json").stdout)
    assert data["schema_version"] == 2 and data["follow_up"] == {
        "date": "2030-05-06", "weekday": "Monday", "at": None,
        "promise": "a free breakfast next visit", "open": True}
    assert data["steps"][0]["notes"][0]["text"] == "she was upset"
    assert data["steps"][3]["status"] == "not reached"
    out = home / "page.html"
    assert run("export", sid, "--format", "html", "-o", str(out)).returncode == 0
    page = out.read_text()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in page
    assert "http" not in page.replace("http-equiv", "")  # self-contained: nothing fetched
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    ics = run("export", sid, "--format", "ics").stdout
    calendar = icalendar.Calendar.from_ical(ics)
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == date(2030, 5, 6)
    assert "Follow up with <script>" in str(event.get("summary"))
    assert "a free breakfast next visit" in str(event.get("description"))
    [alarm] = event.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(hours=9)


def test_ics_without_a_follow_up_says_how_to_set_one(home: Path) -> None:
    sid = start(home, "Gil Gray")
    result = run("export", sid, "--format", "ics")
    assert result.returncode == 2 and f"recover follow-up {sid} WHEN" in result.stderr


def store_bytes(home: Path) -> bytes:
    folder = home / "data"
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_forget_removes_the_name_from_every_file(home: Path) -> None:
    keep = start(home, "Keep Kim")
    for _ in range(3):
        start(home, NAME)
    assert NAME.encode() in store_bytes(home)
    dry = run("forget", "--customer", NAME.lower(), "--dry-run")
    assert "Would forget 3 sessions" in dry.stdout
    assert NAME.encode() in store_bytes(home)
    assert run("forget", "--customer", NAME).returncode == 2  # no terminal: needs --yes
    result = run("forget", "--customer", NAME, "--yes")
    assert result.returncode == 0 and "Forgot 3 sessions" in result.stdout
    assert NAME.encode() not in store_bytes(home)
    assert b"Quixotic" not in store_bytes(home)
    assert [r["id"] for r in json.loads(run("history", "--json").stdout)] == [keep]


def test_forget_by_id_age_and_all(home: Path) -> None:
    a = start(home, "Al One")
    start(home, "Bo Two")
    assert run("forget", a, "--yes").returncode == 0
    assert len(json.loads(run("history", "--json").stdout)) == 1
    assert "Would forget 0 sessions" in run("forget", "--older-than", "1d", "--dry-run").stdout
    assert run("forget", "--older-than", "soon", "--yes").returncode == 2
    assert run("forget", "--all", "--yes").returncode == 0
    assert json.loads(run("history", "--json").stdout) == []
    assert run("forget").returncode == 2


def test_retention_setting_forgets_old_sessions_on_start(home: Path) -> None:
    sid = start(home, "Old Olive")
    db = sqlite3.connect(home / "data" / "sessions.db")
    db.execute("UPDATE sessions SET started = '2001-01-01T00:00:00Z' WHERE id = ?", (sid,))
    db.commit()
    db.close()
    fresh = start(home, "New Nia")
    (home / "config").mkdir(exist_ok=True)
    (home / "config" / "config.toml").write_text("retention_days = 30\n")
    assert [r["id"] for r in json.loads(run("history", "--json").stdout)] == [fresh]
    assert b"Old Olive" not in store_bytes(home)
    (home / "config" / "config.toml").write_text("retention_days = 'soon'\n")
    result = run("history")
    assert result.returncode == 2 and "retention_days must be a whole number" in result.stderr


def test_no_save_writes_nothing(home: Path) -> None:
    answers = home / "a.yaml"
    answers.write_text("steps:\n  - {}\n")
    result = run("run", "hyken", "--customer", NAME, "--answers", str(answers), "--no-save")
    assert result.returncode == 0 and "Checklist" in result.stderr
    assert "Session " not in result.stdout  # names no session that was not kept
    assert not (home / "data").exists()


def test_a_version_1_store_is_migrated_without_loss(home: Path) -> None:
    folder = home / "data"
    folder.mkdir()
    db = sqlite3.connect(folder / "sessions.db")
    db.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
    state = {"version": 1, "id": "old001", "playbook_id": "hyken", "playbook_path": None,
             "playbook_title": "Seven service recovery strategies", "mode": "live",
             "status": "finished", "started": 1700000000.0, "ended": 1700000100.0,
             "fields": {"customer": "Vera Old"}, "agent": None,
             "path": [["1", "done", None], ["2", "skip", None]],
             "notes": {"1": [["from v1", 1700000001.0]]}, "seconds": {"1": 50.0, "2": 50.0}}
    db.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               ("old001", "hyken", "Vera Old", "finished", "2023-11-14T22:13:20Z",
                "2023-11-14T22:15:00Z", None, json.dumps(state)))
    db.commit()
    db.close()
    store = Store(folder)
    assert sorted(r[0] for r in store.db.execute("SELECT name FROM recover_migrations")) == \
        sorted(NAMES)
    store.close()
    rows = json.loads(run("history", "--json").stdout)
    assert rows == [{"id": "old001", "playbook": "hyken", "customer": "Vera Old",
                     "status": "finished", "started": "2023-11-14T22:13:20Z",
                     "follow_up": None, "outcome": None, "agent": None,
                     "team": None, "mode": "live", "playbook_version": None}]
    shown = run("history", "old001")
    assert "note: from v1" in shown.stdout and "[-] 2. Acknowledge the problem" in shown.stdout
    assert run("follow-up", "old001", "2020-02-02", "--yes").returncode == 0
    assert json.loads(run("due", "--json", "--all").stdout)[0]["customer"] == "Vera Old"


def test_read_only_and_corrupt_stores_are_one_line_errors(home: Path) -> None:
    start(home, "Ro Ro")
    db_file = home / "data" / "sessions.db"
    os.chmod(db_file, 0o400)
    before = db_file.read_bytes()
    result = run("history")
    assert result.returncode == 1 and "read-only" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert db_file.read_bytes() == before
    os.chmod(db_file, 0o600)
    for side in ("sessions.db-wal", "sessions.db-shm"):
        (home / "data" / side).unlink(missing_ok=True)
    db_file.write_bytes(b"garbage " * 512)
    result = run("due")
    assert result.returncode == 1 and "cannot open the session store" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert db_file.read_bytes() == b"garbage " * 512


def test_session_ids_match_any_case_and_a_near_miss_gets_a_did_you_mean(home: Path) -> None:
    sid = start(home, "Cy Cole")
    assert "Checklist" in run("history", sid.upper()).stdout
    near = sid[:-1] + ("0" if sid[-1] != "0" else "1")
    result = run("history", near)
    assert result.returncode == 1 and f"did you mean '{sid[:8]}'?" in result.stderr  # short


def test_every_output_path_is_checked_before_any_work(home: Path) -> None:
    sid = start(home, "Di Dee")
    for args in (["export", sid, "-o"], ["report", "-o"]):
        result = run(*args, str(home / "missing" / "out.txt"))
        assert result.returncode == 2 and "-o" in result.stderr and "no such folder" in \
            result.stderr, args


def test_playbook_filters_fold_case_and_suggest_a_near_miss(home: Path) -> None:
    """Red team 16: `history --playbook HYKEN` and `report --playbook HYKEN` answered "no
    sessions" (an empty team report that looked like real data) while `show HYKEN` works."""
    sid = start(home, "Dee Dunn")
    rows = json.loads(run("history", "--json", "--playbook", "HYKEN").stdout)
    assert [r["id"] for r in rows] == [sid]
    report = json.loads(run("report", "--format", "json", "--playbook", "Hyken").stdout)
    assert report["sessions"] == 1
    for args in (("history", "--playbook", "hyke"), ("report", "--playbook", "hyke")):
        missed = run(*args)
        assert missed.returncode == 1, missed.stderr
        assert "did you mean 'hyken'?" in missed.stderr
        assert len(missed.stderr.strip().splitlines()) == 1
    other = run("history", "--playbook", "saxena")  # no sessions of it, and no near miss
    assert other.returncode == 0 and "No sessions match" in other.stdout


def test_forget_by_part_of_a_name_names_the_close_ones(home: Path) -> None:
    """Newcomer 16: `forget --customer bob` said "Nothing to forget" for "Bob Roe" while
    `history --customer bob` found the session: silent nothing on a deletion request."""
    start(home, "Bob Roe")
    result = run("forget", "--customer", "bob", "--yes")
    assert result.returncode == 1, result.stderr
    assert "forget takes the whole name" in result.stderr and "'Bob Roe'" in result.stderr
    assert len(json.loads(run("history", "--json").stdout)) == 1  # nothing forgotten
    gone = run("forget", "--customer", "bob roe", "--yes")
    assert gone.returncode == 0 and "Forgot 1 session" in gone.stdout
    assert run("forget", "--customer", "nobody", "--yes").stdout == "Nothing to forget.\n"


def test_history_says_live_or_rehearsal_and_due_all_says_whose(home: Path) -> None:
    """Issue 19: a live/rehearsal column in history; an agent column in due --all."""
    answers = home / "a.yaml"
    answers.write_text("steps:\n  - {}\n")
    assert run("run", "hyken", "--customer", "Ann", "--answers", str(answers),
               "--follow-up", "today", env={"RECOVER_AGENT": "sam"}).returncode == 0
    assert run("run", "hyken", "--rehearse", "--customer", "Bob", "--answers",
               str(answers)).returncode == 0
    lines = run("history").stdout.splitlines()
    assert lines[0].split()[4] == "mode", lines[0]
    assert [line.split()[4] for line in lines[1:]] == ["rehearsal", "live"], lines
    assert [r["mode"] for r in json.loads(run("history", "--json").stdout)] == [
        "rehearse", "live"]
    mine = run("due", env={"RECOVER_AGENT": "sam"}).stdout
    assert "agent" not in mine.splitlines()[1], mine  # one's own list: whose goes unsaid
    everyone = run("due", "--all", env={"RECOVER_AGENT": "kim"}).stdout
    header = next(line for line in everyone.splitlines() if line.startswith("customer"))
    assert header.split()[-1] == "agent" and everyone.splitlines()[-1].split()[-1] == "sam"


def test_doctor_says_which_agent_and_team_are_in_use(home: Path) -> None:
    out = run("doctor", env={"RECOVER_AGENT": "sam", "RECOVER_TEAM": "care"}).stdout
    assert "agent:         sam (from RECOVER_AGENT)" in out
    assert "team:          care (from RECOVER_TEAM)" in out
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "config.toml").write_text('agent = "kim"\n')
    out = run("doctor").stdout
    assert "agent:         kim (from config.toml)" in out and "team:          none" in out
    data = json.loads(run("doctor", "--json").stdout)
    assert data["who"] == {"agent": "kim", "agent_from": "config.toml", "team": None,
                           "team_from": None}
