"""The summary for the ticket is what a ticket wants (issue 19): the steps done and
skipped, notes with their own lines, fields that have a value; a coach draft kept as a
note is marked and left out unless the agent chose it."""

from __future__ import annotations

from pathlib import Path

from conftest import run
from recoverycli.playbooks.model import load_playbook, outline_of
from recoverycli.playbooks.session import Note, Session, Visit
from recoverycli.run.checklist import summary_text

ROOT = Path(__file__).resolve().parent.parent
T0 = 1_764_000_000.0


def session(notes: dict[str, list[Note]]) -> tuple[object, Session]:
    book = load_playbook(str(ROOT / "playbooks" / "hyken.yaml"))
    s = Session("abc123", "hyken", None, book.title, status="finished", started=T0,
                ended=T0 + 200, outline=outline_of(book), fields={"customer": "Ann"})
    s.path = [Visit("1", "done"), Visit("2", "skip"), Visit("7", "done")]
    s.notes = notes
    s.seconds = {"1": 30.0, "2": 4.0, "7": 25.0}
    return book, s


def test_only_steps_done_or_skipped_and_fields_with_a_value() -> None:
    book, s = session({})
    text = summary_text(book, s)  # type: ignore[arg-type]
    assert "not reached" not in text
    assert "[x] 1. Apologize for the problem - done, 0m30s" in text
    assert "[-] 2. Acknowledge the problem - skipped, 0m04s" in text
    assert "[x] 7. Stay in touch" in text and "4. Fix the problem" not in text
    assert "The customer's name: Ann" in text
    assert ": -" not in text and not any(line.endswith(": -") for line in text.splitlines())


def test_a_multi_line_note_keeps_its_lines_indented_under_its_step() -> None:
    pasted = "Order 5512\nArrived 3 days late\n\n  box crushed"
    book, s = session({"1": [Note(pasted, T0 + 5)]})
    lines = summary_text(book, s).splitlines()  # type: ignore[arg-type]
    at = lines.index("    note: Order 5512")
    assert lines[at + 1:at + 4] == ["          Arrived 3 days late", "",
                                    "            box crushed"]
    assert "⏎" not in "\n".join(lines)


def test_a_note_on_a_step_left_open_is_kept() -> None:
    book, s = session({"4": [Note("call the depot", T0 + 9)]})
    text = summary_text(book, s)  # type: ignore[arg-type]
    assert "not reached" not in text
    assert "4. Fix the problem - not done" in text and "note: call the depot" in text


def test_a_coach_draft_is_left_out_unless_chosen() -> None:
    draft = Note("I understand, let me fix it", T0 + 7, draft=True)
    book, s = session({"1": [Note("she was upset", T0 + 5), draft]})
    text = summary_text(book, s)  # type: ignore[arg-type]
    assert "she was upset" in text and "let me fix it" not in text
    draft.chosen = True
    text = summary_text(book, s)  # type: ignore[arg-type]
    assert "    coach draft: I understand, let me fix it" in text


def test_a_coach_draft_is_stored_marked_and_read_back() -> None:
    draft = Note("I understand", T0 + 7, draft=True)
    _, s = session({"1": [Note("plain", T0 + 5), draft]})
    data = s.to_dict()
    assert data["notes"]["1"][0] == ["plain", T0 + 5]  # a plain note is stored as before
    back = Session.from_dict(data)
    assert [n.draft for n in back.notes["1"]] == [False, True]
    assert back.notes["1"][1].chosen is False
    back.notes["1"][1].chosen = True
    assert Session.from_dict(back.to_dict()).notes["1"][1].chosen is True


def test_editorial_marks_are_what_the_live_screen_leaves_out() -> None:
    from recoverycli.run.screens import without_editorial

    assert without_editorial("(Our reading) Move quickly.") == "Move quickly."
    assert without_editorial("(Our reading.) Stay calm.") == "Stay calm."
    assert without_editorial(
        "They need it put right. (The source only names this step; Part 2 covers it. This "
        "is our reading of the name.)") == "They need it put right."
    assert without_editorial("Bell (Part 1) says so.") == "Bell (Part 1) says so."
    assert without_editorial("(Our reading)") == ""


def test_a_translation_s_editorial_mark_stays_off_the_live_screen_too() -> None:
    """Issue 23 beside 19: hyken's Spanish marks its readings "(Nuestra interpretación)";
    every line the English marks loses the Spanish mark on a live call."""
    from recoverycli.playbooks.catalog import load_catalog
    from recoverycli.run.screens import without_editorial

    hyken = load_catalog(write_cache=False).get("hyken")
    marked = [t.text for t in hyken.translations if t.text.startswith("(Nuestra")]
    assert len(marked) >= 4, marked
    for text in marked:
        assert "Nuestra" not in without_editorial(text) and without_editorial(text), text


def test_show_and_rehearse_keep_the_editorial_marks() -> None:
    from conftest import run

    assert "(Our reading)" in run("show", "heal").stdout


def test_a_source_line_loses_the_clause_that_says_it_is_our_reading() -> None:
    from recoverycli.run.screens import without_editorial

    cite = ("Tom Borg, \"How to Recover\" - for the bring-back factor line only; the other "
            "lines of this step are our reading of Bell's name")
    assert without_editorial(cite) == "Tom Borg, \"How to Recover\" - for the bring-back " \
        "factor line only"


def test_a_say_line_without_a_customer_name_reads_naturally() -> None:
    from recoverycli.run.screens import without_name

    assert without_name("{customer}, I'm sorry this happened.") == "I'm sorry this happened."
    assert without_name("I'm sorry, {customer}.") == "I'm sorry."
    assert without_name("Now that I've heard it all, {customer}, I'm sorry again.") == \
        "Now that I've heard it all, I'm sorry again."
    assert without_name("Call {customer} back") == "Call the customer back"
    assert without_name("{customer} said so") == "The customer said so"


def test_the_end_screens_case_line_names_only_the_fields_filled_in() -> None:
    import io

    from recoverycli.render import make_console
    from recoverycli.run.screens import compact_checklist

    book, s = session({})
    out = io.StringIO()
    console = make_console(out)
    console.width = 80
    console.print(compact_checklist(book, s, 80))  # type: ignore[arg-type]
    text = out.getvalue()
    assert "Case: The customer's name: Ann" in text and ": -" not in text, text


def test_exports_mark_a_coach_draft_and_leave_plain_notes_as_they_were() -> None:
    from recoverycli.aftercall.export import as_data, to_markdown

    draft = Note("I will fix it", T0 + 7, draft=True)
    book, s = session({"1": [Note("she was upset", T0 + 5), draft]})
    notes = as_data(book, s)["steps"][0]["notes"]  # type: ignore[arg-type]
    assert notes[0] == {"text": "she was upset", "at": "2025-11-24T16:00:05Z"}
    assert notes[1]["coach_draft"] is True and notes[1]["in_summary"] is False
    md = to_markdown(book, s)  # type: ignore[arg-type]
    assert "note: she was upset" in md and "I will fix it" not in md
    draft.chosen = True
    assert "  - coach draft: I will fix it" in to_markdown(book, s)  # type: ignore[arg-type]


def test_an_empty_field_reads_as_words_on_the_screen() -> None:
    """Newcomer: step 7 said "I'll check in with you ‹follow_up›": an underscored id, read
    aloud on a call."""
    from recoverycli.playbooks.model import fill

    assert fill("I'll check in {follow_up}.", {}) == "I'll check in ‹follow up›."
    assert fill("{wrap-up}", {}) == "‹wrap up›"
    assert fill("I'll check in {follow_up}.", {"follow_up": "on Friday"}) == \
        "I'll check in on Friday."


def test_the_follow_up_is_said_once_in_the_summary(home: Path) -> None:
    """Newcomer: the summary said the follow-up twice (its field in words, then its line)."""
    answers = home / "a.yaml"
    answers.write_text("fields:\n  customer: Ann\nsteps:\n  - {status: done}\n")
    result = run("run", "hyken", "--answers", str(answers), "--follow-up", "2026-12-11 15:00")
    assert result.returncode == 0, result.stderr
    summary = result.stdout
    assert summary.count("2026-12-11") == 1 and "Fri 11 Dec 2026 at 15:00" in summary, summary
    assert "When you will check back with them" not in summary
