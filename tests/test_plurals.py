"""Counts read as English: ``1 session``, ``2 sessions``, never ``1 sessions`` or
``session(s)``, through one helper (``text.plural``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run


def test_plural() -> None:
    from recoverycli.text import noun, plural

    assert plural(1, "session") == "1 session"
    assert plural(0, "session") == "0 sessions"
    assert plural(2, "follow-up") == "2 follow-ups"
    assert plural(1, "practice attempt") == "1 practice attempt"
    assert plural(3, "session or attempt", "sessions and attempts") == \
        "3 sessions and attempts"
    assert noun(1, "session") == "session" and noun(-1, "day") == "day"


def test_words_of_one(home: Path) -> None:
    from recoverycli.aftercall.history import late_words

    assert late_words(-1) == "in 1 day" and late_words(1) == "1 day late"
    assert late_words(2) == "2 days late"


ONE = re.compile(r"(?<![\d.])1 (sessions|steps|notes|rehearsals|attempts|days|follow-ups|"
                 r"lines|records)\b|\(s\)")


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_a_report_of_one_session_says_one_session(home: Path, fmt: str) -> None:
    answers = home / "answers.yaml"
    answers.write_text("fields: {customer: Ann}\nsteps: [{note: one note}]\n",
                       encoding="utf-8")
    assert run("run", "hyken", "--answers", str(answers), "--rehearse").returncode == 0
    assert run("run", "hyken", "--answers", str(answers), "--follow-up", "1d").returncode == 0
    args = ["report"] if fmt == "text" else ["report", "--format", fmt]
    result = run(*args)
    assert result.returncode == 0, result.stderr
    out = " ".join(re.sub(r"<[^>]+>", "|", result.stdout).split())  # cells stay apart
    if fmt == "html":
        assert re.search(r"<b>1</b><span>session, \d finished</span>", result.stdout)
    assert not ONE.search(out), ONE.search(out)
    assert "1 session," in out or "1 session, " in out
    assert "1 rehearsal " in out
