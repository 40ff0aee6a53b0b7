"""The coach says what it reads (issue 23): a phrase that is not English is said to be so,
in one line, by check, the live coach and practice scoring, instead of passed as clean.
The language is read from the text, never from --lang."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run
from recoverycli.playbooks.catalog import load_catalog
from recoverycli.playbooks.model import load_playbook
from recoverycli.playbooks.translations import source_texts
from recoverycli.practice.engine import NOT_ENGLISH, Coach
from recoverycli.practice.language import reads_as
from recoverycli.practice.scenarios import load_scenario
from recoverycli.practice.scoring import any_scored, assess, overall

HYKEN = load_playbook(str(ROOT / "playbooks" / "hyken.yaml"))
PROSE = (".why", ".do.", ".say.", ".avoid.")  # sentences, not titles of three words


def _english() -> list[str]:
    """Every English line the project ships that a coach reads: the playbooks' prose and
    the scenarios' customer lines and best answers."""
    lines = []
    for path in sorted((ROOT / "playbooks").glob("*.yaml")):
        book = load_playbook(str(path))
        lines += [t for k, t in source_texts(book).items() if any(p in k for p in PROSE)]
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for step in (data.get("steps") or {}).values():
            lines += [str(step.get("says", "")), str(step.get("best", ""))]
    return [line for line in lines if line.strip()]


def test_every_spanish_line_of_hyken_reads_as_spanish() -> None:
    spanish = [t.text for t in HYKEN.translations if any(p in t.key for p in PROSE)]
    assert len(spanish) > 30
    assert [line for line in spanish if reads_as(line) is None] == []
    assert {r.lang for line in spanish if (r := reads_as(line))} == {"es"}


def test_no_english_line_the_project_ships_reads_as_another_language() -> None:
    english = _english()
    assert len(english) > 80
    assert [line for line in english if reads_as(line) is not None] == []


@pytest.mark.parametrize("phrase, lang", [
    ("Lo siento mucho, ya le envío otro pedido.", "es"),
    ("¿Me lo puede repetir?", "es"),
    ("lo siento", "es"),
    ("Je suis désolé, nous avons perdu votre commande.", "fr"),
    ("Es tut mir leid, das ist unser Fehler.", "de"),
    ("I'm sorry, we lost your order.", None),
    ("Hola Ana, I'm so sorry about the delay.", None),  # a greeting is not a language
    ("José, I'm sorry - that was our mistake.", None),  # nor is a name with an accent
    # a greeting, a title and a name with its accents do not make English Spanish: the
    # phrase went unchecked (a red team)
    ("Hola Señora García, calm down, it's not a big deal.", None),
    ("Buenos días Sr. Pérez, we're sorry about the delay.", None),
    ("Señora García, lo siento mucho.", "es"),
    # Italian and Dutch were passed as clean; French with its é's and Portuguese read as
    # Spanish (a red team)
    ("Ci dispiace molto per il ritardo del suo ordine.", "it"),
    ("Het spijt ons dat uw bestelling te laat is.", "nl"),
    ("Nous sommes désolés pour le retard de votre commande.", "fr"),
    ("Pedimos desculpa pelo atraso da sua encomenda.", "pt"),
    ("Ciao Marco, sorry about the delay, it is on its way.", None),
    # a foreign greeting or closing round an English sentence: the English is checked
    ("Merci beaucoup, bonne journée, as per policy we cannot refund.", None),
    ("Perdón, perdón, perdón, you did pick the wrong date.", None),
    ("Désolé pour le dérangement, we apologise for any inconvenience.", None),
    ("", None),
])
def test_reads_as(phrase: str, lang: str | None) -> None:
    found = reads_as(phrase)
    assert (found.lang if found else None) == lang


def test_check_says_so_in_one_line_instead_of_passing_it(home: Path) -> None:
    result = run("check", "Lo siento mucho, señora, ya le envío otro pedido hoy.")
    assert result.returncode == 0, result.stderr  # a question, not a verdict
    assert "ok:" not in result.stdout
    said = [line for line in result.stdout.splitlines() if "English only" in line]
    assert said == ["    ask: Reads as Spanish: the coach reads English only, so not checked."]
    record = json.loads(run("check", "--json", "Disculpe las molestias, señora").stdout)
    assert [f["rule"] for f in record["findings"]] == [NOT_ENGLISH]
    # Detected from the text, not from the interface's language.
    assert run("check", "I'm sorry, we lost your order.", env={"LANG": "es_ES.UTF-8"}
               ).stdout.startswith("bien: ")  # check's frame in the reader's language
    spanish_ui = run("check", "Lo siento mucho, señora.", env={"LANG": "es_ES.UTF-8"}).stdout
    assert ("pregunta: Parece estar en español: el entrenador solo lee inglés, así que no se ha "
            "revisado.") in " ".join(spanish_ui.split())


def test_practice_scoring_says_so_too() -> None:
    catalog = load_catalog(write_cache=False)
    book = load_playbook(str(ROOT / "playbooks" / "heal.yaml"))
    scenario = load_scenario(str(ROOT / "scenarios" / "lost-reservation.yaml"), catalog)
    result = assess(Coach(), book, scenario, "humility",
                    "Lo siento muchísimo, señora: le dimos su mesa a otra persona.")
    # Said in one line, and scored not at all rather than with a misleading number.
    assert not result.scored
    assert result.notes == ("Reads as Spanish: the coach reads English only, so not "
                            "checked.",)
    assert result.findings == () and result.as_dict()["score"] is None
    english = assess(Coach(), book, scenario, "humility",
                     "I'm so sorry, we gave your table away and that was our mistake.")
    assert english.scored and overall([result, english]) == english.score
    assert not any_scored([result]) and overall([result]) == 0


@pytest.mark.parametrize("text", [
    "Извините, это политика компании",
    "عذرا، هذه سياسة الشركة",
    "申し訳ございません、会社の方針です",
    "माफ़ कीजिए, यह कंपनी की नीति है",
    "Συγγνώμη, είναι πολιτική της εταιρείας",
])
def test_a_phrase_in_another_script_is_said_to_be_another_language(text: str) -> None:
    """A red team (issue 20): Russian, Arabic, Hindi and Japanese passed as clean ("ok:",
    exit 0) - a sorry-it's-policy among them. A phrase mostly in a script English is not
    written in reads as another language, a question like Spanish's."""
    reading = reads_as(text)
    assert reading is not None and reading.lang == "other"
    [finding] = Coach().check(text)
    assert finding.unsure and "another language" in finding.why
    assert reads_as("Sorry, that's our policy (政策)") is None  # English, a word aside


def test_nothing_on_stdin_is_nothing_to_check() -> None:
    """`recover check -` with nothing but blank lines printed nothing and exited 0, while
    `recover check ""` is a usage error (a red team)."""
    for given in ("", "\n  \n"):
        result = run("check", "-", input=given)
        assert result.returncode == 2 and "nothing to check" in result.stderr


def test_a_spanish_greeting_does_not_hide_english_wording_from_the_coach() -> None:
    findings = Coach().check("Hola Señora García, calm down, it's not a big deal.")
    assert {f.rule for f in findings if not f.unsure} == {"telling-feelings"}
