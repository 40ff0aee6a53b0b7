"""Shared fixtures: a pinned environment and a way to run the installed ``recover``."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest_plugins = ["team_fixtures"]

ROOT = Path(__file__).resolve().parent.parent
RECOVER = str(Path(sys.executable).parent / "recover")

# The tester's own settings never reach the tests (newcomer 16: an exported
# RECOVER_CACHE_DIR failed a test; an exported RECOVER_DATABASE_URL would have sent test
# sessions to a real team store). Each test sets what it needs.
# (RECOVER_TEST_DATABASE_URL, the cluster .ci/run started for the tests, is kept.)
for _key in [k for k in os.environ if (k.startswith("RECOVER_") or k == "ACCESSIBLE")
             and not k.startswith("RECOVER_TEST_")]:
    del os.environ[_key]
# And the tester's language: the tests read English unless they ask for another (a
# Spanish-speaking tester's LANG=es_ES.UTF-8 must not fail every golden file).
os.environ.pop("LANGUAGE", None)
for _key in ("LC_ALL", "LC_MESSAGES", "LANG"):
    if os.environ.get(_key, "C")[:2].lower() not in ("c", "c.", "po", "en", ""):
        os.environ[_key] = "C.UTF-8"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private data and config folder, and a terminal pinned to 80 columns, no colour."""
    env = {
        "RECOVER_DATA_DIR": str(tmp_path / "data"),
        "RECOVER_CONFIG_DIR": str(tmp_path / "config"),
        "COLUMNS": "80",
        "LINES": "40",
        "NO_COLOR": "1",
        "TERM": "xterm",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    for key in ("RECOVER_PLAYBOOKS", "RECOVER_MAX_PLAYBOOK_BYTES", "FORCE_COLOR"):
        monkeypatch.delenv(key, raising=False)
    yield tmp_path


def documentation() -> str:
    """The README and every page of docs/ as one text: what the docs tests search."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(page.read_text(encoding="utf-8") for page in pages)


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed command as a user would, with no terminal attached."""
    return subprocess.run(
        [RECOVER, *args], input=input, capture_output=True, text=True, timeout=60,
        env={**os.environ, **(env or {})}, cwd=cwd,
        stdin=None if input is not None else subprocess.DEVNULL,
    )


def assessed(catalog, scenario_id: str, step: str, text: str):  # type: ignore[no-untyped-def]
    """One practice answer scored at one step of a built-in scenario."""
    from recoverycli.practice.engine import Coach
    from recoverycli.practice.scenarios import load_scenario
    from recoverycli.practice.scoring import assess

    scenario = load_scenario(str(ROOT / "scenarios" / f"{scenario_id}.yaml"), catalog)
    return assess(Coach(), catalog.get(scenario.playbook), scenario, step, text)
