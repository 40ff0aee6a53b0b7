"""The live coach's prompt (``Prompter.live_text``) and its findings (``coach_lines``),
typed through prompt_toolkit's pipe input onto an emulated terminal (pyte)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pyte
import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output.vt100 import Vt100_Output
from rich.console import Console

from recoverycli.practice.engine import Coach
from recoverycli.practice.render import coach_lines
from recoverycli.screen.prompts import NoteInterrupted, Prompter

DONE_KEYS = {"k": "keep", "enter": "back", "escape": "back"}


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp:
        yield inp


def terminal(pipe: PipeInput, rows: int, columns: int
             ) -> tuple[Prompter, pyte.Screen, io.StringIO]:
    """A prompter drawing on a ``rows`` x ``columns`` terminal that already shows two
    header lines."""
    screen = pyte.Screen(columns, rows)
    written = io.StringIO()
    written.write("HEADER one\r\nHEADER two\r\n")
    return Prompter(input=pipe, output=Vt100_Output(
        written, lambda: Size(rows=rows, columns=columns), term="xterm")), screen, written


def shown(screen: pyte.Screen, written: io.StringIO) -> list[str]:
    pyte.Stream(screen).feed(written.getvalue())
    return [line.rstrip() for line in screen.display]


def test_the_findings_never_take_more_rows_than_there_are_under_the_header(
        pipe: PipeInput) -> None:
    prompter, screen, written = terminal(pipe, 12, 40)
    asked: list[tuple[str, int, int]] = []

    typed = "we are sorry" + " so" * 30

    def feedback(text: str, width: int, rows: int) -> str:
        asked.append((text, width, rows))
        if text == typed and not asked[:-1].count((text, width, rows)):
            # Enter, then k, once the whole line has been drawn, as a person presses them
            # after reading the findings. Sent all at once, the keys could be read in one
            # batch and the line never drawn (prompt_toolkit redraws when the input is idle),
            # so the last findings asked for were the empty line's: the test was a race.
            pipe.send_text("\rk")
        return "\n".join(f"finding {n} for {text}" for n in range(50))

    pipe.send_text(typed)
    action, text = prompter.live_text("Say:", feedback, 2, "Enter done", DONE_KEYS,
                                      "k keep")
    assert (action, text) == ("keep", "we are sorry" + " so" * 30)
    # the typed line wraps to at most a third of the 10 rows; the keys line takes one
    assert asked and all(rows <= 12 - 2 - 1 - 1 for _, _, rows in asked)
    assert asked[-1] == (text, 40, 12 - 2 - 3 - 1)
    lines = shown(screen, written)
    assert lines[:2] == ["HEADER one", "HEADER two"]  # nothing scrolled the header away


def test_esc_cancels_ctrl_c_carries_the_text_and_enter_on_nothing_goes_back(
        pipe: PipeInput) -> None:
    prompter, _, _ = terminal(pipe, 24, 80)

    def ask() -> tuple[str, str]:
        return prompter.live_text("Say:", lambda text, w, r: text, 2, "Enter done", DONE_KEYS,
                                  "k keep")

    pipe.send_text("abc\x1b")
    assert ask() == ("cancel", "abc")
    pipe.send_text("\r")
    assert ask() == ("cancel", "")
    pipe.send_text("abc\r\r")
    assert ask() == ("back", "abc")
    pipe.send_text("half a li\x03")
    with pytest.raises(NoteInterrupted) as stopped:
        ask()
    assert stopped.value.text == "half a li"


def test_typed_and_pasted_text_pass_the_gate_before_the_screen(
        pipe: PipeInput) -> None:
    prompter, _, written = terminal(pipe, 24, 80)
    seen: list[str] = []

    def feedback(text: str, width: int, rows: int) -> str:
        seen.append(text)
        return coach_lines(text, Coach().check(text), width, rows,
                           Console(file=io.StringIO(), force_terminal=True, color_system=None))

    pipe.send_text("\x1b[200~we're sorry\u202e\x9b2J\x1b[201~\rk")
    action, text = prompter.live_text("Say:", feedback, 2, "Enter done", DONE_KEYS, "k keep")
    # the text itself is kept (what was typed, as every prompt keeps it); only what
    # reaches the terminal passes the gate, the coach's lines included
    assert (action, text) == ("keep", "we're sorry\u202e\x9b2J")
    assert "\u202e" not in written.getvalue() and "\x9b" not in written.getvalue()


def test_coach_lines_fit_the_rows_full_then_brief_then_cut() -> None:
    like = Console(file=io.StringIO(), force_terminal=True, color_system=None)
    coach = Coach()
    bad = "we're sorry, our system was down"  # ("sorry but" is a third: a non-apology)
    full = coach_lines(bad, coach.check(bad), 80, 20, like).split("\n")
    assert "[plural-apology] An apology" in full[1] and len(full) == 10
    brief = coach_lines(bad, coach.check(bad), 80, 5, like).split("\n")
    assert brief[0].strip() == "⚑ 2 flagged:" and len(brief) == 5
    assert "“we're sorry” [plural-apology] Better:" in brief[1]
    # too tight for the better ways: a line a finding, so every problem is still seen (at
    # 40x12 one finding of three showed: a red team)
    tight = coach_lines(bad, coach.check(bad), 40, 3, like).split("\n")
    assert tight == ["  ⚑ 2 flagged:", "  - [plural-apology] “we're sorry”",
                     "  - [excuse] “system was down”"]
    narrow = coach_lines(bad, coach.check(bad), 24, 3, like).split("\n")
    assert narrow[1] == "  - [plural-apology] “…" and all(len(n) <= 24 for n in narrow)
    cut = coach_lines(bad, coach.check(bad), 40, 2, like).split("\n")
    assert cut == ["  ⚑ 2 flagged:", "  … 2 more"]  # said whole, not cut mid-word
    assert coach_lines(bad, coach.check(bad), 80, 2, like).split("\n")[1] == \
        "  … 2 more flagged (a shorter line shows them)"
    warned = coach_lines(bad, coach.check(bad), 80, 6, like, "coach.yaml: bad\x1b[2J").split(
        "\n")
    assert warned[0] == "  ! coach.yaml: bad\\x1b[2J" and len(warned) == 6
    assert "nothing the sources warn against" in coach_lines(
        "I'm sorry.", [], 80, 5, like)
    assert "as you type" in coach_lines("", [], 80, 5, like)


def test_a_closed_terminal_ends_the_coach_keeping_the_line() -> None:
    # the run keeps what was typed, marked unfinished, as Ctrl-C does (a red team closed
    # the window and the line was lost)
    from recoverycli.screen.keyboard import HungUp

    with create_pipe_input() as pipe:
        prompter, _, _ = terminal(pipe, 24, 80)
        pipe.send_text("half")
        pipe.close()
        with pytest.raises(HungUp) as gone:
            prompter.live_text("Say:", lambda text, w, r: text, 2, "Enter done", DONE_KEYS,
                               "k keep")
        assert gone.value.typed == "half"


def test_esc_in_a_note_or_field_prompt_is_taken_at_once(pipe: PipeInput,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Red team 16b: Esc leaving a note took 0.5 s (prompt_toolkit's wait for an escape
    sequence), 40 times any other key; every prompt now takes a lone Esc after 0.05 s."""
    import questionary

    waits: list[float] = []
    real = questionary.Question.unsafe_ask

    def recorded(self: questionary.Question, *args: object, **kwargs: object) -> object:
        waits.append((self.application.ttimeoutlen, self.application.timeoutlen))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(questionary.Question, "unsafe_ask", recorded)
    prompter, _, _ = terminal(pipe, 24, 80)
    pipe.send_text("abc\x1b")
    assert prompter.note("Note:") is None
    pipe.send_text("late\x1b")
    assert prompter.text("What went wrong", escape_cancels=True) is None
    # and as the start of an Alt+key: prompt_toolkit's 1 s made Esc then c, typed a
    # quarter second apart, an Alt+c that swallowed the c (a trainee, issue 20)
    assert waits == [(0.05, 0.1), (0.05, 0.1)]


def test_esc_in_the_live_coach_is_no_alt_prefix_for_a_second(
        pipe: PipeInput, monkeypatch: pytest.MonkeyPatch) -> None:
    from prompt_toolkit.application import Application

    waits: list[tuple[float, float]] = []
    real = Application.run

    def recorded(self: Application[object], *args: object, **kwargs: object) -> object:
        waits.append((self.ttimeoutlen, self.timeoutlen))
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Application, "run", recorded)
    prompter, _, _ = terminal(pipe, 24, 80)
    pipe.send_text("half\x1b")
    assert prompter.live_text("Say:", lambda text, w, r: text, 2, "Enter done", DONE_KEYS,
                              "k keep") == ("cancel", "half")
    assert waits == [(0.05, 0.1)]


def test_overlapping_findings_share_one_mark_and_advice_is_not_repeated() -> None:
    """A trainee (issue 20): in "We apologise for any inconvenience, the courier lost it"
    the words "for any inconvenience" were never marked (a finding inside another's span
    was skipped), and two findings of one category printed the same advice twice."""
    from rich.console import Console

    from recoverycli.practice.engine import Coach
    from recoverycli.practice.render import coach_findings, marked_answer

    coach = Coach(model=None)
    line = "We apologise for any inconvenience, the courier lost it."
    found = coach.check(line)
    assert {"plural-apology", "hollow-inconvenience"} <= {f.rule for f in found}
    shown = marked_answer(line, found).plain
    assert "⟦We apologise for any inconvenience⟧" in shown, shown
    twice = "We're sorry about the wait. We're sorry about the noise too."
    found = coach.check(twice)
    assert [f.rule for f in found].count("plural-apology") == 2
    console = Console(width=80, record=True, color_system=None)
    console.print(coach_findings(twice, found))
    out = console.export_text()
    assert out.count("[plural-apology]") == 1 and out.count("Better:") == 1, out


def test_a_word_typed_on_that_begins_with_k_is_not_a_keep(pipe: PipeInput) -> None:
    """A red team (issue 20): after Enter, "keys locked in car" typed on kept the coached
    line (k) and left the note "eys locked in car". A k with a letter after it is typing;
    a k alone still keeps."""
    prompter, _, _ = terminal(pipe, 24, 80)
    pipe.send_text("I am sorry\rke")  # the rest of "keys locked" would follow as type-ahead
    assert prompter.live_text("Say:", lambda text, w, r: text, 2, "Enter done", DONE_KEYS,
                              "k keep") == ("type", "ke")
    pipe.send_text("I am sorry\rk")
    assert prompter.live_text("Say:", lambda text, w, r: text, 2, "Enter done", DONE_KEYS,
                              "k keep") == ("keep", "I am sorry")


def test_a_question_is_marked_as_one_not_as_a_verdict() -> None:
    # a red team: in the live coach a question used the verdicts' ⚑; only a "?" differed
    from recoverycli.practice.engine import Finding

    like = Console(file=io.StringIO(), force_terminal=True, color_system=None)
    text = "That's on us. The warehouse screwed up."
    asked = Finding("blame-third-party", 14, 38, "The warehouse screwed up", "why", "better",
                    None, unsure=True)
    said = Finding("plural-apology", 0, 4, "That", "why", "better", None)
    only = coach_lines(text, [asked], 80, 20, like).split("\n")
    assert only[0].lstrip().startswith("? ") and "⚑" not in "".join(only), only
    assert any(line.lstrip().startswith("? [blame-third-party?]") for line in only), only
    both = coach_lines(text, [said, asked], 80, 20, like).split("\n")
    assert both[0].lstrip().startswith("⚑ "), both
    brief = coach_lines(text, [said, asked], 80, 3, like).split("\n")
    assert brief == ["  ⚑ 1 flagged, 1 to ask about:", "  - [plural-apology] “That”",
                     "  ? [blame-third-party?] “The warehouse screwed up”"], brief
    asking = coach_lines(text, [asked], 80, 2, like).split("\n")
    assert asking[0] == "  ? 1 to ask about:", asking


def test_accessible_mode_counts_questions_apart_from_verdicts() -> None:
    # a red team: "Flagged 3:" for two verdicts and a question, so a screen reader said
    # three verdicts
    from recoverycli.practice.engine import Finding
    from recoverycli.practice.render import coach_plain

    said = Finding("plural-apology", 0, 4, "That", "why", "better", None)
    asked = Finding("blame-third-party", 5, 9, "is o", "why", "better", None, unsure=True)
    assert coach_plain("That is on us", [said, said, asked])[0].plain == \
        "Flagged 2, and 1 to ask about:"
    assert coach_plain("That is on us", [asked])[0].plain == "To ask about 1:"
    assert coach_plain("That is on us", [said])[0].plain == "Flagged 1:"
