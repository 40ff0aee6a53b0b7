"""Where recover keeps things: built-in playbooks, the user's folders, the session store."""

from __future__ import annotations

import os
import stat
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

APP = "recover"


def builtin(folder: str) -> Path:
    """A data folder shipped in the wheel (playbooks, scenarios, under ``builtin/``), or the
    repository's own folder in a source checkout."""
    here = Path(__file__).resolve().parent
    shipped = here / "builtin" / folder
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
    """Disposable derived data (the parsed-playbook cache): ``RECOVER_CACHE_DIR``, else
    beside a store set with ``RECOVER_DATA_DIR``, else the platform's user cache dir."""
    env = os.environ.get("RECOVER_CACHE_DIR")
    if env:
        return Path(env)
    if os.environ.get("RECOVER_DATA_DIR"):
        return data_dir() / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP, appauthor=False))


def private_dir(folder: Path) -> Path:
    """Make ``folder`` (and any missing parent) the user's only: every folder created here
    is 0700, whatever the umask (existing folders are left as they are)."""
    missing = []
    probe = folder
    while not os.path.isdir(probe) and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)  # OSError (a file in the way, no permission) to the caller
        except FileExistsError:
            if not os.path.isdir(path):
                raise
            continue  # another recover made it first (two starting at once): theirs stands
        os.chmod(path, 0o700)  # the umask may have taken bits away, never added: exact
    return folder


def write_private(path: str, text: str | bytes, *, replace_link: bool = False) -> None:
    """Write atomically (never half-written), readable by the user only (0600, whatever
    the umask). The text goes to a new temporary file beside ``path`` (created with
    O_EXCL, so never through a link) which then replaces ``path``. A symlink at ``path``
    is refused (neither followed nor replaced: ``-o /dev/stdout`` must not turn the
    system's link into a file) unless ``replace_link`` (recover's own cache files). A
    failed write leaves no temporary file."""
    import tempfile

    from .errors import RecoverError

    folder = os.path.dirname(os.path.abspath(path))
    temp = None
    try:
        _refuse_special(path)
        if not replace_link and os.path.islink(path):
            raise NotRegularFile(path, _LINK)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".recover-")
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        if os.path.isdir(path) and not os.path.islink(path):
            raise IsADirectoryError(21, "is a folder")
        os.replace(temp, path)
        temp = None
    except OSError as exc:
        from .text import visible

        why = exc.what if isinstance(exc, NotRegularFile) else exc.strerror or exc
        raise RecoverError(visible(f"cannot write {path}: {why}")) from None
    finally:
        if temp is not None:
            with suppress(OSError):
                os.unlink(temp)


def _refuse_special(path: str) -> None:
    """A FIFO, a device or a socket at ``path`` is never replaced (nor written to): files
    recover writes are regular files. A symlink is replaced, never followed."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode) or stat.S_ISDIR(mode)):
        raise NotRegularFile(path, _kind(mode))


_LINK = ("is a symbolic link; name the file it points to (recover never writes "
         "through a link nor replaces one)")


class NotRegularFile(OSError):
    """A path names a FIFO, a device, a socket or a folder where a file was expected."""

    def __init__(self, path: str, what: str) -> None:
        super().__init__(f"{path}: {what}")
        self.what = what


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open a file for reading only if it is a regular file: a FIFO, a device, a socket or
    a folder is refused at once (opened non-blocking, then checked), never read or waited
    on. The one door for every file recover reads (playbooks, answers, scenarios, rules,
    config); raises :class:`NotRegularFile` or the ``OSError`` of opening it."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | os.O_CLOEXEC
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(os.fspath(path), _kind(mode))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def check_writable(path: str, option: str) -> None:
    """Before any work: can ``path`` be written (its folder exists and takes files, and it
    is not a folder)? A usage error naming ``option`` if not."""
    from .errors import UsageError

    if not path.strip():
        raise UsageError(f"{option}: the file name is empty")
    if path == "-" or path.startswith("-"):
        raise UsageError(f"{option} {path}: not a file name (leave out {option} to write to "
                         "standard output)")
    full = os.path.abspath(path)
    folder = os.path.dirname(full)
    real = os.path.realpath(folder).rstrip("/") + "/"
    if real.startswith(("/proc/", "/sys/", "/dev/")) and not real.startswith("/dev/shm/"):
        # kernel folders take no files: found out before the call, not after it
        raise UsageError(f"{option} {path}: {folder} is not a folder that takes files; "
                         "write under your home or the current folder")
    if os.path.isdir(full):
        raise UsageError(f"{option} {path}: is a folder, not a file")
    if os.path.islink(full):
        if os.path.realpath(full).startswith(("/proc/", "/dev/")):
            raise UsageError(f"{option} {path}: is a link to a stream or a device, not a file "
                             f"(leave out {option} to write to standard output)")
        raise UsageError(f"{option} {path}: {_LINK}")
    try:
        _refuse_special(full)
    except NotRegularFile as exc:
        raise UsageError(f"{option} {path}: {exc.what}") from None
    if not os.path.isdir(folder):
        raise UsageError(f"{option} {path}: no such folder {folder}")
    if not os.access(folder, os.W_OK | os.X_OK) or (os.path.exists(full)
                                                    and not os.access(full, os.W_OK)):
        raise UsageError(f"{option} {path}: not allowed to write there")
