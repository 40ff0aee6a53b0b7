"""The prompt seam and the run, typed through prompt_toolkit's pipe input."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from recoverycli.playbook import load_playbook
from recoverycli.prompts import Prompter
from recoverycli.render import make_console
from recoverycli.runner import Quit, Runner
from recoverycli.session import DONE, SKIP, Session, Walk

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
    pipe.send_text("f\rAnn Lee\r")  # fill the first field (customer)
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
    assert "‹customer›, I'm sorry this happened" in " ".join(text.split())  # before it was set
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
    pipe.send_text("\r" + DOWN + "\r" + "q")
    with pytest.raises(Quit):
        runner.run()
    assert walk.current is not None and walk.current.title == "Last"
    assert walk.session.path[0].taken == "Second"


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
    pipe.send_text("?q")
    with pytest.raises(Quit):
        runner.run()
    text = out.getvalue()
    keys = (("Enter", "done"), ("s", "skip"), ("n", "add a note"), ("b", "back"),
            ("j", "jump"), ("f", "case field"), ("q", "save and quit"))
    for key, meaning in keys:
        assert any(line.strip().startswith(key) and meaning in line for line in
                   text.splitlines()), key
    assert text.count("Step 1 of 4") == 1 and runner.walk.number == 1
