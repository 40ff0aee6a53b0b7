"""The interface's language: gettext in the project's own domain, ``recover``.

* :func:`_` and :func:`ngettext` translate a message (``N_`` marks a module-level constant
  and translates it only when it is turned into text; ``M_`` marks a help text the CLI
  translates where it shows it);
* the language is resolved once, the first time a string is needed, never at import:
  ``--lang`` (the CLI calls :func:`use`), ``lang`` in ``config.toml`` (the CLI hands over
  a reader with :func:`use`), then ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and ``LANG``;
  English when none names a language there is a catalogue for. A value that is not a
  language (``C``, ``xx``, ``../x``) is passed over, never a traceback;
* the catalogue (``locale/<lang>/LC_MESSAGES/recover.mo``, compiled from the ``.po`` in
  the repository by the build) is read once, and never at all in English;
* :func:`number` writes a whole number as the reader expects (``1,234``; ``1.234``).

Nothing here imports the rest of the package (the bottom of the drawing), and nothing
heavy is imported before a string in a language other than English is needed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

DOMAIN = "recover"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE = "en"  # the language the messages are written in
# Plural forms, pinned per language (tests/test_i18n.py holds each catalogue to its line):
# a catalogue whose header says otherwise is a mistake, not a choice of the translator.
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
}
LANGUAGES = {"en": "English", "es": "Español"}
ENV_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_TAG = r"^([A-Za-z]{2,3})(?:[_-]([A-Za-z]{2}|\d{3}))?$"  # compiled when a value is read

_chosen: str | None = None  # from --lang
_config_reader: Callable[[], str | None] | None = None  # lang in config.toml, read lazily
_language: str | None = None  # resolved
_catalogue: Any = None  # a gettext.GNUTranslations, or False for English
_warnings: list[str] = []  # what the CLI says once on stderr (a --lang it cannot honour)
_speaking: list[str] = []  # languages :func:`speaking` put in force, innermost last


def use(lang: str | None = None, config: Callable[[], str | None] | None = None) -> None:
    """Set what decides the language (``--lang``, and how to read ``config.toml``'s
    ``lang``) without resolving anything yet; drops what an earlier call resolved."""
    global _chosen, _config_reader, _language, _catalogue
    _chosen, _config_reader, _language, _catalogue = lang, config, None, None


def normalise(value: str | None) -> str | None:
    """``es_ES.UTF-8`` -> ``es``; ``pt-BR`` -> ``pt``; ``C``, ``POSIX``, ``xx`` and
    anything that is not a language tag -> None. Only languages with a catalogue (and
    English) are returned."""
    if not value:
        return None
    import re

    tag = value.split(".", 1)[0].split("@", 1)[0].strip()
    match = re.match(_TAG, tag)
    if match is None or tag.upper() in ("C", "POSIX"):
        return None
    code = match.group(1).lower()
    return code if code in LANGUAGES else None


def _resolve() -> str:
    if _chosen is not None:
        found = normalise(_chosen)
        if found:
            return found
        _warnings.append(f"--lang {_chosen!r}: no such language here; using English "
                         f"(languages: {', '.join(sorted(LANGUAGES))})")
        return SOURCE
    if _config_reader is not None:
        try:
            configured = _config_reader()
        except Exception:  # a broken config.toml is said by the command that reads it
            configured = None
        if configured:
            found = normalise(configured)
            if found:
                return found
            _warnings.append(f"config.toml: lang {configured!r}: no such language here; "
                             f"using English (languages: {', '.join(sorted(LANGUAGES))})")
            return SOURCE
    for variable in ENV_VARIABLES:
        value = os.environ.get(variable)
        if not value:
            continue
        # LANGUAGE is a list ("es:en"); the first entry we have wins. The others hold one.
        for part in value.split(":") if variable == "LANGUAGE" else [value]:
            found = normalise(part)
            if found:
                return found
        if variable != "LANGUAGE":
            return SOURCE  # LC_ALL=C: the reader asked for the untranslated interface
    return SOURCE


@contextmanager
def speaking(lang: str | None) -> Iterator[None]:
    """Within the block, messages (and :func:`language`) are in ``lang``: a summary
    written in the customer's language while the screens stay in the agent's. None
    changes nothing."""
    if not lang:
        yield
        return
    _speaking.append(lang)
    try:
        yield
    finally:
        _speaking.pop()


def language() -> str:
    """The interface's language code (``en``, ``es``), resolved on the first call."""
    global _language
    if _speaking:
        return _speaking[-1]
    if _language is None:
        _language = _resolve()
    return _language


def warnings() -> list[str]:
    """What could not be honoured (said once, by the CLI, on stderr)."""
    language()
    said = list(_warnings)
    _warnings.clear()
    return said


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def _translations(lang: str | None = None) -> Any:
    """The compiled catalogue of ``lang`` (default: the interface's), or None in English
    or when it is missing (a source checkout not yet built: English, not a crash)."""
    global _catalogue
    if lang is None and _speaking:
        lang = _speaking[-1]
    if lang is not None:
        return _load(lang)
    if _catalogue is None:
        _catalogue = _load(language()) or False
    return _catalogue or None


_loaded: dict[str, Any] = {}


def _load(lang: str) -> Any:
    if lang == SOURCE:
        return None
    if lang not in _loaded:
        path = catalogue_path(lang)
        found = None
        try:
            with open(path, "rb") as handle:
                import gettext

                found = gettext.GNUTranslations(handle)
        except (OSError, ValueError, UnicodeDecodeError):
            found = None
        _loaded[lang] = found
    return _loaded[lang]


def _(message: str) -> str:
    """``message`` in the interface's language (itself in English or when untranslated)."""
    translations = _translations()
    return translations.gettext(message) if translations is not None else message


gettext = _


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count``, by the language's pinned plural rule."""
    translations = _translations()
    if translations is not None:
        return str(translations.ngettext(singular, plural, count))
    return singular if count == 1 else plural


def in_language(lang: str, message: str) -> str:
    """``message`` in ``lang`` whatever the interface's language (summaries, playbook
    runs in the customer's language)."""
    translations = _load(lang) if lang != SOURCE else None
    return translations.gettext(message) if translations is not None else message


class LazyText:
    """A message marked at module level and translated each time it is read as text."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message

    def __str__(self) -> str:
        return _(self.message)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"N_({self.message!r})"

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(self.message)

    def __add__(self, other: str) -> str:
        return str(self) + other

    def __radd__(self, other: str) -> str:
        return other + str(self)


def N_(message: str) -> LazyText:  # the name gettext tools know
    """Mark ``message`` for translation when it is read, not when it is defined."""
    return LazyText(message)


def M_(message: str) -> str:  # the name gettext tools know
    """Mark ``message`` (a command's or an option's help) for the catalogue; the CLI
    translates it where it is shown (:mod:`recoverycli.cli.framework`)."""
    return message


def language_name(code: str) -> str:
    """A language's name in the interface's language ("Spanish", "español"); a code the
    catalogue has no name for as it is (``fr``)."""
    names = {"en": N_("English"), "es": N_("Spanish"), "fr": N_("French"),
             "de": N_("German"), "pt": N_("Portuguese"), "it": N_("Italian"),
             "nl": N_("Dutch"), "other": N_("another language")}
    return str(names[code]) if code in names else code


def number(value: int | float, lang: str | None = None) -> str:
    """A number as the reader writes it: ``1,234`` and ``1.5`` in English, ``1.234`` and
    ``1,5`` in Spanish (CLDR's separators; the 4-digit group is kept, as ``1.234``)."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    if (lang or language()) == "es":
        return text.translate(str.maketrans(",.", ".,"))
    return text


def stderr_warnings() -> None:
    """Write what could not be honoured, once (the CLI calls this before a command)."""
    for line in warnings():
        sys.stderr.write(f"warning: {line}\n")
