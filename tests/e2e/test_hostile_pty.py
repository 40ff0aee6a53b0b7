"""Hostile text through every input surface, in a real pseudo-terminal, with every byte the
terminal receives scanned: escape sequences (an OSC title-set, a clear screen), C1
controls, bidi overrides and isolates, and bytes that are not UTF-8, typed as notes and
field values, given as names and arguments, held in playbook, scenario, rules and config
files. None may reach the terminal as it was sent."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pexpect
import pytest

from conftest import RECOVER, ROOT
from e2e.pty import TIMEOUT

YAML_HOSTILE = r"\e]0;PWNED\a\e[2J\x9b31m\u202eevil\u2066iso\u2069"
TYPED = b"\x9b31m \xe2\x80\xae evil \xe2\x81\xa6 Jos\xe9 \xc2\x85 done"
# What must never be on the terminal: the OSC payload, a C1 CSI or NEL, the overrides,
# and any byte sequence that is not UTF-8.
FORBIDDEN = ("\x1b]0;PWNED", "\x1b[2J\x9b", "\x9b", "\x85", "\u202e", "\u2066", "\u2069")

BOOK = f"""\
id: hostile
title: "Title {YAML_HOSTILE}"
fields:
  - id: customer
    prompt: "Customer {YAML_HOSTILE}"
    required: true
  - id: offer
    prompt: "Offer {YAML_HOSTILE}"
steps:
  - title: "Step {YAML_HOSTILE}"
    say: "Say {{customer}} {YAML_HOSTILE}"
  - title: "Ask"
    ask:
      question: "Which {YAML_HOSTILE}?"
      choices: [{{label: "Choice {YAML_HOSTILE}"}}, {{label: plain}}]
"""


def spawn_bytes(home: Path, *args: str | bytes) -> pexpect.spawn:
    env = {**os.environ, "RECOVER_DATA_DIR": str(home / "data"),
           "RECOVER_CONFIG_DIR": str(home / "config"), "TERM": "xterm",
           "COLUMNS": "100", "LINES": "40"}
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(RECOVER, [a if isinstance(a, str) else a.decode("utf-8",
                                    "surrogateescape") for a in args], env=env,
                          encoding=None, timeout=TIMEOUT, dimensions=(40, 100))
    child.delaybeforesend = None
    child.logfile_read = io.BytesIO()  # every byte the terminal receives
    return child


def everything(child: pexpect.spawn) -> bytes:
    """Every byte written to the terminal until the command exits; then its status."""
    child.expect(pexpect.EOF)
    child.close()
    return bytes(child.logfile_read.getvalue())


def assert_clean(data: bytes) -> None:
    text = data.decode("utf-8")  # a byte that is not UTF-8 would fail here
    found = [f for f in FORBIDDEN if f in text]
    assert not found, (found, text[-600:])


@pytest.fixture
def hostile_home(tmp_path: Path) -> Path:
    (tmp_path / "hostile.yaml").write_text(BOOK, encoding="utf-8")
    config = tmp_path / "config"
    (config / "scenarios").mkdir(parents=True)
    (config / "config.toml").write_text('agent = "ag \\u202e\\u001b]0;PWNED\\u0007"\n'
                                        '"agnet\\u001b]0;PWNED\\u0007\\u202e" = 1\n',
                                        encoding="utf-8")  # a warning names the key
    honey = (ROOT / "scenarios" / "missing-honey.yaml").read_text(encoding="utf-8")
    honey = honey.replace("id: missing-honey", "id: hostile-honey").replace(
        "customer: Mr. Green\nsituation", f'customer: "Mr. {YAML_HOSTILE}"\nsituation')
    (config / "scenarios" / "hostile.yaml").write_text(honey, encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(
        f'rules:\n  - id: "r{YAML_HOSTILE}"\n    patterns: ["sorry"]\n'
        f'    why: "w {YAML_HOSTILE}"\n    better: "b {YAML_HOSTILE}"\n', encoding="utf-8")
    # a valid id (a hostile one is refused as a located error, tested above), hostile texts
    (tmp_path / "rules_ok.yaml").write_text(
        f'rules:\n  - id: r1\n    patterns: ["sorry"]\n'
        f'    why: "w {YAML_HOSTILE}"\n    better: "b {YAML_HOSTILE}"\n', encoding="utf-8")
    return tmp_path


def test_a_run_typed_with_hostile_text(hostile_home: Path) -> None:
    """Every screen of a live run: the fields, the step, ? help in place, the status
    line's refusals and confirmations, a note kept and edited, a field picked by number,
    a question step, the end of call (checklist, follow-up, v view, y copy)."""
    book = str(hostile_home / "hostile.yaml")
    child = spawn_bytes(hostile_home, "run", book, "--rehearse", b"--team",
                        b"T\xe9am \xe2\x80\xae")
    child.expect(b"Customer")  # the required field, asked first
    child.send(b"\x04")  # Ctrl-D: asked again, never an empty customer
    child.expect(b"required")
    child.send(TYPED + b"\r")
    child.expect(b"Offer")
    child.send(TYPED + b"\r")
    child.expect(b"Step 1 of 2")
    child.expect(b"save & quit")
    child.send(b"?")  # help in place of the step, with its hostile title
    child.expect(b"Press any key to go back")
    child.send(b"z")
    child.expect(b"save & quit")
    child.send(b"j")
    child.expect(b"no jump on this step")
    child.send(b"b")
    child.expect(b"already at step 1")
    child.send(b"\x9b")  # a C1 key: said to do nothing, spelled
    child.expect(b"does nothing here")
    child.send(b"n")
    child.expect(b"Note:")
    # Typed, Esc cancels a note: escape sequences come in pasted (bracketed paste).
    child.send(b"\x1b[200~\x1b]0;PWNED\x07 \x1b[2J" + TYPED + b"\x1b[201~" + TYPED + b"\r")
    child.expect(b"note kept")
    child.send(b"e")  # the note again, as the default of its edit
    child.expect(b"Note:")
    child.send(b" \xe2\x80\xae more\r")
    child.expect(b"note changed")
    child.send(b"f")
    child.expect(b"Which field")
    child.expect(b"picks, Esc cancels")
    child.send(b"2")
    child.expect(b"Offer")
    child.send(TYPED + b" edited\r")
    child.expect(b"offer set")
    child.send(b"\r")
    child.expect(b"Step 2 of 2")
    child.expect(b"save & quit")
    child.send(b"\r")  # a question step: Enter says how to answer
    child.expect(b"press 1-2 to answer")
    child.send(b"1")
    child.expect(b"Follow up when")
    child.send(b"\r")
    child.expect(b"v view summary")
    child.send(b"v")
    child.expect(b"Summary for the ticket")
    child.expect(b"key goes back")
    child.send(b" ")
    child.expect(b"Enter finish")
    child.send(b"y")
    child.expect(b"copied with|cannot confirm|not copied")
    child.send(b"\r")
    seen = everything(child)
    assert child.exitstatus == 0, seen[-500:]
    assert b"Jos\\xe9" in seen  # the bad byte kept, visibly
    assert b"edited" in seen and b"more" in seen
    assert_clean(seen)


def test_a_resumed_run_names_a_hostile_customer_on_the_status_line(hostile_home: Path
                                                                   ) -> None:
    book = str(hostile_home / "hostile.yaml")
    child = spawn_bytes(hostile_home, "run", book, b"--customer", TYPED)
    child.expect(b"Step 1 of 2")
    child.expect(b"save & quit")
    child.send(b"q")
    child.expect(b"recover resume")
    first = everything(child)
    resumed = spawn_bytes(hostile_home, "resume")
    resumed.expect(b"save & quit")
    resumed.expect(b"resumed session")  # on the status line, with the customer spelled
    resumed.send(b"q")
    assert_clean(first + everything(resumed))
    assert resumed.exitstatus == 0


def test_an_accessible_run_prints_hostile_text_plainly_and_safely(hostile_home: Path
                                                                   ) -> None:
    book = str(hostile_home / "hostile.yaml")
    child = spawn_bytes(hostile_home, "run", book, "--accessible", b"--customer", TYPED,
                        "--no-save")
    child.expect(b"Step 1 of 2")
    child.expect(b"q quit \\(nothing kept\\)")
    child.send(b"?")
    child.expect(b"this help")
    child.send(b"n")
    child.expect(b"Note:")
    child.send(TYPED + b"\r")
    child.expect(b"Note kept")
    child.send(b"f")
    child.expect(b"picks, Esc cancels")
    child.send(b"2")
    child.expect(b"Offer")
    child.send(TYPED + b"\r")
    child.expect(b"offer = ")
    child.send(b"\r")
    child.expect(b"Step 2 of 2")
    child.send(b"2")
    child.expect(b"Enter finish")
    child.send(b"\r")
    seen = everything(child)
    assert child.exitstatus == 0, seen[-500:]
    assert b"\x1b[2J" not in seen  # nothing cleared: printed once, as lines
    assert_clean(seen)


@pytest.mark.parametrize("args", [
    ("show", "{book}"), ("list", "--playbooks", "{home}"), ("history",), ("sessions",),
    ("validate", "{book}"), ("check", "so sorry", "--rules", "{home}/rules.yaml"),
    ("practice", "--list"), ("due",), ("report",), ("progress",),
    ("doctor",), ("doctor", "--json"), ("show", "{book}", "--json"),
    ("validate", "{book}", "--json"), ("lint", "{book}", "--rules", "{home}/rules.yaml"),
    ("lint", "{book}", "--json"), ("show", "\x1b]0;PWNED\x07\u202ehostil"),
    ("history", "\x1b]0;PWNED\x07"), ("-h",), ("new", "x", "--to", "{home}/new",
                                              "--title", "\x1b]0;PWNED\x07\u202e",
                                              "--author", "\u202eA\x9b"),
])
def test_every_listing_command_in_a_terminal(hostile_home: Path, args: tuple[str, ...]) -> None:
    answers = hostile_home / "answers.yaml"
    answers.write_text(f'fields:\n  customer: "{YAML_HOSTILE}"\n'
                       f'steps:\n  - {{note: "{YAML_HOSTILE}"}}\n'
                       f'  - {{jump: "Choice {YAML_HOSTILE}"}}\n', encoding="utf-8")
    made = spawn_bytes(hostile_home, "run", str(hostile_home / "hostile.yaml"), "--answers",
                       str(answers), "--follow-up", "today")
    assert_clean(everything(made))
    child = spawn_bytes(hostile_home, *(a.replace("{book}", str(hostile_home / "hostile.yaml"))
                                        .replace("{home}", str(hostile_home)) for a in args))
    if args == ("due",):  # on a terminal, due lets the agent act: its picker is a surface too
        child.expect(b"Follow up on which one")
        child.send(b"\r")  # the hostile customer's follow-up
        child.expect(b"what happened")
        child.send(b"\x1b[A\r")  # the last action: back to the list
        child.expect(b"Follow up on which one")
        child.send(b"\x1b[A\r")  # the last entry: Done
    if args == ("report",) and child.expect([b"\n:", pexpect.EOF]) == 0:
        child.send(b"q")  # taller than the 40 rows: through the pager (less), which we quit
    assert_clean(everything(child))
    assert child.exitstatus in (0, 1), child.exitstatus


def test_practice_in_a_terminal(hostile_home: Path) -> None:
    child = spawn_bytes(hostile_home, "practice", "hyken", "--scenario", "hostile-honey",
                        "--no-save", "--rules", str(hostile_home / "rules_ok.yaml"))
    child.expect(b"Mr. ")
    child.expect(b"You:")
    child.send(TYPED + b" so sorry\r")
    child.expect(b"sorry")
    # Ctrl-C once the answer has been taken and the next step asks: sent as soon as the
    # echo showed, it could arrive while the first answer was still being read or scored,
    # and was lost (the test then waited 15 s for an end that never came).
    child.expect(b"Step 2 of 7")
    child.expect(b"You:")
    child.sendcontrol("c")
    assert_clean(everything(child))
