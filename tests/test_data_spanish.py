"""forget, retention and sync in Spanish (issue 23; written with the report's Spanish on
branch n-rep): messages, errors and options' help under LANG=es_ES.UTF-8, no English."""

from __future__ import annotations

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


@pytest.fixture
def seeded(home: Path) -> Path:
    seed(120)
    return home


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
        assert helped.startswith(f"Uso: recover {args[0]} ") and "Opciones:" in helped
        words = re.sub(r"--?\w[\w-]*|\b[A-Z]{2,}\b|\[[^\]]*\]|text\|md\|html\|json|"
                       r"\b\d+[dw]\b|recover \w+|history, due|retention_days|config\.toml",
                       " ", helped)  # the whole help: its long text too, not only options
        assert english_in(words) == [], (args, english_in(words))
