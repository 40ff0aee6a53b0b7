"""The wording coach: the labelled corpus, every rule's examples, team rules, ``check``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import run
from recoverycli.coach import Coach
from recoverycli.errors import DocumentError, UsageError

CORPUS = yaml.safe_load((Path(__file__).parent / "data" / "coach_corpus.yaml").read_text())
COACH = Coach.load()


def corpus_scores(coach: Coach) -> tuple[float, float, float]:
    """Recall on the bad phrases, false-flag rate on the fine ones, and precision."""
    caught = sum(bool(coach.check(item["text"])) for item in CORPUS["bad"])
    false = sum(bool(coach.check(text)) for text in CORPUS["fine"])
    recall = caught / len(CORPUS["bad"])
    false_rate = false / len(CORPUS["fine"])
    precision = caught / (caught + false) if caught + false else 1.0
    return recall, false_rate, precision


def test_corpus_is_big_and_balanced() -> None:
    assert len(CORPUS["bad"]) + len(CORPUS["fine"]) >= 80
    assert abs(len(CORPUS["bad"]) - len(CORPUS["fine"])) <= 2


def test_recall_and_false_flag_rate_on_the_labelled_corpus() -> None:
    recall, false_rate, precision = corpus_scores(COACH)
    print(f"coach corpus: recall {recall:.3f}, false-flag rate {false_rate:.3f}, "
          f"precision {precision:.3f}")
    assert recall >= 0.9 and false_rate <= 0.1


@pytest.mark.parametrize("item", CORPUS["bad"], ids=lambda i: i["text"][:40])
def test_bad_phrases_are_caught_by_the_expected_rule(item: dict[str, str]) -> None:
    assert item["rule"] in {f.rule for f in COACH.check(item["text"])}


def test_good_wording_passes() -> None:
    assert COACH.check("I'm sorry. We gave your table away and that should never have "
                       "happened.") == []


@pytest.mark.parametrize("rule", COACH.rules, ids=lambda r: r.id)
def test_each_rule_fires_on_its_examples_and_not_on_its_counter_examples(rule: object) -> None:
    from recoverycli.coach import Rule

    assert isinstance(rule, Rule)
    assert rule.flag_examples and rule.pass_examples
    for text in rule.flag_examples:
        assert rule.id in {f.rule for f in COACH.check(text)}, text
    for text in rule.pass_examples:
        assert rule.id not in {f.rule for f in COACH.check(text)}, text


def test_rules_cover_what_the_sources_warn_against() -> None:
    ids = {r.id for r in COACH.rules}
    assert ids >= {"plural-apology", "hollow-inconvenience", "excuse", "blame", "policy",
                   "calm-down", "not-my-job", "hand-back", "as-i-told-you"}
    for rule in COACH.rules:
        assert rule.source and rule.why and rule.better


def test_findings_carry_span_rule_why_and_better() -> None:
    text = "Sorry, we're really busy today."
    [finding] = COACH.check(text)
    assert finding.rule == "excuse"
    assert text[finding.start:finding.end] == finding.text == "we're really busy"
    assert "Borg" in (finding.source or "") and finding.better


def test_team_rules_add_and_disable(tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text("disable: [calm-down]\nrules:\n  - id: no-jargon\n    patterns: "
                    "['\\bticket number\\b']\n    why: Customers don't have ticket numbers.\n"
                    "    better: your request\n")
    coach = Coach.load([str(team)])
    assert "calm-down" not in {r.id for r in coach.rules}
    assert [f.rule for f in coach.check("What's your ticket number?")] == ["no-jargon"]
    assert coach.check("Calm down.") == []


def test_bad_team_rules_are_located(tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text("rules:\n  - id: broken\n    patterns: ['(unclosed']\n    why: w\n"
                    "    better: b\n  - id: other\n    paterns: [x]\n")
    with pytest.raises(DocumentError) as caught:
        Coach.load([str(team)])
    messages = [str(p) for p in caught.value.problems]
    assert any(":3:16: rules[0].patterns[0]: not a valid regular expression" in m
               for m in messages), messages
    assert any("rules[1].paterns: unknown key 'paterns'; did you mean 'patterns'?" in m
               for m in messages)
    team.write_text("disable: [nonexistent]\n")
    with pytest.raises(UsageError, match="cannot disable 'nonexistent'"):
        Coach.load([str(team)])


@pytest.mark.usefixtures("home")
def test_check_command_exit_codes_and_json() -> None:
    bad = run("check", "We're sorry for any inconvenience.")
    assert bad.returncode == 1
    assert "plural-apology" in bad.stdout and "better: I'm sorry." in bad.stdout
    good = run("check", "I'm sorry. We gave your table away and that should never have happened.")
    assert good.returncode == 0 and good.stdout.startswith("ok:")
    data = json.loads(run("check", "--json", "Please calm down.").stdout)
    [finding] = data["findings"]
    assert finding["rule"] == "calm-down" and finding["span"] == [7, 16]
    assert finding["text"] == "calm down" and finding["why"] and finding["better"]
    assert run("check").returncode == 2


@pytest.mark.usefixtures("home")
def test_check_stdin_one_object_per_line() -> None:
    result = run("check", "-", "--json", input="I'm sorry.\nThat's our policy.\n\n")
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in records] == ["I'm sorry.", "That's our policy."]
    assert records[0]["findings"] == [] and records[1]["findings"][0]["rule"] == "policy"
    clean = run("check", "-", input="I'm sorry.\nI'll call you tomorrow.\n")
    assert clean.returncode == 0


def test_check_with_a_team_rules_file_and_user_config(home: Path) -> None:
    (home / "config").mkdir()
    (home / "config" / "coach.yaml").write_text("disable: [policy]\n")
    assert run("check", "That's our policy.").returncode == 0
    team = home / "t.yaml"
    team.write_text("rules:\n  - id: policy\n    patterns: ['policy']\n    why: w\n"
                    "    better: b\n")
    result = run("check", "--rules", str(team), "That's our policy.")
    assert result.returncode == 1 and "policy" in result.stdout


def test_readme_team_rules_example_loads_and_works(tmp_path: Path) -> None:
    import re

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    [block] = [b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "disable:" in b]
    path = tmp_path / "coach.yaml"
    path.write_text(block)
    coach = Coach.load([str(path)])
    assert [f.rule for f in coach.check("What's your ticket number?")] == ["no-ticket-numbers"]
    assert coach.check("Your ticket number is 42.") == []
    assert coach.check("Calm down.") == []
