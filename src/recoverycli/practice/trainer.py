"""The trainee's side: role-play and quiz sessions in the terminal or from an answers
file, saved as attempts, and progress over time. Terminal I/O comes in as a console and
a prompter factory, as in the guided run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.console import Console, RenderableType
from rich.text import Text

from recoverycli.i18n import _, ngettext
from recoverycli.practice.render import practice_feedback, practice_summary
from recoverycli.render import Hanging, literal

from . import scoring as pr
from .engine import Coach
from .quiz import ORDER, Question, chosen, mark
from .reactions import reaction
from .scenarios import Scenario

# Lines the next step takes under a step's feedback (its header, the customer's line, the
# prompt): more than the terminal has, and the feedback waits for Enter before going on.
ROOM_AFTER = 6

if TYPE_CHECKING:
    from recoverycli.playbooks.model import Playbook
    from recoverycli.screen.prompts import Prompter
    from recoverycli.storage.store import Store


class Trainer:
    def __init__(self, console: Console, store: Store | None,
                 prompter: Callable[[], Prompter] | None = None) -> None:
        self.console = console
        self.store = store
        self._prompter = prompter  # called only when an answer is to be typed

    @property
    def prompter(self) -> Prompter:
        assert self._prompter is not None
        return self._prompter()

    # role-play -------------------------------------------------------------------------

    def practise(self, coach: Coach, playbook: Playbook, scenario: Scenario,
                 lines: list[str] | None, as_json: bool, lang: str | None = None) -> int:
        """Play ``scenario``: its text and the playbook's in ``lang`` (default: the
        interface's) where they have it; the coach scores against the English."""
        from recoverycli.i18n import language
        from recoverycli.playbooks.translations import translated

        from .scenarios import localised

        show = not as_json
        playbook = scenario.walked(playbook)  # a hand-off: strategy 3, then straight to 7
        lang = lang or language()
        seen = localised(scenario, lang)  # what the trainee reads
        seen_book, _fell_back = translated(playbook, lang)
        if show:
            self.console.print(Text.assemble((_("Role-play: "), "bold"),
                                             literal(seen.title, "bold")))
            self.console.print(Hanging(literal(seen.situation, "italic"), 2))
            for label, text in ((_("From the source: "), seen.from_source),
                                (_("Our invention: "), seen.invented)):
                if text:
                    self.console.print(Hanging(Text.assemble((label, "dim bold"),
                                                             literal(text, "dim")), 2))
        total = len(playbook.steps)

        def answer_for(index: int, step_id: str) -> str | None:
            if show:
                self.console.print()
                head = _("Step {number} of {total}").format(number=index + 1, total=total)
                self.console.print(Text.assemble((head, "bold cyan"), "  ",
                                                 literal(seen_book.step(step_id).title, "bold")))
                self._customer_says(seen, seen.steps[step_id].says)
            if lines is not None:
                return lines[index] if index < len(lines) else ""
            said = self.prompter.text(_("You:"), default=typed.pop() if typed else "",
                                      mark="›")
            if said is not None and not said.strip():  # said once, then asked again
                self.console.print(Text(_("An empty answer scores 0. Type what you would say "
                                          "to the customer (Enter again to leave it blank)."),
                                        style="yellow"))
                said = self.prompter.text(_("You:"), mark="›")
            return said or ""

        typed: list[str] = []  # typed while the feedback waited: the next answer's start

        def after(result: pr.StepResult) -> None:
            if not show:
                return
            height = self._feedback(seen, seen_book, result)
            # what comes next (the next step, or the summary) would push the feedback off
            # a short terminal before it is read (80x24: a trainee): it waits for Enter. The
            # summary after the last step (two or three lines a step) always would: a
            # newcomer had to scroll back to read why the last step scored 30.
            last = result.step_id == playbook.steps[-1].id
            if lines is not None or (not last and height + ROOM_AFTER
                                     <= self.console.size.height):
                return
            if last:
                self.prompter.key({"enter": "next"}, _("Enter: see your score"))
            elif self.prompter.key({"enter": "next", "type": "type"}, _(
                    "Enter: go on · or start typing your next answer")) == "type":
                typed[:] = [self.prompter.typed]

        results = pr.practise(coach, playbook, scenario, answer_for, after)
        score = pr.overall(results)
        detail = pr.as_json(scenario, results)
        for step, result in zip(detail["steps"], results, strict=True):
            step["reaction"] = reaction(scenario, result)
        saved = self.store is not None and pr.any_scored(results)
        if saved and self.store is not None:  # nothing scored: no number to record
            self.store.save_attempt("practice", playbook.id, scenario.id, score,
                                    [(r.step_id, r.title, r.score) for r in results
                                     if r.scored], detail)
        if as_json:
            from recoverycli.text import dumps

            print(dumps(detail, indent=2))
        else:
            self.console.print()
            self.console.print(practice_summary(seen, [self._seen(seen, seen_book, r)
                                                       for r in results]))
            if self.store is not None and not saved and results:
                self.console.print(Text(_("The coach could not read any answer, so this "
                                          "attempt was not recorded."), style="yellow"))
            if lines is None and results:
                self._retry_weakest(coach, playbook, scenario, results, seen, seen_book)
            self.console.print(Text(_("Your attempts over time: recover progress"), style="dim"))
        return 0

    @staticmethod
    def _seen(seen: Scenario, book: Playbook, result: pr.StepResult) -> pr.StepResult:
        """A result as the trainee reads it: the step's title, the customer's line and the
        model answer in their language (the scores are the English's)."""
        line = seen.steps[result.step_id]
        return result._replace(title=book.step(result.step_id).title, says=line.says,
                               best=line.best)

    def _customer_says(self, seen: Scenario, line: str) -> None:
        """The customer's line in quotes; a lead-in note ("(From the source)") before them,
        and a line already quoted in the source's words not quoted twice (a newcomer saw
        “(From the source) "We have a busy day..."”)."""
        import re

        lead = re.match(r"(\([^()]{1,60}\))\s+(.+)", line, re.S)
        note, said = (lead.group(1) + " ", lead.group(2)) if lead else ("", line)
        if not (said[:1] in "\"“«" and said[-1:] in "\"”»"):
            said = f"“{said}”"
        self.console.print(Hanging(Text.assemble(
            (f"{seen.customer}: ", "bold"), literal(note, "dim"), literal(said)), 2))

    def _feedback(self, seen: Scenario, book: Playbook, result: pr.StepResult) -> int:
        """A step's feedback, then the customer's reaction to it (in the trainee's
        language): the lines it took."""
        shown: list[RenderableType] = [practice_feedback(self._seen(seen, book, result))]
        said = reaction(seen, result)
        if said:
            shown.append(Hanging(Text.assemble(
                (_("{customer} reacts: ").format(customer=seen.customer), "bold"),
                literal(f"“{said}”")), 2))
        for renderable in shown:
            self.console.print(renderable)
        return sum(len(self.console.render_lines(r, pad=False)) for r in shown)

    def _retry_weakest(self, coach: Coach, playbook: Playbook, scenario: Scenario,
                       results: list[pr.StepResult], seen: Scenario, book: Playbook) -> None:
        """``r`` after a scenario: the weakest step again, as often as wanted, without
        redoing the scenario (the attempt above is what is recorded). A step the coach
        could not read is not offered: it has no score to better."""
        while True:
            scored = [r for r in results if r.scored]
            if not scored:
                return
            weakest = min(scored, key=lambda r: r.score)
            if weakest.score >= 100:
                return
            self.console.print(Text(_(
                "r + Enter: retry your weakest step (step {number}, {title}, {score}/100); "
                "Enter: finish").format(number=weakest.number,
                                        title=book.step(weakest.step_id).title,
                                        score=weakest.score), style="cyan"))
            if (self.prompter.text(_("Retry?"), mark="?") or "").strip().lower() != "r":
                return
            self._customer_says(seen, seen.steps[weakest.step_id].says)
            said = self.prompter.text(_("You:"), mark="›") or ""
            again = pr.assess(coach, playbook, scenario, weakest.step_id, said,
                              [r.answer for r in results if r is not weakest])
            self._feedback(seen, book, again)
            if again.scored:
                self.console.print(Text(_(
                    "Step {number}: {before} before, {now} now (practice only; the attempt "
                    "is recorded as first played).").format(
                        number=weakest.number, before=weakest.score, now=again.score),
                    style="bold"))
                results = [again if r is weakest else r for r in results]

    # spot the mistakes -----------------------------------------------------------------

    def spot(self, lines: list[str] | None, as_json: bool) -> int:
        from .spot import MISTAKES, STORY, spot

        if not as_json:
            self.console.print(Text.assemble((_("Spot the mistakes: "), "bold"),
                                             (str(STORY.title), "bold")))
            self.console.print(Hanging(literal(str(STORY.text), "italic"), 2))
            self.console.print(Hanging(literal(_("After {source}.").format(source=STORY.source),
                                               "dim"), 2))
            self.console.print(Text(_("What went wrong? One mistake per line; an empty line "
                                      "when you are done."), style="cyan"))
        if lines is None:
            lines = []
            while len(lines) < 8:
                said = self.prompter.text(_("Mistake:"), mark="›")
                if not said or not said.strip():
                    break
                lines.append(said)
        result = spot(lines)
        detail = result.as_dict(lines)
        if self.store is not None:
            self.store.save_attempt("practice", "hyken", "spot-the-mistakes", result.score,
                                    [], detail)
        if as_json:
            from recoverycli.text import dumps

            print(dumps(detail, indent=2))
            return 0
        self.console.print()
        for mistake in MISTAKES:
            ok = result.found[mistake.id]
            self.console.print(Hanging(Text.assemble(
                (_("Found: ") if ok else _("Missed: "), "bold green" if ok else "bold red"),
                literal(str(mistake.what))), 4, "✓ " if ok else "✗ ", "green" if ok else "red"))
            self.console.print(Hanging(Text.assemble((_("the playbook would have: "), "dim"),
                                                     literal(str(mistake.playbook_would))), 6))
        found = sum(result.found.values())
        self.console.print()
        self.console.print(Text(ngettext("Spotted {found} of {count} mistake ({score}/100)",
                                         "Spotted {found} of {count} mistakes ({score}/100)",
                                         len(MISTAKES)).format(
            found=found, count=len(MISTAKES), score=result.score), style="bold"))
        self.console.print(Text(_("Your attempts over time: recover progress"), style="dim"))
        return 0

    # quiz ------------------------------------------------------------------------------

    def quiz(self, questions: list[Question], answers: list[str] | None, as_json: bool,
             playbook: str | None) -> int:
        import string

        given_all: list[str] = []
        results: list[bool] = []
        credits: list[float] = []
        for number, question in enumerate(questions, start=1):
            if not as_json:
                self.console.print()
                self.console.print(Text.assemble((_("Question {number} of {total}").format(
                    number=number, total=len(questions)) + "  ", "bold cyan"),
                    literal(question.prompt)))
            if answers is not None:
                given = answers[number - 1] if number - 1 < len(answers) else ""
                if not as_json:  # labelled as the interactive quiz labels them
                    labels = (string.ascii_lowercase if question.kind == ORDER
                              else [str(n) for n in range(1, len(question.options) + 1)])
                    for label, option in zip(labels, question.options, strict=False):
                        self.console.print(Hanging(literal(option), 6, f"{label}) "))
                    if question.kind != ORDER and chosen(question, given) is None:
                        self.console.print(Hanging(literal(
                            _("'{given}' is not one of the choices (1-{last}, a letter or "
                              "the text)").format(given=given, last=len(question.options))),
                            4, "? "), style="yellow")
            elif question.kind == ORDER:
                for letter, option in zip(string.ascii_lowercase, question.options,
                                          strict=False):
                    self.console.print(Hanging(literal(option), 6, f"{letter}) "))
                given = self.prompter.text(_("Order:"), mark="?") or ""
            else:
                picked = self.prompter.choose(_("Your answer"), list(question.options))
                given = "" if picked is None else str(picked + 1)
            marked = mark(question, given)
            right = marked.credit == 1.0
            given_all.append(given)
            results.append(right)
            credits.append(marked.credit)
            if not as_json:
                if right:
                    self.console.print(Text("  ✓ " + _("Right"), style="bold green"))
                else:
                    shown = question.answer
                    if question.kind == ORDER:
                        shown = " → ".join(question.options[string.ascii_lowercase.index(c)]
                                           for c in question.answer)
                    head = ("✗ " + _("The answer: ") if marked.credit == 0 else
                            "~ " + _("Partly right ({percent}%): ").format(
                                percent=round(100 * marked.credit)))
                    self.console.print(Hanging(Text.assemble((head, "bold red" if
                                                              marked.credit == 0 else
                                                              "bold yellow"),
                                                             literal(shown)), 4))
                    if marked.explain:
                        self.console.print(Hanging(Text.assemble((_("Why: "), "bold"),
                                                                 literal(marked.explain)), 4))
        score = round(100 * sum(credits) / len(credits)) if credits else 0
        detail = {"score": score, "correct": sum(results), "total": len(results),
                  "questions": [{**q.as_dict(), "given": g, "correct": ok,
                                 "credit": round(c, 2)}
                                for q, g, ok, c in zip(questions, given_all, results, credits,
                                                       strict=True)]}
        if self.store is not None:
            self.store.save_attempt("quiz", playbook, None, score, [], detail)
        if as_json:
            from recoverycli.text import dumps

            print(dumps(detail, indent=2))
        else:
            self.console.print()
            self.console.print(Text(_(
                "Quiz score: {right} of {count} right ({score}/100, with partial credit)"
            ).format(
                right=sum(results), count=len(results), score=score), style="bold"))
        return 0


def print_progress(report: dict[str, Any]) -> None:
    from recoverycli.i18n import number
    from recoverycli.table import columns, page
    from recoverycli.text import one_line

    parts = []
    if not report["attempts"]:
        parts.append(_("No practice recorded yet. Start with a role-play (below) or "
                       "'recover quiz'.") + "\n")
    else:
        kinds = {"practice": _("practice"), "quiz": _("quiz")}
        rows = [(kinds.get(i["kind"], i["kind"]), i["playbook"], i["scenario"], i["attempts"],
                 i["first"], i["last"], i["best"], " ".join(str(s) for s in i["scores"][-8:]))
                for i in report["attempts"]]
        parts.append(columns((_("kind"), _("playbook"), _("scenario"), _("attempts"),
                              _("first"), _("last"), _("best"), _("recent scores")), rows,
                             flexible=(_("scenario"),)))
    if report.get("assigned"):
        from recoverycli.practice.assigned import standing_words

        parts.append("\n" + _("Assigned to you:") + "\n")
        parts.append(columns((_("scenario"), _("playbook"), _("standing")), (
            (a["scenario"], a["playbook"], standing_words(a)) for a in report["assigned"]),
            flexible=(_("standing"),)))
    if report["weakest_steps"]:
        parts.append("\n" + _("Weakest steps:") + "\n")
        parts.append(columns((_("playbook"), _("step"), _("average"), _("attempts")), (
            (w["playbook"], w["title"], number(w["average"]), w["attempts"])
            for w in report["weakest_steps"]), flexible=(_("step"),)))
    parts.append("\n" + one_line(_("Practise next: {command}  ({why})").format(
        command=report["next"]["command"], why=report["next"]["why"])) + "\n")
    page("".join(parts))
