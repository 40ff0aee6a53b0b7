"""Golden files for what people read at the end of a call: the checklist, the ticket
summary and the Markdown export, from a fixed session (``UPDATE_GOLDEN=1`` rewrites)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from golden import assert_golden
from recoverycli.aftercall.export import to_markdown
from recoverycli.playbooks.model import load_playbook, outline_of
from recoverycli.playbooks.session import Note, Session, Visit
from recoverycli.render import make_console
from recoverycli.run.checklist import summary_text
from recoverycli.run.screens import checklist_renderable

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times are shown in local time: the golden files are written in UTC."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
T0 = 1_764_000_000.0  # 2025-11-24 16:00 UTC


def fixed_session() -> tuple[object, Session]:
    book = load_playbook(str(ROOT / "playbooks" / "hyken.yaml"))
    session = Session("abc123", "hyken", None, book.title, status="finished", started=T0,
                      ended=T0 + 200, outline=outline_of(book),
                      fields={"customer": "Ann [b]Lee[/b]", "offer": "a free month"},
                      agent="sam", team="care")
    session.set_follow_up("2025-11-27 10:00")
    session.add_outcome("pending", T0 + 86400 * 3, "sam", None, "voicemail", "2025-11-29")
    session.add_outcome("returned", T0 + 86400 * 5, "kim", 5, "came back")
    session.path = [Visit("1", "done"), Visit("2", "skip"),
                    Visit("3", "done", "Hand-off (three-way call with a colleague)"),
                    Visit("7", "done")]
    session.notes = {"1": [Note("she was upset \x1b[31m", T0 + 5)]}
    session.seconds = {"1": 30.0, "2": 4.0, "3": 61.0, "7": 25.0}
    return book, session


def test_checklist_golden() -> None:
    book, session = fixed_session()
    out = io.StringIO()
    console = make_console(out)
    console.width = 80
    console.print(checklist_renderable(book, session))  # type: ignore[arg-type]
    assert "\x1b" not in out.getvalue()
    assert_golden("checklist.txt", out.getvalue())


def test_summary_golden() -> None:
    book, session = fixed_session()
    text = summary_text(book, session)  # type: ignore[arg-type]
    assert "Ann [b]Lee[/b]" in text and "\\x1b[31m" in text
    assert_golden("summary.txt", text)


def test_markdown_export_golden() -> None:
    book, session = fixed_session()
    assert_golden("export.md", to_markdown(book, session))  # type: ignore[arg-type]
