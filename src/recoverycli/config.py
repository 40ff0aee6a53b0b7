"""The user's settings: ``config.toml`` in the user config dir (``RECOVER_CONFIG_DIR``).

```toml
retention_days = 90          # forget sessions older than this, on each start of the store
agent = "sam"                # who runs the sessions (default: the login name)
team = "billing"             # the team they belong to
database_url = "postgresql://recover@db.example/recover"   # the team's shared store
accessible = true            # plain screens for screen readers (as --accessible)
call_reminder_minutes = 10   # the run's status line says when a call runs past this
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
        "call_reminder_minutes")
_warned: set[str] = set()  # each unknown setting is warned about once per command


class Config(NamedTuple):
    retention_days: int | None = None
    agent: str | None = None
    team: str | None = None
    database_url: str | None = None
    accessible: bool = False
    call_reminder_minutes: int | None = None


def config_path() -> Path:
    return user_config_dir() / "config.toml"


def _line_of(text: str, key: str) -> int:
    import re

    found = re.search(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def load_config() -> Config:
    path = config_path()
    data: dict[str, object] = {}
    text = ""
    if path.exists():
        import tomllib

        try:
            text = path.read_text(encoding="utf-8")
            data = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            raise UsageError(f"{path}: {exc}") from None
    for key in sorted(set(data) - set(KEYS), key=lambda k: _line_of(text, k)):
        if key in _warned:
            continue
        _warned.add(key)
        import difflib

        near = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
        hint = f"; did you mean '{near[0]}'?" if near else f" (settings: {', '.join(KEYS)})"
        from .text import one_line

        sys.stderr.write(one_line(f"warning: {path}:{_line_of(text, key)}: unknown setting "
                                  f"'{key}', ignored{hint}") + "\n")

    def bad(key: str, what: str) -> UsageError:
        return UsageError(f"{path}:{_line_of(text, key)}: {key} must be {what}")

    days = data.get("retention_days")
    if days is not None and (not isinstance(days, int) or isinstance(days, bool) or days < 1):
        raise bad("retention_days", "a whole number of days, 1 or more")
    minutes = data.get("call_reminder_minutes")
    if minutes is not None and (not isinstance(minutes, int) or isinstance(minutes, bool)
                                or minutes < 1):
        raise bad("call_reminder_minutes", "a whole number of minutes, 1 or more")
    for key in ("agent", "team", "database_url"):
        if key in data and not isinstance(data[key], str):
            raise bad(key, "text, in quotes")
    if "accessible" in data and not isinstance(data["accessible"], bool):
        raise bad("accessible", "true or false")

    def pick(key: str) -> str | None:
        value = os.environ.get(f"RECOVER_{key.upper()}") or data.get(key)
        return str(value) if value else None

    return Config(retention_days=days if isinstance(days, int) else None,
                  agent=pick("agent"), team=pick("team"), database_url=pick("database_url"),
                  accessible=data.get("accessible") is True,
                  call_reminder_minutes=minutes if isinstance(minutes, int) else None)


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
