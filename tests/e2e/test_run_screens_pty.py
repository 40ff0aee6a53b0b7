"""The run's screens as a terminal shows them (pyte), at 80x24 and 120x40: every step
fits with its header and a legend in words, every key answers, the end of the call fits
one screen, and the summary alone goes to a redirected stdout."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pexpect
import pytest

from conftest import RECOVER, run
from e2e.pty import finish, plain, ready, spawn

SIZES = [pytest.param((24, 80), id="80x24"), pytest.param((40, 120), id="120x40")]
LEGEND_WORDS = ("Enter done", "s skip", "n note", "f field", "q save & quit", "? help")


def status(child: pexpect.spawn) -> str:
    """The status line under the legend (wrapped on words: its lines joined), or the last
    non-empty line on screen where there is no legend."""
    lines = [line for line in child.screen.lines() if line.strip()]
    legend = [i for i, line in enumerate(lines) if line.rstrip().endswith("? help")]
    if legend and legend[-1] < len(lines) - 1:
        return " ".join(line.strip() for line in lines[legend[-1] + 1:])
    return lines[-1]


def wait_status(child: pexpect.spawn, text: str) -> None:
    child.expect(re.escape(text))
    assert text in status(child), child.screen.text()


@pytest.mark.parametrize("size", SIZES)
def test_every_step_fits_with_its_header_and_a_legend_in_words(tmp_path: Path,
                                                              size: tuple[int, int]) -> None:
    _rows, columns = size
    for pid, total in (("hyken", 7), ("saxena", 6), ("heal", 4)):
        child = spawn("run", pid, "--customer", "Ann", home=tmp_path, size=size)
        for number in range(1, total + 1):
            ready(child, number, total)
            child.expect("⏱")
            lines = child.screen.lines()
            assert lines[0].startswith(f"Step {number} of {total}"), child.screen.text()
            legend = " ".join(line for line in lines if line.startswith(("›", "  ")))
            for word in LEGEND_WORDS:
                assert word in legend, (pid, number, child.screen.text())
            if number > 1:
                assert "b back" in legend
            assert all(len(line) <= columns for line in lines)
            assert not re.search(r"› (\S ){3}", legend)  # never bare letters
            child.send("\r")
        child.expect("Follow up when")
        child.send("\x03")
        assert finish(child) == 130


@pytest.mark.parametrize("size", SIZES)
def test_help_replaces_the_step_under_its_header_and_any_key_returns(
        tmp_path: Path, size: tuple[int, int]) -> None:
    child = spawn("run", "hyken", home=tmp_path, size=size)
    ready(child, 1, 7)
    child.send("\r\r")
    ready(child, 3, 7)
    child.send("?")
    child.expect("Press any key to go back to the step")
    lines = child.screen.lines()
    assert lines[0].startswith("Step 3 of 7") and lines[1] == "Apologize again"
    text = child.screen.text()
    assert "Ctrl-C" in text and "Esc cancels" in text and "Why:" not in text
    child.send("z")
    ready(child, 3, 7)
    child.expect("⏱")
    assert "Why:" in child.screen.text() and "Keys:" not in child.screen.text()
    child.send("q")
    assert finish(child) == 0


@pytest.mark.parametrize("size", SIZES)
def test_a_key_that_does_nothing_says_why(tmp_path: Path, size: tuple[int, int]) -> None:
    child = spawn("run", "hyken", home=tmp_path, size=size)
    ready(child, 1, 7)
    child.send("b")
    wait_status(child, "already at step 1")
    child.send("j")
    wait_status(child, "no jump on this step")
    child.send("e")
    wait_status(child, "no notes on this step to edit")
    child.send("\t")
    wait_status(child, "Tab does nothing here; ? shows the keys")
    child.send("z")  # a letter that is no key is typing (issue 19): a note begins
    child.expect("Note:")
    child.send("\x1b")
    wait_status(child, "typing dropped; the call is unchanged")
    assert child.screen.lines()[0].startswith("Step 1 of 7")
    child.send("q")
    assert finish(child) == 0


@pytest.mark.parametrize("size", SIZES)
def test_question_step_names_its_keys_and_lists_choices_once(tmp_path: Path,
                                                             size: tuple[int, int]) -> None:
    book = tmp_path / "q.yaml"
    book.write_text("id: q\ntitle: Q\nsteps:\n  - title: Is it fixed?\n    ask:\n"
                    "      question: Which?\n      choices:\n        - {label: Fixed now}\n"
                    "        - {label: Needs a visit, next: last}\n  - title: Middle\n"
                    "  - id: last\n    title: Last\n")
    child = spawn("run", str(book), home=tmp_path, size=size)
    child.expect("Step 1 of 3")
    child.expect("⏱")
    text = child.screen.text()
    assert text.count("Needs a visit") == 1 and "2. Needs a visit → 3. Last" in text
    assert "1-2 answer" in text and "Enter done" not in text
    child.send("\r")
    wait_status(child, "press 1-2 to answer")
    child.send("2")
    ready(child, 3, 3)
    child.send("q")
    assert finish(child) == 0


@pytest.mark.parametrize("size", SIZES)
def test_end_of_call_fits_one_screen_and_the_summary_is_one_key_away(
        tmp_path: Path, size: tuple[int, int]) -> None:
    child = spawn("run", "hyken", "--customer", "Ann", home=tmp_path, size=size)
    ready(child, 1, 7)
    child.send("n")
    child.expect("Note:")
    child.send("upset about the refund\r")
    ready(child, 1, 7)
    child.send("\r\rj")
    ready(child, 7, 7)
    child.send("\r")
    child.expect("Follow up when")
    lines = child.screen.lines()
    assert lines[0].startswith("Checklist: Seven service recovery strategies")
    assert any(line.startswith("✓ 7. Stay in touch") for line in lines)
    child.send("2d\r")
    child.expect("v view summary")
    child.expect("Enter finish")
    text = child.screen.text()
    assert "Follow-up: " in text and "✓ 1. Apologize for the problem" in text
    assert child.screen.lines()[0].startswith("Checklist:")  # nothing scrolled away
    child.send("y")
    child.expect("copied with|cannot confirm|not copied")
    child.send("v")
    child.expect("goes back")
    text = child.screen.text()
    assert "Summary for the ticket" in text and "note: upset about the refund" in text
    child.send("x")
    child.expect("Enter finish")
    # newcomer: y in the view went back without copying, and said nothing
    before = "".join(child.screen.raw).count("\x1b]52;c;")
    child.send("v")
    child.expect("goes back")
    child.send("y")
    child.expect("copied with|cannot confirm|not copied")
    assert "".join(child.screen.raw).count("\x1b]52;c;") == before + 1
    assert "Enter finish" in child.screen.text()  # back on the end screen
    child.send("\r")
    child.expect(r"See it again: recover history (\w+)")
    assert finish(child) == 0
    assert "\x1b]52;c;" in "".join(child.screen.raw)


def test_stdout_redirected_gets_the_summary_alone(tmp_path: Path) -> None:
    out = tmp_path / "ticket.txt"
    child = spawn("-c", f"{RECOVER} run heal --customer Bo > {out}", home=tmp_path,
                  size=(24, 80), command="/bin/sh")
    ready(child, 1, 4)
    child.send("\r\r\r\r")
    child.expect("Follow up when")
    child.send("\r")
    child.expect("Enter finish")
    child.send("\r")
    child.expect(r"summary\s+went")
    assert finish(child) == 0
    text = out.read_text()
    assert text.startswith("Service recovery: ") and "Bo" in text
    assert "save & quit" not in text and "\r" not in text and "\x1b" not in text


def test_no_save_asks_no_follow_up_and_names_no_session(tmp_path: Path) -> None:
    summary = tmp_path / "s.txt"
    child = spawn("run", "heal", "--no-save", "--summary-out", str(summary), home=tmp_path,
                  size=(24, 80))
    ready(child, 1, 4)
    child.send("\r\r\r\r")
    child.expect("Enter finish")
    assert "Follow up" not in child.screen.text()
    child.send("\r")
    child.expect("Nothing was saved")
    assert finish(child) == 0
    assert "Session" not in summary.read_text() and "See it again" not in child.before


def test_summary_out_is_checked_before_step_1(tmp_path: Path) -> None:
    child = spawn("run", "heal", "--summary-out", str(tmp_path / "no" / "such" / "x.txt"),
                  home=tmp_path, size=(24, 80))
    child.expect("--summary-out")
    assert finish(child) == 2
    assert "Step 1" not in child.before
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").iterdir())


def test_past_follow_up_is_confirmed_in_a_terminal(tmp_path: Path) -> None:
    child = spawn("run", "heal", "--follow-up", "2020-01-01", home=tmp_path, size=(24, 80))
    child.expect("2020-01-01 is in the past. Use it anyway")
    child.send("y")  # one key: no Enter after it to spill into step 1
    ready(child, 1, 4)
    child.expect("⏱")
    assert "1 done" not in child.screen.text()
    child.send("q")
    assert finish(child) == 0


@pytest.mark.parametrize("how", ["flag", "env", "config"])
def test_accessible_prints_each_screen_once_plainly(tmp_path: Path, how: str) -> None:
    args = ["run", "hyken", "--customer", "Ann"]
    env: dict[str, str] = {}
    if how == "flag":
        args.append("--accessible")
    elif how == "env":
        env["ACCESSIBLE"] = "1"
    else:
        (tmp_path / "config").mkdir()
        (tmp_path / "config" / "config.toml").write_text("accessible = true\n")
    child = spawn(*args, home=tmp_path, env=env, size=(24, 80))
    child.expect("Step 1 of 7")
    child.expect("q save & quit")
    child.send("b")
    child.expect("already at step 1\r\n")
    child.send("\r")
    child.expect("Step 2 of 7")
    child.expect("q save & quit")
    child.send("q")
    child.expect("Saved session")
    assert finish(child) == 0
    raw = "".join(child.screen.raw)
    assert "\x1b[2J" not in raw and "\x1b[K" not in raw  # nothing cleared or redrawn
    for symbol in ("─", "⏱", "•", "  › ", "✗", "→", "✎"):
        assert symbol not in raw, symbol
    assert raw.count("Step 1 of 7") == 1


def test_resume_says_which_session_on_the_status_line(tmp_path: Path) -> None:
    child = spawn("run", "heal", "--customer", "Ann", home=tmp_path, size=(24, 80))
    ready(child, 1, 4)
    child.send("\r")
    ready(child, 2, 4)
    child.send("q")
    child.expect(r"recover resume (\w+)")
    sid = child.match.group(1)
    assert finish(child) == 0
    resumed = spawn("resume", sid.upper(), home=tmp_path, size=(24, 80))
    ready(resumed, 2, 4)
    wait_status(resumed, f"resumed session {sid} with Ann")
    resumed.send("q")
    assert finish(resumed) == 0


def test_term_dumb_gets_plain_screens_and_no_color_has_no_colour(tmp_path: Path) -> None:
    child = spawn("run", "heal", home=tmp_path, size=(24, 80), env={"TERM": "dumb"})
    child.expect("Keys: Enter done; s skip")
    child.send("q")
    assert finish(child) == 0
    raw = "".join(child.screen.raw)
    assert "\x1b[2J" not in raw and "⏱" not in raw
    child = spawn("run", "heal", home=tmp_path, size=(24, 80), env={"NO_COLOR": "1"})
    ready(child, 1, 4)
    child.send("q")
    assert finish(child) == 0
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]m", "".join(child.screen.raw))  # no colours


def test_the_playbook_sets_a_call_length_reminder(tmp_path: Path) -> None:
    """A call already an hour long, resumed under a playbook that reminds after 1 min."""
    from conftest import ROOT, run
    from recoverycli.storage.store import Store

    book = tmp_path / "timed.yaml"
    book.write_text((ROOT / "playbooks" / "heal.yaml").read_text()
                    .replace("\nid: heal\n", "\nid: timed\ncall_reminder_minutes: 1\n"))
    answers = tmp_path / "a.yaml"
    answers.write_text("steps:\n  - {}\n")
    env = {"RECOVER_DATA_DIR": str(tmp_path / "data"),
           "RECOVER_CONFIG_DIR": str(tmp_path / "config")}
    assert run("run", str(book), "--answers", str(answers), env=env).returncode == 0
    store = Store(tmp_path / "data")
    [row] = list(store.sessions())
    session = store.load(row["id"])
    session.seconds = {key: 3600.0 for key in session.seconds}
    store.save(session)
    child = spawn("resume", home=tmp_path, size=(24, 80))
    ready(child, 2, 4)
    child.expect("call past 1 min")
    assert "call past 1 min" in status(child)
    child.send("q")
    assert finish(child) == 0


def test_accessible_end_of_call_cuts_nothing_and_pickers_say_their_keys(tmp_path: Path
                                                                         ) -> None:
    child = spawn("run", "heal", "--accessible", home=tmp_path, size=(24, 80))
    child.expect("q save & quit")
    child.send("f")
    child.expect("1-5 picks, Esc cancels\r\n")
    child.send("1")
    child.expect("The customer's name")
    child.send("Ann Lee\r")
    child.expect("customer = Ann Lee")
    child.send("\r\r\r\r")
    child.expect("Follow up when")
    child.send("\r")
    child.expect("Enter finish")
    child.send("\r")
    child.expect("See it again")
    assert finish(child) == 0
    raw = "".join(child.screen.raw)
    assert "The customer's name: Ann Lee\r\n" in raw
    assert "What you will do to put it right, and by when: -\r\n" in raw
    assert "…" not in raw.split("Checklist")[1]


@pytest.mark.parametrize("size", SIZES)
def test_a_tall_step_drops_why_and_source_to_keep_its_header(tmp_path: Path,
                                                             size: tuple[int, int]) -> None:
    do = "".join(f"      - Do thing number {n} for the customer, carefully.\n"
                 for n in range(12))
    book = tmp_path / "tall.yaml"
    book.write_text("id: tall\ntitle: Tall\nsteps:\n  - title: A tall step\n"
                    "    why: A reason that takes a line or two to say, because it matters "
                    "to the person on the call.\n    do:\n" + do +
                    "    say:\n      - \"Line one.\"\n      - \"Line two.\"\n"
                    "    avoid: [Rushing.]\n    cite: Somebody, somewhere\n"
                    "  - title: Done\n")
    child = spawn("run", str(book), home=tmp_path, size=size)
    ready(child, 1, 2)
    child.expect("⏱")
    lines = child.screen.lines()
    assert lines[0].startswith("Step 1 of 2") and "Do thing number 11" in child.screen.text()
    tall = size[0] < 30
    assert ("Why:" in child.screen.text()) is not tall
    assert ("Source:" in child.screen.text()) is not tall
    child.send("q")
    assert finish(child) == 0


def test_long_and_many_notes_never_push_the_step_off_the_screen(tmp_path: Path) -> None:
    """Red team 16: three pasted 600-character notes left only note text on a 24-row
    screen, no header, title or say lines. Notes show one line each, the newest first to
    stay, with how many earlier ones `e` shows."""
    child = spawn("run", "hyken", "--customer", "Ann", home=tmp_path, size=(24, 80))
    ready(child, 1, 7)
    long = "The parcel arrived late and broken, and nobody called back. " * 10
    for n in range(1, 13):
        child.expect("⏱")
        child.send("n")
        child.expect("Note")
        child.send((f"{n} {long}" if n <= 3 else f"short note {n}") + "\r")
        wait_status(child, "note kept")
        lines = child.screen.lines()
        text = child.screen.text()
        assert lines[0].startswith("Step 1 of 7") and "Ann" in lines[0], text
        assert "Apologize for the problem" in text and "Say:" in text, text
        assert f"short note {n}" in text or n <= 3, text  # the newest is always shown
    assert re.search(r"\(\d+ earlier notes: e shows them\)", child.screen.text())
    child.send("q")
    assert finish(child) == 0
    env = {"RECOVER_DATA_DIR": str(tmp_path / "data"),
           "RECOVER_CONFIG_DIR": str(tmp_path / "config")}
    sid = json.loads(run("history", "--json", env=env).stdout)[0]["id"]
    notes = json.loads(run("history", sid, "--json", env=env).stdout)["steps"][0]["notes"]
    assert len(notes) == 12 and long.strip() in notes[0]["text"]  # stored whole


def test_ctrl_c_at_the_follow_up_question_says_how_to_set_it(tmp_path: Path) -> None:
    """Red team 16: it said "resume with: recover resume ID", which then refused (the
    session is finished)."""
    child = spawn("run", "heal", "--customer", "Yan", home=tmp_path, size=(24, 80))
    for number in range(1, 5):
        ready(child, number, 4)
        child.send("\r")
    child.expect("Follow up when")
    child.send("3d\x03")
    child.expect(r"Interrupted\.\s+Session\s+(\w+)\s+is\s+finished\s+and\s+saved;\s+set\s+"
                 r"its\s+follow-up\s+with:\s+recover follow-up \w+ WHEN")  # wrapped on words
    sid = child.match.group(1)
    assert finish(child) == 130
    env = {"RECOVER_DATA_DIR": str(tmp_path / "data"),
           "RECOVER_CONFIG_DIR": str(tmp_path / "config")}
    assert run("follow-up", sid, "3d", env=env).returncode == 0
    assert json.loads(run("history", "--json", env=env).stdout)[0]["status"] == "finished"


def test_a_long_summary_is_viewed_a_screen_at_a_time_under_its_title(tmp_path: Path) -> None:
    """Newcomer 16: with six notes the `v` view pushed the title, session and case off a
    24-row screen. Now a page at a time: Space shows more, any other key goes back."""
    child = spawn("run", "heal", "--customer", "Ann", home=tmp_path, size=(24, 80))
    ready(child, 1, 4)
    for n in range(1, 7):
        child.expect("⏱")
        child.send("n")
        child.expect("Note")
        child.send(f"note {n}: the parcel arrived late and broken, twice over, and they "
                   "want a refund\r")
        wait_status(child, "note kept")
    child.send("\r")
    for number in range(2, 5):
        ready(child, number, 4)
        child.send("\r")
    child.expect("Follow up when")
    child.send("\r")
    child.expect("v view summary")
    child.send("v")
    child.expect(r"Space shows more")
    lines = child.screen.lines()
    assert lines[0].startswith("Summary for the ticket: (page 1 of 2)"), child.screen.text()
    assert "Service recovery: HEAL" in lines[1] and "Session " in child.screen.text()
    child.send(" ")
    child.expect(r"page 2 of 2")
    child.expect(r"(?<!more · )y copies it all · any other key goes back")
    assert child.screen.lines()[0].startswith("Summary for the ticket: (page 2 of 2)")
    assert "4. Demonstrate loyalty" in child.screen.text()
    child.send("x")
    child.expect("v view summary")
    child.send("\r")
    assert finish(child) == 0


def test_text_pasted_on_a_step_is_a_note_never_keys(tmp_path: Path) -> None:
    """Red team 16b: "order 5512 arrived quite late" pasted on a step saved and quit the
    call (q), "she asked for a quick refund" skipped two steps (s, s)."""
    child = spawn("run", "hyken", "--customer", "Ann", home=tmp_path, size=(24, 80))
    ready(child, 1, 7)
    child.expect("⏱")
    child.send("\x1b[200~order 5512 arrived quite late\nshe asked for a quick refund\x1b[201~")
    wait_status(child, "pasted text kept as a note")
    text = child.screen.text()
    assert child.screen.lines()[0].startswith("Step 1 of 7"), text
    # the paste keeps its line break (the ticket's summary keeps its lines)
    assert "order 5512 arrived quite late\n    she asked for a quick refund" in text
    child.send("q")
    assert finish(child) == 0
    env = {"RECOVER_DATA_DIR": str(tmp_path / "data"),
           "RECOVER_CONFIG_DIR": str(tmp_path / "config")}
    sid = json.loads(run("history", "--json", env=env).stdout)[0]["id"]
    steps = json.loads(run("history", sid, "--json", env=env).stdout)["steps"]
    assert steps[0]["status"] != "skipped" and steps[1]["status"] != "skipped"
    assert steps[0]["notes"][0]["text"] == ("order 5512 arrived quite late\n"
                                            "she asked for a quick refund")


def test_ctrl_c_at_the_end_screen_still_fills_the_redirected_ticket(tmp_path: Path) -> None:
    """Red team 16b: `> ticket.txt`, then Ctrl-C at the end screen (a reflex once the work
    is done) left the file empty though the session was finished."""
    out = tmp_path / "ticket.txt"
    child = spawn("-c", f"{RECOVER} run heal --customer Bo > {out}", home=tmp_path,
                  size=(24, 80), command="/bin/sh")
    ready(child, 1, 4)
    child.send("\r\r\r\r")
    child.expect("Follow up when")
    child.send("\r")
    child.expect("Enter finish")
    child.send("\x03")
    child.expect("finished and saved")
    assert finish(child) == 130
    text = out.read_text()
    assert text.startswith("Service recovery: ") and "Bo" in text and "\x1b" not in text


def test_no_save_says_q_keeps_nothing_and_shows_what_was_noted(tmp_path: Path) -> None:
    """Red team 16b: under --no-save the legend and ? promised "q save & quit ... resume
    later", and q threw every note away without a word of it."""
    child = spawn("run", "heal", "--customer", "Ed", "--no-save", home=tmp_path,
                  size=(24, 80))
    ready(child, 1, 4)
    child.expect("⏱")
    legend = child.screen.text()
    assert "q quit (nothing kept)" in legend and "save & quit" not in legend
    child.send("?")
    child.expect("key goes back")
    assert "nothing is kept (--no-save)" in child.screen.text()
    assert "resume later" not in child.screen.text()
    child.send("x")
    ready(child, 1, 4)
    child.send("n")
    child.expect("Note")
    child.send("wants a refund by Friday\r")
    wait_status(child, "note kept")
    child.send("q")
    child.expect("Nothing was saved")
    assert "wants a refund by Friday" in plain(child.before)
    assert finish(child) == 0


@pytest.mark.parametrize("key", ["e", "f"])
def test_pickers_show_in_place_of_the_step_under_its_header(tmp_path: Path, key: str) -> None:
    """Red team 16b: the note and field pickers were printed under the step, pushing the
    header off a 24-row screen, with long labels wrapping to column 0."""
    child = spawn("run", "hyken", "--customer", "Ann Lee", home=tmp_path, size=(24, 80))
    ready(child, 1, 7)
    for n in range(3):
        child.expect("⏱")
        child.send("n")
        child.expect("Note")
        child.send(f"note {n}: she was upset about the refund which took three weeks and "
                   "nobody called her back even though she asked twice\r")
        wait_status(child, "note kept")
    child.send(key)
    child.expect("Which note" if key == "e" else "Which field")
    child.expect("Esc cancels")
    lines = child.screen.lines()
    assert lines[0].startswith("Step 1 of 7  ·  Ann Lee"), child.screen.text()
    assert lines[1] == "Apologize for the problem"
    assert all(len(line) <= 80 for line in lines)
    numbered = [line for line in lines if re.match(r"  \d\. ", line)]
    assert len(numbered) == (3 if key == "e" else 5)
    child.send("\x1b")
    ready(child, 1, 7)
    child.send("q")
    assert finish(child) == 0


def test_a_resized_terminal_and_ctrl_l_draw_the_step_anew(tmp_path: Path) -> None:
    """Red team 16b: from 120x40 to 80x24 the step kept its 120-column layout (header
    gone, words broken) and Ctrl-L 'did nothing here'."""
    child = spawn("run", "hyken", "--customer", "Ann Lee", home=tmp_path, size=(40, 120))
    ready(child, 1, 7)
    child.send("\r\r")
    ready(child, 3, 7)
    child.expect("⏱")
    child.setwinsize(24, 80)
    child.screen.resize(24, 80)
    child.expect("Step 3 of 7")  # drawn again for the new size, unasked
    child.expect("⏱")
    lines = child.screen.lines()
    assert lines[0].startswith("Step 3 of 7  ·  Ann Lee"), child.screen.text()
    assert all(len(line) <= 80 for line in lines)
    child.send("\x0c")  # Ctrl-L: drawn again, and no "does nothing here"
    child.expect("Step 3 of 7")
    child.expect("⏱")
    assert "does nothing" not in child.screen.text()
    child.send("q")
    assert finish(child) == 0


def test_config_warnings_cleared_by_step_1_are_said_on_its_status_line(tmp_path: Path
                                                                       ) -> None:
    """Red team 16b: `accesible = true` (a typo) was warned about, then wiped by step 1's
    clear: the agent never saw why the run was not accessible."""
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text('accesible = true\n[colors]\nx = 1\n')
    child = spawn("run", "heal", home=tmp_path, size=(24, 80))
    ready(child, 1, 4)
    wait_status(child, "config.toml: 2 unknown settings ignored")
    child.send("q")
    assert finish(child) == 0


def test_the_end_of_a_long_playbook_still_fits_one_screen(tmp_path: Path) -> None:
    """Red team 16b: with 25 steps the 'Checklist:' heading and the first steps scrolled
    off 24 rows. Runs of plainly done steps become one line; the rest keep theirs."""
    book = tmp_path / "long.yaml"
    book.write_text("id: long\ntitle: Long playbook\nsteps:\n" + "".join(
        f"  - title: Step number {n} of the long playbook\n" for n in range(1, 26)))
    child = spawn("run", str(book), home=tmp_path, size=(24, 80))
    for number in range(1, 26):
        ready(child, number, 25)
        child.send("s" if number == 5 else "\r")
    child.expect("Follow up when")
    child.send("2d\r")
    child.expect("Enter finish")
    lines = child.screen.lines()
    assert lines[0] == "Checklist: Long playbook", child.screen.text()
    assert "✓ 1-4. done (4 steps)" in lines and "✓ 6-25. done (20 steps)" in lines
    assert any(line.startswith("– 5. Step number 5") for line in lines)
    child.send("\r")
    assert finish(child) == 0


def test_the_resume_hint_repeats_summary_out(tmp_path: Path) -> None:
    """Red team 16b: the hint after q left --summary-out out, and the resumed call
    finished without writing the file."""
    out = tmp_path / "so.txt"
    child = spawn("run", "heal", "--summary-out", str(out), home=tmp_path, size=(24, 80))
    ready(child, 1, 4)
    child.send("q")
    child.expect(r"Resume with: recover resume (\w+) --summary-out\s+(\S+)")
    assert child.match.group(2) == str(out)
    assert finish(child) == 0
