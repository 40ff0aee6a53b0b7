"""Making untrusted text safe to show in a terminal.

Playbooks and users supply titles, names and notes. None of it may act on the terminal:
rich markup is avoided by always building ``rich.text.Text`` objects, and control
characters (ESC, BEL, C1 codes, bidi overrides), which ``Text`` passes through untouched,
are replaced here by a visible ``\\xNN`` spelling.
"""

from __future__ import annotations

import re

# C0 controls except TAB and LF, DEL, C1 controls, and the bidi overrides/isolates that can
# reorder what a reader sees.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _spell(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Return ``text`` with every control character spelled out; tabs become spaces."""
    return _UNSAFE.sub(_spell, text).replace("\t", "    ")


def one_line(text: str) -> str:
    """Like :func:`visible`, with line breaks shown as ``⏎`` so a value stays on one line."""
    return visible(text.replace("\r\n", "\n").replace("\n", " ⏎ "))
