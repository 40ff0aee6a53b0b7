"""The wording coach against its labelled corpus, per category, on the dev split.

Run: ``python bench/coach_eval.py`` (dev figures, the ones quoted in docs/practice.md, and the
challenge set's dev part), or ``python bench/coach_eval.py train --all --misses`` while
tuning: misses and false flags are only ever listed for train, so the dev part stays
unseen. ``--all`` adds the challenge set to the main corpus. ``--legacy`` measures the coach of
before issue 11 (src/recoverycli/coach.py), mapping its rule ids to the categories.

Per category: recall = bad phrases of that category flagged with it; precision = phrases
flagged with it that are labelled with it (or list it under ``also``). Overall: recall =
bad phrases flagged at all; false-flag rate = good phrases flagged at all.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from coach_corpus import CHALLENGE, Phrase, categories, load

LEGACY = {"plural-apology": "plural-apology", "hollow-inconvenience": "hollow-inconvenience",
          "excuse": "excuse", "blame": "blame-third-party", "policy": "policy",
          "calm-down": "telling-feelings", "not-my-job": "cold-transfer",
          "hand-back": "hand-back", "as-i-told-you": "as-i-said"}


def legacy_checker() -> Callable[[str], set[str]]:
    from recoverycli.coach import Coach  # type: ignore[import-not-found,unused-ignore]

    coach = Coach.load()
    return lambda text: {LEGACY.get(f.rule, f.rule) for f in coach.check(text)}


def checker() -> Callable[[str], set[str]]:
    from recoverycli.practice.engine import Coach

    coach = Coach.load(user=False)
    return lambda text: {f.category for f in coach.check(text)}


def evaluate(phrases: list[Phrase], check: Callable[[str], set[str]]) -> dict[str, object]:
    found = {p.text: check(p.text) for p in phrases}
    rows: dict[str, tuple[float, float, int, int]] = {}
    for cat in categories():
        bad = [p for p in phrases if p.bad and p.category == cat]
        hit = [p for p in bad if cat in found[p.text]]
        flagged = [p for p in phrases if cat in found[p.text]]
        right = [p for p in flagged if p.bad and (p.category == cat or cat in p.also)]
        recall = len(hit) / len(bad) if bad else 1.0
        precision = len(right) / len(flagged) if flagged else 1.0
        rows[cat] = (recall, precision, len(bad), len(flagged))
    bad = [p for p in phrases if p.bad]
    good = [p for p in phrases if not p.bad]
    return {
        "rows": rows,
        "recall": sum(bool(found[p.text]) for p in bad) / len(bad),
        "false": sum(bool(found[p.text]) for p in good) / len(good),
        "n_bad": len(bad), "n_good": len(good), "found": found,
    }


def main(argv: list[str]) -> int:
    split = "train" if "train" in argv else "dev"
    check = legacy_checker() if "--legacy" in argv else checker()
    phrases = load(split)
    if "--all" in argv:
        phrases += load(split, CHALLENGE)
    start = time.perf_counter()
    result = evaluate(phrases, check)
    per = (time.perf_counter() - start) / len(phrases)
    print(f"{split}: {result['n_bad']} bad, {result['n_good']} good phrases")
    print(f"{'category':<22}{'recall':>8}{'precision':>11}{'bad':>6}{'flagged':>9}")
    rows: dict[str, tuple[float, float, int, int]] = result["rows"]  # type: ignore[assignment]
    for cat, (recall, precision, n_bad, n_flagged) in rows.items():
        print(f"{cat:<22}{recall:>8.2f}{precision:>11.2f}{n_bad:>6}{n_flagged:>9}")
    print(f"overall recall {result['recall']:.3f}  false-flag rate {result['false']:.3f}  "
          f"({per * 1e6:.0f} us per phrase)")
    if "--all" not in argv:
        hard = evaluate(load(split, CHALLENGE), check)
        print(f"challenge set, {split} part ({hard['n_bad']} bad, {hard['n_good']} good): "
              f"recall {hard['recall']:.3f}  false-flag rate {hard['false']:.3f}")
    if "--misses" in argv and split == "train":
        found: dict[str, set[str]] = result["found"]  # type: ignore[assignment]
        for p in phrases:
            if p.bad and p.category not in found[p.text]:
                print(f"  missed [{p.category}] {p.text}  -> {sorted(found[p.text])}")
            elif not p.bad and found[p.text]:
                print(f"  false  [{p.category}] {p.text}  -> {sorted(found[p.text])}")
            elif p.bad and found[p.text] - {p.category, *p.also}:
                print(f"  extra  [{p.category}] {p.text}  -> {sorted(found[p.text])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
