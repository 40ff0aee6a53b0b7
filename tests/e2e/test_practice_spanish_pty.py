"""A Spanish-speaking trainee in a real terminal at 80x24 (issue 23): ``recover practice``
under LANG=es_ES.UTF-8 from a fresh home - the picker, the scenario in Spanish, an answer in
English scored, one in Spanish said in one line and left unscored, the summary and the
retry - and no frame shows English the trainee did not ask for (what they typed and the
coach's own English findings aside)."""

from __future__ import annotations

from pathlib import Path

from e2e.pty import finish, spawn
from test_practice_spanish import IDS, coach_english, english_in, without

SPANISH = {"LANG": "es_ES.UTF-8"}

ANSWERS = [
    "Dana, I'm so sorry we charged you twice and then never called you back.",
    "Cuénteme todo desde el principio, por favor. ¿Cuándo vio el segundo cargo?",
    "I'm sorry again: we charged you twice and didn't call, and that's on us.",
    "Calm down, it's only a refund and I'm putting it through right now for you.",
    "I understand why you're fed up - being charged twice is so frustrating.",
    "I'm putting the refund through right now, and you'll see it within two days.",
    "I'll call you on Friday myself to make sure the refund has landed.",
]


def unwrapped(lines: list[str], columns: int = 80) -> str:
    """The screen's text with the terminal's own wrapping undone: a line that fills the
    width goes on into the next one (a typed answer is cut mid-word there)."""
    out = ""
    for line in lines:
        out += line + ("" if len(line) >= columns else "\n")
    return out


def test_a_spanish_trainee_practises_at_80x24_and_sees_no_english(tmp_path: Path) -> None:
    child = spawn("practice", home=tmp_path, size=(24, 80), env=SPANISH)
    frames: list[str] = []

    def seen(pattern: str, whole: bool = True) -> None:
        """Wait for ``pattern``; a screen waiting for a key (``whole``) is kept to scan,
        one still being drawn is not (half a line of a typed answer is no finding)."""
        child.expect(pattern)
        if whole:
            frames.append(unwrapped(child.screen.lines()))

    seen("Encuentre los errores")  # the whole picker is drawn
    picker = child.screen.lines()
    assert picker[0].startswith("? ¿Qué escenario?"), picker
    assert all(len(line) <= 80 and not line.endswith("-") for line in picker)
    assert any(line.endswith("Le cobraron dos veces y nadie le devolvió la llamada  "
                             "(phone-complaint)") for line in picker), picker
    child.send("4")
    seen("» 4", whole=False)
    child.send("\r")
    seen("Juego de rol:", whole=False)
    waited = 0
    for number, answer in enumerate(ANSWERS, start=1):
        if number > 1:  # feedback too long for 24 rows waits for Enter first (in Spanish)
            nxt = f"Paso {number} de 7"
            if child.expect(["Intro: seguir", nxt]) == 0:
                frames.append(unwrapped(child.screen.lines()))
                waited += 1
                child.send("\r")
                seen(nxt, whole=False)
        else:
            seen(f"Paso {number} de 7", whole=False)
        seen("Usted:")
        child.send(answer + "\r")
        if number == 2:  # Spanish: the coach says in one line that it reads English only
            seen("revisado", whole=False)
            seen("Respuesta modelo:", whole=False)
            text = " ".join(unwrapped(child.screen.lines()).split())
            after = text.split(ANSWERS[1])[-1]
            assert after.startswith(" ! Parece estar en español: el entrenador solo lee "
                                    "inglés, así que no se ha revisado. Respuesta modelo:"), text
            assert "Puntuación" not in after, text  # no score, no elements
            continue
        seen("Puntuación", whole=False)
        if number == 4:  # the coach's finding, framed in Spanish
            seen("Usted dijo:", whole=False)
            seen("Mejor:", whole=False)
        seen("Respuesta modelo:", whole=False)
    # the last step's feedback always waits before the summary (a newcomer had to scroll
    # back to read it), in Spanish too
    child.expect("Intro: ver su puntuación")
    frames.append(unwrapped(child.screen.lines()))
    waited += 1
    child.send("\r")
    seen("en total", whole=False)
    assert waited >= 1  # the step with the coach's finding did not fit 80x24
    seen("sin puntuar", whole=False)  # step 2 in the summary
    seen(r"repetir su paso más flojo", whole=False)
    seen(r"¿Repetir\?")
    child.send("\r")
    seen("Sus intentos a lo largo del tiempo")
    assert finish(child) == 0
    assert len(frames) >= 10
    allowed = [*ANSWERS, *coach_english(ANSWERS), *IDS]
    for frame in frames:
        left = english_in(without(frame, allowed))
        assert not left, (left, frame)


def test_ctrl_c_in_spanish_says_so_and_exits_130(tmp_path: Path) -> None:
    child = spawn("practice", "hyken", "--scenario", "phone-complaint", home=tmp_path,
                  size=(24, 80), env=SPANISH)
    child.expect("Usted:")
    child.sendintr()
    child.expect("Detenido; este intento no se ha registrado. Vuelva a empezar con: "
                 "recover practice hyken --scenario phone-complaint")
    assert finish(child) == 130
