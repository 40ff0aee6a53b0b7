"""Rendering as rich renderables: what people read, kept apart from how it is printed.

Every piece of playbook or user text goes through :func:`recoverycli.text.visible` and
into a ``Text`` object, never a markup string, so ``[red]`` stays literal and control
characters cannot reach the terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import pairwise
from typing import IO, TYPE_CHECKING, Any

from rich.cells import cell_len
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

from .playbooks.catalog import Catalog
from .playbooks.model import Playbook, Step, fill
from .text import plural, visible

if TYPE_CHECKING:
    from .playbooks.session import Session
    from .practice.engine import Finding
    from .practice.scenarios import Scenario
    from .practice.scoring import StepResult


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

    def print(self, *objects: Any, **options: Any) -> None:
        if len(objects) == 1 and isinstance(objects[0], Rows) and "crop" not in options:
            options["crop"] = False
        super().print(*objects, **options)


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


def step_body(playbook: Playbook, step: Step, values: dict[str, str] | None = None,
              indent: int = 0, keys: bool = False, plain: bool = False,
              brief: bool = False) -> list[RenderableType]:
    """Why, do, say, avoid and branches of one step, shared by the card and the run.

    ``keys``: the run's screen, which names the keys (``j``, the choices' numbers).
    ``plain``: no symbols a screen reader would spell out, for ``--accessible``.
    ``brief``: without why and the source, for a step too tall for the terminal.
    """
    if not (step.why or step.do or step.say or step.avoid or step.ask or step.jump
            or step.next or step.cite):
        return []  # a title alone (a card of 95,000 such steps is drawn in one go)
    values = values or {}
    parts: list[RenderableType] = []
    arrow = ", then " if plain else " → "

    def bullet(mark: str) -> str:
        return PLAIN_BULLETS.get(mark, mark) if plain else mark

    def line(*pieces: Text | tuple[str, str] | str) -> None:
        parts.append(Hanging(Text.assemble(*pieces), indent))

    if step.why and not brief:
        line(("Why: ", "bold"), literal(step.why, "italic"))
    parts += _labelled("Do:", (fill(d, values, plain) for d in step.do), bullet("•"), "",
                       indent)
    quote = ('"', '"') if plain else ("“", "”")
    parts += _labelled("Say:", (f"{quote[0]}{fill(s, values, plain)}{quote[1]}"
                                for s in step.say), bullet("›"), "green", indent)
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
        parts.append(Hanging(((visible(step.title), "bold"),), 3, f"{number}. ", "bold cyan"))
        parts += step_body(playbook, step, indent=3)
    return Rows(parts)


def catalog_rows(catalog: Catalog) -> list[tuple[str, str, str, int, str]]:
    rows = []
    for pid in sorted(catalog.entries):
        entry = catalog.entries[pid]
        book = entry.playbook
        hidden = ", ".join(s.split(" ", 1)[0] for s in entry.shadows)
        origin = entry.origin + (f" (shadows {hidden})" if hidden else "")
        from .playbooks.authoring import is_skeleton

        author = book.source.author if book.source else None
        title = book.title
        if is_skeleton(book.title, author):
            title = f"[draft] {title}"
        rows.append((book.id, title, author or "-", len(book.steps), origin))
    return rows


def marked_answer(answer: str, findings: Sequence[Finding]) -> Text:
    """The answer with each flagged span shown in place, bold red between ⟦ ⟧."""
    text = Text()
    at = 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < at:
            continue
        text.append(visible(answer[at:f.start]))
        text.append("⟦", style="red")
        text.append(visible(answer[f.start:f.end]), style="bold red")
        text.append("⟧", style="red")
        at = f.end
    text.append(visible(answer[at:]))
    return text


def coach_findings(text: str, findings: Sequence[Finding]) -> RenderableType:
    """The live coach's answer: the line with flagged wording marked, then why and better;
    or a plain all-clear."""
    from rich.console import Group

    if not findings:
        return Hanging(Text.assemble(literal(text), ("  - nothing the sources warn against",
                                                     "green")), 4, "✓ ", "green")
    parts: list[RenderableType] = [Hanging(marked_answer(text, findings), 4, "⚑ ", "red")]
    for f in findings:
        parts.append(Hanging(Text.assemble((f"[{f.rule}] ", "magenta"), literal(f.why)), 6,
                             "- "))
        parts.append(Hanging(Text.assemble(("Better: ", "bold"), literal(f.better)), 8))
    return Group(*parts)


def coach_brief(findings: Sequence[Finding]) -> list[RenderableType]:
    """The live coach's answer when the full one does not fit: a count, then one bullet
    per finding, the flagged words quoted, with the better way and no why."""
    return [Hanging(Text(f"{len(findings)} flagged:", style="bold red"), 4, "⚑ ", "red"),
            *(Hanging(Text.assemble(("“", ""), literal(f.text, "bold"), "” ",
                                    (f"[{f.rule}] ", "magenta"), ("Better: ", "bold"),
                                    literal(f.better)), 6, "- ") for f in findings)]


_LIVE: dict[tuple[int, str | None, bool], Console] = {}


def coach_lines(text: str, findings: Sequence[Finding] | None, width: int, rows: int,
                like: Console, warning: str = "") -> str:
    """The live coach's answer as at most ``rows`` lines of ANSI text ``width`` wide, styled
    as ``like`` would style it and through the text gate: in full when it fits, else one
    bullet per finding, as many as fit, then how many more there are. ``findings`` is None
    while the coach is still loading; ``warning`` (a rules file it could not use) leads.
    Only what can be shown is laid out: a key typed into a long line stays quick."""
    from io import StringIO

    key = (width, like.color_system, like.no_color)
    console = _LIVE.get(key)
    if console is None:
        console = Console(file=StringIO(), width=width, force_terminal=True,
                          color_system=like.color_system,  # type: ignore[arg-type]
                          no_color=like.no_color, markup=False, emoji=False,
                          highlight=False, soft_wrap=False)
        console.push_render_hook(_Gate())
        _LIVE[key] = console

    def lines_of(renderable: RenderableType) -> list[str]:
        with console.capture() as capture:
            console.print(renderable)
        return capture.get().rstrip("\n").split("\n")

    lead: list[str] = []
    if warning:
        lead = lines_of(Hanging(literal(warning, "yellow"), 4, "! ", "yellow"))
        lead = lead[:max(0, min(3, rows - 1))]
        rows -= len(lead)
    if findings is None or not text.strip():
        return "\n".join(lead + lines_of(Text(
            "  Flagged wording shows here as you type." if findings is not None else
            "  Loading the coach...", style="dim"))[:rows])
    if 1 + 2 * len(findings) <= rows:  # the full answer takes two lines a finding at least
        lines = lines_of(coach_findings(text, findings))
        if len(lines) <= rows:
            return "\n".join(lead + lines)
    header, *items = coach_brief(findings)
    lines = lines_of(header)
    for index, item in enumerate(items):
        left = len(items) - index
        piece = lines_of(item)
        if len(lines) + len(piece) <= rows - (left > 1):  # room kept for the count
            lines += piece
            continue
        more = f"  … {left} more flagged (a shorter line shows {'them' if left > 1 else 'it'})"
        lines = [*lines[:max(0, rows - 1)], more[:width]]
        break
    return "\n".join(lead + lines[:rows])


def coach_plain(text: str, findings: Sequence[Finding]) -> list[Text]:
    """The live coach's answer in accessible mode: plain lines, printed once."""
    if not findings:
        return [Text("Nothing the sources warn against.")]
    lines = [Text(f"Flagged {len(findings)}:")]
    for f in findings:
        lines.append(Text.assemble("- ", literal(f"\"{f.text}\" ({f.rule}): {f.why}")))
        lines.append(Text.assemble("  Better: ", literal(f.better)))
    return lines


def coach_header(number: int, total: int, customer: str | None, title: str) -> RenderableType:
    """The step's header over the live coach, which takes the place of its advice."""
    header = Text(f"Step {number} of {total}", style="bold cyan")
    if customer:
        header.append_text(Text.assemble("  ·  ", literal(customer)))
    return Group(header, Hanging(literal(title, "bold"), 0))


def practice_feedback(result: StepResult) -> RenderableType:
    """Per step: the score, each element there or missing (with how to add it), the
    flagged wording shown inside the answer with why and better, then the model answer."""
    from rich.console import Group

    from .practice.elements import ELEMENTS

    style = "green" if result.score >= 80 else "yellow" if result.score >= 50 else "red"
    parts: list[RenderableType] = [Text(f"  Score {result.score}/100", style=f"bold {style}")]
    for name, present in result.elements:
        element = ELEMENTS[name]
        if present:
            parts.append(Hanging(Text(element.label), 6, "✓ ", "green"))
        else:
            parts.append(Hanging(Text.assemble((element.label, ""), (" - ", "dim"),
                                               (element.how, "dim")), 6, "✗ ", "red"))
    if result.findings:
        parts.append(Hanging(Text.assemble(("You said: ", "bold"),
                                           marked_answer(result.answer, result.findings)),
                             6, "⚑ ", "red"))
        for f in result.findings:
            parts.append(Hanging(Text.assemble(("“", ""), literal(f.text, "bold"), "” ",
                                               (f"[{f.rule}] ", "magenta"), literal(f.why)),
                                 8, "- "))
            parts.append(Hanging(Text.assemble(("Better: ", "bold"), literal(f.better)), 10))
    elif result.answer.strip():
        parts.append(Hanging(Text("No wording the sources warn against.", style="dim"), 6,
                             "✓ ", "green"))
    for note in result.notes:
        parts.append(Hanging(literal(note, "yellow"), 6, "! ", "yellow"))
    parts.append(Hanging(Text.assemble(("Model answer: ", "dim"),
                                       literal(f"“{result.best}”", "green")), 6))
    return Group(*parts)


def practice_summary(scenario: Scenario, results: list[StepResult]) -> RenderableType:
    from rich.console import Group

    from .practice.scoring import overall

    parts: list[RenderableType] = [Text.assemble(
        ("Practice: ", "bold"), literal(scenario.title, "bold"),
        (f" - overall {overall(results)}/100", "bold cyan"))]
    for result in results:
        parts.append(Hanging(Text.assemble(literal(result.title),
                                           (f"  {result.score}/100", "cyan")),
                             5, f"{result.number}. "))
        parts.append(Hanging(Text.assemble(("Best: ", "dim"),
                                           literal(f"“{result.best}”", "green")), 7))
    return Group(*parts)


def print_problems(lines: Iterable[str], file: IO[str] = sys.stderr) -> None:
    """Problems are plain lines (one per problem), spelled safely, for editors and CI."""
    for line in lines:
        file.write(visible(line) + "\n")


def step_header(number: int, total: int, values: dict[str, str], elapsed: float = 0.0,
                plain: bool = False) -> Text:
    """``Step N of M`` and the customer (and, plain, the time on the call): the first
    line of the step and of its help alike."""
    header = Text(f"Step {number} of {total}", style="bold cyan")
    customer = values.get("customer")
    between = ", " if plain else "  ·  "
    if customer:
        header.append_text(Text.assemble(between, literal(customer)))
    if plain:
        seconds = int(elapsed)
        header.append(f"{between}{seconds // 60} min {seconds % 60:02d} s on the call")
    return header


def step_screen(playbook: Playbook, step: Step, number: int, total: int,
                values: dict[str, str], notes: Iterable[str], elapsed: float,
                plain: bool = False, brief: bool = False) -> RenderableType:
    """One step of a run: ``Step N of M``, the title, the advice with fields filled in.
    The clock ticks on the status line; ``plain`` (accessible) shows it here, once."""
    parts: list[RenderableType] = [
        step_header(number, total, values, elapsed, plain),
        Hanging(literal(step.title, "bold"), 0),
        *step_body(playbook, step, values, keys=True, plain=plain, brief=brief),
    ]
    written = list(notes)
    if written:
        parts += _labelled("Notes:", written, "-" if plain else "✎", "magenta")
    return Group(*parts)


def help_screen(number: int, total: int, title: str, keys: Sequence[tuple[str, str]],
                plain: bool = False, values: dict[str, str] | None = None) -> RenderableType:
    """The keys, in place of the step: the step's header stays, any key returns."""
    parts: list[RenderableType] = [
        step_header(number, total, values or {}, plain=plain),
        Hanging(literal(title, "bold"), 0),
        Text("Keys:", style="bold"),
        *(Hanging(Text(meaning), 10, f"{key:8}  ", "bold") for key, meaning in keys),
        Text(""),
        Text("Press any key to go back to the step.", style="dim"),
    ]
    return Group(*parts)


def wrap_legend(words: Sequence[str], width: int, plain: bool = False) -> list[str]:
    """The keys, named in words, on as few lines as ``width`` allows (never cut), the
    lines of even length, so no key is left alone on a line of its own."""
    sep = "; " if plain else " · "
    lead = "Keys: " if plain else "› "

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


def note_line(text: str, plain: bool = False) -> RenderableType:
    return Hanging(literal(text, "italic"), 4, "- " if plain else "✎ ", "magenta")


def checklist_renderable(playbook: Playbook, session: Session) -> RenderableType:
    """The checklist at the end of a run: each step's mark, status and time, its notes,
    then the case fields."""
    from .playbooks.session import DONE
    from .run.checklist import MARKS, step_outcomes

    parts: list[RenderableType] = [Text(f"Checklist - {visible(playbook.title)}",
                                        style="bold underline")]
    state = _step_states(session)
    notes = session.notes
    steps = playbook.steps
    append = parts.append
    for number, step_id, status, taken in step_outcomes(playbook, session):
        style, detail = state(step_id, status)
        title = (visible(steps[number - 1].title), "bold" if status == DONE else "")
        row = (title, (f"  ({detail})", "dim"), ("  → ", "cyan"), (visible(taken), "cyan")) \
            if taken else (title, (f"  ({detail})", "dim"))
        append(Hanging(row, 6, f"{MARKS.get(status, '·')} {number}. ", style))
        if step_id in notes:
            for note in notes[step_id]:
                append(Hanging(((visible(note.text), "italic"),), 8, "✎ "))
    if playbook.fields:
        parts.append(Text(""))
        parts.append(Text("Case", style="bold underline"))
        for field in playbook.fields:
            value = session.fields.get(field.id)
            parts.append(Hanging(Text.assemble((visible(f"{field.prompt}: "), "bold"),
                                               literal(value) if value else Text("-", "dim")), 2))
    return Rows(parts)


def compact_checklist(playbook: Playbook, session: Session, width: int,
                      plain: bool = False, rows: int | None = None) -> object:
    """The checklist in one line per step (cut with an ellipsis, never wrapped), so the
    end of a call fits a 24-row screen: marks, times, the branch taken, how many notes.
    Given ``rows`` for the steps, a longer playbook's runs of plainly done steps become
    one line each ("✓ 3-21 done"), and what still does not fit is counted, not shown."""
    from rich.console import Group

    from .playbooks.session import DONE, SKIP
    from .run.checklist import MARKS, step_outcomes

    def row(text: Text) -> Text:
        if plain:  # a screen reader gets every word; the lines may wrap
            return text
        text.no_wrap = True
        text.overflow = "ellipsis"
        text.truncate(max(10, width - 1), overflow="ellipsis")
        return text

    marks = {DONE: "done", SKIP: "skipped", None: "not done"} if plain else MARKS
    parts: list[object] = [row(Text.assemble(("Checklist: ", "bold"), literal(playbook.title,
                                                                              "bold")))]
    state = _step_states(session)
    lines: list[tuple[bool, int, Text]] = []  # (plainly done, number, line)
    for number, step_id, status, taken in step_outcomes(playbook, session):
        step = playbook.steps[number - 1]
        style, detail = state(step_id, status)
        count = len(session.notes.get(step_id, []))
        line = Text.assemble((f"{marks.get(status, '·')} " if not plain else "", style),
                             f"{number}. ", literal(step.title), (f" ({detail})", "dim"))
        if taken:
            line.append_text(Text.assemble((", then " if plain else " → ", "cyan"),
                                           literal(taken, "cyan")))
        if count:
            line.append(f", {plural(count, 'note')}" if plain else
                        f"  ✎{count}", style="magenta")
        lines.append((status == DONE and not taken and not count, number, row(line)))
    parts += _fitted_steps(lines, rows, plain)
    filled = [(f.prompt, session.fields.get(f.id)) for f in playbook.fields]
    if filled and plain:
        parts += [Text.assemble(f"{p}: ", literal(v or "-")) for p, v in filled]
    elif filled:
        parts.append(row(Text.assemble(("Case: ", "bold"), literal(
            "; ".join(f"{p}: {v or '-'}" for p, v in filled)))))
    if session.follow_up:
        parts.append(Text(f"Follow-up: {session.follow_up}"))
    return Group(*parts)  # type: ignore[arg-type]


def _fitted_steps(lines: list[tuple[bool, int, Text]], rows: int | None, plain: bool
                  ) -> list[Text]:
    if plain or rows is None or len(lines) <= rows:
        return [line for _, _, line in lines]
    merged: list[Text] = []
    run: list[tuple[bool, int, Text]] = []

    def close() -> None:
        if len(run) > 1:
            merged.append(Text.assemble(("✓ ", "green"), f"{run[0][1]}-{run[-1][1]}. ",
                                        ("done", "dim"), (f" ({len(run)} steps)", "dim")))
        else:
            merged.extend(line for _, _, line in run)
        run.clear()

    for entry in lines:
        if entry[0]:
            run.append(entry)
        else:
            close()
            merged.append(entry[2])
    close()
    if len(merged) > rows:
        hidden = len(merged) - (rows - 1)
        merged = [*merged[:rows - 1], Text(f"… {plural(hidden, 'more line')} of steps: v "
                                           "shows them all", style="dim")]
    return merged


def _step_states(session: Session) -> Callable[[str, str | None], tuple[str, str]]:
    """For one session: a checklist row's colour and its status words with the time
    taken, given the step's id and status."""
    from .playbooks.session import DONE, SKIP
    from .run.checklist import clock, status_word

    colours = {DONE: "green", SKIP: "yellow"}
    words = {DONE: "done", SKIP: "skipped"}  # as status_word says them
    seconds = session.seconds

    def state(step_id: str, status: str | None) -> tuple[str, str]:
        if status is None:
            return "dim", status_word(session, step_id, status)
        detail = words.get(status) or status_word(session, step_id, status)
        if step_id in seconds:
            detail += f", {clock(seconds[step_id])}"
        return colours.get(status, "dim"), detail

    return state
