"""One follow-up (date, optional time, the promise), outcomes with a history, and `due`
for the person using it: on SQLite and on PostgreSQL, through the installed command."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import run

ANSWERS = ("fields:\n  offer: a free breakfast next visit\nsteps:\n  - {note: upset}\n"
           "  - {}\n")


def session(home: Path, env: dict[str, str], customer: str, agent: str, *extra: str,
            answers: str = ANSWERS) -> str:
    file = home / "answers.yaml"
    file.write_text(answers)
    past = None  # a date in the past is refused with --answers: moved there afterwards
    if len(extra) == 2 and extra[0] == "--follow-up" and extra[1][:2] in ("19", "20"):
        past, extra = extra[1], ("--follow-up", "today")
    result = run("run", "hyken", "--customer", customer, "--agent", agent, "--team", "care",
                 "--answers", str(file), *extra, env=env)
    assert result.returncode == 0, result.stderr
    sid = str(json.loads(run("history", "--json", "--limit", "1", env=env).stdout)[0]["id"])
    if past is not None:
        assert run("follow-up", sid, past, "--yes", env=env).returncode == 0
    return sid


def words(day: date) -> str:
    return f"on {day.strftime('%a')} {day.day} {day.strftime('%b %Y')}"


def test_the_field_and_the_date_are_one_follow_up(home: Path, store_env: dict[str, str]
                                                  ) -> None:
    env = store_env
    soon = date.today() + timedelta(days=2)
    by_field = session(home, env, "Ann", "sam", answers=ANSWERS.replace(
        "fields:\n", "fields:\n  follow_up: 2d 14:30\n"))
    by_option = session(home, env, "Bob", "sam", "--follow-up", "2d")
    data = json.loads(run("export", by_field, "--format", "json", env=env).stdout)
    assert data["follow_up"]["date"] == soon.isoformat()
    assert data["follow_up"]["promise"] == "a free breakfast next visit"
    assert data["fields"]["follow_up"] == f"{words(soon)} at 14:30"
    assert data["follow_up"]["at"].endswith("Z")  # a moment, for machines: UTC
    shown = run("history", by_option, env=env).stdout
    assert f"When you will check back with them: {words(soon)}" in shown  # not "-"
    assert f"Follow-up: {soon.isoformat()} (" in shown and "promised: a free breakfast" in shown
    # the say-line reads the same value
    from conftest import ROOT
    from recoverycli.playbooks.model import load_playbook

    book = load_playbook(str(ROOT / "playbooks" / "hyken.yaml"))
    assert any("{follow_up}" in line for step in book.steps for line in step.say)
    # moving the date moves the field too
    assert run("follow-up", by_option, "tomorrow morning", env=env).returncode == 0
    moved = json.loads(run("export", by_option, "--format", "json", env=env).stdout)
    tomorrow = date.today() + timedelta(days=1)
    assert moved["follow_up"]["date"] == tomorrow.isoformat()
    assert moved["fields"]["follow_up"] == f"{words(tomorrow)} at 09:00"
    # free text that is no date is kept as said, and no date is invented
    vague = session(home, env, "Cy", "sam", answers=ANSWERS.replace(
        "fields:\n", "fields:\n  follow_up: when the part arrives\n"))
    kept = json.loads(run("export", vague, "--format", "json", env=env).stdout)
    assert kept["fields"]["follow_up"] == "when the part arrives" and kept["follow_up"] is None
    # the calendar event has the time and the promise
    import icalendar

    [event] = icalendar.Calendar.from_ical(
        run("export", by_field, "--format", "ics", env=env).stdout).walk("VEVENT")
    start = event.decoded("dtstart")
    assert start.astimezone().strftime("%Y-%m-%d %H:%M") == f"{soon.isoformat()} 14:30"
    assert "Promised: a free breakfast next visit" in str(event.get("description"))


def test_pending_keeps_the_promise_open_and_due_again(home: Path, store_env: dict[str, str]
                                                       ) -> None:
    env = {**store_env, "RECOVER_AGENT": "sam"}
    sid = session(home, env, "Dee", "sam", "--follow-up", "today")
    assert [r["id"] for r in json.loads(run("due", "--json", env=env).stdout)] == [sid]
    result = run("outcome", sid, "--result", "pending", "--next", "3d", "--note", "voicemail",
                 env=env)
    assert result.returncode == 0, result.stderr
    in3 = (date.today() + timedelta(days=3)).isoformat()
    assert f"next follow-up {in3}" in result.stdout
    assert json.loads(run("due", "--json", env=env).stdout) == []  # not due until then
    every = json.loads(run("due", "--json", env=env).stdout)
    assert every == []
    report = json.loads(run("report", "--format", "json", env=env).stdout)
    assert report["follow_ups"]["on_time"] == 1  # the follow-up was kept
    assert report["follow_ups"]["upcoming"] == 1  # and the next one is open
    # the next date comes due: moved to today, it is listed again
    assert run("follow-up", sid, "today", env=env).returncode == 0
    assert [r["id"] for r in json.loads(run("due", "--json", env=env).stdout)] == [sid]
    assert run("outcome", sid, "--result", "returned", "--rating", "4", env=env
               ).returncode == 0
    assert json.loads(run("due", "--json", env=env).stdout) == []  # only a result closes it
    data = json.loads(run("export", sid, "--format", "json", env=env).stdout)
    assert [o["result"] for o in data["outcomes"]] == ["pending", "returned"]
    assert [o["by"] for o in data["outcomes"]] == ["sam", "sam"]
    assert all(o["at"].endswith("Z") and "T" in o["at"] for o in data["outcomes"])
    assert data["outcomes"][0]["follow_up_due"] == date.today().isoformat()
    assert data["outcomes"][0]["next_follow_up"] == in3
    assert data["outcome"] == data["outcomes"][-1] and data["follow_up"]["open"] is False
    assert data["agent"] == "sam" and data["team"] == "care"
    report = json.loads(run("report", "--format", "json", env=env).stdout)
    assert report["follow_ups"]["on_time"] == 2 and report["follow_ups"]["upcoming"] == 0


def test_due_is_yours_unless_widened(home: Path, store_env: dict[str, str]) -> None:
    env = {**store_env, "RECOVER_AGENT": "sam"}
    mine_late = session(home, env, "Ann Late", "sam", "--follow-up", "2020-01-02")
    mine_today = session(home, env, "Ann Today", "sam", "--follow-up", "today")
    theirs = session(home, env, "Kim's Customer", "kim", "--follow-up", "2019-05-05")
    future = session(home, env, "Fay Future", "sam", "--follow-up", "1w")
    rows = json.loads(run("due", "--json", env=env).stdout)
    assert [r["id"] for r in rows] == [mine_late, mine_today]  # overdue first, only mine
    assert rows[0]["days_late"] == (date.today() - date(2020, 1, 2)).days
    assert rows[0]["offer"] == "a free breakfast next visit"
    text = run("due", env=env).stdout
    assert "2 follow-ups due for sam" in text
    assert "Ann Late" in text and "days late" in text and "a free breakfast" in text
    assert "Kim's Customer" not in text
    for widen in (["--all"], ["--team", "care"]):
        assert [r["id"] for r in json.loads(run("due", "--json", *widen, env=env).stdout)] \
            == [theirs, mine_late, mine_today]
    assert [r["id"] for r in json.loads(run("due", "--json", "--agent", "kim", env=env
                                            ).stdout)] == [theirs]
    assert "Nothing due for nobody" in run("due", "--agent", "nobody", env=env).stdout
    import icalendar

    out = home / "due.ics"
    assert run("due", "--ics", "--all", "-o", str(out), env=env).returncode == 0
    events = icalendar.Calendar.from_ical(out.read_text()).walk("VEVENT")
    assert sorted(str(e.get("uid")) for e in events) == sorted(
        f"{s}@recover" for s in (mine_late, mine_today, theirs, future))  # every open one
    assert (out.stat().st_mode & 0o777) == 0o600


def test_a_store_from_before_the_change_migrates(home: Path, store_env: dict[str, str]
                                                 ) -> None:
    """Sessions with an outcome recorded against a follow-up, made by the release before
    named migrations: the follow-up counts as kept, outcome history and modes appear."""
    import legacy_v8

    if store_env:
        legacy_v8.build_postgres(store_env["RECOVER_DATABASE_URL"], 8)
    else:
        legacy_v8.build_sqlite(home / "data" / "sessions.db", 8)
    history = json.loads(run("history", "--json", "--limit", "0", env=store_env).stdout)
    with_outcome = [r for r in history if r["outcome"]]
    assert with_outcome
    for row in with_outcome:
        data = json.loads(run("export", row["id"], "--format", "json", env=store_env).stdout)
        assert len(data["outcomes"]) == 1 and data["outcomes"][0]["result"] == row["outcome"]
    report = json.loads(run("report", "--format", "json", env=store_env).stdout)
    kept = report["follow_ups"]["on_time"] + report["follow_ups"]["late"]
    assert kept == sum(1 for r in with_outcome if r["follow_up"])


def test_local_time_where_people_read_utc_where_machines_read(
        home: Path, store_env: dict[str, str]) -> None:
    env = {**store_env, "TZ": "Pacific/Auckland", "RECOVER_AGENT": "sam"}
    sid = session(home, env, "Kiri", "sam", "--follow-up", "today")
    assert run("outcome", sid, "--result", "returned", env=env).returncode == 0
    zone = ("NZDT", "NZST")
    shown = run("history", sid, env=env).stdout
    lines = shown.splitlines()
    summary_line = lines[next(i for i, line in enumerate(lines)
                              if line.startswith("Session ")) + 1]  # when it started
    assert any(z in summary_line for z in zone) and "UTC" not in summary_line
    assert any(z in line for line in shown.splitlines() if line.startswith("Outcome:")
               for z in zone)
    for listing in (["history"], ["sessions"]):
        text = run(*listing, env=env).stdout
        assert any(z in text for z in zone) and "Z " not in text, listing
    md = run("export", sid, "--format", "md", env=env).stdout
    page = run("export", sid, "--format", "html", env=env).stdout
    report = run("report", "--format", "md", env=env).stdout
    for text in (md, page, report):
        assert any(z in text for z in zone)
    data = json.loads(run("export", sid, "--format", "json", env=env).stdout)
    import re

    iso = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
    assert iso.match(data["started"]) and iso.match(data["outcome"]["at"])
    assert all(iso.match(o["at"]) for o in data["outcomes"])
    assert all(iso.match(n["at"]) for s in data["steps"] for n in s["notes"])
    # the same moment, read in UTC and in Auckland
    from datetime import datetime

    utc = datetime.fromisoformat(data["started"].replace("Z", "+00:00"))
    assert summary_line.split(" - ")[0].startswith(
        utc.astimezone(__import__("zoneinfo").ZoneInfo("Pacific/Auckland")).strftime(
            "%Y-%m-%d %H:%M"))
    assert json.loads(run("report", "--format", "json", env=env).stdout)["scope"][
        "generated"].endswith("Z")


def test_a_past_follow_up_in_an_answers_file_is_refused_located(home: Path) -> None:
    """Red team 16: `fields: {follow_up: "0001-01-01"}` bypassed the past-date check that
    --follow-up gets, and the session sat at the top of `due` for ever."""
    past = home / "past.yaml"
    past.write_text('fields: {customer: A, follow_up: "2001-01-01"}\nsteps: []\n')
    result = run("run", "hyken", "--answers", str(past))
    assert result.returncode == 1, result.stderr
    assert f"{past}:1:34: fields.follow_up: 2001-01-01 is in the past" in result.stderr
    assert json.loads(run("history", "--json").stdout) == []  # nothing stored
    soon = home / "soon.yaml"
    soon.write_text('fields: {customer: A, follow_up: "tomorrow"}\nsteps: []\n')
    assert run("run", "hyken", "--answers", str(soon)).returncode == 0
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert json.loads(run("history", "--json").stdout)[0]["follow_up"] == tomorrow


def test_a_follow_up_earlier_today_is_in_the_past(home: Path) -> None:
    """Red team 16: "today 00:00" (hours ago) was accepted where a past date is refused."""
    from datetime import datetime

    if datetime.now().strftime("%H:%M") == "00:00":
        return  # the one minute where 00:00 is not yet past
    answers = home / "a.yaml"
    answers.write_text("steps: []\n")
    result = run("run", "hyken", "--answers", str(answers), "--follow-up", "today 00:00")
    assert result.returncode == 2 and "is in the past" in result.stderr, result.stderr


def test_follow_up_on_the_command_line_wins_over_the_answers_file(home: Path) -> None:
    """Red team 16b: --follow-up lost to the file's fields.follow_up (while --field wins),
    and a past date in the file was refused even when the flag replaced it. An unquoted
    date in the file is the date as written, not a YAML timestamp error."""
    week = home / "week.yaml"
    week.write_text("fields:\n  customer: F\n  follow_up: 1w\n")
    three = (date.today() + timedelta(days=3)).isoformat()
    for flag in (("--follow-up", "3d"), ("--field", "follow_up=3d")):
        result = run("run", "hyken", "--answers", str(week), *flag)
        assert result.returncode == 0, result.stderr
        assert json.loads(run("history", "--json").stdout)[0]["follow_up"] == three, flag
    past = home / "past.json"
    past.write_text('{"fields": {"customer": "F", "follow_up": "2020-01-01"}}')
    assert run("run", "hyken", "--answers", str(past), "--follow-up", "3d").returncode == 0
    assert run("run", "hyken", "--answers", str(past)).returncode == 1  # JSON path too
    bare = home / "bare.yaml"
    bare.write_text(f"fields:\n  customer: F\n  follow_up: {three}\n")
    result = run("run", "hyken", "--answers", str(bare))
    assert result.returncode == 0, result.stderr
    assert json.loads(run("history", "--json").stdout)[0]["follow_up"] == three


def test_a_follow_up_on_a_closed_session_is_refused_with_the_way_to_reopen(home: Path
                                                                          ) -> None:
    """Newcomer 17: `follow-up ID today` on a session already `returned` said "set" and
    exited 0, but the follow-up never came due: the booked call-back never appeared."""
    answers = home / "a.yaml"
    answers.write_text("steps: []\n")
    assert run("run", "hyken", "--answers", str(answers), "--follow-up", "2d").returncode == 0
    sid = json.loads(run("history", "--json").stdout)[0]["id"]
    assert run("outcome", sid, "--result", "returned").returncode == 0
    refused = run("follow-up", sid, "tomorrow 10:00")
    assert refused.returncode == 1, refused.stderr
    assert "is closed (outcome: returned)" in refused.stderr
    assert "--result pending --next '" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    reopened = run("outcome", sid, "--result", "pending", "--next", "today")
    assert reopened.returncode == 0, reopened.stderr
    assert sid[:8] in run("due", "--all").stdout


@pytest.mark.parametrize(("given", "said"), [
    ("2026-13-01", "cannot read '2026-13-01' as a follow-up"),
    ("tomorow", "cannot read 'tomorow' as a follow-up"), ("2d 25:00", "no such time of day"),
    ("9999-12-31", "more than 10 years away")])
def test_a_follow_up_in_an_answers_file_that_cannot_be_used_is_located(
        home: Path, given: str, said: str) -> None:
    """Red team 17: these finished the call with no follow-up at all, exit 0, no word
    (with --answers nobody is asked for the date at the end)."""
    for name, text in (("a.yaml", f'fields: {{customer: A, follow_up: "{given}"}}\nsteps: []\n'),
                       ("a.json", json.dumps({"fields": {"customer": "A",
                                                         "follow_up": given}}))):
        answers = home / name
        answers.write_text(text)
        result = run("run", "hyken", "--answers", str(answers))
        assert result.returncode == 1, result.stderr
        assert f"{answers}:1:" in result.stderr and said in result.stderr
    assert json.loads(run("history", "--json").stdout) == []


def test_a_weekday_follow_up_is_said_back_with_its_weekday_and_weekend(home: Path) -> None:
    """Issue 19: "friday" is taken; the date is said with its weekday wherever it shows,
    and a weekend day is named as one."""
    import json as _json
    from datetime import date, timedelta

    answers = home / "a.yaml"
    answers.write_text("steps:\n  - {}\n")
    assert run("run", "hyken", "--customer", "Ann", "--answers", str(answers)).returncode == 0
    sid = str(_json.loads(run("history", "--json").stdout)[0]["id"])
    today = date.today()
    sunday = today + timedelta(days=(6 - today.weekday()) % 7 or 7)
    result = run("follow-up", sid, "sun")
    assert result.returncode == 0, result.stderr
    assert f"set to Sun {sunday.isoformat()} (a Sunday, at the weekend)." in result.stdout
    assert "Sun " + sunday.strftime("%b %d") in run("history").stdout
    assert "(on Sun" in run("history", sid).stdout or "Sun " in run("history", sid).stdout
    exported = _json.loads(run("export", sid, "--format", "json").stdout)
    assert exported["follow_up"]["weekday"] == "Sunday"
    assert f"{sunday.isoformat()} (Sun {sunday.day}" in run("export", sid).stdout
    assert "at the weekend" in run("export", sid).stdout
    friday = today + timedelta(days=(4 - today.weekday()) % 7 or 7)
    result = run("follow-up", sid, "next fri 10am")
    assert f"set to Fri {friday.isoformat()} 10:00." in result.stdout, result.stdout


def test_the_calendar_event_carries_the_promise_and_the_problem(home: Path) -> None:
    """Issue 19: the .ics event left out the promise and the problem (and due --ics
    left out the problem)."""
    import icalendar

    answers = home / "a.yaml"
    answers.write_text("fields:\n  problem: the parcel came broken\n"
                       "  offer: a free month\nsteps:\n  - {}\n")
    made = run("run", "hyken", "--customer", "Ann", "--answers", str(answers),
               "--follow-up", "2d")
    assert made.returncode == 0, made.stderr
    sid = str(json.loads(run("history", "--json").stdout)[0]["id"])
    for args in (("export", sid, "--format", "ics"), ("due", "--all", "--ics")):
        [event] = icalendar.Calendar.from_ical(run(*args).stdout).walk("VEVENT")
        text = str(event.get("description"))
        assert "Promised: a free month" in text, (args, text)
        assert "Problem: the parcel came broken" in text, (args, text)
