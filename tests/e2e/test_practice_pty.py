"""Role-play and quiz end to end, in a real pseudo-terminal."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run
from e2e.pty import finish, spawn


def test_role_play_in_a_terminal(tmp_path: Path) -> None:
    child = spawn("practice", "heal", "--scenario", "lost-reservation", home=tmp_path)
    child.expect("The lost reservation")
    child.expect("Step 1 of 4")
    child.expect("We booked this table")
    child.expect("You:")
    child.send("We're sorry for any inconvenience.\r")
    child.expect("plural-apology")
    child.expect("Ms. Reyes reacts:")  # issue 21: the flagged answer makes her angrier
    child.expect("all you have to say")
    child.expect("Step 2 of 4")
    child.expect("You:")
    child.send("I can see how much tonight meant to you.\r")
    child.expect("No wording the sources warn against")
    child.expect("You:")
    child.send("I'm setting a new table for you right now.\r")
    child.expect("You:")
    child.send("Dinner is on us next time, and I'll call you tomorrow.\r")
    child.expect("Enter: see your score")  # the last step's feedback is read first
    child.send("\r")
    child.expect("overall")
    child.expect("Best:")
    child.expect(r"retry your weakest step \(step 1")  # issue 21: r retries one step
    child.expect("Retry?")
    child.send("r\r")
    child.expect("We booked this table")
    child.expect("You:")
    child.send("I'm so sorry, Ms. Reyes - I gave your table away and that was our mistake.\r")
    child.expect(r"Step 1: \d+ before, 100 now")  # every step is now full marks: done
    child.expect("recover progress")
    assert finish(child) == 0
    report = json.loads(run("progress", "--json",
                            env={"RECOVER_DATA_DIR": str(tmp_path / "data")}).stdout)
    [attempt] = report["attempts"]
    assert attempt["scenario"] == "lost-reservation" and 0 < attempt["last"] < 100


def test_quiz_in_a_terminal(tmp_path: Path) -> None:
    child = spawn("quiz", "hyken", "--seed", "4", "--count", "2", home=tmp_path)
    child.expect("Question 1 of 2")
    child.expect("Order:")
    child.send("abcdefg\r")
    child.expect("Question 2 of 2")
    child.expect("Your answer")
    child.send("\r")  # take the highlighted first option
    child.expect(r"Quiz score: \d of 2")
    assert finish(child) == 0


def test_ctrl_c_in_practice_exits_130(tmp_path: Path) -> None:
    child = spawn("practice", "saxena", home=tmp_path)
    child.expect("You:")
    child.send("half an ans\x03")
    child.expect("Stopped; this attempt was not recorded. Start again with: recover practice")
    assert finish(child) == 130
    report = json.loads(run("progress", "--json",
                            env={"RECOVER_DATA_DIR": str(tmp_path / "data")}).stdout)
    assert report["attempts"] == []


def test_an_empty_answer_is_said_and_asked_again_once(tmp_path: Path) -> None:
    child = spawn("practice", "heal", "--scenario", "lost-reservation", home=tmp_path)
    child.expect("Step 1 of 4")
    child.expect("You:")
    child.send("\r")
    child.expect("An empty answer scores 0")
    child.expect("You:")
    child.send("I'm sorry, this is my fault.\r")
    child.expect("Step 2 of 4")
    child.expect("You:")
    child.send("\r")
    child.expect("An empty answer scores 0")
    child.expect("You:")
    child.send("\r")  # twice: left blank, on to the next step
    child.expect("Step 3 of 4")
    child.send("\x03")
    assert finish(child) == 130


def test_quiz_partial_credit_and_why_in_a_terminal(tmp_path: Path) -> None:
    """Issue 21: a nearly right order earns part of the mark and names the step out of
    place; a wrong choice says why, with its source."""
    from recoverycli.playbooks.catalog import load_catalog
    from recoverycli.practice.engine import Coach
    from recoverycli.practice.quiz import ORDER, make_quiz

    book = load_catalog(write_cache=False).get("hyken")
    first, second = make_quiz([book], Coach(), 4, 2)
    assert first.kind == ORDER and second.kind != ORDER
    moved = first.answer[1:] + first.answer[0]
    wrong = next(i + 1 for i, o in enumerate(second.options) if o != second.answer)
    child = spawn("quiz", "hyken", "--seed", "4", "--count", "2", home=tmp_path)
    child.expect("Order:")
    child.send(moved + "\r")
    child.expect("Partly right")
    child.expect("is out of place")
    child.expect("Your answer")
    child.send(str(wrong))
    child.send("\r")
    child.expect("The answer:")
    child.expect("Why:")
    child.expect("Hyken")
    child.expect(r"Quiz score: 0 of 2 right \(\d+/100")
    assert finish(child) == 0


def test_hand_off_scenario_jumps_from_3_to_7_in_a_terminal(tmp_path: Path) -> None:
    child = spawn("practice", "hyken", "--scenario", "three-way-call", home=tmp_path)
    child.expect("From the source:")
    child.expect("Our invention:")
    for _ in range(3):
        child.expect("You:")
        child.send("I'm sorry, I'm bringing Priya into this call and staying on the line.\r")
    child.expect("Step 4 of 4")
    child.expect("Stay in touch and circle back")
    child.expect("You:")
    child.send("I'll call you tomorrow morning to check it's fixed.\r")
    child.expect("Enter: see your score")
    child.send("\r")
    child.expect("overall")
    child.expect("Retry?")
    child.send("\r")
    child.expect("recover progress")  # the end screen points to progress
    assert finish(child) == 0


def test_spot_the_mistakes_in_a_terminal(tmp_path: Path) -> None:
    child = spawn("practice", "--spot", home=tmp_path)
    child.expect("Spot the mistakes")
    child.expect("Mistake:")
    child.send("She promised the honey and never brought it\r")
    child.expect("Mistake:")
    child.send("She left the bill and walked off\r")
    child.expect("Mistake:")
    child.send("\r")
    child.expect("Missed:")
    child.expect("the playbook would have")
    child.expect(r"Spotted 2 of 4 mistakes \(50/100\)")
    assert finish(child) == 0
    report = run("progress", "--json", env={"RECOVER_DATA_DIR": str(tmp_path / "data")})
    assert report.returncode == 0
    assert json.loads(report.stdout)["attempts"][0]["last"] == 50


def test_practice_with_no_argument_offers_a_picker(tmp_path: Path) -> None:
    """Issue 21: `practice` alone on a terminal lists the scenarios to choose from."""
    child = spawn("practice", home=tmp_path)
    child.expect("Which scenario")
    child.expect("The lost reservation")
    child.expect("Spot the mistakes")
    child.send("\r")  # the highlighted first scenario
    child.expect("Role-play:")
    child.expect("You:")
    child.send("\x03")
    assert finish(child) == 130


def test_feedback_that_would_scroll_off_waits_and_typing_goes_on(tmp_path: Path) -> None:
    # a newcomer at 80x24: a step's feedback scrolled off under the reaction and the next
    # step before it was read; now it waits, and typing there starts the next answer
    child = spawn("practice", "hyken", home=tmp_path, size=(24, 80))
    child.expect("Step 1 of 7")
    child.expect("You:")
    child.send("We're sorry for any inconvenience, the system was down, you should have "
               "called earlier.\r")
    child.expect("reacts:")
    child.expect("Enter: go on")
    assert "Step 2 of 7" not in child.screen.text()
    assert "[blame-customer]" in child.screen.text()
    child.send("So you asked")
    child.expect("Step 2 of 7")
    child.expect("So you asked")
    assert "You: So you asked" in child.screen.text()
    child.send(" for honey twice and I never brought it, is that right?\r")
    child.expect("Step 3 of 7")
    child.sendcontrol("c")
    assert finish(child) == 130


def test_the_last_steps_feedback_waits_before_the_summary(tmp_path: Path) -> None:
    # a newcomer at 80x24: the summary printed straight after the last step's feedback,
    # so "why 30?" had to be scrolled back to
    child = spawn("practice", "heal", "--scenario", "lost-reservation", home=tmp_path,
                  size=(24, 80))
    for number, answer in enumerate((
            "I'm so sorry, Ms. Reyes - we gave your table away, and that's on us.",
            "I can see how much tonight meant to you.",
            "I'm setting a new table for you right now, ready in five minutes."), start=2):
        child.expect("You:")
        child.send(answer + "\r")
        if child.expect(["Enter: go on", f"Step {number} of 4"]) == 0:
            child.send("\r")
    child.expect("You:")
    child.send("Thanks for coming.\r")
    child.expect("Enter: see your score")
    shown = child.screen.text()
    assert "overall" not in shown and "a follow-up, and when" in shown, shown
    child.send("\r")
    child.expect("overall")
    child.expect("Retry?")
    child.send("\r")
    child.expect("recover progress")
    assert finish(child) == 0
