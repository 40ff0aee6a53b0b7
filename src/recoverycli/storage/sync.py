"""Sync: sessions and attempts kept locally while the team's server was away, or made
before the team store was adopted, sent to it and then removed here.

Two kinds of local rows: those saved while a team store was set but not answering
(``pending_sync = 1``, sent by any command that reaches the server again), and those made
before the team store was set at all (``pending_sync = 0``: sent only by ``recover
sync``, which the commands that read the team store name while any exist). While a team
store is set, every row of the local store is one or the other: nothing there is on the
server yet, so ``recover sync`` sends them all.

Exactly once, whatever runs at the same time: a session is sent with the revision stamp
it was saved with (``updated``) and the server keeps the newer copy, so two syncs of the
same rows, or a sync during a run, change each row once; "Sent N" counts the rows this
sync changed. A local row is removed only if it is still the copy that was sent (a save
made meanwhile stays for the next sync). An id the server holds for a *different*
session or attempt is never overwritten: this one is sent under a new id, and the sync
says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import attempts as attempt_queries
from .sessions import ConflictError, write_many

if TYPE_CHECKING:
    from recoverycli.playbooks.session import Session

    from .backends import Backend
    from .store import Store

BATCH = 2000


@dataclass
class Sent:
    sent: int = 0  # rows this sync inserted or updated on the server
    present: int = 0  # already there, as new or newer: removed here, not counted as sent
    conflicts: list[str] = field(default_factory=list)  # kept here, never overwritten
    # sessions whose id was a different session's on the server: sent under a new id
    renamed: list[tuple[str, str]] = field(default_factory=list)
    # practice attempts likewise
    renamed_attempts: list[tuple[str, str]] = field(default_factory=list)
    attempts: int = 0  # of ``sent``, the practice attempts

    def what(self) -> str:
        """"2 sessions and 1 practice attempt": what was sent, each kind counted."""
        from recoverycli.i18n import _, ngettext

        sessions = self.sent - self.attempts
        parts = [ngettext("{count} session", "{count} sessions", n).format(count=n)
                 if kind == "s" else
                 ngettext("{count} practice attempt", "{count} practice attempts", n).format(
                     count=n) for kind, n in (("s", sessions), ("a", self.attempts)) if n]
        return _("{first} and {second}").format(first=parts[0], second=parts[1]) \
            if len(parts) == 2 else parts[0] if parts else "0"


def pending_count(db: Backend) -> int:
    """Sessions and practice attempts waiting for 'recover sync'."""
    return sum(int(db.execute(f"SELECT COUNT(*) FROM {table} WHERE pending_sync = 1"
                              ).fetchone()[0]) for table in ("sessions", "attempts"))


def kept_count(db: Backend) -> LocalOnly:
    """Everything in the local store: with a team store set, what only this machine has."""
    from .followups import OPEN

    def count(sql: str) -> int:
        return int(db.execute(sql).fetchone()[0])

    return LocalOnly(count("SELECT COUNT(*) FROM sessions"),
                     count("SELECT COUNT(*) FROM attempts"),
                     count(f"SELECT COUNT(*) FROM sessions WHERE {OPEN}"))


@dataclass(frozen=True)
class LocalOnly:
    sessions: int
    attempts: int
    follow_ups: int  # open follow-ups among the sessions

    def __bool__(self) -> bool:
        return bool(self.sessions or self.attempts)

    def what(self) -> str:
        """'3 sessions and 1 practice attempt', naming only what there is."""
        from recoverycli.i18n import _, ngettext, number

        parts = [ngettext("{count} session", "{count} sessions", n).format(count=number(n))
                 if kind == "s" else
                 ngettext("{count} practice attempt", "{count} practice attempts", n).format(
                     count=number(n))
                 for kind, n in (("s", self.sessions), ("a", self.attempts)) if n]
        return _("{first} and {second}").format(first=parts[0], second=parts[1]) \
            if len(parts) == 2 else "".join(parts)


def kept_rows(db: Backend) -> list[dict[str, Any]]:
    """What ``recover sync --dry-run`` lists: each session and attempt kept here."""
    sessions = db.execute("SELECT id, started, playbook, customer, follow_up, outcome "
                          "FROM sessions ORDER BY started, id").fetchall()
    attempts = db.execute("SELECT id, started, kind, COALESCE(scenario, playbook) "
                          "FROM attempts ORDER BY started, id").fetchall()
    return ([{"kind": "session", "id": i, "started": s, "playbook": p, "customer": c,
              "follow_up": f if o in (None, "pending") else None}
             for i, s, p, c, f, o in sessions]
            + [{"kind": k, "id": i, "started": s, "playbook": p, "customer": None,
                "follow_up": None} for i, s, k, p in attempts])


def pending_sessions(db: Backend, everything: bool = False) -> list[tuple[Session, str]]:
    """Each session kept for sync (``everything``: each in this store), with the revision
    stamp it was saved with."""
    from .sessions import parse_state

    rows = db.execute("SELECT state, updated FROM sessions"
                      + ("" if everything else " WHERE pending_sync = 1")
                      + " ORDER BY started, id")
    return [(parse_state(state), str(updated)) for state, updated in rows]


def push(local: Store, team: Store, everything: bool = False) -> Sent:
    """Send every pending session and attempt to ``team`` (``everything``: every one in
    the local store, those made before the team store was set included); remove here what
    the server now holds."""
    result = Sent()
    pending = local.read(pending_sessions, everything)
    attempts = local.read(attempt_queries.pending, everything)
    delivered: list[tuple[str, str]] = []
    try:
        for start in range(0, len(pending), BATCH):
            batch = pending[start:start + BATCH]
            changed, conflicts = write_many(team.backend, [s for s, _ in batch],
                                            updated=[u for _, u in batch], newer_only=True)
            result.sent += len(changed)
            result.present += len(batch) - len(changed) - len(conflicts)
            delivered += [(s.id, u) for s, u in batch if s.id not in conflicts]
            clashing = [(s, u) for s, u in batch if s.id in conflicts]
            if clashing:
                result.renamed += _send_renamed(team, clashing)
                result.sent += len(clashing)
                delivered += [(s.id, u) for s, u in clashing]
        for row, steps in attempts:
            row = _with_agent(row)
            try:
                new = attempt_queries.insert(team.backend, row, steps, False)
            except ConflictError:  # a different attempt's id there: sent under a new one
                renamed = _renamed_attempt(row, steps)
                attempt_queries.insert(team.backend, *renamed, False)
                result.renamed_attempts.append((str(row[0]), str(renamed[0][0])))
                result.sent += 1
                result.attempts += 1
                delivered.append((str(row[0]), ""))
                continue
            result.sent += new
            result.attempts += new
            result.present += not new
            delivered.append((str(row[0]), ""))
    except team.backend.errors as exc:
        raise team._fail("send to", exc) from None
    local.read(_remove_delivered, delivered)
    if local.path is not None and not local.read(pending_count):
        from .store import pending_marker

        pending_marker(local.path.parent).unlink(missing_ok=True)
    return result


def _with_agent(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """An attempt made before attempts carried their agent: this machine's agent (and
    team) practised it, and the team store says so (issue 22)."""
    from .schema import ATTEMPT_COLUMNS

    at = ATTEMPT_COLUMNS.index("agent")
    if row[at] is not None:
        return row
    from recoverycli.config import agent_name, load_config

    return (*row[:at], agent_name(), load_config().team, *row[at + 2:])


def _renamed_attempt(row: tuple[Any, ...], steps: list[tuple[Any, ...]]
                     ) -> tuple[tuple[Any, ...], list[tuple[Any, ...]]]:
    """An attempt and its steps under a fresh id (its steps name it first)."""
    from .ids import new_id

    fresh = new_id()
    return (fresh, *row[1:]), [(fresh, *step[1:]) for step in steps]


def _send_renamed(team: Store, clashing: list[tuple[Session, str]]) -> list[tuple[str, str]]:
    """Sessions whose id the server holds for a *different* session, sent under new ids
    (the other session is never overwritten, and this one is never stuck here): the old
    and new ids."""
    from dataclasses import replace

    from .ids import new_id

    renamed = [(session, replace(session, id=new_id())) for session, _ in clashing]
    changed, conflicts = write_many(team.backend, [s for _, s in renamed],
                                    updated=[u for _, u in clashing])
    if conflicts or len(changed) != len(renamed):  # a fresh random id taken: never seen
        from recoverycli.errors import StoreError

        raise StoreError("could not give a clashing session a new id; run sync again")
    return [(old.id, new.id) for old, new in renamed]


def _remove_delivered(db: Backend, delivered: list[tuple[str, str]]) -> None:
    """Remove what was sent, each session only if it is still the copy that was sent."""
    from .forget import scrub

    if not delivered:
        return
    with db.transaction():
        sessions = [(sid, updated) for sid, updated in delivered if updated]
        gone = [r[0][0] for r in db.returning_many(
            "DELETE FROM sessions WHERE id = ? AND updated = ? RETURNING id", sessions) if r]
        attempts = [sid for sid, updated in delivered if not updated]
        for table, column, ids in (("session_steps", "session", gone),
                                   ("attempts", "id", attempts),
                                   ("attempt_steps", "attempt", attempts)):
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                db.execute(f"DELETE FROM {table} WHERE {column} IN "
                           f"({', '.join('?' * len(chunk))})", chunk)
    scrub(db)
