"""Hostile files: FIFOs, devices and folders where a file is expected, YAML anchors and
aliases in every spelling, and a file of aliases big enough to hang a naive reader."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from conftest import RECOVER, ROOT

HYKEN = ROOT / "playbooks" / "hyken.yaml"


def run(*args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    """The installed command with no stdin; a hang fails the test instead of the suite."""
    return subprocess.run([RECOVER, *args], capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


@pytest.fixture
def fifo(home: Path) -> Path:
    path = home / "pipe.yaml"
    os.mkfifo(path)
    return path


def surfaces(special: Path, home: Path) -> list[tuple[str, ...]]:
    return [
        ("show", str(special)),
        ("validate", str(special)),
        ("lint", str(special)),
        ("run", "hyken", "--answers", str(special), "--no-save"),
        ("check", "sorry for any inconvenience", "--rules", str(special)),
        ("quiz", "hyken", "--answers", str(special), "--no-save"),
        ("practice", "hyken", "--answers", str(special), "--no-save"),
        ("new", "copy", "--from", str(special), "--to", str(home / "out")),
    ]


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_only_regular_files_are_read(home: Path, kind: str) -> None:
    if kind == "fifo":
        special = home / "pipe.yaml"
        os.mkfifo(special)
        word = "named pipe"
    elif kind == "device":
        special = Path("/dev/zero")
        word = "device"
    else:
        special = home / "folder.yaml"
        special.mkdir()
        (special / "x.txt").write_text("x")
        word = "folder"
    for args in surfaces(special, home):
        if kind == "folder" and args[0] in ("validate", "lint"):
            continue  # a folder of playbooks is what these take
        result = run(*args)
        assert result.returncode in (1, 2), (args, result.stdout, result.stderr)
        assert word in result.stdout + result.stderr, (args, result.stderr)
        assert "internal error" not in result.stderr
        assert len(result.stderr.splitlines()) <= 3, result.stderr


def test_config_toml_that_is_a_fifo_is_refused(home: Path) -> None:
    folder = home / "config"
    folder.mkdir()
    os.mkfifo(folder / "config.toml")
    result = run("history")
    assert result.returncode == 2
    assert "named pipe" in result.stderr


def test_a_fifo_in_a_playbook_folder_is_skipped(home: Path, fifo: Path) -> None:
    result = run("list", "--playbooks", str(home))
    assert result.returncode == 0, result.stderr
    assert "hyken" in result.stdout


@pytest.mark.parametrize("text", [
    '{"id": x, "title":&t "X", "steps":[{"title":*t}]}',
    "id: x\ntitle: &t X\nsteps:\n  - title: *t\n",
    "id: x\ntitle: X\nsteps: [{title: &a A}, {title: *a}]\n",
    "id: x\ntitle: !!str &t X\nsteps:\n  - title: T\n",
    "id: x\ntitle: X\nsteps:\n  - &s\n    title: T\n",
    "id: x\ntitle: X\nsteps:\n- {title: T, say: [&q one, *q]}\n",
])
def test_anchors_and_aliases_are_refused_in_every_spelling(home: Path, text: str) -> None:
    book = home / "a.yaml"
    book.write_text(text)
    result = run("validate", str(book))
    assert result.returncode == 1, result.stdout
    assert "is not allowed" in result.stdout


def test_ampersands_and_stars_in_text_are_fine(home: Path) -> None:
    book = home / "ok.yaml"
    book.write_text('id: ok\ntitle: "Q&A *now*"\nsteps:\n  - title: R&D & *more* stars\n'
                    "    say: 'a * b & c'\n")
    result = run("validate", str(book))
    assert result.returncode == 0, result.stdout


def test_a_file_of_aliases_is_refused_in_parse_time(home: Path) -> None:
    big = "x" * 180_000
    anchor = "s" * 22
    aliases = ", ".join([f"*{anchor}"] * 28_000)
    book = home / "bomb.yaml"
    book.write_text(f'{{"id": "bomb", "title":&{anchor} "{big}", "steps": [{{"title": "t", '
                    f'"say": [{aliases}]}}]}}')
    assert 850_000 < book.stat().st_size < 1024 * 1024
    for command in ("validate", "show", "lint"):
        started = time.monotonic()
        result = run(command, str(book), timeout=30)
        took = time.monotonic() - started
        assert result.returncode == 1, (command, result.stderr[:300])
        assert "is not allowed" in result.stdout + result.stderr
        assert len((result.stdout + result.stderr).splitlines()) <= 12
        assert took < 10, (command, took)  # well under; a naive walk takes minutes


@pytest.mark.parametrize("value", ["[" * 600 + "]" * 600, "{b=" * 600 + "1" + "}" * 600])
def test_a_deeply_nested_config_value_is_one_line_not_an_internal_error(
        home: Path, value: str) -> None:
    """Red team 16: tomllib recursed into a RecursionError, exit 70 for every command."""
    config = Path(os.environ["RECOVER_CONFIG_DIR"]) / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"a = {value}\n")
    result = run("history")
    assert result.returncode == 2, result.stderr
    assert "nested too deeply" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_config_with_a_bom_or_a_latin1_byte_never_stops_a_call(home: Path) -> None:
    """Red team 16: a BOM (Notepad) was 'Invalid statement'; one Latin-1 byte refused the
    whole file, without its line. Now: the BOM is skipped; the byte is read as U+FFFD with
    a located warning, and the command goes on."""
    config = Path(os.environ["RECOVER_CONFIG_DIR"]) / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_bytes(b'\xef\xbb\xbfagent = "bom"\n')
    result = run("doctor", "--json")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    config.write_bytes(b'# team\nagent = "Jos\xe9"\n')
    answers = home / "a.yaml"
    answers.write_text("steps:\n  - {}\n")
    result = run("run", "hyken", "--answers", str(answers))
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(f"{config}:2: not UTF-8 text (byte 0xe9)") == 1, result.stderr
    listed = json.loads(run("history", "--json").stdout)
    assert listed[0]["agent"] == "Jos\ufffd"


def test_a_playbook_folder_that_is_not_there_is_warned_about(home: Path) -> None:
    """Red team 16: `--playbooks /no/such` (a team path's typo) was silently ignored."""
    listed = run("list", "--playbooks", str(home / "no-such"))
    assert listed.returncode == 0 and "hyken" in listed.stdout
    assert listed.stderr.count("no such folder") == 1
    assert f"--playbooks {home / 'no-such'}: no such folder" in listed.stderr
    env_run = subprocess.run([RECOVER, "show", "hyken"], capture_output=True, text=True,
                             timeout=20, stdin=subprocess.DEVNULL,
                             env={**os.environ, "RECOVER_PLAYBOOKS": str(home / "gone")})
    assert env_run.returncode == 0 and "RECOVER_PLAYBOOKS" in env_run.stderr


def test_doctor_shows_everything_even_when_a_path_or_the_config_is_wrong(home: Path) -> None:
    """Red team 16: a config folder name too long made doctor exit 70, and a config.toml
    it cannot use made it print that one error and nothing of what it exists to show."""
    long = subprocess.run([RECOVER, "doctor"], capture_output=True, text=True, timeout=20,
                          stdin=subprocess.DEVNULL,
                          env={**os.environ, "RECOVER_CONFIG_DIR": "/tmp/" + "a" * 300})
    assert long.returncode == 0, long.stderr
    assert "cannot check: File name too long" in long.stdout and "data folder:" in long.stdout
    config = Path(os.environ["RECOVER_CONFIG_DIR"]) / "config.toml"
    config.mkdir(parents=True)
    broken = run("doctor")
    assert broken.returncode == 0, broken.stderr
    assert "is a folder, not a file" in broken.stdout
    assert "playbook folders" in broken.stdout and "store:" in broken.stdout


def test_a_table_in_config_toml_is_warned_about_at_its_own_line(home: Path) -> None:
    """Red team 16b: `[colors]` on line 3 was reported at line 1."""
    config = Path(os.environ["RECOVER_CONFIG_DIR"]) / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('agnet = "sam"\n\n[colors]\nx = 1\n')
    result = run("history")
    assert result.returncode == 0
    assert f"{config}:3: unknown setting 'colors'" in result.stderr
    assert f"{config}:1: unknown setting 'agnet', ignored; did you mean 'agent'?" in \
        result.stderr


@pytest.mark.parametrize(("text", "where", "called"), [
    ('id: x\ntitle: "hello \x1b[31m red"\nsteps:\n  - title: T\n', "2:15", "U+001B (ESC)"),
    ("id: x\ntitle: hi\nsteps:\n  - title: T\x07\n", "4:13", "U+0007 (BEL)"),
    ("id: x\ntitle: hi\x9b2J\nsteps:\n  - title: T\n", "2:10", "U+009B (CSI)"),
])
def test_a_control_character_is_located_where_it_is_without_yaml_internals(
        home: Path, text: str, where: str, called: str) -> None:
    """Red team: a raw ESC on line 2 was 'FILE:1:1' with PyYAML's 'position 23' line."""
    book = home / "c.yaml"
    book.write_text(text, encoding="utf-8")
    result = run("validate", str(book))
    assert result.returncode == 1
    assert f"c.yaml:{where}: control character {called} is not allowed" in result.stdout
    assert "position" not in result.stdout and "unicode string" not in result.stdout
    assert "\x1b" not in result.stdout + result.stderr


def test_every_control_character_is_said_at_once(home: Path) -> None:
    book = home / "c.yaml"
    book.write_text("id: x\ntitle: a\x1bb\nsteps:\n  - title: c\x1bd\n", encoding="utf-8")
    result = run("validate", str(book))
    assert "c.yaml:2:9:" in result.stdout and "c.yaml:4:13:" in result.stdout
