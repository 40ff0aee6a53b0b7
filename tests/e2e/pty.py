"""Driving the installed ``recover`` in a real pseudo-terminal (pexpect).

Every wait is an ``expect`` with a timeout: the tests synchronise on what is on screen,
never on sleeps.
"""

from __future__ import annotations

import os
from pathlib import Path

import pexpect

from conftest import RECOVER

TIMEOUT = 15


def spawn(*args: str, home: Path, env: dict[str, str] | None = None) -> pexpect.spawn:
    full_env = {
        **os.environ,
        "RECOVER_DATA_DIR": str(home / "data"),
        "RECOVER_CONFIG_DIR": str(home / "config"),
        "TERM": "xterm",
        "COLUMNS": "100",
        "LINES": "40",
        **(env or {}),
    }
    full_env.pop("NO_COLOR", None)
    child = pexpect.spawn(RECOVER, list(args), env=full_env, encoding="utf-8",
                          timeout=TIMEOUT, dimensions=(40, 100), codec_errors="replace")
    child.delaybeforesend = None  # pexpect sleeps 50 ms before each send by default
    if os.environ.get("RECOVER_PTY_LOG"):
        child.logfile_read = open(os.environ["RECOVER_PTY_LOG"], "a")  # noqa: SIM115
    return child


def ready(child: pexpect.spawn, step: int, total: int) -> None:
    """Wait until step ``step`` is drawn and its keys are being read."""
    child.expect(f"Step {step} of {total}")
    child.expect("save & quit")


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
