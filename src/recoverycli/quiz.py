"""Quizzes on the playbooks: put the steps in order, name the step from its advice, and
pick the better of two phrases. Questions come from a seeded random generator, so a run
can be repeated with ``--seed``; grading is pure.
"""

from __future__ import annotations

import random
import string
from typing import Any, NamedTuple

from .coach import Coach
from .playbook import Playbook

ORDER = "order"
NAME_STEP = "name-step"
BETTER = "better-phrase"


class Question(NamedTuple):
    kind: str
    prompt: str
    options: tuple[str, ...]
    answer: str  # letters in order for ORDER, else the right option's text
    playbook: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "prompt": self.prompt, "options": list(self.options),
                "answer": self.answer, "playbook": self.playbook}


def _order(book: Playbook, rng: random.Random) -> Question:
    titles = [s.title for s in book.steps]
    shuffled = titles[:]
    while len(shuffled) > 1 and shuffled == titles:
        rng.shuffle(shuffled)
    letters = string.ascii_lowercase
    answer = "".join(letters[shuffled.index(t)] for t in titles)
    return Question(ORDER, f"Put the steps of '{book.title}' in order (type the letters, "
                    "e.g. 'cab').", tuple(shuffled), answer, book.id)


def _name_step(book: Playbook, rng: random.Random) -> Question:
    steps = [s for s in book.steps if s.why]
    step = rng.choice(steps)
    others = [s.title for s in book.steps if s.id != step.id]
    options = [step.title, *rng.sample(others, min(3, len(others)))]
    rng.shuffle(options)
    return Question(NAME_STEP, f"Which step of '{book.title}' is this about? "
                    f"\"{step.why}\"", tuple(options), step.title, book.id)


def _better(coach: Coach, rng: random.Random) -> Question:
    rules = [r for r in coach.rules if r.flag_examples]
    rule = rng.choice(rules)
    worse = rng.choice(rule.flag_examples)
    options = [worse, rule.better]
    rng.shuffle(options)
    return Question(BETTER, "Which is the better thing to say?", tuple(options), rule.better)


def make_quiz(books: list[Playbook], coach: Coach, seed: int | None, count: int = 5
              ) -> list[Question]:
    """``count`` questions: one ordering, then naming steps and better phrases in turn."""
    rng = random.Random(seed)
    questions = [_order(rng.choice(books), rng)]
    while len(questions) < count:
        if len(questions) % 2:
            questions.append(_name_step(rng.choice(books), rng))
        else:
            questions.append(_better(coach, rng))
    return questions


def grade(question: Question, given: str) -> bool:
    """Ordering: the letters, spaces and commas ignored. Choices: the option's number
    (1-based) or its text."""
    text = given.strip()
    if question.kind == ORDER:
        return "".join(ch for ch in text.lower() if ch.isalpha()) == question.answer
    if text.isdigit() and 1 <= int(text) <= len(question.options):
        return question.options[int(text) - 1] == question.answer
    return text == question.answer


def read_answers(path: str) -> list[str]:
    """``--answers FILE``: ``{"answers": [one per question]}``, YAML or JSON."""
    from .errors import AnswersError
    from .yamldoc import open_document

    root, r = open_document(path, AnswersError)
    top = r.mapping(root, "", {"answers": True}, ["answers"])
    out = [r.text(node, where) or "" for _, node, where in
           (r.items(top["answers"], "answers") if top and "answers" in top else ())]
    r.raise_if_problems(AnswersError)
    return out
