"""Plain aligned columns for the listing commands (``list``, ``sessions``, ``history``,
``due``, ``progress``): a rich ``Table`` costs ~45 ms to import and lay out 50 rows, more
than the whole budget of a command an agent runs mid-call; this costs well under a
millisecond.

Cells are spelled safely (:func:`recoverycli.text.one_line`) and aligned by display
width, so wide characters line up. Rows never wrap: when the terminal is narrower than
the table, the widest columns shrink and their cells end in an ellipsis (at a word
boundary where one is near). Output taller than the screen goes through the user's
pager, as git does.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime

from .text import one_line

MIN_COLUMN = 6


def terminal_width() -> int | None:
    """The width to fit: the terminal's, or COLUMNS; None when writing to a file or pipe
    with no COLUMNS (scripts get whole cells)."""
    env = os.environ.get("COLUMNS", "").strip()
    if env.isascii() and env.isdigit() and len(env) <= 5 and int(env) > 0:  # not "²", 10**99
        return int(env)
    if sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size().columns
    return None



def cell_len(value: str) -> int:
    """Cells a string takes on a terminal: its length when it is plain ASCII printable
    text (most cells: ids, dates, English words), rich's table for the rest."""
    if value.isascii() and value.isprintable():
        return len(value)
    from rich.cells import cell_len as rich_cell_len  # (only then: `check` needs none)

    return rich_cell_len(value)


def cut(value: str, width: int) -> str:
    """``value`` in at most ``width`` cells, ending in "…" when cut, at a word boundary
    when one is in the last third."""
    if cell_len(value) <= width:
        return value
    if width <= 1:
        return "…"[:width]
    from rich.cells import set_cell_size

    head = set_cell_size(value, width - 1).rstrip()
    space = head.rfind(" ")
    if space >= (width * 2) // 3:
        head = head[:space].rstrip()
    return head + "…"


def fit(widths: list[int], headers: Sequence[str], limit: int, gap: int,
        flexible: Sequence[int] | None = None, keep: Sequence[int] = (),
        last_resort: bool = True) -> list[int]:
    """Shrink the widest columns, one cell at a time, until the row fits ``limit``: the
    ``flexible`` ones (free text: names, titles) first, the others only if that is not
    enough; the ``keep`` ones (ids, dates: short and read whole) only as a ``last_resort``."""
    widths = list(widths)
    least = [max(MIN_COLUMN, cell_len(h)) for h in headers]
    kept = [widths[i] if i in keep else least[i] for i in range(len(widths))]
    stages = [[kept[i] if flexible is None or i in flexible else widths[i]
               for i in range(len(widths))], kept] + ([least] if last_resort else [])
    for floor in stages:
        while sum(widths) + gap * (len(widths) - 1) > limit:
            candidates = [i for i, w in enumerate(widths) if w > floor[i]]
            if not candidates:
                break
            widest = max(candidates, key=lambda i: widths[i])
            widths[widest] -= 1
    return widths


PIPED_PAD = 60  # piped with no COLUMNS: cells stay whole, columns pad to at most this


def columns(headers: Sequence[str], rows: Iterable[Sequence[object]], gap: int = 2,
            width: int | None = None, flexible: Sequence[str] | None = None,
            keep: Sequence[str] = (), optional: Sequence[str] = ()) -> str:
    """The rows under their headers, fitted to ``width`` (default: the terminal's):
    ``flexible`` names the columns to shrink first, ``keep`` those never cut (ids and
    dates), ``optional`` those left out, in that order, before a kept one would be cut."""
    headers = list(headers)
    cells, sizes = [], []
    for row in rows:  # a due list can be 3,000 rows: a plain row is measured by len()
        values = ["-" if v is None or v == "" else str(v) for v in row]
        joined = "".join(values)
        if joined.isascii() and joined.isprintable():
            sizes.append([len(v) for v in values])
        else:
            values = [one_line(v) for v in values]
            sizes.append([cell_len(v) for v in values])
        cells.append(values)
    head_sizes = [cell_len(h) for h in headers]
    limit = width if width is not None else terminal_width()
    while True:
        table = [headers, *cells]
        measured = [head_sizes, *sizes]
        widths = [max(row[i] for row in measured) for i in range(len(headers))]
        if limit is None:  # whole cells for scripts, but one huge cell pads no other row
            widths = [min(w, PIPED_PAD) for w in widths]
            break
        shrink = None if flexible is None else [headers.index(h) for h in flexible
                                                if h in headers]
        kept = [headers.index(h) for h in keep if h in headers]
        fitted = fit(widths, headers, limit - 1, gap, shrink, kept, last_resort=False)
        fits = sum(fitted) + gap * (len(fitted) - 1) <= limit - 1
        drop = next((h for h in optional if h in headers), None)
        if fits or drop is None:
            widths = fitted if fits else fit(widths, headers, limit - 1, gap, shrink, kept)
            break
        gone = headers.index(drop)
        headers = headers[:gone] + headers[gone + 1:]
        head_sizes = head_sizes[:gone] + head_sizes[gone + 1:]
        cells = [row[:gone] + row[gone + 1:] for row in cells]
        sizes = [row[:gone] + row[gone + 1:] for row in sizes]
    lines = []
    spacer = " " * gap
    last_at = len(widths) - 1
    for row, size in zip(table, measured, strict=True):  # (each cell measured once)
        out = []
        for v, n, w in zip(row[:-1], size, widths, strict=False):
            if n > w and limit is not None:
                v = cut(v, w)
                n = cell_len(v)
            out.append(v + " " * (w - n))
        last = row[-1] if limit is None or size[-1] <= widths[last_at] else cut(
            row[-1], widths[last_at])
        lines.append(spacer.join([*out, last]).rstrip())
    return "\n".join(lines) + "\n"


def local_zone() -> str:
    """The local time zone's abbreviation now ("NZDT"), for a column header."""
    return datetime.now().astimezone().strftime("%Z")


def short_time(stamp: object, zone: str | None = None) -> str:
    """An ISO time (``2026-11-25T18:42:06.993Z``) in the local time zone, short:
    ``Nov 25 14:03``, with the year when it is not this one. Given the ``zone`` a column
    header names, a time in another (the other side of a daylight-saving change) ends
    with its own abbreviation: ``Jul 02 09:15 NZST``."""
    if not isinstance(stamp, str) or not stamp:
        return "-"
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return stamp
    day = _day_first(when)
    if day is not None:  # another language: "25 nov 14:03", as its readers write it
        if when.year != datetime.now().astimezone().year:
            return f"{day} {when.year}"
        other = f" {when.strftime('%Z')}" if zone is not None and when.strftime("%Z") != zone \
            else ""
        return f"{day} {when.strftime('%H:%M')}{other}"
    if when.year != datetime.now().astimezone().year:
        return when.strftime("%b %d %Y")
    if zone is not None and when.strftime("%Z") != zone:
        return when.strftime("%b %d %H:%M %Z")
    return when.strftime("%b %d %H:%M")


def short_day(value: object) -> str:
    """A follow-up as stored (``2026-11-26`` or ``2026-11-26 14:30``, local) as the short
    times read, with its weekday: ``Thu Nov 26 14:30``, with the year when it is not this
    one."""
    if not isinstance(value, str) or not value:
        return "-"
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return value
    first = _day_first(when, weekday=True)
    if first is not None:
        day = first if when.year == datetime.now().year else f"{first} {when.year}"
    else:
        day = when.strftime("%a %b %d") if when.year == datetime.now().year else \
            when.strftime("%a %b %d %Y")
    return f"{day} {value[11:16]}" if len(value) > 10 else day


def _day_first(when: datetime, weekday: bool = False) -> str | None:
    """``25 nov`` (``mié 25 nov``) in a language other than English; None in English,
    whose short form stays ``Nov 25``."""
    from recoverycli.i18n import language
    from recoverycli.when import MONTHS, WEEKDAYS

    lang = language()
    if lang == "en" or lang not in MONTHS:
        return None
    words = f"{when.day} {MONTHS[lang][when.month - 1]}"
    return f"{WEEKDAYS[lang][when.weekday()]} {words}" if weekday else words


def page(text: str) -> None:
    """Write ``text`` to stdout, through ``$PAGER`` (default ``less -FRX``) when stdout is
    a terminal and the text is taller than it."""
    if sys.stdout.isatty():
        import shutil

        rows = shutil.get_terminal_size().lines
        pager = os.environ.get("PAGER", "less -FRX")
        if text.count("\n") >= rows - 1 and pager.strip() and pager.strip() != "cat":
            import shlex
            import subprocess

            try:
                subprocess.run(shlex.split(pager), input=text, text=True, check=False)
                return
            except (OSError, ValueError):
                pass  # no such pager: print as it is
    sys.stdout.write(text)
