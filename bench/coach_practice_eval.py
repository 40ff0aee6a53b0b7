"""Practice scoring on answers by writer (issue 20 item 5).

Run: ``python bench/coach_practice_eval.py [--misses]``. tests/data/incoming/practice/pNN.yaml
hold answers to every step of every built-in scenario from independent writers, each with
its kind (``good`` in the writer's own words, ``poor``, ``dressed``: keywords dressed as a
poor answer, ``list``: a keyword list) and the elements it has. For each kind: the mean
score and the worst step (the mean of that kind's answers at a step); for each element:
recall and precision of ``has_element`` against the writers' labels.
Targets: good >= 70 on every step, dressed <= 40, list <= 20.
"""

from __future__ import annotations

import statistics
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DIR = ROOT / "tests" / "data" / "incoming" / "practice"


def load() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for path in sorted(DIR.glob("p*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data["answers"]:
            out.append({**item, "writer": data.get("writer") or path.stem})
    return out


def evaluate(misses: bool = False) -> dict[str, object]:
    from recoverycli.playbooks.catalog import load_catalog
    from recoverycli.practice.engine import Coach
    from recoverycli.practice.scenarios import load_scenarios
    from recoverycli.practice.scoring import assess, has_element

    catalog = load_catalog(write_cache=False)
    scenarios = {s.id: s for s in load_scenarios(catalog)[0]}
    coach = Coach()
    scores: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fn, fp
    for a in load():
        scenario = scenarios[str(a["scenario"])]
        book = catalog.get(scenario.playbook)
        step = str(a["step"])
        result = assess(coach, book, scenario, step, str(a["text"]))
        scores[(str(a["kind"]), scenario.id, step)].append(result.score)
        has = set(a.get("has") or ())  # type: ignore[arg-type]
        for name in scenario.steps[step].expect:
            got = has_element(name, str(a["text"]))
            want = name in has
            counts[name][0 if got and want else 1 if want else 2 if got else 0] += \
                got or want
            if misses and got != want:
                print(f"  {name} {'missed' if want else 'FALSE'} ({a['writer']} "
                      f"{scenario.id}/{step}): {a['text']}")
        if misses and a["kind"] == "good" and result.score < 70:
            print(f"  good scored {result.score} ({a['writer']} {scenario.id}/{step}) "
                  f"{[f.rule for f in result.findings if not f.unsure]} "
                  f"{result.elements}: {a['text']}")
        if misses and a["kind"] in ("dressed", "poor") and result.score > 40:
            print(f"  {a['kind']} scored {result.score} ({a['writer']} "
                  f"{scenario.id}/{step}): {a['text']}")
    out: dict[str, object] = {}
    for kind in ("good", "poor", "dressed", "list"):
        steps = {(sc, st): statistics.mean(v) for (k, sc, st), v in scores.items() if k == kind}
        every = [x for (k, _, _), v in scores.items() if k == kind for x in v]
        worst = min(steps.items(), key=lambda kv: kv[1]) if kind == "good" else \
            max(steps.items(), key=lambda kv: kv[1])
        out[kind] = (statistics.mean(every), worst)
        print(f"{kind:<8} mean {statistics.mean(every):5.1f}   "
              f"{'worst' if kind == 'good' else 'highest'} step {worst[1]:5.1f} "
              f"({worst[0][0]}/{worst[0][1]})")
        if kind == "good":
            for (sc, st), v in sorted(steps.items()):
                if v < 70:
                    print(f"   under 70: {sc}/{st} {v:.1f}")
            out["good_steps"] = steps
    for name, (tp, fn, fp) in sorted(counts.items()):
        print(f"  {name:<10} recall {tp / max(1, tp + fn):.2f}  precision "
              f"{tp / max(1, tp + fp):.2f}")
    return out


if __name__ == "__main__":
    evaluate("--misses" in sys.argv[1:])
