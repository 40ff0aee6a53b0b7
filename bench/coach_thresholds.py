"""Per-category verdict thresholds for the coach's model, chosen by NESTED leave-writers-out.

Run: ``python bench/coach_thresholds.py [W]`` (W: how many good phrases one extra hit may
cost, default 3). A category the model finds with no pattern hit is a verdict at probability
ASSERT (0.5) or more, a question below. Here each category may have its own threshold:
for every held-out writer (outer fold), the threshold of each category is picked on the
TRAINING writers alone (inner folds: the training writers dealt into 3, the model fitted on
the other two thirds), maximising hits of the category minus W x good phrases it flags; the
held-out writer is then scored with them, against the single 0.5. Finally the thresholds
are picked the same way on every writer's leave-one-writer-out reading (what would ship).
"""

from __future__ import annotations

import statistics
import sys
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))

from coach_corpus import Written, folds, load_writers, old_training  # noqa: E402
from coach_eval import CATEGORIES  # noqa: E402

GRID = [0.12, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 2.0]
Read = tuple[Written, frozenset[str], tuple[tuple[str, float], ...]]
VARIANT: list[str] = []  # --model NAME: a variant of scripts/train_coach.py, not the shipped


def read(train_writers: list[str], held: list[str]) -> list[Read]:
    """Each held-out phrase: its verdict categories that need no threshold, and the
    model-found candidates (category, probability) that would be verdicts at any threshold."""
    from train_coach import fit

    from recoverycli.practice import engine

    phrases = load_writers()
    coach = engine.Coach(model=fit(old_training() + [p for p in phrases
                                                     if p.writer in train_writers],
                                   *VARIANT))
    seen: list[float] = []

    class Probe:
        def __le__(self, p: float) -> bool:
            seen.append(p)
            return True

        def __gt__(self, own: float) -> bool:
            # engine's "found next door" guard (own < threshold): it only drops a second
            # finding of a category a neighbouring sentence of the same phrase already
            # has, so at phrase level it changes nothing (a phrase is flagged with the
            # category either way): never dropped here
            return False

    made: dict[tuple[str, int, int], float] = {}
    real = engine.Finding

    def finding(*a: object, **k: object) -> object:
        f = real(*a, **k)  # type: ignore[arg-type]
        if f.found_by == "model":
            made[(f.rule, f.start, f.end)] = seen[-1]
        return f

    engine.ASSERT_BY = {c: Probe() for c in CATEGORIES}  # type: ignore[misc]
    engine.Finding = finding  # type: ignore[misc,assignment]
    out: list[Read] = []
    for p in (q for q in phrases if q.writer in held):
        made.clear()
        fixed, cand = set(), []
        for f in coach.check(p.text):
            if f.unsure:
                continue
            if f.found_by == "model":
                cand.append((f.rule, made[(f.rule, f.start, f.end)]))
            else:
                fixed.add(f.rule)
        out.append((p, frozenset(fixed), tuple(cand)))
    engine.Finding = real  # type: ignore[misc]
    engine.ASSERT_BY = {}
    return out


def cats(r: Read, t: dict[str, float]) -> set[str]:
    return set(r[1]) | {c for c, p in r[2] if p >= t.get(c, 0.5)}


def pick(reads: list[Read], w: float) -> dict[str, float]:
    best: dict[str, float] = {}
    for c in CATEGORIES:
        def gain(t: float, c: str = c) -> float:
            hits = sum(1 for r in reads if c in r[0].labels and c not in r[1]
                       and any(k == c and p >= t for k, p in r[2]))
            false = sum(1 for r in reads if not r[0].bad and c not in r[1]
                        and any(k == c and p >= t for k, p in r[2]))
            return hits - w * false
        best[c] = max(GRID, key=lambda t: (gain(t), -abs(t - 0.5)))
    return best


def score(reads: list[Read], t: dict[str, float]) -> dict[str, object]:
    found = [cats(r, t) for r in reads]
    bad = [i for i, r in enumerate(reads) if r[0].bad]
    good = [i for i, r in enumerate(reads) if not r[0].bad]
    rows = {}
    for c in CATEGORIES:
        with_it = [i for i in bad if c in reads[i][0].labels]
        rows[c] = sum(c in found[i] for i in with_it) / len(with_it) if with_it else 1.0
    return {"recall": sum(bool(found[i]) for i in bad) / len(bad),
            "false": sum(bool(found[i]) for i in good) / len(good), "rows": rows}


def job(args: tuple[list[str], list[str], list[str]]) -> list[Read]:
    VARIANT[:] = args[2]
    return read(args[0], args[1])


def _cached(jobs: list[tuple[list[str], list[str]]]) -> list[list[Read]]:
    """The fits' readings, kept in /tmp between runs with different W (keyed by the
    inputs of the fitting, scripts/coach_model.digest's, and of the engine)."""
    import hashlib
    import pickle

    from train_coach import inputs

    key = hashlib.sha256(repr(VARIANT).encode())
    practice = ROOT / "src" / "recoverycli" / "practice"
    for path in [*inputs(), practice / "engine.py", practice / "patterns.py",
                 *sorted((practice / "rules").glob("*.py"))]:
        key.update(path.read_bytes())
    cache = Path("/tmp") / f"coach_thresholds_{key.hexdigest()[:16]}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())  # type: ignore[no-any-return]
    with Pool(2) as pool:
        got = pool.map(job, [(*j, VARIANT) for j in jobs], chunksize=1)
    cache.write_bytes(pickle.dumps(got))
    return got


def main(argv: list[str]) -> int:
    if "--model" in argv:
        at = argv.index("--model")
        VARIANT[:] = [argv[at + 1]]
        argv = argv[:at] + argv[at + 2:]
    w = float(argv[0]) if argv else 3.0
    phrases = load_writers()
    outer = folds(phrases, 99)
    jobs = [(tr, h) for tr, h in outer]
    inner_of = []
    for tr, _h in outer:
        sub = [p for p in phrases if p.writer in tr]
        inner = folds(sub, 3)
        inner_of.append((len(jobs), len(inner)))
        jobs += inner
    got = _cached(jobs)
    base = {c: 0.5 for c in CATEGORIES}
    res: dict[str, list[dict[str, object]]] = {"single 0.5": [], "nested": []}
    for k, (_tr, h) in enumerate(outer):
        first, n = inner_of[k]
        t = pick([r for g in got[first:first + n] for r in g], w)
        a, b = score(got[k], base), score(got[k], t)
        res["single 0.5"].append(a)
        res["nested"].append(b)
        print(f"held out {'+'.join(h)}: single 0.5 recall {a['recall']:.3f} false "
              f"{a['false']:.3f} | nested recall {b['recall']:.3f} false {b['false']:.3f}")
    for name, rs in res.items():
        rec = [r["recall"] for r in rs]
        fal = [r["false"] for r in rs]
        print(f"== {name} (W={w:g}): recall {statistics.mean(rec):.3f} ({min(rec):.3f}-"  # type: ignore[type-var]
              f"{max(rec):.3f})  false flags {statistics.mean(fal):.3f} ({min(fal):.3f}-"  # type: ignore[type-var]
              f"{max(fal):.3f})")
        print("   " + "  ".join(f"{c}: {statistics.mean(r['rows'][c] for r in rs):.2f}"  # type: ignore[index]
                                for c in CATEGORIES))
    final = pick([r for g in got[:len(outer)] for r in g], w)
    print("thresholds on every writer:", {c: t for c, t in final.items() if t != 0.5})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
