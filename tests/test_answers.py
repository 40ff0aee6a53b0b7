"""``recover run --answers FILE``: scripted runs and located errors."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run


def write(tmp_path: Path, text: str, name: str = "answers.yaml") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_answers_run_prints_checklist_and_summary(home: Path) -> None:
    answers = write(home, "fields:\n  customer: Ann\n  offer: a free breakfast\nsteps:\n"
                    "  - {note: she was upset}\n  - {}\n  - {jump: true}\n  - {status: done}\n")
    out = home / "summary.txt"
    result = run("run", "hyken", "--answers", answers, "--summary-out", str(out))
    assert result.returncode == 0, result.stderr
    # stdout is not a terminal: the screens go elsewhere, the summary alone to stdout
    assert "Checklist" in result.stderr and "Summary for the ticket" in result.stderr
    assert result.stdout.startswith("Service recovery: ") and "Checklist" not in result.stdout
    summary = out.read_text()
    assert summary == result.stdout
    assert "[x] 3. Apologize again - done" in summary and "took: Hand-off" in summary
    assert "4. Fix the problem" not in summary  # not reached: not for the ticket
    assert "note: she was upset" in summary
    assert "The customer's name: Ann" in summary
    assert not any(ch in summary for ch in "│─┌└\x1b")  # plain text, pastes anywhere
    assert (out.stat().st_mode & 0o777) == 0o600
    sessions = json.loads(run("sessions", "--json").stdout)
    assert sessions[0]["customer"] == "Ann" and sessions[0]["status"] == "finished"


def test_answers_as_json(home: Path) -> None:
    answers = write(home, json.dumps({"fields": {"customer": "Bo"},
                                      "steps": [{"status": "skip"}] * 6}), "a.json")
    result = run("run", "saxena", "--answers", answers)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("skipped") >= 6


def test_bad_answers_are_located(home: Path) -> None:
    answers = write(home, "steps:\n  - {status: done}\n  - {status: finished}\n")
    result = run("run", "hyken", "--answers", answers)
    assert result.returncode == 1
    assert f"{answers}:3:14: steps[1].status: 'finished' is not done or skip" in result.stderr
    assert "Traceback" not in result.stderr
    jump = write(home, "steps:\n  - {jump: true}\n", "j.yaml")
    result = run("run", "hyken", "--answers", jump)
    assert result.returncode == 1 and f"{jump}:2:12: steps[0].jump: step 1" in result.stderr
    extra = write(home, "steps:\n" + "  - {}\n" * 8, "x.yaml")
    result = run("run", "saxena", "--answers", extra)
    assert result.returncode == 1 and "steps[6]: the run already ended" in result.stderr
    field = write(home, "fields:\n  custmer: Ann\n", "f.yaml")
    result = run("run", "saxena", "--answers", field)
    assert result.returncode == 1 and "did you mean 'customer'" in result.stderr


def test_no_terminal_without_answers_is_a_usage_error(home: Path) -> None:
    result = run("run", "hyken")
    assert result.returncode == 2
    assert "--answers FILE" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_unknown_playbook_lists_the_others(home: Path) -> None:
    result = run("run", "hykn", "--answers", write(home, "steps: []\n"))
    assert result.returncode == 1 and "hyken" in result.stderr and "saxena" in result.stderr


def test_field_option_is_checked(home: Path) -> None:
    answers = write(home, "steps: []\n")
    assert run("run", "hyken", "--field", "nonsense", "--answers", answers).returncode == 2
    result = run("run", "hyken", "--field", "nope=1", "--answers", answers)
    assert result.returncode == 2 and "no field 'nope'" in result.stderr


def test_markup_and_escapes_in_fields_and_notes_stay_literal(home: Path) -> None:
    answers = write(home, 'steps:\n  - {note: "<b>[red]n[/red]</b> \\x1b[2J"}\n')
    name = "[bold]Ann[/bold] \x1b[31mEVIL <i>"
    result = run("run", "hyken", "--customer", name, "--answers", answers,
                 env={"FORCE_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    assert "[bold]Ann[/bold]" in result.stdout and "<i>" in result.stdout
    assert "\x1b[31mEVIL" not in result.stdout and "\\x1b[31mEVIL" in result.stdout
    assert "<b>[red]n[/red]</b>" in result.stdout and "\x1b[2J" not in result.stdout


def test_a_usage_error_leaves_no_store_behind(home: Path) -> None:
    result = run("run", "hyken")  # no terminal, no answers
    assert result.returncode == 2
    assert not (home / "data" / "sessions.db").exists()


def test_command_line_fields_win_over_the_answers_file(home: Path) -> None:
    answers = write(home, "fields:\n  customer: From File\n  offer: a cake\nsteps:\n  - {}\n")
    result = run("run", "hyken", "--answers", answers, "--customer", "From Flag")
    assert result.returncode == 0, result.stderr
    assert "The customer's name: From Flag" in result.stdout and "a cake" in result.stdout


def test_summary_out_folder_checked_before_anything_is_stored(home: Path) -> None:
    answers = write(home, "steps:\n  - {}\n")
    result = run("run", "hyken", "--answers", answers, "--summary-out",
                 str(home / "no" / "such" / "x.txt"))
    assert result.returncode == 2 and "--summary-out" in result.stderr
    assert "no such folder" in result.stderr
    assert not (home / "data").exists() or not any((home / "data").rglob("*.db"))
