"""The checklist and the rehearsal card are drawn in one pass (``render.Rows``), so a playbook
of 95,000 steps prints in time linear in its text. These check that the one-pass drawing is
the drawing rich does for the same rows one by one (plain and in colour, at any width,
wrapped, cropped or wide), and that it stays one pass. Speed itself is in
bench/big_playbook.py, never timed here."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console, Group, RenderableType

from recoverycli.playbooks.model import (
    Ask,
    Choice,
    Jump,
    Playbook,
    Step,
    load_playbook,
    outline_of,
)
from recoverycli.playbooks.render import rehearsal_card
from recoverycli.playbooks.session import DONE, SKIP, Note, Session, Visit
from recoverycli.render import Rows, _Console, _Gate, make_console
from recoverycli.run.screens import checklist_renderable

ROOT = Path(__file__).resolve().parent.parent
OPTIONS = {"markup": False, "emoji": False, "highlight": False, "soft_wrap": False}


def draw(renderable: RenderableType, width: int, colour: bool, one_pass: bool) -> str:
    """``one_pass``: through ``make_console``'s console as the commands print; else each
    row through rich's own console and a ``Group``, as before ``Rows``."""
    out = io.StringIO()
    colours = {"force_terminal": True, "color_system": "truecolor"} if colour else {}
    if one_pass:
        assert isinstance(renderable, Rows)
        console: Console = _Console(file=out, width=width, **colours, **OPTIONS)
    else:
        assert isinstance(renderable, Rows)
        renderable = Group(*renderable.parts)
        console = Console(file=out, width=width, **colours, **OPTIONS)
    console.push_render_hook(_Gate())
    console.print(renderable)
    return out.getvalue()


def awkward_playbook() -> Playbook:
    """Titles that wrap, wide characters, control codes, a jump, a choice, many steps
    (leads like '✓ 120. ' wider than their indent)."""
    long = "Acknowledge the problem and say what happens next " * 3
    steps = [Step("1", long, why="Because\tit matters", do=("listen",), say=("Hi {customer}",),
                  avoid=("blame",), cite="Hyken 2018"),
             Step("2", "宿泊のお客様へのお詫び" * 4, ask=Ask("Which way?", (
                 Choice("Hand-off", "4"), Choice("Keep it")))),
             Step("3", "Evil \x1b]0;title\x07 and \u202e reversed", jump=Jump("skip", "end")),
             Step("4", "x" * 200)]
    steps += [Step(str(n), f"step {n}") for n in range(5, 130)]
    return Playbook("awk", "Awkward \x1b[2J", tuple(steps))


def awkward_session(book: Playbook) -> Session:
    session = Session("abc123", book.id, None, book.title, outline=outline_of(book),
                      fields={"customer": "Ann \x1b[31m"})
    session.path = [Visit("1", DONE), Visit("2", DONE, "Hand-off"), Visit("4", SKIP)]
    session.path += [Visit(str(n), DONE, "a label " * (n % 3)) for n in range(5, 125)]
    session.path.append(Visit("125"))
    session.notes = {"1": [Note("she was upset \x1b[31m" + " very" * 30, 1.0)],
                     "7": [Note("ok", 2.0), Note("宿" * 50, 3.0)]}
    session.seconds = {"1": 30.0, "2": 4.0, "4": 3700.0}
    return session


@pytest.mark.parametrize("width", [4, 12, 30, 80, 200])
@pytest.mark.parametrize("colour", [False, True])
def test_one_pass_draws_what_rich_draws_row_by_row(width: int, colour: bool) -> None:
    hyken = load_playbook(str(ROOT / "playbooks" / "hyken.yaml"))
    book = awkward_playbook()
    for rows in (rehearsal_card(hyken), rehearsal_card(book),
                 checklist_renderable(book, awkward_session(book))):
        fast = draw(rows, width, colour, one_pass=True)
        assert fast == draw(rows, width, colour, one_pass=False)
        assert "\x1b]" not in fast and "\u202e" not in fast  # through the gate
        if not colour:
            assert "\x1b" not in fast


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(titles=st.lists(st.text(min_size=1, max_size=90), min_size=1, max_size=6),
       note=st.text(max_size=60), width=st.integers(min_value=1, max_value=120),
       colour=st.booleans())
def test_one_pass_matches_rich_for_any_text(titles: list[str], note: str, width: int,
                                            colour: bool) -> None:
    book = Playbook("t", "T", tuple(Step(str(i), t) for i, t in enumerate(titles, start=1)))
    session = Session("abc123", "t", None, "T")
    session.path = [Visit("1", DONE, note or None)]
    session.notes = {"1": [Note(note, 1.0)]} if note else {}
    for rows in (rehearsal_card(book), checklist_renderable(book, session)):
        assert draw(rows, width, colour, True) == draw(rows, width, colour, False)


def test_many_plain_rows_go_out_as_few_pieces_of_text() -> None:
    """One pass: with no colours, 3,000 one-line rows make a few dozen segments, not
    thousands of rich objects (what made a 95,000-step card take seconds)."""
    book = Playbook("b", "Big", tuple(Step(str(n), "s") for n in range(1, 3001)))
    console = make_console(io.StringIO())
    console.width = 80
    assert console.color_system is None
    card = rehearsal_card(book)
    assert isinstance(card, Rows)
    segments = list(console.render(card))
    assert len(segments) <= 3 + 2 * 3000 // Rows.CHUNK
    assert "".join(s.text for s in segments).count("\n") == 1 + 2 * 3000


def test_the_console_leaves_cropping_to_rows_only() -> None:
    """Rows crop their own lines; anything else printed is cropped by rich as ever."""
    out = io.StringIO()
    console = make_console(out)
    console.width = 10
    book = Playbook("b", "B", (Step("1", "s"),))
    console.print(rehearsal_card(book))
    console.print(Group(rehearsal_card(book)))
    from rich.text import Text

    console.print(Text("x" * 30, overflow="ignore", no_wrap=True))
    lines = out.getvalue().splitlines()
    assert lines[:3] == ["B  (b)", "", "1. s"]
    assert lines[3:6] == lines[:3]
    assert lines[6] == "x" * 10
