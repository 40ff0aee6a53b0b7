"""Issue 19, on a live call: typing on a step never changes the call unseen, and every
skip, jump and back says what it did with a one-key undo. At 80x24, typed as a person
does."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run
from e2e.pty import finish, ready, spawn

SIZE = (24, 80)


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
