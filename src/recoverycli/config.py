"""The user's settings: ``config.toml`` in the user config dir (``RECOVER_CONFIG_DIR``).

```toml
retention_days = 90   # forget sessions older than this, on each start of the store
```
"""

from __future__ import annotations

from typing import NamedTuple

from .errors import UsageError
from .paths import user_config_dir

KEYS = ("retention_days",)


class Config(NamedTuple):
    retention_days: int | None = None


def load_config() -> Config:
    path = user_config_dir() / "config.toml"
    if not path.exists():
        return Config()
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise UsageError(f"{path}: {exc}") from None
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise UsageError(f"{path}: unknown setting '{unknown[0]}' (settings: {', '.join(KEYS)})")
    days = data.get("retention_days")
    if days is not None and (not isinstance(days, int) or isinstance(days, bool) or days < 1):
        raise UsageError(f"{path}: retention_days must be a whole number of days, 1 or more")
    return Config(retention_days=days)
