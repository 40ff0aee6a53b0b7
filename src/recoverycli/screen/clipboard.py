"""Copying the ticket summary: OSC 52 (the terminal sets the clipboard; works over SSH
and, with ``set-clipboard on``, in tmux) and the system clipboard tool when one is
installed. Says which it did, since neither can be confirmed from here.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
from typing import IO

# (command, when it applies): the first that is installed and applies is used.
TOOLS = (
    (("wl-copy",), "WAYLAND_DISPLAY"),
    (("xclip", "-selection", "clipboard"), "DISPLAY"),
    (("xsel", "--clipboard", "--input"), "DISPLAY"),
    (("pbcopy",), None),
    (("clip.exe",), None),
)


def osc52(text: str) -> str:
    return "\x1b]52;c;" + base64.b64encode(text.encode("utf-8")).decode("ascii") + "\x07"


def system_tool() -> tuple[str, ...] | None:
    for command, needs in TOOLS:
        if (needs is None or os.environ.get(needs)) and shutil.which(command[0]):
            return command
    return None


def copy(text: str, terminal: IO[str]) -> str:
    """Copy ``text`` every way available; return one line saying how."""
    ways = []
    if terminal.isatty() and os.environ.get("TERM", "") != "dumb":
        terminal.write(osc52(text))
        terminal.flush()
        ways.append("OSC 52 (your terminal)")
    tool = system_tool()
    if tool is not None:
        try:
            subprocess.run(tool, input=text, text=True, timeout=5, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            ways.append(tool[0])
        except (OSError, subprocess.SubprocessError):
            pass
    if not ways:
        return "could not copy: no clipboard here; press v and select the text"
    return "summary copied via " + " and ".join(ways)
