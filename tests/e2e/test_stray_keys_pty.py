"""Issue 19, on a live call: typing on a step never changes the call unseen, and every
skip, jump and back says what it did with a one-key undo. At 80x24, typed as a person
does."""

from __future__ import annotations

import json
from pathlib import Path

import pexpect

from conftest import run
from e2e.pty import TIMEOUT, finish, ready, spawn

SIZE = (24, 80)


def on_screen(child: pexpect.spawn, text: str) -> None:
    """Wait until the terminal shows ``text`` (a redraw writes only what changed, so the
    raw output need not hold it in one piece)."""
    import time

    deadline = time.monotonic() + TIMEOUT  # the clock ticks: output never stops
    while text not in child.screen.text():
        assert time.monotonic() < deadline, child.screen.text()
        child.expect(r"[\s\S]")


def history(home: Path) -> dict[str, object]:
    env = {"RECOVER_DATA_DIR": str(home / "data"), "RECOVER_CONFIG_DIR": str(home / "config")}
    sid = json.loads(run("sessions", "--json", env=env).stdout)[0]["id"]
    return dict(json.loads(run("history", sid, "--json", env=env).stdout))


def test_a_sentence_typed_on_a_step_is_a_note_and_the_call_stays(tmp_path: Path) -> None:
    child = spawn("run", "hyken", "--customer", "Ann", home=tmp_path, size=SIZE)
    ready(child, 1, 7)
    child.send("she said the parcel never came")  # no n first: s is skip, e edit, ...
    child.expect("Note:")
    child.expect("never came")
    child.send("\r")
    child.expect("note kept")
    assert "Step 1 of 7" in child.screen.text()  # still on step 1
    child.send("q")
    assert finish(child) == 0
    shown = json.dumps(history(tmp_path))
    assert "she said the parcel never came" in shown  # every letter, the s included
    assert '"skip"' not in shown


def test_a_letter_that_is_not_a_key_starts_a_note(tmp_path: Path) -> None:
    child = spawn("run", "hyken", "--customer", "Ann", home=tmp_path, size=SIZE)
    ready(child, 1, 7)
    child.send("h")  # one key, not a command: a note begins with it
    child.expect("Note:")
    child.send("e called twice\r")
    child.expect("note kept")
    child.send("q")
    assert finish(child) == 0
    assert "he called twice" in json.dumps(history(tmp_path))


def test_skip_says_so_and_u_undoes_it(tmp_path: Path) -> None:
    child = spawn("run", "hyken", "--customer", "Ann", home=tmp_path, size=SIZE)
    ready(child, 1, 7)
    child.send("s")
    ready(child, 2, 7)
    child.expect("skipped step 1 - u undoes")
    child.send("u")
    ready(child, 1, 7)
    child.expect("undone")
    child.send("\r")
    ready(child, 2, 7)
    child.send("b")
    ready(child, 1, 7)
    child.expect("back to step 1 - u undoes")
    child.send("u")
    ready(child, 2, 7)
    child.send("q")
    assert finish(child) == 0
    path = history(tmp_path)
    assert '"skip"' not in json.dumps(path)


def test_u_still_undoes_a_skip_after_a_note(tmp_path: Path) -> None:
    # a newcomer skipped by accident, typed a note, and "u" no longer undid the skip
    child = spawn("run", "hyken", "--customer", "Ann", home=tmp_path, size=SIZE)
    ready(child, 1, 7)
    child.send("s")
    ready(child, 2, 7)
    child.expect("skipped step 1 - u undoes")
    child.send("n")
    child.expect("Note:")
    child.send("she wants a refund\r")
    child.expect("note kept")
    child.send("u")
    ready(child, 1, 7)
    child.expect("undone")
    child.send("q")
    assert finish(child) == 0
    shown = json.dumps(history(tmp_path))
    assert '"skip"' not in shown and "she wants a refund" in shown


def test_alt_keys_edit_the_note_and_unknown_sequences_do_nothing(tmp_path: Path) -> None:
    """Alt+Backspace, Alt+b, Alt+f, Alt+d edit the line as readline does; ESC[999~ does
    nothing; none acts as Esc, drops the text or lets later keys run as step keys."""
    child = spawn("run", "hyken", "--customer", "Ann", home=tmp_path, size=SIZE)
    ready(child, 1, 7)
    child.send("n")
    child.expect("Note:")
    child.send("she was very upst")
    child.expect("upst")
    child.send("\x1b\x7f")  # Alt+Backspace: the last word goes
    child.send("upset")
    on_screen(child, "very upset")
    child.send("\x1bb\x1bb")  # Alt+b twice: back to "very"
    child.send("\x1bd")  # Alt+d: "very" goes
    child.send("so")
    on_screen(child, "was so upset")
    child.send("\x1bf")  # Alt+f: to the end of the word
    child.send("\x1b[999~")  # a sequence no key sends here: nothing
    child.send(" today\x1a\r")  # Ctrl-Z is not a character of the note
    child.expect("note kept")
    assert "Step 1 of 7" in child.screen.text()
    child.send("q")
    assert finish(child) == 0
    shown = history(tmp_path)
    notes = json.dumps(shown)
    assert "she was so upset today" in notes, notes
    assert "\\u001a" not in notes and "999" not in notes and '"skip"' not in notes


def test_an_unknown_sequence_on_a_step_does_nothing(tmp_path: Path) -> None:
    child = spawn("run", "hyken", "--customer", "Ann", home=tmp_path, size=SIZE)
    ready(child, 1, 7)
    child.send("\x1b[999~")  # no key sends it here: not Esc, not "[999~" typed
    child.send("?")  # the next key is still a key: help, not text in a note
    child.expect("Press any key to go back")
    child.send("x")
    ready(child, 1, 7)
    child.send("q")
    assert finish(child) == 0
    assert "999" not in json.dumps(history(tmp_path))


def test_copy_in_tmux_says_it_cannot_confirm(tmp_path: Path) -> None:
    """Issue 19: "copied via OSC 52" in tmux, where set-clipboard swallowed it."""
    book = tmp_path / "one.yaml"
    book.write_text("id: one\ntitle: One\nsteps:\n  - title: Only\n")
    child = spawn("run", str(book), home=tmp_path, size=SIZE,
                  env={"TMUX": "/tmp/tmux-0/default,1,0", "PATH": "/usr/bin:/bin",
                       "DISPLAY": "", "WAYLAND_DISPLAY": ""})
    ready(child, 1, 1)
    child.send("\r")
    child.expect("Follow up when")
    child.send("\r")
    child.expect("Enter finish")
    child.send("y")
    on_screen(child, "cannot confirm: tmux needs 'set-clipboard on'")
    assert "copied via" not in child.screen.text()
    child.send("\r")
    assert finish(child) == 0


def test_a_team_store_silent_from_the_start_is_said_on_the_status_line(
        tmp_path: Path) -> None:
    """Issue 19: a raw three-line message over the screen, wiped by the next redraw; the
    status line never said "saved locally"."""
    from e2e.pty import plain
    from test_team_guarantees import SilentServer

    server = SilentServer()
    try:
        env = {"RECOVER_DATABASE_URL": f"postgresql://recover:pw@127.0.0.1:{server.port}/r"}
        child = spawn("run", "saxena", "--customer", "Sam", home=tmp_path, size=SIZE,
                      env=env)
        ready(child, 1, 6)
        on_screen(child, "saved locally; 'recover sync' sends it later")
        status = child.screen.lines()[-1] or next(
            line for line in reversed(child.screen.lines()) if line)
        assert "sends it later" in child.screen.text() and "…" not in status
        child.send("\r")
        ready(child, 2, 6)
        child.send("q")
        assert finish(child) == 0
        raw = plain("".join(child.screen.raw))
        assert "using the local store" not in raw and "cannot reach" not in raw
    finally:
        server.close()


def test_playbook_defaults_fill_the_fields_in_a_live_run(tmp_path: Path) -> None:
    """Issue 19: the Say line showed the blank and the field menu "-", though --rehearse
    filled them."""
    book = tmp_path / "d.yaml"
    book.write_text("id: d\ntitle: D\nfields:\n  - id: customer\n    prompt: Name\n"
                    "  - id: offer\n    prompt: The offer\n    default: a free delivery\n"
                    "steps:\n  - title: Offer\n    say:\n      - \"We'd like to give you "
                    "{offer}.\"\n  - title: Last\n")
    child = spawn("run", str(book), "--customer", "Ann", home=tmp_path, size=SIZE)
    ready(child, 1, 2)
    on_screen(child, "give you a free delivery")
    child.send("f")
    child.expect("Which field")
    on_screen(child, "The offer: a free delivery")
    child.send("\x1b")
    ready(child, 1, 2)
    child.send("q")
    assert finish(child) == 0


def test_the_end_screen_redraws_on_ctrl_l_and_on_resize(tmp_path: Path) -> None:
    book = tmp_path / "one.yaml"
    book.write_text("id: one\ntitle: One\nsteps:\n  - title: Only\n")
    child = spawn("run", str(book), home=tmp_path, size=SIZE)
    ready(child, 1, 1)
    child.send("\r")
    child.expect("Follow up when")
    child.send("\r")
    child.expect("Enter finish")
    child.send("\x0c")  # Ctrl-L: drawn anew, not "does nothing here"
    child.expect("Checklist")
    child.expect("Enter finish")
    assert "does nothing" not in child.screen.text()
    child.setwinsize(30, 100)
    child.screen.resize(30, 100)
    child.expect("Checklist")  # drawn again for the new size
    child.expect("Enter finish")
    child.send("\r")
    assert finish(child) == 0


def test_the_interrupt_message_never_splits_the_resume_id(tmp_path: Path) -> None:
    import re

    child = spawn("run", "hyken", "--customer", "Ann", home=tmp_path, size=(24, 40))
    ready(child, 1, 7)
    child.send("n")
    child.expect("Note:")
    child.send("half a not\x03")  # the message grows by the note kept: any id position
    assert finish(child) == 130
    lines = child.screen.lines()
    said = [line for line in lines if "resume" in line or "Interrupted" in line]
    assert any(re.search(r"recover resume [0-9a-f]{8}", line) for line in lines), lines[-10:]
    assert all(len(line) <= 40 for line in said)
