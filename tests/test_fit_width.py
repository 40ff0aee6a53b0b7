"""Every message fits the terminal (issue 19): wrapped on words at its width, an id or a
command never split, and never wider than a readable measure on a wide terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run


@pytest.mark.parametrize("columns", ["80", "40", "200"])
def test_due_says_nothing_is_due_in_lines_that_fit(home: Path, columns: str) -> None:
    result = run("due", "--agent", "nobody", env={"COLUMNS": columns})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    limit = min(int(columns), 100)
    assert len(lines) > 1 and all(len(line) < limit for line in lines), lines
    text = " ".join(lines)
    assert "Nothing due for nobody: no open follow-up is dated today or earlier;" in text
    assert any("'recover history'" in line for line in lines)  # the command on one line
