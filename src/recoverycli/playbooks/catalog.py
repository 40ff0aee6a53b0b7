"""Finding playbooks: built-ins, the user's folder, ``RECOVER_PLAYBOOKS``, ``--playbooks``.

Later sources shadow earlier ones with the same id (a team can override a built-in), and
a broken file never hides the others: it is kept aside as a problem for a one-line
warning.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from recoverycli.errors import NotFoundError, PlaybookError
from recoverycli.paths import builtin_playbooks, user_playbooks

from .model import Playbook, load_playbook

PLAYBOOKS_ENV = "RECOVER_PLAYBOOKS"
SUFFIXES = (".yaml", ".yml")


class Entry(NamedTuple):
    playbook: Playbook
    origin: str  # built-in, user, env, option
    shadows: tuple[str, ...] = ()  # origins of earlier playbooks with the same id


class Catalog:
    """The playbooks found, by id, and the files that failed to load."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.broken: list[PlaybookError] = []

    def get(self, name: str) -> Playbook:
        """A playbook by id, or by path to a YAML file."""
        if name.endswith(SUFFIXES) or os.sep in name:
            return load_playbook(name)
        from recoverycli.names import matching, nearest

        found = matching(name, self.entries)  # ids match whatever the case
        if found is None:
            from recoverycli.i18n import _

            near = nearest(name, self.entries)
            known = ", ".join(sorted(self.entries)) or _("none")
            message = _("no playbook '{name}'; did you mean '{near}'? (playbooks: {known})") \
                if near else _("no playbook '{name}' (playbooks: {known})")
            raise NotFoundError(message.format(name=name, near=near, known=known))
        return self.entries[found].playbook


def sources(extra_dirs: Sequence[str] = ()) -> list[tuple[str, Path]]:
    """The folders to read, in order from lowest to highest precedence."""
    found = [("built-in", builtin_playbooks()), ("user", user_playbooks())]
    env = os.environ.get(PLAYBOOKS_ENV, "")
    found += [("env", Path(p)) for p in env.split(os.pathsep) if p]
    found += [("option", Path(p)) for p in extra_dirs]
    return found


def playbook_files(path: Path) -> list[Path]:
    """``path`` itself unless it is a folder (a FIFO or a device is named, then refused
    when read), else the YAML files in it (only regular ones)."""
    if not os.path.isdir(path):
        return [path] if os.path.lexists(path) else []
    try:
        entries = list(path.iterdir())
    except OSError:  # a folder that cannot be listed holds no playbook we can read
        return []
    return sorted(p for p in entries if p.suffix in SUFFIXES and os.path.isfile(p))


def _warn_missing(origin: str, folder: Path) -> None:
    import sys

    from recoverycli.text import one_line

    where = "--playbooks" if origin == "option" else PLAYBOOKS_ENV
    sys.stderr.write(one_line(f"warning: {where} {folder}: no such folder; its playbooks "
                              "are not loaded") + "\n")


def load_catalog(extra_dirs: Sequence[str] = (), write_cache: bool = True) -> Catalog:
    from recoverycli.paths import cache_dir

    from . import cache as plcache
    from .yamldoc import max_bytes_from_env

    cache = plcache.PlaybookCache(cache_dir() / "playbooks.marshal", max_bytes_from_env())
    catalog = Catalog()
    for origin, folder in sources(extra_dirs):
        if origin in ("env", "option") and not os.path.exists(folder):
            _warn_missing(origin, folder)  # a typo in a team's path must not go unnoticed
        for path in playbook_files(folder):
            name = str(path)
            stamp = plcache.stamp(path)
            record = cache.get(name, stamp) if stamp else None
            if record is not None and record[1]:
                playbook = plcache.decode_playbook(record[2])
            elif record is not None:
                catalog.broken.append(PlaybookError(plcache.decode_problems(record[2])))
                continue
            else:
                try:
                    playbook = load_playbook(name)
                except PlaybookError as exc:
                    catalog.broken.append(exc)
                    if stamp:
                        cache.put(name, stamp, False, plcache.plain(tuple(exc.problems)))
                    continue
                if stamp:
                    cache.put(name, stamp, True, plcache.encode_playbook(playbook))
            earlier = catalog.entries.get(playbook.id)
            shadows: Iterable[str] = ()
            if earlier is not None:
                shadows = (*earlier.shadows, f"{earlier.origin} {earlier.playbook.path}")
            catalog.entries[playbook.id] = Entry(playbook, origin, tuple(shadows))
    if write_cache:
        cache.save()
    return catalog
