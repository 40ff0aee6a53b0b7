"""Published playbooks: the team's versions of each playbook, in the team store.

Every version is kept (``published_playbooks``: id, version, content hash, body,
publisher, time); an id's current version is its highest number. Publishing the current
content again changes nothing; publishing any other content, an older version's
included, adds the next number (so a rollback is a new version with the old content, and
the history says who did it and when). Versions are numbered under a lock, one publisher
at a time, in the caller's transaction: several files publish all together or not at all.

:func:`refresh_cache` copies the current versions into the agent's local cache (see
:mod:`recoverycli.playbooks.team`), which is what ``list``, ``show`` and ``run`` read.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, NamedTuple

from recoverycli.playbooks.team import Published

from .columns import iso

if TYPE_CHECKING:
    from .backends import Backend
    from .store import Store

_COLUMNS = "id, version, hash, publisher, published, body"
_LOCK = 7320515  # pg_advisory_xact_lock: one publisher numbers versions at a time


class Outcome(NamedTuple):
    entry: Published
    changed: bool  # False: the content was already the current version
    same_as: int | None = None  # an earlier version with this content (a rollback)


def _row(row: tuple[object, ...]) -> Published:
    pid, version, digest, publisher, published, body = row
    return Published(str(pid), int(str(version)), str(digest),
                     None if publisher is None else str(publisher), str(published), str(body))


def current(db: Backend) -> list[Published]:
    """Each id's current (highest) version."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM published_playbooks p WHERE version = (SELECT max(version) "
        "FROM published_playbooks q WHERE q.id = p.id) ORDER BY id").fetchall()
    return [_row(r) for r in rows]


def versions(db: Backend, playbook_id: str) -> list[Published]:
    """Every version of one id, oldest first."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM published_playbooks WHERE id = ? "
                      "ORDER BY version", (playbook_id,)).fetchall()
    return [_row(r) for r in rows]


def version_of(db: Backend, playbook_id: str, version: int) -> Published | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM published_playbooks WHERE id = ? AND "
                     "version = ?", (playbook_id, version)).fetchone()
    return _row(row) if row else None


def ids(db: Backend) -> list[str]:
    return [str(r[0]) for r in db.execute(
        "SELECT DISTINCT id FROM published_playbooks ORDER BY id")]


def publish(db: Backend, playbook_id: str, body: str, digest: str, publisher: str | None,
            when: float | None = None) -> Outcome:
    """Store ``body`` as the next version of ``playbook_id``, unless it is already the
    current one. In the caller's transaction (or one of its own)."""
    with db.transaction():
        if db.dialect.name == "postgresql":
            db.execute(f"SELECT pg_advisory_xact_lock({_LOCK})")
        known = versions(db, playbook_id)
        if known and known[-1].hash == digest:
            return Outcome(known[-1], False)
        same = next((v.version for v in reversed(known) if v.hash == digest), None)
        entry = Published(playbook_id, (known[-1].version if known else 0) + 1, digest,
                          publisher, iso(time.time() if when is None else when), body)
        db.execute(f"INSERT INTO published_playbooks ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                   tuple(entry))
        return Outcome(entry, True, same)


def refresh_cache(store: Store, url: str) -> list[Published]:
    """Copy the team's current versions into this agent's cache; returns them."""
    from recoverycli.playbooks.team import store_key, write_cache

    found = store.read(current)
    failed = write_cache(store_key(url), found, iso(time.time()))
    if failed:  # said on every refresh: a call started offline would not have them
        import sys

        from recoverycli.playbooks.team import cache_file
        from recoverycli.text import name, one_line

        sys.stderr.write(one_line(
            f"warning: cannot write the team-playbook cache {name(str(cache_file()))}: "
            f"{failed}; a call started with the team store away will not have the team's "
            "playbooks") + "\n")
    return found
