"""The one place that knows the schema: named migrations, recorded by name.

Each migration is SQL or a Python function, applied in its own transaction and recorded
in ``recover_migrations`` under its name (the sqlite-utils / llm model), so a store knows
exactly which changes it has, never "the Nth string in a list". Stores written before
names (SQLite ``user_version``, PostgreSQL ``recover_schema``) are read once: their
number says which of the first migrations they already have.

A column of type ``{real}`` is the dialect's float type: the one difference the DDL has.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from recoverycli.errors import StoreError

from .columns import closed_steps, follow_ups_kept, iso, name_key, step_rows

if TYPE_CHECKING:
    from .backends import Backend

TABLE = "recover_migrations"
# Set on SQLite's user_version (and PostgreSQL's recover_schema) once names are used, so
# a release from before named migrations refuses this store instead of misreading it.
NAMED_ERA = 1000

SESSION_COLUMNS = ("id", "playbook", "customer", "status", "started", "updated", "agent",
                   "state", "follow_up", "outcome", "team", "offer", "pending_sync",
                   "total_seconds", "outcome_at", "customer_key", "closed_steps",
                   "mode", "kept", "kept_late", "day", "wrap_up", "playbook_version",
                   "playbook_hash")
STEP_COLUMNS = ("session", "playbook", "step", "title", "status", "seconds", "taken",
                "started", "agent", "team", "mode")
ATTEMPT_COLUMNS = ("id", "kind", "playbook", "scenario", "score", "started", "detail",
                   "agent", "team")
ATTEMPT_STEP_COLUMNS = ("attempt", "playbook", "step", "title", "score")


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str = ""
    run: Callable[[Backend], None] | None = None
    legacy: int | None = None  # the schema_version number it had before names


# the DDL half of "teams_and_step_rows"
_TEAMS = """
    ALTER TABLE sessions ADD COLUMN team TEXT;
    ALTER TABLE sessions ADD COLUMN offer TEXT;
    ALTER TABLE sessions ADD COLUMN pending_sync INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sessions ADD COLUMN total_seconds {real};
    ALTER TABLE sessions ADD COLUMN outcome_at TEXT;
    CREATE INDEX sessions_agent_started ON sessions (agent, started);
    CREATE INDEX sessions_team_started ON sessions (team, started);
    CREATE INDEX sessions_pending ON sessions (pending_sync) WHERE pending_sync = 1;
    CREATE TABLE session_steps (
        session TEXT NOT NULL,
        playbook TEXT NOT NULL,
        step TEXT NOT NULL,
        title TEXT NOT NULL,
        status TEXT NOT NULL,
        seconds {real} NOT NULL,
        taken TEXT,
        started TEXT NOT NULL,
        agent TEXT,
        team TEXT
    );
    CREATE INDEX session_steps_session ON session_steps (session);
    CREATE INDEX session_steps_stats ON session_steps (playbook, step, status, seconds);
    CREATE INDEX session_steps_taken ON session_steps (playbook, step, taken);
    CREATE INDEX sessions_total ON sessions (status, total_seconds);
    CREATE INDEX sessions_follow ON sessions (follow_up, outcome_at)
        WHERE follow_up IS NOT NULL;
    CREATE INDEX sessions_outcome ON sessions (outcome) WHERE outcome IS NOT NULL
"""



def _derived_report_numbers(db: Backend) -> None:
    """The report derives its counts from the rows in one snapshot; the running totals
    kept by hand (which drifted under concurrent saves) go."""
    _statements(db, """
    DROP TABLE IF EXISTS step_counts;
    DROP TABLE IF EXISTS session_counts;
    DROP INDEX session_steps_taken;
    ALTER TABLE sessions ADD COLUMN closed_steps TEXT
    """)
    from recoverycli.playbooks.session import Session

    rows = db.execute("SELECT id, state FROM sessions").fetchall()
    if rows:
        db.executemany("UPDATE sessions SET closed_steps = ? WHERE id = ?",
                       [(closed_steps(Session.from_dict(json.loads(state))), sid)
                        for sid, state in rows])
    db.execute("CREATE INDEX sessions_report ON sessions (playbook, agent, status, "
               "closed_steps, team, started)")


def _backfill_report_columns(db: Backend) -> None:
    """Sessions saved before the team columns get their report rows from their state."""
    from recoverycli.playbooks.session import Session

    _statements(db, _TEAMS)
    rows = db.execute("SELECT state FROM sessions").fetchall()
    for (state,) in rows:
        session = Session.from_dict(json.loads(state))
        db.execute(
            "UPDATE sessions SET total_seconds = ?, offer = ?, team = ? WHERE id = ?",
            (round(sum(session.seconds.values()), 3), session.fields.get("offer"),
             session.team, session.id))
        steps = [row[:10] for row in step_rows(session)]  # the columns of this migration
        if steps:
            db.executemany(
                f"INSERT INTO session_steps ({', '.join(STEP_COLUMNS[:10])}) VALUES "
                f"({', '.join('?' * 10)})", steps)


def _unaccented_customer_keys(db: Backend) -> None:
    """The stored keys again, with the accents of Latin letters folded (issue 23)."""
    rows = db.execute("SELECT id, customer FROM sessions WHERE customer IS NOT NULL").fetchall()
    if rows:
        db.executemany("UPDATE sessions SET customer_key = ? WHERE id = ?",
                       [(name_key(customer), sid) for sid, customer in rows])


def _customer_keys(db: Backend) -> None:
    """Names compared case-folded in Python, not by the database's lower()."""
    _statements(db, "ALTER TABLE sessions ADD COLUMN customer_key TEXT;"
                    "CREATE INDEX sessions_customer_key ON sessions (customer_key)")
    rows = db.execute("SELECT id, customer FROM sessions WHERE customer IS NOT NULL").fetchall()
    if rows:
        db.executemany("UPDATE sessions SET customer_key = ? WHERE id = ?",
                       [(name_key(customer), sid) for sid, customer in rows])


def _follow_ups_kept_and_rehearsals(db: Backend) -> None:
    """Rehearsals apart from live calls (the report leaves them out by default), the
    follow-ups each session kept, on time or late, derived from its outcome history, and
    the UTC day each started (the trend groups by it in index order)."""
    _statements(db, """
    ALTER TABLE sessions ADD COLUMN mode TEXT NOT NULL DEFAULT 'live';
    ALTER TABLE sessions ADD COLUMN kept INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sessions ADD COLUMN kept_late INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sessions ADD COLUMN day TEXT;
    ALTER TABLE session_steps ADD COLUMN mode TEXT NOT NULL DEFAULT 'live';
    UPDATE sessions SET day = substr(started, 1, 10)
    """)
    from recoverycli.playbooks.session import Session

    rows = db.execute("SELECT state FROM sessions").fetchall()
    updates = []
    for (state,) in rows:
        session = Session.from_dict(json.loads(state))
        on_time, late = follow_ups_kept(session)
        if session.mode != "live" or on_time or late:
            updates.append((session.mode, on_time, late, session.id))
    if updates:
        db.executemany("UPDATE sessions SET mode = ?, kept = ?, kept_late = ? WHERE id = ?",
                       updates)
        db.execute("UPDATE session_steps SET mode = (SELECT mode FROM sessions WHERE "
                   "sessions.id = session_steps.session) WHERE session IN (SELECT id FROM "
                   "sessions WHERE mode <> 'live')")
    _statements(db, """
    DROP INDEX sessions_due;
    CREATE INDEX sessions_open_follow_ups ON sessions (agent, follow_up)
        WHERE follow_up IS NOT NULL AND (outcome IS NULL OR outcome = 'pending');
    CREATE INDEX sessions_open_follow_ups_by_date ON sessions (follow_up)
        WHERE follow_up IS NOT NULL AND (outcome IS NULL OR outcome = 'pending');
    DROP INDEX sessions_report;
    CREATE INDEX sessions_report ON sessions (playbook, agent, status, closed_steps, team,
        started, mode);
    CREATE INDEX sessions_trend ON sessions (playbook, day, mode, agent, team, outcome,
        kept, kept_late, follow_up, started);
    CREATE INDEX sessions_rehearsals ON sessions (playbook, agent, team, started)
        WHERE mode <> 'live';
    DROP INDEX session_steps_medians;
    CREATE INDEX session_steps_medians ON session_steps (playbook, step, status, seconds,
        started, mode);
    DROP INDEX session_steps_agent;
    CREATE INDEX session_steps_agent ON session_steps (agent, playbook, step, status,
        seconds, started, mode);
    DROP INDEX session_steps_team;
    CREATE INDEX session_steps_team ON session_steps (team, playbook, step, status, seconds,
        started, mode);
    DROP INDEX sessions_total;
    CREATE INDEX sessions_total ON sessions (status, total_seconds, mode);
    DROP INDEX sessions_agent_total;
    CREATE INDEX sessions_agent_total ON sessions (agent, status, total_seconds, started,
        mode);
    DROP INDEX sessions_team_total;
    CREATE INDEX sessions_team_total ON sessions (team, status, total_seconds, started, mode)
    """)


def _live_notify(db: Backend) -> None:
    """PostgreSQL: say on the channel ``recover_live`` when a call in progress changes (an
    open live session is written, or a run takes or lets go of its lock), so ``recover
    live`` redraws without asking the server again and again. Payload-free: PostgreSQL
    folds identical notifications of one transaction into one, so a sync of thousands of
    rows says it once (and finished sessions, what a sync mostly sends, say nothing). A
    save that changes what the view shows says so (a step left: its time is added to the
    total; a step closed or reopened; the status); a note alone does not, and costs no
    trigger."""
    if db.dialect.name != "postgresql":
        return  # SQLite has no notifications: recover live reads the local store at intervals
    db.execute("CREATE FUNCTION recover_live_notify() RETURNS trigger LANGUAGE plpgsql "
               "AS $$ BEGIN PERFORM pg_notify('recover_live', ''); RETURN NULL; END $$")
    _statements(db, """
    CREATE TRIGGER sessions_live_insert AFTER INSERT ON sessions FOR EACH ROW
        WHEN (NEW.status = 'open' AND NEW.mode = 'live')
        EXECUTE FUNCTION recover_live_notify();
    CREATE TRIGGER sessions_live_update AFTER UPDATE ON sessions FOR EACH ROW
        WHEN ((OLD.status = 'open' OR NEW.status = 'open') AND NEW.mode = 'live' AND (
            OLD.status <> NEW.status OR OLD.total_seconds IS DISTINCT FROM NEW.total_seconds
            OR OLD.closed_steps IS DISTINCT FROM NEW.closed_steps
            OR OLD.agent IS DISTINCT FROM NEW.agent))
        EXECUTE FUNCTION recover_live_notify();
    CREATE TRIGGER sessions_live_delete AFTER DELETE ON sessions FOR EACH ROW
        WHEN (OLD.status = 'open')
        EXECUTE FUNCTION recover_live_notify();
    CREATE TRIGGER session_locks_live AFTER INSERT OR UPDATE OR DELETE ON session_locks
        FOR EACH STATEMENT EXECUTE FUNCTION recover_live_notify()
    """)


def _due_covering(db: Backend) -> None:
    from .followups import OPEN

    shown = "playbook, customer, offer, team, outcome"
    if db.dialect.name == "postgresql":
        columns = f"(agent, follow_up, started, id) INCLUDE ({shown})"
    else:
        columns = f"(agent, follow_up, started, id, {shown})"
    db.execute(f"CREATE INDEX sessions_open_due ON sessions {columns} WHERE {OPEN}")


def _shared_prefixes(db: Backend) -> None:
    """A table of the ``SHORT``-character prefixes more than one session id starts with,
    filled from the ids there are and kept by a trigger on each new session. It may hold
    a prefix no longer shared (nothing is taken out when a session is forgotten): ids with
    such a prefix are only looked up one by one, as before. (Two sessions with the same
    prefix inserted at the same moment by two agents can miss it; their ids then show
    eight characters and the shared prefix is named as ambiguous when used.)"""
    from .ids import SHORT

    db.execute("CREATE TABLE shared_prefixes (prefix TEXT PRIMARY KEY)")
    db.execute(f"INSERT INTO shared_prefixes (prefix) SELECT substr(id, 1, {SHORT}) FROM "
               f"sessions GROUP BY substr(id, 1, {SHORT}) HAVING COUNT(*) > 1")
    head = f"substr(NEW.id, 1, {SHORT})"
    if db.dialect.name == "postgresql":
        after = f"substr(NEW.id, 1, {SHORT - 1}) || chr(ascii(substr(NEW.id, {SHORT}, 1)) + 1)"
        db.execute(f"""CREATE FUNCTION recover_shared_prefix() RETURNS trigger LANGUAGE plpgsql
            AS $$ BEGIN
            IF length(NEW.id) >= {SHORT} AND EXISTS (SELECT 1 FROM sessions WHERE id >= {head}
                    AND id < {after} AND id <> NEW.id) THEN
                INSERT INTO shared_prefixes (prefix) VALUES ({head}) ON CONFLICT DO NOTHING;
            END IF;
            RETURN NULL; END $$""")
        db.execute("CREATE TRIGGER sessions_shared_prefix AFTER INSERT ON sessions "
                   "FOR EACH ROW EXECUTE FUNCTION recover_shared_prefix()")
        return
    after = f"substr(NEW.id, 1, {SHORT - 1}) || char(unicode(substr(NEW.id, {SHORT}, 1)) + 1)"
    db.execute(f"""CREATE TRIGGER sessions_shared_prefix AFTER INSERT ON sessions
        WHEN length(NEW.id) >= {SHORT} AND EXISTS (SELECT 1 FROM sessions WHERE id >= {head}
            AND id < {after} AND id <> NEW.id)
        BEGIN INSERT OR IGNORE INTO shared_prefixes (prefix) VALUES ({head}); END""")


def _report_rollups(db: Backend) -> None:
    from .rollup import install

    install(db)


MIGRATIONS: list[Migration] = [
    Migration("sessions", legacy=1, sql="""
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        playbook TEXT NOT NULL,
        customer TEXT,
        status TEXT NOT NULL,
        started TEXT NOT NULL,
        updated TEXT NOT NULL,
        agent TEXT,
        state TEXT NOT NULL
    );
    CREATE INDEX sessions_started ON sessions (started);
    CREATE INDEX sessions_status_started ON sessions (status, started);
    """),
    Migration("follow_ups_and_outcomes", legacy=2, sql="""
    ALTER TABLE sessions ADD COLUMN follow_up TEXT;
    ALTER TABLE sessions ADD COLUMN outcome TEXT;
    CREATE INDEX sessions_due ON sessions (follow_up) WHERE follow_up IS NOT NULL
        AND outcome IS NULL;
    CREATE INDEX sessions_playbook_started ON sessions (playbook, started);
    """),
    Migration("practice_attempts", legacy=3, sql="""
    CREATE TABLE attempts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        playbook TEXT,
        scenario TEXT,
        score {real} NOT NULL,
        started TEXT NOT NULL,
        detail TEXT NOT NULL
    );
    CREATE INDEX attempts_started ON attempts (started);
    CREATE TABLE attempt_steps (
        attempt TEXT NOT NULL,
        playbook TEXT NOT NULL,
        step TEXT NOT NULL,
        title TEXT NOT NULL,
        score {real} NOT NULL
    );
    CREATE INDEX attempt_steps_attempt ON attempt_steps (attempt);
    """),
    # who ran it, which team, the promise made; sessions kept locally while the team's
    # server was unreachable, waiting for 'recover sync'; one row per closed step
    Migration("teams_and_step_rows", legacy=4, run=_backfill_report_columns),
    # (legacy 5 and 6 kept running totals, step_counts and session_counts: the report
    # now derives its numbers, and "derived_report_numbers" drops them)
    Migration("attempts_pending_sync", legacy=7, sql="""
    ALTER TABLE attempts ADD COLUMN pending_sync INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX attempts_pending ON attempts (pending_sync) WHERE pending_sync = 1;
    """),
    Migration("report_indexes", legacy=8, sql="""
    DROP INDEX session_steps_stats;
    CREATE INDEX session_steps_medians ON session_steps (playbook, step, status, seconds,
        started);
    CREATE INDEX session_steps_agent ON session_steps (agent, playbook, step, status,
        seconds, started);
    CREATE INDEX session_steps_team ON session_steps (team, playbook, step, status, seconds,
        started);
    CREATE INDEX sessions_agent_total ON sessions (agent, status, total_seconds, started);
    CREATE INDEX sessions_team_total ON sessions (team, status, total_seconds, started);
    """),
    Migration("derived_report_numbers", run=_derived_report_numbers),
    Migration("customer_keys", run=_customer_keys),
    # where a session is open (host, pid, terminal), for the message a second terminal
    # gets; the lock itself is the server's advisory lock (see storage/locks.py)
    Migration("session_locks", sql="""
    CREATE TABLE session_locks (session TEXT PRIMARY KEY, place TEXT NOT NULL)
    """),
    Migration("follow_ups_kept_and_rehearsals", run=_follow_ups_kept_and_rehearsals),
    # sessions whose closed steps are too long for the report index (CLOSED_MAX): the
    # report finds them here and counts them from their step rows
    Migration("long_sessions", sql="""
    CREATE INDEX sessions_long ON sessions (started) WHERE closed_steps IS NULL
    """),
    # the reason a call was closed with (a playbook's wrap-up code), counted by the report
    Migration("wrap_up_codes", sql="""
    ALTER TABLE sessions ADD COLUMN wrap_up TEXT;
    CREATE INDEX sessions_wrap_up ON sessions (wrap_up, playbook, agent, team, mode, started,
        outcome) WHERE wrap_up IS NOT NULL
    """),
    # who practised (issue 22): a team store holds every agent's attempts, and progress,
    # the practice picker and the report read one agent's; attempts made before this
    # have none (sync gives a local store's its agent)
    Migration("attempt_agents", sql="""
    ALTER TABLE attempts ADD COLUMN agent TEXT;
    ALTER TABLE attempts ADD COLUMN team TEXT;
    CREATE INDEX attempts_agent ON attempts (agent, kind, scenario, started)
    """),
    # scenarios a supervisor assigns to an agent or a team, due by a date, with a pass
    # mark; withdrawn ones are kept (cancelled_at) so the report can say what was asked
    Migration("practice_assignments", sql="""
    CREATE TABLE assignments (
        id TEXT PRIMARY KEY,
        scenario TEXT NOT NULL,
        playbook TEXT NOT NULL,
        agent TEXT,
        team TEXT,
        due TEXT NOT NULL,
        pass_mark INTEGER NOT NULL,
        assigned_by TEXT NOT NULL,
        assigned_at TEXT NOT NULL,
        cancelled_by TEXT,
        cancelled_at TEXT
    );
    CREATE INDEX assignments_agent ON assignments (agent, due) WHERE cancelled_at IS NULL;
    CREATE INDEX assignments_team ON assignments (team, due) WHERE cancelled_at IS NULL
    """),
    # customer names found with or without accents: "Núñez" by "nunez" (issue 23)
    Migration("customer_keys_unaccented", run=_unaccented_customer_keys),
    # playbooks published to the team store, every version kept (a rollback is a new
    # version with an old content); the version each session followed (see published.py)
    Migration("published_playbooks", sql="""
    CREATE TABLE published_playbooks (
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        hash TEXT NOT NULL,
        body TEXT NOT NULL,
        publisher TEXT,
        published TEXT NOT NULL,
        PRIMARY KEY (id, version)
    );
    ALTER TABLE sessions ADD COLUMN playbook_version INTEGER;
    ALTER TABLE sessions ADD COLUMN playbook_hash TEXT
    """),
    # a call in progress changed: 'recover live' is told (PostgreSQL LISTEN/NOTIFY)
    Migration("live_notify", run=_live_notify),
    # the report's sums, kept by triggers in the writers' transactions (see rollup.py)
    Migration("report_rollups", run=_report_rollups),
    # one agent's due list read from the index alone: thousands of open follow-ups would
    # each be a lookup in the table (PostgreSQL carries the shown columns as INCLUDE)
    Migration("due_covering", run=_due_covering),
    # the first eight characters two or more session ids share: short ids without a
    # lookup per id (see ids.shorten)
    Migration("shared_prefixes", run=_shared_prefixes),
]

NAMES = [m.name for m in MIGRATIONS]


def _statements(db: Backend, sql: str) -> None:
    for statement in sql.format(real=db.dialect.real).split(";"):
        if statement.strip():
            db.execute(statement)


def _legacy_version(db: Backend) -> int:
    """The schema number a store written before named migrations carries (0: none)."""
    if db.dialect.name == "sqlite":
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    if not _pg_table(db, "recover_schema"):
        return 0
    found = db.execute("SELECT max(version) FROM recover_schema").fetchone()
    return int(found[0]) if found and found[0] is not None else 0


def _set_legacy_version(db: Backend, version: int) -> None:
    if db.dialect.name == "sqlite":
        db.execute(f"PRAGMA user_version = {int(version)}")
    else:
        db.execute("CREATE TABLE IF NOT EXISTS recover_schema (version INTEGER NOT NULL)")
        db.execute("DELETE FROM recover_schema")
        db.execute("INSERT INTO recover_schema (version) VALUES (?)",
                   (version,))


def _pg_table(db: Backend, name: str) -> bool:
    """Whether the table exists, read with the statement's own snapshot: to_regclass()
    reads the catalogue cache, which an advisory lock does not refresh, so a second
    agent migrating at once saw no table after the first had created it."""
    return db.execute(
        "SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
        "ON n.oid = c.relnamespace WHERE c.relname = ? AND n.nspname = current_schema()",
        (name,)).fetchone() is not None


def _applied(db: Backend) -> set[str] | None:
    """The names recorded, or None when the table does not exist yet."""
    if db.dialect.name == "sqlite":
        exists = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                            f"name = '{TABLE}'").fetchone()
    else:
        exists = _pg_table(db, TABLE)
    if not exists:
        return None
    return {row[0] for row in db.execute(f"SELECT name FROM {TABLE}")}


def migrate(db: Backend, where: str) -> list[str]:
    """Bring the store up to date; returns the names applied (usually none)."""
    applied = _applied(db)
    db.has_shared_prefixes = True  # up to date below: short ids need not ask
    if applied is not None and applied >= set(NAMES):
        _refuse_newer(applied, where)
        return []
    relaxed = getattr(db, "relaxed", None)  # PostgreSQL: migrating may take a while, once
    if relaxed is not None:
        with relaxed(600):
            return _migrate(db, where)
    return _migrate(db, where)


def _migrate(db: Backend, where: str) -> list[str]:
    done: list[str] = []
    with db.transaction():  # the bookkeeping table, and what an old store already has
        db.lock_schema()
        if _applied(db) is None:
            legacy = _legacy_version(db)
            if legacy > 8:
                raise StoreError(f"the session store {where} was written by a newer "
                                 f"recover (schema {legacy}); upgrade recover to read it")
            db.execute(f"CREATE TABLE {TABLE} (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
            stamp = iso(time.time())
            for migration in MIGRATIONS:
                if migration.legacy is not None and migration.legacy <= legacy:
                    db.execute(f"INSERT INTO {TABLE} (name, applied) "
                                              "VALUES (?, ?)", (migration.name, stamp))
    for migration in MIGRATIONS:
        with db.transaction():
            db.lock_schema()
            applied = _applied(db) or set()
            _refuse_newer(applied, where)
            if migration.name in applied:
                continue
            if migration.sql:
                _statements(db, migration.sql)
            if migration.run is not None:
                migration.run(db)
            db.execute(f"INSERT INTO {TABLE} (name, applied) VALUES (?, ?)",
                       (migration.name, iso(time.time())))
            _set_legacy_version(db, NAMED_ERA)
            done.append(migration.name)
    return done


def _refuse_newer(applied: set[str], where: str) -> None:
    unknown = sorted(applied - set(NAMES))
    if unknown:
        raise StoreError(f"the session store {where} was written by a newer recover "
                         f"(migration '{unknown[0]}'); upgrade recover to read it")
