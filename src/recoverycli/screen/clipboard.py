"""Copying the ticket summary: OSC 52 (the terminal sets the clipboard; works over SSH
and, with ``set-clipboard on``, in tmux) and the system clipboard tool when one is
installed. Says what it knows: only the tool's exit confirms a copy.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
from typing import IO

from recoverycli.i18n import _

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
    """Copy ``text`` every way available; return one line saying what is known: copied
    with a system tool (its exit says so), sent to the terminal with OSC 52 (which never
    answers, so it cannot be confirmed; tmux's ``set-clipboard`` may swallow it), or not
    copied, with how to fix that."""
    sent = terminal.isatty() and os.environ.get("TERM", "") != "dumb"
    if sent:
        terminal.write(osc52(text))
        terminal.flush()
    tool = system_tool()
    failed = ""
    if tool is not None:
        try:
            subprocess.run(tool, input=text, text=True, timeout=5, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return _("summary copied with {tool}").format(tool=tool[0])
        except (OSError, subprocess.SubprocessError):
            failed = tool[0]
    if sent and os.environ.get("TMUX"):
        return _("sent (OSC 52), cannot confirm: tmux needs 'set-clipboard on'; v shows it")
    if sent:
        return _("sent to the terminal (OSC 52), cannot confirm; v shows it to select")
    if failed:
        return _("not copied: {tool} failed; v shows it to select").format(tool=failed)
    return _("not copied: install xclip, wl-copy or pbcopy; v shows it to select")
