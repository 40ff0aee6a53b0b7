"""Authoring from the command line: new asks for (or marks) a title and author, list marks
skeletons, lint checks wording even in an invalid file, lint and validate say ok per
clean file and count, and show, validate and lint speak JSON."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT, run


def test_new_marks_what_must_change_and_list_shows_it(home: Path) -> None:
    assert run("new", "blank-one").returncode == 0
    text = (home / "config" / "playbooks" / "blank-one.yaml").read_text()
    assert 'title: "CHANGE ME: the playbook\'s title"' in text
    assert 'author: "CHANGE ME: who the advice comes from"' in text
    listed = run("list", env={"COLUMNS": "200"}).stdout
    line = next(row for row in listed.splitlines() if row.startswith("blank-one"))
    assert "[draft]" in line
    assert not any("[draft]" in row for row in listed.splitlines() if row.startswith("hyken"))
    lint = run("lint", str(home / "config" / "playbooks" / "blank-one.yaml"))
    assert lint.returncode == 1 and ":3:8: skeleton: title:" in lint.stdout


def test_new_from_a_builtin_takes_a_new_title(home: Path) -> None:
    made = run("new", "ours", "--from", "hyken", "--title", "Our take on Hyken",
               "--author", "Shep Hyken, adapted by the care team")
    assert made.returncode == 0, made.stderr
    rows = {r["id"]: r for r in json.loads(run("list", "--json").stdout)}
    assert rows["ours"]["title"] == "Our take on Hyken" != rows["hyken"]["title"]
    assert rows["ours"]["author"] == "Shep Hyken, adapted by the care team"
    plain = run("new", "copy", "--from", "hyken")
    assert plain.returncode == 0
    rows = {r["id"]: r for r in json.loads(run("list", "--json").stdout)}
    assert rows["copy"]["title"].startswith("CHANGE ME")  # never two identical titles


def test_new_with_title_and_author_flags_is_not_a_draft(home: Path) -> None:
    assert run("new", "mine", "--title", "Late deliveries", "--author", "Ann Lee"
               ).returncode == 0
    listed = run("list", env={"COLUMNS": "200"}).stdout
    assert "[draft]" not in listed and "Late deliveries" in listed


def test_new_asks_for_title_and_author_on_a_terminal(tmp_path: Path) -> None:
    from e2e.pty import finish, spawn

    child = spawn("new", "asked", home=tmp_path)
    child.expect("Title of the new playbook")
    child.send("Refund delays\r")
    child.expect("Who the advice comes from")
    child.send("The care team\r")
    child.expect("Wrote ")
    assert finish(child) == 0
    text = (tmp_path / "config" / "playbooks" / "asked.yaml").read_text()
    assert 'title: "Refund delays"' in text and 'author: "The care team"' in text


def test_lint_checks_wording_in_a_file_that_fails_validation(home: Path) -> None:
    book = home / "b.yaml"
    book.write_text("id: b\ntitle: B\nsteps:\n  - title: A\n    say: \"We're sorry.\"\n"
                    "    sya: typo\n")
    result = run("lint", str(book))
    assert result.returncode == 1
    assert ": invalid: " in result.stdout and ": plural-apology: " in result.stdout


def test_lint_and_validate_say_ok_per_clean_file_and_count(home: Path) -> None:
    bad = home / "bad.yaml"
    bad.write_text("id: bad\ntitle: Bad\nstpes: []\n")
    folder = ROOT / "playbooks"
    lint = run("lint", str(folder))
    assert lint.returncode == 0
    assert lint.stdout.count(": ok\n") == 3 and lint.stdout.endswith("3 of 3 files clean\n")
    validate = run("validate", str(folder), str(bad))
    assert validate.returncode == 1
    assert validate.stdout.count(": ok\n") == 3
    assert "3 of 4 playbooks valid" in validate.stderr


def test_show_validate_and_lint_speak_json(home: Path) -> None:
    shown = json.loads(run("show", "hyken", "--json").stdout)
    assert shown["id"] == "hyken" and len(shown["steps"]) == 7
    assert shown["steps"][2]["jump"]["to"]
    bad = home / "bad.yaml"
    bad.write_text("id: bad\ntitle: Bad\nstpes: []\n")
    report = json.loads(run("validate", "--json", str(bad), str(ROOT / "playbooks")).stdout)
    assert [r["ok"] for r in report] == [False, True, True, True]
    assert 3 in [p["line"] for p in report[0]["problems"]]
    for args in (["--json"], ["--format", "json"]):
        found = json.loads(run("lint", *args, str(bad)).stdout)
        assert found and found[0]["rule"] == "invalid" and found[0]["line"] >= 1
