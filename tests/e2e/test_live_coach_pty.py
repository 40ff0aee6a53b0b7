"""``recover run``: the live coach (``c``) in a real pseudo-terminal."""

from __future__ import annotations

from pathlib import Path

from e2e.pty import finish, plain, ready, spawn


def test_c_checks_a_line_without_leaving_the_step_and_keeps_it_only_on_k(
        tmp_path: Path) -> None:
    summary = tmp_path / "summary.txt"
    child = spawn("run", "hyken", "--customer", "Ann Lee", "--summary-out", str(summary),
                  home=tmp_path)
    ready(child, 1, 7)
    assert "c coach" in plain(child.before + child.after)
    child.send("?")
    child.expect("coach: type what you are about to say")
    child.expect("any key goes back")
    child.send(" ")  # ? shows the keys in place of the step; any key returns
    child.expect("save & quit")
    child.send("c")
    child.expect("Say:")
    child.send("We're sorry for any inconvenience, the system was down\r")
    child.expect("plural-apology")
    child.expect("Better:")
    child.expect("k keep as a note")
    child.send("\r")  # back to the step: nothing kept
    child.send("c")
    child.expect("Say:")
    child.send("I'm sorry you were charged twice\r")
    child.expect("nothing the sources warn against")
    child.expect("k keep as a note")
    child.send("k")
    child.expect("charged twice")  # the note line
    child.expect("save & quit")
    assert "Step 2 of 7" not in plain(child.before)  # still on step 1
    child.send("q")
    assert finish(child) == 0
    resumed = spawn("resume", "--summary-out", str(summary), home=tmp_path)
    ready(resumed, 1, 7)
    screen = plain(resumed.before)
    assert "I'm sorry you were charged twice" in screen
    assert "inconvenience" not in screen  # the unkept line was never stored
    resumed.send("q")
    assert finish(resumed) == 0
    data = (tmp_path / "data").rglob("*")
    assert not any("inconvenience" in p.read_text(errors="ignore")
                   for p in data if p.is_file() and p.suffix in (".json", ".txt"))
