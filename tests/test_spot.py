"""Spot the mistakes in Borg's missing-honey story (issue 21)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run
from recoverycli.practice.spot import MISTAKES, STORY, spot


def test_the_story_is_borgs_and_says_so() -> None:
    assert "Borg" in STORY.source and "walk" in str(STORY.text).lower()
    assert len(MISTAKES) >= 4
    for mistake in MISTAKES:
        assert mistake.playbook_would and mistake.source


def test_scored_on_the_mistakes_found() -> None:
    none = spot(["The muffins were nice."])
    assert none.score == 0 and not any(none.found.values())
    some = spot(["She promised the honey and never brought it.",
                 "She blamed being busy - an excuse."])
    assert 0 < some.score < 100
    assert some.found["promise"] and some.found["excuse"] and not some.found["no-fix"]
    every = spot(["She broke her promise about the honey", "made an excuse about being busy",
                  "left the bill and walked away without fixing anything",
                  "gave him no reason to come back"])
    assert every.score == 100


def test_spot_from_an_answers_file(home: Path) -> None:
    answers = home / "spot.yaml"
    answers.write_text('lines: ["She never brought the honey she promised."]\n')
    result = run("practice", "--spot", "--answers", str(answers), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["found"]["promise"] and 0 < data["score"] < 100
    human = run("practice", "--spot", "--answers", str(answers)).stdout
    assert "Missed" in human and "the playbook would have" in human


def test_progress_never_sends_the_trainee_to_a_scenario_that_is_not_one(home: Path) -> None:
    """A spot-the-mistakes attempt is recorded; progress's "practise next" still names a
    real scenario."""
    answers = home / "spot.yaml"
    answers.write_text('lines: ["x"]\n')
    assert run("practice", "--spot", "--answers", str(answers)).returncode == 0
    report = json.loads(run("progress", "--json").stdout)
    assert "spot-the-mistakes" not in report["next"]["command"]
