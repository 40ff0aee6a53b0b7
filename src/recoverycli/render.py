"""Rendering as rich renderables: what people read, kept apart from how it is printed.

Every piece of playbook or user text goes through :func:`recoverycli.text.visible` and
into a ``Text`` object, never a markup string, so ``[red]`` stays literal and control
characters cannot reach the terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from .catalog import Catalog
from .playbook import Playbook, Step, fill
from .text import one_line, visible

if TYPE_CHECKING:
    from .coach import Finding


def make_console(file: IO[str] | None = None, stderr: bool = False) -> Console:
    """A console that never interprets markup, emoji codes or highlights user text."""
    return Console(file=file, stderr=stderr, markup=False, emoji=False, highlight=False,
                   soft_wrap=False)


def literal(value: str, style: str = "") -> Text:
    return Text(visible(value), style=style, overflow="fold")


class Hanging:
    """Text indented by ``indent`` columns, its first line led by ``lead`` (a bullet).

    Wrapped lines line up under the first word, and nothing is ever cut: long words fold.
    Cheaper than a table per bullet, which matters for ``show`` on every call.
    """

    def __init__(self, body: Text, indent: int, lead: str = "", lead_style: str = "") -> None:
        self.body = body
        self.indent = indent
        self.lead = lead
        self.lead_style = lead_style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - self.indent)
        for number, line in enumerate(self.body.wrap(console, width, overflow="fold")):
            prefix = self.lead if number == 0 else ""
            line.rstrip()
            yield Text.assemble((prefix.rjust(self.indent), self.lead_style), line)


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
        parts.append(Text(""))
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
    a line is cut where it must be): (start, end) offsets into ``phrase``."""
    from rich.cells import cell_len

    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(phrase):
        end = start
        last_space = -1
        while end < len(phrase) and cell_len(one_line(phrase[start:end + 1])) <= width:
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
            if pad + mark + 1 + len(f.rule) <= limit:
                out.write(" " * pad + "^" * mark + f" {f.rule}\n")
            else:  # the name under the marks, where it fits
                out.write(" " * pad + "^" * mark + "\n")
                out.write(" " * max(0, min(pad, limit - len(f.rule))) + f"{f.rule}\n")
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
