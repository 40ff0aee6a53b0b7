"""Commands for trainees: the wording coach, role-play, quizzes and progress."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from recoverycli.i18n import M_

from .app import PlaybooksOption, RulesOption, _dirs, _store, app
from .complete import playbook_ids, scenario_ids

PICKER_BOUND = 10.0  # seconds a statement of the practice picker may take on a team store

if TYPE_CHECKING:
    from recoverycli.practice.scenarios import Scenario
    from recoverycli.storage.store import Store


@app.command(short_help=M_("Flag wording the sources warn against."), help=M_(
    "Flag wording the sources warn against, say why, and suggest better words.\n\n"
    "Exits 1 when anything was flagged, 0 when not (or when the coach only asks: a finding it "
    "is unsure of is a question, not a verdict), 2 for a usage error."))
def check(
    text: Annotated[str, typer.Argument(help=M_("The wording to check, or - to read one "
                                                "phrase per line from stdin."))],
    as_json: Annotated[bool, typer.Option("--json", help=M_("Print JSON for scripts."))] = False,
    rules: RulesOption = None,
) -> None:
    """Flag wording the sources warn against, say why, and suggest better words.

    Exits 1 when anything was flagged, 0 when not (or when the coach only asks: a finding it
    is unsure of is a question, not a verdict), 2 for a usage error.
    """
    from recoverycli.practice.engine import Coach
    from recoverycli.practice.plain import print_findings

    coach = Coach.load(str(p) for p in rules or [])
    from recoverycli.text import clean, dumps

    # a byte that was not UTF-8 is read as it is shown, spelled out ("Jos\xe9"): a
    # finding's span counts the characters of the text it is printed with
    phrases = [clean(line.rstrip("\n")) for line in sys.stdin] if text == "-" \
        else [clean(text)]
    if not any(phrase.strip() for phrase in phrases):  # "ok: " for nothing looked like a pass
        from recoverycli.errors import UsageError
        from recoverycli.i18n import _

        raise UsageError(_("nothing to check: give the wording, or - to read phrases from "
                           "standard input"))
    flagged = False
    for phrase in phrases:
        if text == "-" and not phrase.strip():
            continue
        findings = coach.check(phrase)
        flagged |= any(not f.unsure for f in findings)
        if as_json:
            record: dict[str, object] = {"findings": [f.as_dict() for f in findings]}
            if text == "-":
                record = {"text": phrase, **record}
            print(dumps(record))
        else:
            print_findings(phrase, findings)
    raise typer.Exit(1 if flagged else 0)


@app.command(short_help=M_("Role-play a scenario with the wording coach."), help=M_(
    "Role-play a scenario: the customer speaks, you answer, the coach gives feedback."))
def practice(
    playbook: Annotated[str | None, typer.Argument(
        autocompletion=playbook_ids,
        help=M_("The playbook to practise (an id)."))] = None,
    scenario: Annotated[str | None, typer.Option(
        "--scenario", metavar="ID", autocompletion=scenario_ids,
        help=M_("The scenario (default: the playbook's first)."))
    ] = None,
    list_them: Annotated[bool, typer.Option("--list", help=M_("List the scenarios."))] = False,
    spot: Annotated[bool, typer.Option(
        "--spot", help=M_("Spot the mistakes in Borg's missing-honey story."))] = False,
    answers: Annotated[Path | None, typer.Option(
        "--answers", metavar="FILE",
        help=M_("Answer from a file: {\"lines\": [...]}, one answer per step."))] = None,
    as_json: Annotated[bool, typer.Option("--json", help=M_("Print JSON for scripts."))] = False,
    no_save: Annotated[bool, typer.Option("--no-save", help=M_("Do not record the attempt."))
                       ] = False,
    rules: RulesOption = None,
    playbooks: PlaybooksOption = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", metavar="LANG", help=M_(
            "Show the scenario's text (the customer's lines, the model answers) in this "
            "language (en, es) while the screens stay in yours; the coach reads English "
            "only."))] = None,
) -> None:
    """Role-play a scenario: the customer speaks, you answer, the coach gives feedback."""
    from recoverycli.errors import UsageError
    from recoverycli.i18n import _, language
    from recoverycli.playbooks.catalog import load_catalog
    from recoverycli.practice.scenarios import load_scenarios, localised, pick

    lang = _language(lang) or language()
    catalog = load_catalog(_dirs(playbooks))
    scenarios, broken = load_scenarios(catalog)
    for error in broken:
        from recoverycli.text import one_line

        sys.stderr.write(one_line(_("warning: skipped broken scenario {problem}").format(
            problem=error.problems[0])) + "\n")
    if list_them:
        rows = [{"id": s.id, "playbook": s.playbook, "title": localised(s, lang).title}
                for s in scenarios if playbook is None or s.playbook == playbook]
        if not rows and playbook is not None:
            raise UsageError(_("no scenario practises '{playbook}' ('recover practice --list' "
                               "lists them all)").format(playbook=playbook))
        if as_json:
            from recoverycli.text import dumps

            print(dumps(rows, indent=2))
        else:
            from recoverycli.table import columns, page

            page(columns((_("id"), _("playbook"), _("title")),
                         ([r["id"], r["playbook"], r["title"]] for r in rows)))
        return
    if spot:
        _spot(answers, as_json, no_save)
    store = None
    if playbook is None and answers is None and not as_json and sys.stdin.isatty() \
            and scenarios:
        from recoverycli.screen.terminal import terminal_prompter as pick_with

        # what is assigned is read even when this attempt is not saved, each statement
        # bounded (a table another session holds must not keep a trainee waiting)
        lookup = _store(bound=PICKER_BOUND)
        store = None if no_save else lookup
        scenarios, marks = _assigned_first(scenarios, lookup)
        labels = [_picker_label(localised(s, lang).title, s, marks.get(s.id))
                  for s in scenarios]
        question = (_("Which scenario? (assigned to you first)") if marks
                    else _("Which scenario?"))
        try:
            picked = pick_with().choose(question, [
                *labels, _spot_label()])
        except KeyboardInterrupt:
            _stopped("recover practice")
        if picked is None:
            raise typer.Exit(0)
        if picked == len(scenarios):
            _spot(None, False, no_save)
        playbook, scenario = scenarios[picked].playbook, scenarios[picked].id
    if playbook is None:
        raise UsageError(_("name a playbook to practise, or use --list to see the scenarios"))
    book = catalog.get(playbook)
    chosen = pick(scenarios, book.id, scenario)
    lines = None
    if answers is not None:
        from recoverycli.practice.scoring import read_lines

        lines = read_lines(str(answers), len(chosen.walked(book).steps))
    elif not sys.stdin.isatty():
        raise UsageError(_("practice reads your answers from a terminal, and stdin is not "
                           "one: run it in a terminal, or give --answers FILE"))
    from recoverycli.practice.engine import Coach
    from recoverycli.practice.trainer import Trainer
    from recoverycli.render import make_console
    from recoverycli.screen.terminal import terminal_prompter

    if store is None and not no_save:
        store = _store()
    trainer = Trainer(make_console(), store, terminal_prompter)
    coach = Coach.load(str(p) for p in rules or [])
    try:
        with _json_gate(as_json and lines is not None):
            code = trainer.practise(coach, book, chosen, lines, as_json, lang)
    except KeyboardInterrupt:
        _stopped(f"recover practice {book.id} --scenario {chosen.id}")
    raise typer.Exit(code)


def _language(value: str | None) -> str | None:
    """``--lang``: a language recover speaks (English included), or a usage error."""
    if value is None:
        return None
    from recoverycli.i18n import LANGUAGES, _, normalise

    found = normalise(value)
    if found is None:
        from recoverycli.errors import UsageError

        raise UsageError(_("{option} {value}: no such language here (languages: "
                           "{languages})").format(option="--lang", value=value,
                                                  languages=", ".join(sorted(LANGUAGES))))
    return found


def _picker_label(title: str, scenario: Scenario, mark: str | None,
                  width: int | None = None) -> str:
    """A scenario as the picker lists it, on one line of the terminal: its title, then
    its assignment's mark or where it comes from (``playbook: id``, or the id alone when
    that does not fit); a title too long for what is left is cut with …."""
    from rich.cells import cell_len, set_cell_size

    from recoverycli.table import terminal_width

    room = (width or terminal_width() or 10**6) - 6  # " » 1) " before it
    tails = [f"  [{mark}]"] if mark else [f"  ({scenario.playbook}: {scenario.id})",
                                          f"  ({scenario.id})"]
    for tail in tails:
        if cell_len(title + tail) <= room:
            return title + tail
    tail = tails[-1]
    left = room - cell_len(tail)
    if left < 12:  # a terminal too narrow for both: the title alone, cut if it must be
        return title if cell_len(title) <= room else \
            set_cell_size(title, max(1, room - 1)).rstrip() + "…"
    return set_cell_size(title, left - 1).rstrip() + "…" + tail


def _spot_label(width: int | None = None) -> str:
    """Spot the mistakes as the picker's last line, fitted as the scenarios are."""
    from rich.cells import cell_len, set_cell_size

    from recoverycli.i18n import _
    from recoverycli.table import terminal_width

    room = (width or terminal_width() or 10**6) - 6
    title = _("Spot the mistakes in Borg's missing-honey story")
    for label in (title + "  (--spot)", title):
        if cell_len(label) <= room:
            return label
    return set_cell_size(title, max(1, room - 1)).rstrip() + "…"


def _assigned_first(scenarios: list[Scenario], store: Store
                    ) -> tuple[list[Scenario], dict[str, str]]:
    """The scenarios with those assigned to this agent (by name or to their team) first,
    soonest due first, and the mark each shows in the picker: its due date, OVERDUE, or
    passed."""
    from recoverycli.errors import StoreError
    from recoverycli.i18n import _
    from recoverycli.practice.assigned import mine
    from recoverycli.when import local_today, with_weekday

    marks: dict[str, str] = {}
    order: list[str] = []
    try:
        assigned = mine(store, local_today())
    except StoreError as exc:  # the team store busy or away: every scenario, said once
        from recoverycli.text import one_line

        print(one_line(_("recover: your assigned practice could not be read ({reason}); "
                         "every scenario is offered").format(reason=exc)), file=sys.stderr)
        return scenarios, {}
    for s in assigned:
        if s["scenario"] in marks:
            continue  # assigned twice (to the agent and to the team): the sooner says it
        due = _("today") if s["days_left"] == 0 else with_weekday(s["due"])
        marks[s["scenario"]] = (
            _("passed, due {due}") if s["state"] == "passed" else
            _("passed late, was due {due}") if s["state"] == "passed late" else
            _("OVERDUE, was due {due}") if s["state"] == "overdue" else _("due {due}")
        ).format(due=due)
        order.append(s["scenario"])
    first = [sc for sid in order for sc in scenarios if sc.id == sid]
    return first + [sc for sc in scenarios if sc.id not in marks], marks


def _spot(answers: Path | None, as_json: bool, no_save: bool) -> NoReturn:
    """``practice --spot``: name the mistakes in Borg's story; lines from --answers or
    typed one at a time."""
    from recoverycli.errors import UsageError
    from recoverycli.i18n import _
    from recoverycli.practice.trainer import Trainer
    from recoverycli.render import make_console
    from recoverycli.screen.terminal import terminal_prompter

    lines = None
    if answers is not None:
        from recoverycli.practice.scoring import read_lines

        lines = read_lines(str(answers))
    elif not sys.stdin.isatty():
        raise UsageError(_("practice reads your answers from a terminal, and stdin is not "
                           "one: run it in a terminal, or give --answers FILE"))
    trainer = Trainer(make_console(), None if no_save else _store(), terminal_prompter)
    try:
        with _json_gate(as_json and lines is not None):
            code = trainer.spot(lines, as_json)
    except KeyboardInterrupt:
        _stopped("recover practice --spot")
    raise typer.Exit(code)


def _stopped(again: str) -> NoReturn:
    """Ctrl-C in practice or a quiz: one line saying so (attempts are recorded whole, at
    the end, so nothing half-scored reaches progress), then exit 130."""
    from recoverycli.i18n import _
    from recoverycli.text import one_line

    sys.stderr.write("\n" + one_line(_("Stopped; this attempt was not recorded. Start again "
                                       "with: {command}").format(command=again)) + "\n")
    raise SystemExit(130)


@contextmanager
def _json_gate(active: bool) -> Iterator[None]:
    """The trainer prints its --json report itself: with no prompts to show (answers
    from a file), what it prints is held and passed through the JSON gate."""
    if not active:
        yield
        return
    import io
    from contextlib import redirect_stdout

    from recoverycli.text import json_text

    held = io.StringIO()
    try:
        with redirect_stdout(held):
            yield
    finally:
        sys.stdout.write(json_text(held.getvalue()))


@app.command(short_help=M_("Quiz yourself on the playbooks."), help=M_(
    "Put steps in order, name the step from its advice, pick the better phrase."))
def quiz(
    playbook: Annotated[str | None, typer.Argument(
        autocompletion=playbook_ids,
        help=M_("Quiz on this playbook (default: all the built-ins)."))] = None,
    seed: Annotated[int | None, typer.Option("--seed", help=M_("Repeat a quiz exactly."))
                    ] = None,
    count: Annotated[int, typer.Option("--count", metavar="N", min=1, max=50,
                                       help=M_("Questions (1 to 50)."))] = 5,
    answers: Annotated[Path | None, typer.Option(
        "--answers", metavar="FILE", help=M_("Answer from a file: {\"answers\": [...]}, a "
        "choice's number or the letters of an order."))] = None,
    as_json: Annotated[bool, typer.Option("--json", help=M_("Print JSON for scripts."))] = False,
    no_save: Annotated[bool, typer.Option("--no-save", help=M_("Do not record the attempt."))
                       ] = False,
    playbooks: PlaybooksOption = None,
) -> None:
    """Put steps in order, name the step from its advice, pick the better phrase."""
    from recoverycli.errors import UsageError
    from recoverycli.i18n import _
    from recoverycli.playbooks.catalog import load_catalog
    from recoverycli.practice.engine import Coach
    from recoverycli.practice.quiz import make_quiz, read_answers
    from recoverycli.practice.trainer import Trainer
    from recoverycli.render import make_console

    catalog = load_catalog(_dirs(playbooks))
    books = [catalog.get(playbook)] if playbook else [
        e.playbook for e in catalog.entries.values() if e.origin == "built-in"]
    given = read_answers(str(answers)) if answers is not None else None
    if given is None and not sys.stdin.isatty():
        raise UsageError(_("quiz reads your answers from a terminal, and stdin is not one: "
                           "run it in a terminal, or give --answers FILE"))
    from recoverycli.i18n import language
    from recoverycli.playbooks.translations import translated

    # the playbooks' text in the reader's language where they have it (same questions
    # for a --seed in any language: a translation keeps every step)
    books = [translated(book, language())[0] for book in books]
    questions = make_quiz(books, Coach.load(), seed, count)
    from recoverycli.screen.terminal import terminal_prompter

    store = None if no_save else _store()
    trainer = Trainer(make_console(), store, terminal_prompter)
    try:
        with _json_gate(as_json and given is not None):
            code = trainer.quiz(questions, given, as_json, playbook)
    except KeyboardInterrupt:
        _stopped(f"recover quiz {playbook or ''}".rstrip())
    raise typer.Exit(code)


@app.command(short_help=M_("Practice scores over time, and what next."), help=M_(
    "Practice and quiz scores over time, the weakest steps, and what to practise next."))
def progress(
    as_json: Annotated[bool, typer.Option("--json", help=M_("Print JSON for scripts."))] = False,
) -> None:
    """Practice and quiz scores over time, the weakest steps, and what to practise next."""
    from recoverycli.i18n import language
    from recoverycli.playbooks.catalog import load_catalog
    from recoverycli.playbooks.translations import translated
    from recoverycli.practice.progress import progress_report
    from recoverycli.practice.scenarios import load_scenarios
    from recoverycli.practice.trainer import print_progress

    catalog = load_catalog()
    scenarios, _broken = load_scenarios(catalog)
    titles = {}
    if language() != "en":  # the weakest steps' titles in the reader's language
        for entry in catalog.entries.values():
            book, _fell_back = translated(entry.playbook, language())
            titles.update({(book.id, step.id): step.title for step in book.steps})
    report = progress_report(_store(), scenarios, titles)
    if as_json:
        from recoverycli.text import dumps

        print(dumps(report, indent=2))
        return
    print_progress(report)


