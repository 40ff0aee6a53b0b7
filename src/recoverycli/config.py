"""The user's settings: ``config.toml`` in the user config dir (``RECOVER_CONFIG_DIR``).

```toml
retention_days = 90          # forget sessions older than this, on each start of the store
agent = "sam"                # who runs the sessions (default: the login name)
team = "billing"             # the team they belong to
database_url = "postgresql://recover@db.example/recover"   # the team's shared store
```

``RECOVER_DATABASE_URL``, ``RECOVER_AGENT`` and ``RECOVER_TEAM`` (and the options that set
them) override the file.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from .errors import UsageError
from .paths import user_config_dir

KEYS = ("retention_days", "agent", "team", "database_url")
MAX_RETENTION_DAYS = 36_500  # a century; more is "keep everything" (leave it out)


class Config(NamedTuple):
    retention_days: int | None = None
    agent: str | None = None
    team: str | None = None
    database_url: str | None = None


def load_config() -> Config:
    path = user_config_dir() / "config.toml"
    data: dict[str, object] = {}
    if os.path.lexists(path):
        import tomllib

        from .paths import NotRegularFile, open_regular

        try:
            with open_regular(path) as handle:
                data = tomllib.loads(handle.read(1024 * 1024).decode("utf-8"))
        except NotRegularFile as exc:
            raise UsageError(f"{path}: {exc.what}") from None
        except UnicodeDecodeError as exc:
            raise UsageError(f"{path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x}); "
                             "save the file as UTF-8") from None
        except (tomllib.TOMLDecodeError, OSError) as exc:
            raise UsageError(f"{path}: {getattr(exc, 'strerror', None) or exc}") from None
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise UsageError(f"{path}: unknown setting '{unknown[0]}' (settings: {', '.join(KEYS)})")
    days = data.get("retention_days")
    if days is not None and (not isinstance(days, int) or isinstance(days, bool)
                             or not 1 <= days <= MAX_RETENTION_DAYS):
        raise UsageError(f"{path}: retention_days must be a whole number of days, from 1 to "
                         f"{MAX_RETENTION_DAYS}")
    for key in ("agent", "team", "database_url"):
        if key in data and not isinstance(data[key], str):
            raise UsageError(f"{path}: {key} must be text")

    def pick(key: str) -> str | None:
        from .text import clean

        value = os.environ.get(f"RECOVER_{key.upper()}") or data.get(key)
        return clean(str(value)) if value else None

    return Config(retention_days=days if isinstance(days, int) else None,
                  agent=pick("agent"), team=pick("team"), database_url=pick("database_url"))


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
