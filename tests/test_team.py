"""Teams: every command on both stores, concurrent writers, a server that goes away
mid-run, masked credentials, the report (and its HTML in a real browser), new and lint."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run

ANSWERS = ("fields:\n  offer: a free breakfast next visit\nsteps:\n  - {note: upset}\n"
           "  - {status: skip}\n  - {jump: true}\n  - {}\n")


def make_session(home: Path, env: dict[str, str], customer: str, agent: str,
                 *extra: str) -> str:
    answers = home / "answers.yaml"
    answers.write_text(ANSWERS)
    when = None
    if "--follow-up" in extra:  # a past date is refused with --answers: set it afterwards
        at = extra.index("--follow-up")
        when, extra = extra[at + 1], extra[:at] + extra[at + 2:]
    result = run("run", "hyken", "--customer", customer, "--agent", agent, "--team", "care",
                 "--answers", str(answers), *extra, env=env)
    assert result.returncode == 0, result.stderr
    rows = json.loads(run("history", "--json", "--limit", "1", env=env).stdout)
    sid = str(rows[0]["id"])
    if when is not None:
        assert run("follow-up", sid, when, "--yes", env=env).returncode == 0
    return sid


def test_every_command_on_both_stores(home: Path, store_env: dict[str, str]) -> None:
    env = store_env
    a = make_session(home, env, "Ann", "sam", "--follow-up", "2020-01-01")
    b = make_session(home, env, "Bob", "kim", "--follow-up", "2020-01-02")
    rows = json.loads(run("history", "--json", env=env).stdout)
    assert [r["id"] for r in rows] == [b, a]
    assert rows[0]["agent"] == "kim" and rows[0]["team"] == "care"
    assert [r["id"] for r in json.loads(run("history", "--json", "--agent", "sam",
                                            env=env).stdout)] == [a]
    assert json.loads(run("history", "--json", "--team", "other", env=env).stdout) == []
    assert json.loads(run("sessions", "--json", env=env).stdout)[0]["id"] == b
    assert "Checklist" in run("history", a, env=env).stdout
    assert run("follow-up", a, "2020-01-03", "--yes", env=env).returncode == 0
    due = json.loads(run("due", "--json", "--all", env=env).stdout)
    assert [d["id"] for d in due] == [b, a] and due[0]["offer"] == "a free breakfast next visit"
    assert [d["id"] for d in json.loads(run("due", "--json", "--agent", "sam",
                                            env=env).stdout)] == [a]
    assert run("outcome", a, "--result", "returned", "--rating", "5", env=env).returncode == 0
    assert json.loads(run("export", a, "--format", "json", env=env).stdout)["outcome"][
        "result"] == "returned"
    assert run("export", a, "--agent", "kim", env=env).returncode == 1
    lines = home / "lines.json"
    lines.write_text(json.dumps({"lines": ["I'm sorry."] * 4}))
    assert run("practice", "heal", "--answers", str(lines), env=env).returncode == 0
    quiz = home / "quiz.json"
    quiz.write_text(json.dumps({"answers": ["a", "1"]}))
    assert run("quiz", "--count", "2", "--answers", str(quiz), env=env).returncode == 0
    progress = json.loads(run("progress", "--json", env=env).stdout)
    assert {p["kind"] for p in progress["attempts"]} == {"practice", "quiz"}
    report = json.loads(run("report", "--format", "json", env=env).stdout)
    assert report["sessions"] == 2 and report["outcomes"]["returned"] == 1
    assert [{k: r[k] for k in ("agent", "sessions", "missed")} for r in report["by_agent"]] == [
        {"agent": "kim", "sessions": 1, "missed": 1}, {"agent": "sam", "sessions": 1, "missed": 0}]
    assert run("forget", "--agent", "kim", "--all", "--yes", env=env).returncode == 0
    assert [r["id"] for r in json.loads(run("history", "--json", env=env).stdout)] == [a]
    if env:
        assert "Nothing to send" in run("sync", env=env).stdout


WRITER = """
import sys
from recoverycli.playbooks.session import Session
from recoverycli.storage.open import open_store
store = open_store()
for n in range(50):
    s = Session(f"w{sys.argv[1]}-{n:02d}", "hyken", None, "T", fields={"customer": f"C{n}"},
                agent=f"agent{sys.argv[1]}")
    store.save(s)
"""


def test_eight_writers_at_once_lose_nothing(home: Path, store_env: dict[str, str]) -> None:
    env = {**os.environ, **store_env}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(i)], env=env,
                              stderr=subprocess.PIPE, text=True) for i in range(8)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    rows = json.loads(run("history", "--json", "--limit", "0", env=store_env).stdout)
    ids = [r["id"] for r in rows]
    assert len(ids) == 400 and len(set(ids)) == 400
    assert {f"w{i}-{n:02d}" for i in range(8) for n in range(50)} == set(ids)


def test_server_stopped_mid_run_finishes_locally_and_sync_sends_it_once(home: Path) -> None:
    from e2e.pty import finish, ready, spawn, to_the_end
    from pgserver import bindir, throwaway_cluster

    if bindir() is None:
        pytest.skip("PostgreSQL is not installed")
    with throwaway_cluster() as cluster:
        env = {"RECOVER_DATABASE_URL": cluster.url, "RECOVER_DATA_DIR": str(home / "data")}
        child = spawn("run", "saxena", "--customer", "Mid Run", home=home, env=env)
        ready(child, 1, 6)
        child.send("\r")
        ready(child, 2, 6)
        cluster.stop("immediate")
        child.send("\r")
        ready(child, 3, 6)
        child.expect("saved locally")  # issue 19: said on the status line, nothing raw
        to_the_end(child, 3, 6)
        child.expect("See it again")
        assert finish(child) == 0
        assert run("sync", env=env).returncode == 1  # still down: says so, keeps it
        cluster.start()
        first = run("sync", env=env)
        assert first.returncode == 0 and "Sent 1 session" in first.stdout
        assert "Nothing to send" in run("sync", env=env).stdout
        rows = json.loads(run("history", "--json", env=env).stdout)
        assert len(rows) == 1 and rows[0]["status"] == "finished"
        assert rows[0]["customer"] == "Mid Run"
        shown = run("history", rows[0]["id"], env=env).stdout
        assert "[x] 6. Follow up... a lot" in shown


def test_practice_while_the_server_is_down_is_synced_once(home: Path) -> None:
    from pgserver import bindir, throwaway_cluster

    if bindir() is None:
        pytest.skip("PostgreSQL is not installed")
    lines = home / "lines.json"
    lines.write_text(json.dumps({"lines": ["I'm sorry, Ms. Reyes."] * 4}))
    with throwaway_cluster() as cluster:
        env = {"RECOVER_DATABASE_URL": cluster.url}
        assert run("progress", "--json", env=env).returncode == 0  # tables made
        cluster.stop("immediate")
        offline = run("practice", "heal", "--answers", str(lines), env=env)
        assert offline.returncode == 0 and "using the local store" in offline.stderr
        cluster.start()
        first = run("sync", env=env)
        assert first.returncode == 0 and "Sent 1 practice attempt to" in first.stdout
        assert "Nothing to send" in run("sync", env=env).stdout
        report = json.loads(run("progress", "--json", env=env).stdout)
        [attempt] = report["attempts"]
        assert attempt["scenario"] == "lost-reservation" and attempt["attempts"] == 1
        assert report["weakest_steps"]  # the steps came along too


def test_unreachable_server_at_start_uses_the_local_store(home: Path) -> None:
    url = "postgresql://recover:topsecret@127.0.0.1:1/recover"
    answers = home / "a.yaml"
    answers.write_text(ANSWERS)
    result = run("run", "hyken", "--answers", str(answers), env={"RECOVER_DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    assert "postgresql://recover:***@127.0.0.1:1/recover" in result.stderr
    assert "using the local store" in result.stderr
    assert "topsecret" not in result.stderr + result.stdout
    failed = run("--database-url", url, "sync")
    assert failed.returncode == 1
    assert "1 session still kept locally" in failed.stderr
    assert "topsecret" not in failed.stderr


def test_password_is_masked_in_auth_errors(home: Path, pg_server: str) -> None:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(pg_server)
    wrong = urlunsplit(parts._replace(netloc=f"recover:wrong-Pa55@{parts.hostname}:"
                                              f"{parts.port}"))
    result = run("sync", env={"RECOVER_DATABASE_URL": wrong})
    assert result.returncode == 1
    assert "wrong-Pa55" not in result.stderr and "recover:***@" in result.stderr


def seed_report(home: Path, env: dict[str, str]) -> None:
    first = make_session(home, env, "R1", "sam", "--follow-up", "2020-01-01")
    second = make_session(home, env, "R2", "sam", "--follow-up", "400w")
    make_session(home, env, "R3", "kim")
    run("outcome", first, "--result", "returned", env=env)
    run("outcome", second, "--result", "lost", env=env)


def test_report_numbers(home: Path, store_env: dict[str, str]) -> None:
    seed_report(home, store_env)
    data = json.loads(run("report", "--format", "json", env=store_env).stdout)
    assert data["sessions"] == 3
    step2 = next(s for s in data["steps"] if s["step"] == "2")
    assert step2["skipped"] == 3 and step2["skip_rate"] == 1.0
    assert data["most_skipped"][0]["step"] == "2"
    [branch] = data["branches"]
    assert branch["step"] == "3" and branch["taken"].startswith("Hand-off")
    assert branch["rate"] == 1.0 and branch["times"] == 3
    # R1 promised for 2020 and answered now: late; R2 answered years before it: on time
    assert data["follow_ups"] == {"on_time": 1, "late": 1, "missed": 0, "upcoming": 0}
    assert data["outcomes"]["came_back_share"] == 0.5
    only = json.loads(run("report", "--format", "json", "--agent", "kim",
                          env=store_env).stdout)
    assert only["sessions"] == 1
    text = run("report", env=store_env)
    assert "Sessions per playbook" in text.stdout and "█" in text.stdout
    md = run("report", "--format", "md", env=store_env).stdout
    assert "| hyken | 3 |" in md and "1 of 2 came back" in md and "(50%" not in md


def test_report_html_renders_with_charts_in_chromium(home: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have chromium: .ci/run installs it")
        pytest.skip("chromium is not installed")
    seed_report(home, {})
    page = home / "report.html"
    assert run("report", "--format", "html", "-o", str(page)).returncode == 0
    html = page.read_text()
    assert html.count("<svg") == 5 and "<script" not in html
    for fetch in (" src=", "<link", "@import", "url(http", 'href="http'):
        assert fetch not in html  # self-contained: nothing is fetched at view time
    assert "default-src 'none'" in html
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={home / 'chrome'}"]
    dom = subprocess.run([browser, *flags, "--dump-dom", page.as_uri()], capture_output=True,
                         text=True, timeout=120)
    assert dom.returncode == 0
    assert dom.stdout.count("<svg") == 5 and "Team report" in dom.stdout
    shot = home / "report.png"
    subprocess.run([browser, *flags, f"--screenshot={shot}", "--window-size=1000,1600",
                    page.as_uri()], capture_output=True, timeout=120, check=True)
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000  # charts drawn, not blank


def test_new_writes_a_playbook_with_the_schema_line_and_never_overwrites(home: Path) -> None:
    folder = home / "team-playbooks"
    made = run("new", "late-order", "--from", "hyken", "--to", str(folder))
    assert made.returncode == 0, made.stderr
    text = (folder / "late-order.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=./playbook.schema.json\n")
    assert "\nid: late-order\n" in text
    assert json.loads((folder / "playbook.schema.json").read_text())["title"]
    assert run("validate", str(folder / "late-order.yaml")).returncode == 0
    again = run("new", "late-order", "--to", str(folder))
    assert again.returncode == 1 and "already exists" in again.stderr
    assert (folder / "late-order.yaml").read_text() == text
    blank = run("new", "blank-one")
    assert blank.returncode == 0
    assert (home / "config" / "playbooks" / "blank-one.yaml").exists()
    listed = json.loads(run("list", "--json").stdout)
    assert any(r["id"] == "blank-one" and r["origin"] == "user" for r in listed)
    assert run("new", "Bad Id").returncode == 2


def test_lint_reports_validation_and_wording_with_locations(home: Path) -> None:
    book = home / "p.yaml"
    book.write_text("id: p\ntitle: P\nsteps:\n  - title: A\n"
                    "    say: \"We're sorry, calm down.\"\n  - title: B\n    say:\n"
                    "      - I'm sorry.\n      - As I told you, it's done.\n")
    result = run("lint", str(book))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{book}:5:11: plural-apology: steps[0].say: \"We're sorry\"" in lines[0]
    assert any(line.startswith(f"{book}:5:24: telling-feelings:") for line in lines)
    assert any(line.startswith(f"{book}:9:9: as-i-said:") for line in lines)
    github = run("lint", "--format", "github", str(book)).stdout.splitlines()
    assert github[0].startswith(f"::warning file={book},line=5,col=11,title=plural-apology::")
    broken = home / "b.yaml"
    broken.write_text("id: b\ntitle: B\nstpes: []\n")
    result = run("lint", "--format", "github", str(broken))
    assert result.returncode == 1 and result.stdout.startswith("::error file=")
    assert run("lint", str(ROOT / "playbooks")).returncode == 0  # the built-ins are clean


def test_report_numbers_are_derived_after_resaves_and_forgets(
        home: Path, store_env: dict[str, str]) -> None:
    """Saves that change answers, sessions that finish, and forgetting: the report's
    counts and medians are whatever the rows say, recounted here by hand."""
    from datetime import date

    from recoverycli.playbooks.session import Session, Visit
    from recoverycli.report.model import gather
    from recoverycli.storage.open import open_store

    seed_report(home, store_env)
    open_session = make_session(home, store_env, "Open One", "lee")
    store = open_store(quiet=True)
    session = Session("resaved", "hyken", None, "T", agent="lee", team="care",
                      outline={"steps": [["1", "One"], ["2", "Two"], ["3", "Three"]]})
    session.path = [Visit("1", "done"), Visit("2", "skip"), Visit("3", "done", "Hand-off")]
    session.seconds = {"1": 10.0, "2": 1.0, "3": 30.0}
    store.save(session)
    session.path = [Visit("1", "skip"), Visit("2", None)]  # went back: answers changed
    store.save(session)
    reopened = store.load(open_session)
    reopened.status = "finished"
    store.save(reopened)
    assert store.forget(store.select_ids(agent="kim", everything=True)) == 1
    data = gather(store, date.today())
    rows = list(store.history(limit=None))
    assert data["sessions"] == len(rows) == 4
    assert data["finished"] == sum(r["status"] == "finished" for r in rows)
    assert {r["agent"]: r["sessions"] for r in data["by_agent"]} == {"sam": 2, "lee": 2}
    step1 = next(s for s in data["steps"] if s["playbook"] == "hyken" and s["step"] == "1")
    assert step1["skipped"] == 1 and step1["closed"] == 4  # the re-saved answer, once
    [branch] = [b for b in data["branches"] if b["taken"] == "Hand-off"] or [None]
    assert branch is None  # its jump was taken back
    store.close()
