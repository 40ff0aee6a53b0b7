"""Rendering as rich renderables: what people read, kept apart from how it is printed.

Every piece of playbook or user text goes through :func:`recoverycli.text.visible` and
into a ``Text`` object, never a markup string, so ``[red]`` stays literal and control
characters cannot reach the terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise
from typing import IO, Any

from rich.cells import cell_len
from rich.console import (
    Console,
    ConsoleDimensions,
    ConsoleOptions,
    ConsoleRenderable,
    RenderableType,
    RenderHook,
    RenderResult,
)
from rich.segment import Segment
from rich.text import Text

from .text import visible


class _Gated:
    """A renderable whose text segments pass :func:`visible` (rich's own control and style
    codes are not text segments, and are kept)."""

    def __init__(self, inner: RenderableType) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.inner, options):
            text = segment.text
            if segment.control or text.isprintable():
                yield segment
            else:
                yield Segment(visible(text), segment.style)


class _Gate(RenderHook):
    """The console's side of the one text gate: whatever a command prints through a
    console made here (checklists, step screens, practice, reports) is spelled safely,
    even if a caller forgot to build it with :func:`literal`."""

    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [_Gated(r) for r in renderables]


class _Console(Console):
    """Rich's console, which leaves the cropping of :class:`Rows` to them (they crop each
    line as rich would, but only the lines that need it: checking every line of a
    95,000-step checklist again cost more than drawing it)."""

    line_cap: int | None = None  # the widest a line is drawn, however wide the terminal

    def print(self, *objects: Any, **options: Any) -> None:
        if len(objects) == 1 and isinstance(objects[0], Rows) and "crop" not in options:
            options["crop"] = False
        super().print(*objects, **options)

    @property
    def size(self) -> ConsoleDimensions:
        size = super().size
        if self.line_cap is not None and size.width > self.line_cap:
            return ConsoleDimensions(self.line_cap, size.height)
        return size

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        self._width, self._height = new_size


def measured(console: Console) -> Console:
    """``console``, its lines capped at a readable measure (:data:`text.MEASURE`): a
    200-column terminal gets 100-column lines, not lines running its whole width."""
    from .text import MEASURE

    if isinstance(console, _Console):
        console.line_cap = MEASURE
    return console


def make_console(file: IO[str] | None = None, stderr: bool = False) -> Console:
    """A console that never interprets markup, emoji codes or highlights user text, and
    never writes a control character it was handed as text."""
    console = _Console(file=file, stderr=stderr, markup=False, emoji=False, highlight=False,
                       soft_wrap=False)
    console.push_render_hook(_Gate())
    return console


def literal(value: str, style: str = "") -> Text:
    return Text(visible(value), style=style, overflow="fold")


def _one_line(console: Console, text: Text) -> Iterator[Segment]:
    """The segments of a one-line ``Text`` whose spans do not overlap (``Text.assemble``
    makes such), without ``Text.render``'s general machinery; any other falls back to it."""
    from rich.style import Style

    spans = sorted(text.spans)
    if any(a.end > b.start for a, b in pairwise(spans)):
        yield from text.render(console)
        return
    plain = text.plain
    base = console.get_style(text.style) if text.style else Style.null()

    def style_of(style: str | Style) -> Style:
        return base + (style if isinstance(style, Style) else console.get_style(style))

    position = 0
    for span in spans:
        if span.start > position:
            yield Segment(plain[position:span.start], base)
        if span.end > span.start:
            yield Segment(plain[span.start:span.end], style_of(span.style))
        position = max(position, span.end)
    if position < len(plain):
        yield Segment(plain[position:], base)


class Hanging:
    """Text indented by ``indent`` columns, its first line led by ``lead`` (a bullet).

    Wrapped lines line up under the first word, and nothing is ever cut: long words fold.
    Cheaper than a table per bullet, which matters for ``show`` on every call.
    """

    def __init__(self, body: Text | Sequence[tuple[str, str]], indent: int, lead: str = "",
                 lead_style: str = "") -> None:
        """``body`` is a ``Text``, or (already visible) pieces of text and their styles,
        which cost nothing to draw when they fit on one line (a checklist row)."""
        self._body = body
        self.indent = indent
        self.lead = lead
        self.lead_style = lead_style

    @property
    def body(self) -> Text:
        if not isinstance(self._body, Text):
            self._body = Text.assemble(*self._body)
        return self._body

    @property
    def plain(self) -> str:
        """The body's characters, without styles."""
        if isinstance(self._body, Text):
            return self._body.plain
        return "".join(text for text, _ in self._body)

    def fits(self, width: int, plain: str | None = None) -> bool:
        """Whether it is drawn on one line at ``width`` columns, as is, with no wrapping
        (counting every character as two columns, so wide ones fit too)."""
        plain = self.plain if plain is None else plain
        return "\n" not in plain and len(plain) * 2 <= max(1, width - self.indent)

    def row(self, width: int) -> str | None:
        """The line as drawn when it :meth:`fits` and is no wider than ``width`` (a lead
        may be wider than the indent), without styles; else None."""
        plain = self.plain
        if not self.fits(width, plain):
            return None
        lead = self.lead.rjust(self.indent)
        if 2 * (len(lead) + len(plain)) > width and cell_len(lead + plain) > width:
            return None  # rich crops it
        return lead + plain + "\n"

    def _row_segments(self, console: Console) -> Iterator[Segment]:
        yield Segment(self.lead.rjust(self.indent),
                      console.get_style(self.lead_style) if self.lead_style else None)
        if isinstance(self._body, Text):
            yield from _one_line(console, self._body)
        else:
            for text, style in self._body:
                yield Segment(text, console.get_style(style) if style else None)
        yield Segment.line()

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.fits(options.max_width):  # on one line: no wrapping
            yield from self._row_segments(console)
            return
        width = max(1, options.max_width - self.indent)
        for number, line in enumerate(self.body.wrap(console, width, overflow="fold")):
            prefix = self.lead if number == 0 else ""
            line.rstrip()
            yield Text.assemble((prefix.rjust(self.indent), self.lead_style), line)


class _Blank:
    """An empty line, without a ``Text`` to wrap (``show`` draws one per step)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Segment.line()


BLANK = _Blank()


class Rows:
    """Many rows (``Hanging`` lines, blank lines, any other renderable) drawn in one pass,
    each exactly as it would be drawn alone.

    A row that fits on its line costs a string join: with no colours (a pipe, a file, a
    test's console) a run of such rows goes out as one piece of text; with colours, as its
    styled pieces, without rich's layout machinery. Only a row that must wrap is laid out
    by rich. So a checklist or a card of 95,000 steps draws in time linear in its
    characters, not in rich's per-renderable overhead.
    """

    CHUNK = 64  # rows per piece of text: rich splits each piece at its line breaks

    def __init__(self, parts: Sequence[RenderableType]) -> None:
        self.parts = parts

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        styled = console.color_system is not None
        pending: list[str] = []
        for part in self.parts:
            row = part.row(width) if isinstance(part, Hanging) else None
            if part is BLANK:
                pending.append("\n")
            elif row is not None and not styled:
                pending.append(row)
            else:
                if pending:
                    yield Segment("".join(pending))
                    pending.clear()
                if row is not None and isinstance(part, Hanging):
                    yield from part._row_segments(console)
                else:  # laid out, and cropped, as rich would
                    for line in Segment.split_and_crop_lines(console.render(part, options),
                                                             width, pad=False):
                        yield from line
                continue
            if len(pending) >= self.CHUNK:
                yield Segment("".join(pending))
                pending.clear()
        if pending:
            yield Segment("".join(pending))


def _labelled(label: str, lines: Iterable[str], bullet: str, style: str = "",
              indent: int = 0) -> list[RenderableType]:
    items = list(lines)
    if not items:
        return []
    return [Hanging(Text(label, style="bold"), indent),
            *(Hanging(literal(line), indent + 4, f"{bullet} ", style) for line in items)]


PLAIN_BULLETS = {"•": "-", "›": "-", "✗": "-", "✎": "-", "?": "-"}


_LIVE: dict[tuple[int, str | None, bool], Console] = {}


def print_problems(lines: Iterable[str], file: IO[str] = sys.stderr) -> None:
    """Problems are plain lines (one per problem), spelled safely, for editors and CI."""
    for line in lines:
        file.write(visible(line) + "\n")


def wrap_legend(words: Sequence[str], width: int, plain: bool = False) -> list[str]:
    """The keys, named in words, on as few lines as ``width`` allows (never cut), the
    lines of even length, so no key is left alone on a line of its own."""
    from .i18n import _

    sep = "; " if plain else " · "
    lead = _("Keys: ") if plain else "› "

    def wrapped(limit: int) -> list[str]:
        lines: list[str] = []
        current = lead
        for word in words:
            piece = word if current == lead or current == "  " else sep + word
            if current not in (lead, "  ") and len(current + piece) > limit:
                lines.append(current.rstrip())
                current = "  " + word
            else:
                current += piece
        lines.append(current)
        return lines

    fewest = wrapped(width)
    if len(fewest) == 1:
        return fewest
    shortest = len(lead + sep.join(words)) // len(fewest)
    for limit in range(shortest, width):  # the narrowest that needs no more lines
        even = wrapped(limit)
        if len(even) == len(fewest):
            return even
    return fewest


