"""Ids: 128 random bits for sessions and attempts, so no two agents, stores or offline
spells can make the same one; shown as a short prefix and found by any unique prefix,
as git does with commits."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from recoverycli.errors import NotFoundError

if TYPE_CHECKING:
    from .backends import Backend

SHORT = 8  # hex digits shown: a prefix is lengthened where two ids share it
MIN_PREFIX = 4


class AmbiguousIdError(NotFoundError):
    """A prefix names more than one session."""


def new_id() -> str:
    """32 hex digits (128 random bits); made with no store, so a run can start at once."""
    return secrets.token_hex(16)


def _prefix_range(prefix: str) -> tuple[str, str]:
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def resolve(db: Backend, given: str, table: str = "sessions") -> str:
    """The one id equal to ``given`` or starting with it; a prefix shared by several ids
    is an error that lists them."""
    if db.execute(f"SELECT 1 FROM {table} WHERE id = ?", (given,)).fetchone():
        return given
    if len(given) < MIN_PREFIX:
        raise NotFoundError(f"no session '{given}' (see 'recover history'; a prefix needs "
                            f"{MIN_PREFIX} characters or more)")
    low, high = _prefix_range(given)
    found = [row[0] for row in db.execute(
        f"SELECT id FROM {table} WHERE id >= ? AND id < ? ORDER BY id LIMIT 11",
        (low, high))]
    if not found:
        raise NotFoundError(f"no session '{given}' (see 'recover history')")
    if len(found) > 1:
        listed = ", ".join(found[:10]) + (", ..." if len(found) > 10 else "")
        raise AmbiguousIdError(f"'{given}' is the start of {len(found)}"
                               f"{'+' if len(found) > 10 else ''} sessions: {listed}; "
                               "give more of the id")
    return str(found[0])


def shorten(db: Backend, ids: list[str], table: str = "sessions") -> dict[str, str]:
    """Each id's shortest prefix of at least ``SHORT`` characters that no other id in the
    store shares (one index lookup per id)."""
    short: dict[str, str] = {}
    for full in ids:
        length = SHORT
        while length < len(full):
            low, high = _prefix_range(full[:length])
            count = db.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE id >= ? "
                               "AND id < ? LIMIT 2) AS hits", (low, high)).fetchone()[0]
            if int(count) <= 1:
                break
            length += 2
        short[full] = full[:length]
    return short
