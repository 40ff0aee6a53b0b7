"""The user's settings: ``config.toml`` in the user config dir (``RECOVER_CONFIG_DIR``).

```toml
retention_days = 90          # forget sessions older than this, on each start of the store
agent = "sam"                # who runs the sessions (default: the login name)
team = "billing"             # the team they belong to
database_url = "postgresql://recover@db.example/recover"   # the team's shared store
accessible = true            # plain screens for screen readers (as --accessible)
call_reminder_minutes = 10   # the run's status line says when a call runs past this
lang = "es"                  # the interface's language (as --lang; else LANGUAGE, LC_ALL, ...)
```

``RECOVER_DATABASE_URL``, ``RECOVER_AGENT`` and ``RECOVER_TEAM`` (and the options that set
them) override the file. A setting the file does not know is warned about (one line each,
with the nearest known name) and the command goes on: a typo must never stop a call. Only
a value that cannot be used is an error, with its line.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

from .errors import UsageError
from .paths import user_config_dir

KEYS = ("retention_days", "agent", "team", "database_url", "accessible",
        "call_reminder_minutes", "lang")
MAX_RETENTION_DAYS = 36_500  # a century; more is "keep everything" (leave it out)
_warned: set[str] = set()  # each unknown setting is warned about once per command
_warned_bytes: list[bool] = []  # and a byte that is not UTF-8, once
_warned_lang: list[bool] = []  # and a lang recover does not speak, once


class Config(NamedTuple):
    retention_days: int | None = None
    agent: str | None = None
    team: str | None = None
    database_url: str | None = None
    accessible: bool = False
    call_reminder_minutes: int | None = None
    lang: str | None = None


def config_path() -> Path:
    return user_config_dir() / "config.toml"


def warned_note() -> str:
    """For a screen that clears the warnings away (the run's first step): how many
    settings config.toml has that were ignored, said on the status line."""
    from .text import plural

    count = len(_warned)
    return (f"config.toml: {plural(count, 'unknown setting')} ignored (recover doctor shows "
            "the file)") if count else ""


def _line_of(text: str, key: str) -> int:
    import re

    found = re.search(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def _warn_unknown(path: Path, text: str, unknown: set[str]) -> None:
    """One warning line per unknown setting, in file order, with a did-you-mean (the lines
    are found in one pass: a file of many unknown keys must not take quadratic time)."""
    import difflib
    import re

    from .text import one_line

    lines: dict[str, int] = {}
    for number, row in enumerate(text.splitlines(), 1):
        found = re.match(r"[ \t]*[\"']?([^\"'=\s]+)[\"']?[ \t]*=", row) or re.match(
            r"[ \t]*\[\[?[ \t]*[\"']?([^\"'\].\s]+)", row)  # a [table] on its own line
        if found:
            lines.setdefault(found.group(1), number)
    for key in sorted(unknown, key=lambda k: (lines.get(k, 1), k)):
        _warned.add(key)
        near = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
        hint = f"; did you mean '{near[0]}'?" if near else f" (settings: {', '.join(KEYS)})"
        sys.stderr.write(one_line(f"warning: {path}:{lines.get(key, 1)}: unknown setting "
                                  f"'{key}', ignored{hint}") + "\n")


def load_config() -> Config:
    path = config_path()
    data: dict[str, object] = {}
    text = ""
    if os.path.lexists(path):
        import tomllib

        from .paths import NotRegularFile, open_regular

        try:
            with open_regular(path) as handle:
                raw = handle.read(1024 * 1024).removeprefix(b"\xef\xbb\xbf")  # an editor's BOM
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:  # kept visible (U+FFFD); never stops a call
                from .text import one_line

                line = raw.count(b"\n", 0, exc.start) + 1
                if not _warned_bytes:  # once per command, like unknown keys
                    _warned_bytes.append(True)
                    sys.stderr.write(one_line(
                        f"warning: {path}:{line}: not UTF-8 text (byte 0x{raw[exc.start]:02x})"
                        ", read as \ufffd; save the file as UTF-8") + "\n")
                text = raw.decode("utf-8", errors="replace")
            data = tomllib.loads(text)
        except NotRegularFile as exc:
            raise UsageError(f"{path}: {exc.what}") from None
        except (tomllib.TOMLDecodeError, OSError) as exc:
            raise UsageError(f"{path}: {getattr(exc, 'strerror', None) or exc}") from None
        except RecursionError:  # tomllib recurses once per level of [ or {
            raise UsageError(f"{path}: values nested too deeply to read (recover's settings "
                             "are all plain values)") from None
    unknown = set(data) - set(KEYS) - _warned
    if unknown:
        _warn_unknown(path, text, unknown)

    def bad(key: str, what: str) -> UsageError:
        return UsageError(f"{path}:{_line_of(text, key)}: {key} must be {what}")

    days = data.get("retention_days")
    if days is not None and (not isinstance(days, int) or isinstance(days, bool)
                             or not 1 <= days <= MAX_RETENTION_DAYS):
        raise bad("retention_days", f"a whole number of days, from 1 to {MAX_RETENTION_DAYS}")
    minutes = data.get("call_reminder_minutes")
    if minutes is not None and (not isinstance(minutes, int) or isinstance(minutes, bool)
                                or minutes < 1):
        raise bad("call_reminder_minutes", "a whole number of minutes, 1 or more")
    for key in ("agent", "team", "database_url", "lang"):
        if key in data and not isinstance(data[key], str):
            raise bad(key, "text, in quotes")
    if "accessible" in data and not isinstance(data["accessible"], bool):
        raise bad("accessible", "true or false")
    lang = data.get("lang")
    if isinstance(lang, str) and lang and not _warned_lang:
        from .i18n import LANGUAGES, normalise

        if normalise(lang) is None:  # a typo must never stop a call: English, said once
            from .text import one_line

            _warned_lang.append(True)
            sys.stderr.write(one_line(
                f"warning: {path}:{_line_of(text, 'lang')}: lang {lang!r} is not a language "
                f"recover speaks, English is used (languages: {', '.join(sorted(LANGUAGES))})"
            ) + "\n")

    def pick(key: str) -> str | None:
        from .text import clean

        value = os.environ.get(f"RECOVER_{key.upper()}") or data.get(key)
        return clean(str(value)) if value else None

    return Config(retention_days=days if isinstance(days, int) else None,
                  agent=pick("agent"), team=pick("team"), database_url=pick("database_url"),
                  accessible=data.get("accessible") is True,
                  call_reminder_minutes=minutes if isinstance(minutes, int) else None,
                  lang=lang if isinstance(lang, str) and lang else None)


def configured_lang() -> str | None:
    """``lang`` in config.toml, read quietly for the interface's language: the file's
    other settings, and its problems, are for the command that reads it whole."""
    path = config_path()
    if not os.path.lexists(path):
        return None
    import tomllib

    from .paths import open_regular

    try:
        with open_regular(path) as handle:
            raw = handle.read(1024 * 1024).removeprefix(b"\xef\xbb\xbf")
        value = tomllib.loads(raw.decode("utf-8", errors="replace")).get("lang")
    except Exception:  # said, located, by load_config when it runs
        return None
    return value if isinstance(value, str) else None


def agent_name() -> str:
    """Who is running recover: the configured agent, else the login name."""
    configured = load_config().agent
    if configured:
        return configured
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
