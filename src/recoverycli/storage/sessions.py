"""Sessions: save, load, list and filter, follow-ups due. Functions over a backend."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from recoverycli.errors import NotFoundError, StoreError
from recoverycli.i18n import _

from .columns import closed_steps, follow_ups_kept, iso, iso_us, name_key, step_rows
from .filters import filters
from .schema import SESSION_COLUMNS, STEP_COLUMNS

if TYPE_CHECKING:
    from recoverycli.playbooks.session import Session

    from .backends import Backend

_FOLLOW_UP = re.compile(r"\d{4}-\d{2}-\d{2}(?: [0-2]\d:[0-5]\d)?\Z")
HISTORY_KEYS = ("id", "playbook", "customer", "status", "started", "follow_up", "outcome",
                "agent", "team", "mode", "playbook_version")


def session_row(session: Session, pending: bool, updated: str | None = None
                ) -> tuple[Any, ...]:
    return (session.id, session.playbook_id, session.customer, session.status,
            iso(session.started), updated or iso_us(time.time()), session.agent,
            json.dumps(session.to_dict(), ensure_ascii=False), session.follow_up,
            (session.outcome or {}).get("result"), session.team,
            session.fields.get("offer"), 1 if pending else 0,
            round(sum(session.seconds.values()), 3),
            iso(session.outcome["at"]) if session.outcome else None,
            name_key(session.customer), closed_steps(session),
            session.mode, *follow_ups_kept(session), iso(session.started)[:10],
            session.wrap_up, session.playbook_version, session.playbook_hash)


class ConflictError(StoreError):
    """An insert would replace a different session (or attempt) that has the same id."""


# The same session: same playbook, started in the same second (stores from older
# releases kept the start to the second, newer ones to the millisecond).
_SAME = ("substr(sessions.started, 1, 19) = substr(excluded.started, 1, 19) AND "
         "sessions.playbook = excluded.playbook")
_NEWER = " AND sessions.updated < excluded.updated"


def _upsert(newer_only: bool) -> str:
    updates = ", ".join(f"{c} = excluded.{c}" for c in SESSION_COLUMNS[2:] if c != "started")
    return (f"INSERT INTO sessions ({', '.join(SESSION_COLUMNS)}) VALUES "
            f"({', '.join('?' * len(SESSION_COLUMNS))}) ON CONFLICT (id) DO UPDATE SET "
            f"{updates} WHERE {_SAME}{_NEWER if newer_only else ''} RETURNING id")


def conflict(session_id: str) -> ConflictError:
    return ConflictError(_("session {id} is a different session in the store (same id, "
                           "another start or playbook): nothing was overwritten").format(
                               id=session_id))


def _conflicts(db: Backend, rows: list[tuple[Any, ...]]) -> list[str]:
    """Of rows that changed nothing, the ids held by a *different* session."""
    conflicts: list[str] = []
    for start in range(0, len(rows), 500):
        chunk = {row[0]: (str(row[4])[:19], row[1]) for row in rows[start:start + 500]}
        held = db.execute(f"SELECT id, started, playbook FROM sessions WHERE id IN "
                          f"({', '.join('?' * len(chunk))})", list(chunk)).fetchall()
        conflicts += [sid for sid, started, playbook in held
                      if chunk[sid] != (str(started)[:19], playbook)]
    return conflicts


def write(db: Backend, row: tuple[Any, ...], steps: list[tuple[Any, ...]],
          newer_only: bool = False) -> bool:
    """Insert one session row, or update the same session's row (same id, start and
    playbook; with ``newer_only``, only from a newer copy), and its step rows, in the
    caller's transaction. Returns whether anything changed; a different session with the
    same id raises :class:`ConflictError` and is left as it was."""
    if db.execute(_upsert(newer_only), row).fetchone() is None:
        if _conflicts(db, [row]):
            raise conflict(row[0])
        return False
    _replace_steps(db, [row[0]], steps)
    return True


_STEP = STEP_COLUMNS.index("step")


def _replace_steps(db: Backend, ids: list[str], steps: list[tuple[Any, ...]]) -> None:
    """Make the step rows of sessions ``ids`` exactly ``steps``, touching only the rows
    that changed: a save mid-call rewrites nothing it already wrote, so the report's log
    (see rollup.py) grows with what happened, not with how often it was saved."""
    every = {(str(s[0]), str(s[_STEP])): tuple(s) for s in steps}
    wanted = dict(every)
    gone: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for held in db.execute(f"SELECT {', '.join(STEP_COLUMNS)} FROM session_steps WHERE "
                               f"session IN ({', '.join('?' * len(chunk))})", chunk):
            key = (str(held[0]), str(held[_STEP]))
            if key in seen:  # a step twice (a store edited by hand): write it again
                gone.append(key)
                if key in every:
                    wanted[key] = every[key]
            elif _same(wanted.get(key), held):
                del wanted[key]
            else:
                gone.append(key)
            seen.add(key)
    gone = list(dict.fromkeys(gone))
    if gone:
        db.executemany("DELETE FROM session_steps WHERE session = ? AND step = ?", gone)
    if wanted:
        db.executemany(f"INSERT INTO session_steps ({', '.join(STEP_COLUMNS)}) VALUES "
                       f"({', '.join('?' * len(STEP_COLUMNS))})", list(wanted.values()))


def _same(new: tuple[Any, ...] | None, held: tuple[Any, ...]) -> bool:
    if new is None or len(new) != len(held):
        return False
    for a, b in zip(new, held, strict=True):
        if isinstance(a, float) or isinstance(b, float):
            try:
                if float(a) != float(b):
                    return False
            except (TypeError, ValueError):
                return False
        elif a != b:
            return False
    return True


def save(db: Backend, session: Session, pending: bool) -> None:
    with db.transaction():
        write(db, session_row(session, pending), step_rows(session))


def load(db: Backend, session_id: str) -> Session:
    row = db.execute("SELECT state FROM sessions WHERE id = ?",
                     (session_id,)).fetchone()
    if row is None:
        raise NotFoundError(_("no session '{id}' (see 'recover history')").format(
            id=session_id))
    return parse_state(row[0], session_id)


def latest_open(db: Backend) -> Session:
    row = db.execute(
        "SELECT state FROM sessions WHERE status = ? ORDER BY started DESC, id DESC LIMIT 1",
        ("open",)).fetchone()  # recoverycli.playbooks.session.OPEN
    if row is None:
        raise NotFoundError(_("no unfinished session to resume (see 'recover sessions')"))
    return parse_state(row[0])


# The latest moment a stored time may be: 9999-12-31 (what a date can show).
LAST_MOMENT = 253402214400.0


def _check_times(session: Session) -> str | None:
    """What is wrong with a session's times, which every view shows (a team store is
    written by every agent's copy of recover, or by hand): None when all is well."""
    for label, moment in (("start time", session.started), ("end time", session.ended)):
        if moment is None and label == "end time":
            continue
        if isinstance(moment, bool) or not isinstance(moment, int | float) \
                or not 0 <= moment < LAST_MOMENT:
            return f"its {label} is not a time"
    dates: list[object] = [session.follow_up, *(o.get("due") for o in session.outcomes
                                                 if isinstance(o, dict))]
    for value in dates:
        if value is None:
            continue
        if not isinstance(value, str) or not _FOLLOW_UP.match(value):
            return "its follow-up is not a date"
        try:
            date.fromisoformat(value[:10])
        except ValueError:
            return "its follow-up is not a date"
    return None


def parse_state(state: Any, session_id: str | None = None) -> Session:
    """A stored session state, or a StoreError when the row is damaged (not JSON, not
    the shape of a session, or a time no view can show), naming the session."""
    from recoverycli.playbooks.session import Session
    from recoverycli.text import name

    which = _("session {id}").format(id=name(session_id)[:8]) if session_id else \
        _("a session in the store")
    try:
        session = Session.from_dict(json.loads(state))
        problem = _check_times(session)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise StoreError(_("{which} is damaged ({problem}); 'recover history' lists the "
                           "others").format(which=which, problem=type(exc).__name__)
                         ) from None
    if problem:
        raise StoreError(_("{which} is damaged ({problem}); 'recover history' lists the "
                           "others").format(which=which, problem=problem))
    return session


def playbook_ids(db: Backend) -> list[str]:
    """The playbooks the store holds sessions of (read from the report index)."""
    return [str(row[0]) for row in db.execute("SELECT DISTINCT playbook FROM sessions")]


def history(db: Backend, playbook: str | None = None, customer: str | None = None,
            since: str | None = None, status: str | None = None,
            limit: int | None = 50, agent: str | None = None,
            team: str | None = None) -> Iterator[dict[str, Any]]:
    """Sessions newest first, filtered in SQL on indexed columns where it can be."""
    where, args = filters(playbook, customer, since, status, agent, team)
    sql = (f"SELECT {', '.join(HISTORY_KEYS)} FROM sessions"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY started DESC, id DESC")
    if limit:
        sql += " LIMIT ?"
        args.append(limit)
    for row in db.execute(sql, args):
        yield dict(zip(HISTORY_KEYS, row, strict=True))


def due(db: Backend, today: str, agent: str | None = None,
        team: str | None = None) -> Iterator[dict[str, Any]]:
    """Open follow-ups due today or earlier ('pending' ones included), oldest first:
    :func:`recoverycli.storage.followups.open_follow_ups`."""
    from datetime import timedelta

    from .followups import open_follow_ups

    tomorrow = (date.fromisoformat(today) + timedelta(days=1)).isoformat()
    return open_follow_ups(db, tomorrow, agent, team)


def write_many(db: Backend, sessions: list[Session], pending: bool = False,
               updated: list[str] | None = None, newer_only: bool = False
               ) -> tuple[list[str], list[str]]:
    """Insert or update many sessions and their step rows in one transaction, each
    statement sent once for all rows (sync, imports, benchmarks). Returns the ids that
    changed and the ids held by a different session (left as they were)."""
    rows = [session_row(s, pending, updated[i] if updated else None)
            for i, s in enumerate(sessions)]
    with db.transaction():
        returned = db.returning_many(_upsert(newer_only), rows)
        changed = {r[0][0] for r in returned if r}
        conflicts = _conflicts(db, [row for row in rows if row[0] not in changed])
        written = [s for s in sessions if s.id in changed]
        _replace_steps(db, [s.id for s in written],
                       [step for s in written for step in step_rows(s)])
    return [s.id for s in written], conflicts


def analyze(db: Backend) -> None:
    """Refresh the planner's statistics (and PostgreSQL's visibility map, for index-only
    scans) after a bulk load, as autovacuum would in the steady state."""
    db.execute("VACUUM ANALYZE" if db.dialect.name == "postgresql" else "ANALYZE")


def plans(db: Backend, session_id: str) -> list[tuple[str, str]]:
    """The query plans of history, due and one session, for bench/history_scale.py."""
    queries = [
        ("history", f"SELECT {', '.join(HISTORY_KEYS)} FROM sessions "
                    "ORDER BY started DESC, id DESC LIMIT 50", []),
        ("due", "SELECT id FROM sessions WHERE follow_up IS NOT NULL AND (outcome IS NULL "
                "OR outcome = 'pending') AND follow_up < ? ORDER BY follow_up, started",
         ["2999-01-01"]),
        ("history ID", "SELECT state FROM sessions WHERE id = ?", [session_id]),
    ]
    out = []
    for label, sql, args in queries:
        if db.dialect.name == "postgresql":
            lines = [r[0] for r in db.execute("EXPLAIN " + sql, args)]
            out.append((label, " / ".join(p.strip() for p in lines if "Scan" in p)))
        else:
            out.append((label, " / ".join(r[-1] for r in db.execute("EXPLAIN QUERY PLAN "
                                                                     + sql, args))))
    return out
