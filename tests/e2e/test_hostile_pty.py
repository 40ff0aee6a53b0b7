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
    (config / "config.toml").write_text('agent = "ag \\u202e\\u001b]0;PWNED\\u0007"\n',
                                        encoding="utf-8")
    honey = (ROOT / "scenarios" / "missing-honey.yaml").read_text(encoding="utf-8")
    honey = honey.replace("id: missing-honey", "id: hostile-honey").replace(
        "customer: Mr. Green\nsituation", f'customer: "Mr. {YAML_HOSTILE}"\nsituation')
    (config / "scenarios" / "hostile.yaml").write_text(honey, encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(
        f'rules:\n  - id: "r{YAML_HOSTILE}"\n    patterns: ["sorry"]\n'
        f'    why: "w {YAML_HOSTILE}"\n    better: "b {YAML_HOSTILE}"\n', encoding="utf-8")
    return tmp_path


def test_a_run_typed_with_hostile_text(hostile_home: Path) -> None:
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
    child.send(b"n")
    child.expect(b"Note:")
    child.send(b"\x1b]0;PWNED\x07 " + TYPED + b"\r")
    child.expect(b"done")
    child.send(b"f")
    child.expect(b"Which field")
    child.send(b"\r")
    child.send(TYPED + b" edited\r")
    child.expect(b"edited")
    child.send(b"\r")
    child.expect(b"Step 2 of 2")
    child.expect(b"save & quit")
    child.send(b"\r")
    child.expect(b"plain")
    child.send(b"\r")
    child.expect(b"Follow up when")
    child.send(b"\r")
    child.expect(b"Summary for the ticket")
    seen = everything(child)
    assert child.exitstatus == 0, seen[-500:]
    assert b"Jos\\xe9" in seen  # the bad byte kept, visibly
    assert_clean(seen)


@pytest.mark.parametrize("args", [
    ("show", "{book}"), ("list", "--playbooks", "{home}"), ("history",), ("sessions",),
    ("validate", "{book}"), ("check", "so sorry", "--rules", "{home}/rules.yaml"),
    ("practice", "--list"), ("due",), ("report",), ("progress",),
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
    assert_clean(everything(child))
    assert child.exitstatus in (0, 1), child.exitstatus


def test_practice_in_a_terminal(hostile_home: Path) -> None:
    child = spawn_bytes(hostile_home, "practice", "hyken", "--scenario", "hostile-honey",
                        "--no-save", "--rules", str(hostile_home / "rules.yaml"))
    child.expect(b"Mr. ")
    child.expect(b"You:")
    child.send(TYPED + b" so sorry\r")
    child.expect(b"sorry")
    child.sendcontrol("c")
    assert_clean(everything(child))
