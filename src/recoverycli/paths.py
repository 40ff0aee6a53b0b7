"""Where recover keeps things: built-in playbooks, the user's folders, the session store."""

from __future__ import annotations

import os
from pathlib import Path

APP = "recover"


def builtin(folder: str) -> Path:
    """A data folder shipped in the wheel (playbooks, scenarios), or the repository's own
    folder in a source checkout."""
    here = Path(__file__).resolve().parent
    shipped = here / folder
    return shipped if shipped.is_dir() else here.parent.parent / folder


def builtin_playbooks() -> Path:
    return builtin("playbooks")


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


def write_private(path: str, text: str) -> None:
    """Write ``text`` atomically (never half-written), readable by the user only."""
    import os
    import tempfile

    from .errors import RecoverError

    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".recover-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        raise RecoverError(f"cannot write {path}: {exc.strerror}") from None


def check_writable(path: str, option: str) -> None:
    """Before any work: can ``path`` be written (its folder exists and takes files, and it
    is not a folder)? A usage error naming ``option`` if not."""
    import os

    from .errors import UsageError

    full = os.path.abspath(path)
    folder = os.path.dirname(full)
    if os.path.isdir(full):
        raise UsageError(f"{option} {path}: is a folder, not a file")
    if not os.path.isdir(folder):
        raise UsageError(f"{option} {path}: no such folder {folder}")
    if not os.access(folder, os.W_OK | os.X_OK) or (os.path.exists(full)
                                                    and not os.access(full, os.W_OK)):
        raise UsageError(f"{option} {path}: not allowed to write there")
