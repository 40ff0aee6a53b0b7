"""Rendering as rich renderables: what people read, kept apart from how it is printed.

Every piece of playbook or user text goes through :func:`recoverycli.text.visible` and
into a ``Text`` object, never a markup string, so ``[red]`` stays literal and control
characters cannot reach the terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise
from typing import IO, TYPE_CHECKING

from rich.console import (
    Console,
    ConsoleOptions,
    ConsoleRenderable,
    Group,
    RenderableType,
    RenderHook,
    RenderResult,
)
from rich.segment import Segment
from rich.text import Text

from .catalog import Catalog
from .playbook import Playbook, Step, fill
from .text import one_line, visible

if TYPE_CHECKING:
    from .coach import Finding


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


def make_console(file: IO[str] | None = None, stderr: bool = False) -> Console:
    """A console that never interprets markup, emoji codes or highlights user text, and
    never writes a control character it was handed as text."""
    console = Console(file=file, stderr=stderr, markup=False, emoji=False, highlight=False,
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

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - self.indent)
        pieces = None if isinstance(self._body, Text) else self._body
        plain = self._body.plain if isinstance(self._body, Text) else \
            "".join(text for text, _ in self._body)
        if "\n" not in plain and len(plain) * 2 <= width:  # fits on one line: no wrapping
            yield Segment(self.lead.rjust(self.indent),
                          console.get_style(self.lead_style) if self.lead_style else None)
            if pieces is None:
                yield from _one_line(console, self.body)
            else:
                for text, style in pieces:
                    yield Segment(text, console.get_style(style) if style else None)
            yield Segment.line()
            return
        for number, line in enumerate(self.body.wrap(console, width, overflow="fold")):
            prefix = self.lead if number == 0 else ""
            line.rstrip()
            yield Text.assemble((prefix.rjust(self.indent), self.lead_style), line)


class _Blank:
    """An empty line, without a ``Text`` to wrap (``show`` draws one per step)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Segment.line()


BLANK = _Blank()


def _labelled(label: str, lines: Iterable[str], bullet: str, style: str = "",
              indent: int = 0) -> list[RenderableType]:
    items = list(lines)
    if not items:
        return []
    return [Hanging(Text(label, style="bold"), indent),
            *(Hanging(literal(line), indent + 4, f"{bullet} ", style) for line in items)]


def step_body(playbook: Playbook, step: Step, values: dict[str, str] | None = None,
              indent: int = 0, keys: bool = False) -> list[RenderableType]:
    """Why, do, say, avoid and branches of one step, shared by the card and the run."""
    values = values or {}
    parts: list[RenderableType] = []

    def line(*pieces: Text | tuple[str, str] | str) -> None:
        parts.append(Hanging(Text.assemble(*pieces), indent))

    if step.why:
        line(("Why: ", "bold"), literal(step.why, "italic"))
    parts += _labelled("Do:", (fill(d, values) for d in step.do), "•", "", indent)
    parts += _labelled("Say:", (f"“{fill(s, values)}”" for s in step.say), "›", "green", indent)
    parts += _labelled("Avoid:", step.avoid, "✗", "red", indent)
    if step.ask:
        line(("Ask: ", "bold"), literal(step.ask.question))
        for choice in step.ask.choices:
            target = playbook.after_choice(step.id, choice)
            parts.append(Hanging(Text.assemble(literal(choice.label), " → ",
                                               _target(playbook, target)), indent + 4, "? "))
    if step.jump:
        line(("Branch (j): " if keys else "Branch: ", "bold"), literal(step.jump.label), " → ",
             _target(playbook, step.jump.to))
    elif step.next:
        line(("Then: ", "bold"), _target(playbook, playbook.after(step.id)))
    if step.cite:
        line(("Source: ", "dim"), literal(step.cite, "dim"))
    return parts


def _target(playbook: Playbook, step_id: str | None) -> Text:
    if step_id is None or step_id == "end":
        return Text("end")
    return literal(f"{playbook.number(step_id)}. {playbook.step(step_id).title}")


def rehearsal_card(playbook: Playbook) -> RenderableType:
    """The whole playbook as numbered steps, for rehearsing before a call."""
    parts: list[RenderableType] = [
        Hanging(Text.assemble(literal(playbook.title, "bold underline"), f"  ({playbook.id})"), 0),
    ]
    if playbook.source:
        src = playbook.source
        parts.append(Hanging(Text.assemble("After ", literal(src.author, "bold"), ", “",
                                           literal(src.title), "”"), 0))
    if playbook.summary:
        parts.append(Hanging(literal(playbook.summary), 0))
    if playbook.fields:
        names = ", ".join(f.id + ("*" if f.required else "") for f in playbook.fields)
        parts.append(Hanging(Text.assemble(("Case fields: ", "bold"), literal(names)), 0))
    for number, step in enumerate(playbook.steps, start=1):
        parts.append(BLANK)
        parts.append(Hanging(literal(step.title, "bold"), 3, f"{number}. ", "bold cyan"))
        parts += step_body(playbook, step, indent=3)
    return Group(*parts)


def catalog_rows(catalog: Catalog) -> list[tuple[str, str, str, int, str]]:
    rows = []
    for pid in sorted(catalog.entries):
        entry = catalog.entries[pid]
        book = entry.playbook
        hidden = ", ".join(s.split(" ", 1)[0] for s in entry.shadows)
        origin = entry.origin + (f" (shadows {hidden})" if hidden else "")
        rows.append((book.id, book.title, book.source.author if book.source else "-",
                     len(book.steps), origin))
    return rows


def print_findings(phrase: str, findings: Sequence[Finding], file: IO[str] | None = None
                   ) -> None:
    """A phrase, a caret line under each flagged span, why, and a better way to say it."""
    from rich.cells import cell_len

    out = file or sys.stdout
    shown = one_line(phrase)
    if not findings:
        out.write(f"ok: {shown}\n")
        return
    out.write(f"{shown}\n")
    for f in findings:
        pad = cell_len(one_line(phrase[:f.start]))
        width = max(1, cell_len(one_line(phrase[f.start:f.end])))
        source = f" ({f.source})" if f.source else ""
        out.write(" " * pad + "^" * width + f" {one_line(f.rule)}\n")
        out.write(visible(f"    why: {f.why}{source}\n"))
        out.write(visible(f"    better: {f.better}\n"))


def print_problems(lines: Iterable[str], file: IO[str] = sys.stderr) -> None:
    """Problems are plain lines (one per problem), spelled safely, for editors and CI."""
    for line in lines:
        file.write(visible(line) + "\n")


def step_screen(playbook: Playbook, step: Step, number: int, total: int,
                values: dict[str, str], notes: Iterable[str], elapsed: float) -> RenderableType:
    """One step of a run: ``Step N of M``, the title, the advice with fields filled in."""
    from rich.rule import Rule

    seconds = int(elapsed)
    parts: list[RenderableType] = [
        Rule(style="dim"),
        Text.assemble((f"Step {number} of {total}", "bold cyan"),
                      (f"   ⏱ {seconds // 60:02d}:{seconds % 60:02d}", "dim")),
        Hanging(literal(step.title, "bold"), 0),
        *step_body(playbook, step, values, keys=True),
    ]
    written = list(notes)
    if written:
        parts += _labelled("Notes:", written, "✎", "magenta")
    return Group(*parts)


def note_line(text: str) -> RenderableType:
    return Hanging(literal(text, "italic"), 4, "✎ ", "magenta")
