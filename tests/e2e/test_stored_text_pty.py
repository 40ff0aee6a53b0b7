"""What is typed, pasted or accepted in a live run is stored as it was, not as it was shown.

The text gate spells control characters out (``\\x1b``) where text reaches the terminal,
the edit prompts included; the store keeps the text itself (bytes that were not UTF-8
excepted: those are kept visibly, as ``\\xe9``). Accepting a prompt unchanged keeps the
value exactly.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pexpect

from conftest import run
from e2e.pty import finish, ready, spawn

HOSTILE = "Ann\x1b]0;X\x07Lee"


def stored(home: Path) -> dict[str, object]:
    env = {"RECOVER_DATA_DIR": str(home / "data")}
    sid = json.loads(run("history", "--json", "--limit", "1", env=env).stdout)[0]["id"]
    return dict(json.loads(run("history", sid, "--json", env=env).stdout))


def test_accepting_a_field_unchanged_keeps_its_control_characters(tmp_path: Path) -> None:
    child = spawn("run", "hyken", "--customer", HOSTILE, home=tmp_path, size=(24, 80))
    ready(child, 1, 7)
    child.send("f")
    child.expect("picks, Esc cancels")
    child.send("1")
    child.expect(r"Ann\\x1b\]0;X\\x07Lee")  # shown spelled in the edit prompt
    child.send("\r")  # accepted unchanged
    child.expect("customer set")
    child.send("q")
    child.expect("recover resume")
    assert finish(child) == 0
    assert "\x1b]0;X" not in "".join(child.screen.raw)  # never raw on the terminal
    fields = stored(tmp_path)["fields"]
    assert isinstance(fields, dict)
    assert fields["customer"] == HOSTILE  # not the spelling 'Ann\\x1b]0;X\\x07Lee'


def test_a_pasted_note_is_stored_as_pasted_and_edited_unchanged_stays(tmp_path: Path
                                                                       ) -> None:
    child = spawn("run", "hyken", "--customer", "Ann", home=tmp_path, size=(24, 80))
    ready(child, 1, 7)
    child.send("n")
    child.expect("Note:")
    child.send("\x1b[200~r \x1b[31mt\u202e e\x1b[201~\r")  # a bracketed paste
    child.expect("note kept")
    child.send("e")
    child.expect(r"r \\x1b\[31mt\\u202e e")  # spelled in the edit prompt
    child.send(" more\r")  # the cursor is at the end: typed after the pasted text
    child.expect("note changed")
    child.send("q")
    child.expect("recover resume")
    assert finish(child) == 0
    raw = "".join(child.screen.raw)
    assert "\x1b[31mt" not in raw and "\u202e" not in raw
    steps = stored(tmp_path)["steps"]
    assert isinstance(steps, list)
    assert [n["text"] for n in steps[0]["notes"]] == ["r \x1b[31mt\u202e e more"]


def test_a_byte_that_is_not_utf8_is_kept_visibly(tmp_path: Path) -> None:
    child = spawn("run", "hyken", "--customer", "Ann", home=tmp_path, size=(24, 80))
    child.logfile_read = None
    ready(child, 1, 7)
    child.send("n")
    child.expect("Note:")
    os.write(child.child_fd, b"Jos\xe9 was upset\r")  # a Latin-1 terminal
    child.expect("note kept")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    steps = stored(tmp_path)["steps"]
    assert isinstance(steps, list)
    assert [n["text"] for n in steps[0]["notes"]] == ["Jos\\xe9 was upset"]
