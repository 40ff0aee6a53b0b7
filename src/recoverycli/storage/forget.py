"""Forgetting: which sessions and attempts a criterion names, and deleting them so that
nothing of them is left in the store's files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recoverycli.errors import NotFoundError

from .columns import name_key
from .filters import filters

if TYPE_CHECKING:
    from .backends import Backend


def select_ids(db: Backend, session_id: str | None = None, customer: str | None = None,
               before: str | None = None, everything: bool = False,
               agent: str | None = None, team: str | None = None,
               synced_only: bool = False) -> list[str]:
    """The ids ``forget`` would remove for one of its criteria (and the filters).
    Practice attempts go too, by id, age or --all, unless an agent or team is named.
    ``synced_only`` leaves out rows waiting for sync."""
    where, args = filters(agent=agent, team=team)
    if synced_only:
        where.append("pending_sync = 0")
    criterion: tuple[str, list[object]] | None
    if session_id:
        from .ids import AmbiguousIdError, resolve

        try:
            full = resolve(db, session_id)
        except AmbiguousIdError:
            raise
        except NotFoundError:
            full = resolve(db, session_id, "attempts")  # a practice attempt's id
        criterion = ("id = ?", [full])
    elif customer:
        criterion = ("customer_key = ?", [name_key(customer)])
    elif before:
        criterion = ("started < ?", [before])
    elif everything:
        criterion = None
    else:
        return []
    tables = ["sessions"]
    if not (agent or team or customer):
        tables.append("attempts")
    ids: list[str] = []
    for table in tables:
        conditions = list(where) if table == "sessions" else (
            ["pending_sync = 0"] if synced_only else [])
        values = list(args) if table == "sessions" else []
        if criterion:
            conditions.append(criterion[0])
            values += criterion[1]
        clause = " WHERE " + " AND ".join(conditions) if conditions else ""
        ids += [row[0] for row in db.execute(f"SELECT id FROM {table}{clause}",
                                             values)]
    return ids


def name_keys(db: Backend, ids: list[str]) -> dict[str, str | None]:
    """The customer-name key of each of the sessions ``ids`` (attempts have none)."""
    keys: dict[str, str | None] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        keys.update((str(row[0]), row[1]) for row in db.execute(
            f"SELECT id, customer_key FROM sessions WHERE id IN ({marks})", chunk))
    return keys


def same_sessions(here: dict[str, str | None], there: dict[str, str | None],
                  ids: list[str]) -> tuple[list[str], list[str]]:
    """Of ``ids`` found in a second store, those that are the same session as in the
    first (the same customer name, or not a session there), and those that are a
    different session sharing the id (another name): the second are never deleted by
    an id the first store resolved."""
    same = [i for i in ids if i not in here or i not in there or here[i] == there[i]]
    return same, [i for i in ids if i not in same]


def delete(db: Backend, ids: list[str]) -> int:
    """Delete sessions and attempts by id, then scrub the files."""
    if not ids:
        return 0
    with db.transaction():
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for table, column in (("sessions", "id"), ("session_steps", "session"),
                                  ("attempts", "id"), ("attempt_steps", "attempt")):
                db.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})",
                           chunk)
    try:
        scrub(db)
    except db.errors as exc:  # deleted (secure_delete), not yet compacted
        from recoverycli.errors import StoreError
        from recoverycli.text import plural

        from .backends import reason

        raise StoreError(f"forgot {plural(len(ids), 'session')}, but could not compact "
                         f"the session store ({reason(exc)}); old copies may stay in its files "
                         "until it is: free some space and forget again") from None
    return len(ids)


def scrub(db: Backend) -> None:
    """Zeroed free pages (SQLite's secure_delete), the WAL's old copies truncated and the
    file rebuilt; on PostgreSQL, the tables and their indexes rewritten (VACUUM FULL: a
    plain VACUUM leaves a deleted row's bytes in the page's free space). PostgreSQL's WAL
    and backups are the server's to manage: see the README."""
    if db.dialect.name == "sqlite" and db.path is None:
        return
    for statement in db.dialect.scrub:
        db.execute(statement)
