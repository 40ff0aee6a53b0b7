"""Copying the summary: OSC 52 to a terminal, the system tool when installed, and a
sentence saying which was done."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest

from recoverycli.screen.clipboard import copy, osc52


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_osc52_carries_the_text_base64_encoded() -> None:
    sequence = osc52("Ann – 2 notes")
    assert sequence.startswith("\x1b]52;c;") and sequence.endswith("\x07")
    assert base64.b64decode(sequence[7:-1]).decode() == "Ann – 2 notes"


def test_copy_uses_the_terminal_and_the_system_tool_and_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    got = tmp_path / "clipboard.txt"
    tool = tmp_path / "xclip"
    tool.write_text(f"#!/bin/sh\n/bin/cat > {got}\n")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    terminal = FakeTerminal()
    said = copy("the summary\n", terminal)
    assert said == "summary copied with xclip"  # the tool's exit is a confirmation
    assert got.read_text() == "the summary\n"
    assert terminal.getvalue() == osc52("the summary\n")


def test_copy_with_no_way_to_copy_says_how_to_get_the_text(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    said = copy("x", io.StringIO())  # not a terminal, no tool
    assert said.startswith("not copied") and "install xclip" in said and "v shows" in said


def test_osc52_alone_is_sent_never_copied(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19: "copied via OSC 52" when tmux swallowed it. The terminal never answers,
    so the sentence says it was sent and cannot be confirmed; in tmux, why it may fail."""
    monkeypatch.setenv("PATH", str(tmp_path))  # no tool
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("TMUX", raising=False)
    said = copy("x", FakeTerminal())
    assert "copied" not in said.replace("not copied", "")
    assert said.startswith("sent to the terminal (OSC 52), cannot confirm")
    monkeypatch.setenv("TMUX", "/tmp/tmux-1000/default,1,0")
    said = copy("x", FakeTerminal())
    assert "cannot confirm" in said and "tmux needs 'set-clipboard on'" in said
    assert len(said) <= 78  # the status line at 80 columns, with room to spare


def test_a_failing_tool_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tool = tmp_path / "xclip"
    tool.write_text("#!/bin/sh\nexit 1\n")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    said = copy("x", io.StringIO())
    assert said.startswith("not copied: xclip failed")
