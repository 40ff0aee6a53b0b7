"""Summaries in the customer's language (issue 23): `run --summary-lang es` writes the
ticket's summary, the follow-up's words and `history ID` in Spanish while the screens stay
in the agent's language; a language recover has no catalogue for is refused."""

from __future__ import annotations

from pathlib import Path

from conftest import run

ANSWERS = ('fields:\n  customer: Íñigo Núñez\nsteps:\n  - {status: done, note: "esperó dos '
           'horas"}\n  - {status: skip}\n')


def _answers(home: Path) -> str:
    path = home / "a.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return str(path)


def test_summary_lang_es_writes_the_summary_in_spanish_and_the_screens_stay_english(
        home: Path) -> None:
    result = run("run", "hyken", "--answers", _answers(home), "--summary-lang", "es",
                 "--follow-up", "2026-12-11 15:00", env={"LANG": "C.UTF-8"})
    assert result.returncode == 0, result.stderr
    summary = result.stdout
    for spanish in ("Recuperación del cliente: Siete estrategias para recuperar al cliente "
                    "(hyken), según Shep Hyken", "Pasos:",
                    "[x] 1. Pida disculpas por el problema - hecho",
                    "    nota: esperó dos horas", "[-] 2. Reconozca el problema - saltado",
                    "Seguimiento: 2026-12-11 15:00 (vie 11 dic 2026 a las 15:00)",
                    "El nombre del cliente: Íñigo Núñez"):
        assert spanish in summary, summary
    for english in ("Service recovery", "Steps:", "note:", "Follow-up", "Apologize"):
        assert english not in summary, summary
    # the screens (stderr when stdout is not a terminal) are the agent's, in English
    assert "Checklist - Seven service recovery strategies" in result.stderr
    assert "Summary for the ticket:" in result.stderr


def test_history_of_a_spanish_summary_session_is_spanish_and_without_it_english(
        home: Path) -> None:
    run("run", "hyken", "--answers", _answers(home), "--summary-lang", "es",
        env={"LANG": "C.UTF-8"})
    run("run", "hyken", "--answers", _answers(home), env={"LANG": "C.UTF-8"})
    listed = run("history", "--json", env={"LANG": "C.UTF-8"})
    import json

    ids = [row["id"] for row in json.loads(listed.stdout)]
    assert len(ids) == 2
    shown = {sid: run("history", sid, env={"LANG": "C.UTF-8"}).stdout for sid in ids}
    spanish = [text for text in shown.values() if "Recuperación del cliente:" in text]
    english = [text for text in shown.values() if "Service recovery: " in text]
    assert len(spanish) == 1 and len(english) == 1, shown


def test_summary_lang_en_under_a_spanish_interface_writes_english(home: Path) -> None:
    result = run("run", "hyken", "--answers", _answers(home), "--summary-lang", "en",
                 env={"LANG": "es_ES.UTF-8"})
    assert result.returncode == 0, result.stderr
    assert "Service recovery: Seven service recovery strategies" in result.stdout
    assert "Pasos:" not in result.stdout and "Steps:" in result.stdout
    assert "Lista de verificación" in result.stderr  # the agent's screens: Spanish


def test_a_summary_language_without_a_catalogue_is_refused_in_one_line(home: Path) -> None:
    result = run("run", "hyken", "--answers", _answers(home), "--summary-lang", "xx")
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "--summary-lang xx: no such language here (languages: en, es)" in result.stderr
    assert "Traceback" not in result.stderr


def _spanish_session(home: Path) -> str:
    import json

    run("run", "hyken", "--answers", _answers(home), "--summary-lang", "es",
        "--follow-up", "2026-12-11 15:00", env={"LANG": "C.UTF-8"})
    return str(json.loads(run("history", "--json").stdout)[0]["id"])


def test_exports_of_a_spanish_summary_session_are_spanish(home: Path) -> None:
    sid = _spanish_session(home)
    md = run("export", sid, "--format", "md", env={"LANG": "C.UTF-8"}).stdout
    assert md.startswith("# Recuperación del cliente: Siete estrategias para recuperar al "
                         "cliente (según Shep Hyken)"), md
    for spanish in ("## Caso", "## Pasos", "1. Pida disculpas por el problema (hecho",
                    "  - nota: esperó dos horas", "## Seguimiento",
                    "2026-12-11 15:00 (vie 11 dic 2026 a las 15:00)"):
        assert spanish in md, md
    page = run("export", sid, "--format", "html", env={"LANG": "C.UTF-8"}).stdout
    assert "<html lang=es>" in page and "<h2>Pasos</h2>" in page, page[:400]
    assert "<title>Recuperación del cliente " in page
    ics = run("export", sid, "--format", "ics", env={"LANG": "C.UTF-8"}).stdout
    assert "SUMMARY:Seguimiento con Íñigo Núñez" in ics, ics
    english = run("export", sid, "--format", "md", "--lang", "en", env={"LANG": "C.UTF-8"})
    assert "## Steps" in english.stdout and "## Pasos" not in english.stdout


def test_an_english_session_exported_with_lang_es_has_spanish_labels(home: Path) -> None:
    run("run", "hyken", "--answers", _answers(home), env={"LANG": "C.UTF-8"})
    import json

    sid = json.loads(run("history", "--json").stdout)[0]["id"]
    page = run("export", sid, "--format", "html", "--lang", "es").stdout
    assert "<html lang=es>" in page and "<h2>Caso</h2>" in page
    plain = run("export", sid, "--format", "html", env={"LANG": "C.UTF-8"}).stdout
    assert "<html lang=en>" in plain and "<h2>Case</h2>" in plain
    bad = run("export", sid, "--lang", "xx")
    assert bad.returncode == 2 and "--lang xx: no such language here" in bad.stderr
