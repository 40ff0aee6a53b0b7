"""Typer's and Click's own words in the interface's language.

Typer 0.28 carries its own copy of Click with the English written in ("Usage: ", "Show
this message and exit.", "Missing argument", "No such option"), and translates a few
others through the stdlib's global gettext domain ("Options", "Commands", "[required]").
:func:`localise` (called once, right after typer is imported, before any command is
built) points those at :mod:`recoverycli.i18n`, owns the help option, and translates the
help texts the commands declare (marked with ``M_``) when they are shown, not when they
are defined: nothing is read from a catalogue until a string is printed, so
``recover --version`` stays as cheap in Spanish as in English.

The usage errors Click raises are reworded by :func:`usage_message` from the error's own
fields, in the project's style (lower case, the option first, did-you-mean after a
semicolon), in the interface's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from recoverycli.i18n import _

_done: list[bool] = []


def _framework_words() -> None:
    """The framework's words, for the catalogue's extractor (never called): what Typer
    passes through gettext and what its copy of Click writes in English."""
    _("Usage: ")
    _("[OPTIONS]")
    _("COMMAND [ARGS]...")
    _("Options")
    _("Arguments")
    _("Commands")
    _("Show this message and exit.")
    _("required")
    _("default: {default}")
    _("env var: {var}")
    _("(dynamic)")
    _("Aborted!")
    _("Error")
    _("Install completion for the current shell.")
    _("Show completion for the current shell, to copy it or customize the installation.")


def _translated(method: Callable[..., Any], *attributes: str) -> Callable[..., Any]:
    """``method`` run with the object's ``help``/``short_help`` translated for the call."""

    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        kept = {a: getattr(self, a, None) for a in attributes}
        try:
            for attribute, value in kept.items():
                if isinstance(value, str) and value:
                    setattr(self, attribute, _(value))
            return method(self, *args, **kwargs)
        finally:
            for attribute, value in kept.items():
                setattr(self, attribute, value)

    wrapper.__wrapped__ = method  # type: ignore[attr-defined]
    return wrapper


def localise() -> None:
    """Point typer's words at the project's catalogue (idempotent, and reads none)."""
    if _done:
        return
    _done.append(True)
    import typer.core as typer_core
    from typer._click import core as click_core
    from typer._click import decorators, formatting

    typer_core._ = _  # type: ignore[attr-defined]  # Options, Commands, [required]

    write_usage = formatting.HelpFormatter.write_usage

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", _("[OPTIONS]")).replace(
            "COMMAND [ARGS]...", _("COMMAND [ARGS]..."))
        write_usage(self, prog, args, _("Usage: ") if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = usage  # type: ignore[method-assign]

    plain_help_option = decorators.help_option

    def help_option(param_decls: list[str]) -> Callable[[Any], Any]:
        make = plain_help_option(param_decls)

        def attach(command: Any) -> Any:
            result = make(command)
            command.params[-1].help = "Show this message and exit."  # shown translated
            return result

        return attach

    decorators.help_option = help_option
    for cls in (typer_core.TyperOption, typer_core.TyperArgument):
        cls.get_help_record = _translated(cls.get_help_record, "help")  # type: ignore[method-assign]
    command = click_core.Command
    command.format_help_text = _translated(command.format_help_text, "help")  # type: ignore[method-assign]
    command.get_short_help_str = _translated(  # type: ignore[method-assign]
        command.get_short_help_str, "help", "short_help")


# Click's usage errors as :func:`recoverycli.cli.app._what_went_wrong` words them in
# English, and the templates that say the same in the interface's language (compiled on
# the first usage error in a language other than English: never on a good command line).
def _patterns() -> list[tuple[re.Pattern[str], Callable[[], str]]]:
    return [
        (re.compile(r"^no such command '(?P<name>.*?)'; did you mean (?P<near>.+)\?$", re.S),
         lambda: _("no such command '{name}'; did you mean {near}?")),
        (re.compile(r"^no such command '(?P<name>.*)'$", re.S),
         lambda: _("no such command '{name}'")),
        (re.compile(r"^no such option: (?P<name>\S+); did you mean (?P<near>.+)\?$", re.S),
         lambda: _("no such option: {name}; did you mean {near}?")),
        (re.compile(r"^no such option: (?P<name>.*)$", re.S),
         lambda: _("no such option: {name}")),
        (re.compile(r"^missing argument '(?P<name>.*)'$", re.S),
         lambda: _("missing argument '{name}'")),
        (re.compile(r"^missing option '(?P<name>[^']*)'; choose from (?P<choices>.+)$", re.S),
         lambda: _("missing option '{name}'; choose from {choices}")),
        (re.compile(r"^missing option '(?P<name>.*)'$", re.S),
         lambda: _("missing option '{name}'")),
        (re.compile(r"^missing command$"), lambda: _("missing command")),
        (re.compile(r"^got unexpected extra arguments? \((?P<extra>.*)\)$", re.S),
         lambda: _("got unexpected extra arguments ({extra})")),
        (re.compile(r"^got unexpected extra argument\(s\) \((?P<extra>.*)\)$", re.S),
         lambda: _("got unexpected extra arguments ({extra})")),
        (re.compile(r"^(?P<name>\S+): option '(?P<option>\S+)' requires an argument$"),
         lambda: _("{name}: needs a value")),
        (re.compile(r"^option '(?P<name>\S+)' requires an argument$"),
         lambda: _("{name}: needs a value")),
        (re.compile(r"^(?P<name>\S+): '(?P<value>.*)' is not a valid int(?:eger)?(?: range)?$",
                    re.S), lambda: _("{name}: '{value}' is not a whole number")),
        (re.compile(r"^(?P<name>\S+): '(?P<value>.*)' is not a valid float(?: range)?$", re.S),
         lambda: _("{name}: '{value}' is not a number")),
        (re.compile(r"^(?P<name>\S+): (?P<value>\S+) is not in the range (?P<range>.+)$", re.S),
         lambda: _("{name}: {value} is not in the range {range}")),
        (re.compile(r"^(?P<name>\S+): '(?P<value>.*)' is not one of (?P<choices>.+)$", re.S),
         lambda: _("{name}: '{value}' is not one of {choices}")),
        (re.compile(r"^(?P<name>\S+): '(?P<value>.*)' is not (?P<choices>.+?); choose from "
                    r"(?P<from>.+)$", re.S),
         lambda: _("{name}: '{value}' is not {choices}; choose from {from}")),    ]


def usage_message(text: str) -> str:
    """A usage error worded in English by the CLI, in the interface's language (as it is
    when it has no template here)."""
    from recoverycli.i18n import language

    if language() == "en":
        return text
    for pattern, template in _patterns():
        found = pattern.match(text)
        if found:
            return template().format(**found.groupdict())
    return text


def see_help(path: str) -> str:
    """`` (see recover history -h)`` in the interface's language."""
    return _("(see {command} -h)").format(command=path)
