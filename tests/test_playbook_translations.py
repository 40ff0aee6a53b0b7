"""Playbooks in more than one language (issue 23): the translations block, its located
errors, lint's missing and stale lists, per-string fallback, and the built-in hyken in
Spanish, addressed to the customer as usted."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, run
from recoverycli.errors import PlaybookError
from recoverycli.playbooks.model import load_playbook, parse_playbook
from recoverycli.playbooks.translations import (
    FALLBACK,
    digest,
    gaps,
    source_texts,
    translated,
)

BOOK = """\
id: small
title: Small
fields:
  - id: customer
    prompt: The customer's name
steps:
  - id: sorry
    title: Say sorry
    say:
      - "{customer}, I'm sorry."
      - Let me fix it.
  - title: Close
"""


def with_block(block: str) -> str:
    return BOOK + "translations:\n" + block


def entry(key: str, text: str, english: str | None = None) -> str:
    source = digest(english) if english is not None else digest(source_texts(
        parse_playbook("x", BOOK.encode()))[key])
    return f"    {key}:\n      text: {json.dumps(text, ensure_ascii=False)}\n" \
           f"      source: {source}\n"


def test_the_keys_name_texts_by_id_not_position() -> None:
    assert list(source_texts(parse_playbook("x", BOOK.encode()))) == [
        "title", "fields.customer.prompt", "steps.sorry.title", "steps.sorry.say.1",
        "steps.sorry.say.2", "steps.2.title"]


def test_a_translation_falls_back_to_english_string_by_string_and_visibly() -> None:
    book = parse_playbook("x", with_block("  es:\n" + entry("title", "Pequeño")
                                          + entry("steps.sorry.say.1", "{customer}, lo siento.")
                                          ).encode())
    spanish, fell_back = translated(book, "es")
    assert spanish.title == "Pequeño"
    assert spanish.steps[0].say == ("{customer}, lo siento.", FALLBACK + "Let me fix it.")
    assert spanish.steps[0].title == FALLBACK + "Say sorry"
    assert fell_back == ["fields.customer.prompt", "steps.sorry.title", "steps.sorry.say.2",
                         "steps.2.title"]
    assert translated(book, "en") == (book, [])
    assert translated(book, "fr") == (book, [])  # no French at all: the playbook as it is


def test_lint_lists_missing_and_stale_translations(home: Path) -> None:
    text = with_block("  fr:\n" + entry("title", "Petit")
                      + entry("steps.sorry.title", "Excusez-vous", english="Apologise"))
    path = home / "small.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("lint", str(path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    # (each located where its text starts: the language's first entry, the entry's text)
    block_line = text.splitlines().index("  fr:") + 2
    stale_line = text.splitlines().index("    steps.sorry.title:") + 2
    assert f"{path}:{stale_line}:7: translation-stale: translations.fr.steps.sorry.title: " \
           "stale: the English changed since it was translated (source now " \
           f"{digest('Say sorry')}): 'Say sorry'" in lines
    missing = [line for line in lines if "translation-missing" in line]
    assert [m.split("no translation of ")[1].split(" ")[0] for m in missing] == [
        "fields.customer.prompt", "steps.sorry.say.1", "steps.sorry.say.2", "steps.2.title"]
    assert missing[0] == (f"{path}:{block_line}:5: translation-missing: translations.fr: no "
                          "translation of fields.customer.prompt (source "
                          f"{digest(chr(84) + 'he customer' + chr(39) + 's name')}): "
                          "\"The customer's name\"")
    # The English changes: the French made from the old text is stale.
    path.write_text(text.replace("title: Small", "title: Smaller"), encoding="utf-8")
    assert "translations.fr.title: stale" in run("lint", str(path)).stdout


@pytest.mark.parametrize("block, where, message", [
    ("  en:\n" + "    title: {text: x, source: 00000000}\n", "translations.en",
     "'en' is the playbook's own language"),
    ("  Spanish:\n    title: {text: x, source: 00000000}\n", "translations.Spanish",
     "'Spanish' is not a language code"),
    ("  es:\n    steps.3.title: {text: x, source: 00000000}\n", "translations.es.steps.3.title",
     "'steps.3.title' names no text of this playbook; did you mean 'steps.2.title'?"),
    ("  es:\n    title: Pequeño\n", "translations.es.title",
     "expected {text: ..., source: ...}"),
    ("  es:\n    title: {text: x, source: abc}\n", "translations.es.title.source",
     "'abc' is not a source hash: 8 hex digits"),
    ("  es:\n    title: {text: x}\n", "translations.es.title", "missing required key 'source'"),
    ("  es:\n    title: {text: x, source: 00000000, note: y}\n", "translations.es.title.note",
     "unknown key 'note'"),
    ("  es:\n    steps.sorry.say.1: {text: '{cliente}, lo siento', source: 00000000}\n",
     "translations.es.steps.sorry.say.1.text", "placeholder '{cliente}' names no field"),
    ("  - es\n", "translations", "expected a mapping"),
])
def test_a_bad_translations_block_is_located(tmp_path: Path, block: str, where: str,
                                             message: str) -> None:
    text = with_block(block)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlaybookError) as caught:
        load_playbook(str(path))
    found = [p for p in caught.value.problems if p.path == where]
    assert found and message in found[0].message, caught.value.problems
    assert found[0].file == str(path) and found[0].line > len(BOOK.splitlines())
    result = run("validate", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(rf"^{re.escape(str(path))}:\d+:\d+: {re.escape(where)}: ", result.stdout,
                     re.MULTILINE)


def test_the_schema_takes_the_block_and_refuses_bad_keys() -> None:
    import jsonschema
    import yaml

    from recoverycli.playbooks.schema import playbook_schema

    schema = playbook_schema()
    hyken = yaml.safe_load((ROOT / "playbooks" / "hyken.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(hyken, schema)
    for bad in ({"en": {}}, {"es": {"steps": {}}}, {"es": {"title": {"text": "x"}}},
                {"es": {"title": {"text": "x", "source": "zz"}}}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**hyken, "translations": bad}, schema)
    assert json.loads((ROOT / "playbook.schema.json").read_text()) == schema


# --- the built-in hyken in Spanish ---------------------------------------------------------

HYKEN = load_playbook(str(ROOT / "playbooks" / "hyken.yaml"))
SPANISH = [t.text for t in HYKEN.translations if t.lang == "es"]
# The informal second person (tú), which a Spanish-speaking customer would hear as too
# familiar from an agent: its pronouns and the common verb forms of these lines.
TU = re.compile(r"\b(tú|te|ti|tu|tus|contigo|cuéntame|dime|puedes|quieres|tienes|estás|"
                r"has|vienes|vuelves|lamento lo que te)\b", re.IGNORECASE)


def test_hyken_is_wholly_in_spanish_and_up_to_date() -> None:
    assert [g for g in gaps(HYKEN)] == []
    assert translated(HYKEN, "es")[1] == []


def test_hyken_speaks_to_the_customer_as_usted() -> None:
    says = [t.text for t in HYKEN.translations if ".say." in t.key]
    assert len(says) == 7
    assert not [s for s in says if TU.search(s)]
    assert any(re.search(r"\b(le|usted|cuénteme)\b", s) for s in says)
    assert not [s for s in SPANISH if TU.search(s)]  # the agent too is spoken to as usted


BUILT_INS = {name: load_playbook(str(ROOT / "playbooks" / f"{name}.yaml"))
             for name in ("hyken", "heal", "saxena")}


@pytest.mark.parametrize("name", sorted(BUILT_INS))
def test_every_built_in_is_wholly_in_spanish_up_to_date_and_says_usted(name: str) -> None:
    playbook = BUILT_INS[name]
    assert [g for g in gaps(playbook)] == []
    assert translated(playbook, "es")[1] == []
    spanish = [t.text for t in playbook.translations if t.lang == "es"]
    assert len(spanish) == len(source_texts(playbook))
    assert not [s for s in spanish if TU.search(s)]


@pytest.mark.parametrize("name", sorted(BUILT_INS))
def test_a_quotation_in_spanish_is_the_source_s_english_or_marked_as_our_translation(
        name: str) -> None:
    playbook = BUILT_INS[name]
    english = source_texts(playbook)
    for t in playbook.translations:
        quotes = re.findall(r"«([^»]+)»", t.text)
        for quote in quotes:
            if quote not in english[t.key] and "traducción nuestra" not in t.text:
                raise AssertionError(f"{name} {t.key}: «{quote}» is neither the English "
                                     "words nor marked as our translation")
        if quotes and '"' in english[t.key] and "In " in english[t.key]:
            assert "Según" in t.text or "cita" in t.text, t.key  # still credited


@pytest.mark.parametrize("name", sorted(BUILT_INS))
def test_hyken_spanish_marks_our_reading_where_the_english_does(name: str) -> None:
    playbook = BUILT_INS[name]
    english = source_texts(playbook)
    for t in playbook.translations:
        assert t.text.startswith("(Nuestra interpretación)") == english[t.key].startswith(
            "(Our reading)"), t.key


def test_hyken_spanish_keeps_the_quotations_and_credits_exact() -> None:
    """A quoted title or term is the source's own words (in English, credited)."""
    english = " ".join(source_texts(HYKEN).values())
    for text in SPANISH:
        for quote in re.findall(r'"([^"]+)"|«([^»]+)»', text):
            quote = quote[0] or quote[1]
            assert quote in english, quote
    do = next(t.text for t in HYKEN.translations if t.key == "steps.4.do.2")
    assert "«bring-back factor»" in do and "Tom Borg" in do


def test_run_lang_es_runs_the_spanish_text_and_the_screens_stay_english(home: Path) -> None:
    answers = home / "a.yaml"
    answers.write_text("fields:\n  customer: Núñez\nsteps:\n  - {status: done}\n",
                       encoding="utf-8")
    result = run("run", "hyken", "--answers", str(answers), "--lang", "es")
    assert result.returncode == 0, result.stderr
    assert "[x] 1. Pida disculpas por el problema - done" in result.stdout
    assert "Steps:" in result.stdout and "El nombre del cliente: Núñez" in result.stdout
    spanish_ui = run("run", "hyken", "--answers", str(answers), env={"LANG": "es_ES.UTF-8"})
    assert "Pida disculpas por el problema" in spanish_ui.stdout


def test_show_in_spanish_and_a_partial_translation_says_so(home: Path) -> None:
    out = run("show", "hyken", env={"LANG": "es_ES.UTF-8"}).stdout
    assert "1. Pida disculpas por el problema" in out and "Diga:" in out
    assert "Apologize for the problem" not in out
    assert "Apologize for the problem" in run("show", "hyken").stdout
    path = home / "small.yaml"
    path.write_text(with_block("  es:\n" + entry("title", "Pequeño")), encoding="utf-8")
    result = run("show", str(path), "--lang", "es")
    assert "Pequeño" in result.stdout and "[en] Say sorry" in result.stdout
    assert result.stderr == ("5 texts of this playbook have no translation into Spanish yet: "
                             "shown in English, marked [en]\n")


def test_a_language_the_playbook_lacks_is_said_not_passed_over(home: Path) -> None:
    result = run("show", "saxena", "--lang", "fr")
    assert result.returncode == 0 and "Six steps" in result.stdout
    assert result.stderr == "this playbook has no translation into French: shown in English\n"
    assert run("show", "saxena").stderr == ""  # asked for nothing: nothing to say
    answers = home / "a.yaml"
    answers.write_text("steps: []\n", encoding="utf-8")
    ran = run("run", "saxena", "--answers", str(answers), "--no-save", "--lang", "pt")
    assert "no translation into Portuguese: shown in English" in ran.stderr


def test_a_new_playbook_from_a_translated_one_lints_clean(tmp_path: Path) -> None:
    """Newcomer: `recover new late-delivery --from hyken --title ...` kept hyken's Spanish
    title, whose English had just changed, so `lint` failed on a file nobody had touched.
    A new playbook starts in English: the source's translations are left out."""
    from conftest import run

    env = {"RECOVER_CONFIG_DIR": str(tmp_path / "config"),
           "RECOVER_DATA_DIR": str(tmp_path / "data")}
    made = run("new", "late-delivery", "--from", "hyken", "--title", "Late delivery",
               "--to", str(tmp_path / "team"), env=env)
    assert made.returncode == 0, made.stderr
    linted = run("lint", str(tmp_path / "team" / "late-delivery.yaml"), env=env)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    assert "translation-stale" not in linted.stdout
    text = (tmp_path / "team" / "late-delivery.yaml").read_text(encoding="utf-8")
    assert "translations:" not in text and "Pida disculpas" not in text
    assert "steps:" in text and "Apologize" in text


def test_the_french_example_a_team_lead_starts_from_lints_what_is_left(
        home: Path, tmp_path: Path) -> None:
    """examples/late-delivery.yaml: French begun (two strings) and one stale line; lint
    lists each missing string with the hash to write, and the list shrinks as they go."""
    example = ROOT / "examples" / "late-delivery.yaml"
    result = run("lint", str(example))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    missing = [line for line in lines if ": translation-missing: translations.fr:" in line]
    stale = [line for line in lines if ": translation-stale: translations.fr." in line]
    assert len(missing) == 11 and len(stale) == 1, result.stdout
    assert "late-delivery.yaml:44:7: translation-stale: translations.fr.steps.apologise.say.1" \
        in stale[0] and "(source now e8a84f40)" in stale[0]
    assert any("no translation of steps.fix.title (source da6f8cef): 'Put it right'" in line
               for line in missing)
    # the lead translates one, with the hash lint gave: that line goes, the others stay
    copy = tmp_path / "late-delivery.yaml"
    copy.write_text(example.read_text(encoding="utf-8") + (
        '    steps.fix.title:\n      text: "Réparez"\n      source: "da6f8cef"\n'),
        encoding="utf-8")
    again = run("lint", str(copy))
    assert "steps.fix.title" not in again.stdout
    assert again.stdout.count("translation-missing") == 10
    shown = run("show", str(copy), "--lang", "fr")
    assert "Une livraison arrivée en retard" in shown.stdout and "Réparez" in shown.stdout
