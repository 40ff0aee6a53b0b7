"""The README and every page in docs/, followed to the letter: every ``$ recover ...``
example is run and its output compared (``...`` stands for lines left out), the run's first
screen in a real 80x24 terminal; their tables render on GitHub; the quick start leaves
``recover`` on PATH."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from conftest import ROOT, run

README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = {"README.md": README} | {
    f"docs/{page.name}": page.read_text(encoding="utf-8")
    for page in sorted((ROOT / "docs").glob("*.md"))}
DEVELOPMENT = PAGES["docs/development.md"]


def examples() -> list[tuple[str, list[str]]]:
    """(command, expected lines) for every ``$`` line in a fenced block of every page."""
    found: list[tuple[str, list[str]]] = []
    for text in PAGES.values():
        for block in re.findall(r"^```\n(.*?)^```$", text, re.MULTILINE | re.DOTALL):
            current: list[str] | None = None
            for line in block.splitlines():
                if line.startswith("$ "):
                    current = []
                    found.append((line[2:], current))
                elif current is not None:
                    current.append(line.rstrip())
    return found


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line, where ``...`` matches any run of lines (none too)."""
    if not expected:
        return not [line for line in actual if line.strip()]
    head, rest = expected[0], expected[1:]
    if head == "...":
        return any(matches(rest, actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and actual[0].rstrip() == head and matches(rest, actual[1:])


def clock(lines: list[str]) -> list[str]:
    return [re.sub(r"⏱ \d\d:\d\d", "⏱ 00:00", line) for line in lines]


EXAMPLES = examples()


def test_there_are_examples_to_check() -> None:
    commands = [command.split()[1] for command, _ in EXAMPLES]
    assert {"run", "list", "show", "validate", "check"} <= set(commands)


@pytest.mark.parametrize("command, expected", [e for e in EXAMPLES if " run " not in
                                               f" {e[0]} "], ids=lambda v: str(v)[:30])
def test_each_dollar_example_prints_what_the_readme_shows(home: Path, command: str,
                                                          expected: list[str]) -> None:
    args = shlex.split(command)
    assert args[0] == "recover"
    result = run(*args[1:], cwd=ROOT)
    actual = result.stdout.splitlines()
    assert matches(expected, actual), "\n".join(["expected:", *expected, "got:", *actual])


def test_the_run_example_is_the_first_screen_at_80x24(tmp_path: Path) -> None:
    from e2e.pty import finish, spawn

    [(command, expected)] = [e for e in EXAMPLES if e[0].startswith("recover run ")]
    child = spawn(*shlex.split(command)[1:], home=tmp_path, size=(24, 80))
    child.expect("save & quit")
    child.expect("⏱")
    screen = [line for line in child.screen.lines()]
    while screen and not screen[-1]:
        screen.pop()
    assert matches(clock(expected), clock(screen)), child.screen.text()
    child.send("q")
    assert finish(child) == 0


def test_the_docs_pages_are_found() -> None:
    assert len(PAGES) > 10 and "docs/live-call.md" in PAGES


@pytest.mark.parametrize("page", PAGES)
def test_tables_have_no_blank_lines_inside(page: str) -> None:
    lines = PAGES[page].splitlines()
    for number, line in enumerate(lines[1:-1], start=1):
        if not line.strip():
            assert not (lines[number - 1].startswith("|") and lines[number + 1].startswith("|")
                        ), f"{page}:{number + 1}: a blank line splits a table"


def test_the_quick_start_leaves_recover_on_the_path() -> None:
    quick = README.split("## Quick start")[1].split("## First use")[0]
    install = re.search(r"^python3 -m venv \.venv .*$", quick, re.MULTILINE)
    assert install is not None
    steps = [s.strip() for s in install.group(0).split("&&")]
    assert ". .venv/bin/activate" in steps
    assert steps.index(". .venv/bin/activate") < steps.index("recover run hyken")
    assert "pipx install ." in quick
    assert "pip install -e '.[test]'" in DEVELOPMENT


@pytest.mark.parametrize("page", PAGES)
def test_every_relative_link_names_a_file_that_is_there(page: str) -> None:
    """On GitHub as on the site (mkdocs --strict checks docs/ alone; this the README too)."""
    folder = (ROOT / page).parent
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", PAGES[page]):
        if "://" not in target:
            assert (folder / target).is_file(), f"{page}: a link to {target}, not there"
