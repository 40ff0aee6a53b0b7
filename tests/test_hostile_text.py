"""Hostile text: escape sequences, C1 controls, bidi overrides and bytes that are not UTF-8,
from playbooks, scenarios, rules files, arguments, answers and the environment. Nothing of
it reaches a terminal raw, nothing crashes, and files keep the text encoded for their format.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import RECOVER, ROOT, run

# An OSC title-set, a clear screen, a C1 CSI, a right-to-left override and an isolate.
YAML_HOSTILE = r"\e]0;pwned\a\e[2J\x9b31m\u202eevil\u2066x\u2069"
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eevil\u2066x\u2069"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\u2069")


def assert_clean(*outputs: str) -> None:
    for out in outputs:
        found = [c for c in RAW if c in out]
        assert not found, f"raw control characters {found!r} in {out[:400]!r}"


BOOK = f"""\
id: hostile
title: "Title {YAML_HOSTILE}"
fields:
  - id: customer
    prompt: "Customer {YAML_HOSTILE}"
  - id: offer
    prompt: "Offer"
steps:
  - id: one
    title: "Step {YAML_HOSTILE}"
    ask:
      question: "Which {YAML_HOSTILE}?"
      choices:
        - label: "Choice {YAML_HOSTILE}"
        - label: plain
  - id: two
    title: two
"""


def hostile_session(home: Path, *extra: str) -> str:
    book = home / "hostile.yaml"
    book.write_text(BOOK, encoding="utf-8")
    answers = home / "answers.yaml"
    answers.write_text(f'fields:\n  offer: "{YAML_HOSTILE}"\nsteps:\n'
                       f'  - {{jump: "Choice {YAML_HOSTILE}", note: "n {YAML_HOSTILE}"}}\n'
                       "  - {}\n", encoding="utf-8")
    result = run("run", str(book), "--customer", HOSTILE, "--answers", str(answers),
                 "--agent", HOSTILE, "--follow-up", "today", *extra)
    assert result.returncode == 0, result.stderr
    assert_clean(result.stdout, result.stderr)
    rows = json.loads(run("history", "--json", "--limit", "1").stdout)
    return str(rows[0]["id"])


def test_run_checklist_and_history_show_no_raw_controls(home: Path) -> None:
    sid = hostile_session(home)
    shown = run("history", sid)
    assert shown.returncode == 0, shown.stderr
    assert_clean(shown.stdout, shown.stderr)
    assert "Customer \\x1b]0;pwned\\x07" in shown.stdout  # the field's prompt, spelled
    listed = run("history")
    assert_clean(listed.stdout, listed.stderr)


@pytest.mark.parametrize("args", [
    ("history", "--json"), ("sessions", "--json"), ("due", "--json", "--all"), ("list", "--json"),
    ("report", "--format", "json"), ("history", "{sid}", "--json"),
    ("export", "{sid}", "--format", "json"),
])
def test_json_outputs_escape_controls_and_bidi(home: Path, args: tuple[str, ...]) -> None:
    sid = hostile_session(home)
    env = {"RECOVER_PLAYBOOKS": str(home)}
    result = run(*(a.replace("{sid}", sid) for a in args), env=env)
    assert result.returncode == 0, result.stderr
    assert_clean(result.stdout, result.stderr)
    assert "\\u202e" in result.stdout or "\\u009b" in result.stdout
    data = json.loads(result.stdout)  # still JSON, and the text is kept, not mangled
    assert "\u202eevil" in json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("fmt", ["md", "html", "ics", "json"])
def test_exports_to_stdout_and_files(home: Path, fmt: str) -> None:
    sid = hostile_session(home)
    result = run("export", sid, "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert_clean(result.stdout, result.stderr)
    target = home / f"out.{fmt}"
    written = run("export", sid, "--format", fmt, "-o", str(target))
    assert written.returncode == 0, written.stderr
    text = target.read_text(encoding="utf-8")
    assert_clean(text)
    assert os.stat(target).st_mode & 0o777 == 0o600
    if fmt == "ics":
        from icalendar import Calendar

        event = Calendar.from_ical(text).walk("VEVENT")[0]
        assert "evil" in str(event["description"])  # folded and escaped, still readable


def test_report_html_and_text_to_stdout(home: Path) -> None:
    hostile_session(home)
    for fmt in ("html", "text", "md"):
        result = run("report", "--format", fmt)
        assert result.returncode == 0, result.stderr
        assert_clean(result.stdout, result.stderr)
        assert "Glyph" not in result.stderr


def test_practice_scenario_customer_is_spelled(home: Path) -> None:
    folder = home / "config" / "scenarios"
    folder.mkdir(parents=True)
    text = (ROOT / "scenarios" / "missing-honey.yaml").read_text(encoding="utf-8")
    text = text.replace("id: missing-honey", "id: hostile-honey").replace(
        "customer: Mr. Green\nsituation", f'customer: "Mr. {YAML_HOSTILE}"\nsituation')
    (folder / "hostile.yaml").write_text(text, encoding="utf-8")
    lines = home / "lines.yaml"
    lines.write_text('lines: ["I am sorry.", "", "", "", "", "", ""]\n')  # one per step
    result = run("practice", "hyken", "--scenario", "hostile-honey", "--answers", str(lines),
                 "--no-save")
    assert result.returncode in (0, 1), result.stderr
    assert "Mr. \\x1b]0;pwned" in result.stdout
    assert_clean(result.stdout, result.stderr)
    lines.write_text(f'lines: ["I am sorry {YAML_HOSTILE}.", "", "", "", "", "", ""]\n',
                     encoding="utf-8")
    as_json = run("practice", "hyken", "--scenario", "hostile-honey", "--answers", str(lines),
                  "--no-save", "--json")
    assert as_json.returncode in (0, 1), as_json.stderr
    assert_clean(as_json.stdout, as_json.stderr)
    assert "\u202eevil" in json.dumps(json.loads(as_json.stdout), ensure_ascii=False)


def test_rule_ids_from_a_rules_file_are_spelled(home: Path) -> None:
    rules = home / "rules.yaml"
    rules.write_text(f'rules:\n  - id: "r{YAML_HOSTILE}"\n    patterns: ["zebra"]\n'
                     f'    why: "w {YAML_HOSTILE}"\n    better: "b {YAML_HOSTILE}"\n',
                     encoding="utf-8")
    for extra in ((), ("--json",)):
        result = run("check", "a zebra here", "--rules", str(rules), *extra)
        assert result.returncode in (1, 2), result.stderr
        assert_clean(result.stdout, result.stderr)


def test_edit_prompt_shows_the_current_value_spelled_and_keeps_it() -> None:
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output

    from recoverycli.screen.prompts import Prompter

    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=24, columns=80), term="xterm")
    with create_pipe_input() as pipe:
        pipe.send_text("\r")
        value = Prompter(pipe, output).text("Offer", default=HOSTILE)
    assert_clean(screen.getvalue().replace("\x1b[", "").replace("\x1b]", "OSC"))
    assert "OSC" not in screen.getvalue().replace("\x1b]", "OSC").replace(
        "\x1b[", "") or "pwned" not in screen.getvalue()
    assert "\\x1b]0;pwned" in screen.getvalue()  # shown spelled out
    assert value == HOSTILE  # accepted unchanged: kept as it was, not as it was shown


# Bytes that are not UTF-8 -------------------------------------------------------------

def run_bytes(*args: bytes, env: dict[str, str] | None = None,
              stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([RECOVER.encode(), *args], capture_output=True, timeout=60,
                          env={**os.environ, **(env or {})}, input=stdin,
                          stdin=None if stdin is not None else subprocess.DEVNULL)


def test_invalid_utf8_in_arguments_is_kept_visible(home: Path) -> None:
    answers = home / "a.yaml"
    answers.write_text("steps:\n  - {}\n")
    result = run_bytes(b"run", b"hyken", b"--customer", b"Jos\xe9 was upset", b"--agent",
                       b"ag\xff", b"--team", b"T\xe9am", b"--field", b"offer=caf\xe9",
                       b"--answers", str(answers).encode())
    assert result.returncode == 0, result.stderr
    assert b"internal error" not in result.stderr
    assert b"Jos\\xe9 was upset" in result.stdout
    rows = json.loads(run("history", "--json").stdout)
    assert rows[0]["customer"] == "Jos\\xe9 was upset"
    assert rows[0]["agent"] == "ag\\xff"
    found = run_bytes(b"history", b"--customer", b"Jos\xe9", b"--agent", b"ag\xff")
    assert found.returncode == 0, found.stderr
    assert b"Jos\\xe9" in found.stdout


def test_invalid_utf8_in_the_environment_and_stdin(home: Path) -> None:
    answers = home / "a.yaml"
    answers.write_text("steps:\n  - {}\n")
    env = {k: v for k, v in os.environ.items()}
    env_b = {k.encode(): v.encode("utf-8", "surrogateescape") for k, v in env.items()}
    env_b[b"RECOVER_AGENT"] = b"ag\xe9nt"
    env_b[b"RECOVER_TEAM"] = b"\xff\xfe"
    result = subprocess.run([RECOVER.encode(), b"run", b"hyken", b"--answers",
                             str(answers).encode()], capture_output=True, timeout=60,
                            env=env_b, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    rows = json.loads(run("history", "--json").stdout)
    assert rows[0]["agent"] == "ag\\xe9nt"
    checked = run_bytes(b"check", b"-", stdin=b"sorry for any inconvenience \xe9\n\xff\xfe\n")
    assert checked.returncode in (0, 1), checked.stderr
    assert b"internal error" not in checked.stderr
    as_json = run_bytes(b"check", b"-", b"--json", stdin=b"caf\xe9\n")
    assert as_json.returncode in (0, 1), as_json.stderr
    json.loads(as_json.stdout.decode("utf-8").splitlines()[0])


def test_a_byte_that_is_not_utf8_is_one_character_in_the_spans(home: Path) -> None:
    """A red team: "We\\xff are sorry" came back with a span counting the raw byte as
    one character and a text spelling it as four, so the span cut the text short."""
    checked = run_bytes(b"check", b"-", b"--json",
                        stdin=b"We\xff are sorry for any inconvenience\n")
    record = json.loads(checked.stdout.decode("utf-8").splitlines()[0])
    assert record["text"] == "We\\xff are sorry for any inconvenience"  # as documented
    assert record["findings"]
    for finding in record["findings"]:
        start, end = finding["span"]
        assert record["text"][start:end] == finding["text"]


def test_invalid_utf8_typed_text_is_stored_visibly() -> None:
    from recoverycli.playbooks.model import load_playbook
    from recoverycli.playbooks.session import Session, Walk
    from recoverycli.storage.store import Store

    book = load_playbook(str(ROOT / "playbooks" / "hyken.yaml"))
    session = Session("abc123", book.id, None, book.title)
    walk = Walk(book, session)
    walk.set_field("customer", "Jos\udce9")
    walk.add_note("Jos\udce9 was upset")
    store = Store(None)
    store.save(session)  # a surrogate would fail to encode here
    again = store.load("abc123")
    assert again.fields["customer"] == "Jos\\xe9"
    assert again.notes[book.steps[0].id][0].text == "Jos\\xe9 was upset"


def test_text_gate_units() -> None:
    from recoverycli.text import clean, dumps, name, one_line, visible

    assert visible("a\x1bb\x9bc\u202ed\udce9") == "a\\x1bb\\x9bc\\u202ed\\xe9"
    assert visible("plain ünïcode") == "plain ünïcode"
    assert one_line("a\nb") == "a ⏎ b"
    assert name("bad\nname.yaml") == "bad\\x0aname.yaml"
    assert clean("Jos\udce9 \x1b") == "Jos\\xe9 \x1b"  # kept text keeps its controls
    assert dumps({"k": "\x1b\x9b\u202e\u2066é"}) == '{"k": "\\u001b\\u009b\\u202e\\u2066é"}'
    assert json.loads(dumps(["\u2069"])) == ["\u2069"]
