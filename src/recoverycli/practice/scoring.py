"""Role-play scoring: the customer speaks, the trainee answers at each step, and the same
engine as the wording coach judges the answer against the step's purpose.

A step's score (0-100): a base for answering in a sentence, the rest shared by the
step's elements the answer has (an apology in the first person, empathy, listening, a fix
and when, ...). A finding caps the step (a non-apology or an excuse cannot score above
40); a string of keywords that is not a sentence gets no more than the base; an answer
that repeats an earlier step's answer, or shares nothing with this step's situation, is
held down (and naming something of the customer's situation earns the last points), so one
generic sentence pasted everywhere scores well below tailored answers.
Pure: nothing here prints; ``render`` turns results into text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from recoverycli.errors import AnswersError
from recoverycli.i18n import _, ngettext, number
from recoverycli.playbooks.model import Playbook
from recoverycli.playbooks.yamldoc import open_document
from recoverycli.practice.elements import ELEMENTS
from recoverycli.practice.engine import NOT_ENGLISH, Coach, Finding
from recoverycli.practice.normalize import Token, tokenize
from recoverycli.practice.patterns import Pattern, compile, search, sentence_features
from recoverycli.practice.said import named, negation_aware, said_in, vague
from recoverycli.practice.scenarios import Scenario

BASE = 20
ELEMENTS_SHARE = 70     # shared by the step's elements
TAILORED = 10           # for naming something of this customer's situation
FINDING_CAP = 40
TOO_SHORT = 3  # words: an answer this short scores 10 at most
# An element is not credited beside a finding that contradicts it: "I'm sorry you feel that
# way" is no apology, owning plus "the porter is useless" is no ownership (the element says
# "without blaming anyone"). A verdict contradicts every element listed; a question only
# the ones in DOUBTS (an excuse asked about beside owning words: "we take ownership, it's
# been a mad morning"), and costs nothing beyond the element it puts in doubt. Naming our
# own people while owning it ("our night valet locked them in; that's on us") contradicts
# nothing: the coach's questions there are too often wrong to cost the element.
CONTRADICTS = {
    "apology": frozenset({"non-apology", "hollow-inconvenience", "plural-apology"}),
    "ownership": frozenset({"excuse", "blame-third-party", "blame-customer", "bad-mouthing",
                            "non-apology"}),
    "empathy": frozenset({"telling-feelings"}),
    "fix": frozenset({"cold-transfer", "hand-back"}),
}
DOUBTS = {
    "apology": frozenset({"non-apology", "plural-apology"}),
    "ownership": frozenset({"excuse", "blame-customer", "non-apology"}),
}

def _contradicted(name: str, findings: Sequence[Finding]) -> Finding | None:
    return next((f for f in findings
                 if f.rule in (DOUBTS if f.unsure else CONTRADICTS).get(name, ())), None)


REPEAT_SIMILARITY = 0.7
SHORT = 9  # words: an answer shorter than this with no punctuation at all reads as a list

# Words that carry no content of their own: the rest tie an answer to its situation.
_FUNCTION = frozenset(
    ["i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "yourself",
     "he", "him", "his", "she", "her", "it", "its", "they", "them", "their", "this", "that",
     "these", "those", "a", "an", "the", "and", "but", "or", "so", "because", "if", "then",
     "than", "to", "of", "in", "on", "at", "by", "for", "with", "about", "from", "as", "into",
     "onto", "up", "down", "out", "off", "over", "again", "be", "am", "is", "are", "was", "were",
     "been", "being", "have", "has", "had", "do", "does", "did", "will", "would", "can", "could",
     "should", "must", "may", "might", "shall", "not", "no", "never", "very", "really", "just",
     "only", "so", "too", "also", "all", "any", "some", "every", "each", "more", "most", "much",
     "many", "there", "here", "what", "who", "how", "why", "when", "where", "which", "while",
     "let", "please", "thank", "thanks", "sorry", "apologize", "apology", "regret", "okay",
     "yes", "oh", "well", "now", "today", "tomorrow", "tonight", "right", "away", "straight",
     "immediately", "get", "got", "make", "made", "go", "going", "come", "back", "know", "see",
     "hear", "understand", "feel", "think", "want", "need", "like", "sure", "way", "thing",
     "things", "something", "anything", "everything", "nothing", "one", "two", "three", "time",
     "day", "week", "next", "call", "ring", "phone", "email", "fix", "sort", "help", "issue",
     "problem", "service", "mistake", "error", "customer", "happen"])


class StepResult(NamedTuple):
    step_id: str
    number: int
    title: str
    says: str
    answer: str
    score: int
    elements: tuple[tuple[str, bool], ...]
    findings: tuple[Finding, ...]
    best: str
    notes: tuple[str, ...] = ()   # why the score was held down, if it was
    # False when the coach could not read the answer (another language, issue 23): the
    # step is shown with the coach's one line and no score, and counts in no average
    scored: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {
            "step": self.step_id, "number": self.number, "title": self.title,
            "customer": self.says, "answer": self.answer,
            "score": self.score if self.scored else None,
            "elements": {name: present for name, present in self.elements},
            # how to add each missing element, as the text shows it (a red team: a score of
            # 30 came with empty notes in JSON)
            "missing": {name: str(ELEMENTS[name].how) for name, present in self.elements
                        if not present and name in ELEMENTS},
            "findings": [f.as_dict() for f in self.findings], "best": self.best,
            "notes": list(self.notes),
        }


# each element's pattern groups, each pattern with its negation_aware reading, and unless
_COMPILED: dict[str, tuple[tuple[tuple[tuple[Pattern, bool | None], ...], ...],
                           tuple[Pattern, ...]]] = {}


def _groups(name: str) -> tuple[tuple[tuple[tuple[Pattern, bool | None], ...], ...],
                                tuple[Pattern, ...]]:
    if name not in _COMPILED:
        element = ELEMENTS[name]
        _COMPILED[name] = (tuple(tuple((compile(p), negation_aware(p)) for p in group)
                                 for group in element.groups),
                           tuple(compile(p) for p in element.unless))
    return _COMPILED[name]


STOCK_LISTEN = ("^ what|what's be|is ...1 your|the ...3 account|order|email|postcode|zip|"
                "number|name|address|reference|phone|room|booking|card|date|surname|e-mail",
                "^ can|could|may i have|get|take your ...3 account|order|email|postcode|zip|"
                "number|name|address|reference|phone|room|booking|card|date|surname")
STOCK_EMPATHY = ("^ i ...2 understand|hear|get how you|u feel $",
                 "^ i ...2 understand|hear|get how you|u be|are|'re feeling $",
                 "^ i hear what you|u be|are|'re saying", "^ i hear you|u $",
                 "^ i understand $", "^ i completely|totally|fully understand $")


STOCK = {"empathy": STOCK_EMPATHY, "listen": STOCK_LISTEN}


@lru_cache(maxsize=2)
def _stock(name: str) -> tuple[Pattern, ...]:
    return tuple(compile(p) for p in STOCK[name])


def has_element(name: str, text: str | list[list[Token]]) -> bool:
    """Whether the answer has the element: every group of its patterns matches."""
    if name not in ELEMENTS:
        from recoverycli.errors import UsageError

        raise UsageError(f"unknown element '{name}' (elements: {', '.join(ELEMENTS)})")
    sentences = tokenize(text) if isinstance(text, str) else text
    feats = [(s, sentence_features(s)) for s in sentences]
    if name in STOCK:  # a stock line is no empathy ("I totally understand how you feel."),
        # and asking for a number is no listening ("What's your account number?")
        feats = [(s, f) for s, f in feats if not any(search(s, p, f) for p in _stock(name))]
    groups, unless = _groups(name)
    return all(any(said_in(s, p, aware, f) for s, f in feats for p, aware in group)
               for group in groups) \
        and not any(search(s, p, f) for s, f in feats for p in unless)


def is_sentence(sentences: list[list[Token]]) -> bool:
    """A sentence has a subject or an address and a verb's helpers, in proportion: a bare
    list of keywords ("sorry, understand, refund, tomorrow") has not."""
    words = [t for s in sentences for t in s if t.norm not in (",", "?")]
    if len(words) < 3:
        return False

    glue = sum(1 for t in words if t.norm in _FUNCTION and t.norm not in (
        "sorry", "apologize", "thanks", "thank", "today", "tomorrow", "tonight", "now",
        "immediately", "understand", "regret"))
    pronoun = any(t.norm in ("i", "we", "you", "it", "that", "this", "let", "there", "he",
                             "she", "they", "us", "our", "your", "my", "me", "please", "what",
                             "how") for t in words)
    return pronoun and glue / len(words) >= 0.3 and any(_finite(s) for s in sentences)


_AUX = frozenset(["am", "is", "are", "was", "were", "be", "been", "being", "'m", "'s", "'re",
                  "'ve", "'ll", "'d", "will", "would", "can", "could", "have", "has", "had",
                  "do", "does", "did", "should", "must", "may", "might", "shall", "let",
                  "please", "wo", "ca"])
_SUBJECT = frozenset(["i", "we", "you", "they", "he", "she", "it", "what", "who", "that",
                      "this", "there"])
_OBJECT = frozenset(["me", "us", "you", "them", "him", "her"])


def _finite(sentence: list[Token]) -> bool:
    """A clause with a verb: an auxiliary, a word after a subject ("I apologise", "what
    happened"), or a command to someone ("tell me ..."). A keyword list ("sorry our
    mistake own it", "empathy frustrating understand") has none."""
    words = [t for t in sentence if t.norm not in ",.!?;:-"]
    for i, t in enumerate(words):
        if t.norm in _AUX:
            return True
        if i and words[i - 1].norm in _SUBJECT and t.norm.isalpha():
            return True
        if i == 0 and len(words) > 1 and words[1].norm in _OBJECT and t.norm == t.lemma \
                and t.norm.isalpha() and t.norm not in _SUBJECT:
            return True
    return False


def _content(sentences: list[list[Token]]) -> set[str]:
    return {t.lemma for s in sentences for t in s
            if t.norm not in _FUNCTION and t.lemma not in _FUNCTION and len(t.norm) > 2
            and t.norm.isalpha()}


def _jotted(answer: str) -> bool:
    """Words jotted down, not said: under :data:`SHORT` words and no punctuation at all
    ("listen tell me what happened"). Read from the text as typed: the tokens leave a
    sentence's last full stop out, so "I'm doing it right now." is said, not jotted. An
    answer that opens as a sentence does - "I will call you tomorrow at 10", "Dana I'm so
    sorry we charged you twice" - is said without its full stop (a red team: typed as in
    a chat, they scored 20)."""
    import re

    if len(answer.split()) >= SHORT or re.search(r"[.,!?;:¡¿…—-]", answer):
        return False
    words = [t for s in tokenize(answer) for t in s]
    if len(words) > 2 and words[0].norm[:1].isalpha() and answer.lstrip()[:1].isupper() \
            and words[0].norm not in _SUBJECT and words[0].norm not in _FUNCTION:
        words = words[1:]  # a name first: "Dana I'm so sorry ..."
    # "I" or "we" and a word after it (a verb or its helper: "I will", "we 're", "I refund")
    opens = len(words) > 1 and words[0].norm in ("i", "we") and (
        words[1].norm in _AUX or words[1].norm.isalpha())
    return not opens


def _keywords(answer: str) -> bool:
    """A run of the elements' own words with no mark between them: "sorry my fault we fix
    it now refund today voucher next time call you friday" (a red team: 90 to 100). Half
    the words or more are words the elements look for; said, a sentence has others."""
    import re

    if re.search(r"[.,!?;:¡¿…—]", answer):
        return False
    words = [w.strip("'\"").lower() for w in answer.split()]
    if len(words) < 6:
        return False
    return sum(1 for w in words if w in _element_words()) * 2 >= len(words)


@lru_cache(maxsize=1)
def _element_words() -> frozenset[str]:
    """The words the elements look for: their patterns' own and their word classes'."""
    from recoverycli.practice.elements import VOCABULARY
    from recoverycli.practice.lexicon import CLASSES

    classes = ("apology", "fixverb", "remedy", "offer", "when", "now", "followverb",
               "empathy_adj", "fault", "fault_alone", "wrong", "comeback")
    return (frozenset(VOCABULARY).union(*(CLASSES[c] for c in classes))
            | {"ownership", "empathy", "urgency", "proactive", "listen", "blame", "ours",
               "apologise", "apologize", "responsibility", "mistake"}) - _GLUE


# The words that hold a sentence together, which the elements' patterns also hold
_GLUE = frozenset(["i", "we", "you", "it", "that", "this", "be", "am", "is", "are", "was",
                   "will", "have", "has", "to", "the", "a", "an", "and", "of", "for", "my",
                   "our", "your", "me", "us", "can", "do", "did", "so", "but", "in", "on",
                   "at", "by", "with", "what", "how", "if", "not", "'ll", "'m", "'s", "'re",
                   "'ve", "there", "here", "he", "she", "they", "them", "would", "could"])


def _listed(answer: str) -> bool:
    """Keywords set out with commas, not said (a trainee, issue 20): "Sorry, apology, I own
    it, my fault, humility, empathy, table." Five pieces or more between commas and full
    stops, none longer than five words, and at least two in five with no verb at all.
    Addresses and interjections ("Mr. Osei", "Dana", "oh no", "right") are left out of the
    count: "Right, okay, I hear you, Mr. Osei, that's awful, I'm so sorry." is said."""
    import re

    # (a mark inside an amount or a time splits nothing: "$3.25", "8:45")
    pieces = [p.split() for p in re.split(r"[,;.!?:…]+(?=\s|$)|\s[-–—]+\s", answer)]
    pieces = [p for p in pieces if p and not _aside(p)]
    if len(pieces) < 5 or any(len(p) > 5 for p in pieces):
        return False
    bare = [p for p in pieces if not any(_finite(s) for s in tokenize(" ".join(p)))]
    # and a keyword standing alone among them ("humility", "champagne", "loyalty"): a
    # recap in short clauses is said ("So: charged twice, your email unanswered, no call.
    # That's on us, and I'm sorry." - a red team)
    return len(bare) >= 0.4 * len(pieces) and any(
        len(p) == 1 and not re.fullmatch(r"\W*\d[\d.,:]*\W*", p[0]) for p in bare)


_ASIDES = frozenset(["mr", "mrs", "ms", "miss", "sir", "madam", "ma'am", "dr", "oh", "ah",
                     "right", "okay", "ok", "yeah", "yes", "well", "look", "hey", "hi",
                     "hello", "so", "honestly", "gosh", "wow", "dear"])


_SET_PHRASES = frozenset(["of course", "no problem", "no worries", "thank you", "sure thing",
                          "not at all", "absolutely"])


def _aside(piece: list[str]) -> bool:
    """An address or an interjection between commas: "Mr. Osei", "Dana", "oh no", "of
    course"."""
    first = piece[0].lower().strip("'\"")
    return first in _ASIDES or " ".join(piece).lower() in _SET_PHRASES or (
        len(piece) <= 2 and piece[0][:1].isupper()
        and piece[0].lower() not in ("sorry", "i", "i'm", "we"))


def score_answer(answer: str, expect: Sequence[str], findings: Sequence[Finding],
                 context: str = "", earlier: Sequence[str] = (),
                 problem: str = "") -> tuple[
                     int, tuple[tuple[str, bool], ...], tuple[str, ...]]:
    """0-100, the elements present, and notes on anything that held the score down."""
    if sum(ch.isalnum() for ch in answer) < 2:  # nothing said: blank, marks, NUL, emoji,
        return 0, tuple((name, False) for name in expect), ()  # a stray key
    sentences = tokenize(answer)
    notes: list[str] = []
    count = sum(1 for word in answer.split() if any(ch.isalnum() for ch in word))
    if count <= TOO_SHORT and len(answer) <= 20 * TOO_SHORT and not any(
            has_element(name, sentences) for name in expect):
        # "ok", "sorry again", "ok thanks bye": none of the writers' good answers is this
        # short (a newcomer's lazy attempt scored 20 on every step). 200 KB in one "word"
        # is not short (a red team): it is no sentence either, and is told so below.
        return (10, tuple((name, False) for name in expect),
                (_("Too short to do what this step asks: answer in a sentence or two."),))
    if not is_sentence(sentences) or _jotted(answer) or _listed(answer) or _keywords(answer):
        return (min(BASE, BASE), tuple((name, False) for name in expect),
                (_("That reads as a list of words, not something you would say: answer "
                   "in a sentence."),))
    present = []
    unnamed = False
    for name in expect:
        has = has_element(name, sentences)
        if name == "proactive" and problem:  # told first is told plainly: named, or not
            has = named(sentences, _content(tokenize(problem)))
            unnamed = not has
        against = _contradicted(name, findings) if has else None
        if against is not None:
            notes.append(_("Not counted: {element}, beside “{words}”.").format(
                element=ELEMENTS[name].label, words=against.text))
        present.append((name, has and against is None))
    elements = tuple(present)
    share = (sum(p for _, p in elements) / len(elements)) if elements else 1.0
    mine = _content(sentences)
    tailored = not context or bool(mine & _content(tokenize(context)))
    if not tailored:
        notes.append(_("Nothing in it is about this customer's situation: name what "
                       "happened to them."))
    score = round(BASE + ELEMENTS_SHARE * share + TAILORED * tailored)
    for before in earlier:
        theirs = _content(tokenize(before)) | {t.norm for s in tokenize(before) for t in s}
        ours = mine | {t.norm for s in sentences for t in s}
        if ours and len(ours & theirs) / len(ours | theirs) >= REPEAT_SIMILARITY:
            score = min(score, BASE)
            notes.append(_("The same answer as an earlier step: each step has its own "
                           "purpose."))
            break
    if unnamed:
        score = min(score, FINDING_CAP)
        notes.append(_("It does not say what happened: tell them plainly what went wrong, "
                       "before they find out."))
    hedge = vague(answer, sentences)
    if hedge is not None:
        score = min(score, FINDING_CAP)
        vague_words, kind = hedge
        notes.append((_("“{words}” plays it down: say what went wrong.") if kind == "down" else
                      _("“{words}” takes it back: say it, and mean it.") if kind == "back" else
                      _("“{words}” promises nothing: say what you will do, and when.")).format(
                          words=vague_words))
    said = [" ".join(t.norm for t in sentence) for sentence in sentences]
    if len(said) >= 3 and len(set(said)) * 2 <= len(said):  # "I'm sorry." five times
        score = min(score, FINDING_CAP)
        notes.append(_("The same words over and over: say it once, and mean it."))
    if any(not f.unsure for f in findings):  # a question counts neither way
        score = min(score, FINDING_CAP)
    return max(0, min(100, score)), elements, tuple(notes)


def assess(coach: Coach, playbook: Playbook, scenario: Scenario, step_id: str,
           answer: str, earlier: Sequence[str] = ()) -> StepResult:
    line = scenario.steps[step_id]
    step = playbook.step(step_id)
    findings = tuple(coach.check(answer))
    unread = [f for f in findings if f.rule == NOT_ENGLISH]
    if unread:  # the coach reads English only: its one line, and no misleading number
        return StepResult(step_id, playbook.number(step_id), step.title, line.says, answer,
                          0, tuple((name, False) for name in line.expect), (), line.best,
                          (unread[0].why,), scored=False)
    # this customer's situation: every line of the scenario and what happened to them (a
    # red team was told "nothing in it is about this customer's situation" of "you came in
    # for a quiet breakfast and ended up chasing me", at a step whose lines never said
    # "breakfast")
    context = " ".join((line.says, line.best, scenario.situation, step.title,
                        *(s.says + " " + s.best for s in scenario.steps.values()),
                        *scenario.fields.values()))
    score, elements, notes = score_answer(answer, line.expect, findings, context, earlier,
                                          scenario.fields.get("problem", ""))
    return StepResult(step_id, playbook.number(step_id), step.title, line.says, answer,
                      score, elements, findings, line.best, notes)


def overall(results: list[StepResult]) -> int:
    """The average of the steps the coach could read (0 when it read none: see
    :func:`any_scored`)."""
    read = [r.score for r in results if r.scored]
    return round(sum(read) / len(read)) if read else 0


def any_scored(results: list[StepResult]) -> bool:
    return any(r.scored for r in results)


def read_lines(path: str, steps: int | None = None) -> list[str]:
    """``--answers FILE``: ``{"lines": [one answer per step]}``, YAML or JSON; exactly
    ``steps`` of them when given (a short file would score its missing steps 0 unseen)."""
    root, r = open_document(path, AnswersError)
    top = r.mapping(root, "", {"lines": True}, ["lines"])
    lines: list[str] = []
    if top and "lines" in top and steps is not None:
        count = len(getattr(top["lines"], "value", []) or [])
        if isinstance(top["lines"].value, list) and count != steps:
            r.error(top["lines"], "lines", _(
                "{lines} for {steps}: give one answer per step, in order (\"\" for a step "
                "you leave blank)").format(
                    lines=ngettext("{count} line", "{count} lines", count).format(
                        count=number(count)),
                    steps=ngettext("{count} step", "{count} steps", steps).format(
                        count=number(steps))))
    if top and "lines" in top:
        for _index, node, where in r.items(top["lines"], "lines"):
            if getattr(node, "value", None) == "" and node.tag.endswith("str"):
                lines.append("")
                continue
            value = r.text(node, where)
            lines.append(value or "")
    r.raise_if_problems(AnswersError)
    return lines


def practise(coach: Coach, playbook: Playbook, scenario: Scenario,
             answer_for: Callable[[int, str], str | None],
             after: Callable[[StepResult], None] = lambda result: None) -> list[StepResult]:
    """Walk the playbook's steps in order; ``answer_for(index, step_id)`` gives the
    trainee's line (None stops early), ``after`` sees each result as it is scored."""
    results: list[StepResult] = []
    for index, step in enumerate(playbook.steps):
        answer = answer_for(index, step.id)
        if answer is None:
            break
        result = assess(coach, playbook, scenario, step.id, answer,
                        [r.answer for r in results if r.answer.strip()])
        results.append(result)
        after(result)
    return results


def as_json(scenario: Scenario, results: list[StepResult]) -> dict[str, Any]:
    return {"score": overall(results), "playbook": scenario.playbook, "scenario": scenario.id,
            "steps": [r.as_dict() for r in results]}
