"""The wording coach on writers it has never read (issue 20): the corpus by writer, the
leave-writers-out figures, the learned component's place, and findings a trainee can trust
(every problem reported; questions, not verdicts, where the coach is unsure)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from rich.console import Console

import coach_corpus
from conftest import ROOT, run
from recoverycli.practice.engine import Coach, Finding
from recoverycli.practice.rules import CATEGORIES

COACH = Coach()
RULES_ALONE = Coach(model=None)

# What the leave-writers-out evaluation (bench/coach_eval.py, one fold per writer, the
# model refitted on the other writers each time) reached when this was last changed, with
# a little room: a change that makes the coach worse on new writers fails here. The issue's
# targets (recall >= 0.93, false flags <= 0.04, no category below 0.85) are NOT all reached
# yet: see docs/practice.md.
# The test deals the writers into FOLDS folds (each fitted on two thirds of the writers):
# fast, and lower than the one-writer-out figure of bench/coach_eval.py, which fits on all
# but one; the floors below are the three-fold figures.
FOLDS = 3
HOLD_RECALL = 0.91  # three folds, 32 writers (seventh round): 0.929 / 0.024, lowest
HOLD_FALSE = 0.03  # category 0.84 (blame-customer); (22 writers: 0.917 / 0.027, 0.83;
HOLD_CATEGORY = 0.82  # 18 writers: 0.917 / 0.032, 0.79; 16 writers: 0.905 / 0.037, 0.72)
RULES_ALONE_RECALL = 0.648  # the patterns alone, bench/coach_eval_writers_before.txt


def test_corpus_is_by_writer_unsealed_and_complete() -> None:
    phrases = coach_corpus.load_writers()
    names = coach_corpus.writers(phrases)
    assert len(names) >= 6 and not set(names) & coach_corpus.SEALED
    assert len({(p.writer, p.text) for p in phrases}) >= 0.98 * len(phrases)
    for writer in names:
        mine = [p for p in phrases if p.writer == writer]
        for cat in CATEGORIES:
            assert any(cat.id in p.labels for p in mine), (writer, cat.id)
            assert any(p.near == cat.id and not p.bad for p in mine), (writer, cat.id)
        good = [p for p in mine if not p.bad]
        assert sum(p.hard for p in good) >= len(good) / 3, writer
        assert sum(len(p.labels) >= 2 for p in mine) >= 15, writer
    for train, held in coach_corpus.folds(phrases, 3):
        assert not set(train) & set(held) and set(train) | set(held) == set(names)


def test_sealed_writers_are_refused() -> None:
    assert {"w10", "w11", "w12", "w13", "w24", "w26", "w27", "w28"} <= coach_corpus.SEALED
    assert not any((coach_corpus.WRITERS_DIR / f"{w}.yaml").exists()
                   for w in coach_corpus.SEALED)


@pytest.fixture(scope="module")
def by_writer() -> dict[str, object]:
    pytest.importorskip("sklearn")
    sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "scripts")]
    try:
        from train_coach import SHIPPED

        import coach_eval
    finally:
        del sys.path[:2]
    return coach_eval.run(SHIPPED, FOLDS, quiet=True)


def test_by_writer_figures_hold(by_writer: dict[str, object]) -> None:
    """Fitted on the other writers only, measured on each held-out writer in turn."""
    print(by_writer)
    assert by_writer["recall"] >= HOLD_RECALL  # type: ignore[operator]
    assert by_writer["false"] <= HOLD_FALSE  # type: ignore[operator]
    categories: dict[str, tuple[float, float]] = by_writer["categories"]  # type: ignore[assignment]
    assert min(r for r, _ in categories.values()) >= HOLD_CATEGORY


def test_the_model_earns_its_place(by_writer: dict[str, object]) -> None:
    """On held-out writers the model must beat the patterns alone on both counts."""
    assert by_writer["recall"] >= RULES_ALONE_RECALL + 0.1  # type: ignore[operator]
    assert by_writer["false"] <= 0.115 / 2  # type: ignore[operator]


def test_run_time_imports_nothing_of_training() -> None:
    code = ("import sys; from recoverycli.practice.engine import Coach; "
            "c = Coach(); c.check('The courier lost it, calm down.'); "
            "assert c.model is not None; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('numpy', 'sklearn', 'scipy')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def verdicts(text: str) -> set[str]:
    return {f.rule for f in COACH.check(text) if not f.unsure}


def test_two_problems_two_findings() -> None:
    text = "Calm down, it's company policy and I can't change it."
    assert {"telling-feelings", "policy"} <= verdicts(text)
    found = COACH.check(text)
    for f in found:
        assert text[f.start:f.end] == f.text and f.why and f.better and f.source


@pytest.mark.parametrize(("text", "category"), [
    ("It's unfortunate that you had to wait so long.", "non-apology"),
    ("I'll say it again: the refund takes five days.", "as-i-said"),
    ("You can find the answer in the FAQ on our website.", "hand-back"),
    ("Please stay calm.", "telling-feelings"),
    ("Most customers manage to enter the code without any trouble.", "blame-customer"),
    ("The confirmation clearly says check-in closes at ten.", "blame-customer"),
    ("We've had a mountain of tickets this week, so things are slow.", "excuse"),
    ("Acme apologises for the delay to your order.", "plural-apology"),
    ("I know it was an inconvenience.", "hollow-inconvenience"),
    ("I don't make the rules.", "policy"),
    ("The network team messed up your order.", "blame-third-party"),
])
def test_the_issues_misses_are_caught(text: str, category: str) -> None:
    """Flagged at least as a question; the next test counts the verdicts."""
    assert category in {f.rule for f in COACH.check(text)}


def test_the_issues_misses_are_mostly_verdicts() -> None:
    cases = test_the_issues_misses_are_caught.pytestmark[0].args[1]  # type: ignore[attr-defined]
    stated = [text for text, category in cases if category in verdicts(text)]
    assert len(stated) >= len(cases) - 1, set(t for t, _ in cases) - set(stated)


@pytest.mark.parametrize("text", [
    "Sorry, I gave you the wrong date earlier - I got that wrong, the engineer comes Tuesday.",
    "As I promised, I've called you back, and the refund went through this morning.",
    "As I mentioned, I've already refunded the second charge.",
    "You don't need to call anyone, I'll contact the courier myself today.",
    "I'm so sorry about the noise, I've moved you to a quiet room on the fourth floor.",
    "If I were in your shoes I'd be furious too.",
    "The courier lost your parcel, and that's on us - I've sent a replacement by express.",
    "A mistake was made with your booking, and it was mine; I've fixed it.",
    "It's our busiest season, so I should have warned you about the delay, and I'm sorry.",
    "Could you send me a screenshot? I'm already fixing it on my side.",
])
def test_the_issues_false_flags_are_no_verdicts(text: str) -> None:
    assert verdicts(text) == set(), COACH.check(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("To reiterate, the refund takes five days.", {"as-i-said"}),
    ("Per my last email, the engineer is booked for Monday.", {"as-i-said"}),
    ("Please scroll up, the answer is there.", {"as-i-said"}),
    ("It's unfortunate that your parcel arrived late.", {"non-apology"}),
    ("I regret that you took my email that way.", {"non-apology"}),
    ("You probably typed the wrong email address.", {"blame-customer"}),
    ("The confirmation clearly says check-in is at three.", {"blame-customer"}),
    ("That delay is on the bank's end, not ours.", {"blame-third-party"}),
    ("I don't think I made it clear the first time: the refund is already done.", set()),
    ("As I said I would, I rang the depot and your parcel goes out today.", set()),
    ("Once more, I am sorry we let you down; I have refunded you.", set()),
])
def test_fifth_round_shapes(text: str, expected: set[str]) -> None:
    """Issue 20, fifth round: shapes the writers used without the stock words (written
    here in other words than any writer's), and the good ones beside them."""
    assert verdicts(text) == expected, COACH.check(text)


@pytest.mark.parametrize(("text", "expected"), [
    # a formal, legalistic register (sixth round), in other words than the writer's
    ("As was explained in my letter of the 3rd, the charge stands.", {"as-i-said"}),
    ("As you have previously been advised, the account is closed.", {"as-i-said"}),
    ("You will recall that this was discussed on Monday.", {"as-i-said"}),
    ("I would ask you to compose yourself.", {"telling-feelings"}),
    ("Kindly moderate your language, sir.", {"telling-feelings"}),
    ("There is no cause for concern about the letter.", {"telling-feelings"}),
    ("Discrepancies of this sort are to be expected with insurance claims.", {"excuse"}),
    ("The office is working with reduced staffing this month.", {"excuse"}),
    ("The payments team keyed the wrong amount, which is why your card was charged twice.",
     {"blame-third-party"}),
    ("Our files indicate that you were sent the form in March.", {"blame-customer"}),
    ("No one told you to cancel the standing order.", {"blame-customer"}),
    ("Disputes of this kind should be directed to the claims office.", {"cold-transfer"}),
    ("I regret that there has been some confusion about your deductible.", {"non-apology"}),
    ("I am sorry the outcome was not to your satisfaction.", {"non-apology"}),
    # and good wording beside them
    ("You are not overreacting at all; two wrong bills in a row is not acceptable.", set()),
    ("I won't hide behind the volume of claims we handle: I lost your form, and I'm sorry.",
     set()),
    ("The statement did not explain the fee clearly, which is our failing; I've rewritten it.",
     set()),
])
def test_sixth_round_shapes(text: str, expected: set[str]) -> None:
    """Issue 20, sixth round: w25 wrote in a formal register the coach had not read (0.77
    recall on arrival); these are its shapes in other words. Each problem is found (stated
    or asked: the model, which has read one such writer, may still doubt it), and the good
    wording beside them gets no verdict."""
    if expected:
        assert expected <= {f.rule for f in COACH.check(text)}, COACH.check(text)
    else:
        assert verdicts(text) == set(), COACH.check(text)


def test_a_rant_gets_every_problem_stated() -> None:
    """A red team (issue 20): a sentence with six problems or more came back as questions
    only (the model read it as clean), and a more specific finding anywhere in the
    sentence silenced the others ("the courier lost it", "not my department", "fill in a
    form" and "short staffed" were lost)."""
    rant = ("As I said, we apologise for any inconvenience, but calm down, the courier lost "
            "it, it's company policy, not my department, you should have read the terms, you "
            "need to fill in a form, the manager here is useless and we're short staffed")
    assert {"as-i-said", "plural-apology", "hollow-inconvenience", "telling-feelings",
            "blame-third-party", "policy", "cold-transfer", "blame-customer", "hand-back",
            "bad-mouthing", "excuse"} <= verdicts(rant), COACH.check(rant)


def test_owning_taken_back_by_but_is_no_owning() -> None:
    """A red team (issue 20): "that's my mistake, but the courier lost it" was only asked
    about - the owning escaped the pattern though a later "but" takes it back."""
    assert "blame-third-party" in verdicts("I'm sorry and that's my mistake, but the courier "
                                           "lost it.")
    owned = COACH.check("The courier lost it, and that's on us.")
    assert owned and all(f.unsure for f in owned)


@pytest.mark.parametrize(("text", "absent"), [
    # a trainee's good wording that got verdicts (nc20, sixth round)
    ("Like I said earlier, the replacement is already on the van - and I'm sorry it's taken "
     "two goes.", "as-i-said"),
    ("Our policy says 14 days, but I'm making an exception for you.", "policy"),
    # "you've told me" is the customer telling us: "you have been? told" read it as "you
    # were told" (and "as you have told me" as a repeat)
    ("Sorry - I know you've told me this already; thanks for bearing with me.",
     "blame-customer"),
    ("As you have told me, the engineer never came.", "as-i-said"),
    # the customer helps while the agent works (a red team)
    ("could you check the serial on the back for me while I pull up the warranty?",
     "hand-back"),
])
def test_a_trainees_good_wording_gets_no_verdict(text: str, absent: str) -> None:
    assert absent not in verdicts(text), COACH.check(text)


def test_owning_the_problem_turns_a_pattern_hit_into_a_question() -> None:
    """Owned in the next sentence: the pattern's own escape (owning in the same sentence,
    "..., and it was mine") cannot see it; the weighing of the sentence with its
    neighbours does, and asks instead of stating."""
    text = "The courier lost your parcel. That is on us, and I have sent a replacement."
    assert "blame-third-party" in {f.rule for f in RULES_ALONE.check(text)}
    found = COACH.check(text)
    assert found and all(f.unsure for f in found)
    same = "A mistake was made with your booking, and it was mine; I've fixed it."
    assert not RULES_ALONE.check(same) and not COACH.check(same)


UNSURE = Finding("blame-third-party", 4, 11, "courier", "Blames someone else.",
                 "Say what you did about it.", "A source", unsure=True)


def test_a_question_asks_what_fits_its_category() -> None:
    """A trainee (sixth round): "If you are owning it, say so" after "Is this telling the
    customer how to feel?" made no sense. Owning is asked of the categories that disown the
    problem; the others say their own remedy."""
    from recoverycli.practice.engine import DISOWNING, question

    for rule in ("telling-feelings", "as-i-said", "policy", "plural-apology"):
        assert "owning" not in question(rule, "B."), rule
        assert question(rule, "B.").endswith(": B.")
    assert "If so, acknowledge the feeling" in question("telling-feelings", "B.")
    for rule in DISOWNING - {"bad-mouthing"}:
        assert "If you are owning it, say so: B." in question(rule, "B."), rule


def test_a_question_in_check_is_shown_as_one_and_exits_0(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    import io

    from recoverycli.practice.plain import print_findings

    out = io.StringIO()
    print_findings("The courier was late.", [UNSURE], file=out, width=80)
    shown = out.getvalue()
    assert "blame-third-party?" in shown
    assert "Is this blaming someone else for the failure? If you are owning it, say so:" \
        in " ".join(shown.split())
    assert "why:" not in shown
    assert UNSURE.as_dict()["unsure"] is True and "question" in UNSURE.as_dict()


def test_check_json_carries_the_doubt_and_only_verdicts_exit_1() -> None:
    text = "The courier lost your parcel. That is on us, and I have sent a replacement."
    result = run("check", "--json", text)
    assert result.returncode == 0, result.stdout
    found = json.loads(result.stdout)["findings"]
    assert found and all(f["unsure"] and f["question"].startswith("Is this") for f in found)
    assert run("check", "Calm down.").returncode == 1


def test_the_live_coach_asks_too() -> None:
    from recoverycli.practice.render import coach_lines

    console = Console(width=80, color_system=None, force_terminal=True)
    text = "The courier was late."
    shown = coach_lines(text, [UNSURE], 80, 10, console)
    assert "[blame-third-party?]" in shown and "Is this blaming" in shown
    assert "Better:" not in shown


def test_a_question_counts_neither_way_in_practice() -> None:
    from recoverycli.practice.scoring import FINDING_CAP, score_answer

    answer = ("I'm so sorry, I've refunded the second charge to your card today and I'll "
              "email you the confirmation by five.")
    expect = ["apology", "fix"]
    clean, _, _ = score_answer(answer, expect, (), "")
    asked, _, _ = score_answer(answer, expect, (UNSURE,), "")
    told, _, _ = score_answer(answer, expect, (UNSURE._replace(unsure=False),), "")
    assert asked == clean
    assert told <= FINDING_CAP < clean or told == clean == FINDING_CAP


@pytest.mark.parametrize(("answer", "present"), [
    ("The money goes back to your card today; you'll have it by Thursday.", True),
    ("It'll go back to your card within three days.", True),
    ("You'll have to fill in a form by Friday.", False),
    ("You'll get a refund eventually.", False),
])
def test_a_fix_said_from_the_customers_side_counts(answer: str, present: bool) -> None:
    from recoverycli.practice.scoring import has_element

    assert has_element("fix", answer) is present


def test_a_refund_and_a_confirmation_are_no_offer() -> None:
    from recoverycli.practice.scoring import has_element

    assert not has_element("offer", "I've refunded the second charge to your card, and "
                                    "I'll email you the confirmation.")


def test_the_shipped_model_is_fresh() -> None:
    """coach_model.tsv was fitted by scripts/train_coach.py on today's corpus, lexicon and
    features, and not edited since: the digest it wrote then still matches (refitting to
    compare, ``python scripts/train_coach.py --check``, takes a minute)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from train_coach import DIGEST, digest
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert DIGEST.read_text(encoding="utf-8") == digest(), "run python scripts/train_coach.py"


def test_an_apology_naming_what_happened_is_not_even_a_question() -> None:
    """The model reads "sorry you" as a non-apology's words; a first-person apology for
    what happened, with no hedge, is not one (issue 20, step 2)."""
    for text in ("I'm sorry you were charged twice.",
                 "I'm so sorry your parcel went to your old address."):
        assert COACH.check(text) == [], text
    assert "non-apology" in verdicts("I'm sorry you feel that way.")


@pytest.mark.parametrize("text", [
    "We had a flooded kitchen, which is why breakfast is late, but that's on me, not you.",
    "Honestly, the service you got was awful, and we caused it.",
    "Our service was awful and we caused it.",
])
def test_owning_it_leaves_no_verdict_of_disowning(text: str) -> None:
    """A reason named, or the service run down, by a speaker who owns it: at most asked."""
    assert verdicts(text) == set(), COACH.check(text)


@pytest.mark.parametrize(("element", "answer"), [
    ("proactive", "I wanted to let you know your keys were locked in the car overnight."),
    ("proactive", "Before you go to the desk, I need to tell you something."),
    ("proactive", "I'd rather you heard this from me: we locked your keys in the car."),
    ("offer", "Please have a free breakfast in the dining room."),
    ("offer", "Breakfast is on us."),
    ("fix", "A locksmith is booked for 8:30 and the car will be out front by nine."),
    ("follow_up", "I'll give you a ring at one o'clock to see how the viewings went."),
    ("follow_up", "I'll ring your mobile at lunchtime to check the car's behaving."),
])
def test_elements_in_a_trainees_own_words(element: str, answer: str) -> None:
    from recoverycli.practice.scoring import has_element

    assert has_element(element, answer)


@pytest.mark.parametrize("answer", [
    "I've refunded the second charge to your card, and I'll email you the confirmation.",
    "I've put a credit on your account for the refund.",
])
def test_putting_it_right_is_still_no_offer(answer: str) -> None:
    from recoverycli.practice.scoring import has_element

    assert not has_element("offer", answer)


@pytest.mark.parametrize("answer", ["sorry our mistake own it",
                                    "empathy frustrating understand feel",
                                    "proactive ownership our mistake keys locked"])
def test_a_keyword_list_scores_the_base_at_most(answer: str) -> None:
    from recoverycli.practice.scoring import BASE, score_answer

    expect = ["apology", "ownership", "empathy", "proactive"]
    assert score_answer(answer, expect, ())[0] <= BASE
    assert score_answer("I'm sorry, that was our mistake.", expect, ())[0] > BASE


def test_practice_by_writer() -> None:
    """Answers by independent writers (tests/data/incoming/practice): a good own-words
    answer averages 70 or more on every step of every scenario (held at 85: the thirteen
    training writers' worst step is 92.4), keyword-dressed poor answers 40 or less on every
    step (held at 36: their highest is 33.6), keyword lists 20
    (bench/coach_practice_eval.py prints the detail)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import coach_practice_eval
    finally:
        sys.path.remove(str(ROOT / "bench"))
    got = coach_practice_eval.evaluate()
    steps: dict[tuple[str, str], float] = got["good_steps"]  # type: ignore[assignment]
    assert min(steps.values()) >= 85, {k: v for k, v in steps.items() if v < 85}
    assert got["dressed"][0] <= 30  # type: ignore[index]
    assert got["dressed"][1][1] <= 36  # type: ignore[index]  (the highest step)
    assert got["list"][0] <= 20  # type: ignore[index]  (every list, at every step)
    assert got["list"][1][1] <= 20  # type: ignore[index]


def test_a_short_answer_with_no_punctuation_reads_as_a_list() -> None:
    """Writers' keyword lists that read almost like speech ("listen tell me what
    happened", "our fault own it no blame") scored 65-100; under 8 words with no
    punctuation at all they are lists. The same words said as a sentence are not."""
    from recoverycli.practice.scoring import BASE, score_answer

    expect = ["listen"]
    for jotted in ("listen tell me what happened", "so you're saying honey order right",
                   "our fault own it no blame"):
        score, _, notes = score_answer(jotted, expect, ())
        assert score <= BASE and "list of words" in notes[0], jotted
    assert score_answer("Tell me what happened, I'm listening.", expect, ())[0] > BASE
    assert score_answer("i'm so sorry this happened to you and i will sort it out right "
                        "now for you", ["apology"], ())[0] > BASE  # long: said, unpunctuated
    for said in ("I'm doing it right now.", "I'm refunding the second charge today."):
        assert score_answer(said, ["fix"], ())[0] > BASE, said  # short, but punctuated
    # typed as in a chat, without the full stop, but opening as a sentence does (a red
    # team: both scored 20, "a list of words")
    for said in ("I will call you tomorrow at 10", "Dana I'm so sorry we charged you twice"):
        score, _, notes = score_answer(said, ["apology", "follow_up"], ())
        assert score > BASE and not any("list of words" in n for n in notes), said


@pytest.mark.parametrize(("text", "expected"), [
    # seventh round: blame of the customer and impatient repetition without the stock
    # words (w31-w33 and w37-w45's shapes, in other words than any writer's)
    ("Your browser is badly out of date, that'll be why.", {"blame-customer"}),
    ("You needed to be in when the fitter came.", {"blame-customer"}),
    ("Most folks spot the tracking link straight away.", {"blame-customer"}),
    ("The booking page does mention the deposit.", {"blame-customer"}),
    ("The size chart is hard to miss.", {"blame-customer"}),
    ("A quick read of the reminder text would have saved us both this call.",
     {"blame-customer"}),
    ("I did just explain that, the voucher is already on your account.", {"as-i-said"}),
    ("For the third time now, the van comes on Tuesday.", {"as-i-said"}),
    ("You asked the same question this morning and the answer hasn't changed.",
     {"as-i-said"}),
    ("Again I'm telling you, it's with the bank.", {"as-i-said"}),
    # and good wording beside them
    ("You did everything right; the form was confusing, and that's on us.", set()),
    ("Nothing you did caused this - the payment page failed on our side.", set()),
    ("Thank you for telling us - without your call we wouldn't have known.", set()),
    ("As I promised this morning, I've rung the depot and it's out for delivery.", set()),
])
def test_seventh_round_shapes(text: str, expected: set[str]) -> None:
    """Issue 20, seventh round: the weakest category on new writers was blaming the
    customer (0.68 and 0.67 on two sealed writers on arrival); these shapes are found, and
    the good wording beside them gets no verdict."""
    if expected:
        assert expected <= {f.rule for f in COACH.check(text)}, COACH.check(text)
    else:
        assert verdicts(text) == set(), COACH.check(text)


@pytest.mark.parametrize(("text", "expected"), [
    # owning words used to game the coach (a red team): the "but" takes them back, and
    # names for people are bad-mouthing however much is owned
    ("I take ownership, but a table's a table and the new girl did it.", "excuse"),
    ("That's on us, and frankly the warehouse lot are clowns.", "bad-mouthing"),
    ("My fault entirely, but the courier is useless and always loses stuff.",
     "blame-third-party"),
])
def test_owning_words_do_not_hide_a_problem(text: str, expected: str) -> None:
    assert expected in verdicts(text), COACH.check(text)


@pytest.mark.parametrize("text", [
    # wrong verdicts a red team found: "don't apologise" is no apology; thanks for being
    # told is no blame; a wait named is a real cost; a word or two says nothing; "not
    # allowed to let you leave without" is no rule hidden behind
    "Please don't apologise - a week of chasing would wear anyone down.",
    "Thank you for telling us - without your call we wouldn't have known.",
    "Sorry for the wait - I've got your file open now.",
    "ok",
    "I'm not allowed to let you leave without a replacement, so here's one.",
    "Our hotel car will run you there at nine and we'll bring your car to you.",
])
def test_red_team_wrong_verdicts_are_gone(text: str) -> None:
    assert verdicts(text) == set(), COACH.check(text)


@pytest.mark.parametrize(("element", "answer", "present"), [
    # seventh round: practice writers' good answers in a second language's present tense,
    # said times, and what the stock lines are not
    ("fix", "The locksmith arrives at 8:45 and your car is open by nine.", True),
    ("fix", "I bring you fresh muffins in five minutes, no charge.", True),
    ("fix", "It will be ready in ten minutes.", True),
    ("follow_up", "I call you on Monday at 11 to check the money is back.", True),
    ("proactive", "I have to tell you something first: we locked your keys in the car.",
     True),
    ("listen", "Tell me the whole story from the start; I'm writing it all down.", True),
    ("listen", "Okay. What's your account number?", False),
    ("empathy", "I totally understand how you feel. Anyway, anything else?", False),
    ("ownership", "We take full responsibility but the auto lock is really the issue here.",
     False),
    ("fix", "I can put you on the waiting list, but I can't promise anything tonight.",
     False),
])
def test_seventh_round_elements(element: str, answer: str, present: bool) -> None:
    from recoverycli.practice.scoring import has_element

    assert has_element(element, answer) is present


@pytest.mark.parametrize(("text", "expected"), [
    # a red team's second round (seventh): owning taken back by the next sentence's
    # opening or by "their problem now"; brushing the customer off; a partner's number
    # handed over; impersonal regret without "it"; "nothing I can do"
    ("I take full ownership. That said, we're swamped this week so it'll be a while.",
     "excuse"),
    ("That's on us; the courier failed, and it's their problem now, ring them.", "hand-back"),
    ("That's on us, but the courier dropped the ball, and like I said you should have read "
     "the email.", "as-i-said"),
    ("I take responsibility, but frankly you're an idiot for ticking that box.",
     "telling-feelings"),
    ("That's on me. You're being ridiculous though.", "telling-feelings"),
    ("Shut up and listen.", "telling-feelings"),
    ("Take it or leave it.", "telling-feelings"),
    ("Is very unfortunate that you had problem with order.", "non-apology"),
    ("There's nothing I can do.", "policy"),
])
def test_red_team_second_round_is_caught(text: str, expected: str) -> None:
    assert expected in verdicts(text), COACH.check(text)


@pytest.mark.parametrize(("text", "rule"), [
    ("Please direct any further correspondence to our insurance partner on 0345 600 700.",
     "hand-back"),
    ("I am giving you number of partner, please call them.", "hand-back"),
    ("I'll say it again, the parcel left the depot yesterday.", "as-i-said"),
])
def test_red_team_second_round_is_at_least_asked(text: str, rule: str) -> None:
    assert rule in {f.rule for f in COACH.check(text)}, COACH.check(text)


@pytest.mark.parametrize("text", [
    "I am sorry for the distress this has caused you. I have waived the fee.",
    "Even if policy says no, I can give you a voucher and free delivery.",
    # a newcomer: saying back what was heard is what hyken's step 2 asks for
    "So the jacket came in a medium when you ordered a large, and you needed it for a trip "
    "on Friday - have I got that right?",
    "There's nothing I can do to change what happened, but I've refunded you today.",
])
def test_red_team_second_round_good_wording_gets_no_verdict(text: str) -> None:
    assert verdicts(text) == set(), COACH.check(text)


def test_a_neighbours_problem_is_not_this_sentences() -> None:
    # a newcomer: "Calm down, it's only a jacket. Was it the medium?" flagged the question
    found = COACH.check("Calm down, it's only a jacket. Was it the medium?")
    assert {f.text for f in found} == {"Calm down", "it's only a"}, found


@pytest.mark.parametrize(("element", "answer"), [
    # a newcomer's own good answers that were marked as missing the element
    ("ownership", "Mr. Green, I'm so sorry - you asked me twice for honey and I never "
                  "brought it."),
    ("follow_up", "Next time ask for me and I'll check the honey is on the table before the "
                  "muffins."),
    ("empathy", "You're right, I was rushing, and that's not fair on you - I'm sorry you had "
                "to ask twice for something so simple."),
])
def test_a_newcomers_good_answers_have_their_elements(element: str, answer: str) -> None:
    from recoverycli.practice.scoring import has_element

    assert has_element(element, answer)


@pytest.mark.parametrize("answer", [
    "sorry apologise mistake ours fix refund today now right away voucher call friday",
    "sorry my fault we fix it now refund today voucher next time call you friday",
])
def test_a_run_of_keywords_with_no_marks_is_a_list(answer: str) -> None:
    # a red team: 90 on step 1 of phone-complaint, with no "list of words" note
    from recoverycli.practice.scoring import BASE, score_answer

    score, _, notes = score_answer(answer, ["apology", "ownership", "fix"], ())
    assert score <= BASE and "list of words" in notes[0]
    said = "i am sorry we got it wrong i will refund you today and call you friday"
    assert score_answer(said, ["apology", "fix"], ())[0] > BASE


@pytest.mark.parametrize(("text", "expected"), [
    # a red team's third round: "though" and "however" take owning back as "but" does;
    # calling the customer names is telling-feelings
    ("I take ownership, though frankly the courier is useless.", "bad-mouthing"),
    ("That's on us, though honestly it's been chaos with the new software.", "excuse"),
    ("I take ownership; however, our supplier failed and it's peak season.",
     "blame-third-party"),
    ("You idiot.", "telling-feelings"),
])
def test_red_team_third_round_is_caught(text: str, expected: str) -> None:
    assert expected in verdicts(text), COACH.check(text)


def test_naming_who_did_it_and_owning_it_is_no_verdict() -> None:
    # a red team's own good answer got a blame-third-party verdict: "That's our doing."
    text = ("Mr. Saxena, before you hear it from anyone else: our night porter locked your "
            "keys inside your rental car last night. That's our doing.")
    assert verdicts(text) == set(), COACH.check(text)


@pytest.mark.parametrize("text", ["We'll sort it.", "We will try to sort it.",
                                  "I'll get it sorted for you today."])
def test_a_plain_promise_of_our_own_tells_nobody_how_to_feel(text: str) -> None:
    # found while scoring practice answers: "We'll try to sort it." had a telling-feelings
    # verdict from the model alone (its writers' "don't worry, we'll sort it")
    assert "telling-feelings" not in {f.rule for f in COACH.check(text)}, COACH.check(text)
    assert "telling-feelings" in verdicts("Don't worry, we'll sort it.")


@pytest.mark.parametrize(("text", "rule"), [
    # a red team: formal excuses in new words were read as clean
    ("Owing to exceptional seasonal volumes, your parcel is delayed.", "excuse"),
    ("Due to staffing constraints, we could not answer sooner.", "excuse"),
    ("As a result of high call volumes, nobody rang you back.", "excuse"),
])
def test_formal_excuses_in_new_words_are_at_least_asked(text: str, rule: str) -> None:
    assert rule in {f.rule for f in COACH.check(text)}, COACH.check(text)


def test_the_shipped_model_finds_every_feature_it_holds() -> None:
    # the model bisects its sorted lines for a feature: a line out of order, or a feature
    # with a character that sorts before the tab, would be silently never found
    from recoverycli.practice.model import PATH, shipped

    model = shipped()
    assert model is not None
    lines = PATH.read_text(encoding="utf-8").rstrip("\n").split("\n")[1:]
    assert lines == sorted(lines)
    for line in lines[::97]:
        feat = line.partition("\t")[0]
        assert all(ch > "\t" for ch in feat), feat
        assert model._get(feat), feat
    assert model._get("w:no-such-feature-anywhere") == ()


@pytest.mark.parametrize("text", [
    # training writers' good answers that got a verdict from the model alone: asking for
    # the story as a request, and a courtesy
    "Walk me through it - when you came down, where did it look like the water was coming "
    "from?",
    "Tell me what you saw when you came down.",
    "You're welcome, Mr. Osei. I'll call you at six this evening, after the engineer's been, "
    "to make sure everything's dry and working.",
])
def test_asking_for_the_story_and_a_courtesy_get_no_verdict(text: str) -> None:
    assert verdicts(text) == set(), COACH.check(text)
    assert "blame-customer" in verdicts("Tell me why you didn't read the terms.")


@pytest.mark.parametrize(("element", "answer"), [
    # training writers' good answers that lacked the element: an alternative of two words
    # inside an alternation ("just to check|confirm|be sure", "make sure") matched nothing
    ("ownership", "our installer got this wrong and its on us to put it right."),
    ("ownership", "It was our installation, so it's our mess to clean up."),
    ("listen", "Tell me when you first spotted the two charges and what happened after."),
    ("listen", "Just so I've got it - you asked when I came round, and it never came. Is "
               "that it?"),
    ("listen", "Just to check, the charge came on the 3rd?"),
    ("follow_up", "I'll call you on the 14th to check the refund is showing."),
    ("follow_up", "If you leave me your email, I'll write to you on Monday to make sure "
                  "you're happy."),
    ("fix", "It's going through as we speak. The €89 will be in your account by Wednesday."),
    ("fix", "Here is plan: locksmith at 8:45, your car open at front door by 9:00."),
    ("offer", "Full breakfast for two, no charge, in our restaurant."),
])
def test_good_answers_in_writers_words_have_their_elements(element: str, answer: str) -> None:
    from recoverycli.practice.scoring import has_element

    assert has_element(element, answer)


@pytest.mark.parametrize(("text", "expected"), [
    # a third red team: "mind you" takes owning back as "but" does; where an error
    # "originated" names whom it blames
    ("I'm sorry again, we got it wrong, that was our mistake - mind you, the payment "
     "processor double-posted it.", "blame-third-party"),
    ("That's on us, mind you the courier is useless.", "bad-mouthing"),
])
def test_red_team_fourth_round_is_caught(text: str, expected: str) -> None:
    assert expected in verdicts(text), COACH.check(text)


def test_where_an_error_originated_is_at_least_asked() -> None:
    text = "I take full responsibility; however, the error originated with the bank."
    assert "blame-third-party" in {f.rule for f in COACH.check(text)}, COACH.check(text)


@pytest.mark.parametrize("text", [
    # a third red team's good phrases with a blame-customer verdict from the model alone
    "you did nothing wrong, the mistake is ours",
    "You're right, the confirmation should have said that clearly, and it didn't.",
    "That was our mistake, mind you, and I've already refunded it.",
])
def test_clearing_the_customer_is_no_blame(text: str) -> None:
    assert verdicts(text) == set(), COACH.check(text)
    assert "blame-customer" in verdicts("You're right, you should have read the terms.")


@pytest.mark.parametrize(("element", "answer"), [
    # a third red team's good answers in its own words that scored under 70
    ("fix", "A locksmith is booked for nine fifteen, and if he's late I've got a spare car on "
            "standby so you still make your ten o'clock."),
    ("empathy", "After all that planning for a night celebrating the bar exam, this must be "
                "gutting."),
    ("ownership", "I'm so sorry, the table was lost on our end, not yours."),
    ("offer", "I've put three months on your plan at no cost to make up for it."),
    ("fix", "It's going through as we speak - the money should be back on your card by "
            "Wednesday."),
])
def test_a_red_teams_good_answers_have_their_elements(element: str, answer: str) -> None:
    from recoverycli.practice.scoring import has_element

    assert has_element(element, answer)


@pytest.mark.parametrize("text", ["I own this, but it was your fault",
                                  "I own this, it was your fault",
                                  "It was your fault, to be honest."])
def test_their_fault_is_a_verdict_whatever_owns_it(text: str) -> None:
    # a red team: "I own this" before "it was your fault" made the blame only a question
    assert "blame-customer" in verdicts(text), COACH.check(text)
    assert verdicts("It's not your fault at all.") == set()
