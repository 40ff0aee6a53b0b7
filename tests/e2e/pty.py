"""Driving the installed ``recover`` in a real pseudo-terminal (pexpect).

Every wait is an ``expect`` with a timeout: the tests synchronise on what is on screen,
never on sleeps.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pexpect

from conftest import RECOVER, run

TIMEOUT = 15


class Screen:
    """What a terminal of ``rows`` x ``columns`` shows, fed by everything the child writes
    (pyte emulates the VT100: clears, carriage returns and erases are applied)."""

    def __init__(self, rows: int, columns: int) -> None:
        import pyte

        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.Stream(self.screen)
        self.raw: list[str] = []

    def write(self, data: str) -> None:
        self.raw.append(data)
        self.stream.feed(data)

    def flush(self) -> None:
        pass

    def resize(self, rows: int, columns: int) -> None:
        """As the terminal does when its window changes size."""
        self.screen.resize(rows, columns)

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def text(self) -> str:
        return "\n".join(self.lines())


def _signals_as_a_terminal_gives_them() -> None:
    """In the child, before ``recover`` starts: the terminal's signals at their defaults,
    as a terminal emulator starts its shell. A disposition of SIG_IGN is inherited across
    exec, so a suite started under ``nohup`` (or by a runner that ignores SIGHUP or SIGINT)
    would hand the ignored signal to ``recover`` and a test that hangs up on it waits for an
    end that never comes (test_sighup_loses_nothing_confirmed timed out so)."""
    for sig in (signal.SIGHUP, signal.SIGINT, signal.SIGQUIT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)


def spawn(*args: str, home: Path, env: dict[str, str] | None = None,
          size: tuple[int, int] = (40, 100), command: str = RECOVER) -> pexpect.spawn:
    """``recover ARGS`` in a terminal of ``size`` (rows, columns); ``child.screen`` is what
    that terminal shows."""
    rows, columns = size
    full_env = {
        **os.environ,
        "RECOVER_DATA_DIR": str(home / "data"),
        "RECOVER_CONFIG_DIR": str(home / "config"),
        "TERM": "xterm",
        "COLUMNS": str(columns),
        "LINES": str(rows),
        **(env or {}),
    }
    for key in ("NO_COLOR", "ACCESSIBLE"):  # the tester's own settings stay out
        if key not in (env or {}):
            full_env.pop(key, None)
    child = pexpect.spawn(command, list(args), env=full_env, encoding="utf-8",
                          timeout=TIMEOUT, dimensions=size, codec_errors="replace",
                          preexec_fn=_signals_as_a_terminal_gives_them)
    child.delaybeforesend = None  # pexpect sleeps 50 ms before each send by default
    child.screen = Screen(rows, columns)
    child.logfile_read = child.screen
    if os.environ.get("RECOVER_PTY_LOG"):
        child.screen.log = open(os.environ["RECOVER_PTY_LOG"], "a")  # noqa: SIM115
    return child


def ready(child: pexpect.spawn, step: int, total: int) -> None:
    """Wait until step ``step`` is drawn and its keys are being read."""
    child.expect(f"Step {step} of {total}")
    child.expect(r"save & quit|q quit \(nothing kept\)")  # the legend's last part


def to_the_end(child: pexpect.spawn, step: int, total: int, each: str | None = None) -> None:
    """Enter through the steps from ``step`` to the last (``each``: expected on every step
    after the first), past the follow-up question, and Enter to finish."""
    for at in range(step, total + 1):
        child.send("\r")
        if at < total:
            ready(child, at + 1, total)
            if each:
                child.expect(each)
    child.expect("Follow up when")
    child.send("\r")
    child.expect("Enter finish")
    child.send("\r")


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    if child.signalstatus is not None:
        return -int(child.signalstatus)
    return int(child.exitstatus)


def plain(text: str) -> str:
    """Screen text without the terminal's colour and cursor codes."""
    import re

    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)


def open_steps(home: Path) -> list[dict[str, object]]:
    """The steps, as ``export --format json`` gives them, of the one open session under
    ``home`` (a run that stopped before its end)."""
    import json

    env = {"RECOVER_DATA_DIR": str(home / "data"), "RECOVER_CONFIG_DIR": str(home / "config")}
    sid = json.loads(run("sessions", "--json", env=env).stdout)[0]["id"]
    return list(json.loads(run("export", sid, "--format", "json", env=env).stdout)["steps"])
