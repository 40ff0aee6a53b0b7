"""The built-in playbooks say what their sources say: step count, order and names."""

from __future__ import annotations

from pathlib import Path

import pytest

from recoverycli.playbooks.model import Playbook, load_playbook

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def book(pid: str) -> Playbook:
    return load_playbook(str(ROOT / "playbooks" / f"{pid}.yaml"))


EXPECTED = {
    "hyken": ("Shep Hyken", [
        "Apologize for the problem", "Acknowledge the problem", "Apologize again",
        "Fix the problem", "Keep the right attitude", "Create a sense of urgency",
        "Stay in touch and circle back"]),
    "heal": ("Chip R. Bell", [
        "Show your humility", "Express empathy", "Act with agility", "Demonstrate loyalty"]),
    "saxena": ("Anil Saxena", [
        "Be proactive about telling the customer", "Have a plan", "Go way above and beyond",
        "Apologize", "Don't throw anyone under the bus", "Follow up... a lot"]),
}


@pytest.mark.parametrize("pid", sorted(EXPECTED))
def test_steps_follow_the_source(pid: str) -> None:
    author, titles = EXPECTED[pid]
    playbook = book(pid)
    assert playbook.source is not None and playbook.source.author == author
    assert [s.title for s in playbook.steps] == titles
    assert playbook.field("customer") is not None and playbook.field("customer").required  # type: ignore[union-attr]
    for needed in ("problem", "fix", "offer", "follow_up"):
        assert playbook.field(needed) is not None


def test_hyken_hand_off_jumps_to_strategy_seven() -> None:
    playbook = book("hyken")
    third = playbook.steps[2]
    assert third.jump is not None and "hand-off" in third.jump.label.lower()
    assert playbook.number(third.jump.to) == 7


def test_heal_says_agility_and_loyalty_are_only_named_in_the_source() -> None:
    playbook = book("heal")
    for step in playbook.steps[2:]:
        assert step.why and "only names this step" in step.why


def test_borg_and_bell_patterson_are_woven_in_and_cited() -> None:
    cites = " ".join(s.cite or "" for pid in EXPECTED for s in book(pid).steps)
    assert "Tom Borg" in cites and "bring-back factor" in cites
    assert "Bell and John R. Patterson" in cites and "Un-break My Heart" in cites


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside the checkout")
def test_step_names_are_those_of_the_source_articles() -> None:
    hyken = (SEEDS / "003_347d45d5661ec628.txt").read_text()
    for phrase in ("Apologize for the problem", "Acknowledge the problem", "Apologize again",
                   "sense of urgency", "Stay in touch", "jump to Strategy Seven"):
        assert phrase in hyken
    saxena = (SEEDS / "004_2dbac23ef70d867e.txt").read_text().replace("\u2019", "'")
    for title in EXPECTED["saxena"][1]:
        assert title.split("...")[0].lower() in saxena.lower()
    bell = (SEEDS / "001_4045fcc70297a1d2.txt").read_text()
    assert "Show Your Humility" in bell and "Express Empathy" in bell
    assert "Agility" in bell and "Loyalty" in bell
