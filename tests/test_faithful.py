"""Built-in material stays faithful to its sources and in our own words (issue 11, point 6)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 6  # words in a row shared with a source make a near-copy


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def _lines(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [line for item in node for line in _lines(item)]
    if isinstance(node, dict):
        return [line for key, value in node.items() if key in (
            "why", "do", "say", "avoid", "summary", "steps", "best", "situation")
            for line in _lines(value)]
    return []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles are not beside the repo")
@pytest.mark.parametrize("path", sorted((ROOT / "playbooks").glob("*.yaml")) +
                         sorted((ROOT / "scenarios").glob("*.yaml")), ids=lambda p: p.name)
def test_no_near_copies_of_the_sources_unless_quoted(path: Path) -> None:
    sources = [_words(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")]
    runs = {tuple(ws[i:i + RUN]) for ws in sources for i in range(len(ws) - RUN + 1)}
    for line in _lines(yaml.safe_load(path.read_text(encoding="utf-8"))):
        unquoted = re.sub(r'"[^"]*"|“[^”]*”', " ", line)  # quotations are marked and cited
        words = _words(unquoted)
        copied = [" ".join(words[i:i + RUN]) for i in range(len(words) - RUN + 1)
                  if tuple(words[i:i + RUN]) in runs]
        assert not copied, (path.name, line, copied)


def test_missing_honey_agrees_with_borg() -> None:
    text = (ROOT / "scenarios" / "missing-honey.yaml").read_text()
    assert "twice" not in text  # he ordered it, then mentioned it once when she came by
    assert "when you came by" in text and "on my order" in text


def test_phone_complaint_says_it_is_our_example() -> None:
    data = yaml.safe_load((ROOT / "scenarios" / "phone-complaint.yaml").read_text())
    assert data["source"].startswith("Our example") and "Hyken" in data["source"]


def test_lost_reservation_marks_what_it_invents() -> None:
    text = (ROOT / "scenarios" / "lost-reservation.yaml").read_text()
    data = yaml.safe_load(text)
    assert "our invention" in data["source"]
    assert "Invented by" in text and "anniversary" not in text


def test_heal_marks_our_reading_line_by_line() -> None:
    data = yaml.safe_load((ROOT / "playbooks" / "heal.yaml").read_text())
    steps = {s["id"]: s for s in data["steps"]}
    for sid in ("agility", "loyalty"):
        for line in steps[sid]["do"]:
            assert line.startswith("(Our reading)") or "Borg" in line, (sid, line)
    assert "only" in steps["loyalty"]["cite"] and "our reading" in steps["loyalty"]["cite"]
