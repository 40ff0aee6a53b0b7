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

# name -> (feature kinds, inverse regularisation C, classes weighted to balance)
VARIANTS: dict[str, tuple[str, float, bool]] = {
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
}
SHIPPED = "ngrams+classes+roles C=10"
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
        clf = LogisticRegression(C=c, solver="liblinear", max_iter=1000,
                                 class_weight="balanced" if balanced else None)
        clf.fit(x, y)
        bias.append(float(clf.intercept_[0]))
        for j in clf.coef_[0].nonzero()[0]:
            w = float(clf.coef_[0][j])
            if abs(w) >= PRUNE:
                weights.setdefault(str(names[j]), []).append((ci, w))
    return Model(CATEGORIES, bias, weights, kinds)


def main() -> int:
    from coach_corpus import load_writers, old_training

    model = fit(old_training() + load_writers(), SHIPPED)
    PATH.write_text(model.dumps(), "utf-8")
    print(f"{PATH}: {len(model.weights)} features, {PATH.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
