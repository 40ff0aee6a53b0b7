"""Role-play scenarios, the practice scoring, quizzes and progress."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, assessed, run
from recoverycli.errors import DocumentError
from recoverycli.playbooks.catalog import load_catalog
from recoverycli.playbooks.model import load_playbook
from recoverycli.practice.engine import Coach
from recoverycli.practice.quiz import ORDER, grade, make_quiz
from recoverycli.practice.scenarios import load_scenario
from recoverycli.practice.scoring import assess, has_element, practise

SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return load_catalog(write_cache=False)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_scenario_validates_and_its_best_answers_are_good(path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    scenario = load_scenario(str(path), catalog)
    coach = Coach()
    for sid, line in scenario.steps.items():
        for element in line.expect:
            assert has_element(element, line.best), (sid, element)
        verdicts = [f for f in coach.check(line.best) if not f.unsure]
        assert verdicts == [], (sid, line.best)


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
    coach = Coach()
    worse = assess(coach, book, scenario, "humility", "We're sorry for any inconvenience.")
    better = assess(coach, book, scenario, "humility", "I'm so sorry - we gave your table away.")
    empty = assess(coach, book, scenario, "humility", "")
    assert better.score > worse.score and empty.score == 0
    assert better.score == 100
    assert dict(better.elements) == {"apology": True, "ownership": True}
    assert {f.rule for f in worse.findings} == {"plural-apology", "hollow-inconvenience"}


ANSWERS = yaml.safe_load((ROOT / "tests" / "data" / "practice_answers.yaml").read_text())


def _scores(catalog, scenario_id: str, kind: str) -> list[int]:  # type: ignore[no-untyped-def]
    scenario = load_scenario(str(ROOT / "scenarios" / f"{scenario_id}.yaml"), catalog)
    book = scenario.walked(catalog.get(scenario.playbook))
    n = len(book.steps)
    lines = {"list": [ANSWERS[scenario_id]["list"]] * n, "generic": [ANSWERS["generic"]] * n
             }.get(kind) or ANSWERS[scenario_id][kind]
    assert len(lines) == n, (scenario_id, kind)
    return [r.score for r in practise(Coach(), book, scenario, lambda i, _: lines[i])]


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_answers_are_judged_by_purpose_not_keywords(path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    """For every built-in scenario: the good answer (a trainee's own words) wins every step;
    the poor one dressed in keywords scores <= 40 overall, a keyword list <= 20, and one
    generic sentence pasted everywhere well below the good answers."""
    sid = path.stem
    good = _scores(catalog, sid, "good")
    others = {kind: _scores(catalog, sid, kind)
              for kind in ("poor", "dressed", "list", "generic")}
    for kind, scores in others.items():
        for step, (mine, theirs) in enumerate(zip(good, scores, strict=True), start=1):
            assert mine > theirs, (sid, kind, step, good, scores)

    def mean(xs: list[int]) -> float:
        return sum(xs) / len(xs)

    assert mean(good) >= 80, good
    assert mean(others["dressed"]) <= 40, others["dressed"]
    assert mean(others["list"]) <= 20, others["list"]
    assert mean(others["generic"]) <= mean(good) - 40, others["generic"]


def test_a_finding_caps_the_step_and_a_closed_question_is_not_listening(catalog) -> None:  # type: ignore[no-untyped-def]
    book = catalog.get("hyken")
    scenario = load_scenario(str(ROOT / "scenarios" / "phone-complaint.yaml"), catalog)
    coach = Coach()
    excuse = assess(coach, book, scenario, "3", "I'm sorry again, you did nothing wrong, but "
                    "we were short-staffed that week.")
    # "sorry ..., but ..." is also a non-apology by the writers' brief (issue 20)
    assert excuse.score <= 40 and {f.rule for f in excuse.findings} >= {"excuse"}
    closed = assess(coach, book, scenario, "2", "Can I have your account number?")
    opened = assess(coach, book, scenario, "2", "What happened when you first saw the charge?")
    assert dict(closed.elements) == {"listen": False} and closed.score <= 30
    assert dict(opened.elements) == {"listen": True} and opened.score >= 90


def test_paraphrased_elements_count(catalog) -> None:  # type: ignore[no-untyped-def]
    for element, text in [
        ("empathy", "That must have been maddening, sitting there with no honey."),
        ("empathy", "No wonder you're fed up."),
        ("ownership", "That was our mistake, plain and simple."),
        ("ownership", "We forgot your honey."),
        ("proactive", "I wanted to tell you before you noticed: your order is late."),
        ("fix", "I'm sending a replacement today."),
        ("follow_up", "I'll ring you on Thursday to check it arrived."),
        ("offer", "Your next coffee is on us."),
    ]:
        assert has_element(element, text), (element, text)
    assert not has_element("fix", "We'll try to look into it sometime this week.")
    assert not has_element("follow_up", "Someone might follow up at some point.")


GOOD_HEAL = ["I am so sorry, Mrs. Bell. We gave your table away.",
             "I can see how much tonight meant to you - we broke your heart.",
             "I'm setting our best table right now; it will be ready in ten minutes.",
             "Your next dinner is on us when you come back, and I'll call you tomorrow."]
BAD_HEAL = ["We apologize for any inconvenience.", "Please calm down.",
            "There's nothing I can do, the new clerk gave it away.", "That's our policy."]


def run_practice(home: Path, lines: list[str], *extra: str) -> dict[str, object]:
    answers = home / "lines.json"
    answers.write_text(json.dumps({"lines": lines}))
    result = run("practice", "heal", "--answers", str(answers), "--json", *extra)
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_practice_answers_json_scores_better_wording_higher(home: Path) -> None:
    good = run_practice(home, GOOD_HEAL)
    bad = run_practice(home, BAD_HEAL)
    assert good["score"] >= 95 and bad["score"] < 30
    steps = good["steps"]
    assert isinstance(steps, list) and len(steps) == 4
    assert steps[0]["elements"] == {"apology": True, "ownership": True} and steps[0]["best"]
    bad_steps = bad["steps"]
    assert isinstance(bad_steps, list)
    assert bad_steps[1]["findings"][0]["rule"] == "telling-feelings"


def test_practice_human_output_shows_feedback_and_best_answers(home: Path) -> None:
    answers = home / "lines.yaml"
    answers.write_text("lines:\n  - \"We're sorry.\"\n  - ''\n  - ''\n  - ''\n")
    result = run("practice", "heal", "--scenario", "lost-reservation", "--answers", str(answers))
    assert result.returncode == 0
    out = result.stdout
    assert "Ms. Reyes: “We booked this table a month ago" in out
    flat = " ".join(out.split())
    assert "plural-apology" in out and "Better:" in out
    assert "You said: ⟦We're sorry⟧." in flat
    assert "✗ owning the mistake for the company - Own it plainly" in flat
    assert "Model answer: “Ms. Reyes, I'm truly sorry." in flat
    assert "Best: “Ms. Reyes, I'm truly sorry." in flat


def test_practice_list_and_errors(home: Path) -> None:
    rows = json.loads(run("practice", "--list", "--json").stdout)
    assert {"id", "playbook", "title"} == set(rows[0])
    assert {r["playbook"] for r in rows} >= {"hyken", "heal", "saxena"}
    assert run("practice", "heal").returncode == 2  # no terminal, no answers
    wrong = run("practice", "heal", "--scenario", "locked-keys", "--answers", "x.json")
    assert wrong.returncode == 1 and "is for playbook 'saxena'" in wrong.stderr


def test_quiz_is_seeded_and_varies(catalog) -> None:  # type: ignore[no-untyped-def]
    books = [e.playbook for e in catalog.entries.values()]
    coach = Coach()
    assert make_quiz(books, coach, 1) == make_quiz(books, coach, 1)
    assert len({tuple(make_quiz(books, coach, seed)) for seed in range(6)}) > 1
    kinds = {q.kind for q in make_quiz(books, coach, 2, count=5)}
    assert kinds == {"order", "name-step", "better-phrase"}


def test_quiz_grading(catalog) -> None:  # type: ignore[no-untyped-def]
    books = [catalog.get("hyken")]
    for question in make_quiz(books, Coach(), 5, count=6):
        if question.kind == ORDER:
            assert grade(question, " ".join(question.answer.upper()))
            assert not grade(question, question.answer[::-1])
        else:
            right = question.options.index(question.answer) + 1
            assert grade(question, str(right)) and grade(question, question.answer)
            assert not grade(question, str(3 - right if len(question.options) == 2 else 99))


def test_quiz_answers_json_and_progress(home: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    from recoverycli.practice.quiz import make_quiz as mk

    questions = mk([e.playbook for e in catalog.entries.values()
                    if e.origin == "built-in"], Coach(), 11, 5)
    right = [q.answer if q.kind == ORDER else str(q.options.index(q.answer) + 1)
             for q in questions]
    answers = home / "quiz.json"
    answers.write_text(json.dumps({"answers": right}))
    result = run("quiz", "--seed", "11", "--answers", str(answers), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["score"] == 100 and data["correct"] == 5
    run_practice(home, BAD_HEAL)
    run_practice(home, GOOD_HEAL)
    report = json.loads(run("progress", "--json").stdout)
    heal = next(a for a in report["attempts"] if a["scenario"] == "lost-reservation")
    assert heal["attempts"] == 2 and heal["first"] < heal["last"] >= 95
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


def _book(tmp_path: Path, steps: list[tuple[str, str | None]], name: str = "odd"):  # type: ignore[no-untyped-def]
    lines = [f"id: {name}", "title: Odd", "summary: S", "source: {author: A, title: T}", "steps:"]
    for number, (title, why) in enumerate(steps):
        lines += [f"  - id: s{number}", f"    title: {title}"]
        if why:
            lines.append(f"    why: {why}")
        lines += ["    do: [Do it.]"]
    path = tmp_path / f"{name}.yaml"
    path.write_text("\n".join(lines) + "\n")
    return load_playbook(str(path))


def _no_repeats(questions) -> None:  # type: ignore[no-untyped-def]
    keys = [(q.kind, q.prompt, q.answer) for q in questions]
    assert len(keys) == len(set(keys)), keys


def test_a_quiz_never_asks_the_same_question_twice(catalog) -> None:  # type: ignore[no-untyped-def]
    books = [e.playbook for e in catalog.entries.values() if e.origin == "built-in"]
    for seed in range(30):
        _no_repeats(make_quiz(books, Coach(), seed, count=50))
    _no_repeats(make_quiz([catalog.get("heal")], Coach(), 3, count=50))


def test_odd_playbooks_and_a_silent_coach_never_crash_or_loop(tmp_path: Path) -> None:
    silent = Coach(disabled=[c.category.id for c in Coach().builtins])
    no_why = _book(tmp_path, [("A", None), ("B", None), ("C", None)], "nowhy")
    many = _book(tmp_path, [(f"Step {i}", f"Why {i}") for i in range(40)], "many")
    same = _book(tmp_path, [("Same", "one"), ("Same", "two"), ("Same", "three")], "same")
    single = _book(tmp_path, [("Only", "why")], "single")
    for books in ([no_why], [many], [same], [single], [no_why, same, single]):
        for coach in (Coach(), silent):
            for seed in range(5):
                questions = make_quiz(books, coach, seed, count=20)
                _no_repeats(questions)
                for q in questions:
                    if q.kind == ORDER:
                        assert len(q.options) <= 26 and len(set(q.options)) == len(q.options)
                        assert grade(q, q.answer)
    assert make_quiz([same, single], silent, 1, count=5) == []
    assert all(q.kind != "better-phrase" for q in make_quiz([many], silent, 1, count=20))


def test_a_choice_answer_is_its_number_letter_or_text_and_a_stray_one_is_said(
        home: Path) -> None:
    """Red team 16: under --answers the choices were printed as a)/b) but the letter
    shown was scored wrong, with no word why."""
    book = home / "q1.yaml"
    book.write_text("id: q1\ntitle: T\nsteps:\n  - {title: A}\n")
    first = json.loads(run("quiz", str(book), "--seed", "1", "--count", "1", "--answers",
                           _answers(home, ["1"]), "--no-save", "--json").stdout)
    question = first["questions"][0]
    right = question["options"].index(question["answer"])
    for given in (str(right + 1), "ab"[right], "AB"[right], f" {question['answer'].upper()} "):
        graded = json.loads(run("quiz", str(book), "--seed", "1", "--count", "1", "--answers",
                                _answers(home, [given]), "--no-save", "--json").stdout)
        assert graded["correct"] == 1, given
    shown = run("quiz", str(book), "--seed", "1", "--count", "1", "--answers",
                _answers(home, ["zz"]), "--no-save")
    assert "1) " in shown.stdout and "a) " not in shown.stdout
    assert "'zz' is not one of the choices" in shown.stdout


def _answers(home: Path, given: list[str]) -> str:
    path = home / "answers.json"
    path.write_text(json.dumps({"answers": given}))
    return str(path)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_model_answer_scores_full_marks_in_its_run(path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    """Issue 21: the model answers, given in order, each score 100 on our own scorer."""
    scenario = load_scenario(str(path), catalog)
    book = catalog.entries[scenario.playbook].playbook
    earlier: list[str] = []
    for sid, line in scenario.steps.items():
        result = assess(Coach(), book, scenario, sid, line.best, earlier)
        assert result.score == 100, (sid, result.score, result.notes)
        earlier.append(line.best)


def _all_questions(catalog, seeds: range = range(40)) -> list:  # type: ignore[no-untyped-def]
    books = [e.playbook for e in catalog.entries.values() if e.origin == "built-in"]
    return [q for seed in seeds for q in make_quiz(books, Coach(), seed, count=12)]


def test_better_phrase_options_are_written_the_same_way(catalog) -> None:  # type: ignore[no-untyped-def]
    """Issue 21: no tell in the format - every option is quoted speech, a whole sentence a
    person would say, with no template brackets or advice."""
    from recoverycli.practice.categories import TEXTS

    betters = [q for q in _all_questions(catalog) if q.kind == "better-phrase"]
    assert len({q.answer for q in betters}) >= 10
    for q in betters:
        for option in q.options:
            assert option.startswith("“") and option.endswith("”"), option
            inner = option[1:-1]
            assert '"' not in inner and "[" not in inner and "..." not in inner, option
            assert inner[:1].isupper() and inner[-1:] in ".!?", option
    for cid, text in TEXTS.items():
        assert text.better.startswith('"') and text.better.endswith('"'), cid
        assert text.better.count('"') == 2, cid


def test_ordering_gives_partial_credit_and_names_the_misplaced_step(catalog) -> None:  # type: ignore[no-untyped-def]
    from recoverycli.practice.quiz import mark

    q = next(q for q in make_quiz([catalog.get("hyken")], Coach(), 3, count=1)
             if q.kind == ORDER)
    right = q.answer
    assert mark(q, right).credit == 1.0 and mark(q, right).misplaced == ()
    moved = right[1:] + right[0]  # the first step put last: the rest still in order
    result = mark(q, moved)
    assert 0.5 < result.credit < 1.0
    first = q.options[ord(right[0]) - ord("a")]
    assert result.misplaced == (first,)
    assert first in result.explain and "Hyken" in result.explain
    assert mark(q, "zz").credit == 0.0


def test_no_question_repeats_in_a_run(catalog) -> None:  # type: ignore[no-untyped-def]
    books = [e.playbook for e in catalog.entries.values() if e.origin == "built-in"]
    for seed in range(20):
        questions = make_quiz(books, Coach(), seed, count=30)
        keys = [(q.kind, q.prompt, frozenset(q.options)) for q in questions]
        assert len(keys) == len(set(keys)), seed
        answers = [q.answer for q in questions if q.kind == "better-phrase"]
        assert len(answers) == len(set(answers)), seed  # one category asked once


def test_a_wrong_answer_explains_why_with_its_source(catalog) -> None:  # type: ignore[no-untyped-def]
    from recoverycli.practice.quiz import mark

    for q in _all_questions(catalog, range(5)):
        wrong = "" if q.kind == ORDER else str(next(
            i + 1 for i, o in enumerate(q.options) if o != q.answer))
        result = mark(q, wrong)
        assert result.credit < 1 and result.explain, q
        assert any(name in result.explain for name in ("Bell", "Hyken", "Saxena", "Borg",
                                                        "our reading", "Our reading")), q


REACTS = ("id: r\nplaybook: heal\ntitle: T\ncustomer: C\nsituation: S\nsteps:\n"
          "  humility:\n    says: Where is my table?\n    best: \"I'm sorry, we gave it away.\"\n"
          "    expect: [apology]\n    reacts:\n      good: Well... thank you for saying so.\n"
          "      no_apology: Aren't you even going to apologise?\n"
          "      flagged: That's not good enough.\n"
          "  empathy: {says: a, best: b}\n  agility: {says: a, best: b}\n"
          "  loyalty: {says: a, best: b}\n")


def test_the_customer_reacts_to_what_the_answer_did(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    from recoverycli.practice.reactions import reaction

    path = tmp_path / "r.yaml"
    path.write_text(REACTS)
    scenario = load_scenario(str(path), catalog)
    book = catalog.get("heal")

    def react(answer: str) -> str | None:
        return reaction(scenario, assess(Coach(), book, scenario, "humility", answer))

    assert react("I'm sorry, I gave your table away.") == "Well... thank you for saying so."
    assert react("Let me find you another table.") == "Aren't you even going to apologise?"
    assert react("We apologise for any inconvenience.") == "That's not good enough."
    assert reaction(scenario, assess(Coach(), book, scenario, "empathy", "x")) is None
    # a question is no flag: the customer answers the answer, not the coach's doubt (a
    # trainee met the angry line over a question alone, issue 20)
    asked = "I'm sorry. The courier lost your parcel. That is on us, and I have sent another."
    result = assess(Coach(), book, scenario, "humility", asked)
    assert result.findings and all(f.unsure for f in result.findings), result.findings
    assert reaction(scenario, result) == "Well... thank you for saying so."


def test_bad_reactions_are_located(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.yaml"
    path.write_text(REACTS.replace("flagged: That's", "flaged: That's").replace(
        "good: Well... thank you for saying so.", "good: [1, 2]"))
    with pytest.raises(DocumentError) as caught:
        load_scenario(str(path), catalog)
    text = "\n".join(str(p) for p in caught.value.problems)
    assert "r.yaml:14:7: steps.humility.reacts.flaged: unknown key 'flaged'" in text, text
    assert "r.yaml:12:13: steps.humility.reacts.good" in text, text


def test_one_builtin_scenario_per_playbook_reacts(catalog) -> None:  # type: ignore[no-untyped-def]
    reacting = {s.playbook for s in (load_scenario(str(p), catalog) for p in SCENARIOS)
                if any(line.reacts for line in s.steps.values())}
    assert reacting >= {"hyken", "heal", "saxena"}


def test_reactions_show_in_the_answers_file_mode(home: Path) -> None:
    answers = home / "lines.yaml"
    answers.write_text("lines:\n  - \"We're sorry for any inconvenience.\"\n  - ''\n  - ''\n"
                       "  - ''\n")
    out = run("practice", "heal", "--scenario", "lost-reservation", "--answers",
              str(answers)).stdout
    flat = " ".join(out.split())
    assert "Ms. Reyes reacts:" in flat
    data = json.loads(run("practice", "heal", "--scenario", "lost-reservation", "--answers",
                          str(answers), "--json").stdout)
    assert data["steps"][0]["reaction"]


def test_the_hand_off_scenario_walks_strategy_3_to_7(home: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    """Issue 21: Hyken's hand-off - strategy 3 brings a colleague into the call, then the
    walk jumps to strategy 7."""
    scenario = load_scenario(str(ROOT / "scenarios" / "three-way-call.yaml"), catalog)
    assert scenario.route == ("1", "2", "3", "7")
    assert "into this call" in scenario.steps["3"].best
    answers = home / "lines.yaml"
    answers.write_text("lines: [a, b, c, d]\n")
    data = json.loads(run("practice", "hyken", "--scenario", "three-way-call", "--json",
                          "--answers", str(answers)).stdout)
    assert [s["step"] for s in data["steps"]] == ["1", "2", "3", "7"]


def test_a_route_is_validated(tmp_path: Path, catalog) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.yaml"
    path.write_text("id: r\nplaybook: heal\ntitle: T\ncustomer: C\nsituation: S\n"
                    "route: [humility, nosuch]\nsteps:\n  humility: {says: a, best: b}\n")
    with pytest.raises(DocumentError) as caught:
        load_scenario(str(path), catalog)
    assert "r.yaml:6:8: route: no step 'nosuch'" in str(caught.value.problems[0])


@pytest.mark.parametrize(("element", "text", "has"), [
    ("empathy", "Honestly, I would be climbing the walls too.", True),
    ("empathy", "With guests arriving tonight, every minute counts.", True),
    ("empathy", "I would be happy to help.", False),
    ("offer", "I have put a fifteen pound credit on your account for the hassle.", True),
    ("ownership", "We take full responsibility, but to be fair the weather was dreadful.", False),
    ("ownership", "That is on us, but I have already sorted it.", True),
    # the trainee's next words after "but" are the fix, not a taking-back
    ("ownership", "That's on us, but your refund is already done.", True),
    ("ownership", "It was our mistake, but really the refund is on its way now.", True),
    ("ownership", "The mistake was ours, but honestly your card was declined too.", False),
    ("ownership", "We take responsibility, but it's probably your bank holding it.", False),
])
def test_fifth_round_elements(element: str, text: str, has: bool) -> None:
    """Issue 20, fifth round: shapes the practice writers used, in other words."""
    from recoverycli.practice.scoring import has_element

    assert has_element(element, text) is has


@pytest.mark.parametrize(("element", "text", "has"), [
    # the fifth round's "too" and "enough without" were written as one pattern each with
    # the alternatives in the wrong place ("too|the same" is "too same" or "the same")
    ("empathy", "Honestly, I'd be livid too.", True),
    ("empathy", "Moving house is hard enough without us making it worse.", True),
    ("empathy", "That's a miserable way to start a holiday.", True),
    ("empathy", "Waiting all week for a call back is so draining.", True),
    ("empathy", "I would be glad to help you too.", False),
    ("fix", "The delivery charge is off your bill, and the new one comes tomorrow.", True),
    ("fix", "The engineer is confirmed for half nine tomorrow.", True),
    ("fix", "Our driver takes you to the station at 8:15.", True),
    ("follow_up", "I'll stop by your table at eight to make sure everything is right.", True),
    ("follow_up", "My supervisor will call you on Friday to check it arrived.", True),
    ("follow_up", "Is it all right if I ring you tomorrow to see how it went?", True),
    ("offer", "Lunch is with our compliments today.", True),
    ("offer", "Order whatever you fancy, no charge.", True),
    ("proactive", "I came straight over when I heard, before anyone else told you.", True),
    ("proactive", "I didn't want you waiting around wondering, so here I am.", True),
    ("proactive", "I'd rather you heard it from me.", True),
    ("proactive", "I hope your stay has been good.", False),
    # a trainee's own words (nc20)
    ("follow_up", "Next time you visit, I'll come over to your table and check it's right.",
     True),
    ("empathy", "We've ruined your first evening here, and I know it.", True),
    ("fix", "The refund has already gone through on our side.", True),
    ("fix", "The drinks are off your bill.", True),
    ("fix", "I will look into it.", False),
    # a red team's own words
    ("fix", "A taxi will be outside in ten minutes to take you to the station.", True),
    ("fix", "I've got a locksmith booked for half eight.", True),
    ("fix", "I've cancelled the second order, and you'll get an email.", True),
    ("fix", "I have tried.", False),
    ("empathy", "After all that work, you deserve far better than this.", True),
    ("ownership", "Your evening was ruined because of me.", True),
    ("ownership", "Because of us, you can relax.", False),
])
def test_sixth_round_elements(element: str, text: str, has: bool) -> None:
    """Issue 20, sixth round: what two more practice writers and a trainee said that
    practice did not hear, in other words than theirs."""
    from recoverycli.practice.scoring import has_element

    assert has_element(element, text) is has


@pytest.mark.parametrize("text", [
    "Sorry, apology, I own it, my fault, humility, empathy, I am so sorry, table.",
    "I am sorry, I understand, frustrating, must feel awful, special night.",
    "I will fix it now, new table, ten minutes, champagne, urgent.",
    "Follow up, I'll check in, tomorrow at ten, call back, sorry, kitchen.",
    "tell me more have I got that right",
])
def test_a_keyword_list_with_commas_scores_the_base(text: str) -> None:
    """A trainee (sixth round) scored 100 with keywords set out with commas; a list is a
    list however it is punctuated."""
    from recoverycli.practice.scoring import BASE, score_answer

    score, elements, notes = score_answer(text, ("apology", "empathy", "fix", "follow_up"),
                                          ())
    assert score <= BASE and not any(has for _, has in elements) and "list" in notes[0]


@pytest.mark.parametrize("text", [
    "Oh no, I'm so sorry, Dana, that's awful.",
    "Right, okay, I hear you, Mr. Osei, that's awful, I'm so sorry.",
    "i'm really sorry, mr green. i forgot your honey. no excuse, that's on me.",
    # a recap in short clauses (a red team)
    "So: charged twice, your email unanswered, no call. That's on us, and I'm sorry.",
])
def test_short_said_pieces_are_no_list(text: str) -> None:
    from recoverycli.practice.scoring import _listed

    assert not _listed(text)


@pytest.mark.usefixtures("home")
def test_list_with_a_playbook_lists_that_playbooks_scenarios() -> None:
    """A trainee (issue 20): 'recover practice hyken --list' listed every scenario."""
    hyken = run("practice", "hyken", "--list", "--json")
    assert hyken.returncode == 0
    rows = json.loads(hyken.stdout)
    assert rows and {r["playbook"] for r in rows} == {"hyken"}
    every = json.loads(run("practice", "--list", "--json").stdout)
    assert len(every) > len(rows)
    nosuch = run("practice", "nosuch", "--list")
    assert nosuch.returncode == 2 and "no scenario practises 'nosuch'" in nosuch.stderr


@pytest.mark.parametrize("text", ["...", "?!", "\x00", "— — —", "🙂🙂", " ,;: ", "a", "k "])
def test_an_answer_with_nothing_said_scores_nothing(text: str) -> None:
    # a red team: an answer of punctuation only (or a NUL) scored 20, as a keyword list
    from recoverycli.practice.scoring import score_answer

    score, elements, _notes = score_answer(text, ("apology", "fix"), [])
    assert score == 0 and elements == (("apology", False), ("fix", False))


def test_an_answers_file_json_dump_wrote_with_emoji_is_read(home: Path) -> None:
    # a red team: Python's json.dump writes 🙏 as "\ud83d\ude4f", which libyaml refused
    # ("invalid Unicode character escape code") though the file is valid JSON
    lines = [GOOD_HEAL[0] + " 🙏", *GOOD_HEAL[1:]]
    assert "\\ud83d\\ude4f" in json.dumps({"lines": lines})
    done = run_practice(home, lines)
    steps = done["steps"]
    assert isinstance(steps, list) and steps[0]["answer"].endswith("🙏"), steps[0]


@pytest.mark.parametrize("text", [
    # dressed answers of practice writers' kind (own words here): the right sound, and
    # nothing said of what happened
    "Good morning! I wanted to catch you first: there's an issue with your car keys, and "
    "we take full responsibility for it.",
    "Mr. Saxena, I want to be upfront with you. Something happened overnight with your "
    "rental, and it's on us completely.",
    "I wanted you to hear it from me before anyone else: we own this one, one hundred "
    "percent, and I'm on it.",
])
def test_telling_them_first_without_saying_what_happened_is_held_down(
        catalog, text: str) -> None:  # type: ignore[no-untyped-def]
    # the sealed practice writers' dressed answers averaged 42.5 at locked-keys' first step
    # (issue 20): "I wanted to let you know first" and "it's our responsibility" carried
    # both elements without a word of what went wrong
    result = assessed(catalog, "locked-keys", "proactive", text)
    assert dict(result.elements)["proactive"] is False and result.score <= 40, result
    assert any(n.startswith("It does not say what happened") for n in result.notes), result


@pytest.mark.parametrize("text", [
    "Excuse me, Mr. Saxena? Your rental is locked and the key is still inside: our team "
    "did that last night, not you, and I'm sorry.",
    "Morning both. Our night valet shut your keys in your car - that's our mistake.",
    "Before you get to the desk: we locked your car keys inside the rental overnight. "
    "That one's on us.",
])
def test_telling_them_what_happened_is_telling_them_first(
        catalog, text: str) -> None:  # type: ignore[no-untyped-def]
    # a writer's good answers with no "I wanted you to hear it from me" scored 65
    result = assessed(catalog, "locked-keys", "proactive", text)
    assert dict(result.elements) == {"proactive": True, "ownership": True}, result
    assert result.score >= 90 and not result.notes, result


def test_a_lone_surrogate_in_a_json_answers_file_is_said_as_what_it_is(home: Path) -> None:
    # a red team: '"\\ud800"' (half of a character) was refused as "YAML syntax: found
    # invalid Unicode character escape code" in a file of JSON
    path = home / "a.json"
    path.write_text('{"lines": ["fine", "\\ud800 x", "ok", "\\\\ud800 is text"]}')
    done = run("practice", "hyken", "--answers", str(path), "--no-save")
    assert done.returncode == 1, done.stderr
    assert f"{path}:1:21: \\ud800 is half of a character" in done.stderr, done.stderr
    assert "YAML" not in done.stderr and done.stderr.count("ud800") == 1, done.stderr


def test_an_element_beside_a_finding_against_it_is_not_counted(catalog) -> None:  # type: ignore[no-untyped-def]
    # a red team: "it's ours to fix, but the porter on nights is new and useless" scored 90
    # at no-blame: owning words earned ownership beside an excuse the coach only asked about
    scenario = load_scenario(str(ROOT / "scenarios" / "locked-keys.yaml"), catalog)
    book = catalog.get(scenario.playbook)
    coach = Coach()
    dressed = assess(coach, book, scenario, "no-blame",
                     "It's ours to fix, but the porter on nights is new and useless.")
    assert dict(dressed.elements) == {"ownership": False} and dressed.score <= 30
    assert any(note.startswith("Not counted: ") for note in dressed.notes), dressed.notes
    # naming our own valet while owning it costs nothing: the element stands
    good = assess(coach, book, scenario, "no-blame",
                  "Our valet locked your keys in the car, and that's on us. I'm sorry.")
    assert dict(good.elements) == {"ownership": True} and good.score >= 90, good
    # "I'm sorry you feel that way" is no apology, even when only asked about
    apology = load_scenario(str(ROOT / "scenarios" / "phone-complaint.yaml"), catalog)
    hedged = assess(coach, catalog.get(apology.playbook), apology, "1",
                    "I'm sorry you feel you weren't called back.")
    assert dict(hedged.elements) == {"apology": False} and hedged.score <= 40


@pytest.mark.parametrize("text", [
    "Just a heads up before the valet stand: a small issue with your car. We take full "
    "ownership and it'll be sorted as soon as possible.",
    "I wanted to tell you first: there's a little problem with the keys. It's on us. We'll "
    "try to sort it.",
    "Before you go to the stand, our valet locked your keys in. That's on us and we'll do our "
    "best.",
    "Morning! Just a heads up before the valet: we had a bit of an issue with the keys last "
    "night. We take ownership of it.",
    # a third red team: a time named beside "try", "maybe", "hopefully" promises nothing
    "Before you go to the stand: our valet locked your keys in. That's on us, and I'll try to "
    "get it open sometime today or maybe tomorrow.",
    "I wanted to tell you first: our valet locked your keys in the car, that's on us - it's "
    "such a small thing it hardly matters.",
])
def test_words_that_promise_nothing_hold_a_dressed_answer_down(catalog, text: str) -> None:  # type: ignore[no-untyped-def]
    scenario = load_scenario(str(ROOT / "scenarios" / "locked-keys.yaml"), catalog)
    book = catalog.get(scenario.playbook)
    result = assess(Coach(), book, scenario, "proactive", text)
    assert result.score <= 40, result
    assert any("promises nothing" in note or "plays it down" in note
               for note in result.notes), result.notes


def test_a_vague_word_beside_a_named_time_is_no_dress(catalog) -> None:  # type: ignore[no-untyped-def]
    scenario = load_scenario(str(ROOT / "scenarios" / "locked-keys.yaml"), catalog)
    book = catalog.get(scenario.playbook)
    result = assess(Coach(), book, scenario, "proactive",
                    "Before you reach the stand: our valet locked your keys in the car last "
                    "night, that's on us, and I'll have it open as soon as possible, by nine "
                    "at the latest.")
    assert result.score >= 90 and not any("promises" in n for n in result.notes), result


def test_the_same_sentence_over_and_over_is_held_down(catalog) -> None:  # type: ignore[no-untyped-def]
    # a red team: "I'm sorry" said five times scored 100
    book = catalog.get("hyken")
    scenario = load_scenario(str(ROOT / "scenarios" / "phone-complaint.yaml"), catalog)
    coach = Coach()
    again = assess(coach, book, scenario, "1", "I'm sorry. " * 5)
    once = assess(coach, book, scenario, "1", "I'm sorry, Dana: you were charged twice and "
                  "nobody called you back.")
    assert again.score <= 40 and once.score >= 90, (again, once)


def test_follow_up_with_the_kitchen_is_no_follow_up_with_the_customer() -> None:
    assert not has_element("follow_up", "I'll follow up with the kitchen about it today.")
    assert not has_element("follow_up", "I'll follow up with the team tomorrow.")
    assert has_element("follow_up", "I'll follow up with you tomorrow at ten.")
    assert has_element("follow_up", "I'll follow up on Friday to check it arrived.")
    assert has_element("follow_up", "I'll follow up with a call on Friday.")


@pytest.mark.parametrize("text", ["Fue nuestro error.", "Voici le plan.", "Lo siento.",
                                  "Es ist unser Fehler."])
def test_a_short_answer_in_another_language_is_not_scored(catalog, text: str) -> None:  # type: ignore[no-untyped-def]
    # a red team: a short Spanish answer was scored as a list of words (20)
    book = catalog.get("hyken")
    scenario = load_scenario(str(ROOT / "scenarios" / "phone-complaint.yaml"), catalog)
    result = assess(Coach(), book, scenario, "3", text)
    assert not result.scored, result


def test_one_huge_word_is_not_called_too_short() -> None:
    # a red team: 200 KB with no space was told "Too short"; it scores low as no sentence
    from recoverycli.practice.scoring import score_answer

    score, _elements, notes = score_answer("sorry" * 40_000, ("apology",), [])
    assert score <= 20 and notes and "Too short" not in notes[0], notes


@pytest.mark.parametrize("text", ["ok", "ok thanks bye", "sorry again", "we'll sort it"])
def test_a_lazy_answer_of_a_word_or_three_scores_under_a_list(catalog, text: str) -> None:  # type: ignore[no-untyped-def]
    # a newcomer's attempt in a hurry scored 20 on every step, as a keyword list does
    result = assessed(catalog, "locked-keys", "follow-up", text)
    assert result.score <= 10 and "Too short" in result.notes[0], result
    said = assessed(catalog, "locked-keys", "follow-up", "I'll call you at five.")
    assert said.score >= 90, said


def test_you_should_not_have_had_to_owns_it() -> None:
    # a newcomer: "I'm sorry, you shouldn't have had to chase us." lacked ownership
    assert has_element("ownership", "I'm sorry, you shouldn't have had to chase us.")


# A red team (issue 20, ninth round): the model answer with its meaning turned round, and
# answers taken back, scored 100
TURNED = [
    ("phone-complaint", "1", "Dana, I'm not sorry - being charged twice and then left waiting "
     "is fine."),
    ("phone-complaint", "4", "Here's what I'm going to do: I'm not refunding the second charge "
     "today, and I'm not adding two months free when you renew."),
    ("locked-keys", "no-blame", "We didn't make a mistake, and it isn't ours to fix. What "
     "matters now is getting you to your viewings."),
    ("locked-keys", "plan", "Here's the plan: a driver will NOT take you to any viewing today, "
     "and the rental company won't have the car ready by tomorrow."),
    ("locked-keys", "follow-up", "I won't check in with you this evening; you'll have to find "
     "out where the car is yourself tomorrow."),
    ("locked-keys", "proactive", "Oh great, I get to be the one who tells you: we locked your "
     "keys in your rental car. Lucky me. It's our mistake, I suppose."),
    ("lost-reservation", "humility", "I'm truly sorry, I guess. We gave your table away, big "
     "deal."),
    ("locked-keys", "follow-up", "I'll check in with you this evening when you're back - if I "
     "remember, that is."),
    ("locked-keys", "follow-up", "I'll check in with the kitchen this evening to make sure "
     "it's sorted."),
    ("locked-keys", "above-and-beyond", "You can buy breakfast in the restaurant, it's not "
     "bad. Next stay, you can pay for a free night upgrade."),
    ("locked-keys", "above-and-beyond", "Please have breakfast on us this morning - actually "
     "no, you'll have to pay for it, sorry."),
    ("lost-reservation", "empathy", "Congratulations! I can see we've spoiled the evening. "
     "Lots of people pass the bar, though."),
    ("locked-keys", "no-blame", "We made a mistake, and it's ours to fix. You left the keys in "
     "the ignition, which didn't help."),
    ("missing-honey", "5", "You're right, and you came in for a quiet breakfast and ended up "
     "chasing me. But honestly we're two people down today."),
]


@pytest.mark.parametrize(("scenario_id", "step", "text"), TURNED)
def test_an_answer_turned_round_or_taken_back_is_held_down(
        catalog, scenario_id: str, step: str, text: str) -> None:  # type: ignore[no-untyped-def]
    result = assessed(catalog, scenario_id, step, text)
    assert result.score <= 40, result


SAID_PLAINLY = [
    ("missing-honey", "1", "I'm so sorry you didn't get your honey - that was my mistake."),
    ("lost-reservation", "humility", "I'm so sorry. We should never have given your table "
     "away, and that's on us."),
    ("locked-keys", "above-and-beyond", "No charge for breakfast this morning, and your next "
     "stay comes with a free night."),
    ("locked-keys", "above-and-beyond", "Breakfast is on us, and you won't have to pay for "
     "your next night either."),
    ("locked-keys", "follow-up", "I'll check in with the kitchen now, and I'll call you at "
     "six to tell you where the car is."),
    ("locked-keys", "plan", "Here's the plan - no waiting: a driver takes you at 9:30, and "
     "the car is ready by tomorrow morning."),
    ("missing-honey", "5", "You're right. You came in for a quiet breakfast and ended up "
     "chasing me - that must have been so frustrating."),
]


@pytest.mark.parametrize(("scenario_id", "step", "text"), SAID_PLAINLY)
def test_negation_and_hedges_leave_a_plain_good_answer_alone(
        catalog, scenario_id: str, step: str, text: str) -> None:  # type: ignore[no-untyped-def]
    result = assessed(catalog, scenario_id, step, text)
    assert result.score >= 90 and not result.notes, result


def test_owning_denied_is_no_ownership(catalog) -> None:  # type: ignore[no-untyped-def]
    # a red team: "... and it's not really our responsibility" scored 100 (told first, and
    # owned); telling them first still counts, half the step
    result = assessed(catalog, "locked-keys", "proactive",
                      "Good morning - I wanted you to hear it from me first: we locked your "
                      "keys in your rental car, and it's not really our responsibility.")
    assert dict(result.elements) == {"proactive": True, "ownership": False}, result
    assert result.score <= 65, result


def test_the_json_says_how_to_add_each_missing_element(catalog) -> None:  # type: ignore[no-untyped-def]
    # a red team: a score of 30 came with an empty "notes" list in --json
    result = assessed(catalog, "phone-complaint", "4",
                      "I'm refunding the second charge now; it's back on your card by Friday.")
    shown = result.as_dict()
    assert shown["elements"] == {"fix": True, "offer": False}, shown
    assert list(shown["missing"]) == ["offer"] and shown["missing"]["offer"].startswith(
        "Offer something"), shown


@pytest.mark.parametrize(("scenario_id", "step", "text"), [
    # a red team's good answers in its own words that scored 20-30 (ninth round)
    ("lost-reservation", "empathy", "Congratulations on passing the bar! And we've gone and "
     "spoiled the night you were celebrating it - I'm gutted for you."),
    ("lost-reservation", "empathy", "That's huge - well done. I hate that we've put a dent in "
     "a night like this."),
    ("lost-reservation", "empathy", "Passing the bar is a massive deal. You came to celebrate "
     "and we let you down at the door."),
    ("locked-keys", "plan", "You won't miss a viewing. My colleague Raj will drive you "
     "himself, leaving at 9:30."),
    ("missing-honey", "5", "Fair point. You should've had my full attention, and you didn't "
     "get it."),
])
def test_good_answers_in_a_red_teams_own_words(
        catalog, scenario_id: str, step: str, text: str) -> None:  # type: ignore[no-untyped-def]
    result = assessed(catalog, scenario_id, step, text)
    assert result.score >= 90 and all(result.elements[i][1] for i in
                                      range(len(result.elements))), result


def test_a_line_from_the_source_is_not_quoted_twice(home: Path) -> None:
    # a newcomer saw “(From the source) "We have a busy day..."”: the note stands before
    # the quotes, and a line already in the source's quotes is not quoted again
    path = home / "a.json"
    path.write_text(json.dumps({"lines": ["x"] * 6}))
    shown = run("practice", "saxena", "--answers", str(path), "--no-save").stdout
    assert 'Mr. Saxena: (From the source) "We have a busy day ahead' in shown, shown
    assert "“(From the source)" not in shown
    assert "Mr. Saxena: “We have viewings from ten o'clock!”" in shown


def test_an_answers_file_with_terminal_codes_or_a_nul_is_called_a_file(home: Path) -> None:
    # a red team: an answers file with a raw ESC was said to be "a playbook", one with a
    # NUL "not YAML text", though it was JSON
    for body, said in (('{"lines": ["a\x1b[2J", "b"]}', "is not allowed in this file"),
                       ('{"lines": ["a\x00", "b"]}', "binary data (a NUL byte), not a text "
                        "file")):
        path = home / "a.json"
        path.write_text(body)
        done = run("practice", "hyken", "--answers", str(path), "--no-save")
        assert done.returncode == 1 and said in done.stderr, done.stderr
        assert "playbook" not in done.stderr and "YAML" not in done.stderr, done.stderr
        assert "\x1b" not in done.stderr
