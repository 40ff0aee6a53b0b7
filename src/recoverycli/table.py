"""Plain aligned columns for the listing commands (``list``, ``sessions``, ``history``,
``due``): a rich ``Table`` costs ~45 ms to import and lay out 50 rows, more than the whole
budget of a command an agent runs mid-call; this costs well under a millisecond.

Cells are spelled safely (:func:`recoverycli.text.one_line`) and aligned by display
width, so wide characters line up; nothing is cut (a long line wraps in the terminal).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len

from .text import one_line


def columns(headers: Sequence[str], rows: Iterable[Sequence[object]], gap: int = 2) -> str:
    cells = [[one_line("-" if v is None or v == "" else str(v)) for v in row] for row in rows]
    table = [list(headers), *cells]
    widths = [max(cell_len(row[i]) for row in table) for i in range(len(headers))]
    lines = []
    for row in table:
        padded = [v + " " * (w - cell_len(v)) for v, w in zip(row[:-1], widths, strict=False)]
        lines.append((" " * gap).join([*padded, row[-1]]).rstrip())
    return "\n".join(lines) + "\n"
