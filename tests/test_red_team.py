"""Findings of a hostile tester who worked from the README and the issue alone, each kept
as a test: special files as output targets, option names taken as file names, bytes in
the store, lone surrogates in JSON, and a pasted wall of flagged text."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from conftest import run
from test_hostile_args import a_session, one_line_error


@pytest.mark.parametrize("command", ["export", "report"])
def test_an_output_target_that_is_a_fifo_is_refused_never_replaced(home: Path,
                                                                    command: str) -> None:
    sid = a_session(home)
    fifo = home / "pipe"
    os.mkfifo(fifo)
    args = ("export", sid, "--format", "md") if command == "export" else ("report",)
    result = run(*args, "-o", str(fifo))
    one_line_error(result, 2)
    assert "named pipe" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still the FIFO, not a regular file


def test_write_private_never_replaces_a_device_or_fifo(tmp_path: Path) -> None:
    from recoverycli.errors import RecoverError
    from recoverycli.paths import write_private

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(RecoverError) as refused:
        write_private(str(fifo), "text")
    assert "named pipe" in refused.value.message
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]  # no temporary file left


@pytest.mark.parametrize("target", ["-", "--since"])
def test_an_option_name_or_dash_is_not_taken_as_an_output_file(home: Path,
                                                               target: str) -> None:
    result = run("report", "-o", target, cwd=home)
    one_line_error(result, 2)
    assert "standard output" in result.stderr
    assert not (home / target).exists()


def test_bytes_in_the_store_are_shown_not_a_crash(home: Path) -> None:
    a_session(home)
    with sqlite3.connect(home / "data" / "sessions.db") as db:
        db.execute("UPDATE sessions SET customer = X'4a6f73e9'")
    for command in ("sessions", "history"):
        result = run(command, "--json")
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)[0]["customer"] == "Jos\\xe9"


def test_check_json_never_prints_lone_surrogates(home: Path) -> None:
    import subprocess

    from conftest import RECOVER

    done = subprocess.run([RECOVER, "check", "-", "--json"], input=b"we are sorry Jos\xe9\n",
                          capture_output=True, timeout=60)
    assert done.returncode == 1
    out = done.stdout.decode("utf-8")  # strict: a lone surrogate would not encode
    assert "\\udc" not in out
    assert json.loads(out.splitlines()[0])["text"] == "we are sorry Jos\\xe9"


def test_a_wall_of_flagged_text_prints_a_bounded_explanation(home: Path) -> None:
    wall = "calm down " * 16000
    result = run("check", "-", input=wall + "\n")
    assert result.returncode == 1
    assert len(result.stdout) < 20 * len(wall)  # was 1.28 GB for this 160 KB line
    assert "more findings in this phrase" in result.stdout
