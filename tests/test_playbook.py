"""The playbook loader: valid files become frozen objects, bad ones located problems."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recoverycli.errors import PlaybookError
from recoverycli.playbooks.model import Playbook, fill, load_playbook, parse_playbook

GOOD = b"""\
id: demo
title: Demo
fields:
  - id: customer
    prompt: Name
steps:
  - title: One
    say: "Hello {customer}"
  - title: Two
    jump: {label: skip ahead, to: four}
  - title: Three
  - id: four
    title: Four
"""


def problems(text: str | bytes) -> list[tuple[int, int, str, str]]:
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(PlaybookError) as caught:
        parse_playbook("pb.yaml", data)
    return [(p.line, p.column, p.path, p.message) for p in caught.value.problems]


def test_good_playbook_loads_into_frozen_objects() -> None:
    book = parse_playbook("pb.yaml", GOOD)
    assert isinstance(book, Playbook)
    assert [s.id for s in book.steps] == ["1", "2", "3", "four"]
    assert book.steps[0].say == ("Hello {customer}",)
    assert book.steps[1].jump is not None and book.steps[1].jump.to == "four"
    with pytest.raises(AttributeError):
        book.title = "x"  # type: ignore[misc]


def test_fill_shows_missing_fields_visibly() -> None:
    assert fill("Hi {customer}, {x}", {"customer": "Ann"}) == "Hi Ann, ‹x›"


BAD = [
    # (document, line, column, path, message fragment)
    ("id: demo\ntitle: T\nstpes:\n  - title: a\n", 3, 1, "stpes", "did you mean 'steps'"),
    ("id: demo\ntitle: T\ntitle: U\nsteps:\n  - title: a\n", 3, 1, "title",
     "duplicate key 'title' (first given on line 2)"),
    ("id: demo\ntitle: T\nsteps:\n\t- title: a\n", 4, 1, "", "tab character"),
    ("id: demo\ntitle: T\nsteps:\n  - title: [a\n", 5, 1, "", "YAML syntax"),
    ("id: demo\ntitle: T\nsteps: 3\n", 3, 8, "steps", "expected a list, got a number"),
    ("id: demo\ntitle: T\nsteps: []\n", 3, 8, "steps", "at least one step"),
    ("id: demo\ntitle: T\n", 1, 1, "", "missing required key 'steps'"),
    ("id: demo\ntitle: T\nsteps:\n  - title: a\n    next: nowhere\n", 5, 11, "steps[0].next",
     "'nowhere' names no step"),
    ("id: demo\ntitle: T\nsteps:\n  - title: a\n    jump: {label: j, to: 9}\n", 5, 26,
     "steps[0].jump.to", "'9' names no step"),
    ("id: demo\ntitle: T\nsteps:\n  - title: a\n    ask:\n      question: q\n"
     "      choices:\n        - label: x\n          next: zz\n", 9, 17,
     "steps[0].ask.choices[0].next", "'zz' names no step"),
    ("id: demo\ntitle: T\nsteps:\n  - title: a\n    next: end\n  - title: b\n", 6, 5,
     "steps[1]", "can never be reached"),
    ("id: demo\ntitle: T\nsteps:\n  - title: a\n    say: 'Hi {custmer}'\n", 5, 10,
     "steps[0].say", "placeholder '{custmer}' names no field"),
    ("id: demo\ntitle: T\nsteps:\n  - title: yes\n", 4, 12, "steps[0].title",
     "expected text, got true/false"),
    ("id: demo\ntitle: T\nsteps:\n  - why: w\n", 4, 5, "steps[0]", "missing required key 'title'"),
    ("id: Demo Book\ntitle: T\nsteps:\n  - title: a\n", 1, 5, "id", "not a valid id"),
    ("", 1, 1, "", "file is empty"),
    ("# only a comment\n", 1, 1, "", "only comments"),
    ("- a\n- b\n", 1, 1, "", "expected a mapping"),
    ("just words\n", 1, 1, "", "expected a mapping"),
    ("id: demo\ntitle: !!python/object/apply:os.system [echo hi]\nsteps:\n  - title: a\n",
     2, 8, "title", "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    ("id: &x demo\ntitle: *x\nsteps:\n  - title: a\n", 1, 5, "", "anchor 'x' is not allowed"),
    ("id: demo\ntitle: T\nsteps:\n  - title: a\n    id: one\n  - title: b\n    id: one\n", 7, 9,
     "steps[1].id", "step id 'one' is used twice"),
    # red team 16: ten choices fell back to a picker listing them twice, "1" did nothing
    ("id: demo\ntitle: T\nsteps:\n  - title: a\n    ask:\n      question: q\n      choices:\n"
     + "".join(f"        - label: c{i}\n" for i in range(10)), 17, 11,
     "steps[0].ask.choices[9]", "at most 9 choices"),
]


@pytest.mark.parametrize(("doc", "line", "col", "path", "fragment"), BAD)
def test_bad_playbook_is_located(doc: str, line: int, col: int, path: str, fragment: str) -> None:
    found = problems(doc)
    assert any((ln, c, p) == (line, col, path) and fragment in m for ln, c, p, m in found), found


def test_binary_and_non_utf8_files_are_named() -> None:
    assert problems(b"id: x\n\x00\x01\x02")[0][:2] == (2, 1)
    assert "binary" in problems(b"id: x\n\x00\x01\x02")[0][3]
    line, col, _, message = problems("id: demo\ntitle: caf\xe9\n".encode("latin-1"))[0]
    assert (line, col) == (2, 11) and "not UTF-8" in message


def test_all_problems_are_reported_at_once() -> None:
    found = problems("id: demo\ntitle: T\nsumary: s\nsteps:\n  - title: a\n    wy: w\n"
                     "  - titel: b\n")
    paths = {p for _, _, p, _ in found}
    assert {"sumary", "steps[0].wy", "steps[1].titel", "steps[1]"} <= paths


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    lines += ["id: demo", "title: T", "steps:", "  - title: s"]
    found = problems("\n".join(lines))
    assert any("anchor 'a0' is not allowed" in m for *_, m in found)


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"id: demo\ntitle: T\nsteps:\n" + b"  - title: step\n" * 1_000_000)
    assert big.stat().st_size > 15_000_000
    start = time.perf_counter()
    with pytest.raises(PlaybookError) as caught:
        load_playbook(str(big))
    assert time.perf_counter() - start < 1.0
    message = caught.value.problems[0].message
    assert "over the 1 MiB limit" in message


def test_size_cap_is_settable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small = tmp_path / "pb.yaml"
    small.write_bytes(GOOD)
    monkeypatch.setenv("RECOVER_MAX_PLAYBOOK_BYTES", "100")
    with pytest.raises(PlaybookError, match="over the 100 bytes limit"):
        load_playbook(str(small))
    assert load_playbook(str(small), max_bytes=10_000).id == "demo"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_loader_only_raises_its_own_error(data: bytes) -> None:
    try:
        parse_playbook("fuzz.yaml", data)
    except PlaybookError as exc:
        assert exc.problems and all(p.line >= 1 and p.column >= 1 for p in exc.problems)


YAMLISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.sampled_from(
                                   ["id", "title", "steps", "say", "jump", "to", "next", "ask",
                                    "choices", "label", "fields", "prompt", "x"]), children,
                                   max_size=5)),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_loader_on_random_structures_only_raises_its_own_error(value: object) -> None:
    import json

    try:
        parse_playbook("fuzz.yaml", json.dumps(value).encode())
    except PlaybookError as exc:
        assert exc.problems


def test_call_reminder_minutes_is_read_checked_and_cached(tmp_path: Path) -> None:
    from recoverycli.playbooks.cache import decode_playbook, encode_playbook

    good = tmp_path / "g.yaml"
    good.write_text("id: g\ntitle: G\ncall_reminder_minutes: 12\nsteps:\n  - title: A\n")
    book = load_playbook(str(good))
    assert book.call_reminder_minutes == 12
    assert decode_playbook(encode_playbook(book)) == book
    assert decode_playbook(encode_playbook(book)[:8]).call_reminder_minutes is None  # old cache
    bad = tmp_path / "b.yaml"
    bad.write_text("id: b\ntitle: B\ncall_reminder_minutes: soon\nsteps:\n  - title: A\n")
    with pytest.raises(PlaybookError) as caught:
        load_playbook(str(bad))
    assert str(caught.value.problems[0]).startswith(f"{bad}:3:24: call_reminder_minutes: ")
