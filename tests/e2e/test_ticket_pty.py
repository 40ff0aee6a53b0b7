"""The summary for the ticket, end to end at 80x24 (issue 19): a multi-line paste keeps
its lines, a coach draft kept with k is marked and left out of the summary until the
agent puts it in (d at the end screen), and the v view indents wrapped lines."""

from __future__ import annotations

from pathlib import Path

from e2e.pty import finish, ready, spawn
from e2e.test_live_coach_pty import until

LONG = ("the courier left the parcel at the wrong door and the neighbour opened it, so the "
        "box was crushed when she found it")
PASTE = f"Order 5512\n{LONG}\nshe wants a refund"


def test_multi_line_paste_stays_multi_line_and_a_coach_draft_waits_to_be_chosen(
        tmp_path: Path) -> None:
    summary = tmp_path / "summary.txt"
    child = spawn("run", "hyken", "--customer", "Ann", "--summary-out", str(summary),
                  home=tmp_path, size=(24, 80))
    ready(child, 1, 7)
    child.expect("⏱")
    child.send(f"\x1b[200~{PASTE}\x1b[201~")
    until(child, lambda s: "pasted text kept as a note" in s.text())
    child.send("c")
    child.expect("Say:")
    child.send("I will fix it today")
    child.send("\r")
    until(child, lambda s: "k keep as a note" in s.text())
    child.send("k")
    ready(child, 1, 7)
    until(child, lambda s: "marked coach draft" in s.text())
    assert "(coach draft) I will fix it today" in child.screen.text()
    child.send("\r")
    ready(child, 2, 7)
    child.send("\r")
    ready(child, 3, 7)
    child.send("j")
    ready(child, 7, 7)
    child.send("\r")
    child.expect("Follow up when")
    child.send("\r")
    until(child, lambda s: "1 coach draft left out of the summary (d puts it in)" in s.text()
          and "d coach drafts in/out" in s.text())
    text = summary.read_text()
    assert "I will fix it today" not in text
    lines = text.splitlines()
    at = lines.index("    note: Order 5512")
    assert lines[at + 1] == f"          {LONG}" and lines[at + 2] == "          she wants a refund"
    assert "not reached" not in text and ": -" not in text
    child.send("v")  # the view: a wrapped line hangs under its first line's text
    child.expect("key goes back")
    until(child, lambda s: "she wants a refund" in s.text())
    shown = child.screen.lines()
    first = next(i for i, line in enumerate(shown) if line.startswith("          the courier"))
    assert shown[first + 1].startswith("          ") and shown[first + 1].strip(), shown
    child.send("x")
    child.expect("Enter finish")
    child.send("d")
    until(child, lambda s: "1 coach draft in the summary (d leaves it out)" in s.text())
    child.send("\r")
    assert finish(child) == 0
    assert "    coach draft: I will fix it today" in summary.read_text()


def test_editorial_notes_stay_off_the_live_screen(tmp_path: Path) -> None:
    """HEAL's "(Our reading)" marks and "(... our reading of the name.)" asides are for
    rehearsing (show, --rehearse, the docs); the agent on a call gets the advice alone."""
    child = spawn("run", "heal", "--customer", "Bo", home=tmp_path, size=(24, 80))
    for number in (1, 2):
        ready(child, number, 4)
        child.send("\r")
    ready(child, 3, 4)
    until(child, lambda s: "Move quickly to fix the problem" in s.text())
    text = child.screen.text()
    assert "our reading" not in text.lower() and "source only names" not in text, text
    assert "Tell the customer what you are doing as you do it." in text
    child.send("\r")
    ready(child, 4, 4)
    until(child, lambda s: "Show the customer you value the relationship" in s.text())
    assert "our reading" not in child.screen.text().lower(), child.screen.text()
    child.send("q")
    assert finish(child) == 0


def test_the_quick_start_with_no_customer_reads_naturally(tmp_path: Path) -> None:
    """Newcomer: `recover run hyken` (no --customer) showed "‹customer›, I'm sorry this
    happened." in the Say line; and the legend never said that typing starts a note."""
    child = spawn("run", "hyken", home=tmp_path, size=(24, 80))
    ready(child, 1, 7)
    until(child, lambda s: "I'm sorry this happened." in s.text())
    text = child.screen.text()
    assert "‹" not in text and "customer›" not in text, text
    assert "“I'm sorry this happened.”" in text
    assert "n note (or just type)" in text, text
    child.send("q")
    assert finish(child) == 0
