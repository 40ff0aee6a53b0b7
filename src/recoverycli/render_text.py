"""Plain-text output of the wording coach, for ``recover check``: no rich, so checking a
phrase stays within its speed budget. Every untrusted string passes ``text``'s gate."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from .text import one_line, visible

if TYPE_CHECKING:
    from .practice.engine import Finding


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(ch) else
               2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def print_findings(phrase: str, findings: Sequence[Finding], file: IO[str] | None = None
                   ) -> None:
    """A phrase, a caret line under each flagged span, why, and a better way to say it."""
    out = file or sys.stdout
    shown = one_line(phrase)
    if not findings:
        out.write(f"ok: {shown}\n")
        return
    out.write(f"{shown}\n")
    for f in findings:
        pad = _width(one_line(phrase[:f.start]))
        width = max(1, _width(one_line(phrase[f.start:f.end])))
        source = f" ({f.source})" if f.source else ""
        out.write(" " * pad + "^" * width + f" {visible(f.rule)}\n")
        out.write(visible(f"    why: {f.why}{source}\n"))
        out.write(visible(f"    better: {f.better}\n"))
