"""Fit the wording coach's learned component and ship its weights.

Run: ``python scripts/train_coach.py`` (needs the ``train`` extra: scikit-learn). It fits a
one-vs-rest logistic regression (one binary model per category; good phrases are negatives
for all) on every unsealed writer of tests/data/coach_corpus/ plus the old writerless corpus,
and writes src/recoverycli/practice/data/coach_model.tsv, which the coach scores in pure
Python (recoverycli.practice.model). ``bench/coach_eval.py`` calls ``fit`` on the training
writers of each fold, so the figures it prints are on writers the model never saw.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from recoverycli.practice.model import PATH, Model, features  # noqa: E402
from recoverycli.practice.normalize import tokenize  # noqa: E402

CATEGORIES = ["plural-apology", "hollow-inconvenience", "non-apology", "excuse",
              "blame-third-party", "blame-customer", "policy", "telling-feelings",
              "cold-transfer", "hand-back", "as-i-said", "bad-mouthing"]

# name -> (feature kinds, inverse regularisation C, classes weighted: True to balance, a
# number to weigh each phrase of the category that many times)
VARIANTS: dict[str, tuple[str, float, bool | float]] = {
    "ngrams": ("n", 1.0, False),
    "ngrams+classes": ("nc", 1.0, False),
    "ngrams+classes+roles": ("ncr", 1.0, False),
    "ngrams+classes+roles+skip": ("ncrs", 1.0, False),
    "ngrams+classes+roles C=0.3": ("ncr", 0.3, False),
    "ngrams+classes+roles C=3": ("ncr", 3.0, False),
    "ngrams+classes+roles C=10": ("ncr", 10.0, False),
    "ngrams+classes+roles+prefixes C=10": ("ncrp", 10.0, False),
    "ngrams+classes+roles C=30": ("ncr", 30.0, False),
    "ngrams+classes+roles balanced": ("ncr", 1.0, True),
    "ngrams+classes+roles balanced C=3": ("ncr", 3.0, True),
    "ngrams+classes+roles C=10 bad x2": ("ncr", 10.0, 2.0),
    "ngrams+classes+roles C=10 bad x3": ("ncr", 10.0, 3.0),
    "ngrams+classes+roles C=10 bad x4": ("ncr", 10.0, 4.0),
    "ngrams+classes+roles C=3 bad x3": ("ncr", 3.0, 3.0),
    "ngrams+classes+roles+negation C=10 bad x3": ("ncrg", 10.0, 3.0),
    "ngrams+classes+roles+class-trigrams C=10 bad x3": ("ncrt", 10.0, 3.0),
}
# Each name here with " nb" added: the same, with every feature scaled by its naive-Bayes
# log-count ratio for the category before fitting (Wang & Manning's NBSVM, with logistic
# regression); the shipped weight is the fitted one times the ratio, so scoring is unchanged.
for _name in list(VARIANTS):
    if "bad x" in _name:
        VARIANTS[_name + " nb"] = VARIANTS[_name]
for _c in (1.0, 3.0, 30.0):
    VARIANTS[f"ngrams+classes+roles C={_c:g} bad x2 nb"] = ("ncr", _c, 2.0)
SHIPPED = "ngrams+classes+roles C=10 bad x2"
NB_SMOOTHING = 1.0
PRUNE = 0.05  # weights smaller than this are left out of the shipped file


@cache
def phrase_features(text: str, kinds: str) -> frozenset[str]:
    return frozenset().union(*(features(s, kinds) for s in tokenize(text)))


def fit(phrases: list, variant: str = SHIPPED) -> Model:  # type: ignore[type-arg]
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    kinds, c, balanced = VARIANTS[variant]
    rows = [dict.fromkeys(phrase_features(p.text, kinds), 1) for p in phrases]
    vec = DictVectorizer()
    x = vec.fit_transform(rows).tocsr()
    x.indices = x.indices.astype("int32")
    x.indptr = x.indptr.astype("int32")
    names = vec.get_feature_names_out()
    bias: list[float] = []
    weights: dict[str, list[tuple[int, float]]] = {}
    for ci, cat in enumerate(CATEGORIES):
        y = [cat in p.labels for p in phrases]
        weight = ("balanced" if balanced is True else {True: float(balanced), False: 1.0}
                  if balanced else None)
        clf = LogisticRegression(C=c, solver="liblinear", max_iter=1000,
                                 class_weight=weight)
        if variant.endswith(" nb"):
            ratio = _nb_ratio(x, y)
            clf.fit(x.multiply(ratio).tocsr(), y)
            coef = clf.coef_[0] * ratio
        else:
            clf.fit(x, y)
            coef = clf.coef_[0]
        bias.append(float(clf.intercept_[0]))
        for j in coef.nonzero()[0]:
            w = float(coef[j])
            if abs(w) >= PRUNE:
                weights.setdefault(str(names[j]), []).append((ci, w))
    return Model(CATEGORIES, bias, weights, kinds)


def _nb_ratio(x, y: list[bool]):  # type: ignore[no-untyped-def]
    """Each feature's smoothed log-count ratio, positives over negatives."""
    import numpy as np

    mask = np.array(y)
    pos = np.asarray(x[mask].sum(axis=0)).ravel() + NB_SMOOTHING
    neg = np.asarray(x[~mask].sum(axis=0)).ravel() + NB_SMOOTHING
    return np.log((pos / pos.sum()) / (neg / neg.sum()))


# What the shipped weights are fitted from: a digest of these files (and of the weights) is
# written next to this script when it fits, so a test can tell in a millisecond that the
# model is stale, without refitting it (``--check`` refits and compares, in a minute or so).
DIGEST = ROOT / "scripts" / "coach_model.digest"


def inputs() -> list[Path]:
    src = ROOT / "src" / "recoverycli" / "practice"
    data = ROOT / "tests" / "data"
    return [*sorted((data / "coach_corpus").glob("w*.yaml")), data / "coach_phrases.yaml",
            data / "coach_challenge.yaml", src / "data" / "forms.json",
            src / "data" / "typos.tsv", src / "lexicon.py",
            src / "normalize.py", src / "model.py", ROOT / "scripts" / "train_coach.py",
            ROOT / "tests" / "coach_corpus.py"]


def digest() -> str:
    """The digest of the fitting's inputs, then of the shipped weights."""
    import hashlib

    seen = hashlib.sha256()
    for path in inputs():
        seen.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        seen.update(hashlib.sha256(path.read_bytes()).digest())
    weights = hashlib.sha256(PATH.read_bytes()).hexdigest()
    return f"inputs {seen.hexdigest()}\nweights {weights}\n"


def main(argv: list[str]) -> int:
    from coach_corpus import load_writers, old_training

    model = fit(old_training() + load_writers(), SHIPPED)
    if "--check" in argv:
        fresh = model.dumps() == PATH.read_text(encoding="utf-8")
        print("the shipped model is " + ("fresh" if fresh else "STALE: refit it"))
        return 0 if fresh else 1
    PATH.write_text(model.dumps(), "utf-8")
    DIGEST.write_text(digest(), "utf-8")
    print(f"{PATH}: {len(model.weights)} features, {PATH.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
