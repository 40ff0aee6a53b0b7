"""Where recover keeps things: built-in playbooks, the user's folders, the session store."""

from __future__ import annotations

import os
from pathlib import Path

APP = "recover"


def builtin_playbooks() -> Path:
    """The playbooks shipped in the wheel, or the repository's folder in a source checkout."""
    here = Path(__file__).resolve().parent
    shipped = here / "playbooks"
    return shipped if shipped.is_dir() else here.parent.parent / "playbooks"


def user_config_dir() -> Path:
    env = os.environ.get("RECOVER_CONFIG_DIR")
    if env:
        return Path(env)
    from platformdirs import user_config_dir as config_dir

    return Path(config_dir(APP, appauthor=False))


def user_playbooks() -> Path:
    return user_config_dir() / "playbooks"


def data_dir() -> Path:
    """The session store's folder: ``RECOVER_DATA_DIR`` or the platform's user data dir."""
    env = os.environ.get("RECOVER_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, appauthor=False))


def cache_dir() -> Path:
    """Disposable derived data (the parsed-playbook cache): ``RECOVER_CACHE_DIR`` or beside
    the store in the user data dir, which only the user can read."""
    env = os.environ.get("RECOVER_CACHE_DIR")
    return Path(env) if env else data_dir() / "cache"
