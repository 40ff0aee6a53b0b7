"""Role-play scenarios, the practice scoring, quizzes and progress."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, run
from recoverycli.catalog import load_catalog
from recoverycli.coach import Coach, has_element
from recoverycli.errors import DocumentError
from recoverycli.playbook import load_playbook
from recoverycli.practice import assess
from recoverycli.quiz import ORDER, grade, make_quiz
from recoverycli.scenario import load_scenario

SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return load_catalog(write_cache=False)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_scenario_validates_and_its_best_answers_are_good(path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    scenario = load_scenario(str(path), catalog)
    coach = Coach.load()
    for sid, line in scenario.steps.items():
        for element in line.expect:
            assert has_element(element, line.best), (sid, element)
        assert coach.check(line.best) == [], (sid, line.best)


def test_there_is_a_scenario_for_every_builtin_playbook(catalog) -> None:  # type: ignore[no-untyped-def]
    covered = {load_scenario(str(p), catalog).playbook for p in SCENARIOS}
    assert covered >= {"hyken", "heal", "saxena"}
    stories = " ".join(p.read_text() for p in SCENARIOS).lower()
    for story in ("reservation", "honey", "keys", "phone"):
        assert story in stories


def test_bad_scenarios_are_located(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.yaml"
    path.write_text("id: bad\nplaybook: heal\ntitle: T\ncustomer: C\nsituation: S\nsteps:\n"
                    "  humility: {says: hi, best: \"I'm sorry\", expect: [apolgy]}\n"
                    "  nosuch: {says: x, best: y}\n")
    with pytest.raises(DocumentError) as caught:
        load_scenario(str(path), catalog)
    text = "\n".join(str(p) for p in caught.value.problems)
    assert "steps.humility.expect: unknown element 'apolgy'" in text
    assert "bad.yaml:8:3: steps.nosuch: unknown key 'nosuch'" in text
    assert "no line for step 'empathy'" in text


def test_better_wording_scores_higher(catalog) -> None:  # type: ignore[no-untyped-def]
    book = load_playbook(str(ROOT / "playbooks" / "heal.yaml"))
    scenario = load_scenario(str(ROOT / "scenarios" / "lost-reservation.yaml"), catalog)
    coach = Coach.load()
    worse = assess(coach, book, scenario, "humility", "We're sorry for any inconvenience.")
    better = assess(coach, book, scenario, "humility", "I'm so sorry - we gave your table away.")
    empty = assess(coach, book, scenario, "humility", "")
    assert better.score > worse.score and empty.score == 0
    assert better.score == 100 and dict(better.elements) == {"apology": True}
    assert {f.rule for f in worse.findings} == {"plural-apology", "hollow-inconvenience"}


GOOD_HEAL = ["I am so sorry, Mrs. Bell. We gave your table away.",
             "I can see how much tonight meant to you - we broke your heart.",
             "I'm setting our best table right now; it will be ready in ten minutes.",
             "Your next dinner is on us when you come back, and I'll call you tomorrow."]
BAD_HEAL = ["We apologize for any inconvenience.", "Please calm down.",
            "There's nothing I can do, the new clerk gave it away.", "That's our policy."]


def practise(home: Path, lines: list[str], *extra: str) -> dict[str, object]:
    answers = home / "lines.json"
    answers.write_text(json.dumps({"lines": lines}))
    result = run("practice", "heal", "--answers", str(answers), "--json", *extra)
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_practice_answers_json_scores_better_wording_higher(home: Path) -> None:
    good = practise(home, GOOD_HEAL)
    bad = practise(home, BAD_HEAL)
    assert good["score"] == 100 and bad["score"] < 30
    steps = good["steps"]
    assert isinstance(steps, list) and len(steps) == 4
    assert steps[0]["elements"] == {"apology": True} and steps[0]["best"]
    bad_steps = bad["steps"]
    assert isinstance(bad_steps, list)
    assert bad_steps[1]["findings"][0]["rule"] == "calm-down"


def test_practice_human_output_shows_feedback_and_best_answers(home: Path) -> None:
    answers = home / "lines.yaml"
    answers.write_text("lines:\n  - \"We're sorry.\"\n  - ''\n  - ''\n  - ''\n")
    result = run("practice", "heal", "--scenario", "lost-reservation", "--answers", str(answers))
    assert result.returncode == 0
    out = result.stdout
    assert "Mrs. Bell: “We booked this table a month ago" in out
    assert "plural-apology" in out and "Better: I'm sorry." in out
    assert "Best: “I am so very sorry, Mrs. Bell." in " ".join(out.split())


def test_practice_list_and_errors(home: Path) -> None:
    rows = json.loads(run("practice", "--list", "--json").stdout)
    assert {"id", "playbook", "title"} == set(rows[0])
    assert {r["playbook"] for r in rows} >= {"hyken", "heal", "saxena"}
    assert run("practice", "heal").returncode == 2  # no terminal, no answers
    wrong = run("practice", "heal", "--scenario", "locked-keys", "--answers", "x.json")
    assert wrong.returncode == 1 and "is for playbook 'saxena'" in wrong.stderr


def test_quiz_is_seeded_and_varies(catalog) -> None:  # type: ignore[no-untyped-def]
    books = [e.playbook for e in catalog.entries.values()]
    coach = Coach.load()
    assert make_quiz(books, coach, 1) == make_quiz(books, coach, 1)
    assert len({tuple(make_quiz(books, coach, seed)) for seed in range(6)}) > 1
    kinds = {q.kind for q in make_quiz(books, coach, 2, count=5)}
    assert kinds == {"order", "name-step", "better-phrase"}


def test_quiz_grading(catalog) -> None:  # type: ignore[no-untyped-def]
    books = [catalog.get("hyken")]
    for question in make_quiz(books, Coach.load(), 5, count=6):
        if question.kind == ORDER:
            assert grade(question, " ".join(question.answer.upper()))
            assert not grade(question, question.answer[::-1])
        else:
            right = question.options.index(question.answer) + 1
            assert grade(question, str(right)) and grade(question, question.answer)
            assert not grade(question, str(3 - right if len(question.options) == 2 else 99))


def test_quiz_answers_json_and_progress(home: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    from recoverycli.quiz import make_quiz as mk

    questions = mk([e.playbook for e in catalog.entries.values()
                    if e.origin == "built-in"], Coach.load(), 11, 5)
    right = [q.answer if q.kind == ORDER else str(q.options.index(q.answer) + 1)
             for q in questions]
    answers = home / "quiz.json"
    answers.write_text(json.dumps({"answers": right}))
    result = run("quiz", "--seed", "11", "--answers", str(answers), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["score"] == 100 and data["correct"] == 5
    practise(home, BAD_HEAL)
    practise(home, GOOD_HEAL)
    report = json.loads(run("progress", "--json").stdout)
    heal = next(a for a in report["attempts"] if a["scenario"] == "lost-reservation")
    assert heal["attempts"] == 2 and heal["first"] < heal["last"] == 100
    assert any(a["kind"] == "quiz" and a["last"] == 100 for a in report["attempts"])
    assert report["weakest_steps"] and report["next"]["command"].startswith("recover practice")
    assert "Practise next:" in run("progress").stdout
    assert run("forget", "--all", "--yes").returncode == 0
    assert json.loads(run("progress", "--json").stdout)["attempts"] == []


def test_broken_user_scenario_warning_is_one_safe_line(home: Path) -> None:
    folder = home / "config" / "scenarios"
    folder.mkdir(parents=True)
    (folder / "bad.yaml").write_text('id: bad\nplaybook: "\\e[31mred"\ntitle: T\ncustomer: C\n'
                                     'situation: S\nsteps: {}\n')
    result = run("practice", "--list")
    assert result.returncode == 0 and "lost-reservation" in result.stdout
    [warning] = [line for line in result.stderr.splitlines() if "bad.yaml" in line]
    assert "\x1b" not in result.stderr and "\\x1b[31mred" in warning


@pytest.mark.parametrize("count", [1, 5])
def test_an_answers_file_with_the_wrong_number_of_lines_is_a_located_error(
        home: Path, count: int) -> None:
    answers = home / "lines.yaml"
    answers.write_text("lines:\n" + "".join(f"  - I'm sorry, {i}.\n" for i in range(count)))
    result = run("practice", "heal", "--answers", str(answers))
    assert result.returncode == 1, result.stderr
    assert f"{answers}:2:3: lines: {count} line{'s' if count > 1 else ''} for 4 steps" \
        in result.stderr
    assert json.loads(run("progress", "--json").stdout)["attempts"] == []
