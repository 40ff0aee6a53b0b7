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
