"""The wording coach: normalised tokens -> word classes -> patterns -> findings.

``Coach.check(text)`` returns ``Finding``s, each with the span of the original text it
points at, its category, why, a better way to say it and the source. Built-in categories
live in ``rules``; a team's ``coach.yaml`` can switch categories off and add its own
regular-expression rules (run by a linear-time engine, see ``team``). Pure: nothing here
prints or imports rich.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from recoverycli.i18n import N_, LazyText

from .normalize import Token, tokenize
from .patterns import Pattern, compile, search, sentence_features
from .readings import (
    INSULTS,
    open_question,
    owning,
    read_otherwise,
    taken_back,
    takes_back,
)
from .rules import CATEGORIES, Category
from .team import TeamRule, load_team

if TYPE_CHECKING:
    from .model import Model


class Finding(NamedTuple):
    rule: str        # the category id (or a team rule's id)
    start: int
    end: int
    text: str
    why: str
    better: str
    source: str | None
    unsure: bool = False  # the coach is not sure: shown as a question, scored as nothing
    found_by: str = "patterns"  # "patterns", "model" or "team"

    @property
    def category(self) -> str:
        return self.rule

    @property
    def question(self) -> str:
        """The finding asked as a question (for an unsure one)."""
        return question(self.rule, self.better)

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "rule": self.rule, "span": [self.start, self.end], "text": self.text,
            "why": self.why, "better": self.better, "source": self.source,
            "unsure": self.unsure, "found_by": self.found_by}
        if self.unsure:
            out["question"] = self.question
        return out


# What an unsure finding asks, in the reader's language (the frame around the coach's
# findings; the advice after it is the category's "better", in English like the coach).
QUESTIONS: dict[str, LazyText] = {
    "plural-apology": N_("Is this apology coming from the company rather than from you?"),
    "hollow-inconvenience": N_("Is this a stock apology for an 'inconvenience'?"),
    "non-apology": N_("Is this apologising without owning the problem?"),
    "excuse": N_("Is this excusing the failure with circumstances?"),
    "blame-third-party": N_("Is this blaming someone else for the failure?"),
    "blame-customer": N_("Is this suggesting the customer caused it?"),
    "policy": N_("Is this hiding behind a rule?"),
    "telling-feelings": N_("Is this telling the customer how to feel?"),
    "cold-transfer": N_("Is this passing the customer on without owning it?"),
    "hand-back": N_("Is this giving the customer our work to do?"),
    "as-i-said": N_("Is this repeating yourself impatiently?"),
    "bad-mouthing": N_("Is this running down your own company or colleagues?"),
}


# What the trainee can do if the answer is yes: owning it, for the categories that disown
# the problem; the category's own remedy for the rest ("Is this telling the customer how to
# feel? If you are owning it..." made no sense to a trainee).
IF_SO: dict[str, LazyText] = {
    "plural-apology": N_("If so, say it yourself: {better}"),
    "hollow-inconvenience": N_("If so, name what went wrong: {better}"),
    "policy": N_("If so, say what you can do: {better}"),
    "telling-feelings": N_("If so, acknowledge the feeling instead: {better}"),
    "as-i-said": N_("If so, say it again as if for the first time: {better}"),
    "bad-mouthing": N_("If so, keep to what you will do: {better}"),
}

NOT_ENGLISH = "not-english"  # the coach's finding for a phrase it cannot read


def question(rule: str, better: str) -> str:
    if rule == NOT_ENGLISH:
        return better  # what the coach says of a phrase in another language, as it is
    from recoverycli.i18n import _

    ask = str(QUESTIONS[rule]) if rule in QUESTIONS else \
        _("Is this {rule}?").format(rule=rule.replace("-", " "))
    then = str(IF_SO[rule]) if rule in IF_SO else \
        _("If you are owning it, say so: {better}")
    return ask + " " + then.format(better=better)


# How the model's probability for a category turns into a finding (see docs/practice.md):
# a pattern hit the model gives less than DOUBT is asked, not stated; with no pattern hit,
# ASSERT or more is a verdict and ASK or more a question.
DOUBT = 0.08
MANY = 3  # problems the patterns find in one sentence past which the model doubts none
ASK = 0.12
ASSERT = 0.5
# Per-category ASSERT, where a category earned its own (fitted by nested leave-writers-out
# in bench/coach_thresholds.py; see docs/practice.md).
# W=4: one more hit of a category may cost at most a quarter of a flagged good phrase.
ASSERT_BY: dict[str, float] = {
    "plural-apology": 0.12, "hollow-inconvenience": 0.7, "non-apology": 0.2,
    "excuse": 0.12, "blame-third-party": 0.12, "blame-customer": 0.3, "policy": 0.25,
    "telling-feelings": 0.45, "cold-transfer": 0.25, "hand-back": 0.2, "as-i-said": 2.0,
    "bad-mouthing": 0.12}

ASK_OWNED = 0.6  # what the model must give a category a pattern's escape cleared
# Running down the service is no bad-mouthing when one owns it ("it was awful; we did it").
DISOWNING = frozenset({"non-apology", "excuse", "blame-third-party", "hand-back",
                       "cold-transfer", "bad-mouthing"})


class Compiled(NamedTuple):
    category: Category
    patterns: tuple[Pattern, ...]
    unless: tuple[Pattern, ...]
    text_unless: tuple[Pattern, ...]


@lru_cache(maxsize=1)
def compiled_builtins() -> tuple[Compiled, ...]:
    return tuple(
        Compiled(c, tuple(compile(p) for p in c.patterns),
                 tuple(compile(p) for p in c.unless),
                 tuple(compile(p) for p in c.text_unless))
        for c in CATEGORIES)


def _key(pattern: Pattern) -> frozenset[str] | None:
    """The need a sentence is least likely to meet: patterns are looked up by it."""
    from .lexicon import CLASSES

    def cost(need: frozenset[str]) -> int:
        return sum(10_000 if alt.startswith("#") else
                   len(CLASSES[alt[1:]]) if alt[:1] in "@%" else 1 for alt in need)

    return min(pattern.needs, key=cost) if pattern.needs else None


@lru_cache(maxsize=1)
def pattern_index() -> tuple[dict[str, list[tuple[int, int]]], list[tuple[int, int]]]:
    """feature -> (category, pattern) pairs whose key need it meets; and the patterns that
    have no need at all (always tried). Checking a sentence then tries only patterns that
    can match it, not all of them."""
    from .lexicon import CLASSES
    from .normalize import CLASS_OF

    index: dict[str, list[tuple[int, int]]] = {}
    always: list[tuple[int, int]] = []
    for ci, comp in enumerate(compiled_builtins()):
        for pi, pattern in enumerate(comp.patterns):
            key = _key(pattern)
            if key is None or any(alt.startswith("#") for alt in key):
                always.append((ci, pi))
                continue
            for alt in key:
                index.setdefault(alt, []).append((ci, pi))
    del CLASSES, CLASS_OF
    return index, always


def _any(sentences: Sequence[tuple[Sequence[Token], frozenset[str]]],
         patterns: Sequence[Pattern]) -> bool:
    return any(search(s, p, f) for s, f in sentences for p in patterns)


class Coach:
    def __init__(self, disabled: Iterable[str] = (), team: Sequence[TeamRule] = (),
                 model: object = "shipped") -> None:
        """``model``: "shipped" (the package's learned weights, if any), None (patterns
        alone) or a ``model.Model``."""
        self.disabled = frozenset(disabled)
        self._model = model
        self.builtins = [c for c in compiled_builtins() if c.category.id not in self.disabled]
        self.team = [t for t in team if t.id not in self.disabled]

    @property
    def rules(self) -> list[str]:
        return [c.category.id for c in self.builtins] + [t.id for t in self.team]

    @classmethod
    def load(cls, extra: Iterable[str] = (), user: bool = True) -> Coach:
        """Built-in categories, then the user's ``coach.yaml`` (unless ``user`` is False),
        then ``extra`` rule files in order."""
        disabled, team = load_team(list(extra), user=user)
        return cls(disabled, team)

    def check(self, text: str) -> list[Finding]:
        from .language import note, reads_as

        other = reads_as(text)
        if other is not None:  # read as another language: said in one line (issue 23)
            return [Finding(NOT_ENGLISH, 0, len(text), text, note(other), note(other), None,
                            unsure=True, found_by="language")]
        findings: list[Finding] = []
        sentences = [(s, sentence_features(s)) for s in tokenize(text)]
        ranges = [(s[0].start, s[-1].end) for s, _ in sentences]
        index, always = pattern_index()
        # per sentence, the patterns its words could match, by category: a category with
        # none is passed over without going through its patterns
        candidates: list[dict[int, list[int]]] = []
        for _, feats in sentences:
            could = set(always)
            for feature in feats:
                could.update(index.get(feature, ()))
            by_category: dict[int, list[int]] = {}
            for ci, pi in sorted(could):
                by_category.setdefault(ci, []).append(pi)
            candidates.append(by_category)
        order = {comp.category.id: ci for ci, comp in enumerate(compiled_builtins())}
        cleared: set[tuple[int, str]] = set()  # a pattern matched, its escape cleared it
        for comp in self.builtins:
            cat = comp.category
            if comp.text_unless and _any(sentences, comp.text_unless):
                cleared.update((i, cat.id) for i in range(len(sentences)))
                continue
            ci = order[cat.id]
            for i, ((sentence, feats), mine) in enumerate(zip(sentences, candidates,
                                                              strict=True)):
                spans = [m for pi in mine.get(ci, ()) for m in search(sentence,
                                                                      comp.patterns[pi], feats)]
                if not spans:
                    continue
                found: Sequence[Token] = sentence  # where the spans are
                if comp.unless and _any([(sentence, feats)], comp.unless):
                    # owning taken back by a "but": what follows is read on its own ("that's
                    # on us, but ... like I said you should have read it": a red team)
                    tail = taken_back(sentence) if cat.id in TAKEN_BACK else ()
                    tail_feats = sentence_features(tail) if tail else frozenset()
                    spans = [m for pi in mine.get(ci, ()) for m in search(
                        tail, comp.patterns[pi], tail_feats)] if tail else []
                    if not spans or _any([(tail, tail_feats)], comp.unless):
                        cleared.add((i, cat.id))
                        continue
                    found = tail
                for first, last in _merge(spans):
                    start, end = found[first].start, found[last - 1].end
                    findings.append(Finding(cat.id, start, end, text[start:end], cat.why,
                                            cat.better, cat.source))
        model = self.model
        if model is not None:
            findings = self._weigh(text, sentences, findings, model, cleared)
        else:
            findings = _most_specific(findings, ranges)
        for rule in self.team:
            if any(u.search(text) for u in rule.unless):  # type: ignore[attr-defined]
                continue
            spans = [(m.start(), m.end()) for p in rule.patterns
                     for m in p.finditer(text) if m.end() > m.start()]  # type: ignore[attr-defined]
            for start, end in _merge(spans):
                findings.append(Finding(rule.id, start, end, text[start:end], rule.why,
                                        rule.better, rule.source, found_by="team"))
        return sorted(findings, key=lambda f: (f.start, f.rule))


    @property
    def model(self) -> Model | None:
        if self._model == "shipped":
            from .model import shipped

            self._model = shipped()
        return self._model  # type: ignore[return-value]

    def _weigh(self, text: str, sentences: Sequence[tuple[Sequence[Token], frozenset[str]]],
               findings: list[Finding], model: Model,
               cleared: set[tuple[int, str]] = frozenset()  # type: ignore[assignment]
               ) -> list[Finding]:
        """The patterns' findings weighed by the model, sentence by sentence (each read
        with its neighbours): a pattern hit the model doubts becomes a question; a category
        the model is sure of and no pattern caught is added; a more specific category
        only silences another when the model does not back the other; a category a
        pattern's escape cleared needs the model surer."""
        by_id = {c.category.id: c.category for c in self.builtins}
        escapes = {c.category.id: c.unless for c in self.builtins if c.unless}
        out: list[Finding] = []
        starts = [s[0].start for s, _ in sentences]
        from .model import features

        feats = [features(s, model.kinds) for s, _ in sentences]
        owns = [owning(s) for s, _ in sentences]
        # each finding to the sentence it starts in (or the first, before any): found once,
        # not per sentence (a 160 KB line took 20 s when every sentence read every finding)
        by_sentence: dict[int, list[Finding]] = {}
        for f in findings:
            k = max(0, bisect.bisect_right(starts, f.start) - 1)
            if k + 1 < len(starts) or f.start < sentences[k][0][-1].end:
                by_sentence.setdefault(k, []).append(f)
        for i, (sentence, _) in enumerate(sentences):
            window = [s for s, _ in sentences[max(0, i - 1):i + 2]]
            probs = model.score_features(set().union(*feats[max(0, i - 1):i + 2]))
            # owned by this sentence or the next, or by the one before unless this one
            # opens by taking that back ("That said, ...")
            owned = owns[i] or (i + 1 < len(owns) and owns[i + 1]) or (
                i > 0 and owns[i - 1] and not takes_back(sentence))
            start, end = sentence[0].start, sentence[-1].end
            here = by_sentence.get(i, [])
            # the sentence's own reading: asked for only where a category is near enough to
            # be added (most sentences never need it: checking 200 lines stays quick)
            own: dict[str, float] | None = None if len(window) > 1 else probs
            over: dict[str, float] = {}
            tail = taken_back(sentence)
            if tail:
                after = model.score_features(features(tail, model.kinds))
                over = {cat: after[cat] for cat in TAKEN_BACK
                        if after.get(cat, 0.0) > probs.get(cat, 0.0)}
                probs.update(over)
            caught = set()
            # where the patterns find three problems or more, the model doubts none of them:
            # a rant of six read as clean by the model made every one a question (a red team)
            many = len({g.rule for g in here}) >= MANY
            spans: dict[str, list[tuple[int, int]]] = {}
            for g in here:
                spans.setdefault(g.rule, []).append((g.start, g.end))
            for rule_spans in spans.values():
                rule_spans.sort()
            for f in here:
                p = probs.get(f.rule, 1.0)
                # silenced only by a more specific finding over the same words: "it's not my
                # department, and frankly the manager here is useless" is a transfer AND
                # bad-mouthing (a red team: the whole sentence's findings silenced it)
                beaten = any(_overlaps(spans[r], f) for r in SUPERSEDED_BY.get(f.rule, ())
                             if r in spans)
                if beaten and p < ASK:
                    continue
                caught.add(f.rule)
                # The model doubts a pattern hit only where it reads the sentence as
                # clean: where it reads another problem, the sentence has two, and a
                # one-vs-rest model under-scores the second (its weights learned that the
                # other problem's words mean "not this one").
                clean = not many and all(q < ASK for c, q in probs.items() if c != f.rule)
                # A non-apology is owned only by its own sentence: "I'm sorry you feel that
                # way. We take responsibility." still regrets the feeling, not the failure.
                mine = owns[i] if f.rule == "non-apology" else owned
                # Calling people names is bad-mouthing however much the sentence owns:
                # "that's on us, and frankly the warehouse lot are clowns" (a red team).
                strong = f.rule in STRONG and bool(STRONG[f.rule] & set(
                    f.text.lower().replace(",", " ").split()))
                doubt = not strong and ((p < DOUBT and clean) or (mine and f.rule in DISOWNING))
                out.append(f._replace(unsure=doubt))
            for cat, p in probs.items():
                # Added only where the sentence itself carries the evidence, not its
                # neighbours ("Thanks for waiting." beside an excuse is no excuse).
                if cat in caught or cat not in by_id or p < ASK:
                    continue
                if own is None:
                    own = {**model.score_features(feats[i]), **over}
                if own[cat] < ASK:
                    continue
                c = by_id[cat]
                # what the sentence's own words rule out (readings' one table), and the
                # disowning categories where it owns the problem ("That's down to us.")
                if read_otherwise(cat, sentence) or (owns[i] and cat in DISOWNING):
                    continue
                # the patterns found this category next door ("Calm down, it's only a
                # jacket. Was it the medium?"): the model needs this sentence's own words
                # to say it here too (a newcomer saw the question flagged)
                if own[cat] < ASSERT_BY.get(cat, ASSERT) and any(
                        g.rule == cat for k in (i - 1, i + 1) for g in by_sentence.get(k, ())):
                    continue
                # Where the sentence owns the problem, or a pattern's escape cleared the
                # category (an exception offered, a colleague brought in), the model must
                # be surer to state it.
                sure = p >= ASSERT_BY.get(cat, ASSERT) and not (owned and cat in DISOWNING) \
                    and not ((i, cat) in cleared and p < ASK_OWNED) \
                    and not open_question(sentence)
                # The category's own escapes doubt the model as they doubt a pattern ("I'm
                # making an exception", "you'll have to forgive me"): read only here, for a
                # verdict the model alone would give, so checking stays as fast.
                if sure and (p < ASK_OWNED or cat in ESCAPE_ALWAYS) and cat in escapes and \
                        _any([sentences[i]], escapes[cat]):
                    sure = False
                out.append(Finding(cat, start, end, text[start:end], c.why, c.better,
                                   c.source, unsure=not sure, found_by="model"))
        return out


# Categories whose escapes doubt the model however sure it is: the speaker doing the work
# ("we'll bring your car to you": practice writers' good answers were marked down so).
ESCAPE_ALWAYS = frozenset({"hand-back", "cold-transfer",
                           # "the distress this has caused you", "even if policy says no"
                           "hollow-inconvenience", "policy"})
# Words no model doubt or owning makes fair to say: names for people, brushing the customer
# off, their fault ("...the warehouse lot are clowns", "shut up", "I own this, but it was
# your fault": red teams)
STRONG: dict[str, frozenset[str]] = {
    "bad-mouthing": INSULTS, "blame-customer": frozenset({"fault"}),
    "telling-feelings": INSULTS | {"shut", "ridiculous", "hysterical", "childish", "idiot",
                                   "tough", "whatever"}}


# What a "but" after owning words can take back (see taken_back).
TAKEN_BACK = ("excuse", "blame-third-party", "blame-customer", "telling-feelings",
              "bad-mouthing", "hand-back", "cold-transfer", "as-i-said", "policy")


# When two categories flag overlapping words, the more specific one explains them:
# "the new guy messed up" is the excuse of a newcomer more than blame of a colleague.
SUPERSEDES: dict[str, frozenset[str]] = {
    "bad-mouthing": frozenset({"blame-third-party", "cold-transfer", "excuse"}),
    "excuse": frozenset({"blame-third-party", "policy"}),
    "plural-apology": frozenset({"blame-third-party"}),
    "cold-transfer": frozenset({"hand-back", "blame-third-party"}),
    "policy": frozenset({"blame-third-party"}),
    "telling-feelings": frozenset({"hand-back", "blame-third-party", "excuse"}),
    "blame-customer": frozenset({"excuse"}),
}


SUPERSEDED_BY: dict[str, tuple[str, ...]] = {
    rule: tuple(g for g, beats in SUPERSEDES.items() if rule in beats)
    for rule in {r for beats in SUPERSEDES.values() for r in beats}}


def _overlaps(spans: list[tuple[int, int]], f: Finding) -> bool:
    """Whether a finding's words overlap any of one category's spans in a sentence (sorted
    by start; a category's spans in a sentence are merged, so they do not overlap and
    their ends rise with their starts: the last to start before the finding ends is the
    one that could reach it)."""
    k = bisect.bisect_left(spans, (f.end, -1)) - 1
    return k >= 0 and spans[k][1] > f.start


def explain(text: str) -> list[tuple[str, str, str]]:
    """(category, pattern, matched words) for every built-in pattern that matches: for
    people tuning the rules (``python -m recoverycli.practice.engine "text"``)."""
    out = []
    for sentence in tokenize(text):
        feats = sentence_features(sentence)
        for comp in compiled_builtins():
            for source, pat in zip(comp.category.patterns, comp.patterns, strict=True):
                for first, last in search(sentence, pat, feats):
                    out.append((comp.category.id, source,
                                text[sentence[first].start:sentence[last - 1].end]))
    return out


def _most_specific(findings: list[Finding], ranges: list[tuple[int, int]]) -> list[Finding]:
    """Drop a finding when a more specific category flagged the same sentence: linear in
    the findings (a pasted e-mail of a thousand sentences must not take quadratic time)."""
    import bisect

    starts = [a for a, _ in ranges]

    def sentence(f: Finding) -> int:
        i = bisect.bisect_right(starts, f.start) - 1
        return i if i >= 0 and f.start < ranges[i][1] else -1

    where = [sentence(f) for f in findings]
    rules: dict[int, set[str]] = {}
    for f, i in zip(findings, where, strict=True):
        rules.setdefault(i, set()).add(f.rule)
    beaten: dict[int, set[str]] = {
        i: set().union(*(SUPERSEDES.get(r, frozenset()) for r in names))
        for i, names in rules.items()}
    return [f for f, i in zip(findings, where, strict=True) if f.rule not in beaten[i]]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


if __name__ == "__main__":
    import sys

    for row in explain(" ".join(sys.argv[1:])):
        print(*row, sep="  |  ")
