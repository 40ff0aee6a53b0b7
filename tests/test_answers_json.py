"""A JSON answers file is applied straight from ``json`` (fast for 95,000 entries) when it
holds nothing to report; anything else goes to the located reader. Whichever way a file is
read, the run and every error must be the same: checked here against the located reader
alone, on hand-picked and generated files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recoverycli.errors import AnswersError, UsageError
from recoverycli.playbooks.model import Ask, Choice, Field, Jump, Playbook, Step
from recoverycli.playbooks.session import Session, Walk
from recoverycli.run import answers

BOOK = Playbook("b", "B", (
    Step("1", "Listen", jump=Jump("Hand-off", "4")),
    Step("2", "Ask", ask=Ask("Which?", (Choice("Refund", "4"), Choice("Replace"),
                                        Choice("Refund")))),
    Step("3", "Apologize", next="end"),
    Step("4", "Fix", jump=Jump("Stop", "end")),
    Step("5", "Close"),
), fields=(Field("customer", "Name"), Field("follow_up", "When")))


def outcome(path: Path, fast: bool, monkeypatch: pytest.MonkeyPatch) -> object:
    """The session a file makes, or the error it raises, read the fast way if it can be
    (``fast``) or by the located reader alone."""
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(answers, "_plain_json", lambda data: None)
        session = Session("abc123", "b", None, "B", started=0.0)
        walk = Walk(BOOK, session, clock=lambda: 0.0)
        try:
            answers.apply_answers(str(path), walk)
        except (AnswersError, UsageError) as exc:
            return (type(exc).__name__, str(exc))
        data = session.to_dict()
        data["ended"] = data["ended"] is not None
        for notes in data["notes"].values():
            for note in notes:
                note[1] = None
        return data


CASES: list[Any] = [
    {"steps": [{}, {"jump": "Replace"}, {"note": ["a", "b"]}]},
    {"steps": [{"jump": True}, {"status": "skip", "jump": "Stop"}]},
    {"steps": [{"jump": True}, {"jump": True}]},
    {"steps": [{}, {"jump": "Refund"}, {}, {}]},
    {"steps": [{}, {"status": "skip"}, {"status": None, "note": None}]},
    {"fields": {"customer": "Ann", "follow_up": "2d"}, "steps": []},
    {"fields": {"customer": "Ann", "follow_up": "after lunch"}, "steps": None},
    {"fields": None},
    {},
    # each of these is an error, reported by the located reader
    {"steps": [{}, {}]},  # step 2 asks
    {"steps": [{}, {"jump": "Nope"}]},
    {"steps": [{}, {"jump": True}]},
    {"steps": [{}, {"jump": "Replace"}, {}, {}]},  # the run already ended
    {"steps": [{"status": ""}]},
    {"steps": [{"status": "finished"}]},
    {"steps": [{"status": 5}]},
    {"steps": [{"note": ""}]},
    {"steps": [{"note": 5}, {"jump": "Replace"}, {}]},
    {"steps": [{"note": [None]}]},
    {"steps": [{"jump": 1}]},
    {"steps": [{"jump": ""}]},
    {"steps": [{"jumps": True}]},
    {"steps": [None]},
    {"steps": {}},
    {"fields": {"custmer": "Ann"}},
    {"fields": {"customer": ""}},
    {"fields": {"customer": 12}},
    {"fields": []},
    {"step": []},
    [],
    "text",
]


@pytest.mark.parametrize("case", CASES, ids=range(len(CASES)))
def test_a_json_file_runs_as_the_located_reader_runs_it(
        case: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(case))
    assert outcome(path, True, monkeypatch) == outcome(path, False, monkeypatch)


@pytest.mark.parametrize("text", [
    '{"steps": [{}, {"jump": "Replace"}], "steps": []}',  # a duplicate key
    '{"steps": [{"note": "a\tb"}, {"jump": "Replace"}, {}]}',  # a tab
    '\ufeff{"steps": []}',
    '{"steps": [{"note": "line\u2028break"}, {"jump": "Replace"}, {}]}',
    '{"steps": [{"note": "\\ud800"}, {"jump": "Replace"}, {}]}',
    '{"fields": {"customer": 1e999}}',
    '{"steps": [' * 2000 + ']' * 2000 + '}',
    "steps:\n  - {}\n  - {jump: Replace}\n",  # YAML
    "",
])
def test_unusual_files_are_read_by_the_located_reader(
        text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    assert outcome(path, True, monkeypatch) == outcome(path, False, monkeypatch)


def test_a_plain_json_file_is_not_composed(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"steps": [{}, {"jump": "Replace"}, {}]}))

    def refuse(*args: object) -> None:
        raise AssertionError("composed")

    monkeypatch.setattr(answers, "compose", refuse)
    walk = Walk(BOOK, Session("abc123", "b", None, "B"))
    answers.apply_answers(str(path), walk)
    assert walk.finished


VALUES = st.one_of(st.none(), st.booleans(), st.integers(-2, 9), st.sampled_from(
    ["done", "skip", "", " ", "Refund", "Replace", "Stop", "Hand-off", "Ann", "2d"]))
ENTRY = st.dictionaries(st.sampled_from(["status", "note", "jump", "jumps"]),
                        st.one_of(VALUES, st.lists(VALUES, max_size=2)), max_size=3)
DOC = st.fixed_dictionaries({}, optional={
    "steps": st.one_of(st.none(), st.lists(ENTRY, max_size=6)),
    "fields": st.one_of(st.none(), st.dictionaries(
        st.sampled_from(["customer", "follow_up", "custmer"]), VALUES, max_size=2)),
})


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=DOC)
def test_any_json_file_runs_as_the_located_reader_runs_it(
        doc: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc))
    assert outcome(path, True, monkeypatch) == outcome(path, False, monkeypatch)
