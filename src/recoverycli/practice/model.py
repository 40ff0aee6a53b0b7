"""The coach's learned component: a one-vs-rest logistic regression over sparse features,
scored in pure Python (no numpy, no scikit-learn at run time).

Features of a stretch of text (``features``): lemma unigrams and bigrams, the coach's word
classes, and who-does-what roles (a doer - I, we, you, a third party, a system - followed
within a few words by a class of act: a fault, a task, an apology, a transfer ...). The
weights are fitted by ``scripts/train_coach.py`` (scikit-learn, training time only) and
shipped as ``data/coach_model.tsv``: a header line (the feature kinds, then each category
and its bias), then one line per feature, sorted, ``feature<TAB>ci:w ci:w``. Loading splits
the lines and no more; a feature is found by bisecting them when a sentence has it, so
``recover check`` of one phrase pays a few milliseconds, not a parse of the whole file.
``Model.scores`` gives each category's probability.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from .normalize import Token, looked_up

PATH = Path(__file__).parent / "data" / "coach_model.tsv"

# Who does it: the doer of a role feature.
DOERS = {"i": "i", "me": "i", "my": "i", "we": "we", "us": "we", "our": "we", "you": "you",
         "your": "you", "they": "they", "them": "they", "he": "they", "she": "they",
         "their": "they", "it": "it"}
DOER_CLASSES = ("@third", "@internal", "@external", "@system", "@org", "@newcomer",
                "@authority")
ACT_CLASSES = ("@fault", "@task", "@apology", "@transfer", "@wrong", "@busy", "@breakdown",
               "@policy", "@emotion", "@perceive", "@said", "@fixverb", "@remedy",
               "@followverb", "@hollow", "@disparage", "@season", "@when", "@offer")
WINDOW = 4


def _doer(token: Token) -> str | None:
    if token.norm in DOERS:
        return DOERS[token.norm]
    for cls in DOER_CLASSES:
        if cls in token.feats:
            return cls
    if "#name" in token.feats:
        return "name"
    return None


def features(tokens: Sequence[Token], kinds: str = "ncr") -> set[str]:
    """The sparse features of a stretch of tokens: ``n`` lemma n-grams, ``c`` word classes,
    ``r`` who-does-what roles, ``s`` skip-bigrams (lemma pairs two to three words apart), ``p``
    five-letter prefixes of longer words, ``g`` negation scope (the three words after a "not"),
    ``t`` trigrams over word classes (a word with no class as its lemma)."""
    out: set[str] = set()
    lemmas = ["<s>", *(t.lemma for t in tokens if t.norm not in ",.!?;:"), "</s>"]
    words = [t for t in tokens if t.norm not in ",.!?;:"]
    if "n" in kinds:
        out.update("w:" + w for w in lemmas[1:-1])
        out.update(f"b:{a}_{b}" for a, b in itertools.pairwise(lemmas))
    if "p" in kinds:  # word stems by prefix: open vocabulary for unseen forms
        out.update("p:" + w[:5] for w in lemmas[1:-1] if len(w) > 5)
    if "s" in kinds:
        out.update(f"s:{lemmas[i]}_{lemmas[j]}" for i in range(len(lemmas))
                   for j in range(i + 2, min(i + 4, len(lemmas))))
    if "c" in kinds:
        for t in words:
            out.update("c:" + f for f in t.feats if f[:1] == "@")
        for a, b in itertools.pairwise(words):
            ca = [f for f in a.feats if f[:1] == "@"] or [a.lemma]
            cb = [f for f in b.feats if f[:1] == "@"] or [b.lemma]
            if len(ca) * len(cb) <= 16:
                out.update(f"cc:{x}_{y}" for x in ca for y in cb)
    if "g" in kinds:  # negation scope: the words a "not" or "never" governs
        for i, t in enumerate(words):
            if t.norm in ("not", "never", "no", "nobody", "nothing"):
                out.update("g:!" + u.lemma for u in words[i + 1:i + 4])
    if "t" in kinds:  # word classes as tokens: trigrams over classes (or lemmas)
        seq = [next((f for f in sorted(t.feats) if f[:1] == "@"), t.lemma) for t in words]
        out.update(f"t:{a}_{b}_{c}" for a, b, c in zip(seq, seq[1:], seq[2:], strict=False))
    if "r" in kinds:
        for i, t in enumerate(words):
            doer = _doer(t)
            if doer is None:
                continue
            negated = False
            for u in words[i + 1:i + 1 + WINDOW]:
                if u.norm in ("not", "never", "no"):
                    negated = True
                for cls in ACT_CLASSES:
                    if cls in u.feats:
                        out.add(f"r:{doer}>{'!' if negated else ''}{cls}")
                if u.pp:
                    out.add(f"r:{doer}>pp:{u.lemma}")
                out.add(f"r:{doer}>{u.lemma}")
    return out


class Model:
    def __init__(self, categories: Sequence[str], bias: Sequence[float],
                 weights: dict[str, Sequence[tuple[int, float]]], kinds: str = "ncr") -> None:
        self.categories = list(categories)
        self.bias = list(bias)
        self.weights = weights
        self.kinds = kinds
        # The shipped file's feature lines, sorted (``dumps`` sorts them): a feature is
        # found with ``normalize.looked_up``, read once, then kept in ``weights`` (or in
        # ``_absent``). Splitting the file into lines and no more is what keeps loading
        # it a few milliseconds (a dict of its 53,010 features took 15).
        self._lines: list[str] = []
        self._absent: set[str] = set()

    def _get(self, feat: str) -> Sequence[tuple[int, float]]:
        got = self.weights.get(feat)
        if got is None:
            if feat in self._absent:
                return ()
            raw = looked_up(self._lines, feat)
            if raw is None:
                self._absent.add(feat)
                return ()
            parts = raw.replace(":", " ").split()
            got = [(int(parts[k]), float(parts[k + 1])) for k in range(0, len(parts) - 1, 2)]
            self.weights[feat] = got
        return got

    def scores(self, sentences: Iterable[Sequence[Token]]) -> dict[str, float]:
        """Each category's probability for a stretch of text (its sentences: no n-gram
        crosses a sentence's end - "... I'm sorry. You deserved ..." has no "sorry you")."""
        return self.score_features(set().union(*(features(s, self.kinds)
                                                 for s in sentences)))

    def score_features(self, feats: Iterable[str]) -> dict[str, float]:
        """Each category's probability for a set of features (``features``'s)."""
        totals = list(self.bias)
        weights, absent = self.weights, self._absent
        for feat in feats:  # (the cache read inline: this loop is most of a check's time)
            got = weights.get(feat)
            if got is None:
                if feat in absent:
                    continue
                got = self._get(feat)
            for ci, w in got:
                totals[ci] += w
        return {c: 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
                for c, z in zip(self.categories, totals, strict=True)}

    def dumps(self) -> str:
        head = "\t".join([self.kinds, *(f"{c}:{b:.4f}" for c, b in
                                        zip(self.categories, self.bias, strict=True))])
        lines = [head]
        for feat, ws in sorted(self.weights.items()):
            if "\t" in feat or "\n" in feat or not ws:
                continue
            lines.append(feat + "\t" + " ".join(f"{ci}:{w:.3f}" for ci, w in ws))
        return "\n".join(lines) + "\n"

    @classmethod
    def loads(cls, text: str) -> Model:
        head, _, body = text.partition("\n")
        kinds, *cats = head.split("\t")
        categories = [c.rpartition(":")[0] for c in cats]
        bias = [float(c.rpartition(":")[2]) for c in cats]
        model = cls(categories, bias, {}, kinds)
        model._lines = body.rstrip("\n").split("\n") if body.strip() else []
        return model


@lru_cache(maxsize=1)
def shipped() -> Model | None:
    """The model shipped in the package, or None when there is none."""
    try:
        text = PATH.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return Model.loads(text)
