"""An agent's everyday listings in Spanish (issue 23): history and due say their headers,
states, days late and messages in Spanish under LANG=es_ES.UTF-8, dates day first
("5 dic 01:57", "vie 11 dic"); in English they are as they were."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import run

ES = {"LANG": "es_ES.UTF-8"}
EN = {"LANG": "C.UTF-8"}


def _session(home: Path, follow_up: str) -> None:
    answers = home / "a.yaml"
    answers.write_text("fields:\n  customer: Núñez\nsteps:\n  - {status: done}\n",
                       encoding="utf-8")
    result = run("run", "hyken", "--answers", str(answers), "--follow-up", follow_up, env=EN)
    assert result.returncode == 0, result.stderr


def test_history_and_due_in_spanish(home: Path) -> None:
    _session(home, "today")
    history = run("history", env=ES).stdout
    head = history.splitlines()[0].split()
    assert head[:5] == ["id", "guion", "cliente", "estado", "modo"], history
    assert "seguimiento" in head  # at 80 columns the optional outcome gives way to the
    wide = run("history", env={**ES, "COLUMNS": "100"}).stdout  # whole status "en curso"
    assert "resultado" in wide.splitlines()[0].split()
    assert "en curso" in history and "open" not in history
    assert re.search(r"\b\d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept|oct|nov|dic)\b",
                     history), history
    due = run("due", env=ES).stdout
    assert "1 seguimiento pendiente de " in due and "primero el más atrasado" in due, due
    assert "cliente" in due and "fecha" in due and "hoy" in due
    for english in ("customer", "follow-up", "late", "today", "due"):
        assert not re.search(rf"\b{english}\b", due.replace("recover", "")), (english, due)


def test_the_same_listings_in_english_are_unchanged(home: Path) -> None:
    _session(home, "today")
    history = run("history", env=EN).stdout
    assert history.splitlines()[0].split()[:5] == ["id", "playbook", "customer", "status",
                                                   "mode"]
    due = run("due", env=EN).stdout
    assert "1 follow-up due for " in due and "customer" in due and "today" in due
    nothing = run("due", "--agent", "nobody", env=ES).stdout
    assert nothing.startswith("Nada pendiente de nobody:"), nothing


def test_the_accessible_legend_says_its_lead_in_spanish() -> None:
    from recoverycli import i18n
    from recoverycli.render import wrap_legend

    try:
        i18n.use("es")
        assert wrap_legend(["Enter hecho", "s saltar"], 80, plain=True) == [
            "Teclas: Enter hecho; s saltar"]
    finally:
        i18n.use(None)
    assert wrap_legend(["Enter done"], 80, plain=True)[0].startswith("Keys: ")


def test_the_root_help_lists_every_command_in_spanish_and_run_help_is_spanish() -> None:
    root = run("--help", env=ES).stdout
    commands = root[root.index("Comandos:"):]
    for english in ("List the", "Walk a", "Your follow-ups", "Erase", "Watch the",
                    "Assign a", "Publish", "Quiz yourself", "Send sessions"):
        assert english not in commands, (english, commands)
    assert "Recorre un guion paso a paso" in commands
    text = run("run", "--help", env=ES).stdout
    for english in ("Walk a playbook", "The customer's name", "Write nothing to disk",
                    "Plain screens"):
        assert english not in text, (english, text)
    assert "Teclas: Enter hecho" in " ".join(text.split())


def test_a_follow_up_with_its_weekday_reads_day_first_in_spanish() -> None:
    """Seen at 80x24 (the end of the call): "Seguimiento: vie 2026-12-11 14:00" mixed a
    Spanish weekday with an ISO date; a Spanish reader writes the day first."""
    from recoverycli.i18n import speaking
    from recoverycli.when import with_weekday

    assert with_weekday("2026-12-11 14:00") == "Fri 2026-12-11 14:00"  # English as it was
    with speaking("es"):
        assert with_weekday("2026-12-11 14:00") == "vie 11 dic 2026 14:00"
        assert with_weekday("2026-12-11") == "vie 11 dic 2026"
        assert with_weekday("not a date") == "not a date"
