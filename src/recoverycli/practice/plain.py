"""Plain-text output of the wording coach, for ``recover check``: no rich, so checking a
phrase stays within its speed budget. Every untrusted string passes ``text``'s gate."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import IO, TYPE_CHECKING

from recoverycli.i18n import _, ngettext, number
from recoverycli.text import one_line, visible

if TYPE_CHECKING:
    from .engine import Finding


MAX_SHOWN = 20  # findings explained per phrase; a pasted wall of text stays readable


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(ch) else
               2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _segments(phrase: str, width: int) -> list[tuple[int, int]]:
    """``phrase`` cut into lines of at most ``width`` cells, at spaces (a word longer than
    a line is cut where it must be): (start, end) offsets into ``phrase``. Each character
    is measured once, so a long line (or one of zero-width characters) stays linear."""

    spans: list[tuple[int, int]] = []
    start = 0
    plain = phrase.isascii() and phrase.isprintable()  # a cell a character: no measuring
    while start < len(phrase):
        if plain:
            end = min(len(phrase), start + width)
            space = phrase.rfind(" ", start + 1, end) if end < len(phrase) else -1
            end = space + 1 if space > start else end
            spans.append((start, end))
            start = end
            continue
        end = start
        used = 0
        last_space = -1
        while end < len(phrase):
            cells = _width(one_line(phrase[end]))
            if used + cells > width:
                break
            used += cells
            if phrase[end] == " ":
                last_space = end
            end += 1
        if end < len(phrase) and last_space > start:
            end = last_space + 1
        end = max(end, start + 1)
        spans.append((start, end))
        start = end
    return spans or [(0, 0)]


@lru_cache(maxsize=256)
def _explained(text: str, width: int) -> str:
    """A why or a better, wrapped at words and indented: the same advice comes back for
    every phrase flagged with its category (200 lines of stdin wrapped it once each)."""
    import textwrap

    return "".join(visible(f"    {line}\n") for line in textwrap.wrap(
        text, width, break_long_words=False, break_on_hyphens=False, subsequent_indent="  "))


def print_findings(phrase: str, findings: Sequence[Finding], file: IO[str] | None = None,
                   width: int | None = None) -> None:
    """A phrase, a caret line under each flagged span, why, and a better way to say it.

    Fitted to ``width`` (default: the terminal's): the phrase is wrapped at spaces and
    each caret line sits under the line of the phrase it marks; why and better wrap at
    words."""
    from recoverycli.table import terminal_width

    out = file or sys.stdout
    shown = one_line(phrase)
    if not findings:
        out.write(_("ok: {phrase}").format(phrase=shown) + "\n")
        return
    limit = (width or terminal_width() or 10**6) - 1
    spans = _segments(phrase, max(20, limit))

    told: set[tuple[str, bool]] = set()  # the same advice twice is said once (a newcomer:
    # two cold-transfer spans printed the same long paragraph twice)

    def explain(f: Finding, lead: str) -> None:
        if (f.rule, f.unsure) in told:
            return
        told.add((f.rule, f.unsure))
        source = f" ({f.source})" if f.source else ""
        said = (((lead + _("ask"), f.question),) if f.unsure else
                ((lead + _("why"), f"{f.why}{source}"), (_("better"), f.better)))
        for label, text in said:
            out.write(_explained(f"{label}: {text}", max(20, limit - 4)))

    more = len(findings) - MAX_SHOWN
    findings = findings[:MAX_SHOWN]
    for a, b in spans:
        out.write(one_line(phrase[a:b]).rstrip() + "\n")
        for f in findings:
            if not a <= f.start < b and not (f.start == f.end == b == len(phrase)):
                continue
            pad = _width(one_line(phrase[a:f.start]))
            mark = max(1, _width(one_line(phrase[f.start:min(f.end, b)]).rstrip()))
            rule = one_line(f.rule) + ("?" if f.unsure else "")  # through the gate
            if pad + mark + 1 + _width(rule) <= limit:
                out.write(" " * pad + "^" * mark + f" {rule}\n")
            else:  # the name under the marks, where it fits
                out.write(" " * pad + "^" * mark + "\n")
                out.write(" " * max(0, min(pad, limit - _width(rule))) + f"{rule}\n")
            if len(spans) == 1:  # one line: each mark with its reason
                explain(f, "")
    if len(spans) > 1:  # a wrapped phrase: the marks stay under it, the reasons follow
        for f in findings:
            explain(f, f"{f.rule}{'?' if f.unsure else ''}: ")
    if more > 0:
        out.write("    " + ngettext("... and {count} more finding in this phrase",
                                     "... and {count} more findings in this phrase",
                                     more).format(count=number(more)) + "\n")
