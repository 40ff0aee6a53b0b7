"""Quizzes on the playbooks: put the steps in order, name the step from its advice, and
pick the better of two phrases. Questions come from a seeded random generator, so a run
can be repeated with ``--seed``; grading is pure.

A quiz never asks the same question twice: candidates are drawn without replacement, and
a quiz runs short rather than repeat itself. Playbooks with no ``why``, more steps than
letters, or duplicate titles, and a coach with every rule switched off, give fewer kinds
of question, never a crash or an endless loop.
"""

from __future__ import annotations

import random
import string
from typing import Any, NamedTuple

from recoverycli.i18n import _, ngettext
from recoverycli.playbooks.model import Playbook
from recoverycli.practice.categories import EXAMPLES
from recoverycli.practice.engine import Coach

ORDER = "order"
NAME_STEP = "name-step"
BETTER = "better-phrase"
MAX_ORDER = 8   # steps in one ordering question (and never more than there are letters)


class Question(NamedTuple):
    kind: str
    prompt: str
    options: tuple[str, ...]
    answer: str  # letters in order for ORDER, else the right option's text
    playbook: str | None = None
    explain: str = ""  # why the answer is right, and whose advice it is

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "prompt": self.prompt, "options": list(self.options),
                "answer": self.answer, "playbook": self.playbook, "explain": self.explain}


class Mark(NamedTuple):
    """One answer marked: credit from 0 to 1, the steps out of place (ordering), and what
    to tell the trainee when it is not fully right."""
    credit: float
    misplaced: tuple[str, ...] = ()
    explain: str = ""


def _after(book: Playbook) -> str:
    return (_("after {author}").format(author=book.source.author) if book.source
            else _("playbook '{id}'").format(id=book.id))


def _order(book: Playbook, rng: random.Random) -> Question | None:
    steps = list(book.steps)
    if len(steps) < 2:
        return None
    if len(steps) > MAX_ORDER:
        start = rng.randrange(len(steps) - MAX_ORDER + 1)
        steps = steps[start:start + MAX_ORDER]
    titles = [f"{s.title}" for s in steps]
    if len(set(titles)) < len(titles):
        return None  # two steps with one title: their order cannot be asked
    positions = list(range(len(titles)))
    for _attempt in range(10):
        rng.shuffle(positions)
        if positions != sorted(positions):
            break
    shuffled = [titles[i] for i in positions]
    letters = string.ascii_lowercase
    answer = "".join(letters[positions.index(i)] for i in range(len(titles)))
    prompt = (_("Put the steps of '{title}' in order (type the letters, e.g. 'cab').")
              if len(steps) == len(book.steps) else
              _("Put the steps of '{title}' (a run of its steps) in order (type the letters, "
                "e.g. 'cab')."))
    return Question(ORDER, prompt.format(title=book.title), tuple(shuffled), answer, book.id,
                    _("The steps of '{title}', {after}.").format(title=book.title,
                                                                 after=_after(book)))


def _name_steps(book: Playbook) -> list[tuple[str, str]]:
    """(why, title) pairs that make a fair question: a why, and a title no other step has."""
    titles = [s.title for s in book.steps]
    return [(s.why, s.title) for s in book.steps
            if s.why and titles.count(s.title) == 1 and len(set(titles)) > 1]


def _name_step(book: Playbook, why: str, title: str, rng: random.Random) -> Question:
    others = sorted({s.title for s in book.steps} - {title})
    options = [title, *rng.sample(others, min(3, len(others)))]
    rng.shuffle(options)
    number = next(i for i, s in enumerate(book.steps, start=1) if s.title == title)
    return Question(NAME_STEP, _("Which step of '{playbook}' is this about? \"{why}\"").format(
                    playbook=book.title, why=why), tuple(options), title, book.id,
                    _("That is why step {number}, '{title}', matters in '{playbook}' "
                      "({after}).").format(number=number, title=title, playbook=book.title,
                                           after=_after(book)))


def _said(phrase: str) -> str:
    """Every option as quoted speech, whichever way the text was written."""
    return "“" + phrase.strip().strip('"“”') + "”"


def _better(category: str, worse: str, better: str, rng: random.Random) -> Question:
    from recoverycli.practice.categories import TEXTS

    options = [_said(worse), _said(better)]
    rng.shuffle(options)
    text = TEXTS.get(category)
    explain = (_("{phrase} is {what}. {why} ({source})").format(
        phrase=_said(worse), what=text.title, why=text.why, source=text.source) if text
        else _("{phrase} is flagged by the coach as {category}.").format(
            phrase=_said(worse), category=category))
    return Question(BETTER, _("Which is the better thing to say?"), tuple(options),
                    _said(better), None, explain)


def make_quiz(books: list[Playbook], coach: Coach, seed: int | None, count: int = 5
              ) -> list[Question]:
    """Up to ``count`` different questions: an ordering first, then naming steps and
    better phrases in turn while each kind lasts."""
    rng = random.Random(seed)
    orders = [q for q in (_order(b, rng) for b in books) if q is not None]
    names = [(b, why, title) for b in books for why, title in _name_steps(b)]
    betters = [(c.category.id, ex, c.category.better) for c in coach.builtins
               for ex in EXAMPLES.get(c.category.id, ())[:1]]  # one question a category
    rng.shuffle(orders)
    rng.shuffle(names)
    rng.shuffle(betters)
    questions: list[Question] = []
    seen: set[tuple[str, str, str]] = set()

    def add(question: Question) -> None:
        key = (question.kind, question.prompt, question.answer)
        if key not in seen:
            seen.add(key)
            questions.append(question)

    if orders:
        add(orders.pop())
    turn = 0
    while len(questions) < count and (names or betters or orders):
        kinds = [k for k in ("name", "better", "order") if
                 {"name": names, "better": betters, "order": orders}[k]]
        kind = kinds[turn % len(kinds)]
        turn += 1
        if kind == "name":
            book, why, title = names.pop()
            add(_name_step(book, why, title, rng))
        elif kind == "better":
            add(_better(*betters.pop(), rng))
        else:
            add(orders.pop())
    return questions


def _common(a: str, b: str) -> str:
    """The longest run of ``b``'s letters that ``a`` has in the same order."""
    table = [[""] * (len(b) + 1) for _row in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = (table[i][j] + x if x == y else
                                   max(table[i][j + 1], table[i + 1][j], key=len))
    return table[len(a)][len(b)]


def mark(question: Question, given: str) -> Mark:
    """Ordering earns the share of steps already in the right order relative to each
    other, and names the ones out of place; a choice is right or wrong."""
    if question.kind != ORDER:
        if grade(question, given):
            return Mark(1.0)
        return Mark(0.0, (), question.explain)
    letters = "".join(ch for ch in given.lower() if ch.isalpha())
    if letters == question.answer:
        return Mark(1.0)
    if sorted(letters) != sorted(question.answer):
        return Mark(0.0, (), _("Type each letter once. {explain}").format(
            explain=question.explain))
    kept = _common(letters, question.answer)
    misplaced = tuple(question.options[ord(c) - ord("a")] for c in question.answer
                      if c not in kept)
    names = ", ".join(f"'{m}'" for m in misplaced)
    return Mark(len(kept) / len(question.answer) if len(kept) > 1 else 0.0, misplaced,
                ngettext("{names} is out of place. {explain}",
                         "{names} are out of place. {explain}", len(misplaced)).format(
                             names=names, explain=question.explain))


def grade(question: Question, given: str) -> bool:
    """Ordering: the letters, spaces and commas ignored. Choices: the option's number
    (1-based, as the quiz shows them), its letter (``b``), or its text."""
    if question.kind == ORDER:
        return "".join(ch for ch in given.lower() if ch.isalpha()) == question.answer
    picked = chosen(question, given)
    return picked is not None and question.options[picked] == question.answer


def chosen(question: Question, given: str) -> int | None:
    """The option a choice answer names (its number, letter or text, case and spaces
    aside), or None when it names none of them."""
    text = given.strip().rstrip(").").strip()
    if text.isdigit() and 1 <= int(text) <= len(question.options):
        return int(text) - 1
    if len(text) == 1 and text.isascii() and text.isalpha():
        index = ord(text.lower()) - ord("a")
        return index if index < len(question.options) else None
    folded = " ".join(given.split()).casefold()
    return next((i for i, o in enumerate(question.options)
                 if " ".join(o.split()).casefold() == folded), None)


def read_answers(path: str) -> list[str]:
    """``--answers FILE``: ``{"answers": [one per question]}``, YAML or JSON."""
    from recoverycli.errors import AnswersError
    from recoverycli.playbooks.yamldoc import open_document

    root, r = open_document(path, AnswersError)
    top = r.mapping(root, "", {"answers": True}, ["answers"])
    out = [r.text(node, where) or "" for _index, node, where in
           (r.items(top["answers"], "answers") if top and "answers" in top else ())]
    r.raise_if_problems(AnswersError)
    return out
