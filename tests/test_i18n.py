"""The interface in more than one language (issue 23): the catalogues are fresh and
complete, the language is chosen as documented, plural forms are pinned, Typer's and
Click's own words are translated, and English costs nothing for it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, run
from recoverycli import i18n

sys.path.insert(0, str(ROOT / "scripts"))
import catalogues

SPANISH = {"LANG": "es_ES.UTF-8"}


@pytest.fixture
def fresh() -> Iterator[None]:
    """i18n's state as a new process has it, restored afterwards."""
    i18n.use()
    yield
    i18n.use()


# --- the catalogues --------------------------------------------------------------------


def test_the_catalogues_are_fresh_and_complete() -> None:
    assert catalogues.problems() == []


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the package's source and catalogues for catalogues.py to check."""
    package = tmp_path / "recoverycli"
    shutil.copytree(catalogues.PACKAGE, package, ignore=shutil.ignore_patterns(
        "__pycache__", "*.mo"))
    monkeypatch.setattr(catalogues, "ROOT", tmp_path)
    monkeypatch.setattr(catalogues, "PACKAGE", package)
    monkeypatch.setattr(catalogues, "LOCALE", package / "locale")
    monkeypatch.setattr(catalogues, "POT", package / "locale" / "recover.pot")
    assert catalogues.problems() == []
    return package


def test_a_new_message_makes_the_template_stale_and_the_spanish_missing(copy: Path) -> None:
    (copy / "extra.py").write_text('from recoverycli.i18n import _\n_("A brand new line")\n',
                                   encoding="utf-8")
    found = catalogues.problems()
    assert any("stale" in p for p in found)
    assert "es: not in the catalogue: 'A brand new line'" in found
    catalogues.update()  # the template and the .po catch up; the Spanish is still to write
    assert catalogues.problems() == ["es: missing: 'A brand new line'"]


def test_a_fuzzy_or_empty_spanish_string_fails(copy: Path) -> None:
    po = copy / "locale" / "es" / "LC_MESSAGES" / "recover.po"
    text = po.read_text(encoding="utf-8")
    fuzzy = text.replace('msgid "Say:"', '#, fuzzy\nmsgid "Say:"', 1)
    po.write_text(fuzzy, encoding="utf-8")
    assert catalogues.problems() == ["es: fuzzy: 'Say:'"]
    po.write_text(text.replace('msgstr "Diga:"', 'msgstr ""', 1), encoding="utf-8")
    assert catalogues.problems() == ["es: missing: 'Say:'"]


@pytest.mark.parametrize("lang", catalogues.languages())
def test_plural_forms_are_pinned_per_language(lang: str) -> None:
    assert f'"Plural-Forms: {i18n.PLURAL_FORMS[lang]}\\n"' in catalogues.po_path(
        lang).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang, expected", [
    ("en", ["0 problems", "1 problem", "2 problems", "1,000,000 problems"]),
    ("es", ["0 problemas", "1 problema", "2 problemas", "1.000.000 problemas"]),
])
def test_plurals_at_0_1_2_and_a_million(fresh: None, lang: str, expected: list[str]) -> None:
    i18n.use(lang)
    said = [i18n.ngettext("{count} problem", "{count} problems", n).format(
        count=i18n.number(n)) for n in (0, 1, 2, 1_000_000)]
    assert said == expected


def test_numbers_as_a_spanish_reader_expects(fresh: None) -> None:
    assert i18n.number(1234, "es") == "1.234"
    assert i18n.number(1234567, "es") == "1.234.567"
    assert i18n.number(2.5, "es") == "2,5"
    assert i18n.number(1234, "en") == "1,234"


# --- choosing the language -------------------------------------------------------------


@pytest.mark.parametrize("env, lang, config, expected", [
    ({}, None, None, "en"),
    ({"LANG": "es_ES.UTF-8"}, None, None, "es"),
    ({"LANG": "es_MX"}, None, None, "es"),
    ({"LC_MESSAGES": "es_ES.UTF-8", "LANG": "en_US.UTF-8"}, None, None, "es"),
    ({"LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}, None, None, "en"),
    ({"LC_ALL": "C", "LANG": "es_ES.UTF-8"}, None, None, "en"),
    ({"LANGUAGE": "fr:es", "LANG": "en_US.UTF-8"}, None, None, "es"),
    ({"LANGUAGE": "es", "LC_ALL": "en_US.UTF-8"}, None, None, "es"),
    ({"LANG": "es_ES.UTF-8"}, None, "en", "en"),
    ({"LANG": "en_US.UTF-8"}, None, "es", "es"),
    ({"LANG": "en_US.UTF-8"}, "es", "en", "es"),
    ({"LANG": "es_ES.UTF-8"}, "en", None, "en"),
    ({"LANG": "xx_YY"}, None, None, "en"),
    ({"LANG": "../../etc/passwd"}, None, None, "en"),
    ({"LANG": "es_ES.UTF-8"}, None, "klingon", "en"),
    ({}, "\x1b[31m", None, "en"),
])
def test_the_language_comes_from_lang_then_config_then_the_environment(
        fresh: None, monkeypatch: pytest.MonkeyPatch, env: dict[str, str],
        lang: str | None, config: str | None, expected: str) -> None:
    for key in i18n.ENV_VARIABLES:
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    i18n.use(lang, (lambda: config) if config is not None else None)
    assert i18n.language() == expected
    i18n.warnings()


def test_a_config_reader_that_fails_is_english_not_a_traceback(fresh: None) -> None:
    def broken() -> str:
        raise ValueError("unreadable")

    i18n.use(None, broken)
    assert i18n.language() in ("en", "es")


def test_lang_in_config_toml_and_on_the_command_line(home: Path) -> None:
    (home / "config").mkdir()
    (home / "config" / "config.toml").write_text('lang = "es"\n', encoding="utf-8")
    assert "Uso: recover" in run("--help").stdout
    assert "Usage: recover" in run("--lang", "en", "--help").stdout
    (home / "config" / "config.toml").write_text('lang = "xx"\n', encoding="utf-8")
    result = run("doctor")
    assert result.returncode == 0, result.stderr
    assert "lang 'xx' is not a language recover speaks" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_lang_option_falls_back_to_english_in_one_line(home: Path) -> None:
    result = run("--lang", "zz", "--help", env=SPANISH)
    assert result.returncode == 0
    assert "Usage: recover" in result.stdout
    assert result.stderr == ("warning: --lang 'zz': no such language here; using English "
                             "(languages: en, es)\n")


# --- Typer's and Click's own words -----------------------------------------------------


def test_help_is_spanish_under_a_spanish_lang(home: Path) -> None:
    out = run("--help", env=SPANISH).stdout
    for spanish in ("Uso: recover [OPCIONES] COMANDO [ARGUMENTOS]...", "Opciones:", "Comandos:",
                    "Muestra este mensaje y sale.", "Muestra un guion como ficha de ensayo."):
        assert spanish in out
    for english in ("Usage", "Options", "Commands", "Show this message and exit"):
        assert english not in out
    out = run("validate", "--help", env=SPANISH).stdout
    assert "Argumentos" in out and "obligatorio" in out and "Termina con el código 0" in out


@pytest.mark.parametrize("args, spanish", [
    (["hisotry"], "recover: no existe el comando 'hisotry'; ¿quería decir 'history'? "
                  "(consulte recover -h)"),
    (["show"], "recover show: falta el argumento 'playbook' (consulte recover show -h)"),
    (["validate", "--jsn", "x"], "recover validate: no existe la opción: --jsn; ¿quería "
                                 "decir --json? (consulte recover validate -h)"),
    (["schema", "extra"], "recover schema: sobran argumentos (extra) (consulte recover "
                          "schema -h)"),
])
def test_usage_errors_are_spanish(home: Path, args: list[str], spanish: str) -> None:
    result = run(*args, env=SPANISH)
    assert result.returncode == 2
    assert result.stderr == spanish + "\n"


def test_english_usage_errors_are_unchanged(home: Path) -> None:
    assert run("hisotry").stderr == ("recover: no such command 'hisotry'; did you mean "
                                     "'history'? (see recover -h)\n")


# --- cost ------------------------------------------------------------------------------


def test_version_reads_no_catalogue_in_spanish(home: Path) -> None:
    """The catalogue is read when a string is first needed: never for --version."""
    code = ("import sys\nsys.argv = ['recover', '--version']\n"
            "from recoverycli.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "from recoverycli import i18n\n"
            "print(i18n._catalogue is None, i18n._loaded == {})\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**__import__("os").environ, **SPANISH}, timeout=60,
                            check=True)
    assert result.stdout.splitlines()[-1] == "True True"


def test_the_catalogue_is_read_once(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    i18n._loaded.clear()
    opened: list[str] = []
    real = i18n._load

    def counting(lang: str) -> object:
        opened.append(lang)
        return real(lang)

    monkeypatch.setattr(i18n, "_load", counting)
    i18n.use("es")
    assert [i18n._("Say:"), i18n._("Avoid:"), i18n._("Say:")] == ["Diga:", "Evite:", "Diga:"]
    assert opened == ["es"]


@pytest.mark.parametrize("lang", catalogues.languages())
def test_the_compiled_catalogue_is_the_po_in_the_repository(lang: str) -> None:
    """What the program reads is what the .po says (an editable install recompiles on
    `pip install -e .`; the wheel's build compiles them)."""
    import gettext

    path = i18n.catalogue_path(lang)
    assert path.exists(), f"{path}: not built; run pip install -e ."
    with path.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in catalogues.read(lang):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            assert compiled.ngettext(message.id[0], message.id[1], 2) == message.string[1], \
                f"{path} is stale: run pip install -e ."
        else:
            assert compiled.gettext(message.id) == message.string, \
                f"{path} is stale: run pip install -e ."


def test_the_wrapped_commands_speak_spanish(home: Path) -> None:
    result = run("show", "hykn", env=SPANISH)
    assert result.returncode == 1
    assert result.stderr == ("recover: no existe el guion 'hykn'; ¿quería decir 'hyken'? "
                             "(guiones: heal, hyken, saxena)\n")
    doctor = run("doctor", env=SPANISH).stdout
    assert "idioma:" in doctor and "es (Español)" in doctor and "almacén:" in doctor
    validate = run("validate", str(ROOT / "playbooks"), env=SPANISH)
    assert validate.stdout.endswith("3 de 3 guiones válidos\n")
    lint = run("lint", str(ROOT / "playbooks" / "hyken.yaml"), env=SPANISH)
    assert lint.stdout.endswith("1 de 1 archivo sin problemas\n")
    card = run("show", "hyken", env=SPANISH).stdout
    assert "Basado en Shep Hyken, «" in card and "Campos del caso:" in card
