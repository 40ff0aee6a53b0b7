"""The team report in Spanish (issue 23): ``report --lang es`` in every format, the
interface's language by default, the report stating its language, the HTML page's
``lang``, Spanish counts, dates and percentages, and no English words of the report's own
(step titles and customer names are data, in the language they were written in)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import run
from report_seed import seed

# the report's own English words: any of them in a Spanish report is a string not translated
ENGLISH = re.compile(r"\b(Team report|Period|Filters|Store|Made|Not counted|Language|"
                     r"sessions?|finished|median|Came back|came back|Follow-ups?|follow-ups|"
                     r"kept|on time|late|Sessions per|Steps, in|Most skipped|Branches|"
                     r"Outcomes|Wrap-up|Practice by|Return rate|Week by week|week of|"
                     r"Overdue|days late|rows shown|none yet|live calls only|rehearsals?|"
                     r"practice attempts?|missed|upcoming|pending|closed|skipped|"
                     r"Percentages|too few|of \d)\b")
STEP_TITLES = re.compile(r"\d+\. [A-Z][^|\n]*?(?=\s{2,}|\s*\||$)", re.M)


def _english_left(text: str) -> list[str]:
    text = STEP_TITLES.sub("", text)  # the playbooks' own text (data)
    text = re.sub(r"Customer \d+|\S*sessions\.db", "", text)
    text = text.replace("recover report --format md, html o json", "")
    text = text.replace("--include-rehearsals", "")
    return sorted(set(ENGLISH.findall(text)))


@pytest.fixture
def seeded(home: Path) -> Path:
    seed(200)
    return home


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_report_lang_es_in_every_format(seeded: Path, fmt: str) -> None:
    done = run("report", "--lang", "es", "--format", fmt, env={"COLUMNS": "120"})
    assert done.returncode == 0, done.stderr
    out = done.stdout
    if fmt == "json":
        data = json.loads(out)
        assert data["lang"] == "es"
        assert "sessions" in data and "by_agent" in data  # keys stay English
        return
    assert "Informe del equipo" in out and "Sesiones por guion" in out
    assert "Idioma" in out and "español" in out  # it says its language
    assert re.search(r"\d+ de \d+ volvieron \(\d+\u00a0%\)", out)  # counts and 62 %
    assert re.search(r"\b\d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept|oct|nov|dic) \d{4}",
                     out)  # dates day first
    if fmt == "html":
        assert '<html lang=es>' in out
        out = re.sub(r"<[^>]+>", " ", out)
        out = re.sub(r"<svg.*?</svg>", " ", out, flags=re.S)
    assert _english_left(out) == [], _english_left(out)


def test_the_interface_language_decides_and_lang_overrides(seeded: Path) -> None:
    spanish = run("report", env={"LANG": "es_ES.UTF-8", "COLUMNS": "120"}).stdout
    assert "Informe del equipo" in spanish and "Idioma: español" in spanish
    english = run("report", "--lang", "en", env={"LANG": "es_ES.UTF-8", "COLUMNS": "120"})
    assert "Team report" in english.stdout and "Language: English" in english.stdout
    assert "Informe" not in english.stdout
    plain = run("report", env={"COLUMNS": "120"}).stdout
    assert "Team report" in plain and "Language: English" in plain
    html = run("report", "--format", "html", env={"COLUMNS": "120"}).stdout
    assert "<html lang=en>" in html


def test_an_unknown_report_language_is_one_line(home: Path) -> None:
    done = run("report", "--lang", "klingon")
    assert done.returncode == 2
    assert "--lang klingon" in done.stderr and "Traceback" not in done.stderr


def test_an_empty_report_in_spanish(home: Path) -> None:
    out = run("report", "--lang", "es").stdout
    assert "Ninguna sesión coincide" in out and "Nada que informar." in out
    assert _english_left(out) == []


def num(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@pytest.mark.parametrize("count", [0, 1, 2, 1_000_000])
def test_the_reports_counts_agree_in_spanish(count: int) -> None:
    from recoverycli.i18n import speaking
    from recoverycli.report.model import rate
    from recoverycli.report.words import rate_words

    with speaking("es"):
        came = rate_words(rate(count, max(count, 1)), "came back")
        kept = rate_words(rate(count, max(count, 1)), "kept")
    from recoverycli.report.words import headline

    with speaking("es"):
        said = headline({"sessions": count, "finished": count, "median_call_seconds": 65,
                         "outcomes": {"came_back": rate(count, max(count, 1))},
                         "follow_ups_kept": {**rate(count, max(count, 1)), "on_time": count,
                                             "late": 0}})
    finished = "1 terminada" if count == 1 else f"{num(count)} terminadas"
    assert said.startswith(f"{num(count)} {'sesión' if count == 1 else 'sesiones'}, "
                           f"{finished}, llamada mediana 1 min 05 s.")  # each agrees with its own
    if count == 0:
        assert came == "0 de 1 volvieron" and kept == "0 de 1 cumplidos"
    elif count == 1:
        assert came == "1 de 1 volvió" and kept == "1 de 1 cumplido"
    elif count == 2:
        assert came == "2 de 2 volvieron"
    else:
        assert came == "1.000.000 de 1.000.000 volvieron (100\u00a0%)"
        assert kept == "1.000.000 de 1.000.000 cumplidos (100\u00a0%)"


def test_the_spanish_page_lays_out_at_desktop_and_phone_widths(seeded: Path) -> None:
    """Spanish headers are longer than English ones ("seguimientos cumplidos",
    "incumplidos"): at 400 px the agents' table must still fit, nothing cut, and the
    charts stay readable (measured in Chromium, as test_report_page does for English)."""
    from test_report_page import chromium, layout

    browser = chromium()
    page = seeded / "equipo.html"
    done = run("report", "--lang", "es", "--format", "html", "-o", str(page))
    assert done.returncode == 0, done.stderr
    for width in (1200, 400):
        measured = layout(browser, page, width, seeded)
        assert width - 20 <= measured["width"] <= width  # less a scrollbar
        assert measured["cut"] == [] and measured["overflows"] is False, (width, measured)
        assert measured["tables"] == measured["headed"] and measured["tables"] >= 8
        assert measured["minFont"] >= 11, measured["minFont"]


def test_spanish_headers_break_between_syllables_and_english_ones_do_not() -> None:
    """On a phone a narrow column breaks a Spanish header at a soft hyphen between two
    syllables ("segui-mientos"), never mid-syllable ("seguimie / ntos")."""
    from recoverycli.i18n import speaking
    from recoverycli.report.html import _soft_hyphens

    with speaking("es"):
        cut = {w: _soft_hyphens(w).replace("&shy;", "-") for w in (
            "seguimientos cumplidos", "incumplidos", "sesiones", "volvieron",
            "días de retraso", "simulaciones", "asignaciones aprobadas a tiempo")}
    assert cut == {"seguimientos cumplidos": "se-gui-mien-tos cum-pli-dos",
                   "incumplidos": "in-cum-pli-dos", "sesiones": "se-sio-nes",
                   "volvieron": "vol-vie-ron", "días de retraso": "días de retraso",
                   "simulaciones": "si-mu-la-cio-nes",
                   "asignaciones aprobadas a tiempo": "asig-na-cio-nes apro-ba-das a tiempo"}
    with speaking("en"):
        assert _soft_hyphens("assignments passed by the date") == \
            "assignments passed by the date"


def test_when_it_was_made_and_median_times_read_as_a_spanish_reader_writes_them(
        seeded: Path) -> None:
    spanish = run("report", "--lang", "es", "--format", "md").stdout
    made = re.search(r"- \*\*Generado:\*\* (.*)", spanish)
    assert made and re.fullmatch(r"\d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept|oct|nov|dic) "
                                 r"\d{4}, \d\d:\d\d \S+ por recover \S+", made.group(1)), made
    assert re.search(r"\d+ min \d\d s", spanish) and not re.search(r"\b\d+m\d\ds\b", spanish)
    english = run("report", "--format", "md").stdout  # as it always was
    assert re.search(r"- \*\*Made:\*\* \d{4}-\d\d-\d\d \d\d:\d\d \S+ by recover ", english)
    assert re.search(r"\b\d+m\d\ds\b", english)
