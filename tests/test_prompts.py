"""The prompt seam and the run, typed through prompt_toolkit's pipe input."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput, Output

from recoverycli.playbooks.model import load_playbook
from recoverycli.playbooks.session import DONE, SKIP, Note, Session, Walk
from recoverycli.render import make_console
from recoverycli.run.keys import Quit, Runner
from recoverycli.screen.keyboard import HungUp
from recoverycli.screen.prompts import Prompter

ROOT = Path(__file__).resolve().parent.parent
DOWN = "\x1b[B"


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp:
        yield inp


def runner_for(pid: str, pipe: PipeInput, saved: list[dict[str, object]]) -> tuple[Runner,
                                                                                   io.StringIO]:
    book = load_playbook(str(ROOT / "playbooks" / f"{pid}.yaml"))
    walk = Walk(book, Session("t1", book.id, None, book.title))
    out = io.StringIO()
    prompter = Prompter(input=pipe, output=DummyOutput())
    runner = Runner(walk, lambda s: saved.append(s.to_dict()), make_console(out), lambda: prompter)
    return runner, out


def screen_output() -> tuple[Output, io.StringIO]:
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.output.vt100 import Vt100_Output

    text = io.StringIO()
    return Vt100_Output(text, lambda: Size(rows=24, columns=80), term="xterm"), text


def test_a_key_that_does_nothing_says_why(pipe: PipeInput) -> None:
    output, text = screen_output()
    prompter = Prompter(input=pipe, output=output)
    pipe.send_text("jxs")
    assert prompter.key({"s": "skip"}, "", None, {"j": "no jump on this step"}) == "skip"
    shown = text.getvalue()
    assert "no jump on this step" in shown
    assert "'x' does nothing here; ? shows the keys" in shown


def test_the_status_line_reminds_of_the_call_length(pipe: PipeInput) -> None:
    output, text = screen_output()
    prompter = Prompter(input=pipe, output=output)
    pipe.send_text("s")
    assert prompter.key({"s": "skip"}, "", lambda: 11 * 60.0, {}, 10 * 60) == "skip"
    assert "⏱ 11:00 · call past 10 min" in text.getvalue()


def test_accessible_status_messages_are_lines_not_redraws(pipe: PipeInput) -> None:
    output, text = screen_output()
    prompter = Prompter(input=pipe, output=output)
    prompter.accessible = True
    pipe.send_text("bs")
    assert prompter.key({"s": "skip"}, "", lambda: 5.0, {"b": "already at step 1"}) == "skip"
    shown = text.getvalue()
    assert "already at step 1\n" in shown.replace("\r", "")
    assert "⏱" not in shown and "\x1b[K" not in shown  # no ticking clock, nothing erased


def test_key_returns_the_action_and_ignores_other_keys(pipe: PipeInput) -> None:
    prompter = Prompter(input=pipe, output=DummyOutput())
    pipe.send_text("xzs")
    assert prompter.key({"s": "skip", "enter": "done"}, "legend") == "skip"


def test_typed_ahead_note_is_not_lost(pipe: PipeInput) -> None:
    prompter = Prompter(input=pipe, output=DummyOutput())
    pipe.send_text("nshe was upset\r\r")  # n, the note and Enter, then Enter: all at once
    assert prompter.key({"n": "note", "enter": "done"}, "legend") == "note"
    assert prompter.text("Note:") == "she was upset"
    assert prompter.key({"n": "note", "enter": "done"}, "legend") == "done"


def test_ctrl_c_raises_in_key_and_text(pipe: PipeInput) -> None:
    prompter = Prompter(input=pipe, output=DummyOutput())
    pipe.send_text("\x03")
    with pytest.raises(KeyboardInterrupt):
        prompter.key({"s": "skip"}, "legend")
    pipe.send_text("half a no\x03")
    with pytest.raises(KeyboardInterrupt):
        prompter.text("Note:")


def test_full_hyken_run_with_note_back_field_and_hand_off(pipe: PipeInput) -> None:
    saved: list[dict[str, object]] = []
    runner, out = runner_for("hyken", pipe, saved)
    pipe.send_text("ncalled about the refund\r")  # note on step 1
    pipe.send_text("\r")  # step 1 done
    pipe.send_text("b")  # back to step 1
    pipe.send_text("s")  # change its answer: skipped
    pipe.send_text("f1Ann Lee\r")  # fill the first field (customer)
    pipe.send_text("\r")  # step 2 done
    pipe.send_text("j")  # hand-off at step 3 jumps to 7
    pipe.send_text("\r")  # step 7 done: the end
    runner.run()
    session = runner.walk.session
    assert session.status == "finished"
    assert [(v.step_id, v.status) for v in session.path] == [
        ("1", SKIP), ("2", DONE), ("3", DONE), ("7", DONE)]
    assert session.path[2].taken.startswith("Hand-off")  # type: ignore[union-attr]
    assert [n.text for n in session.notes["1"]] == ["called about the refund"]
    assert session.fields["customer"] == "Ann Lee"
    text = out.getvalue()
    assert "Step 1 of 7" in text and "Step 7 of 7" in text and "Step 4 of 7" not in text
    assert "Now that I've heard it all, Ann Lee, I'm sorry again" in " ".join(text.split())
    # before the name was set: the line without it, never a raw placeholder (issue 19)
    assert "“I'm sorry this happened.”" in " ".join(text.split())
    assert "‹customer›" not in text
    # every change was saved before the next screen: the note is in an early save
    assert any(s["notes"] for s in saved[:2])


def test_choice_picks_the_next_step(pipe: PipeInput, tmp_path: Path) -> None:
    book = tmp_path / "b.yaml"
    book.write_text("id: b\ntitle: B\nsteps:\n  - title: Q\n    ask:\n      question: Which?\n"
                    "      choices:\n        - {label: First}\n        - {label: Second, "
                    "next: last}\n  - title: Middle\n  - id: last\n    title: Last\n")
    playbook = load_playbook(str(book))
    walk = Walk(playbook, Session("t", "b", None, "B"))
    prompter = Prompter(input=pipe, output=DummyOutput())
    runner = Runner(walk, lambda s: None, make_console(io.StringIO()), lambda: prompter)
    out = io.StringIO()
    runner = Runner(walk, lambda s: None, make_console(out), lambda: prompter)
    pipe.send_text("\r" + "2" + "q")  # Enter answers nothing on a question step
    with pytest.raises(Quit):
        runner.run()
    assert walk.current is not None and walk.current.title == "Last"
    assert walk.session.path[0].taken == "Second"
    first = out.getvalue().split("Step 3 of 3")[0]
    assert first.count("Second") == 1  # the choices are listed once, numbered
    assert "2. Second → 3. Last" in first
    assert "1-2 answer" in first and "Enter done" not in first


def test_rehearse_asks_fields_and_requires_the_required(pipe: PipeInput) -> None:
    saved: list[dict[str, object]] = []
    runner, _ = runner_for("saxena", pipe, saved)
    # customer is required: an empty Enter is refused, then a name; other fields
    pipe.send_text("\rBo\rlate order\rrefund today\r\rtomorrow\r")
    runner.rehearse_fields()
    from datetime import date, timedelta

    from recoverycli.when import follow_up_words

    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert runner.walk.session.fields == {"customer": "Bo", "problem": "late order",
                                          "fix": "refund today",
                                          "follow_up": follow_up_words(tomorrow)}
    assert runner.walk.session.follow_up == tomorrow  # the field is the follow-up


def test_question_mark_shows_the_keys_and_the_step_stays_open(pipe: PipeInput) -> None:
    saved: list[dict[str, object]] = []
    runner, out = runner_for("heal", pipe, saved)
    pipe.send_text("?xq")  # any key goes back from the help to the step
    with pytest.raises(Quit):
        runner.run()
    text = out.getvalue()
    keys = (("Enter", "done"), ("s", "skip"), ("n", "add a note"), ("b", "back"),
            ("j", "jump"), ("f", "case field"), ("q", "save and quit"))
    for key, meaning in keys:
        assert any(line.strip().startswith(key) and meaning in line for line in
                   text.splitlines()), key
    assert runner.walk.number == 1
    # the help is drawn in place of the step, under the same header, then the step again
    help_part = text.split("Keys:")[1]
    assert text.split("Keys:")[0].rstrip().endswith(runner.walk.playbook.steps[0].title)
    assert "Press any key to go back to the step." in help_part
    assert "Step 1 of 4" in help_part.split("Press any key")[1]


ESC = "\x1b"


def notes_of(runner: Runner) -> list[Note]:
    [notes] = runner.walk.session.notes.values()
    return notes


def test_esc_cancels_a_note_and_enter_keeps_one(pipe: PipeInput) -> None:
    saved: list[dict[str, object]] = []
    runner, _ = runner_for("heal", pipe, saved)
    pipe.send_text("nthis one\r")
    pipe.send_text("nnot this one" + ESC)  # a lone Esc: nothing follows it (Esc then a
    pipe.close()  # key at once is Alt+key, an edit); then the terminal is gone: it stops,
    with pytest.raises(HungUp):  # and the run saves what it has (tests/e2e: test_run_pty)
        runner.run()
    assert [n.text for n in notes_of(runner)] == ["this one"]


def test_ctrl_c_in_a_half_typed_note_keeps_it_marked_unfinished(pipe: PipeInput) -> None:
    saved: list[dict[str, object]] = []
    runner, _ = runner_for("heal", pipe, saved)
    pipe.send_text("nshe wants a ref\x03")
    with pytest.raises(KeyboardInterrupt):
        runner.run()
    assert [n.text for n in notes_of(runner)] == ["she wants a ref (unfinished)"]
    [kept] = list(saved[-1]["notes"].values())  # type: ignore[attr-defined]
    assert kept[0][0] == "she wants a ref (unfinished)"  # saved before the exit
    assert runner.kept_unfinished


def test_e_edits_and_deletes_this_steps_notes(pipe: PipeInput) -> None:
    saved: list[dict[str, object]] = []
    runner, out = runner_for("heal", pipe, saved)
    pipe.send_text("e")  # no notes yet: says so, does nothing
    pipe.send_text("nfirst\r" + "nsecond\r")
    pipe.send_text("e2" + "\x15" + "second, edited\r")  # pick the 2nd, clear the line, retype
    pipe.send_text("e1" + "\x15" + "\r")  # the first, emptied: deleted
    pipe.send_text("q")
    with pytest.raises(Quit):
        runner.run()
    assert [n.text for n in notes_of(runner)] == ["second, edited"]
    assert "e edit note" in out.getvalue()


def test_the_legend_names_every_key_in_words_at_80_columns(pipe: PipeInput) -> None:
    saved: list[dict[str, object]] = []
    runner, out = runner_for("hyken", pipe, saved)
    pipe.send_text("\r\rq")  # to step 3, which has a jump
    with pytest.raises(Quit):
        runner.run()
    screen = out.getvalue().split("Step 3 of 7")[1]
    lines = screen.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("›"))
    legend = [lines[first]] + [line for line in lines[first + 1:first + 2]
                               if line.startswith("  ") and line.strip()]
    assert legend and all(len(line) <= 79 for line in legend)
    words = " ".join(legend)
    for word in ("Enter done", "s skip", "n note", "b back", "j jump", "f field",
                 "q save & quit", "? help"):
        assert word in words
    assert len(legend) <= 2


def test_a_key_that_does_nothing_is_named_as_the_keyboard_says_it(pipe: PipeInput) -> None:
    """Red team 16b: Tab was "'c-i' does nothing here", Backspace "'c-h'"."""
    for sent, spoken in (("\t", "Tab does nothing"), ("\x7f", "Backspace does nothing"),
                         ("\x1b[5~", "Page Up does nothing"), ("\x02", "Ctrl-B does nothing")):
        output, text = screen_output()
        prompter = Prompter(input=pipe, output=output)
        pipe.send_text(sent + "s")
        assert prompter.key({"s": "skip"}) == "skip"
        assert spoken in text.getvalue(), (sent, text.getvalue())
        assert "c-" not in text.getvalue()


def test_a_long_status_wraps_on_words_and_is_never_cut(pipe: PipeInput) -> None:
    """Issue 19: "'recover sync' sends it lat…" at 80 columns: the status line now wraps
    on words onto a second line, redrawn in place (the clock ticks) without scrolling."""
    import pyte

    output, text = screen_output()
    prompter = Prompter(input=pipe, output=output)
    pipe.send_text("s")
    status = ("server not answering: saved locally; 'recover sync' sends it later "
              "(session 0123456789abcdef0123456789abcdef)")
    assert prompter.key({"s": "skip"}, status, lambda: 5.0) == "skip"
    screen = pyte.Screen(80, 24)
    drawn = text.getvalue()
    drawn = drawn[:drawn.rindex("\r\x1b[J")]  # as drawn, before the key cleared it
    pyte.Stream(screen).feed("\x1b[20;1H" + drawn)  # as under a step
    lines = [line.rstrip() for line in screen.display if line.strip()]
    assert "…" not in text.getvalue()
    assert " ".join(lines).replace("⏱ 00:05 · ", "") == status, lines
    assert all(len(line) <= 79 for line in lines) and len(lines) == 2
    assert "0123456789abcdef0123456789abcdef" in lines[1]  # an id is never split


def test_a_status_is_capped_to_a_readable_measure_at_200_columns(pipe: PipeInput) -> None:
    import pyte
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.output.vt100 import Vt100_Output

    text = io.StringIO()
    output = Vt100_Output(text, lambda: Size(rows=50, columns=200), term="xterm")
    prompter = Prompter(input=pipe, output=output)
    pipe.send_text("s")
    status = "a word " * 30
    assert prompter.key({"s": "skip"}, status.strip(), lambda: 5.0) == "skip"
    screen = pyte.Screen(200, 50)
    drawn = text.getvalue()
    pyte.Stream(screen).feed("\x1b[40;1H" + drawn[:drawn.rindex("\r\x1b[J")])
    lines = [line.rstrip() for line in screen.display if line.strip()]
    assert len(lines) == 3 and all(len(line) <= 100 for line in lines), lines


def test_a_colour_code_typed_in_a_prompt_is_no_mouse_report(
        pipe: PipeInput, capsys: pytest.CaptureFixture[str]) -> None:
    """Red team (issue 22): `sorry \\x1b[41mRED` typed at the practice answer prompt, or
    `\\x1b[41m` in the picker, was read as a mouse report and prompt_toolkit printed
    "Unhandled exception in event loop ... mouse.py". Swallowed like any unknown sequence."""
    prompter = Prompter(input=pipe, output=DummyOutput())
    pipe.send_text("sorry \x1b[41mRED\r")
    assert prompter.text("Answer:") == "sorry RED"
    pipe.send_text("\x1b[41m" + DOWN + "\r")
    assert prompter.choose("Which?", ["one", "two"]) == 1
    assert "Unhandled exception" not in capsys.readouterr().err


def test_esc_leaves_the_picker(pipe: PipeInput) -> None:
    """Red team: docs/practice.md says Esc leaves the scenario picker; it did not."""
    prompter = Prompter(input=pipe, output=DummyOutput())
    pipe.send_text("\x1b")
    assert prompter.choose("Which?", ["one", "two"]) is None


def test_a_colour_code_in_the_live_coach_line_is_no_mouse_report(pipe: PipeInput) -> None:
    prompter = Prompter(input=pipe, output=DummyOutput())
    pipe.send_text("sorry \x1b[41mRED\r\r")
    action, text = prompter.live_text("Say:", lambda t, w, r: "", 0, "Enter done",
                                      {"enter": "keep"}, "Enter keeps")
    assert (action, text) == ("keep", "sorry RED")


@pytest.mark.parametrize(("first", "rest"), [("q", "uite late"), ("c", "an you"),
                                             ("f", "ine"), ("e", "very"), ("n", "ow")])
def test_a_word_typed_at_an_ordinary_pace_is_typing_not_a_key(pipe: PipeInput, first: str,
                                                               rest: str) -> None:
    """A red team (issue 20) typed words at 120 ms a key on a step: "quite late" quit the
    call and handed "uite" to the shell; "can you" opened the coach without its c. A key
    that leaves the step waits for a following letter before it acts. The letters come
    from a timer, as a person's do, not all in one write."""
    import threading

    from recoverycli.screen.prompts import BURST

    actions = {"type": "type", "q": "quit", "c": "coach", "f": "field", "e": "edit",
               "n": "note", "s": "skip"}
    prompter = Prompter(input=pipe, output=DummyOutput())
    prompter.burst = BURST  # as on a real terminal
    pipe.send_text(first)
    timer = threading.Timer(0.1, pipe.send_text, args=(rest[0],))
    timer.start()
    try:
        assert prompter.key(actions) == "type"
    finally:
        timer.join()
    assert prompter.typed.startswith(first + rest[0])


def test_a_key_alone_still_acts(pipe: PipeInput) -> None:
    from recoverycli.screen.prompts import BURST

    actions = {"type": "type", "q": "quit", "n": "note", "s": "skip"}
    prompter = Prompter(input=pipe, output=DummyOutput())
    prompter.burst = BURST
    for key, action in (("q", "quit"), ("n", "note"), ("s", "skip")):
        pipe.send_text(key)
        assert prompter.key(actions) == action
