"""Spanish names and punctuation (issue 23): ñ, ¿ and ¡ are typed, stored, searched and
exported intact, and a customer is found with or without accents, in any case, on SQLite
and PostgreSQL alike ("Núñez" finds "nunez", "NUNEZ" finds "Núñez")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run
from recoverycli.storage.columns import name_key

NAME = "Íñigo Núñez"
NOTE = "¿Me lo puede repetir? ¡Gracias, señora Muñoz!"


@pytest.mark.parametrize("typed, stored", [
    ("nunez", "Núñez"), ("NÚÑEZ", "núñez"), ("jose", "José"), ("Muñoz", "MUNOZ"),
    ("çelik", "Celik"), ("İsmail", "ismail"), ("über", "Uber"),
])
def test_accents_and_case_of_latin_letters_fold(typed: str, stored: str) -> None:
    assert name_key(typed) == name_key(stored)


@pytest.mark.parametrize("one, other", [
    ("Йосиф", "Иосиф"),  # Cyrillic й is a letter of its own
    ("किताब", "कताब"),  # a Devanagari vowel sign is not an accent
    ("Nunez", "Nunes"),
])
def test_marks_that_make_another_letter_are_kept(one: str, other: str) -> None:
    assert name_key(one) != name_key(other)


def _run(home: Path, env: dict[str, str]) -> str:
    answers = home / "a.yaml"
    answers.write_text(f"fields:\n  customer: {NAME}\n  problem: {json.dumps(NOTE)}\n"
                       f"steps:\n  - {{note: {json.dumps(NOTE, ensure_ascii=False)}}}\n",
                       encoding="utf-8")
    result = run("run", "hyken", "--answers", str(answers), env=env)
    assert result.returncode == 0, result.stderr
    assert NAME in result.stdout and NOTE in result.stdout
    return str(json.loads(run("history", "--json", env=env).stdout)[0]["id"])


def test_found_with_or_without_accents_and_kept_intact(store_env: dict[str, str],
                                                      home: Path) -> None:
    session = _run(home, store_env)
    for typed in ("nunez", "NUÑEZ", "iñigo", "Inigo Nunez", "núñez"):
        found = json.loads(run("history", "--json", "--customer", typed, env=store_env).stdout)
        assert [s["customer"] for s in found] == [NAME], typed
    assert json.loads(run("history", "--json", "--customer", "nunes", env=store_env).stdout
                      ) == []
    exported = run("export", session, "--format", "json", env=store_env)
    assert exported.returncode == 0, exported.stderr
    data = json.loads(exported.stdout)
    assert NAME in json.dumps(data, ensure_ascii=False)
    assert NOTE in json.dumps(data, ensure_ascii=False)
    markdown = run("export", session, "--format", "md", env=store_env).stdout
    assert NAME in markdown and NOTE in markdown
    dry = run("forget", "--customer", "INIGO NUNEZ", "--dry-run", env=store_env)
    assert dry.returncode == 0 and session[:8] in dry.stdout, dry.stdout + dry.stderr
    gone = run("forget", "--customer", "íñigo núñez", "--yes", env=store_env)
    assert gone.returncode == 0, gone.stderr
    assert json.loads(run("history", "--json", env=store_env).stdout) == []


def test_a_store_made_before_keeps_finding_its_customers(home: Path) -> None:
    """The migration folds the keys already stored (made when accents counted)."""
    import sqlite3

    _run(home, {})
    db = sqlite3.connect(home / "data" / "sessions.db")
    db.execute("UPDATE sessions SET customer_key = 'íñigo núñez'")
    db.execute("DELETE FROM recover_migrations WHERE name = 'customer_keys_unaccented'")
    db.commit()
    db.close()
    found = json.loads(run("history", "--json", "--customer", "nunez").stdout)
    assert [s["customer"] for s in found] == [NAME]
