"""Issue 22, assigned practice: `recover assign`, what progress says of it, and the
report's practice section; on SQLite and a real PostgreSQL (``store_env``)."""

from __future__ import annotations

import json
import re
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import run
from test_practice import BAD_HEAL, GOOD_HEAL


def practise(home: Path, lines: list[str], env: dict[str, str]) -> float:
    """One role-play of heal's lost-reservation from an answers file: its score."""
    answers = home / "lines.json"
    answers.write_text(json.dumps({"lines": lines}))
    result = run("practice", "heal", "--answers", str(answers), "--json", env=env)
    assert result.returncode == 0, result.stderr
    return float(json.loads(result.stdout)["score"])


def listed(env: dict[str, str]) -> list[dict[str, object]]:
    result = run("assign", "--list", "--json", env=env)
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout)["assignments"])


def test_assign_list_and_cancel(home: Path, store_env: dict[str, str]) -> None:
    env = {**store_env, "RECOVER_AGENT": "lead"}
    empty = run("assign", env=env)  # alone: the list
    assert empty.returncode == 0 and "No open assignments" in empty.stdout
    made = run("assign", "lost-reservation", "--to", "sam", "--by", "2w", "--pass", "80",
               env=env)
    assert made.returncode == 0, made.stderr
    due = (date.today() + timedelta(days=14)).isoformat()
    said = " ".join(made.stdout.split())  # wrapped at the terminal's 80 columns
    weekend = " (a Saturday, at the weekend)" if date.today().weekday() == 5 else \
        " (a Sunday, at the weekend)" if date.today().weekday() == 6 else ""
    assert f"to sam, due by {date.today().strftime('%a')} {due}{weekend}, pass mark 80" \
        in said  # (a date at the weekend says so: this test ran on a Saturday once)
    if store_env:
        assert "in the team store postgresql://recover:***@" in said
        assert "s3cret" not in said
    else:  # no team store: said, so a supervisor knows only this machine sees it
        assert "in the local store" in said and "no team store is set" in said
    team = run("assign", "PHONE-complaint", "--team", "care", "--by", "friday", env=env)
    assert team.returncode == 0, team.stderr
    rows = listed(env)
    assert [(r["scenario"], r["playbook"], r["agent"], r["team"], r["pass_mark"],
             r["assigned_by"]) for r in sorted(rows, key=lambda r: str(r["scenario"]))] == [
        ("lost-reservation", "heal", "sam", None, 80, "lead"),
        ("phone-complaint", "hyken", None, "care", 70, "lead")]
    assert next(r for r in rows if r["agent"] == "sam")["due"] == due
    text = run("assign", "--list", env={**env, "COLUMNS": "80"})
    assert "team care" in text.stdout and "sam" in text.stdout and "--cancel ID" in text.stdout
    assert all(len(line) <= 80 or "sessions.db" in line  # (a long path is never cut)
               for line in text.stdout.splitlines())
    assert all(line == line.rstrip() for line in text.stdout.splitlines())
    sam = next(r for r in rows if r["agent"] == "sam")
    gone = run("assign", "--cancel", str(sam["id"])[:8], env=env)
    assert gone.returncode == 0 and "Withdrew assignment" in gone.stdout
    assert [r["scenario"] for r in listed(env)] == ["phone-complaint"]
    again = run("assign", "--cancel", str(sam["id"])[:8], env=env)
    assert again.returncode == 1 and "no open assignment" in again.stderr


@pytest.mark.parametrize(("args", "said"), [
    (["lost-reservaton", "--to", "sam", "--by", "2w"], "did you mean 'lost-reservation'"),
    (["lost-reservation", "--to", "sam", "--by", "someday"], "--by: cannot read 'someday'"),
    (["lost-reservation", "--to", "sam", "--by", "2020-01-01"], "is before today"),
    (["lost-reservation", "--to", "sam", "--by", "2w", "--pass", "101"],
     "--pass takes a whole number from 0 to 100, not '101'"),
    (["lost-reservation", "--to", "sam", "--by", "2w", "--pass", "high"],
     "--pass takes a whole number from 0 to 100, not 'high'"),
    (["lost-reservation", "--to", "sam", "--by", "2w", "--pass", "70.5"],
     "--pass takes a whole number from 0 to 100, not '70.5'"),
    (["lost-reservation", "--to", "sam", "--by", "9999-12-31"], "--by 9999-12-31: too far "
     "ahead; give a date up to"),
    (["lost-reservation", "--to", "sam", "--by", "99999999w"], "--by 99999999w: too far "
     "ahead; give a date up to"),
    (["lost-reservation", "--to", "sam", "--team", "care", "--by", "2w"], "not both"),
    (["lost-reservation", "--by", "2w"], "--to AGENT or --team TEAM"),
    (["lost-reservation", "--to", "sam"], "--by DATE"),
    (["lost-reservation", "--to", " ", "--by", "2w"], "not a name"),
    (["--to", "sam", "--by", "2w"], "name the scenario"),
])
def test_a_bad_assignment_is_a_usage_error_and_nothing_is_stored(
        home: Path, store_env: dict[str, str], args: list[str], said: str) -> None:
    result = run("assign", *args, env=store_env)
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert said in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert listed(store_env) == []


def test_an_unreachable_team_store_stores_nothing_anywhere(home: Path) -> None:
    env = {"RECOVER_DATABASE_URL": "postgresql://recover@127.0.0.1:9/recover"}
    result = run("assign", "lost-reservation", "--to", "sam", "--by", "2w", env=env)
    assert result.returncode == 1 and "assign needs the team store" in result.stderr
    assert listed({}) == []  # not quietly kept on this machine, where no one else sees it


def _add(store_env: dict[str, str], **row: object) -> None:
    """An assignment written as `assign` writes it, for dates `assign` refuses (past)."""
    from recoverycli.storage import assignments
    from recoverycli.storage.columns import iso
    from recoverycli.storage.ids import new_id
    from recoverycli.storage.open import open_store

    store = open_store(quiet=True)
    try:
        store.read(assignments.add, {
            "id": new_id(), "playbook": "heal", "agent": None, "team": None,
            "pass_mark": 70, "assigned_by": "lead",
            "assigned_at": iso(time.time() - 3 * 86400), **row})
    finally:
        store.close()


def test_attempts_carry_their_agent_and_progress_shows_what_is_assigned(
        home: Path, store_env: dict[str, str]) -> None:
    kim = {**store_env, "RECOVER_AGENT": "kim", "RECOVER_TEAM": "care"}
    sam = {**store_env, "RECOVER_AGENT": "sam", "RECOVER_TEAM": "care"}
    assert run("assign", "lost-reservation", "--to", "kim", "--by", "1w", "--pass", "90",
               env=kim).returncode == 0
    assert run("assign", "phone-complaint", "--team", "care", "--by", "2w", env=kim
               ).returncode == 0
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    _add(store_env, scenario="locked-keys", playbook="saxena", agent="kim", due=yesterday)
    assert practise(home, BAD_HEAL, kim) < 90
    assert practise(home, GOOD_HEAL, kim) >= 90
    assert practise(home, BAD_HEAL, sam) < 90
    from recoverycli.storage.open import open_store

    store = open_store(quiet=True)
    try:
        agents = [(a["agent"]) for a in store.attempts()]
    finally:
        store.close()
    assert agents == ["kim", "kim", "sam"]

    mine = json.loads(run("progress", "--json", env=kim).stdout)
    assert len(mine["attempts"][0]["scores"]) == 2  # kim's two, not sam's one
    states = {a["scenario"]: (a["state"], a["best"], a["pass_mark"]) for a in mine["assigned"]}
    assert states["lost-reservation"][0] == "passed" and states["lost-reservation"][2] == 90
    assert states["phone-complaint"] == ("open", None, 70)  # to the team: kim is in it
    assert states["locked-keys"] == ("overdue", None, 70)
    assert mine["next"]["command"] == "recover practice saxena --scenario locked-keys"
    text = run("progress", env=kim).stdout
    assert "Assigned to you:" in text
    assert re.search(r"lost-reservation +heal +passed on \w{3} \d{4}-\d\d-\d\d \(best \d+, "
                     r"pass 90\)", text), text
    assert re.search(r"locked-keys +saxena +OVERDUE: was due", text), text
    theirs = json.loads(run("progress", "--json", env=sam).stdout)
    assert [a["scenario"] for a in theirs["assigned"]] == ["phone-complaint"]
    assert theirs["assigned"][0]["best"] is None  # phone-complaint: sam practised heal


def test_the_report_has_a_practice_section_by_agent(home: Path,
                                                    store_env: dict[str, str]) -> None:
    import report_seed

    report_seed.seed(60)  # agents sam, kim, lee and a long name, all in team care
    kim = {**store_env, "RECOVER_AGENT": "kim", "RECOVER_TEAM": "care"}
    lee = {**store_env, "RECOVER_AGENT": "lee", "RECOVER_TEAM": "care"}
    assert run("assign", "lost-reservation", "--team", "care", "--by", "1w", env=kim
               ).returncode == 0
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    _add(store_env, scenario="lost-reservation", agent="sam", due=yesterday)
    practise(home, GOOD_HEAL, kim)
    practise(home, BAD_HEAL, lee)
    practise(home, BAD_HEAL, lee)

    data = json.loads(run("report", "--format", "json", env=store_env).stdout)
    by_agent = {r["agent"]: r for r in data["practice"]["by_agent"]}
    assert by_agent["kim"]["attempts"] == 1 and by_agent["kim"]["best"] >= 95
    assert by_agent["lee"]["attempts"] == 2 and by_agent["lee"]["best"] < 30
    assert by_agent["kim"]["passed_by_due"] == {"count": 1, "of": 1, "rate": 1.0,
                                                "too_few": True}
    # sam: the team's assignment not yet due (not judged) and one overdue, not passed
    assert by_agent["sam"]["assigned"] == 2
    assert by_agent["sam"]["passed_by_due"]["count"] == 0
    assert by_agent["sam"]["passed_by_due"]["of"] == 1
    results = {(r["agent"], r["due"]): r["state"] for r in data["practice"]["assignments"]}
    assert results[("sam", yesterday)] == "overdue"
    assert {state for (who, _), state in results.items() if who == "kim"} == {"passed"}
    assert {state for (who, _), state in results.items() if who == "lee"} == {"open"}

    text = run("report", env={**store_env, "COLUMNS": "120"}).stdout
    assert "Practice by agent" in text and "Assigned practice: passed by the date or not" \
        in text
    assert re.search(r"kim +1 +\d+ +1 of 1(?: +[█▌]+)?\n", text), text  # a count, no "100%"
    assert re.search(r"sam .*lost-reservation +" + yesterday + r" +not passed: not tried, "
                     r"pass 70\n", text), text
    assert re.search(r"kim .*lost-reservation +\S+ +passed: best \d+, pass 70\n", text), text
    assert all(line == line.rstrip() for line in text.splitlines())
    md = run("report", "--format", "md", env=store_env).stdout
    assert "## Practice by agent" in md and "| kim | 1 |" in md
    assert f"| sam | lost-reservation | {yesterday} | not passed: not tried, pass 70 |" in md
    html = run("report", "--format", "html", env=store_env).stdout
    assert "Practice by agent" in html and "Role-plays per agent" in html
    assert "passed by the date" in html and "not passed: not tried, pass 70" in html
    assert ">1 of 1<" in html and ">100%<" not in html
    if not store_env:  # laid out in Chromium at desktop and phone widths (as test_report_page)
        from test_report_page import chromium, layout

        page = home / "team.html"
        page.write_text(html)
        for width in (1200, 400):
            measured = layout(chromium(), page, width, home)
            assert measured["cut"] == [] and measured["overflows"] is False, (width, measured)
            assert measured["tables"] == measured["headed"]
            assert measured["minFont"] >= 11

    only = json.loads(run("report", "--format", "json", "--agent", "lee", env=store_env
                          ).stdout)
    assert [r["agent"] for r in only["practice"]["by_agent"]] == ["lee"]
    assert {r["agent"] for r in only["practice"]["assignments"]} == {"lee"}


def test_sync_gives_an_old_local_attempt_its_agent(home: Path, pg_url: str) -> None:
    """A practice attempt made before attempts carried their agent (a local store from an
    older release) reaches the team store under the agent who syncs it."""
    import sqlite3

    practise(home, GOOD_HEAL, {"RECOVER_AGENT": "kim"})
    with sqlite3.connect(home / "data" / "sessions.db") as db:  # as an older release left it
        db.execute("UPDATE attempts SET agent = NULL, team = NULL")
    db.close()
    env = {"RECOVER_DATABASE_URL": pg_url, "RECOVER_AGENT": "kim", "RECOVER_TEAM": "care"}
    sent = run("sync", env=env)
    assert sent.returncode == 0, sent.stderr
    import psycopg

    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT agent, team FROM attempts").fetchall() == [("kim", "care")]
    assert len(json.loads(run("progress", "--json", env=env).stdout)["attempts"]) == 1


def test_a_damaged_assignment_row_is_left_out_never_a_crash(home: Path) -> None:
    """A team store is written by every agent's recover: a row whose date or pass mark
    cannot be read (or that carries terminal codes) stops no command."""
    import sqlite3

    env = {"RECOVER_AGENT": "sam"}
    assert run("assign", "lost-reservation", "--to", "sam", "--by", "1w", env=env
               ).returncode == 0
    with sqlite3.connect(home / "data" / "sessions.db") as db:
        db.execute("INSERT INTO assignments (id, scenario, playbook, agent, team, due, "
                   "pass_mark, assigned_by, assigned_at) VALUES ('ff', 'locked-keys', "
                   "'saxena', 'sam', NULL, 'soon\x1b[2J', 'high', 'x\x1b]0;t\x07', 'then')")
    db.close()
    progress = run("progress", "--json", env=env)
    assert progress.returncode == 0, progress.stderr
    assert [a["scenario"] for a in json.loads(progress.stdout)["assigned"]] == [
        "lost-reservation"]
    assert run("progress", env=env).returncode == 0
    report = run("report", "--format", "json", env=env)
    assert report.returncode == 0, report.stderr
    listing = run("assign", "--list", env=env)
    assert listing.returncode == 0 and "\x1b" not in listing.stdout
    assert "soon\\x1b[2J" in listing.stdout or "soon" in listing.stdout


def test_practice_alone_is_reported_in_every_format(home: Path,
                                                    store_env: dict[str, str]) -> None:
    """Red team: with no sessions in the period (a team that has only begun practising),
    text, md and html said "Nothing to report" though the scope line pointed to Practice
    by agent; JSON had it."""
    kim = {**store_env, "RECOVER_AGENT": "kim", "RECOVER_TEAM": "care"}
    assert run("assign", "lost-reservation", "--team", "care", "--by", "1w", env=kim
               ).returncode == 0
    practise(home, GOOD_HEAL, kim)
    for fmt in ("text", "md", "html"):
        out = run("report", "--format", fmt, env={**store_env, "COLUMNS": "120"}).stdout
        assert "Practice by agent" in out and "kim" in out, (fmt, out)
        assert "Nothing to report" not in out, (fmt, out)
        assert "Practice only, below." in out, (fmt, out)


def test_a_withdrawal_says_who_assigned_it_and_list_all_shows_it(
        home: Path, store_env: dict[str, str]) -> None:
    """Red team: anyone could withdraw an assignment and nobody saw it. Still allowed (no
    roles exist) but said, and --list --all shows withdrawn ones with who and when."""
    lead, bob = {**store_env, "RECOVER_AGENT": "lead"}, {**store_env, "RECOVER_AGENT": "bob"}
    assert run("assign", "lost-reservation", "--to", "sam", "--by", "2w", env=lead
               ).returncode == 0
    sid = str(listed(lead)[0]["id"])
    gone = run("assign", "--cancel", sid[:8], env=bob)
    assert gone.returncode == 0, gone.stderr
    said = " ".join(gone.stdout.split())
    assert "withdrawn by bob; it was assigned by lead" in said, said
    assert listed(lead) == []
    every = run("assign", "--list", "--all", "--json", env=lead)
    rows = json.loads(every.stdout)["assignments"]
    assert [(r["scenario"], r["cancelled_by"]) for r in rows] == [("lost-reservation", "bob")]
    assert rows[0]["cancelled_at"]
    text = run("assign", "--list", "--all", env={**lead, "COLUMNS": "100"}).stdout
    assert "withdrawn by bob" in text and sid[:8] in text, text
    mine = run("assign", "--cancel", sid[:8], env=lead)
    assert mine.returncode == 1 and "no open assignment" in mine.stderr


def test_cancel_needs_four_characters_and_an_ambiguous_prefix_lists_the_ids(
        home: Path) -> None:
    env = {"RECOVER_AGENT": "lead"}
    for who in ("sam", "ann", "kim", "lee", "max", "zoe", "ivy", "bea", "dan", "eve",
                "fay", "gus", "hal", "jo", "kai", "liv", "mo", "ned"):
        assert run("assign", "lost-reservation", "--to", who, "--by", "2w", env=env
                   ).returncode == 0
    short = run("assign", "--cancel", "a", env=env)
    assert short.returncode == 2, short.stderr
    assert "at least 4 characters" in short.stderr
    ids = [str(r["id"]) for r in listed(env)]
    # a shared prefix of 1-3 characters is common with 18 ids; 4 characters are needed
    prefix = next((p for p in {i[:4] for i in ids} if sum(i.startswith(p) for i in ids) > 1),
                  None)
    assert len(listed(env)) == 18
    if prefix is not None:  # (rare: two of 18 random ids sharing 4 hex digits)
        both = run("assign", "--cancel", prefix, env=env)
        assert both.returncode == 2
        for full in (i for i in ids if i.startswith(prefix)):
            assert full[:8] in both.stderr


def test_assigning_to_a_name_nobody_uses_warns_with_a_did_you_mean_and_a_duplicate_is_refused(
        home: Path) -> None:
    env = {"RECOVER_AGENT": "ann"}
    practise(home, GOOD_HEAL, {**env, "RECOVER_TEAM": "billing"})  # ann of billing exists
    typo = run("assign", "lost-reservation", "--to", "Ann", "--by", "2w", env=env)
    assert typo.returncode == 0, typo.stderr  # stored: a new hire may not have used it yet
    assert "warning: no session or practice attempt in this store is by agent 'Ann'" \
        in typo.stderr and "did you mean 'ann'?" in typo.stderr, typo.stderr
    team = run("assign", "lost-reservation", "--team", "Billing", "--by", "2w", env=env)
    assert team.returncode == 0 and "did you mean 'billing'?" in team.stderr
    known = run("assign", "lost-reservation", "--to", "ann", "--by", "2w", env=env)
    assert known.returncode == 0 and "warning" not in known.stderr
    twice = run("assign", "lost-reservation", "--to", "ann", "--by", "2w", env=env)
    assert twice.returncode == 1, twice.stderr
    first = next(r for r in listed(env) if r["agent"] == "ann")
    assert f"already assigned: {str(first['id'])[:8]}" in twice.stderr
    assert len(listed(env)) == 3


def test_a_long_unbreakable_name_wraps_in_the_html_practice_tables(home: Path) -> None:
    """Red team: a 300-character agent name pushed the practice tables off the page."""
    from test_report_page import chromium, layout

    browser = chromium()
    name = "x" * 300
    env = {"RECOVER_AGENT": name, "RECOVER_TEAM": "care"}
    practise(home, GOOD_HEAL, env)
    assert run("assign", "lost-reservation", "--to", name, "--by", "2w", env=env
               ).returncode == 0
    page = home / "long.html"
    result = run("report", "--format", "html", "-o", str(page), env=env)
    assert result.returncode == 0, result.stderr
    assert name in page.read_text().replace("<wbr>", "")  # whole, with break chances
    for width in (1200, 400):
        measured = layout(browser, page, width, home)
        assert measured["overflows"] is False, (width, measured)


def test_assign_on_a_locked_table_fails_in_seconds_with_nothing_done(
        home: Path, pg_url: str) -> None:
    """Red team: with the assignments table locked by another session, assign waited the
    whole batch bound (a minute) before it said anything."""
    import psycopg

    env = {"RECOVER_DATABASE_URL": pg_url, "RECOVER_AGENT": "lead"}
    assert run("assign", "--list", env=env).returncode == 0  # the tables exist
    with psycopg.connect(pg_url) as holder:
        holder.execute("LOCK TABLE assignments IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        result = run("assign", "lost-reservation", "--to", "sam", "--by", "2w", env=env)
        took = time.monotonic() - started
        holder.rollback()
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "nothing was assigned" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert took < 25, took  # the assign bound (10 s), not the batch one (60 s)
    assert listed(env) == []


def test_a_long_agent_name_is_cut_with_an_ellipsis_at_the_terminals_width(home: Path) -> None:
    """Red team: a 120-character name in "for" pushed `assign --list` past 80 columns."""
    env = {"RECOVER_AGENT": "lead"}
    name = "Priya Ramachandran-Whitfield " * 4
    made = run("assign", "lost-reservation", "--to", name.strip(), "--by", "2w", env=env)
    assert made.returncode == 0, made.stderr
    text = run("assign", "--list", env={**env, "COLUMNS": "80"}).stdout
    table = [line for line in text.splitlines() if line.startswith(made.stdout.split("id ")[1][:8])]
    assert table and all(len(line) <= 80 for line in table)
    assert "…" in table[0] and "Priya" in table[0]
