"""Screens at 200 columns keep a readable measure (issue 19): text lines are wrapped at
100 columns, not run across the whole width; and screens redraw when resized."""

from __future__ import annotations

from pathlib import Path

from e2e.pty import finish, ready, spawn
from e2e.test_live_coach_pty import until

WIDE = (50, 200)


def widest(lines: list[str]) -> int:
    return max(len(line.rstrip()) for line in lines)


def test_the_step_and_end_screens_keep_a_readable_measure_at_200_columns(
        tmp_path: Path) -> None:
    child = spawn("run", "hyken", "--customer", "Ann", home=tmp_path, size=WIDE)
    ready(child, 1, 7)
    until(child, lambda s: "⏱" in s.text())
    lines = child.screen.lines()
    assert widest(lines) <= 100, [line for line in lines if len(line) > 100]
    assert "Why: You speak for the company now" in child.screen.text()
    child.send("\x1b[200~" + "a long note about the order " * 12 + "\x1b[201~")
    until(child, lambda s: "pasted text kept as a note" in s.text())
    assert widest(child.screen.lines()) <= 100, child.screen.text()
    child.send("\r")
    for number in range(2, 8):
        ready(child, number, 7)
        child.send("\r")
    child.expect("Follow up when")
    child.send("\r")
    child.expect("Enter finish")
    until(child, lambda s: "Enter finish" in s.text())
    assert widest(child.screen.lines()) <= 100, child.screen.text()
    child.send("v")
    child.expect("key goes back")
    until(child, lambda s: "a long note" in s.text())
    assert widest(child.screen.lines()) <= 100, child.screen.text()
    child.send("x")
    child.expect("Enter finish")
    child.send("\r")
    assert finish(child) == 0


def test_due_fits_80_columns_and_draws_again_when_resized(
        home: Path, store_env: dict[str, str]) -> None:
    """Issue 19: the picker's rows ran past 80 columns (a long promise), and `due`'s
    one-line sentence was 130 columns wide."""
    from conftest import run

    env = {**store_env, "RECOVER_AGENT": "sam"}
    answers = home / "a.yaml"
    answers.write_text("fields:\n  offer: a free month of the premium plan with priority "
                       "support and a call from the manager\nsteps:\n  - {}\n")
    for name in ("Ann Late", "Bo Today"):
        assert run("run", "hyken", "--customer", name, "--answers", str(answers),
                   "--follow-up", "today", env=env).returncode == 0
    child = spawn("due", home=home, env=env, size=(24, 80))
    child.expect("Follow up on which one")
    until(child, lambda s: "3) Done" in s.text())
    assert widest(child.screen.lines()) <= 79, child.screen.text()
    assert "Ann Late - " in child.screen.text() and "…" in child.screen.text()
    child.setwinsize(24, 60)
    child.screen.resize(24, 60)
    child.expect(r"3\) Done")  # the picker drawn again for the new size
    child.send("3\r")
    assert finish(child) == 0


def test_the_live_coachs_advice_keeps_a_readable_measure_at_200_columns(
        tmp_path: Path) -> None:
    child = spawn("run", "heal", "--customer", "Ann", home=tmp_path, size=WIDE)
    ready(child, 1, 4)
    child.send("c")
    child.expect("Say:")
    child.send("we are sorry for any inconvenience, it is company policy and the system "
               "was down")
    until(child, lambda s: "Better:" in s.text() and "[policy]" in s.text())
    advice = [line for line in child.screen.lines() if line.startswith("    ")]
    assert advice and widest(advice) <= 100, child.screen.text()
    child.send("\x1b")
    ready(child, 1, 4)
    child.send("q")
    assert finish(child) == 0


def test_a_sentence_typed_on_a_step_reads_on_one_line_at_80_columns(tmp_path: Path) -> None:
    """Newcomer: typing on a step opened the note with a 60-column hint, so at 80 columns
    'she said the parcel never came' wrapped after five letters, mid-word."""
    child = spawn("run", "hyken", "--customer", "Ann", home=tmp_path, size=(24, 80))
    ready(child, 1, 7)
    until(child, lambda s: "⏱" in s.text())
    child.send("she said the parcel never came")
    until(child, lambda s: "never came" in s.text())
    assert any("she said the parcel never came" in line for line in child.screen.lines()), \
        child.screen.text()
    child.send("\r")
    until(child, lambda s: "note kept" in s.text())
    child.send("q")
    assert finish(child) == 0
