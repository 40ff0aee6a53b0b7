"""Role-play practice: the customer speaks, the trainee answers at each step, the coach
scores the answer (flagged wording, and the step's key elements) and shows a model
answer. Assessment is pure; the interactive and scripted drivers only feed it lines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from .coach import ELEMENTS, Coach, Finding, has_element
from .errors import AnswersError
from .playbook import Playbook
from .scenario import Scenario
from .yamldoc import open_document

FINDING_PENALTY = 25
BASE = 20


class StepResult(NamedTuple):
    step_id: str
    number: int
    title: str
    says: str
    answer: str
    score: int
    elements: tuple[tuple[str, bool], ...]
    findings: tuple[Finding, ...]
    best: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "step": self.step_id, "number": self.number, "title": self.title,
            "customer": self.says, "answer": self.answer, "score": self.score,
            "elements": {name: present for name, present in self.elements},
            "findings": [f.as_dict() for f in self.findings], "best": self.best,
        }


def score_answer(answer: str, expect: tuple[str, ...], findings: int) -> tuple[int, tuple[
        tuple[str, bool], ...]]:
    """0-100: a base for answering at all, the rest shared by the expected elements, less
    a penalty per flagged phrase."""
    if not answer.strip():
        return 0, tuple((name, False) for name in expect)
    elements = tuple((name, has_element(name, answer)) for name in expect)
    share = (100 - BASE) * (sum(p for _, p in elements) / len(elements)) if elements \
        else 100 - BASE
    return max(0, min(100, round(BASE + share - FINDING_PENALTY * findings))), elements


def assess(coach: Coach, playbook: Playbook, scenario: Scenario, step_id: str,
           answer: str) -> StepResult:
    line = scenario.steps[step_id]
    findings = tuple(coach.check(answer))
    score, elements = score_answer(answer, line.expect, len(findings))
    return StepResult(step_id, playbook.number(step_id), playbook.step(step_id).title,
                      line.says, answer, score, elements, findings, line.best)


def overall(results: list[StepResult]) -> int:
    return round(sum(r.score for r in results) / len(results)) if results else 0


def read_lines(path: str, steps: int | None = None) -> list[str]:
    """``--answers FILE``: ``{"lines": [one answer per step]}``, YAML or JSON; exactly
    ``steps`` of them when given (a short file would score its missing steps 0 unseen)."""
    root, r = open_document(path, AnswersError)
    top = r.mapping(root, "", {"lines": True}, ["lines"])
    lines: list[str] = []
    if top and "lines" in top and steps is not None:
        count = len(getattr(top["lines"], "value", []) or [])
        if isinstance(top["lines"].value, list) and count != steps:
            r.error(top["lines"], "lines", f"{count} line{'s' if count != 1 else ''} for "
                    f"{steps} steps: give one answer per step, in order (\"\" for a step "
                    "you leave blank)")
    if top and "lines" in top:
        for _, node, where in r.items(top["lines"], "lines"):
            if getattr(node, "value", None) == "" and node.tag.endswith("str"):
                lines.append("")
                continue
            value = r.text(node, where)
            lines.append(value or "")
    r.raise_if_problems(AnswersError)
    return lines


def practise(coach: Coach, playbook: Playbook, scenario: Scenario,
             answer_for: Callable[[int, str], str | None],
             after: Callable[[StepResult], None] = lambda result: None) -> list[StepResult]:
    """Walk the playbook's steps in order; ``answer_for(index, step_id)`` gives the
    trainee's line (None stops early), ``after`` sees each result as it is scored."""
    results = []
    for index, step in enumerate(playbook.steps):
        answer = answer_for(index, step.id)
        if answer is None:
            break
        result = assess(coach, playbook, scenario, step.id, answer)
        results.append(result)
        after(result)
    return results


def as_json(scenario: Scenario, results: list[StepResult]) -> dict[str, Any]:
    return {"score": overall(results), "playbook": scenario.playbook, "scenario": scenario.id,
            "steps": [r.as_dict() for r in results]}


def feedback(result: StepResult) -> Any:
    from rich.console import Group
    from rich.text import Text

    from .render import Hanging, literal

    style = "green" if result.score >= 80 else "yellow" if result.score >= 50 else "red"
    parts: list[Any] = [Text(f"  Score {result.score}/100", style=f"bold {style}")]
    for name, present in result.elements:
        mark, mstyle = ("✓", "green") if present else ("✗", "red")
        parts.append(Hanging(Text(ELEMENTS[name][0]), 6, f"{mark} ", mstyle))
    for finding in result.findings:
        parts.append(Hanging(Text.assemble(("“", ""), literal(finding.text, "bold"), "” ",
                                           (f"[{finding.rule}] ", "magenta"),
                                           literal(finding.why)), 6, "⚑ ", "red"))
        parts.append(Hanging(Text.assemble(("Better: ", "bold"), literal(finding.better)), 6))
    if not result.findings and result.answer.strip():
        parts.append(Hanging(Text("No wording the sources warn against.", style="dim"), 6,
                             "✓ ", "green"))
    return Group(*parts)


def summary(scenario: Scenario, results: list[StepResult]) -> Any:
    from rich.console import Group
    from rich.text import Text

    from .render import Hanging, literal

    parts: list[Any] = [Text.assemble(("Practice: ", "bold"), literal(scenario.title, "bold"),
                                      (f" - overall {overall(results)}/100", "bold cyan"))]
    for result in results:
        parts.append(Hanging(Text.assemble(literal(result.title), (f"  {result.score}/100",
                                                                     "cyan")),
                             5, f"{result.number}. "))
        parts.append(Hanging(Text.assemble(("Best: ", "dim"), literal(f"“{result.best}”",
                                                                       "green")), 7))
    return Group(*parts)
