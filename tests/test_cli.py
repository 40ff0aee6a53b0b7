"""The commands of the playbook issue, run as the installed ``recover``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, documentation, run
from golden import assert_golden
from recoverycli import __version__
from recoverycli.cli import app

COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)  # type: ignore[union-attr]

MARKUP_BOOK = """\
id: weird
title: "[red]x[/red] \\x1b[31mred\\x1b[0m <b>bold</b>"
steps:
  - title: "Step [bold]one[/bold] \\x07"
    say: "say [link=http://x]y[/link]"
"""


def test_the_version_is_the_one_the_package_is_built_with() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == __version__
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{__version__}]" in changelog, "CHANGELOG.md has no entry for this version"


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"recover {__version__}"


@pytest.mark.usefixtures("home")
def test_help_golden() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert_golden("help.txt", result.stdout)


@pytest.mark.usefixtures("home")
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage:" in result.stdout and len(result.stdout.splitlines()) > 3


@pytest.mark.usefixtures("home")
def test_show_hyken_golden() -> None:
    result = run("show", "hyken")
    assert result.returncode == 0, result.stderr
    assert "Apologize for the problem" in result.stdout
    assert "Hand-off (three-way call with a colleague) → 7. Stay in touch" in result.stdout
    assert_golden("show_hyken.txt", result.stdout)


@pytest.mark.usefixtures("home")
def test_list_json() -> None:
    result = run("list", "--json")
    assert result.returncode == 0
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert set(rows) >= {"hyken", "heal", "saxena"}
    assert rows["hyken"]["steps"] == 7 and rows["hyken"]["author"] == "Shep Hyken"
    assert rows["heal"]["origin"] == "built-in"
    assert {"id", "title", "author", "steps", "origin"} <= set(rows["saxena"])


def test_shadowing_and_broken_playbooks_in_list(home: Path) -> None:
    team = home / "team"
    team.mkdir()
    (team / "hyken.yaml").write_text("id: hyken\ntitle: Our Hyken\nsteps:\n  - title: a\n")
    (team / "broken.yaml").write_text("id: broken\ntitle: B\nstpes: []\n")
    result = run("list", "--playbooks", str(team), env={"COLUMNS": "200"})
    assert result.returncode == 0
    assert "Our Hyken" in result.stdout and "shadows built-in" in result.stdout
    assert "saxena" in result.stdout  # the others still load
    warnings = [line for line in result.stderr.splitlines() if "broken.yaml" in line]
    assert len(warnings) == 1 and "broken.yaml:1:1: missing required key 'steps'" in warnings[0]
    assert "(+1 more)" in warnings[0] and "recover validate" in warnings[0]
    env_result = run("list", "--json", env={"RECOVER_PLAYBOOKS": str(team)})
    rows = {row["id"]: row for row in json.loads(env_result.stdout)}
    assert rows["hyken"]["origin"] == "env" and rows["hyken"]["title"] == "Our Hyken"


def test_user_playbook_folder(home: Path) -> None:
    folder = home / "config" / "playbooks"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text("id: mine\ntitle: Mine\nsteps:\n  - title: a\n")
    rows = {row["id"]: row for row in json.loads(run("list", "--json").stdout)}
    assert rows["mine"]["origin"] == "user"


@pytest.mark.usefixtures("home")
def test_show_unknown_lists_what_there_is() -> None:
    result = run("show", "nope")
    assert result.returncode == 1
    assert "no playbook 'nope'" in result.stderr and "hyken" in result.stderr
    assert "Traceback" not in result.stderr


def test_show_by_path_and_markup_is_literal(tmp_path: Path) -> None:
    book = tmp_path / "weird.yaml"
    book.write_text(MARKUP_BOOK)
    result = run("show", str(book), env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    assert "[red]x[/red]" in result.stdout and "<b>bold</b>" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b[31mred" in result.stdout and "\\x07" in result.stdout
    assert "[link=http://x]y[/link]" in result.stdout
    forced = run("show", str(book), env={"FORCE_COLOR": "1", "COLUMNS": "80"})
    assert "\x1b[31mred" not in forced.stdout  # rich colours, but never the playbook's codes


def test_wide_and_long_titles_wrap_and_are_never_cut(tmp_path: Path) -> None:
    long = "顧客の信頼を取り戻す😀" * 12 + " END"
    book = tmp_path / "wide.yaml"
    book.write_text(f"id: wide\ntitle: T\nsteps:\n  - title: \"{long}\"\n", encoding="utf-8")
    result = run("show", str(book), env={"COLUMNS": "40", "NO_COLOR": "1"})
    assert result.returncode == 0
    joined = "".join(line.strip() for line in result.stdout.splitlines())
    assert long.replace(" ", "") in joined.replace(" ", "")


def test_validate_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("id: good\ntitle: G\nsteps:\n  - title: a\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\ntitle: B\nsteps:\n  - title: a\n    next: zz\n  - titel: b\n")
    assert run("validate", str(good)).returncode == 0
    result = run("validate", str(good), str(bad))
    assert result.returncode == 1
    assert f"{bad}:5:11: steps[0].next: 'zz' names no step" in result.stdout
    assert f"{bad}:6:5: steps[1].titel: unknown key 'titel'; did you mean 'title'?" in result.stdout
    assert run("validate", str(tmp_path / "missing.yaml")).returncode == 2
    assert run("validate").returncode == 2


def test_validate_refuses_an_oversized_file_naming_the_cap(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"id: x\n" + b"#" * 2_000_000)
    result = run("validate", str(big))
    assert result.returncode == 1 and "over the 1 MiB limit" in result.stdout
    small = run("validate", "--max-bytes", "10", str(ROOT / "playbooks" / "hyken.yaml"))
    assert small.returncode == 1 and "over the 10 bytes limit" in small.stdout


def test_every_builtin_playbook_validates() -> None:
    files = sorted((ROOT / "playbooks").glob("*.yaml"))
    assert len(files) >= 3
    result = run("validate", *map(str, files))
    assert result.returncode == 0, result.stdout


def test_schema_file_is_current_and_matches_the_model() -> None:
    result = run("schema")
    schema = json.loads(result.stdout)
    assert (ROOT / "playbook.schema.json").read_text() == result.stdout
    from recoverycli.playbooks import model as pb

    def fields(cls: type) -> set[str]:
        return set(cls._fields)  # type: ignore[attr-defined]

    # where a playbook came from (its file, or the team's published version) is not a key
    provenance = {"path", "version", "content_hash"}
    assert set(schema["properties"]) == set(pb.PLAYBOOK_KEYS) == fields(pb.Playbook) - provenance
    step = schema["properties"]["steps"]["items"]
    assert set(step["properties"]) == fields(pb.Step)
    assert set(step["required"]) == {"title"}
    assert set(step["properties"]["ask"]["properties"]) == fields(pb.Ask)
    assert set(step["properties"]["jump"]["properties"]) == fields(pb.Jump)
    choice = step["properties"]["ask"]["properties"]["choices"]["items"]
    assert set(choice["properties"]) == fields(pb.Choice)
    assert set(schema["properties"]["fields"]["items"]["properties"]) == fields(pb.Field)
    assert set(schema["properties"]["source"]["properties"]) == fields(pb.Source)


def test_schema_accepts_the_builtins_and_rejects_a_typo() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = json.loads(run("schema").stdout)
    for file in (ROOT / "playbooks").glob("*.yaml"):
        jsonschema.validate(yaml.safe_load(file.read_text()), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x", "title": "t", "stpes": []}, schema)


def test_readme_documents_every_command() -> None:
    readme = documentation()  # the README and docs/
    for command in COMMANDS:
        assert re.search(rf"`recover {command}\b", readme), f"the docs lack `recover {command}`"
    assert "# yaml-language-server: $schema=" in readme


def test_no_traceback_for_an_unreadable_store_or_bad_option() -> None:
    result = run("list", "--nonsense")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_parsed_playbook_cache_sees_every_change(home: Path) -> None:
    team = home / "team"
    team.mkdir()
    book = team / "mine.yaml"
    book.write_text("id: mine\ntitle: First\nsteps:\n  - title: a\n")
    assert "First" in run("list", "--playbooks", str(team)).stdout
    book.write_text("id: mine\ntitle: Second title\nsteps:\n  - title: a\n")
    assert "Second title" in run("list", "--playbooks", str(team)).stdout
    book.write_text("id: mine\ntitle: Second title\nstps: []\n")
    for _ in range(2):  # parsed, then from the cache: the warning is the same
        result = run("list", "--playbooks", str(team))
        assert "mine.yaml:1:1: missing required key 'steps' (+1 more)" in result.stderr
    assert (home / "data" / "cache" / "playbooks.marshal").exists()


def test_readme_playbook_example_is_valid(tmp_path: Path) -> None:
    readme = documentation()
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.S)
    [example] = [b for b in blocks if "\nsteps:" in b and "id: late-delivery" in b]
    path = tmp_path / "late-delivery.yaml"
    path.write_text(example)
    result = run("validate", str(path))
    assert result.returncode == 0, result.stdout


def test_show_warns_about_a_broken_team_playbook_and_goes_on(home: Path) -> None:
    team = home / "team"
    team.mkdir()
    (team / "bad.yaml").write_text("id: bad\ntitle: [unclosed\n")
    result = run("show", "heal", "--playbooks", str(team))
    assert result.returncode == 0 and "Show your humility" in result.stdout
    assert len(result.stderr.strip().splitlines()) == 1 and "bad.yaml:" in result.stderr


@pytest.mark.usefixtures("home")
def test_debug_shows_the_traceback_that_is_otherwise_hidden() -> None:
    plain = run("show", "nope")
    assert "Traceback" not in plain.stderr and plain.returncode == 1
    debug = run("--debug", "show", "nope")
    assert "Traceback" in debug.stderr and "NotFoundError" in debug.stderr


def test_the_cli_module_imports_nothing_heavy() -> None:
    """Start-up guard: every recover call pays for what the cli package imports at module
    level (the app and all three command modules)."""
    import subprocess
    import sys

    code = ("import sys; import recoverycli.cli; print(','.join(sorted(m for m in "
            "('yaml', 'questionary', 'prompt_toolkit', 'sqlite3', 'rich', 'psycopg', "
            "'matplotlib', 'icalendar', 'platformdirs', 'pydantic') if m in sys.modules)))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == ""


def test_the_cli_package_imports_point_down() -> None:
    """cli/app.py is imported by the command modules and imports none of them; no command
    module imports another (the circle cli.py <-> cli_sessions.py is gone)."""
    import ast

    folder = Path(__file__).resolve().parents[1] / "src" / "recoverycli" / "cli"
    audience = {"sessions", "data", "practice", "authoring", "assign", "publish", "live"}
    # doctor.py is the body of `recover doctor`, moved here from the top level (issue 18);
    # it imports no command module, as app.py does not; complete.py holds the completion
    # callbacks of the command modules' arguments (issue 19), and imports none either;
    # framework.py puts typer's own words in the interface's language (issue 23), for app.py.
    assert audience | {"app", "doctor", "complete", "framework", "__init__", "__main__"} == {
        p.stem for p in folder.glob("*.py")}
    for module in ["app", *sorted(audience)]:
        tree = ast.parse((folder / f"{module}.py").read_text())
        siblings = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                name = node.module or ""
                if node.level == 1:
                    siblings.add(name.split(".")[0] or "__init__")
                elif name.startswith("recoverycli.cli"):
                    siblings.add(name.removeprefix("recoverycli.cli").strip(".") or "__init__")
        siblings.discard("doctor")  # a helper of app.py's `doctor` command, no command module
        siblings.discard("complete")  # the completion callbacks, no command module
        siblings.discard("framework")  # typer's own words translated, no command module
        assert siblings == (set() if module == "app" else {"app"}), (module, siblings)


def test_every_command_is_registered_once() -> None:
    from recoverycli.cli import app

    names = [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]
    assert len(names) == len(set(names)) == 27
    assert {"list", "run", "practice", "follow-up", "doctor", "sync"} <= set(names)


def declared(command: str, option: str) -> object:
    """What click checks for ``option`` of ``command``: its choices, or its range."""
    import typer

    group = typer.main.get_command(app)
    param = next(p for p in group.commands[command].params  # type: ignore[attr-defined]
                 if option in getattr(p, "opts", ()))
    kind = param.type
    if hasattr(kind, "choices"):
        return tuple(kind.choices)
    return (kind.min, kind.max)


def test_choices_and_ranges_are_declared_in_the_options_as_the_core_knows_them() -> None:
    from recoverycli.aftercall import export, history
    from recoverycli.report import model as report

    assert declared("history", "--status") == history.STATUSES
    assert declared("outcome", "--result") == history.RESULTS
    assert declared("export", "--format") == export.FORMATS
    assert declared("report", "--format") == report.FORMATS
    assert declared("lint", "--format") == ("text", "github", "json")
    assert declared("outcome", "--rating") == (1, 5)
    assert declared("quiz", "--count") == (1, 50)
    # --pass is read by recover itself, to say "a whole number from 0 to 100" (red team)
    from recoverycli.cli.assign import _pass_mark
    from recoverycli.errors import UsageError

    assert [_pass_mark(v) for v in ("0", "70", "100")] == [0, 70, 100]
    for bad in ("101", "-1", "70.5", "seventy", ""):
        with pytest.raises(UsageError, match="from 0 to 100"):
            _pass_mark(bad)
    assert declared("history", "--limit") == (0, 1_000_000_000)
    assert declared("retention", "--days")[0] == 1  # type: ignore[index]
    assert declared("validate", "--max-bytes")[0] == 1  # type: ignore[index]


@pytest.mark.parametrize(("args", "line"), [
    (["quiz", "--count", "0"], "recover quiz: --count: 0 is not in the range 1<=x<=50"),
    (["report", "--format", "pdf"], "recover report: --format: 'pdf' is not one of 'text', "
     "'md', 'html', 'json'"),
    (["lint", "--format", "xml", "playbooks"], "recover lint: --format: 'xml' is not one of "
     "'text', 'github', 'json'"),
    (["retention", "--days", "99999999999999", "--dry-run"],  # was exit 70 (an overflow)
     "recover retention: --days: 99999999999999 is not in the range 1<=x<=36600"),
])
@pytest.mark.usefixtures("home")
def test_a_bad_choice_or_number_is_refused_by_the_option(args: list[str], line: str) -> None:
    result = run(*args, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr.startswith(line) and len(result.stderr.splitlines()) == 1


@pytest.mark.usefixtures("home")
def test_choices_ignore_case() -> None:
    result = run("lint", "--format", "JSON", "playbooks/hyken.yaml", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    assert run("history", "--status", "Open", "--json").returncode == 0


def test_config_typos_are_all_warned_with_did_you_mean_and_the_command_goes_on(
        home: Path) -> None:
    (home / "config").mkdir(exist_ok=True)
    (home / "config" / "config.toml").write_text(
        'team = "billing"\nagnet = "sam"\nretention_dys = 30\nzzz = 1\n')
    result = run("sessions")
    assert result.returncode == 0
    warnings = result.stderr.splitlines()
    assert any("config.toml:2: unknown setting 'agnet'" in w and "did you mean 'agent'" in w
               for w in warnings), result.stderr
    assert any(":3: unknown setting 'retention_dys'" in w and "'retention_days'" in w
               for w in warnings)
    assert any(":4: unknown setting 'zzz'" in w for w in warnings)
    assert len([w for w in warnings if "unknown setting" in w]) == 3


def test_config_value_that_cannot_be_used_is_an_error_with_its_line(home: Path) -> None:
    (home / "config").mkdir(exist_ok=True)
    (home / "config" / "config.toml").write_text('agent = "sam"\n\ncall_reminder_minutes = "ten"\n')
    result = run("sessions")
    assert result.returncode == 2
    assert "config.toml:3: call_reminder_minutes must be a whole number" in result.stderr


@pytest.mark.parametrize("args", [["-h"], ["run", "-h"], ["history", "-h"], ["doctor", "-h"]])
def test_dash_h_is_help_everywhere(home: Path, args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 0 and result.stdout.startswith("Usage: recover")


def test_version_verbose_names_python_and_the_store_schema(home: Path) -> None:
    import platform

    plain_version = run("--version").stdout
    assert plain_version.startswith("recover ") and "Python" not in plain_version
    verbose = run("--version", "-v").stdout
    assert f"Python {platform.python_version()}" in verbose
    assert "store schema version " in verbose


def test_shell_completion_is_offered_and_completes_commands(home: Path) -> None:
    assert "--install-completion" in run("--help").stdout
    assert "complete" in run("--show-completion", "bash").stdout
    result = run(env={"_RECOVER_COMPLETE": "complete_bash", "COMP_WORDS": "recover re",
                      "COMP_CWORD": "1"})
    assert set(result.stdout.split()) == {"resume", "report", "retention"}


def _complete(*words: str, env: dict[str, str] | None = None) -> list[str]:
    result = run(env={"_RECOVER_COMPLETE": "complete_bash",
                      "COMP_WORDS": " ".join(("recover", *words)),
                      "COMP_CWORD": str(len(words)), **(env or {})})
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout.split()


def test_completion_offers_playbook_scenario_and_session_ids(home: Path) -> None:
    """Issue 19: completion covered commands and options, not the ids."""
    assert _complete("run", "h") == ["heal", "hyken"]
    assert "hyken" in _complete("show", "")
    assert _complete("practice", "hyken", "--scenario", "lo") == ["locked-keys",
                                                                 "lost-reservation"]
    assert _complete("history", "") == []  # no store yet: nothing, and none made
    assert not (home / "data" / "sessions.db").exists()
    answers = home / "a.yaml"
    answers.write_text("steps:\n  - {}\n")
    assert run("run", "hyken", "--customer", "Ann\x1b[2J", "--answers",
               str(answers)).returncode == 0
    sid = str(json.loads(run("history", "--json").stdout)[0]["id"])
    for command in ("history", "export", "resume", "forget", "follow-up", "outcome"):
        assert _complete(command, sid[:3]) == [sid[:8]], command
    assert _complete("history", "zz") == []
    zsh = run(env={"_RECOVER_COMPLETE": "complete_zsh",
                   "_TYPER_COMPLETE_ARGS": f"recover export {sid[:2]}"}).stdout
    assert sid[:8] in zsh and "Ann" in zsh and "\x1b" not in zsh  # the name, gated
    db = home / "data" / "sessions.db"
    db.write_bytes(b"\xa5" * 8192)  # a damaged store completes nothing, quietly
    assert _complete("history", "") == []


@pytest.mark.parametrize("typed", ["Hyken", "HYKEN"])
def test_playbook_ids_match_whatever_the_case(home: Path, typed: str) -> None:
    result = run("show", typed)
    assert result.returncode == 0 and "(hyken)" in result.stdout


def test_a_mistyped_playbook_id_gets_a_did_you_mean(home: Path) -> None:
    result = run("show", "hyke")
    assert result.returncode == 1 and "did you mean 'hyken'?" in result.stderr


def test_doctor_says_where_everything_is_and_masks_the_password(home: Path) -> None:
    text = run("doctor")
    assert text.returncode == 0, text.stderr
    assert f"config file:   {home / 'config' / 'config.toml'}" in text.stdout
    assert str(home / "data") in text.stdout and "(answers)" in text.stdout
    assert "1. built-in" in text.stdout and "2. user" in text.stdout
    (home / "config").mkdir(exist_ok=True)
    (home / "config" / "config.toml").write_text(
        'database_url = "postgresql://sam:topsecret@127.0.0.1:1/recover"\n')
    report = json.loads(run("doctor", "--json").stdout)
    assert report["store"]["url"] == "postgresql://sam:***@127.0.0.1:1/recover"
    assert report["store"]["answers"] is False and report["store"]["kind"] == "sqlite"
    assert "topsecret" not in json.dumps(report)
    # the store configured, then the one in use under it (a red team read "sqlite
    # postgresql://..." as the team store being SQLite)
    said = run("doctor").stdout
    assert re.search(r"^store: +postgresql postgresql://sam:\*\*\*@127\.0\.0\.1:1/recover "
                     r"\(does NOT answer\)$", said, re.M), said
    assert re.search(rf"^ +sqlite {re.escape(str(home / 'data'))}\S*sessions\.db$", said,
                     re.M), said
    assert [d["origin"] for d in report["playbook_dirs"]] == ["built-in", "user"]
    assert set(report["extras"]) == {"team"}
