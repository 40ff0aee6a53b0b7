"""The coach and practice as rich renderables: marked answers, findings, the live coach's
lines, a step's feedback and a scenario's summary. Nothing here prints."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import (
    Console,
    Group,
    RenderableType,
)
from rich.text import Text

from recoverycli.i18n import _, ngettext
from recoverycli.text import visible

if TYPE_CHECKING:
    from recoverycli.practice.engine import Finding
    from recoverycli.practice.scenarios import Scenario
    from recoverycli.practice.scoring import StepResult

from recoverycli.render import _LIVE, Hanging, _Gate, literal


def marked_answer(answer: str, findings: Sequence[Finding]) -> Text:
    """The answer with each flagged span shown in place, bold red between ⟦ ⟧; spans that
    overlap share one mark, so every flagged word is inside one ("We apologise" and "We
    apologise for any inconvenience" had shown the second's last words unmarked)."""
    spans: list[list[int]] = []
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if spans and f.start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], f.end)
        else:
            spans.append([f.start, f.end])
    text = Text()
    at = 0
    for start, end in spans:
        text.append(visible(answer[at:start]))
        text.append("⟦", style="red")
        text.append(visible(answer[start:end]), style="bold red")
        text.append("⟧", style="red")
        at = end
    text.append(visible(answer[at:]))
    return text


def coach_findings(text: str, findings: Sequence[Finding]) -> RenderableType:
    """The live coach's answer: the line with flagged wording marked, then why and better;
    or a plain all-clear."""
    from rich.console import Group

    if not findings:
        return Hanging(Text.assemble(literal(text), (_("  - nothing the sources warn against"),
                                                     "green")), 4, "✓ ", "green")
    parts: list[RenderableType] = [Hanging(marked_answer(text, findings), 4, *_lead(findings))]
    said: set[tuple[str, bool]] = set()
    for f in findings:
        if (f.rule, f.unsure) in said:  # the same advice twice fills a small screen
            continue
        said.add((f.rule, f.unsure))
        if f.unsure:  # the coach is not sure: a question, not a verdict
            parts.append(Hanging(Text.assemble((f"[{f.rule}?] ", "yellow"),
                                               literal(f.question)), 6, "? ", "yellow"))
            continue
        parts.append(Hanging(Text.assemble((f"[{f.rule}] ", "magenta"), literal(f.why)), 6,
                             "- "))
        parts.append(Hanging(Text.assemble((_("Better: "), "bold"), literal(f.better)), 8))
    return Group(*parts)


def _lead(findings: Sequence[Finding]) -> tuple[str, str]:
    """The mark before flagged words: ⚑ for a verdict, ? when the coach only asks (a
    question had looked like a verdict: a red team)."""
    return ("? ", "yellow") if all(f.unsure for f in findings) else ("⚑ ", "red")


def coach_brief(findings: Sequence[Finding]) -> list[RenderableType]:
    """The live coach's answer when the full one does not fit: a count, then one bullet
    per finding, the flagged words quoted, with the better way and no why."""
    asked = sum(f.unsure for f in findings)
    count = (_("{count} flagged:").format(count=len(findings)) if not asked else
             _("{count} to ask about:").format(count=asked) if asked == len(findings) else
             _("{count} flagged, {asked} to ask about:").format(
                 count=len(findings) - asked, asked=asked))
    mark, style = _lead(findings)
    return [Hanging(Text(count, style=f"bold {style}"), 4, mark, style),
            *(Hanging(Text.assemble(("“", ""), literal(f.text, "bold"), "” ",
                                    (f"[{f.rule}?] ", "yellow"), literal(f.question)),
                      6, "? ", "yellow")
              if f.unsure else
              Hanging(Text.assemble(("“", ""), literal(f.text, "bold"), "” ",
                                    (f"[{f.rule}] ", "magenta"), (_("Better: "), "bold"),
                                    literal(f.better)), 6, "- ") for f in findings)]


def _cut(text: Text, width: int) -> Text:
    """One line, cut with an ellipsis to fit ``width``."""
    if text.cell_len <= width - 1:
        return text
    text = text.copy()
    text.truncate(width - 2)
    return text.append("…")


def ansi_lines(renderable: RenderableType, width: int, like: Console) -> str:
    """``renderable`` laid out ``width`` wide as ANSI text, styled as ``like`` would style
    it, through the text gate."""
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
    with console.capture() as capture:
        console.print(renderable)
    return capture.get().rstrip("\n")


def coach_lines(text: str, findings: Sequence[Finding] | None, width: int, rows: int,
                like: Console, warning: str = "") -> str:
    """The live coach's answer as at most ``rows`` lines of ANSI text ``width`` wide, styled
    as ``like`` would style it and through the text gate: in full when it fits, else one
    bullet per finding, as many as fit, then how many more there are. ``findings`` is None
    while the coach is still loading; ``warning`` (a rules file it could not use) leads.
    Only what can be shown is laid out: a key typed into a long line stays quick."""
    def lines_of(renderable: RenderableType) -> list[str]:
        return ansi_lines(renderable, width, like).split("\n")

    lead: list[str] = []
    if warning:
        lead = lines_of(Hanging(literal(warning, "yellow"), 4, "! ", "yellow"))
        lead = lead[:max(0, min(3, rows - 1))]
        rows -= len(lead)
    if findings is None or not text.strip():
        return "\n".join(lead + lines_of(Text(
            _("  Flagged wording shows here as you type.") if findings is not None else
            _("  Loading the coach..."), style="dim"))[:rows])
    if 1 + 2 * len(findings) <= rows:  # the full answer takes two lines a finding at least
        lines = lines_of(coach_findings(text, findings))
        if len(lines) <= rows:
            return "\n".join(lead + lines)
    header, *items = coach_brief(findings)
    lines = lines_of(header)
    if len(lines) + sum(len(lines_of(item)) for item in items) > rows:
        # too tight for the better ways (40x12 showed one finding of three): a line each,
        # the words and the category, so every problem is seen
        # (the category first: a long span is what is cut)
        tight = [literal(f"  ? [{f.rule}?] “{f.text}”" if f.unsure else
                         f"  - [{f.rule}] “{f.text}”") for f in findings]
        if len(lines) + len(tight) <= rows:
            return "\n".join(lead + lines + [line for t in tight
                                              for line in lines_of(_cut(t, width))])
    for index, item in enumerate(items):
        left = len(items) - index
        piece = lines_of(item)
        if len(lines) + len(piece) <= rows - (left > 1):  # room kept for the count
            lines += piece
            continue
        more = ngettext("  … {count} more flagged (a shorter line shows it)",
                        "  … {count} more flagged (a shorter line shows them)",
                        left).format(count=left)
        if len(more) > width:  # said whole, or shorter: never cut mid-word
            more = ngettext("  … {count} more", "  … {count} more", left).format(count=left)
        lines = [*lines[:max(0, rows - 1)], more[:width]]
        break
    return "\n".join(lead + lines[:rows])


def coach_plain(text: str, findings: Sequence[Finding]) -> list[Text]:
    """The live coach's answer in accessible mode: plain lines, printed once."""
    if not findings:
        return [Text(_("Nothing the sources warn against."))]
    asked = sum(f.unsure for f in findings)  # a screen reader says the count: a question
    # is no verdict ("Flagged 3:" for two and a question: a red team)
    lines = [Text(_("Flagged {count}:").format(count=len(findings)) if not asked else
                  _("To ask about {count}:").format(count=asked) if asked == len(findings)
                  else _("Flagged {count}, and {asked} to ask about:").format(
                      count=len(findings) - asked, asked=asked))]
    for f in findings:
        if f.unsure:
            lines.append(Text.assemble("- ", literal(f"\"{f.text}\" ({f.rule}?): "
                                                     f"{f.question}")))
            continue
        lines.append(Text.assemble("- ", literal(f"\"{f.text}\" ({f.rule}): {f.why}")))
        lines.append(Text.assemble("  " + _("Better: "), literal(f.better)))
    return lines


def coach_header(number: int, total: int, customer: str | None, title: str) -> RenderableType:
    """The step's header over the live coach, which takes the place of its advice."""
    header = Text(_("Step {number} of {total}").format(number=number, total=total),
                  style="bold cyan")
    if customer:
        header.append_text(Text.assemble("  ·  ", literal(customer)))
    return Group(header, Hanging(literal(title, "bold"), 0))


def practice_feedback(result: StepResult) -> RenderableType:
    """Per step: the score, each element there or missing (with how to add it), the
    flagged wording shown inside the answer with why and better, then the model answer.
    An answer the coach could not read (another language) has its one line instead of a
    score and of elements it could not look for."""
    from rich.console import Group

    from recoverycli.practice.elements import ELEMENTS

    if not result.scored:
        return Group(*(Hanging(literal(note, "yellow"), 6, "! ", "yellow")
                       for note in result.notes),
                     Hanging(Text.assemble((_("Model answer: "), "dim"),
                                           literal(f"“{result.best}”", "green")), 6))
    style = "green" if result.score >= 80 else "yellow" if result.score >= 50 else "red"
    parts: list[RenderableType] = [Text("  " + _("Score {score}/100").format(
        score=result.score), style=f"bold {style}")]
    for name, present in result.elements:
        element = ELEMENTS[name]
        if present:
            parts.append(Hanging(Text(str(element.label)), 6, "✓ ", "green"))
        else:
            parts.append(Hanging(Text.assemble((str(element.label), ""), (" - ", "dim"),
                                               (str(element.how), "dim")), 6, "✗ ", "red"))
    if result.findings:
        parts.append(Hanging(Text.assemble((_("You said: "), "bold"),
                                           marked_answer(result.answer, result.findings)),
                             6, *_lead(result.findings)))
        for f in result.findings:
            if f.unsure:  # a question: it counts neither as a hit nor against you
                parts.append(Hanging(Text.assemble(("“", ""), literal(f.text, "bold"), "” ",
                                                   (f"[{f.rule}?] ", "yellow"),
                                                   literal(f.question)), 8, "? ", "yellow"))
                continue
            parts.append(Hanging(Text.assemble(("“", ""), literal(f.text, "bold"), "” ",
                                               (f"[{f.rule}] ", "magenta"), literal(f.why)),
                                 8, "- "))
            parts.append(Hanging(Text.assemble((_("Better: "), "bold"), literal(f.better)),
                                 10))
    elif result.answer.strip():
        parts.append(Hanging(Text(_("No wording the sources warn against."), style="dim"), 6,
                             "✓ ", "green"))
    for note in result.notes:
        parts.append(Hanging(literal(note, "yellow"), 6, "! ", "yellow"))
    parts.append(Hanging(Text.assemble((_("Model answer: "), "dim"),
                                       literal(f"“{result.best}”", "green")), 6))
    return Group(*parts)


def practice_summary(scenario: Scenario, results: list[StepResult]) -> RenderableType:
    from rich.console import Group

    from recoverycli.practice.scoring import any_scored, overall

    total = (_(" - overall {score}/100").format(score=overall(results))
             if any_scored(results) else _(" - not scored"))
    parts: list[RenderableType] = [Text.assemble(
        (_("Practice: "), "bold"), literal(scenario.title, "bold"), (total, "bold cyan"))]
    for result in results:
        score = (_("{score}/100").format(score=result.score) if result.scored
                 else _("not scored"))
        parts.append(Hanging(Text.assemble(literal(result.title), ("  " + score, "cyan")),
                             5, f"{result.number}. "))
        parts.append(Hanging(Text.assemble((_("Best: "), "dim"),
                                           literal(f"“{result.best}”", "green")), 7))
    return Group(*parts)
