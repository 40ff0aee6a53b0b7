"""The wording coach on writers it has never read: leave-writers-out evaluation.

Run: ``python bench/coach_eval.py`` (the figures quoted in docs/practice.md). Every writer
of tests/data/coach_corpus/ is held out in turn (one fold per writer; ``--folds K`` deals the
writers into K folds instead); anything learned (``--model VARIANT``, see
scripts/train_coach.py) is fitted on the other writers (and the old writerless corpus) only.
``--misses`` lists what a held-out writer's phrases got wrong; ``--variants`` compares every
model variant; ``--rules`` measures the patterns alone.

Per held-out writer: recall = bad phrases flagged at all; false flags = good phrases flagged
at all; per category: recall = bad phrases of it flagged with it, precision = phrases flagged
with it that carry it. Only verdicts count: a question (the coach unsure) is neither a hit
nor a false flag. Then the mean over folds and the spread (min - max).
(The old hash split lives on in bench/coach_eval_hash.py; it is no headline any more.)
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))

from coach_corpus import Written, folds, load_writers, old_training  # noqa: E402

Check = Callable[[str], set[str]]

CATEGORIES = ["plural-apology", "hollow-inconvenience", "non-apology", "excuse",
              "blame-third-party", "blame-customer", "policy", "telling-feelings",
              "cold-transfer", "hand-back", "as-i-said", "bad-mouthing"]


def rules_checker() -> Check:
    from recoverycli.practice.engine import Coach

    coach = Coach(model=None)
    return lambda text: {f.category for f in coach.check(text) if not f.unsure}


def shipped_checker() -> Check:
    from recoverycli.practice.engine import Coach

    coach = Coach()
    return lambda text: {f.category for f in coach.check(text) if not f.unsure}


def model_checker(variant: str, train: list[Written]) -> Check:
    from train_coach import fit

    from recoverycli.practice.engine import Coach

    coach = Coach(model=fit(train, variant))
    return lambda text: {f.category for f in coach.check(text) if not f.unsure}


def score(phrases: list[Written], check: Check) -> dict[str, object]:
    found = {p.text: check(p.text) for p in phrases}
    bad = [p for p in phrases if p.bad]
    good = [p for p in phrases if not p.bad]
    rows: dict[str, tuple[float, float]] = {}
    for cat in CATEGORIES:
        with_it = [p for p in bad if cat in p.labels]
        flagged = [p for p in phrases if cat in found[p.text]]
        recall = sum(cat in found[p.text] for p in with_it) / len(with_it) if with_it else 1.0
        precision = sum(cat in p.labels for p in flagged) / len(flagged) if flagged else 1.0
        rows[cat] = (recall, precision)
    return {"recall": sum(bool(found[p.text]) for p in bad) / max(1, len(bad)),
            "false": sum(bool(found[p.text]) for p in good) / max(1, len(good)),
            "hard": sum(bool(found[p.text]) for p in good if p.hard)
            / max(1, sum(p.hard for p in good)),
            "rows": rows, "found": found, "n": len(phrases)}


def run(variant: str | None, k: int | None = None, misses: bool = False,
        quiet: bool = False) -> dict[str, object]:
    """Evaluate one coach (``variant`` None: the patterns alone; "shipped": the coach as
    installed, whose model was fitted on every writer, so only for a sanity check)."""
    phrases = load_writers()
    old = old_training()
    results: list[tuple[list[str], dict[str, object]]] = []
    for train_writers, held in folds(phrases, k or 99):
        if variant is None:
            check = rules_checker()
        elif variant == "shipped":
            check = shipped_checker()
        else:
            check = model_checker(variant, old + [p for p in phrases
                                                  if p.writer in train_writers])
        test = [p for p in phrases if p.writer in held]
        result = score(test, check)
        results.append((held, result))
        if not quiet:
            print(f"held out {'+'.join(held)} ({result['n']} phrases): recall "
                  f"{result['recall']:.3f}  false flags {result['false']:.3f}  hard good "
                  f"flagged {result['hard']:.3f}")
            rows: dict[str, tuple[float, float]] = result["rows"]  # type: ignore[assignment]
            print("   " + "  ".join(f"{c[:10]:>10} {r:.2f}/{pr:.2f}"
                                    for c, (r, pr) in rows.items()))
        if misses:
            found: dict[str, set[str]] = result["found"]  # type: ignore[assignment]
            for p in test:
                got = found[p.text]
                if p.labels - got or (not p.labels and got):
                    print(f"  {sorted(p.labels) or ['good']} -> {sorted(got)}: {p.text}")
    summary = {key: [r[key] for _, r in results] for key in ("recall", "false", "hard")}
    per_cat = {c: [r["rows"][c] for _, r in results] for c in CATEGORIES}  # type: ignore[index]
    name = variant or "rules alone"
    print(f"== {name}: mean over {len(results)} folds (min - max)")
    for key, label in (("recall", "recall"), ("false", "false flags"),
                       ("hard", "hard good flagged")):
        vals: list[float] = summary[key]  # type: ignore[assignment]
        print(f"{label:<20}{statistics.mean(vals):>7.3f}   ({min(vals):.3f} - {max(vals):.3f})")
    print(f"{'category':<22}{'recall':>8}{'(min-max)':>13}{'precision':>11}")
    cat_means = {}
    for cat, vals in per_cat.items():
        recalls = [r for r, _ in vals]
        precisions = [p for _, p in vals]
        cat_means[cat] = (statistics.mean(recalls), statistics.mean(precisions))
        print(f"{cat:<22}{statistics.mean(recalls):>8.2f}  ({min(recalls):.2f}-"
              f"{max(recalls):.2f}){statistics.mean(precisions):>11.2f}")
    return {"recall": statistics.mean(summary["recall"]),
            "false": statistics.mean(summary["false"]),
            "hard": statistics.mean(summary["hard"]), "categories": cat_means,
            "per_fold": [(held, r["recall"], r["false"]) for held, r in results]}


def main(argv: list[str]) -> int:
    k = int(argv[argv.index("--folds") + 1]) if "--folds" in argv else None
    start = time.perf_counter()
    if "--variants" in argv:
        from train_coach import VARIANTS

        for variant in [None, *VARIANTS]:
            run(variant, k, quiet=True)
    else:
        variant = argv[argv.index("--model") + 1] if "--model" in argv else None
        if "--rules" not in argv and variant is None:
            from train_coach import SHIPPED

            variant = SHIPPED
        run(variant, k, misses="--misses" in argv)
    print(f"({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
