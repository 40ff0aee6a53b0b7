"""Built-in material stays faithful to its sources and in our own words (issues 11 and 21).

The near-copy check covers every text the tool ships: playbooks and scenarios (every string,
dialogue and fields alike), the coach's category texts and quiz examples, the quiz's own
prompts, and the README and docs pages. Words inside quotation marks are quotations, marked
as such, and are left to :func:`test_quotations_are_exact`."""

from __future__ import annotations

import functools
import re

import pytest
import yaml

from conftest import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 6  # words in a row shared with a source make a near-copy
QUOTED = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»')
AUTHORS = re.compile(r"Chip R\. Bell|John R\. Patterson|Shep Hyken|Anil Saxena|Tom Borg")
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(),
                                 reason="the source articles are not beside the repo")


def _words(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9']+", text.lower().replace("’", "'").replace("‘", "'"))
    return [w.strip("'") for w in words if w.strip("'")]


def _strings(node: object) -> list[str]:
    """Every string in a loaded YAML document, keys' values at any depth."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [line for item in node for line in _strings(item)]
    if isinstance(node, dict):
        return [line for value in node.values() for line in _strings(value)]
    return []


@functools.cache
def _runs() -> set[tuple[str, ...]]:
    sources = [_words(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")]
    return {tuple(ws[i:i + RUN]) for ws in sources for i in range(len(ws) - RUN + 1)}


@functools.cache
def _names() -> re.Pattern[str]:
    """The sources' own names - step titles and article titles - are facts we cite, shown
    as names (a checklist line, a step heading), not prose copied."""
    names: set[str] = set()
    for path in (ROOT / "playbooks").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        names.add(data["source"]["title"])
        names.update(step["title"] for step in data["steps"])
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)),
                      re.IGNORECASE)


def near_copies(line: str, runs: set[tuple[str, ...]]) -> list[str]:
    text = _names().sub(" | ", AUTHORS.sub(" | ", QUOTED.sub(" | ", line)))
    words = _words(text.replace("\n", " "))  # quotations, credits and names aside
    return [" ".join(words[i:i + RUN]) for i in range(len(words) - RUN + 1)
            if tuple(words[i:i + RUN]) in runs]


def _shipped() -> list[tuple[str, list[str]]]:
    from recoverycli.practice import categories, quiz
    out: list[tuple[str, list[str]]] = []
    for path in sorted((ROOT / "playbooks").glob("*.yaml")) + sorted(
            (ROOT / "scenarios").glob("*.yaml")):
        out.append((path.name, _strings(yaml.safe_load(path.read_text(encoding="utf-8")))))
    out.append(("categories.py", [s for t in categories.TEXTS.values() for s in t] +
                [s for ex in categories.EXAMPLES.values() for s in ex]))
    from recoverycli.practice import spot
    out.append(("spot.py", [str(s) for s in (*spot.STORY, *(s for m in spot.MISTAKES
                                                             for s in m))]))
    out.append(("quiz.py", [s for s in vars(quiz).values() if isinstance(s, str)] +
                [s for s in _strings(getattr(quiz, "MATERIAL", []))]))
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        out.append((path.name, path.read_text(encoding="utf-8").split("\n\n")))
    return out


@needs_seeds
def test_the_check_catches_a_planted_near_copy() -> None:
    runs = _runs()
    planted = "Customers don't care whose fault it is, they want it fixed."
    sources = " ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    six = " ".join(_words(sources)[200:206])
    assert near_copies(f"We say: {six} and more.", runs)
    assert not near_copies(f'We say: "{six}" and more.', runs)  # quoted, so marked
    assert not near_copies("Our own words about owning the fix, said plainly here.", runs)
    del planted


@needs_seeds
@pytest.mark.parametrize("name", [name for name, _ in _shipped()])
def test_no_near_copies_of_the_sources_unless_quoted(name: str) -> None:
    runs = _runs()
    lines = dict(_shipped())[name]
    bad = [(line[:80], copied) for line in lines if (copied := near_copies(line, runs))]
    assert not bad, (name, bad)
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
            assert line.startswith("(Our reading)") or "Borg" in line or "Berry" in line, \
                (sid, line)
    assert "only" in steps["loyalty"]["cite"] and "our reading" in steps["loyalty"]["cite"]


def test_the_docs_say_which_categories_are_the_sources_and_which_are_ours() -> None:
    from recoverycli.practice.categories import FROM_SOURCES, OURS, TEXTS

    page = (ROOT / "docs" / "practice.md").read_text(encoding="utf-8")
    assert "twelve kinds of wording the sources warn against" not in page
    for cid, text in TEXTS.items():
        row = next(line for line in page.splitlines() if line.startswith(f"| `{cid}` |"))
        ours = cid not in FROM_SOURCES
        assert ("our reading" in row) == ours, (cid, row)
        assert text.source.startswith(OURS) == ours, (cid, text.source)
        assert text.why.startswith("(Our reading.)") == ours, (cid, text.why)
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        assert "the sources warn against:" not in path.read_text(encoding="utf-8"), path


def test_no_source_is_credited_with_advice_it_does_not_give() -> None:
    from recoverycli.practice.categories import TEXTS

    heal = (ROOT / "playbooks" / "heal.yaml").read_text(encoding="utf-8")
    assert "over-apolog" not in heal.lower()  # Bell never says it; Saxena and Hyken differ
    assert TEXTS["hollow-inconvenience"].source.startswith("Our reading")  # nobody says it
    assert '"HEAL"' not in str(TEXTS)  # a name of ours, not the article's title


@needs_seeds
def test_quotations_credited_to_a_source_are_exact() -> None:
    """A quotation in a citation or an explanation is the source's words, letter for
    letter (apostrophes and case aside): the coach's why and source lines, and the
    playbooks' why and cite lines."""
    from recoverycli.practice.categories import TEXTS

    text = " ".join(_words(" ".join(p.read_text(encoding="utf-8")
                                    for p in SEEDS.glob("*.txt"))))
    lines = [t.why for t in TEXTS.values()] + [t.source for t in TEXTS.values()]
    for path in (ROOT / "playbooks").glob("*.yaml"):
        for step in yaml.safe_load(path.read_text(encoding="utf-8"))["steps"]:
            lines += [step.get("why") or "", step.get("cite") or ""]
    credit = re.compile(r"Bell|Patterson|Hyken|Saxena|Borg|Berry")
    quotes = [q.strip("“”«»\"") for line in lines if (m := credit.search(line))
              for q in QUOTED.findall(line[m.start():])]  # what follows a credit
    checked = 0
    for quote in quotes:
        words = _words(quote)
        if len(words) < 3:
            continue  # a word or two: a name or a stock phrase, not a quotation
        checked += 1
        assert " ".join(words) in text, quote
    assert checked >= 10


def test_every_scenario_separates_the_source_from_our_invention() -> None:
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data.get("from_source") and data.get("invented"), path.name


def test_scenarios_agree_with_their_stories() -> None:
    keys = yaml.safe_load((ROOT / "scenarios" / "locked-keys.yaml").read_text())
    assert "valet stand" in keys["situation"] and "not come down" not in keys["situation"]
    assert "free night" in keys["invented"]  # the hotel in the story gave no free night
    honey = yaml.safe_load((ROOT / "scenarios" / "missing-honey.yaml").read_text())
    assert "walked off" in honey["from_source"] and "replay" in honey["invented"]
    phone = (ROOT / "scenarios" / "phone-complaint.yaml").read_text()
    assert "third time" not in phone  # her own summary: one email, zero calls
    lost = yaml.safe_load((ROOT / "scenarios" / "lost-reservation.yaml").read_text())
    assert "Bell" not in lost["customer"] and "Bell" not in str(lost["fields"])


def test_the_return_rate_is_not_called_the_paradox() -> None:
    """Issue 21: the share of recovered customers who came back is the return rate after
    recovery; the paradox needs customers who had no failure to compare with."""
    report = ROOT / "src" / "recoverycli" / "report"
    for path in report.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "which is the service recovery paradox" not in text, path
    teams = (ROOT / "docs" / "teams.md").read_text(encoding="utf-8")
    assert "return rate after recovery" in teams and "no failure" in teams
