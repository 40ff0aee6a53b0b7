"""The run's logic, with no terminal: order, jumps, choices, back, notes, resume."""

from __future__ import annotations

import pytest

from recoverycli.errors import UsageError
from recoverycli.playbooks.model import parse_playbook
from recoverycli.playbooks.session import DONE, FINISHED, SKIP, Session, Walk

BOOK = parse_playbook("b.yaml", b"""\
id: branchy
title: Branchy
fields:
  - {id: customer, prompt: Name}
steps:
  - title: Greet
  - title: Ask
    ask:
      question: Is it urgent?
      choices:
        - {label: "Yes", next: urgent}
        - {label: "No"}
  - title: Normal
    next: close
  - id: urgent
    title: Urgent
    jump: {label: Hand-off, to: close}
  - title: Middle
  - id: close
    title: Close
""")


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def walk(clock: Clock | None = None) -> Walk:
    return Walk(BOOK, Session("s1", BOOK.id, None, BOOK.title), clock=clock or Clock())


def ids(w: Walk) -> list[str]:
    return [v.step_id for v in w.session.path]


def test_steps_run_in_order_and_next_rejoins() -> None:
    w = walk()
    assert w.current is not None and w.current.title == "Greet" and w.number == 1
    w.complete()
    w.complete(choice=1)  # No: on in order
    assert w.current is not None and w.current.title == "Normal"
    w.complete()  # next: close
    assert ids(w) == ["1", "2", "3", "close"]
    w.complete()
    assert w.finished and w.session.status == FINISHED and w.current is None


def test_choice_decides_the_next_step_and_jump_is_optional() -> None:
    w = walk()
    w.complete()
    w.complete(choice=0)
    assert w.current is not None and w.current.id == "urgent"
    assert w.session.path[1].taken == "Yes"
    w.complete(jump=True)
    assert w.current is not None and w.current.id == "close"
    assert w.session.path[2].taken == "Hand-off"
    w2 = walk()
    w2.complete()
    w2.complete(choice=0)
    w2.complete()  # not taking the jump: on in order
    assert w2.current is not None and w2.current.title == "Middle"


def test_skip_goes_on_in_order_even_on_a_question() -> None:
    w = walk()
    w.complete(SKIP)
    w.complete(SKIP)
    assert w.current is not None and w.current.title == "Normal"
    assert [v.status for v in w.session.path[:2]] == [SKIP, SKIP]


def test_back_reopens_the_previous_step_and_keeps_notes() -> None:
    w = walk()
    w.add_note("first")
    w.complete()
    w.add_note("second")
    assert w.back()
    assert w.current is not None and w.current.title == "Greet"
    assert w.session.path[-1].status is None
    assert w.session.notes == {"1": w.session.notes["1"], "2": w.session.notes["2"]}
    w.complete(SKIP)  # the answer can be changed
    assert w.session.path[0].status == SKIP
    assert [n.text for n in w.session.notes["2"]] == ["second"]
    assert not walk().back()  # nothing before step 1


def test_jump_where_there_is_none_is_refused() -> None:
    with pytest.raises(UsageError, match="no jump"):
        walk().complete(jump=True)


def test_time_is_kept_per_step_and_elapsed_counts_the_open_step() -> None:
    clock = Clock()
    w = walk(clock)
    clock.now += 30
    w.complete(DONE)
    clock.now += 12
    assert w.session.seconds == {"1": 30.0}
    assert w.elapsed() == 42.0
    w.pause()
    assert w.session.seconds["2"] == 12.0


def test_resume_from_saved_state_continues_where_it_stopped() -> None:
    w = walk()
    w.set_field("customer", "Ann")
    w.complete()
    w.add_note("listening")
    saved = Session.from_dict(w.session.to_dict())
    again = Walk(BOOK, saved)
    assert again.current is not None and again.current.title == "Ask"
    assert again.session.fields == {"customer": "Ann"}
    assert [n.text for n in again.session.notes["2"]] == ["listening"]


def test_resume_against_a_changed_playbook_is_refused() -> None:
    data = walk().session.to_dict()
    data["path"] = [["gone", None, None]]
    with pytest.raises(UsageError, match="another version"):
        Walk(BOOK, Session.from_dict(data))


def test_unknown_field_is_refused() -> None:
    with pytest.raises(UsageError, match="no field 'nope'"):
        walk().set_field("nope", "x")
