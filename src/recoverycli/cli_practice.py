"""Commands for trainees: the wording coach, role-play, quizzes and progress."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .cli import PlaybooksOption, RulesOption, _dirs, app
from .cli_sessions import _store


@app.command(short_help="Flag wording the sources warn against.")
def check(
    text: Annotated[str, typer.Argument(help="The wording to check, or - to read one phrase "
                                             "per line from stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    rules: RulesOption = None,
) -> None:
    """Flag wording the sources warn against, say why, and suggest better words.

    Exits 1 when anything was flagged, 0 when not, 2 for a usage error.
    """
    from .practice.engine import Coach
    from .render_text import print_findings

    coach = Coach.load(str(p) for p in rules or [])
    phrases = [line.rstrip("\n") for line in sys.stdin] if text == "-" else [text]
    flagged = False
    import json

    for phrase in phrases:
        if text == "-" and not phrase.strip():
            continue
        findings = coach.check(phrase)
        flagged |= bool(findings)
        if as_json:
            record: dict[str, object] = {"findings": [f.as_dict() for f in findings]}
            if text == "-":
                record = {"text": phrase, **record}
            print(json.dumps(record, ensure_ascii=False))
        else:
            print_findings(phrase, findings)
    raise typer.Exit(1 if flagged else 0)


@app.command(short_help="Role-play a scenario with the wording coach.")
def practice(
    playbook: Annotated[str | None, typer.Argument(
        help="The playbook to practise (an id).")] = None,
    scenario: Annotated[str | None, typer.Option(
        "--scenario", metavar="ID", help="The scenario (default: the playbook's first).")
    ] = None,
    list_them: Annotated[bool, typer.Option("--list", help="List the scenarios.")] = False,
    answers: Annotated[Path | None, typer.Option(
        "--answers", metavar="FILE", help="Answer from a file: {\"lines\": [one per step]}.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    no_save: Annotated[bool, typer.Option("--no-save", help="Do not record the attempt.")
                       ] = False,
    rules: RulesOption = None,
    playbooks: PlaybooksOption = None,
) -> None:
    """Role-play a scenario: the customer speaks, you answer, the coach gives feedback."""
    from .catalog import load_catalog
    from .errors import UsageError
    from .practice.scenarios import load_scenarios, pick

    catalog = load_catalog(_dirs(playbooks))
    scenarios, broken = load_scenarios(catalog)
    for error in broken:
        from .text import one_line

        sys.stderr.write(one_line(f"warning: skipped broken scenario {error.problems[0]}")
                         + "\n")
    if list_them:
        rows = [{"id": s.id, "playbook": s.playbook, "title": s.title} for s in scenarios]
        if as_json:
            import json

            print(json.dumps(rows, indent=2, ensure_ascii=False))
        else:
            from .table import columns

            sys.stdout.write(columns(("id", "playbook", "title"),
                                     ([r["id"], r["playbook"], r["title"]] for r in rows)))
        return
    if playbook is None:
        raise UsageError("name a playbook to practise, or use --list to see the scenarios")
    book = catalog.get(playbook)
    chosen = pick(scenarios, book.id, scenario)
    lines = None
    if answers is not None:
        from .practice.scoring import read_lines

        lines = read_lines(str(answers))
        if len(lines) > len(book.steps):
            raise UsageError(f"{answers}: {len(lines)} lines for {len(book.steps)} steps")
    elif not sys.stdin.isatty():
        raise UsageError("practice reads your answers from a terminal, and stdin is not one: "
                         "run it in a terminal, or give --answers FILE")
    from .practice.engine import Coach
    from .render import make_console
    from .terminal import terminal_prompter
    from .trainer import Trainer

    store = None if no_save else _store()
    trainer = Trainer(make_console(), store, terminal_prompter)
    coach = Coach.load(str(p) for p in rules or [])
    raise typer.Exit(trainer.practise(coach, book, chosen, lines, as_json))


@app.command(short_help="Quiz yourself on the playbooks.")
def quiz(
    playbook: Annotated[str | None, typer.Argument(
        help="Quiz on this playbook (default: all the built-ins).")] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Repeat a quiz exactly.")] = None,
    count: Annotated[int, typer.Option("--count", metavar="N", help="Questions.")] = 5,
    answers: Annotated[Path | None, typer.Option(
        "--answers", metavar="FILE", help="Answer from a file: {\"answers\": [...]}, a "
        "choice's number or the letters of an order.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    no_save: Annotated[bool, typer.Option("--no-save", help="Do not record the attempt.")
                       ] = False,
    playbooks: PlaybooksOption = None,
) -> None:
    """Put steps in order, name the step from its advice, pick the better phrase."""
    from .catalog import load_catalog
    from .errors import UsageError
    from .practice.engine import Coach
    from .practice.quiz import make_quiz, read_answers
    from .render import make_console
    from .trainer import Trainer

    if count < 1 or count > 50:
        raise UsageError(f"--count must be 1 to 50, not {count}")
    catalog = load_catalog(_dirs(playbooks))
    books = [catalog.get(playbook)] if playbook else [
        e.playbook for e in catalog.entries.values() if e.origin == "built-in"]
    given = read_answers(str(answers)) if answers is not None else None
    if given is None and not sys.stdin.isatty():
        raise UsageError("quiz reads your answers from a terminal, and stdin is not one: "
                         "run it in a terminal, or give --answers FILE")
    questions = make_quiz(books, Coach.load(), seed, count)
    from .terminal import terminal_prompter

    store = None if no_save else _store()
    trainer = Trainer(make_console(), store, terminal_prompter)
    raise typer.Exit(trainer.quiz(questions, given, as_json, playbook))


@app.command(short_help="Practice scores over time, and what next.")
def progress(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Practice and quiz scores over time, the weakest steps, and what to practise next."""
    from .catalog import load_catalog
    from .practice.progress import progress_report
    from .practice.scenarios import load_scenarios
    from .trainer import print_progress

    scenarios, _ = load_scenarios(load_catalog())
    report = progress_report(_store(), scenarios)
    if as_json:
        import json

        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    print_progress(report)


