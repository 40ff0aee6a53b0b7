"""Practice in Spanish (issue 23): the scenarios' own text in a ``translations`` block
(stable keys, source hashes, English fallback per string), and what practice, quiz,
progress, spot and check print under LANG=es - scanned for English nobody asked for, the
coach's own English findings, ids and commands aside; an answer in Spanish is said in one
line and scored not at all; counts read right at 0, 1, 2 and 1,000,000."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from conftest import ROOT, run
from recoverycli import i18n
from recoverycli.errors import DocumentError
from recoverycli.playbooks.catalog import load_catalog
from recoverycli.practice.engine import Coach
from recoverycli.practice.scenarios import (
    gaps,
    load_scenario,
    localised,
    source_texts,
)

SPANISH = {"LANG": "es_ES.UTF-8"}
SCENARIOS = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))

# Words an English screen is made of and a Spanish one never shows ("a", "no", "me" and
# the like are words of both languages, so left out).
ENGLISH = {"the", "your", "you", "step", "steps", "press", "saved", "score", "model",
           "answer", "answers", "best", "practice", "practise", "attempt", "attempts", "over",
           "time", "scenario", "customer", "reacts", "not", "and", "with", "of", "is", "what",
           "why", "better", "said", "nothing", "sources", "warn", "against", "right",
           "question", "which", "order", "type", "letters", "quiz", "kind",
           "first", "last", "recent", "scores", "weakest", "average", "next", "yet", "spot",
           "mistakes", "found", "missed", "story", "playbook", "would", "have", "ok", "ask",
           "finding", "findings", "more", "this", "that", "role", "play", "from",
           "our", "invention", "overall", "scored", "reads", "only", "coach", "english"}


def english_in(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text) if w.lower() in ENGLISH}


def flat(text: str) -> str:
    return " ".join(text.split())


def without(text: str, allowed: Iterable[str]) -> str:
    """``text`` (wrapping undone) with each allowed string taken out: what the user typed,
    the coach's own English, ids and commands; then a line that is a piece of an allowed
    string (the rest of one scrolled off the top of a screen)."""
    pieces = sorted({flat(a) for a in allowed if a and a.strip()}, key=len, reverse=True)
    out = text
    for piece in pieces:  # matched across any wrapping, the terminal's mid-word one too
        out = re.sub(r"\s*".join(re.escape(ch) for ch in piece if not ch.isspace()),
                     " | ", out)
    out = "\n".join(line for line in out.split("\n")
                    if not (flat(line) and any(flat(line).strip('"“” -') in p
                                               for p in pieces)))
    return flat(out)


def coach_english(answers: Iterable[str]) -> list[str]:
    """The coach's findings on ``answers``: their words are English while the coach is."""
    coach = Coach()
    out: list[str] = []
    for answer in answers:
        at = 0
        for f in sorted(coach.check(answer), key=lambda f: f.start):
            out += [f.text, f.why, f.better, f.question, f"[{f.rule}]", f"[{f.rule}?]",
                    f.source or "", answer[at:f.start]]  # the answer, marked in pieces
            at = max(at, f.end)
        out.append(answer[at:])
    return out


IDS = [*SCENARIOS, "hyken", "heal", "saxena", "recover quiz", "recover progress",
       "recover practice", "--scenario", "--spot", "not-english"]


@pytest.fixture
def fresh() -> Iterator[None]:
    i18n.use()
    yield
    i18n.use()


# --- the scenarios' Spanish ------------------------------------------------------------


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_built_in_scenario_is_in_spanish_and_none_is_stale(name: str) -> None:
    scenario = load_scenario(str(ROOT / "scenarios" / f"{name}.yaml"),
                             load_catalog(write_cache=False))
    assert gaps(scenario, "es") == []
    seen = localised(scenario, "es")
    texts = source_texts(seen)
    assert texts.keys() == source_texts(scenario).keys()
    for key, text in texts.items():  # every string the trainee reads is Spanish
        assert not text.startswith("[en] "), key
        assert not english_in(text), (key, text)
    # The agent speaks to the customer as usted: no tú in the model answers.
    for step in seen.steps.values():
        assert not re.search(r"\b(tú|te|ti|tu|tus|contigo|puedes|quieres|tienes)\b",
                             step.best, re.IGNORECASE), step.best


def _copy(tmp_path: Path, edit: str = "", drop: str = "") -> Path:
    text = (ROOT / "scenarios" / "locked-keys.yaml").read_text(encoding="utf-8")
    if drop:  # an entry of the Spanish block taken out (its three lines)
        at = text.index(f"    {drop}:\n")
        end = text.index("\n", text.index("source:", at)) + 1
        text = text[:at] + text[end:]
    if edit:
        text = text.replace(edit, edit + " Now.")
    path = tmp_path / "locked-keys.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_translation_falls_back_to_english_marked_and_a_changed_english_is_stale(
        tmp_path: Path) -> None:
    path = _copy(tmp_path, edit="Okay. Thank you.", drop="steps.plan.says")
    scenario = load_scenario(str(path), load_catalog(write_cache=False))
    assert gaps(scenario, "es") == [("steps.plan.says", "missing"),
                                    ("steps.follow-up.says", "stale")]
    seen = localised(scenario, "es")
    assert seen.steps["plan"].says == "[en] We have viewings from ten o'clock!"
    assert seen.steps["plan"].best.startswith("Este es el plan")  # per string
    assert localised(scenario, "en") == scenario == localised(scenario, "fr")


def test_a_translation_of_no_text_is_a_located_error(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    text = path.read_text(encoding="utf-8").replace("    steps.plan.says:",
                                                    "    steps.plan.say:")
    path.write_text(text, encoding="utf-8")
    line = text.split("\n").index("    steps.plan.say:") + 1
    with pytest.raises(DocumentError) as caught:
        load_scenario(str(path), load_catalog(write_cache=False))
    said = str(caught.value)
    assert f"{path}:{line + 1}:7: translations.es.steps.plan.say: " in said, said  # its entry
    assert "'steps.plan.say' names no text of this scenario; did you mean " \
           "'steps.plan.says'?" in said, said


# --- practice under LANG=es --------------------------------------------------------------


ENGLISH_ANSWERS = [
    "Dana, I'm so sorry we charged you twice and then never called you back.",
    "Please take me through it from the start. When did you first see the second charge?",
    "I'm sorry again: we charged you twice and didn't call, and that's on us.",
    "I'm refunding the second charge today, and adding two months free when you renew.",
    "I understand why you're fed up - being charged twice is so frustrating.",
    "Calm down, it's only a refund and I'm putting it through right now for you.",
]
SPANISH_ANSWER = "La llamaré el viernes, señora, para comprobar que el reembolso ha llegado."


def _practise(home: Path, lines: list[str], *args: str,
              env: dict[str, str] | None = None) -> tuple[str, str]:
    answers = home / "answers.json"
    answers.write_text(json.dumps({"lines": lines}), encoding="utf-8")
    result = run("practice", "hyken", "--scenario", "phone-complaint", "--answers",
                 str(answers), *args, env=env if env is not None else SPANISH)
    assert result.returncode == 0, result.stderr
    return result.stdout, result.stderr


def test_practice_in_spanish_shows_no_english_but_the_coachs(home: Path) -> None:
    lines = [*ENGLISH_ANSWERS, SPANISH_ANSWER]
    out, err = _practise(home, lines)
    assert err == ""
    text = flat(out)
    for spanish in ("Juego de rol: Le cobraron dos veces y nadie le devolvió la llamada",
                    "Paso 1 de 7 Pida disculpas por el problema",
                    "Dana Ruiz: “Me han cobrado dos veces",
                    "Respuesta modelo: “Dana, lo siento:", "✓ una disculpa en primera persona",
                    "Dana Ruiz reacciona: “Bueno. Gracias.",
                    "Práctica: Le cobraron dos veces y nadie le devolvió la llamada - en total",
                    "Sus intentos a lo largo del tiempo: recover progress"):
        assert spanish in text, (spanish, out)
    assert "[telling-feelings] " in text  # step 6's "Calm down": the coach's finding ...
    assert "Usted dijo: ⟦Calm down⟧" in text  # ... framed in Spanish
    # The Spanish answer: one line saying the coach reads English only, and no score.
    assert text.count("el entrenador solo lee inglés") == 1, out
    assert ("! Parece estar en español: el entrenador solo lee inglés, así que no se ha "
            "revisado.") in text
    assert "7. Siga en contacto y haga seguimiento sin puntuar" in text, out
    left = english_in(without(out, [*lines, *coach_english(lines), *IDS]))
    assert not left, (left, out)


def test_the_scan_can_fail_the_same_practice_in_english(home: Path) -> None:
    out, _err = _practise(home, [*ENGLISH_ANSWERS, SPANISH_ANSWER], env={"LANG": "C.UTF-8"})
    assert {"Step", "Score", "Model", "answer"} <= english_in(
        without(out, [*ENGLISH_ANSWERS, *coach_english(ENGLISH_ANSWERS), *IDS]))
    assert "Reads as Spanish: the coach reads English only, so not checked." in flat(out)


def test_a_spanish_answer_is_scored_not_at_all(home: Path) -> None:
    every = [SPANISH_ANSWER] * 7
    out, _err = _practise(home, every, "--json")
    record = json.loads(out)
    assert [s["score"] for s in record["steps"]] == [None] * 7
    assert all(s["reaction"] is None for s in record["steps"])
    shown, _err = _practise(home, every)
    assert "sin puntuar" in shown and "/100" not in shown, shown
    assert ("El entrenador no pudo leer ninguna respuesta, así que este intento no se ha "
            "registrado.") in flat(shown)
    progress = json.loads(run("progress", "--json").stdout)
    assert progress["attempts"] == []  # nothing scored, nothing recorded
    # One English answer among them: the attempt is that step's score alone.
    _practise(home, [ENGLISH_ANSWERS[0], *every[1:]])
    attempt = json.loads(run("progress", "--json").stdout)["attempts"][0]
    assert attempt["scores"] == [attempt["best"]] and attempt["best"] > 0


def test_practice_lang_es_shows_the_scenario_in_spanish_and_the_screens_in_english(
        home: Path) -> None:
    out, _err = _practise(home, [*ENGLISH_ANSWERS, ""], "--lang", "es",
                          env={"LANG": "C.UTF-8"})
    assert "Role-play: Le cobraron dos veces" in out and "Step 1 of 7" in out
    assert "Dana Ruiz: “Me han cobrado dos veces" in flat(out)
    bad = run("practice", "hyken", "--lang", "xx")
    assert bad.returncode == 2 and "--lang xx: no such language here" in bad.stderr


def test_the_picker_and_list_in_spanish(home: Path) -> None:
    listed = run("practice", "--list", env=SPANISH).stdout
    assert listed.split("\n")[0].split() == ["id", "guion", "título"]
    assert "La miel olvidada" in listed
    from recoverycli.cli.practice import _picker_label
    from recoverycli.practice.scenarios import Scenario

    s = Scenario("phone-complaint", "hyken", "", "", "", {}, {})
    title = "Le cobraron dos veces y nadie le devolvió la llamada"
    assert _picker_label(title, s, None, 120) == f"{title}  (hyken: phone-complaint)"
    assert _picker_label(title, s, None, 80) == f"{title}  (phone-complaint)"
    cut = _picker_label(title, s, None, 50)
    assert cut == "Le cobraron dos veces y…  (phone-complaint)", cut
    assert _picker_label(title, s, "vence el vie 2026-12-11", 100) == \
        f"{title}  [vence el vie 2026-12-11]"
    from recoverycli.cli.practice import _spot_label

    i18n.use("es")
    try:
        spot = "Encuentre los errores en la historia de la miel olvidada de Borg"
        assert _spot_label(80) == spot + "  (--spot)"
        assert _spot_label(70) == spot
        assert _spot_label(40) == spot[:33].rstrip() + "…"
    finally:
        i18n.use()


# --- quiz, progress, spot and check under LANG=es -----------------------------------------


def _quiz_allowed() -> list[str]:
    from recoverycli.practice.categories import EXAMPLES, TEXTS

    out = [s for t in TEXTS.values() for s in t]
    out += [s.strip().strip('"“”') for ex in EXAMPLES.values() for s in ex]
    out += [c.category.better.strip().strip('"“”') for c in Coach().builtins]
    out += [c.category.id for c in Coach().builtins]
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_quiz_in_spanish(home: Path, seed: int) -> None:
    answers = home / "quiz.json"
    answers.write_text(json.dumps({"answers": ["abcdefg", "1", "2", "1", "x"]}))
    result = run("quiz", "--seed", str(seed), "--answers", str(answers), env=SPANISH)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Pregunta 1 de 5" in out and "Resultado del cuestionario:" in out, out
    assert "'x' no es una de las opciones (1-" in flat(out)
    left = english_in(without(out, [*_quiz_allowed(), *IDS, "abcdefg"]))
    assert not left, (left, out)
    english = run("quiz", "--seed", str(seed), "--answers", str(answers),
                  env={"LANG": "C.UTF-8"}).stdout
    assert {"Question", "of"} <= english_in(english)  # the scan can fail


def test_progress_in_spanish(home: Path) -> None:
    empty = run("progress", env=SPANISH).stdout
    assert "Aún no hay práctica." in empty and not english_in(
        without(empty, IDS)), empty
    _practise(home, [*ENGLISH_ANSWERS, ""])
    spot = home / "spot.json"
    spot.write_text(json.dumps({"lines": ["Prometió la miel y nunca la trajo",
                                          "se disculpó con una excusa: estaban ocupados"]}))
    assert run("practice", "--spot", "--answers", str(spot), env=SPANISH).returncode == 0
    out = run("progress", env=SPANISH).stdout
    for spanish in ("tipo", "intentos", "Pasos más flojos:", "Practique ahora:",
                    "práctica", "aún sin practicar: Las llaves encerradas"):
        assert spanish in out, (spanish, out)
    # the weakest step (7, left blank) by its title in Spanish: the store keeps the English
    assert re.search(r"hyken\s+Siga en contacto y haga seguimiento\s+0,0\s+1\n", out), out
    assert all(len(line) <= 80 for line in out.split("\n")[:3]), out  # the table fits
    assert not english_in(without(out, [*IDS, "spot-the-mistakes"])), out


def test_spot_in_spanish(home: Path) -> None:
    spot = home / "spot.json"
    lines = ["Prometió la miel y nunca la trajo", "puso una excusa: que estaban ocupados",
             "dejó la cuenta y se marchó sin arreglar nada",
             "no le ofreció ningún motivo para volver"]
    spot.write_text(json.dumps({"lines": lines}))
    out = run("practice", "--spot", "--answers", str(spot), env=SPANISH).stdout
    assert "Encuentre los errores: La miel olvidada, tal como ocurrió" in out
    assert "Encontró 4 de 4 errores (100/100)" in out, out
    from recoverycli.practice.spot import STORY

    assert not english_in(without(out, [*IDS, STORY.source])), out  # a cited title aside


def test_check_in_spanish(home: Path) -> None:
    clean = run("check", "I'm so sorry, that was our mistake.", env=SPANISH).stdout
    assert clean == "bien: I'm so sorry, that was our mistake.\n"
    phrase = "Calm down, it's company policy."
    out = run("check", phrase, env=SPANISH).stdout
    assert "    por qué: " in out and "    mejor: " in out, out
    assert not english_in(without(out, [phrase, *coach_english([phrase])])), out


# --- counts ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang, singular, plural, expected", [
    ("en", "{count} line", "{count} lines",
     ["0 lines", "1 line", "2 lines", "1,000,000 lines"]),
    ("es", "{count} line", "{count} lines",
     ["0 líneas", "1 línea", "2 líneas", "1.000.000 líneas"]),
    ("es", "{count} step", "{count} steps",
     ["0 pasos", "1 paso", "2 pasos", "1.000.000 pasos"]),
    ("es", "pattern longer than {count} character", "pattern longer than {count} characters",
     ["patrón de más de 0 caracteres", "patrón de más de 1 carácter",
      "patrón de más de 2 caracteres", "patrón de más de 1.000.000 caracteres"]),
    ("es", "in {count} day", "in {count} days",
     ["en 0 días", "en 1 día", "en 2 días", "en 1.000.000 días"]),
    ("es", "... and {count} more finding in this phrase",
     "... and {count} more findings in this phrase",
     ["... y 0 hallazgos más en esta frase", "... y 1 hallazgo más en esta frase",
      "... y 2 hallazgos más en esta frase", "... y 1.000.000 hallazgos más en esta frase"]),
])
def test_counts_at_0_1_2_and_a_million(fresh: None, lang: str, singular: str, plural: str,
                                       expected: list[str]) -> None:
    i18n.use(lang)
    assert [i18n.ngettext(singular, plural, n).format(count=i18n.number(n))
            for n in (0, 1, 2, 1_000_000)] == expected


@pytest.mark.parametrize("lang, expected", [
    ("en", ["Spotted 0 of 0 mistakes (0/100)", "Spotted 1 of 1 mistake (0/100)",
            "Spotted 1 of 2 mistakes (0/100)", "Spotted 1 of 1,000,000 mistakes (0/100)"]),
    ("es", ["Encontró 0 de 0 errores (0/100)", "Encontró 1 de 1 error (0/100)",
            "Encontró 1 de 2 errores (0/100)", "Encontró 1 de 1.000.000 errores (0/100)"]),
])
def test_spotted_counts(fresh: None, lang: str, expected: list[str]) -> None:
    i18n.use(lang)
    assert [i18n.ngettext("Spotted {found} of {count} mistake ({score}/100)",
                          "Spotted {found} of {count} mistakes ({score}/100)", n).format(
        found=i18n.number(min(n, 1)), count=i18n.number(n), score=0)
        for n in (0, 1, 2, 1_000_000)] == expected


@pytest.mark.parametrize("lang, expected", [
    ("en", ["'a' is out of place. Why.", "'a', 'b' are out of place. Why."]),
    ("es", ["'a' está fuera de lugar. Why.", "'a', 'b' están fuera de lugar. Why."]),
])
def test_out_of_place_agrees_with_its_count(fresh: None, lang: str,
                                            expected: list[str]) -> None:
    from recoverycli.practice.quiz import ORDER, Question, mark

    i18n.use(lang)
    question = Question(ORDER, "?", ("a", "b", "c"), "abc", None, "Why.")
    assert [mark(question, "bca").explain, mark(question, "cba").explain] == expected


def test_the_trainees_errors_in_spanish(home: Path) -> None:
    wrong = run("practice", "hyken", "--scenario", "missing-hony", "--answers", "x.json",
                env=SPANISH)
    assert wrong.returncode == 1
    assert wrong.stderr == ("recover: no existe el escenario 'missing-hony'; ¿quería decir "
                            "'missing-honey'? (escenarios: " + ", ".join(
                                s for s in ("locked-keys", "lost-reservation", "missing-honey",
                                            "phone-complaint", "three-way-call")) + ")\n")
    other = run("practice", "heal", "--scenario", "missing-honey", env=SPANISH)
    assert "el escenario 'missing-honey' es del guion 'hyken', no de 'heal'" in other.stderr
    rules = home / "coach.yaml"
    rules.write_text("disable: [Not An Id]\n", encoding="utf-8")
    bad = run("check", "--rules", str(rules), "hello", env=SPANISH)
    assert bad.returncode == 1  # a file's problem, located
    assert f"{rules}:1:11: disable[0]: no es un id de regla (letras minúsculas" in bad.stderr
    english = run("check", "--rules", str(rules), "hello")
    assert "disable[0]: not a rule id (lower-case letters, digits, - and _)" in english.stderr


def test_assigned_practice_in_spanish_fits_80_columns(home: Path) -> None:
    (home / "config").mkdir(exist_ok=True)
    (home / "config" / "config.toml").write_text('agent = "sam"\n', encoding="utf-8")
    for scenario, by in (("lost-reservation", "1d"), ("phone-complaint", "6d")):
        assert run("assign", scenario, "--to", "sam", "--by", by).returncode == 0
    out = run("progress", env=SPANISH).stdout
    assert "Asignados a usted:" in out and "sin hacer, mínimo 70" in out, out
    assert "(asignado a usted, mínimo 70: vence " in out, out
    assert all(len(line) <= 80 for line in out.split("\n")[:-2]), out  # the tables fit
    assert not english_in(without(out, IDS)), out


def test_the_coachs_questions_are_asked_in_spanish(fresh: None) -> None:
    """The frame of an unsure finding ("Is this ...?") is the reader's; its advice stays
    the coach's English."""
    import io

    from recoverycli.practice.engine import QUESTIONS, Finding
    from recoverycli.practice.plain import print_findings

    unsure = Finding("blame-third-party", 4, 11, "courier", "Blames someone else.",
                     "Say what you did about it.", "A source", unsure=True)
    team = unsure._replace(rule="no-refunds")
    i18n.use("es")
    assert unsure.question == ("¿Culpa a otra persona del fallo? Si lo está asumiendo, "
                               "dígalo: Say what you did about it.")
    assert team.question.startswith("¿Se trata de no refunds? Si lo está asumiendo")
    out = io.StringIO()
    print_findings("The courier was late.", [unsure], file=out, width=80)
    assert "pregunta: ¿Culpa a otra persona del fallo?" in out.getvalue()
    assert all(str(q).startswith("¿") for q in QUESTIONS.values())
    i18n.use("en")
    assert unsure.question == ("Is this blaming someone else for the failure? If you are "
                               "owning it, say so: Say what you did about it.")
