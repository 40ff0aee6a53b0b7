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


PLAIN_BULLETS = {"•": "-", "›": "-", "✗": "-", "✎": "-", "?": "-"}


def step_body(playbook: Playbook, step: Step, values: dict[str, str] | None = None,
              indent: int = 0, keys: bool = False, plain: bool = False,
              brief: bool = False) -> list[RenderableType]:
    """Why, do, say, avoid and branches of one step, shared by the card and the run.

    ``keys``: the run's screen, which names the keys (``j``, the choices' numbers).
    ``plain``: no symbols a screen reader would spell out, for ``--accessible``.
    ``brief``: without why and the source, for a step too tall for the terminal.
    """
    values = values or {}
    parts: list[RenderableType] = []
    arrow = ", then " if plain else " → "

    def bullet(mark: str) -> str:
        return PLAIN_BULLETS.get(mark, mark) if plain else mark

    def line(*pieces: Text | tuple[str, str] | str) -> None:
        parts.append(Hanging(Text.assemble(*pieces), indent))

    if step.why and not brief:
        line(("Why: ", "bold"), literal(step.why, "italic"))
    parts += _labelled("Do:", (fill(d, values) for d in step.do), bullet("•"), "", indent)
    parts += _labelled("Say:", (f"“{fill(s, values)}”" for s in step.say), bullet("›"), "green",
                       indent)
    parts += _labelled("Avoid:", step.avoid, bullet("✗"), "red", indent)
    if step.ask:
        line(("Ask: ", "bold"), literal(step.ask.question))
        for number, choice in enumerate(step.ask.choices, start=1):
            target = playbook.after_choice(step.id, choice)
            lead = f"{number}. " if keys and len(step.ask.choices) <= 9 else bullet("?") + " "
            parts.append(Hanging(Text.assemble(literal(choice.label), arrow,
                                               _target(playbook, target)), indent + 4, lead,
                                 "bold cyan" if keys else ""))
    if step.jump:
        line(("Branch (j): " if keys else "Branch: ", "bold"), literal(step.jump.label), arrow,
             _target(playbook, step.jump.to))
    elif step.next:
        line(("Then: ", "bold"), _target(playbook, playbook.after(step.id)))
    if step.cite and not brief:
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
        from .authoring import is_skeleton

        author = book.source.author if book.source else None
        title = book.title
        if is_skeleton(book.title, author):
            title = f"[draft] {title}"
        rows.append((book.id, title, author or "-", len(book.steps), origin))
    return rows


def _segments(phrase: str, width: int) -> list[tuple[int, int]]:
    """``phrase`` cut into lines of at most ``width`` cells, at spaces (a word longer than
    a line is cut where it must be): (start, end) offsets into ``phrase``. Each character
    is measured once, so a long line (or one of zero-width characters) stays linear."""
    from rich.cells import cell_len

    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(phrase):
        end = start
        used = 0
        last_space = -1
        while end < len(phrase):
            cells = cell_len(one_line(phrase[end]))
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


def print_findings(phrase: str, findings: Sequence[Finding], file: IO[str] | None = None,
                   width: int | None = None) -> None:
    """A phrase, a caret line under each flagged span, why, and a better way to say it.

    Fitted to ``width`` (default: the terminal's): the phrase is wrapped at spaces and
    each caret line sits under the line of the phrase it marks; why and better wrap at
    words."""
    import textwrap

    from rich.cells import cell_len

    from .table import terminal_width

    out = file or sys.stdout
    shown = one_line(phrase)
    if not findings:
        out.write(f"ok: {shown}\n")
        return
    limit = (width or terminal_width() or 10**6) - 1
    spans = _segments(phrase, max(20, limit))

    def explain(f: Finding, lead: str) -> None:
        source = f" ({f.source})" if f.source else ""
        for label, text in ((f"{lead}why", f"{f.why}{source}"), ("better", f.better)):
            for line in textwrap.wrap(f"{label}: {text}", max(20, limit - 4),
                                      break_long_words=False, break_on_hyphens=False,
                                      subsequent_indent="  "):
                out.write(visible(f"    {line}\n"))

    for a, b in spans:
        out.write(one_line(phrase[a:b]).rstrip() + "\n")
        for f in findings:
            if not a <= f.start < b and not (f.start == f.end == b == len(phrase)):
                continue
            pad = cell_len(one_line(phrase[a:f.start]))
            mark = max(1, cell_len(one_line(phrase[f.start:min(f.end, b)]).rstrip()))
            rule = one_line(f.rule)  # a rules file's id: through the gate
            if pad + mark + 1 + cell_len(rule) <= limit:
                out.write(" " * pad + "^" * mark + f" {rule}\n")
            else:  # the name under the marks, where it fits
                out.write(" " * pad + "^" * mark + "\n")
                out.write(" " * max(0, min(pad, limit - cell_len(rule))) + f"{rule}\n")
            if len(spans) == 1:  # one line: each mark with its reason
                explain(f, "")
    if len(spans) > 1:  # a wrapped phrase: the marks stay under it, the reasons follow
        for f in findings:
            explain(f, f"{f.rule}: ")


def print_problems(lines: Iterable[str], file: IO[str] = sys.stderr) -> None:
    """Problems are plain lines (one per problem), spelled safely, for editors and CI."""
    for line in lines:
        file.write(visible(line) + "\n")


def step_screen(playbook: Playbook, step: Step, number: int, total: int,
                values: dict[str, str], notes: Iterable[str], elapsed: float,
                plain: bool = False, brief: bool = False) -> RenderableType:
    """One step of a run: ``Step N of M``, the title, the advice with fields filled in.
    The clock ticks on the status line; ``plain`` (accessible) shows it here, once."""
    seconds = int(elapsed)
    header = Text(f"Step {number} of {total}", style="bold cyan")
    customer = values.get("customer")
    if customer:
        header.append_text(Text.assemble("  ·  ", literal(customer)))
    if plain:
        header.append(f"  ·  {seconds // 60} min {seconds % 60:02d} s on the call")
    parts: list[RenderableType] = [
        header,
        Hanging(literal(step.title, "bold"), 0),
        *step_body(playbook, step, values, keys=True, plain=plain, brief=brief),
    ]
    written = list(notes)
    if written:
        parts += _labelled("Notes:", written, "-" if plain else "✎", "magenta")
    return Group(*parts)


def help_screen(number: int, total: int, title: str, keys: Sequence[tuple[str, str]],
                plain: bool = False) -> RenderableType:
    """The keys, in place of the step: the header stays, any key returns."""
    parts: list[RenderableType] = [
        Text(f"Step {number} of {total}", style="bold cyan"),
        Hanging(literal(title, "bold"), 0),
        Text("Keys:", style="bold"),
        *(Hanging(Text(meaning), 10, f"{key:8}  ", "bold") for key, meaning in keys),
        Text(""),
        Text("Press any key to go back to the step.", style="dim"),
    ]
    return Group(*parts)


def wrap_legend(words: Sequence[str], width: int, plain: bool = False) -> list[str]:
    """The keys, named in words, on as few lines as ``width`` allows (never cut)."""
    sep = "; " if plain else " · "
    lead = "Keys: " if plain else "› "
    lines: list[str] = []
    current = lead
    for word in words:
        piece = word if current == lead or current == "  " else sep + word
        if current not in (lead, "  ") and len(current + piece) > width:
            lines.append(current.rstrip())
            current = "  " + word
        else:
            current += piece
    lines.append(current)
    return lines


def note_line(text: str, plain: bool = False) -> RenderableType:
    return Hanging(literal(text, "italic"), 4, "- " if plain else "✎ ", "magenta")
