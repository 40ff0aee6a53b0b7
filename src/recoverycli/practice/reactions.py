"""A customer who reacts: a scenario step may give the customer's next line for what the
trainee's answer did. Deterministic and offline - the scenario's author writes the lines,
and the answer's assessment picks one:

- ``flagged``: the coach flagged wording in the answer (the angrier customer of Borg's
  story, where the waitress muttered that they were busy); a question is no flag, here as
  in the score (a trainee met an angry customer over a question, issue 20);
- ``no_apology``: the answer has neither an apology nor ownership of the problem;
- ``good``: every element the step expects is there (the calmer customer of Bell and
  Patterson's story, once the maitre d' apologised).

The first that applies wins; a step without that line shows nothing, and neither does an
answer the coach could not read (another language): it cannot tell what it did.
"""

from __future__ import annotations

from .scenarios import Scenario
from .scoring import StepResult, has_element


def reaction(scenario: Scenario, result: StepResult) -> str | None:
    line = scenario.steps.get(result.step_id)
    if line is None or not line.reacts or not result.answer.strip() or not result.scored:
        return None
    lines = dict(line.reacts)
    if any(not f.unsure for f in result.findings):
        return lines.get("flagged")
    if not (has_element("apology", result.answer) or has_element("ownership", result.answer)):
        return lines.get("no_apology")
    if all(present for _, present in result.elements):
        return lines.get("good")
    return None
