"""Finding playbooks: built-ins, the team's published ones, the user's folder,
``RECOVER_PLAYBOOKS``, ``--playbooks`` (and a path given to ``show`` or ``run``, which is
read as it is).

Later sources shadow earlier ones with the same id (the team overrides a built-in; a
file on this machine overrides the team's, and ``list`` says so), and a broken file never
hides the others: it is kept aside as a problem for a one-line warning.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from recoverycli.errors import NotFoundError, PlaybookError
from recoverycli.i18n import N_
from recoverycli.paths import builtin_playbooks, user_playbooks

from .model import Playbook, load_playbook

PLAYBOOKS_ENV = "RECOVER_PLAYBOOKS"
SUFFIXES = (".yaml", ".yml")


# The order of precedence, lowest first, as docs/playbooks.md states it.
ORDER = ("built-in", "team", "user", "env", "option")
ORIGIN_WORDS = {"built-in": N_("built-in"), "team": N_("team store"),
                "user": N_("your playbook folder"),
                "env": PLAYBOOKS_ENV, "option": "--playbooks"}


class Entry(NamedTuple):
    playbook: Playbook
    origin: str  # built-in, team, user, env, option
    shadows: tuple[str, ...] = ()  # origins of earlier playbooks with the same id


class Catalog:
    """The playbooks found, by id, and the files that failed to load."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.broken: list[PlaybookError] = []
        self.warnings: list[str] = []  # the team-playbook cache's: not a playbook's

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
        if origin == "user":  # the team's published playbooks come between
            _add_team(catalog)
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
            _add(catalog, playbook, origin)
    if write_cache:
        cache.save()
    return catalog


def where_from(entry: Entry) -> str:
    """Where an entry's playbook came from, as a shadow names it."""
    from .team import label

    book = entry.playbook
    if entry.origin == "team" and book.version is not None:
        return f"team {label(book.id, book.version)}"
    return f"{entry.origin} {book.path}"


def _add(catalog: Catalog, playbook: Playbook, origin: str) -> None:
    earlier = catalog.entries.get(playbook.id)
    shadows: Iterable[str] = ()
    if earlier is not None:
        shadows = (*earlier.shadows, where_from(earlier))
    catalog.entries[playbook.id] = Entry(playbook, origin, tuple(shadows))


def _add_team(catalog: Catalog) -> None:
    """The team's current versions, from the local cache (never the network: a call
    starts with the server down); each read back as untrusted text, as a file is."""
    from .team import parse_published, read_cache, team_key
    from .yamldoc import max_bytes_from_env

    key = team_key()
    if key is None:
        return
    from recoverycli.text import name

    from .team import cache_file, cache_warning, label

    cap = max_bytes_from_env()
    cached = read_cache(key)
    where = str(cache_file())
    if cached.problem:  # not "no team playbooks fetched yet": the file is there, broken
        catalog.warnings.append(cache_warning(cached.problem))
    if cached.skipped:
        catalog.warnings.append(
            f"{cached.skipped} cached team playbook(s) left out of {name(where)}: damaged "
            "entries; they are fetched again when the team store answers")
    for entry in cached.entries:
        try:
            playbook = parse_published(entry, cap)
        except PlaybookError as exc:
            if any("does not match its published hash" in p.message for p in exc.problems):
                catalog.warnings.append(
                    f"skipped {label(entry.id, entry.version)}: its copy does not match its "
                    f"published hash (the cache {name(where)} or the team store's row was "
                    "changed after publishing); it is fetched again when the team store "
                    "answers, and if this is said again, publish it again")
            else:
                catalog.broken.append(exc)
            continue
        _add(catalog, playbook, "team")


def _described(shadow: str) -> str:
    """A shadow ("team team:hyken v3", "user /path/hyken.yaml") as a reader names it."""
    from recoverycli.i18n import _

    origin, _sep, where = shadow.partition(" ")
    if origin == "team":
        return _("the team store's {version}").format(version=where.rpartition(" ")[2])
    if origin == "built-in":
        return _("the built-in one ({where})").format(where=where)
    if origin == "user":
        return _("your playbook folder's {where}").format(where=where)
    return f"{where} ({ORIGIN_WORDS.get(origin, origin)})"


def why_wins(entry: Entry) -> str | None:
    """For an id found in more than one place: which copy is used, and why."""
    if not entry.shadows:
        return None
    from recoverycli.i18n import _

    used = _described(where_from(entry))
    hidden = _(" or ").join(_described(s) for s in reversed(entry.shadows))
    order = " < ".join(str(ORIGIN_WORDS[o]) for o in ORDER)
    return _("{id}: {used} is used, not {hidden}: later sources win, in the order {order}"
             ).format(id=entry.playbook.id, used=used, hidden=hidden, order=order)
