"""The wording coach: the eval script, normalisation, findings,
team rules (linear time, located errors, safe ids, regular files), ``check``."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

import coach_corpus
from conftest import ROOT, documentation, run
from recoverycli.errors import DocumentError, UsageError
from recoverycli.practice.engine import Coach
from recoverycli.practice.rules import CATEGORIES

COACH = Coach()


def test_corpus_is_big_varied_and_split() -> None:
    phrases = coach_corpus.load()
    assert len(phrases) >= 600
    assert len({p.text for p in phrases}) == len(phrases), "a phrase appears twice"
    for cat in coach_corpus.categories():
        assert any(p.bad for p in phrases if p.category == cat), cat
        assert any(not p.bad for p in phrases if p.category == cat), cat
    dev, train = coach_corpus.load("dev"), coach_corpus.load("train")
    assert len(dev) + len(train) == len(phrases)
    assert 0.3 < len(dev) / len(phrases) < 0.5
    texts = " ".join(p.text for p in phrases)
    for variety in ("soz", " u ", "atm", "dept", "shouldnt", "WE ARE", "by the courier"):
        assert variety in texts, variety
    assert set(coach_corpus.categories()) == {c.id for c in CATEGORIES}


# The hash split's dev figures are no headline any more (issue 20): the model is fitted on
# the whole old corpus, which is training data only. The figures that hold are by writer,
# in tests/test_coach_writers.py.


def test_eval_script_prints_per_writer_and_per_category_figures() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "coach_eval.py"), "--rules"],
                         capture_output=True, text=True, check=True).stdout
    assert out.startswith("held out w01")
    assert re.search(r"^recall\s+0\.\d+\s+\(0\.\d+ - 0\.\d+\)", out, re.M)
    for cat in CATEGORIES:
        assert re.search(rf"^{cat.id}\s+\d\.\d\d\s+\(\d\.\d\d-\d\.\d\d\)\s+\d\.\d\d",
                         out, re.M), cat.id


@pytest.mark.parametrize(("text", "category"), [
    ("WE APOLOGISE FOR THE DELAY", "plural-apology"),
    ("soz v busy atm", "excuse"),
    ("sorry 4 any inconvience", "hollow-inconvenience"),
    ("its company policy", "policy"),
    ("ur order was lost by the courier", "blame-third-party"),
    ("thanks for holding i have checked your account and honestly the warehouse lost it "
     "so there was nothing i could have done and it should arrive next week", "blame-third-party"),
    ("calm dwon", "telling-feelings"),
    ("u should of read the email", "blame-customer"),
    ("not my dept", "cold-transfer"),
    ("I am sorry you feel that way", "non-apology"),
    ("I’m sorry you’re upset", "non-apology"),
])
def test_what_people_really_type(text: str, category: str) -> None:
    assert category in {f.rule for f in COACH.check(text)}


@pytest.mark.parametrize("text", [
    "I'm sorry about the problem with your bill.",
    "You'll have to forgive me - I got that wrong.",
    "I'm not allowed to let this happen again.",
    "I'm bringing my colleague Sam into the call, and I'll stay on the line.",
    "I know you're busy, so I'll keep this short.",
    "The policy says fourteen days, but I'm making an exception.",
    "I'll call you today and again tomorrow.",
    "I've refunded it, check your email for the confirmation.",
    "I just told the kitchen to hurry.",
    "You booked the standard room, so I've upgraded you.",
    "The driver will give it to your neighbour if you're out.",
    "I'm the only one working on your case and I'll see it through.",
    "Your app will update tonight with the fix.",
    "You don't need to be worried about the cost - we'll cover it.",
    "I'll check and email the hotel for you.",
    "Please go ahead, I'm listening.",
    "Check in is from three, and I've held your room.",
    "It's our busiest season, so I've booked your engineer first thing.",
])
def test_good_wording_that_shares_words_passes(text: str) -> None:
    """No verdict (the coach may ask, issue 20: a question counts neither way)."""
    assert [f for f in COACH.check(text) if not f.unsure] == [], text


@pytest.mark.parametrize("text", [
    # a practice writer's and a red team's good answers (ninth round), read as blame or as
    # disowning by the model alone
    "You passed the bar! That's incredible.",
    "oh wow, well done.",
    "You should've had my full attention, and you didn't get it.",
    "That's down to us.",
    "It doesn't matter whose hands were on the keys - we're the hotel, it's our job, and "
    "we got it wrong.",
    # a newcomer: feeling for them read as an excuse, a promise as telling them how to feel
    "It must have been so frustrating.",
])
def test_congratulations_and_owning_are_not_even_asked_about(text: str) -> None:
    assert COACH.check(text) == [], text


def test_a_vague_promise_is_not_explained_as_telling_feelings() -> None:
    # a newcomer: "calm down" advice for a promise that only promises nothing (practice
    # holds it to 40; the coach has no category for it: see docs/practice.md)
    found = COACH.check("We'll try to get it sorted as soon as possible.")
    assert "telling-feelings" not in {f.rule for f in found}, found


@pytest.mark.parametrize("text", [
    "Fair enough, your loss.",
    "We own it - most guests keep a spare key, mind.",
    "We own it, though to be fair you did leave them with the valet.",
    "You left the keys in the ignition, which didn't help.",
    "But honestly we're two people down today.",
])
def test_blame_and_excuses_after_owning_words_are_found(text: str) -> None:
    # a red team: after owning words these passed clean (a question is enough here:
    # practice does not count ownership beside one)
    assert COACH.check(text), text


@pytest.mark.parametrize("text", [
    "thanks for holding i had a look and soz we were v busy atm but ill make a note",
    "I've checked your account and honestly it happens, but I'll make a note of everything",
    "i looked at the order and were really sorry about the mix up",
    "so i checked the tracking and your parcel was mislaid by the courier apparently",
    "I've had a look at your account and please send us an email with the details",
    "ok so its company policy im afraid",
])
def test_the_bad_part_in_the_middle_of_a_long_line(text: str) -> None:
    assert COACH.check(text), text


def test_findings_carry_span_category_why_better_and_source() -> None:
    text = "Thanks for waiting. Sorry, we're really busy today, but it'll be with you soon."
    [finding] = COACH.check(text)
    assert finding.rule == finding.category == "excuse"
    assert text[finding.start:finding.end] == finding.text
    assert "busy" in finding.text
    assert finding.why and finding.better and "Saxena" in (finding.source or "")


def test_every_category_is_explained_and_its_better_wording_is_generic() -> None:
    story_words = ("table", "honey", "reservation", "keys", "muffin", "bill", "anniversary",
                   "restaurant", "rental", "car ")
    for cat in CATEGORIES:
        assert cat.why and cat.better and cat.source and cat.title
        for word in story_words:
            assert word not in cat.better.lower(), (cat.id, word)


def test_a_long_text_is_checked_fast() -> None:
    text = ("I'm sorry about the wait and I understand how frustrating it is. " * 200)
    start = time.perf_counter()
    assert COACH.check(text) == []
    assert time.perf_counter() - start < 5  # a guard against runaway matching, not a budget


# team rules -----------------------------------------------------------------------------

def test_team_rules_add_and_disable(tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text("disable: [telling-feelings]\nrules:\n  - id: no-jargon\n    patterns: "
                    "['\\bticket number\\b']\n    why: Customers don't have ticket numbers.\n"
                    "    better: your request\n")
    coach = Coach.load([str(team)], user=False)
    assert "telling-feelings" not in coach.rules
    assert [f.rule for f in coach.check("What's your ticket number?")] == ["no-jargon"]
    assert coach.check("Calm down.") == []


def test_old_rule_ids_still_disable(tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text("disable: [calm-down, not-my-job]\n")
    coach = Coach.load([str(team)], user=False)
    assert coach.check("Calm down.") == [] and coach.check("Not my job.") == []


def test_team_patterns_run_in_linear_time(tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text("rules:\n  - id: evil\n    patterns: ['(a+)+$', '(x|xx)+y']\n"
                    "    why: w\n    better: b\n")
    coach = Coach.load([str(team)], user=False)
    start = time.perf_counter()
    coach.check("a" * 5000 + "!" + "x" * 5000)
    assert time.perf_counter() - start < 2  # backtracking would take longer than the universe


def test_bad_team_rules_are_located_all_at_once(tmp_path: Path,
                                               capfd: pytest.CaptureFixture[str]) -> None:
    team = tmp_path / "team.yaml"
    team.write_text("rules:\n  - id: broken\n    patterns: ['(unclosed']\n    why: w\n"
                    "    better: b\n  - id: other\n    paterns: [x]\n"
                    "  - id: \"bad\\e[31mid\"\n    patterns: [x]\n    why: w\n    better: b\n"
                    "  - id: backref\n    patterns: ['(a)\\1']\n    why: w\n    better: b\n")
    with pytest.raises(DocumentError) as caught:
        Coach.load([str(team)], user=False)
    assert capfd.readouterr().err == ""  # re2 reports nothing itself
    messages = [str(p) for p in caught.value.problems]
    assert any(re.search(r"team\.yaml:3:16: rules\[0\]\.patterns\[0\]: not a pattern", m)
               for m in messages), messages
    assert any("rules[1].paterns: unknown key 'paterns'; did you mean 'patterns'?" in m
               for m in messages)
    assert any(":8:" in m and "rules[2].id: not a rule id" in m for m in messages), messages
    assert any(":13:" in m and "rules[3].patterns[0]" in m for m in messages), messages
    assert all("\x1b" not in m for m in messages)
    team.write_text("disable: [nonexistent]\n")
    with pytest.raises(UsageError, match="cannot disable 'nonexistent'"):
        Coach.load([str(team)], user=False)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_rules_file_is_refused_at_once(home: Path) -> None:
    fifo = home / "rules.yaml"
    os.mkfifo(fifo)
    result = run("check", "--rules", str(fifo), "Hello.")
    assert result.returncode == 2
    assert "not a regular file" in result.stderr


# recover check ------------------------------------------------------------------------

@pytest.mark.usefixtures("home")
def test_check_command_exit_codes_and_json() -> None:
    bad = run("check", "We're sorry for any inconvenience.")
    assert bad.returncode == 1
    assert "plural-apology" in bad.stdout and "better:" in bad.stdout
    good = run("check", "I'm sorry. We gave your table away and that should never have happened.")
    assert good.returncode == 0 and good.stdout.startswith("ok:")
    data = json.loads(run("check", "--json", "Please calm down.").stdout)
    [finding] = data["findings"]
    assert finding["rule"] == "telling-feelings"
    assert "Please calm down."[slice(*finding["span"])] == finding["text"]
    assert "calm down" in finding["text"] and finding["why"] and finding["better"]
    assert run("check").returncode == 2
    # nothing said is no pass: "ok: " for an empty phrase read as one (a trainee, issue 20)
    for empty in ("", "   "):
        nothing = run("check", empty)
        assert nothing.returncode == 2 and "nothing to check" in nothing.stderr
        assert "ok:" not in nothing.stdout and "Traceback" not in nothing.stderr


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
    (home / "config").mkdir(exist_ok=True)
    (home / "config" / "coach.yaml").write_text("disable: [policy]\n")
    assert run("check", "That's our policy.").returncode == 0
    team = home / "t.yaml"
    team.write_text("rules:\n  - id: policy\n    patterns: ['policy']\n    why: w\n"
                    "    better: b\n")
    result = run("check", "--rules", str(team), "That's our policy.")
    assert result.returncode == 1 and "policy" in result.stdout


def test_readme_team_rules_example_loads_and_works(tmp_path: Path) -> None:
    readme = documentation()
    [block] = [b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "disable:" in b]
    path = tmp_path / "coach.yaml"
    path.write_text(block)
    coach = Coach.load([str(path)], user=False)
    assert [f.rule for f in coach.check("What's your ticket number?")] == ["no-ticket-numbers"]
    # the rule's unless stops it (the built-in coach may still ask, never state)
    assert all(f.unsure and f.found_by == "model" for f in coach.check("Your ticket number is 42."))
    assert coach.check("Calm down.") == []


def test_the_lexicon_is_up_to_date() -> None:
    """data/forms.json is generated from lexicon.py and rules.py with lemminflect."""
    pytest.importorskip("lemminflect")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_lexicon.py"),
                             "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_checking_does_not_import_lemminflect_or_rich() -> None:
    code = ("import sys; from recoverycli.practice.engine import Coach; Coach().check('x'); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('lemminflect', 'rich', 'yaml')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_overlap_resolution_is_linear_in_the_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Red team 16: a pasted e-mail of a thousand flagged sentences took seconds per doubling
    (every finding was compared with every other). Count the supersedes look-ups."""
    from recoverycli.practice import engine

    class Counting(dict[str, frozenset[str]]):
        calls = 0

        def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
            Counting.calls += 1
            return super().get(key, default)

    monkeypatch.setattr(engine, "SUPERSEDES", Counting(engine.SUPERSEDES))
    text = "We are sorry for any inconvenience, calm down. " * 400
    findings = engine.Coach.load(user=False).check(text)
    assert len(findings) >= 800
    assert Counting.calls <= 4 * len(findings)
    assert {f.rule for f in findings} >= {"plural-apology", "hollow-inconvenience"}


def test_a_bad_pattern_is_shown_as_the_user_wrote_it(tmp_path: Path) -> None:
    """Issue 19, break 4: re2's message is bytes; it must not reach the user as b'...'."""
    team = tmp_path / "team.yaml"
    team.write_text("rules:\n  - id: accent\n    patterns: ['café (unclosed', 'x\\']\n"
                    "    why: w\n    better: b\n", encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        Coach.load([str(team)], user=False)
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 2, messages
    assert all("b'" not in m and 'b"' not in m and "\\x" not in m for m in messages), messages
    assert "missing ): café (unclosed" in messages[0], messages
    assert "trailing \\" in messages[1] and "\\\\" not in messages[1], messages


def test_check_says_the_same_advice_once_per_phrase(home: Path) -> None:
    # a newcomer: two cold-transfer spans printed the same long paragraph twice
    out = run("check", "That's not my department, you'll have to call billing.").stdout
    assert out.count("cold-transfer") == 2 and out.count("why:") == 1, out


def test_typos_are_found_by_bisecting_their_sorted_lines() -> None:
    # typos.tsv is split and bisected, not parsed into a dict on every check: its lines
    # must sort as their typos do, or a typo would silently never be found
    from recoverycli.practice.normalize import DATA, typo

    lines = (DATA / "typos.tsv").read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert lines == sorted(lines) and len(lines) > 10_000
    for line in lines[::499]:
        wrong, _, right = line.partition("\t")
        assert typo(wrong) == right, line
    assert typo("recieve") == "receive"
    assert typo("zzzzqx") == "zzzzqx" and typo("") == ""
