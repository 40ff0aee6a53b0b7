"""Ids: 128 random bits for sessions and attempts, so no two agents, stores or offline
spells can make the same one; shown as a short prefix and found by any unique prefix,
as git does with commits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recoverycli.errors import NotFoundError
from recoverycli.i18n import _

if TYPE_CHECKING:
    from .backends import Backend

SHORT = 8  # hex digits shown: a prefix is lengthened where two ids share it
MIN_PREFIX = 4


class AmbiguousIdError(NotFoundError):
    """A prefix names more than one session."""


def new_id() -> str:
    """32 hex digits (128 random bits); made with no store, so a run can start at once."""
    import secrets  # (here: its hashlib and OpenSSL cost ~5 ms a listing does not need)

    return secrets.token_hex(16)


def _prefix_range(prefix: str) -> tuple[str, str]:
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def resolve(db: Backend, given: str, table: str = "sessions") -> str:
    """The one id equal to ``given`` or starting with it; a prefix shared by several ids
    is an error that lists them."""
    if db.execute(f"SELECT 1 FROM {table} WHERE id = ?", (given,)).fetchone():
        return given
    if len(given) < MIN_PREFIX:
        raise NotFoundError(_("no session '{id}' (see 'recover history'; a prefix needs "
                              "{count} characters or more)").format(id=given,
                                                                    count=MIN_PREFIX))
    low, high = _prefix_range(given)
    found = [row[0] for row in db.execute(
        f"SELECT id FROM {table} WHERE id >= ? AND id < ? ORDER BY id LIMIT 11",
        (low, high))]
    if not found:
        raise NotFoundError(_("no session '{id}' (see 'recover history')").format(id=given))
    if len(found) > 1:
        listed = ", ".join(found[:10]) + (", ..." if len(found) > 10 else "")
        count = f"{len(found)}{'+' if len(found) > 10 else ''}"
        raise AmbiguousIdError(_("'{id}' is the start of {count} sessions: {ids}; give more "
                                 "of the id").format(id=given, count=count, ids=listed))
    return str(found[0])


CHUNK = 400  # ids per statement, two bound values each: under SQLite's 999


def shorten(db: Backend, ids: list[str], table: str = "sessions") -> dict[str, str]:
    """Each id's shortest prefix of at least ``SHORT`` characters (lengthened two at a
    time) that no other id in the store shares. ``due`` lists thousands of ids: the
    prefixes that more than one session id starts with are kept in ``shared_prefixes``
    (a trigger adds each new one), so one small query answers nearly every id; only an
    id whose first ``SHORT`` is there is lengthened, one lookup at a time. Other tables
    (and a store from before that migration) ask how many ids start with each id's
    first ``SHORT``, one statement per ``CHUNK`` ids."""
    unique = list(dict.fromkeys(ids))
    if table == "sessions" and _has_shared_prefixes(db):
        shared = {str(row[0]) for row in db.execute("SELECT prefix FROM shared_prefixes")}
        return {full: full[:SHORT] if full[:SHORT] not in shared or len(full) <= SHORT
                else _longer(db, full, table) for full in unique}
    return _counted(db, unique, table)


def _has_shared_prefixes(db: Backend) -> bool:
    """Whether the store has the table; ``migrate`` leaves the answer on the connection,
    so a listing does not ask again (else it is asked once, and remembered)."""
    if db.has_shared_prefixes is None:
        db.has_shared_prefixes = bool(db.execute(
            "SELECT 1 FROM recover_migrations WHERE name = 'shared_prefixes'").fetchone())
    return db.has_shared_prefixes


def _counted(db: Backend, unique: list[str], table: str) -> dict[str, str]:
    from .backends import json_rows

    short: dict[str, str] = {}
    for start in range(0, len(unique), CHUNK):
        chunk = unique[start:start + CHUNK]
        values = ", ".join("(?, ?, ?)" for _ in chunk)
        columns = (f"v.column1, (SELECT COUNT(*) FROM (SELECT 1 FROM {table} t WHERE t.id >= "
                   "v.column2 AND t.id < v.column3 LIMIT 2) AS hits)")
        rest = f"FROM (VALUES {values}) AS v"
        args = [part for full in chunk for part in (full, *_prefix_range(full[:SHORT]))]
        rows = (json_rows(db, columns, rest, args) if db.dialect.name == "postgresql"
                else db.execute(f"SELECT {columns} {rest}", args).fetchall())
        for full, count in rows:
            short[full] = full[:SHORT] if int(count) <= 1 else _longer(db, full, table)
    return short


def _longer(db: Backend, full: str, table: str) -> str:
    """The shortest prefix of ``full`` from ``SHORT`` characters that no other id shares."""
    length = SHORT
    while length < len(full):
        low, high = _prefix_range(full[:length])
        count = db.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE id >= ? "
                           "AND id < ? LIMIT 2) AS hits", (low, high)).fetchone()[0]
        if int(count) <= 1:
            break
        length += 2
    return full[:length]


HEX = "0123456789abcdef"
LOOKED_AT = 12  # characters of a mistyped id tried for a did-you-mean


def near(db: Backend, given: str, table: str = "sessions", limit: int = 3) -> list[str]:
    """The ids ``given`` was meant to start, but for one typo (a wrong, missing, extra or
    swapped character), for a did-you-mean: at most ``limit``, nearest first. Only the
    first ``LOOKED_AT`` characters are varied, so it costs a few hundred index lookups
    whatever the size of the store (a typo further on still leaves those to match)."""
    typed = given.lower()
    if len(typed) < MIN_PREFIX:
        return []
    head = typed[:LOOKED_AT]
    variants = {head} if len(typed) > LOOKED_AT else set()
    for i in range(len(head)):
        variants.add(head[:i] + head[i + 1:])  # one typed too many
        if i + 1 < len(head):
            variants.add(head[:i] + head[i + 1] + head[i] + head[i + 2:])  # two swapped
        for c in HEX:
            variants.add(head[:i] + c + head[i + 1:])  # one wrong
            variants.add(head[:i] + c + head[i:])  # one left out
    variants.discard(typed)
    found: set[str] = set()
    for variant in sorted(v for v in variants if len(v) >= MIN_PREFIX):
        low, high = _prefix_range(variant)
        found.update(row[0] for row in db.execute(
            f"SELECT id FROM {table} WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
            (low, high)))
    scored = sorted((_typos(typed, full), full) for full in found)
    return [full for typos, full in scored if typos <= 1][:limit]


def _typos(typed: str, full: str) -> int:
    """Edits (a character wrong, missing, extra, or two swapped) from ``typed`` to the
    nearest start of ``full``."""
    best = len(typed)
    for length in (len(typed) - 1, len(typed), len(typed) + 1):
        best = min(best, _distance(typed, full[:length]))
    return best


def _distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein with swaps of neighbours)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]
