"""The report as people read it: rich tables for the terminal, Markdown, JSON and HTML
(:mod:`.html`). The numbers come shaped from :mod:`.model`."""

from __future__ import annotations

import re
from typing import Any

from recoverycli.report.model import (
    FORMATS,
    NUMBER,
    TERMINAL_ROWS,
    _bar,
    empty_sentence,
    footnote,
    headline,
    left_out_words,
    practice_sections,
    scope_lines,
    sections,
    shortened,
    title,
)


class Chart:
    """A table with a bar for each row, laid out for the width it is given: the bars take
    the room the numbers leave (24 cells at most, on one scale) and are left out below
    :data:`MIN_BAR` cells, so a narrow terminal wraps no number for a bar's sake."""

    BAR = 24
    MIN_BAR = 6

    def __init__(self, name: str, headers: list[str], rows: list[list[str]],
                 bars: list[float], top: float) -> None:
        self.name, self.headers, self.rows, self.bars, self.top = name, headers, rows, bars, top

    def _table(self, bar: int) -> Any:
        from rich.table import Table
        from rich.text import Text

        from recoverycli.render import literal

        t = Table(title=self.name, title_justify="left", title_style="bold", box=None,
                  pad_edge=False)
        for header in self.headers:
            t.add_column(header, overflow="fold")
        if bar:
            t.add_column("", width=bar, no_wrap=True)
        for i, row in enumerate(self.rows):
            cells = [literal(c) for c in row]
            if bar:
                cells.append(Text(_bar(self.bars[i], self.top, bar), style="cyan"))
            t.add_row(*cells)
        return t

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement

        bar = 0
        if self.bars:
            natural = Measurement.get(console, options, self._table(0)).maximum
            bar = min(self.BAR, options.max_width - natural - 2)
            bar = bar if bar >= self.MIN_BAR else 0
        yield self._table(bar)


def render_text(data: dict[str, Any]) -> Any:
    """Rich tables with bar charts, for the terminal. A table longer than
    :data:`TERMINAL_ROWS` rows (a playbook of 2,000 steps) shows the rows with the
    largest bars and says where the others are: rich lays out a table in time that grows
    with every row. The weeks stay a whole time line."""
    from rich.console import Group
    from rich.text import Text

    from recoverycli.render import literal

    parts: list[Any] = [literal(title(data), "bold")]
    for label, value in scope_lines(data):
        parts.append(Text.assemble((f"{label}: ", "dim"), literal(value)))
    parts.append(Text(""))
    if not data["sessions"]:
        parts.append(literal(empty_sentence(data)))
        for _key, name, headers, rows, bars in practice_sections(data):
            parts.append(Chart(name, headers, rows, bars, max(bars or [0])))
        return Group(*parts)
    parts.append(literal(headline(data), "bold"))
    for key, name, headers, rows, bars in sections(data):
        if not rows:
            continue
        shown = list(range(len(rows))) if key == "weeks" else \
            shortened(len(rows), bars, TERMINAL_ROWS)
        parts.append(Chart(name, headers, [rows[i] for i in shown],
                           [bars[i] for i in shown] if bars else [], max(bars or [0])))
        if len(shown) < len(rows):
            parts.append(Text(left_out_words(key, len(shown), len(rows), bool(bars)),
                              style="dim"))
    parts += [Text(""), Text(footnote(), style="dim")]
    return Group(*parts)


def render_md(data: dict[str, Any]) -> str:
    def esc(value: object) -> str:
        from recoverycli.text import one_line

        return re.sub(r"([\\`*_\[\]<>#|~])", r"\\\1", one_line(str(value)))

    out = [f"# {esc(title(data))}", ""]
    out += [f"- **{label}:** {esc(value)}" for label, value in scope_lines(data)]
    out.append("")
    if not data["sessions"]:
        out += [esc(empty_sentence(data)), ""]
    else:
        out += [esc(headline(data)), ""]
    for _key, name, headers, rows, _bars in sections(data) if data["sessions"] else \
            practice_sections(data):
        if not rows:
            continue
        numeric = [all(re.fullmatch(NUMBER, r[i]) for r in rows) for i in range(len(headers))]
        out += [f"## {esc(name)}", "", "| " + " | ".join(esc(h) for h in headers) + " |",
                "| " + " | ".join("---:" if n else "---" for n in numeric) + " |"]
        out += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
        out.append("")
    out += [esc(footnote()), ""]
    return "\n".join(out)


def render(fmt: str, data: dict[str, Any]) -> str | Any:
    if fmt == "json":
        from recoverycli.text import dumps

        if not data["sessions"]:
            data = {**data, "message": empty_sentence(data)}
        return dumps(data, indent=2) + "\n"
    if fmt == "md":
        return render_md(data)
    if fmt == "html":
        from recoverycli.report.html import render_html

        return render_html(data)
    if fmt == "text":
        return render_text(data)
    from recoverycli.errors import UsageError
    from recoverycli.i18n import _

    raise UsageError(_("unknown format '{format}' (formats: {formats})").format(
        format=fmt, formats=", ".join(FORMATS)))
