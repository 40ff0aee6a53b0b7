"""The report's running sums, kept by the database itself (issue 22: a report over
1,000,000 sessions as fast as one over a thousand).

Every change to a session row, or to a closed step's row, is written by a trigger into a
log (``rollup_log``, ``rollup_log_steps``) in the writer's own transaction: a signed
copy of what the report counts (+1 for the new row, -1 for the old one). Nothing is kept
by hand and nothing is updated in place by a writer, so two hundred agents saving at once
never wait on each other's sums, and a rolled-back save leaves no trace.

The report folds the log into the sums (:func:`fold`: one statement on PostgreSQL, which
deletes exactly the log rows it adds) and reads sums and whatever log is left through the
``*_now`` views, in its one snapshot, so every number is still exactly what the rows say.
Sums are kept per UTC day, per month and for all time; a period ``--since DAY`` reads the
days of its first month and the months after it. Medians come from a histogram of whole seconds: the
bucket that holds the middle is found in the sums, and the values inside it are read from
the rows (a few hundred, over an index), so a median is exact, never an estimate.

A report filtered by agent or team reads the rows (:mod:`recoverycli.storage.report`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .backends import Backend

# What a session row contributes, and where.
LOG = ("sign", "day", "playbook", "agent", "mode", "status", "wrap_up", "closed_steps",
       "kept", "kept_late", "outcome", "total_seconds")
LOG_STEPS = ("sign", "day", "playbook", "mode", "step", "seconds")
WATCHED = ("day", "playbook", "agent", "mode", "status", "wrap_up", "closed_steps", "kept",
           "kept_late", "outcome")
STEP_WATCHED = ("started", "playbook", "mode", "step", "status", "seconds")
LONGEST = 1e9  # seconds: a value past it (or not a number) is in no histogram

_TABLES = """
CREATE TABLE rollup_log (sign INTEGER NOT NULL, day TEXT, playbook TEXT, agent TEXT,
    mode TEXT, status TEXT, wrap_up TEXT, closed_steps TEXT, kept INTEGER,
    kept_late INTEGER, outcome TEXT, total_seconds {real});
CREATE TABLE rollup_log_steps (sign INTEGER NOT NULL, day TEXT, playbook TEXT, mode TEXT,
    step TEXT, seconds {real});
CREATE TABLE rollup_counts (grain TEXT NOT NULL, period TEXT NOT NULL,
    playbook TEXT NOT NULL, agent TEXT NOT NULL, mode TEXT NOT NULL, status TEXT NOT NULL,
    wrap_up TEXT NOT NULL, sessions INTEGER NOT NULL, kept INTEGER NOT NULL,
    kept_late INTEGER NOT NULL, returned INTEGER NOT NULL, lost INTEGER NOT NULL,
    pending INTEGER NOT NULL,
    PRIMARY KEY (grain, period, playbook, agent, mode, status, wrap_up));
CREATE TABLE rollup_days (day TEXT NOT NULL, playbook TEXT NOT NULL, mode TEXT NOT NULL,
    sessions INTEGER NOT NULL, kept INTEGER NOT NULL, kept_late INTEGER NOT NULL,
    returned INTEGER NOT NULL, lost INTEGER NOT NULL, pending INTEGER NOT NULL,
    PRIMARY KEY (day, playbook, mode));
CREATE TABLE rollup_steps (grain TEXT NOT NULL, period TEXT NOT NULL,
    playbook TEXT NOT NULL, mode TEXT NOT NULL, status TEXT NOT NULL,
    closed_steps TEXT NOT NULL, sessions INTEGER NOT NULL,
    PRIMARY KEY (grain, period, playbook, mode, status, closed_steps));
CREATE TABLE rollup_seconds (grain TEXT NOT NULL, period TEXT NOT NULL,
    playbook TEXT NOT NULL, mode TEXT NOT NULL, step TEXT NOT NULL, bucket INTEGER NOT NULL,
    n INTEGER NOT NULL, PRIMARY KEY (grain, period, playbook, step, mode, bucket));
CREATE INDEX rollup_counts_empty ON rollup_counts (grain) WHERE sessions = 0;
CREATE INDEX rollup_days_empty ON rollup_days (day) WHERE sessions = 0;
CREATE INDEX rollup_steps_empty ON rollup_steps (grain) WHERE sessions = 0;
CREATE INDEX rollup_seconds_empty ON rollup_seconds (grain) WHERE n = 0;
CREATE INDEX sessions_open_report ON sessions (agent, follow_up, started, mode, playbook,
    day) WHERE follow_up IS NOT NULL AND (outcome IS NULL OR outcome = 'pending');
DROP INDEX IF EXISTS sessions_open_follow_ups;
CREATE INDEX sessions_open_since ON sessions (started, follow_up, mode)
    WHERE follow_up IS NOT NULL AND (outcome IS NULL OR outcome = 'pending')
"""

# each log row counts in its day ('d'), its month ('m') and all time ('a', period '')
_GRAINS = ("(SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain UNION ALL SELECT 'a' AS "
           "grain) AS g")
_PERIOD = ("CASE WHEN g.grain = 'd' THEN day WHEN g.grain = 'm' THEN substr(day, 1, 7) "
           "ELSE '' END")


def _bucket(db: Backend, column: str) -> str:
    whole = (f"CAST(floor({column}) AS BIGINT)" if db.dialect.name == "postgresql"
             else f"CAST({column} AS INTEGER)")
    return f"CASE WHEN {column} >= 0 AND {column} < {LONGEST:.0f} THEN {whole} END"


# Each sum table, as a part: (name, key columns, value columns, the expressions giving
# them from a log source, the FROM after the source, a WHERE). Folds and views share them.
Part = tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], str, str, str]


def _parts(db: Backend) -> list[Part]:
    def outcome(result: str) -> str:
        return f"CASE WHEN outcome = '{result}' THEN sign ELSE 0 END"

    sums = ("sign", "sign * coalesce(kept, 0)", "sign * coalesce(kept_late, 0)",
            outcome("returned"), outcome("lost"), outcome("pending"))
    values = ("sessions", "kept", "kept_late", "returned", "lost", "pending")
    seconds_key = ("grain", "period", "playbook", "mode", "step", "bucket")
    calls = _bucket(db, "total_seconds")
    steps = _bucket(db, "seconds")
    return [
        ("rollup_counts", ("grain", "period", "playbook", "agent", "mode", "status",
                           "wrap_up"), values,
         ("g.grain", _PERIOD, "playbook", "coalesce(agent, '')", "mode", "status",
          "coalesce(wrap_up, '')", *sums), "rollup_log", f" CROSS JOIN {_GRAINS}", ""),
        ("rollup_days", ("day", "playbook", "mode"), values, ("day", "playbook", "mode", *sums),
         "rollup_log", "", ""),
        ("rollup_steps", ("grain", "period", "playbook", "mode", "status", "closed_steps"),
         ("sessions",), ("g.grain", _PERIOD, "playbook", "mode", "status",
                         "coalesce(closed_steps, '')", "sign"),
         "rollup_log", f" CROSS JOIN {_GRAINS}", ""),
        ("rollup_seconds", seconds_key, ("n",),
         ("g.grain", _PERIOD, "playbook", "mode", "''", calls, "sign"), "rollup_log",
         f" CROSS JOIN {_GRAINS}", f" WHERE status = 'finished' AND {calls} IS NOT NULL"),
        ("rollup_seconds", seconds_key, ("n",),
         ("g.grain", _PERIOD, "playbook", "mode", "step", steps, "sign"), "rollup_log_steps",
         f" CROSS JOIN {_GRAINS}", f" WHERE {steps} IS NOT NULL"),
    ]


def _select(part: Part, source: str | None = None, named: bool = False) -> str:
    exprs = part[3]
    shown = [f"{e} AS c{n}" if named else e for n, e in enumerate(exprs)]
    return f"SELECT {', '.join(shown)} FROM {source or part[4]}{part[5]}{part[6]}"


def _upsert(part: Part, source: str | None = None) -> str:
    name, key, values = part[0], part[1], part[2]
    columns = (*key, *values)
    sums = ", ".join(f"{v} = {name}.{v} + excluded.{v}" for v in values)
    group = ", ".join(f"c{n}" for n in range(len(key)))
    total = ", ".join(f"SUM(c{n})" for n in range(len(key), len(columns)))
    return (f"INSERT INTO {name} ({', '.join(columns)}) SELECT {group}, {total} FROM "
            f"({_select(part, source, named=True)}) AS x WHERE true GROUP BY {group} "
            f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {sums}")


def _views(db: Backend) -> list[str]:
    """``<table>_now``: the sums plus the log not folded yet, read in one snapshot."""
    out = []
    grouped: dict[str, list[str]] = {}
    shapes: dict[str, tuple[str, ...]] = {}
    for part in _parts(db):
        grouped.setdefault(part[0], []).append(_select(part))
        shapes[part[0]] = (*part[1], *part[2])
    for name, selects in grouped.items():
        columns = ", ".join(shapes[name])
        union = " UNION ALL ".join([f"SELECT {columns} FROM {name}", *selects])
        out.append(f"CREATE VIEW {name}_now ({columns}) AS {union}")
    return out


def _triggers(db: Backend) -> list[str]:
    new = ", ".join(f"NEW.{c}" for c in LOG[1:])
    old = ", ".join(f"OLD.{c}" for c in LOG[1:])
    snew = ", ".join(f"NEW.{c}" if c != "day" else "substr(NEW.started, 1, 10)"
                     for c in LOG_STEPS[1:])
    sold = ", ".join(f"OLD.{c}" if c != "day" else "substr(OLD.started, 1, 10)"
                     for c in LOG_STEPS[1:])
    log = f"INSERT INTO rollup_log ({', '.join(LOG)}) VALUES"
    slog = f"INSERT INTO rollup_log_steps ({', '.join(LOG_STEPS)}) VALUES"
    if db.dialect.name == "postgresql":
        differs = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in WATCHED)
        total = ("((OLD.status = 'finished' OR NEW.status = 'finished') AND "
                 "OLD.total_seconds IS DISTINCT FROM NEW.total_seconds)")
        sdiffers = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in STEP_WATCHED)
        return [
            "CREATE FUNCTION recover_rollup_log() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN IF TG_OP <> 'INSERT' THEN {log} (-1, {old}); END IF; "
            f"IF TG_OP <> 'DELETE' THEN {log} (1, {new}); END IF; RETURN NULL; END $$",
            "CREATE TRIGGER rollup_sessions AFTER INSERT OR DELETE ON sessions FOR EACH ROW "
            "EXECUTE FUNCTION recover_rollup_log()",
            f"CREATE TRIGGER rollup_sessions_update AFTER UPDATE ON sessions FOR EACH ROW "
            f"WHEN ({differs} OR {total}) EXECUTE FUNCTION recover_rollup_log()",
            "CREATE FUNCTION recover_rollup_log_steps() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN IF TG_OP <> 'INSERT' AND OLD.status = 'done' THEN "
            f"{slog} (-1, {sold}); END IF; IF TG_OP <> 'DELETE' AND NEW.status = 'done' THEN "
            f"{slog} (1, {snew}); END IF; RETURN NULL; END $$",
            "CREATE TRIGGER rollup_steps AFTER INSERT OR DELETE ON session_steps FOR EACH "
            "ROW EXECUTE FUNCTION recover_rollup_log_steps()",
            f"CREATE TRIGGER rollup_steps_update AFTER UPDATE ON session_steps FOR EACH ROW "
            f"WHEN ({sdiffers}) EXECUTE FUNCTION recover_rollup_log_steps()",
        ]
    differs = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in WATCHED)
    total = ("((OLD.status = 'finished' OR NEW.status = 'finished') AND "
             "OLD.total_seconds IS NOT NEW.total_seconds)")
    sdiffers = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in STEP_WATCHED)
    return [
        f"CREATE TRIGGER rollup_sessions_insert AFTER INSERT ON sessions BEGIN "
        f"{log} (1, {new}); END",
        f"CREATE TRIGGER rollup_sessions_update AFTER UPDATE ON sessions WHEN {differs} "
        f"OR {total} BEGIN {log} (-1, {old}); {log} (1, {new}); END",
        f"CREATE TRIGGER rollup_sessions_delete AFTER DELETE ON sessions BEGIN "
        f"{log} (-1, {old}); END",
        f"CREATE TRIGGER rollup_steps_insert AFTER INSERT ON session_steps "
        f"WHEN NEW.status = 'done' BEGIN {slog} (1, {snew}); END",
        f"CREATE TRIGGER rollup_steps_delete AFTER DELETE ON session_steps "
        f"WHEN OLD.status = 'done' BEGIN {slog} (-1, {sold}); END",
        f"CREATE TRIGGER rollup_steps_update_old AFTER UPDATE ON session_steps "
        f"WHEN OLD.status = 'done' AND ({sdiffers}) BEGIN {slog} (-1, {sold}); END",
        f"CREATE TRIGGER rollup_steps_update_new AFTER UPDATE ON session_steps "
        f"WHEN NEW.status = 'done' AND ({sdiffers}) BEGIN {slog} (1, {snew}); END",
    ]


def install(db: Backend) -> None:
    """The migration ``report_rollups``: tables, views and triggers, then every row
    already stored logged once and folded, in the migration's transaction (writers wait
    for it: a store of 1,000,000 sessions takes a while, once)."""
    for statement in _TABLES.format(real=db.dialect.real).split(";"):
        if statement.strip():
            db.execute(statement)
    for statement in _views(db) + _triggers(db):
        db.execute(statement)
    columns = ", ".join(c for c in LOG[1:])
    db.execute(f"INSERT INTO rollup_log ({', '.join(LOG)}) SELECT 1, {columns} FROM sessions")
    db.execute(f"INSERT INTO rollup_log_steps ({', '.join(LOG_STEPS)}) SELECT 1, "
               "substr(started, 1, 10), playbook, mode, step, seconds FROM session_steps "
               "WHERE status = 'done'")
    _fold(db)


FOLD_LOCK = 7320515  # PostgreSQL advisory lock: one fold at a time


def fold(db: Backend) -> bool:
    """Fold the log into the sums, in a transaction of its own (before the report's
    snapshot). False when it could not (a read-only role, a store busy past its bound):
    the report is still exact, reading the log through the views, only slower."""
    from recoverycli.errors import StoreError

    try:
        if not any(db.execute(f"SELECT 1 FROM {log} LIMIT 1").fetchone()
                   for log in ("rollup_log", "rollup_log_steps")):
            return True  # nothing changed since the last fold: no write lock taken
        with db.transaction():
            if db.dialect.name == "postgresql":
                db.execute(f"SELECT pg_advisory_xact_lock({FOLD_LOCK})")
            _fold(db)
    except StoreError:
        return False
    return True


def _fold(db: Backend) -> None:
    parts = _parts(db)
    if db.dialect.name != "postgresql":  # one writer at a time: read, add, empty
        for part in parts:
            db.execute(_upsert(part))
        _prune(db)
        db.execute("DELETE FROM rollup_log")
        db.execute("DELETE FROM rollup_log_steps")
        return
    # PostgreSQL: each statement deletes exactly the log rows it adds (rows committed by
    # a writer meanwhile are not in its snapshot and wait for the next fold)
    for source, mine in (("rollup_log", parts[:4]), ("rollup_log_steps", parts[4:])):
        ctes = [f"moved AS (DELETE FROM {source} RETURNING *)"]
        ctes += [f"u{n} AS ({_upsert(part, 'moved')} RETURNING 1)"
                 for n, part in enumerate(mine)]
        db.execute("WITH " + ", ".join(ctes) + " SELECT count(*) FROM moved")
    _prune(db)


def _prune(db: Backend) -> None:
    """Sums back to nothing (a session moved on, or was forgotten) take no room (found
    through the partial indexes of empty sums, not by reading every sum)."""
    db.execute("DELETE FROM rollup_counts WHERE sessions = 0 AND kept = 0 AND "
               "kept_late = 0 AND returned = 0 AND lost = 0 AND pending = 0")
    db.execute("DELETE FROM rollup_days WHERE sessions = 0 AND kept = 0 AND "
               "kept_late = 0 AND returned = 0 AND lost = 0 AND pending = 0")
    db.execute("DELETE FROM rollup_steps WHERE sessions = 0")
    db.execute("DELETE FROM rollup_seconds WHERE n = 0")


def period(since: str | None) -> tuple[str, list[object]]:
    """The WHERE clause choosing the sums of a period: all time, or the days of the
    first month from ``since`` on and the months after it (``since`` is a UTC day, as the
    ``day`` column is, so the same sessions as ``started >= since``)."""
    if not since:
        return "grain = 'a'", []
    day = since[:10]
    return ("((grain = 'd' AND period >= ? AND period < ?) OR (grain = 'm' AND period > ?))",
            [day, day[:7] + "-32", day[:7]])
