"""Playbooks published to the team store, as every agent's recover reads them: a local copy
of each id's current version (the team cache), so ``list``, ``show`` and ``run`` start
with the server down or frozen.

The cache is one JSON file in the user data dir, written atomically at 0600 into a 0700
folder, keyed by the team store it came from (a hash of its address, never the address:
it may hold a password), so an agent who changes team store never follows another team's
playbooks. Everything in it is untrusted text, as it is on the server: each body goes
through the same located YAML reader as a file (CSafeLoader, no anchors or tags, the
size cap) and its content hash is checked, and a body that fails is a broken playbook
(one warning line naming ``team:ID vN``), never a traceback. Nothing here touches the
network: :mod:`recoverycli.storage.published` fetches and calls :func:`write_cache`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from recoverycli.errors import PlaybookError, Problem
from recoverycli.i18n import _

from .model import Playbook, parse_playbook

CACHE_NAME = "team-playbooks.json"
FORMAT = 1
HASH_SHOWN = 12  # the hash prefix people read ("v3 1f0c2a9be41d")


class Published(NamedTuple):
    """One published version of a playbook, as the team store keeps it."""

    id: str
    version: int
    hash: str  # sha256 of the body's UTF-8 bytes, hex
    publisher: str | None
    published: str  # UTC, ISO 8601
    body: str  # the YAML text as it was published


def content_hash(body: str) -> str:
    import hashlib

    return hashlib.sha256(body.encode("utf-8", "surrogateescape")).hexdigest()


def label(playbook_id: str, version: int) -> str:
    """What located problems and ``list`` name a published version by: ``team:ID vN``."""
    return f"team:{playbook_id} v{version}"


def version_words(version: int | None, digest: str | None) -> str:
    """``v3 (1f0c2a9be41d)``: a version as history and exports show it."""
    if version is None:
        return ""
    return f"v{version} ({digest[:HASH_SHOWN]})" if digest else f"v{version}"


def parse_published(entry: Published, max_bytes: int) -> Playbook:
    """The playbook a published body holds, read exactly as a file is (the same reader and
    size cap), with its version and hash; :class:`PlaybookError` with located problems
    when it is not one (a hand-edited row, a damaged cache)."""
    name = label(entry.id, entry.version)
    data = entry.body.encode("utf-8", "surrogateescape")
    if len(data) > max_bytes:
        raise PlaybookError([Problem(name, 1, 1, "", _(
            "published playbook is {size} bytes, over the {limit}-byte limit").format(
                size=len(data), limit=max_bytes))])
    if content_hash(entry.body) != entry.hash:
        raise PlaybookError([Problem(name, 1, 1, "", _(
            "its content does not match its published hash (changed after publishing); "
            "publish it again"))])
    book = parse_playbook(name, data)
    if book.id != entry.id:
        raise PlaybookError([Problem(name, 1, 1, "id", _(
            "'{id}' is not the id it was published under ('{published}')").format(
                id=book.id, published=entry.id))])
    return book._replace(path=None, version=entry.version, content_hash=entry.hash)


def store_key(url: str) -> str:
    """Which team store a cache came from, without keeping its address (or password)."""
    import hashlib

    return hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def cache_file() -> Path:
    from recoverycli.paths import data_dir

    return data_dir() / CACHE_NAME


def _entry(raw: Any) -> Published | None:
    """One cached entry, or None when it is not the shape written (a damaged file)."""
    if not isinstance(raw, dict):
        return None
    try:
        entry = Published(raw["id"], raw["version"], raw["hash"], raw.get("publisher"),
                          raw["published"], raw["body"])
    except KeyError:
        return None
    texts = (entry.id, entry.hash, entry.published, entry.body)
    if not all(isinstance(t, str) for t in texts) or not isinstance(entry.version, int) \
            or isinstance(entry.version, bool) or not (entry.publisher is None
                                                       or isinstance(entry.publisher, str)):
        return None
    return entry


class Cached(NamedTuple):
    entries: list[Published]
    fetched: str | None  # when the team store was last read (UTC, ISO 8601)
    problem: str | None = None  # what is wrong with the file ("damaged", ...), said once
    skipped: int = 0  # entries not of the shape written (left out, said)


def read_cache(key: str) -> Cached:
    """The team's current versions as last fetched from the store ``key`` names; nothing
    for a missing cache or one written from another store; nothing, with what is wrong,
    for a damaged one (cut off, not JSON, a folder or a link in its place)."""
    import json
    import stat

    file = cache_file()
    try:
        mode = file.lstat().st_mode
    except FileNotFoundError:
        return Cached([], None)
    except OSError as exc:
        return Cached([], None, f"unreadable ({exc.strerror})")
    if not stat.S_ISREG(mode):
        return Cached([], None, "not a regular file (a folder or a link is in its place)")
    try:
        raw = json.loads(file.read_bytes())
    except OSError as exc:
        return Cached([], None, f"unreadable ({exc.strerror})")
    except (ValueError, RecursionError):
        return Cached([], None, "damaged (not the file recover writes)")
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        return Cached([], None, "damaged (not the file recover writes)")
    if raw.get("store") != key:
        return Cached([], None)  # another team store's: never followed, nothing wrong
    playbooks = raw.get("playbooks")
    listed: list[Any] = playbooks if isinstance(playbooks, list) else []
    found = [e for e in map(_entry, listed) if e is not None]
    fetched = raw.get("fetched")
    return Cached(found, fetched if isinstance(fetched, str) else None, None,
                  len(listed) - len(found))


def write_cache(key: str, entries: list[Published], fetched: str) -> str | None:
    """Replace the cache with ``entries`` (0600); returns what stopped it, if something
    did (a folder in its place, a home that cannot be written): the caller says so."""
    import json

    from recoverycli.errors import RecoverError
    from recoverycli.paths import private_dir, write_private

    data = {"format": FORMAT, "store": key, "fetched": fetched,
            "playbooks": [e._asdict() for e in entries]}
    file = cache_file()
    try:
        private_dir(file.parent)
        write_private(str(file), json.dumps(data, ensure_ascii=False), replace_link=True)
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    except RecoverError as exc:
        return exc.message
    return None


def cache_warning(problem: str) -> str:
    """One line for a team-playbook cache that cannot be used."""
    from recoverycli.text import name

    return (f"the team-playbook cache {name(str(cache_file()))} is {problem}: the team's "
            "published playbooks are left out until the team store answers and it is "
            "written again")


def team_key() -> str | None:
    """The key of the configured team store, or None when there is none (then the team's
    playbooks are not read: a local store has no team) or the config cannot be read."""
    from recoverycli.config import load_config
    from recoverycli.errors import RecoverError

    try:
        url = load_config().database_url
    except RecoverError:  # a config that cannot be read is the config's commands' to say
        return None
    return store_key(url) if url else None
