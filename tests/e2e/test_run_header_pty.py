"""The run's screens at 80x24 keep their first line: ``?`` help under the step's own header
(the customer's name included), and the end of call's summary view with no line wrapped."""

from __future__ import annotations

from pathlib import Path

import pytest

from e2e.pty import finish, ready, spawn

SIZES = [pytest.param((24, 80), id="80x24"), pytest.param((40, 120), id="120x40")]


@pytest.mark.parametrize("size", SIZES)
def test_help_has_the_same_header_as_the_step(tmp_path: Path, size: tuple[int, int]) -> None:
    child = spawn("run", "hyken", "--customer", "Ann Lee", home=tmp_path, size=size)
    ready(child, 1, 7)
    child.expect("⏱")
    step_header = child.screen.lines()[0]
    assert step_header == "Step 1 of 7  ·  Ann Lee", child.screen.text()
    child.send("?")
    child.expect("Press any key to go back")
    lines = child.screen.lines()
    assert lines[0] == step_header and lines[1] == "Apologize for the problem", \
        child.screen.text()
    child.send("x")
    child.expect("save & quit")
    child.send("q")
    assert finish(child) == 0


def test_the_summary_view_fits_80_columns_with_no_line_wrapped(tmp_path: Path) -> None:
    summary = tmp_path / "summary.txt"
    child = spawn("run", "hyken", "--customer", "Ann Lee", "--summary-out", str(summary),
                  home=tmp_path, size=(24, 80))
    for number in range(1, 8):
        ready(child, number, 7)
        child.send("\r")
    child.expect("Follow up when")
    child.send("2d\r")
    child.expect("v view summary")
    child.send("v")
    child.expect("key goes back")
    shown = child.screen.lines()
    text = summary.read_text(encoding="utf-8")
    session = next(line for line in text.splitlines() if line.startswith("Session "))
    for line in text.splitlines():
        if line:
            assert len(line) <= 79, line
            assert line in shown, (line, child.screen.text())
    assert len(session.split()[1]) == 32  # the full id, on a line of its own
    child.send(" ")
    child.expect("Enter finish")
    child.send("\r")
    assert finish(child) == 0


def test_a_tiny_terminal_keeps_the_step_header_after_a_note_and_the_coach(
        tmp_path: Path) -> None:
    # a red team at 40x12: the step's header scrolled off once a note was kept (the legend
    # takes four lines at 40 columns, the status two); the step is cut below instead
    child = spawn("run", "hyken", "--customer", "Ann", home=tmp_path, size=(12, 40))
    ready(child, 1, 7)
    child.expect("⏱")
    assert child.screen.lines()[0] == "Step 1 of 7  ·  Ann", child.screen.text()
    child.send("keep calm\r")
    child.expect("note kept")
    lines = child.screen.lines()
    assert lines[0] == "Step 1 of 7  ·  Ann" and "…" in lines, child.screen.text()
    child.send("c")
    child.expect("Flagged wording shows here")
    child.send("we are sorry for any inconvenience\r")
    child.expect("keep as a note")
    child.send("k")
    child.expect("kept as a note")
    child.expect("summary leaves")
    assert child.screen.lines()[0] == "Step 1 of 7  ·  Ann", child.screen.text()
    child.send("q")
    assert finish(child) == 0
