"""The team report in Spanish (issue 23): `report --lang es` in text, md, html and json,
every report stating its language, the interface's language as the default, the counts'
plural forms at 0, 1, 2 and 1,000,000, the page laid out in Chromium at desktop and phone
widths; and sync, forget and retention speaking Spanish under LANG=es_ES.UTF-8."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, run
from report_seed import seed

ES = {"LANG": "es_ES.UTF-8"}

# English a Spanish report must not hold (word boundaries: "agente" is not "agent").
ENGLISH = re.compile(
    r"\b(the|of|and|sessions?|follow-ups?|came|back|skipped|kept|late|missed|weeks?|"
    r"period|filters|store|made|team|agents?|percentages|median|times|rows|shown|others?|"
    r"outcomes?|steps?|lost|pending|upcoming|wrap-up|practice|language|none|yet|count|"
    r"closed|taken|customers?|due|days|report|English|Spanish|rehearsals?|live|calls?|"
    r"by|per|in|on|to|from|up|first|most)\b")


def allowed(text: str) -> str:
    """``text`` without what is data, not interface: the playbooks' step titles, the
    seeded customers and agents, ids, the store's path and the command's own name."""
    import yaml

    text = " ".join(text.split())
    for book in ("hyken", "heal", "saxena"):
        doc = yaml.safe_load((ROOT / "playbooks" / f"{book}.yaml").read_text())
        for step in doc["steps"]:
            text = text.replace(" ".join(str(step["title"]).split()), " ")
    text = re.sub(r"Customer \d+|Priya\s*Ramachandran-?\s*Whitfield|/[\w./\\-]+sessions\.db",
                  " ", text)
    return re.sub(r"recover (report|\d)|--include-rehearsals|--format", " ", text)


def english_in(text: str) -> list[str]:
    return sorted(set(ENGLISH.findall(allowed(text))))


def page_text(page: str) -> str:
    """What a reader sees of an HTML page: the text of its elements, the charts' too."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page)).replace("\u00ad", "")  # &shy;


@pytest.fixture
def seeded(home: Path) -> Path:
    seed(120)
    return home


def test_report_lang_es_is_spanish_in_every_format(seeded: Path) -> None:
    text = run("report", "--lang", "es", env={"COLUMNS": "120"})
    assert text.returncode == 0, text.stderr
    out = text.stdout
    for label in ("Informe del equipo", "Periodo: ", "Filtros: solo llamadas reales",
                  "Idioma: español (es)", "Sesiones por guion", "Seguimientos atrasados (",
                  "Pasos, en el orden del guion", "semana del", "Tasa de regreso por guion",
                  "Los porcentajes se muestran a partir de 10 casos", "volvieron",
                  "mediana por llamada"):
        assert label in out, label
    assert re.search(r"\d+ sesiones, \d+ terminadas", out)
    assert re.search(r"\(\d+\u00a0%\)", out)  # 58 %, the space that does not break
    assert re.search(r"\b\d{1,2} (oct|nov|dic) 2026\b", out)  # weeks day first
    assert not re.search(r"\d{4}-\d\d-\d\d", out)  # no ISO dates left for a reader
    assert english_in(out) == [], english_in(out)

    md = run("report", "--lang", "es", "--format", "md").stdout
    assert md.startswith("# Informe del equipo") and "- **Idioma:** español (es)" in md
    assert "## Semana a semana (las semanas empiezan el lunes)" in md
    assert "| semana del | sesiones | seguimientos cumplidos | volvieron |" in md
    assert english_in(md) == [], english_in(md)

    page = run("report", "--lang", "es", "--format", "html").stdout
    assert page.startswith("<!DOCTYPE html>\n<html lang=es>")
    assert "<meta name=language content=es>" in page
    assert "<title>Informe del equipo</title>" in page
    assert "<dt>Idioma</dt><dd>español (es)</dd>" in page
    assert "<figcaption>Tiempo mediano por paso, en segundos</figcaption>" in page
    assert "<h2>Seguimientos</h2>" in page and "clientes recuperados" in page
    assert english_in(page_text(page)) == [], english_in(page_text(page))

    data = json.loads(run("report", "--lang", "es", "--format", "json").stdout)
    assert data["lang"] == "es"
    assert {"scope", "by_playbook", "by_agent", "follow_ups", "trend", "outcomes"} <= set(data)
    assert data["trend"][0]["week"] == re.match(r"\d{4}-\d\d-\d\d", data["trend"][0]["week"])[0]


def test_an_empty_spanish_report_says_so_in_spanish(home: Path) -> None:
    data = json.loads(run("report", "--lang", "es", "--format", "json").stdout)
    assert data["lang"] == "es"
    assert data["message"].startswith("Ninguna sesión coincide: solo llamadas reales, "
                                      "todas las sesiones hasta el ")
    assert data["message"].endswith("Nada que informar.")


def test_the_interface_language_is_the_default_and_lang_en_overrides_it(seeded: Path
                                                                        ) -> None:
    spanish = run("report", "--format", "md", env=ES).stdout
    assert spanish.startswith("# Informe del equipo") and "**Idioma:** español (es)" in spanish
    english = run("report", "--format", "md", "--lang", "en", env=ES).stdout
    assert english.startswith("# Team report") and "**Language:** English (en)" in english
    assert "Sesiones" not in english and "## Sessions per playbook" in english
    page = run("report", "--format", "html", "--lang", "en", env=ES).stdout
    assert page.startswith("<!DOCTYPE html>\n<html lang=en>")
    assert json.loads(run("report", "--json", env=ES).stdout)["lang"] == "es"
    assert json.loads(run("report", "--json").stdout)["lang"] == "en"
    plain = run("report").stdout  # English, as it was, and saying its language
    assert "Language: English (en)" in plain and "Sessions per playbook" in plain
    assert re.search(r"\d+ of \d+ came back \(\d+%\)", plain)


def test_a_language_without_a_catalogue_is_one_line_exit_2(home: Path) -> None:
    bad = run("report", "--lang", "xx")
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.strip().splitlines() == [
        "recover: --lang xx: no such language here (languages: en, es)"]
    spanish = run("report", "--lang", "xx", env=ES)
    assert (spanish.returncode == 2 and "no existe ese idioma" in spanish.stderr) or \
        "--lang xx" in spanish.stderr


@pytest.mark.parametrize("n,es,en", [
    (0, "0 sesiones, 0 terminadas", "0 sessions, 0 finished"),
    (1, "1 sesión, 1 terminada", "1 session, 1 finished"),
    (2, "2 sesiones, 2 terminadas", "2 sessions, 2 finished"),
    (1_000_000, "1.000.000 sesiones, 1.000.000 terminadas", "1000000 sessions, 1000000 finished"),
])
def test_the_reports_counts_take_their_plural_forms(n: int, es: str, en: str) -> None:
    from recoverycli.i18n import speaking
    from recoverycli.report.model import headline, rate, rate_words, scope_lines

    data = {"sessions": n, "finished": n, "median_call_seconds": 65.0,
            "follow_ups_kept": {**rate(n, n), "on_time": n, "late": 0},
            "outcomes": {"came_back": rate(n, n)},
            "scope": {"period": {"since": None, "until": "2026-12-04", "asked": None},
                      "filters": {"agent": None, "team": None, "playbook": None},
                      "rehearsals_included": False, "store": "~/x.db",
                      "generated": "2026-12-04T14:03:00Z",
                      "generated_local": "2026-12-04 14:03 UTC", "version": "1"},
            "excluded": {"rehearsals": n, "practice": n}, "lang": "es"}
    with speaking("es"):
        said = headline(data)
        assert said.startswith(es + ", mediana por llamada 1 min 05 s."), said
        scope = dict(scope_lines(data))
        words = {
            "came back": rate_words(rate(n, n), "came back"),
            "kept": rate_words(rate(n, n), "kept"),
            "skipped": rate_words(rate(n, n), "skipped"),
            "times": rate_words(rate(n, n), "times"),
        }
    with speaking("en"):
        assert headline(data).startswith(en + ", median call 1m05s."), headline(data)
    count = {0: "0", 1: "1", 2: "2", 1_000_000: "1.000.000"}[n]
    one = n == 1
    assert scope["Sin contar"].startswith(
        f"{count} ensayo (--include-rehearsals lo cuenta)" if one else
        f"{count} ensayos (--include-rehearsals los cuenta)")
    assert (f"{count} intento de práctica" if one else f"{count} intentos de práctica") \
        in scope["Sin contar"]
    assert scope["Hecho"].startswith("4 dic 2026, ") and scope["Idioma"] == "español (es)"
    if n == 0:
        assert words == {"came back": "ninguno aún (sin resultados registrados)",
                         "kept": "0 cumplidos", "skipped": "0 saltados", "times": "0 veces"}
        return
    percent = " (100\u00a0%)" if n >= 10 else ""
    assert words["came back"] == (f"{count} de {count} volvió" if one else
                                  f"{count} de {count} volvieron") + percent
    assert words["kept"] == (f"{count} de {count} cumplido" if one else
                             f"{count} de {count} cumplidos") + percent
    assert words["times"] == (f"{count} de {count} vez" if one else
                              f"{count} de {count} veces") + percent
    assert words["skipped"] == words["times"]


def test_the_spanish_page_lays_out_at_desktop_and_phone_widths(seeded: Path) -> None:
    from test_report_page import chromium, layout

    browser = chromium()
    page = seeded / "equipo.html"
    result = run("report", "--lang", "es", "--format", "html", "-o", str(page))
    assert result.returncode == 0, result.stderr
    for width in (1200, 400):
        measured = layout(browser, page, width, seeded)
        assert measured["cut"] == [] and measured["overflows"] is False, (width, measured)
        assert measured["tables"] == measured["headed"] and measured["tables"] >= 8
        assert measured["minFont"] >= 11, measured["minFont"]


def test_forget_retention_and_sync_speak_spanish(seeded: Path) -> None:
    said = [
        run("forget", "--all", "--dry-run", env=ES),
        run("forget", env=ES),
        run("forget", "--all", env=ES),  # no terminal to confirm on
        run("forget", "--customer", "Nadie", env=ES),
        run("retention", "--days", "1", "--dry-run", env=ES),
        run("retention", "--days", "1", env=ES),
        run("sync", env=ES),
        run("sync", "--dry-run", env=ES),
    ]
    out = [" ".join((r.stdout + r.stderr).split()) for r in said]
    assert out[0].startswith("Se olvidarían 120 sesiones: ")
    assert "indique qué olvidar: un ID, --customer NAME, --older-than AGE o --all" in out[1]
    assert "olvidar 120 sesiones necesita confirmación: añada --yes" in out[2]
    assert out[3] == "Nada que olvidar."
    assert ("Se olvidarían" in out[4] and "sesiones e intentos de práctica de más de 1 días" \
        in out[4]) or "Se olvidaría 1 sesión" in out[4]
    assert "indique --dry-run (solo contar) o --apply (olvidarlas)" in out[5]
    assert "no hay almacén del equipo configurado" in out[6] and said[6].returncode == 2
    assert "no hay almacén del equipo configurado" in out[7]
    for text in out:
        left = re.sub(r"recover: |--\w[\w-]*|RECOVER_DATABASE_URL|database_url|config\.toml|"
                      r"\b[0-9a-f]{4,}\b|x\d{5}", " ", text)
        assert english_in(left) == [], (text, english_in(left))
    for args in (["forget", "--help"], ["report", "--help"], ["sync", "--help"],
                 ["retention", "--help"]):
        helped = run(*args, env={**ES, "COLUMNS": "200"}).stdout
        options = helped[helped.index("Opciones"):] if "Opciones" in helped else helped
        options = re.sub(r"--?\w[\w-]*|\b[A-Z]{2,}\b|\[[^\]]*\]|text\|md\|html\|json|"
                         r"\b\d+[dw]\b", " ", options)
        assert english_in(options) == [], (args, english_in(options))
