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
from .text import visible

if TYPE_CHECKING:
    from .practice.engine import Finding
    from .practice.scenarios import Scenario
    from .practice.scoring import StepResult
    from .session import Session


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
        rows.append((book.id, book.title, book.source.author if book.source else "-",
                     len(book.steps), origin))
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


def checklist_renderable(playbook: Playbook, session: Session) -> RenderableType:
    """The checklist at the end of a run: each step's mark, status and time, its notes,
    then the case fields."""
    from rich.console import Group

    from .checklist import MARKS, clock, status_word, step_outcomes
    from .session import DONE, SKIP

    parts: list[RenderableType] = [Text(f"Checklist - {visible(playbook.title)}",
                                        style="bold underline")]
    for number, step_id, status, taken in step_outcomes(playbook, session):
        step = playbook.step(step_id)
        style = {DONE: "green", SKIP: "yellow"}.get(status or "", "dim")
        detail = status_word(session, step_id, status)
        if status is not None and step_id in session.seconds:
            detail += f", {clock(session.seconds[step_id])}"
        row = Text.assemble(literal(step.title, "bold" if status == DONE else ""),
                            (f"  ({detail})", "dim"))
        if taken:
            row.append_text(Text.assemble(("  → ", "cyan"), literal(taken, "cyan")))
        parts.append(Hanging(row, 6, f"{MARKS.get(status, '·')} {number}. ", style))
        for note in session.notes.get(step_id, []):
            parts.append(Hanging(literal(note.text, "italic"), 8, "✎ "))
    if playbook.fields:
        parts.append(Text(""))
        parts.append(Text("Case", style="bold underline"))
        for field in playbook.fields:
            value = session.fields.get(field.id)
            parts.append(Hanging(Text.assemble((f"{field.prompt}: ", "bold"),
                                               literal(value) if value else Text("-", "dim")), 2))
    return Group(*parts)
