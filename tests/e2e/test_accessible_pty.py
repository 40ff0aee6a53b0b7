"""Accessible mode as a screen reader reads it, at 80x24: plain ASCII quotes, a field not
yet filled in named in words, a key legend with no line holding a lone key, the resumed
session said once. The legend of the ordinary screens never leaves a lone key either."""

from __future__ import annotations

from pathlib import Path

import pytest

from e2e.pty import finish, ready, spawn

TYPOGRAPHIC = ("“", "”", "‹", "›", "·", "…", "⏎")


def legends(lines: list[str], lead: str) -> list[list[str]]:
    """Each key legend on screen (its first line starts with ``lead``), line by line."""
    found = []
    for at, line in enumerate(lines):
        if line.startswith(lead):
            block = [line]
            for more in lines[at + 1:]:
                if not more.startswith("  ") or more.startswith("  - "):
                    break
                block.append(more)
            found.append(block)
    return found


def test_accessible_screens_read_plainly(tmp_path: Path) -> None:
    child = spawn("run", "hyken", "--accessible", home=tmp_path, size=(24, 80))
    for number in (1, 2, 3):
        child.expect(f"Step {number} of 7")
        child.expect("q save & quit")
        child.expect("help")
        if number == 2:
            child.send("n")
            child.expect("Note:")
            child.send("she was upset\r")
            child.expect("Note kept.")
        child.send("\r" if number < 3 else "q")
    child.expect(r"recover resume (\w+)")
    sid = child.match.group(1)
    assert finish(child) == 0
    raw = "".join(child.screen.raw).replace("\r\n", "\n")
    found = [symbol for symbol in TYPOGRAPHIC if symbol in raw]
    assert not found, found
    assert '"I\'m sorry this happened."' in raw and '‹customer›' not in raw  # no raw placeholder
    assert '"So (the problem) - have I got that right?"' in raw
    assert "Step 2 of 7, 0 min" in raw  # the header's parts joined by commas
    blocks = legends(raw.split("\n"), "Keys: ")
    assert len(blocks) == 3 and max(len(b) for b in blocks) == 2  # steps 2 and 3 wrap
    for block in blocks:
        for line in block:
            assert len(line) <= 79 and len(line.split("; ")) >= 2, block  # no lone key

    resumed = spawn("resume", sid, "--accessible", home=tmp_path, size=(24, 80))
    resumed.expect("Step 3 of 7")
    resumed.expect("help")
    resumed.send("\t")  # a key that does nothing (a letter would start a note, issue 19)
    resumed.expect("does nothing here")
    resumed.send("q")
    assert finish(resumed) == 0
    said = "".join(resumed.screen.raw)
    # once before the step, then twice in "Saved session ID. Resume with: recover resume ID"
    assert said.count(sid) == 3 and said.count("Resuming session") == 1, said
    assert "resumed session" not in said  # the status line does not say it again


@pytest.mark.parametrize("columns", [80, 100])
def test_the_legend_never_leaves_a_lone_key_on_a_line(tmp_path: Path, columns: int) -> None:
    child = spawn("run", "hyken", "--customer", "Ann", home=tmp_path, size=(24, columns))
    ready(child, 1, 7)
    child.send("\r")
    ready(child, 2, 7)
    child.send("\r")
    ready(child, 3, 7)
    child.send("n")
    child.expect("Note:")
    child.send("x\r")  # b back, j jump, and now e edit note: 100 columns left '? help'
    child.expect("note kept")
    blocks = legends(child.screen.lines(), "› ")
    assert len(blocks) == 1 and len(blocks[0]) == 2, child.screen.text()
    for line in blocks[0]:
        assert len(line) <= columns - 1 and len(line.split(" · ")) >= 2, blocks
    child.send("q")
    assert finish(child) == 0


@pytest.mark.parametrize("env", [{"ACCESSIBLE": "1"}, {"TERM": "dumb"}])
def test_a_typed_answer_in_accessible_mode_is_echoed_plainly(tmp_path: Path,
                                                             env: dict[str, str]) -> None:
    """Red team 16b: each typed answer was still a prompt_toolkit line (cursor moves,
    erases, bracketed paste, the line drawn again at Enter). Now the prompt is printed
    once, each key echoed through the gate, Backspace as the terminal's own."""
    import re

    child = spawn("run", "hyken", "--customer", "Ann", home=tmp_path, size=(24, 80), env=env)
    child.expect("Step 1 of 7")
    child.expect("help")
    child.send("n")
    child.expect("Note:")
    child.send("she wa")
    child.send("\x7f")
    child.send("as \u202e upset\r")
    child.expect("Note kept")
    child.send("f")
    child.expect("picks")
    child.send("2")
    child.expect("went wrong")
    child.send("late\r")
    child.expect("= late")
    child.send("q")
    assert finish(child) == 0
    raw = "".join(child.screen.raw)
    typed = raw[raw.index("Note:"):raw.index("Note kept")]
    assert not re.search(r"\x1b\[[0-9;?]*[A-HJKSTfhlsu]", typed), repr(typed)
    assert "\u202e" not in raw and "\\u202e" in typed
    assert typed.count("Note:") == 1  # printed once, never drawn again
    resumed = run_history_note(tmp_path)
    assert resumed == "she was \u202e upset"


def run_history_note(home: Path) -> str:
    import json

    from conftest import run

    env = {"RECOVER_DATA_DIR": str(home / "data"), "RECOVER_CONFIG_DIR": str(home / "config")}
    sid = json.loads(run("history", "--json", env=env).stdout)[0]["id"]
    steps = json.loads(run("history", sid, "--json", env=env).stdout)["steps"]
    return str(steps[0]["notes"][0]["text"])


def test_a_paste_on_an_accessible_step_is_a_note_never_keys(tmp_path: Path) -> None:
    """Red team 17: in accessible mode a paste still ran as keys (the q of "quite" saved
    and quit the call)."""
    child = spawn("run", "hyken", "--customer", "Ann", "--accessible", home=tmp_path,
                  size=(24, 80))
    child.expect("Step 1 of 7")
    child.expect("help")
    child.send("\x1b[200~order 5512 arrived quite late\x1b[201~")
    child.expect("Pasted text kept as a note")
    assert "does nothing here" not in child.before
    child.send("q")
    child.expect("Resume with")
    assert finish(child) == 0
    assert run_history_note(tmp_path) == "order 5512 arrived quite late"


def test_accessible_mode_reads_a_weekday_follow_up_back(tmp_path: Path) -> None:
    """Issue 19: "friday" is taken, and the date understood is read back in words."""
    from datetime import date, timedelta

    child = spawn("run", "hyken", "--accessible", home=tmp_path, size=(24, 80))
    for number in range(1, 8):
        child.expect(f"Step {number} of 7")
        child.expect("help")
        child.send("\r")
    child.expect("Follow up when")
    child.send("friday\r")
    today = date.today()
    ahead = (4 - today.weekday()) % 7 or 7
    friday = today + timedelta(days=ahead)
    child.expect(f"Follow-up set for Fri {friday.day} {friday.strftime('%b %Y')}.")
    child.expect("Enter")
    child.send("\r")
    assert finish(child) == 0
