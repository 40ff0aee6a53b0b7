"""Hostile arguments and states: every one gets a one-line message and the documented exit
code (0 ok, 1 a failed check or a missing/damaged thing, 2 usage, 70 only for a bug,
130 interrupted), never a traceback; and the promises of new, validate, rehearse and
forget hold."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from conftest import ROOT, documentation, run

HYKEN = ROOT / "playbooks" / "hyken.yaml"


def one_line_error(result: object, code: int) -> None:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)  # type: ignore[attr-defined]
    err = result.stderr  # type: ignore[attr-defined]
    assert "internal error" not in err and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1, err


def a_session(home: Path) -> str:
    answers = home / "a.yaml"
    answers.write_text("steps:\n  - {}\n")
    made = run("run", "hyken", "--customer", "Ann", "--answers", str(answers))
    assert made.returncode == 0, made.stderr
    return str(json.loads(run("history", "--json").stdout)[0]["id"])


# Exit codes: one test per documented code ---------------------------------------------

@pytest.mark.usefixtures("home")
def test_exit_0_success() -> None:
    assert run("list").returncode == 0


def test_exit_1_failed_check_or_missing_thing(home: Path) -> None:
    bad = home / "bad.yaml"
    bad.write_text("id: bad\n")
    assert run("validate", str(bad)).returncode == 1
    one_line_error(run("show", "no-such-playbook"), 1)
    one_line_error(run("history", "zzzzzz"), 1)


@pytest.mark.usefixtures("home")
def test_exit_2_usage() -> None:
    result = run("history", "--no-such-option")
    one_line_error(result, 2)
    assert result.stderr == ("recover history: no such option: --no-such-option "
                             "(see recover history -h)\n")


@pytest.mark.parametrize(("args", "line"), [
    (["history", "--stauts", "open"], "recover history: no such option: --stauts; did you "
     "mean --status? (see recover history -h)"),
    (["hsitory"], "recover: no such command 'hsitory'; did you mean 'history'? "
     "(see recover -h)"),
    (["--nope"], "recover: no such option: --nope (see recover -h)"),
    (["follow-up"], "recover follow-up: missing argument 'ID' (see recover follow-up -h)"),
    (["outcome", "x"], "recover outcome: missing option '--result'; choose from returned, "
     "lost, pending (see recover outcome -h)"),
    (["history", "--limit"], "recover history: option '--limit' requires an argument "
     "(see recover history -h)"),
    (["list", "extra"], "recover list: got unexpected extra argument(s) (extra) "
     "(see recover list -h)"),
    (["history", "--limit", "-1"], "recover history: --limit: -1 is not in the range "
     "0<=x<=1000000000 (see recover history -h)"),
    (["--database-url", "x", "history", "--limit", "x"], "recover history: --limit: 'x' is "
     "not a valid int range (see recover history -h)"),
])
@pytest.mark.usefixtures("home")
def test_a_usage_error_is_one_line_naming_the_command_and_its_help(
        args: list[str], line: str) -> None:
    result = run(*args)
    one_line_error(result, 2)
    assert result.stderr == line + "\n"
    assert result.stdout == ""


@pytest.mark.usefixtures("home")
def test_a_usage_error_spells_what_was_typed() -> None:
    result = run("history", "--limit", "\x1b]0;pwned\x07")
    one_line_error(result, 2)
    assert "\x1b" not in result.stderr and "\\x1b" in result.stderr


@pytest.mark.usefixtures("home")
def test_the_readme_shows_usage_errors_as_they_are() -> None:
    readme = documentation()
    shown = [line for line in readme.splitlines() if line.startswith("recover history: ")]
    assert len(shown) == 2
    assert run("history", "--limit", "-1").stderr.strip() == shown[0]
    assert run("history", "--stauts", "open").stderr.strip() == shown[1]


@pytest.mark.usefixtures("home")
def test_recover_alone_still_prints_the_help() -> None:
    result = run()
    assert result.returncode == 2 and result.stderr.startswith("Usage: recover")
    assert "Commands:" in result.stderr


def test_exit_70_only_for_a_bug_and_130_for_an_interrupt(
        home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import importlib

    from recoverycli import cli

    app_module = importlib.import_module("recoverycli.cli.app")  # (cli.app is the Typer app)

    def boom(**_: object) -> None:
        raise RuntimeError("secret customer name")

    def interrupted(**_: object) -> None:
        raise KeyboardInterrupt

    for raised, code in ((boom, 70), (interrupted, 130)):
        monkeypatch.setattr(app_module, "_command_named", lambda args, f=raised: f)
        monkeypatch.setattr(sys, "argv", ["recover", "list"])
        with pytest.raises(SystemExit) as exited:
            cli.main()
        assert exited.value.code == code
    assert "secret" not in capsys.readouterr().err


# Arguments and settings that used to end in exit 70 ---------------------------------

@pytest.mark.parametrize("args", [
    ("history", "--limit", "99999999999999999999"),
    ("history", "--limit", "-1"),
    ("validate", "--max-bytes", "99999999999999999999", str(HYKEN)),
    ("validate", "--max-bytes", "0", str(HYKEN)),
])
@pytest.mark.usefixtures("home")
def test_out_of_range_numbers_are_usage_errors(args: tuple[str, ...]) -> None:
    result = run(*args)
    one_line_error(result, 2)
    assert result.stderr.startswith(f"recover {args[0]}: {args[1]}: {args[2]} is not in "
                                    "the range ")
    assert result.stderr.endswith(f" (see recover {args[0]} -h)\n")


@pytest.mark.parametrize("value", ["99999999999999999999", "-5", "1e9", "１２"])
@pytest.mark.usefixtures("home")
def test_max_playbook_bytes_env_out_of_range(value: str) -> None:
    result = run("show", "hyken", env={"RECOVER_MAX_PLAYBOOK_BYTES": value})
    one_line_error(result, 2)
    assert "RECOVER_MAX_PLAYBOOK_BYTES" in result.stderr


@pytest.mark.parametrize("days", ["800000", "0", "99999999999999999999"])
def test_retention_days_out_of_range(home: Path, days: str) -> None:
    (home / "config").mkdir()
    (home / "config" / "config.toml").write_text(f"retention_days = {days}\n")
    result = run("history")
    one_line_error(result, 2)
    assert "retention_days" in result.stderr


def test_damaged_session_row_and_damaged_store(home: Path) -> None:
    sid = a_session(home)
    db = home / "data" / "sessions.db"
    with sqlite3.connect(db) as con:
        con.execute("UPDATE sessions SET state = '{not json' WHERE id = ?", (sid,))
    for args in (("history", sid), ("export", sid), ("follow-up", sid, "2d")):
        result = run(*args)
        one_line_error(result, 1)
        assert "damaged" in result.stderr
    size = db.stat().st_size
    with open(db, "r+b") as handle:  # wipe every page after the first
        handle.seek(4096)
        handle.write(b"\xa5" * (size - 4096))
    for args in (("history",), ("history", sid), ("sessions",), ("due",), ("report",)):
        result = run(*args)
        assert result.returncode == 1, (args, result.stderr)
        assert "internal error" not in result.stderr


def test_forget_on_a_full_disk_says_what_happened(home: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from recoverycli.errors import StoreError
    from recoverycli.storage import forget
    from recoverycli.storage.store import Store

    sid = a_session(home)
    store = Store(home / "data")

    def full(db: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(forget, "scrub", full)
    with pytest.raises(StoreError) as failed:
        store.forget([sid])
    assert "forgot 1 session" in failed.value.message
    assert "disk is full" in failed.value.message
    from recoverycli.errors import NotFoundError

    with pytest.raises(NotFoundError):  # the row is gone although compaction failed
        store.select_ids(session_id=sid)


# new --------------------------------------------------------------------------------

def test_new_to_a_file_or_below_one(home: Path) -> None:
    file = home / "f"
    file.write_text("keep")
    one_line_error(run("new", "x", "--to", str(file)), 2)
    one_line_error(run("new", "x", "--to", str(file / "sub")), 1)
    assert file.read_text() == "keep"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_new_into_a_read_only_folder(home: Path) -> None:
    folder = home / "ro"
    folder.mkdir(mode=0o500)
    one_line_error(run("new", "x", "--to", str(folder)), 1)


def test_new_never_overwrites_the_schema_nor_follows_links(home: Path) -> None:
    folder = home / "books"
    folder.mkdir()
    (folder / "playbook.schema.json").write_text("mine\n")
    assert run("new", "one", "--to", str(folder)).returncode == 0
    assert (folder / "playbook.schema.json").read_text() == "mine\n"
    other = home / "other"
    other.mkdir()
    victim = home / "victim.txt"
    victim.write_text("precious\n")
    (other / "playbook.schema.json").symlink_to(victim)
    two = run("new", "two", "--to", str(other))
    assert two.returncode == 0
    assert victim.read_text() == "precious\n"
    assert "is a symbolic link, left as it is" in two.stderr  # red team 16: it said nothing
    (other / "three.yaml").symlink_to(home / "dangling.yaml")
    result = run("new", "three", "--to", str(other))
    one_line_error(result, 1)
    assert not (home / "dangling.yaml").exists()


def test_new_from_a_flow_style_playbook_writes_a_valid_file(home: Path) -> None:
    flow = home / "flow.yaml"
    flow.write_text('{"id": "flow", "title": "Flow", "steps": [{"title": "One", '
                    '"say": "Hello {customer}"}], "fields": [{"id": "customer", '
                    '"prompt": "Name"}]}\n')
    result = run("new", "copy", "--from", str(flow), "--to", str(home / "out"))
    assert result.returncode == 0, result.stderr
    written = home / "out" / "copy.yaml"
    assert run("validate", str(written)).returncode == 0
    assert "id: copy" in written.read_text()


# validate -----------------------------------------------------------------------------

def test_validate_reports_a_loop_with_no_way_to_the_end(home: Path) -> None:
    book = home / "loop.yaml"
    book.write_text("id: loop\ntitle: Loop\nsteps:\n  - {id: a, title: A, next: b}\n"
                    "  - {id: b, title: B, next: a}\n")
    result = run("validate", str(book))
    assert result.returncode == 1
    assert "can never finish" in result.stdout
    ok = home / "ok.yaml"
    ok.write_text("id: ok\ntitle: Ok\nsteps:\n  - {id: a, title: A}\n"
                  "  - id: b\n    title: B\n    ask:\n      question: Again?\n"
                  "      choices: [{label: again, next: a}, {label: stop, next: end}]\n")
    assert run("validate", str(ok)).returncode == 0, run("validate", str(ok)).stdout


def test_validate_refuses_a_step_called_end(home: Path) -> None:
    book = home / "end.yaml"
    book.write_text("id: e\ntitle: E\nsteps:\n  - {id: end, title: The end}\n")
    result = run("validate", str(book))
    assert result.returncode == 1
    assert "'end' cannot be a step id" in result.stdout


def test_validate_escapes_control_characters_in_file_names(home: Path) -> None:
    book = home / "bad\nname\x1b[2J.yaml"
    book.write_text("id: x\n")
    result = run("validate", str(book))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2, lines  # two problems, one line each
    assert all("bad\\x0aname\\x1b[2J.yaml:" in line for line in lines)


# rehearse -----------------------------------------------------------------------------

def rehearse_runner(keys: str) -> tuple[object, dict[str, str], io.StringIO]:
    from recoverycli.playbooks.model import load_playbook
    from recoverycli.playbooks.session import Session, Walk
    from recoverycli.render import make_console
    from recoverycli.run.keys import Runner
    from recoverycli.screen.prompts import Prompter

    book = load_playbook(str(HYKEN))
    walk = Walk(book, Session("t1", book.id, None, book.title, mode="rehearse"))
    out = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        prompter = Prompter(input=pipe, output=DummyOutput())
        runner = Runner(walk, lambda s: None, make_console(out), lambda: prompter)
        try:
            runner.rehearse_fields()
        except Exception as exc:
            return exc, walk.session.fields, out
    return None, walk.session.fields, out


def test_rehearse_ctrl_d_on_a_required_field_asks_again() -> None:
    raised, fields, out = rehearse_runner("\x04Ann\r" + "\r" * 4)
    assert raised is None
    assert fields["customer"] == "Ann"
    assert "required" in out.getvalue()


def test_rehearse_ctrl_d_twice_stops_before_the_run() -> None:
    from recoverycli.run.keys import Quit

    raised, fields, _ = rehearse_runner("\x04\x04")
    assert isinstance(raised, Quit)
    assert not fields.get("customer")


@pytest.mark.parametrize("columns", ["²", "9" * 30, "-3", " 80 "])
def test_an_odd_columns_value_never_crashes_a_listing(home: Path, columns: str) -> None:
    result = run("list", env={"COLUMNS": columns})
    assert result.returncode == 0, result.stderr
    assert "hyken" in result.stdout


@pytest.mark.parametrize("value", ['!!int "²"', '!!int "' + "9" * 5000 + '"', "0"])
def test_an_odd_call_reminder_is_a_located_error(home: Path, value: str) -> None:
    book = home / "odd.yaml"
    book.write_text(f"id: odd\ntitle: Odd\ncall_reminder_minutes: {value}\n"
                    "steps:\n  - title: A\n", encoding="utf-8")
    result = run("validate", str(book))
    assert result.returncode == 1, result.stderr
    assert f"{book}:3:" in result.stdout and "call_reminder_minutes" in result.stdout


@pytest.mark.parametrize(("column", "value"), [
    ("closed_steps", "'{{{'"), ("closed_steps", "'[1,2]'"), ("total_seconds", "1e999"),
    ("state", "'[1,2]'"), ("state", "'" + "[" * 100000 + "]" * 100000 + "'"),
])
def test_a_tampered_row_never_ends_the_report(home: Path, column: str, value: str) -> None:
    """Red team 16: every agent writes a team store, so its rows are input too: a damaged
    row made report (and history ID, export) exit 70."""
    sid = a_session(home)
    a_session(home)
    with sqlite3.connect(home / "data" / "sessions.db") as con:
        con.execute(f"UPDATE sessions SET {column} = {value} WHERE id = ?", (sid,))
    result = run("report")
    assert result.returncode == 0, result.stderr
    assert "sessions" in result.stdout
    for args in (("history", sid), ("export", sid)):
        shown = run(*args)
        assert shown.returncode in (0, 1) and "internal error" not in shown.stderr, shown.stderr


@pytest.mark.parametrize("args", [
    ("show", "a\nb"), ("history", "a\nb"), ("export", "a\nb"), ("forget", "a\nb"),
    ("run", "hyken", "--follow-up", "2d\nx"), ("history", "--since", "a\nb"),
    ("practice", "a\nb"), ("quiz", "a\nb"), ("new", "a\nb"),
])
def test_a_line_break_in_an_argument_never_splits_the_error(home: Path,
                                                           args: tuple[str, ...]) -> None:
    """Red team 16: `recover show $'a\\nb'` printed its one-line error on two lines."""
    result = run(*args)
    assert result.returncode in (1, 2), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


# Issue 19, break 3: a teammate's bad row is "damaged" (exit 1, the session named) -------

def _tamper(home: Path, sql: str, *args: object) -> None:
    with sqlite3.connect(home / "data" / "sessions.db") as con:
        con.execute(sql, args)


@pytest.mark.parametrize(("path", "value"), [
    ("$.started", "'soon'"), ("$.started", "json('1e300')"), ("$.started", "json('-1e300')"),
    ("$.ended", "'later'"), ("$.follow_up", "'tomorrowish'"), ("$.follow_up", "json('[1]')"),
])
def test_a_bad_time_in_a_stored_session_is_damaged_not_a_crash(home: Path, path: str,
                                                               value: str) -> None:
    sid = a_session(home)
    _tamper(home, f"UPDATE sessions SET state = json_set(state, '{path}', {value})")
    for args in (("history", sid), *(("export", sid, "--format", f) for f in
                                     ("md", "json", "html", "ics"))):
        result = run(*args)
        one_line_error(result, 1)
        assert "damaged" in result.stderr and sid[:8] in result.stderr, (args, result.stderr)
    assert run("history").returncode == 0 and run("report").returncode == 0


@pytest.mark.parametrize("value", ["2026-99-99", "2000-00-01", "soon"])
def test_an_impossible_follow_up_column_is_skipped_by_the_calendar(home: Path,
                                                                   value: str) -> None:
    answers = home / "a.yaml"
    answers.write_text("steps:\n  - {}\n")
    for name in ("Ann", "Bob"):
        made = run("run", "hyken", "--customer", name, "--answers", str(answers),
                   "--follow-up", "2d")
        assert made.returncode == 0, made.stderr
    rows = json.loads(run("history", "--json").stdout)
    bad = next(r["id"] for r in rows if r["customer"] == "Bob")
    _tamper(home, "UPDATE sessions SET follow_up = ? WHERE id = ?", value, bad)
    for args in (("due", "--all", "--ics"), ("due", "--all"), ("due", "--all", "--json")):
        result = run(*args)
        assert result.returncode == 0, (args, result.stderr)
        assert "internal error" not in result.stderr
        if "--ics" in args or value < "2026":  # in the list: named as damaged
            assert "damaged" in result.stderr and bad[:8] in result.stderr, (args, result)
    calendar = run("due", "--all", "--ics").stdout
    assert calendar.count("BEGIN:VEVENT") == 1 and "Ann" in calendar and "Bob" not in calendar


@pytest.mark.parametrize("entry", [b"[1, 2]", b"42", b'"pid"', b'{"host": "a\x1b[31mb"}',
                                   b'{"host": "a\\u001b[2Jb", "pid": [1]}', b"\xff\xfe"])
def test_a_bad_lock_entry_says_open_elsewhere(home: Path, entry: bytes) -> None:
    import fcntl

    sid = a_session(home)
    lock = home / "data" / "locks" / f"{sid}.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    lock.write_bytes(entry)
    from e2e.pty import finish, spawn

    with open(lock, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        child = spawn("resume", sid[:8], home=home)
        code = finish(child)
    said = child.before.decode("utf-8", "replace") if isinstance(child.before, bytes) \
        else str(child.before)
    assert code == 1, said
    assert "open in another terminal" in said and "internal error" not in said, said
    assert "\x1b" not in said and "[2J" not in said, said
