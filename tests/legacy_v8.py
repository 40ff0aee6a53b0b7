"""The schema as the release before named migrations made it (schema_version 8),
verbatim, to build old stores in tests: the new storage package must read them forward
with nothing lost."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

ROWS = Path(__file__).parent / "data" / "legacy" / "store_v8_rows.json"
EXPECTED = Path(__file__).parent / "data" / "legacy" / "store_v8_expected.json"

# The running step totals rebuilt from session_steps (migration 5, and bench/).
TOTALS_FROM_STEPS = """
    INSERT INTO step_counts (playbook, step, day, agent, team, status, taken, title, count)
        SELECT playbook, step, substr(started, 1, 10), COALESCE(agent, ''),
               COALESCE(team, ''), status, COALESCE(taken, ''), MIN(title), COUNT(*)
        FROM session_steps
        GROUP BY playbook, step, substr(started, 1, 10), COALESCE(agent, ''),
                 COALESCE(team, ''), status, COALESCE(taken, '')
"""

# The running session totals rebuilt from sessions (migration 6, and bench/).
TOTALS_FROM_SESSIONS = """
    INSERT INTO session_counts (day, playbook, agent, team, status, count)
        SELECT substr(started, 1, 10), playbook, COALESCE(agent, ''), COALESCE(team, ''),
               status, COUNT(*)
        FROM sessions
        GROUP BY substr(started, 1, 10), playbook, COALESCE(agent, ''), COALESCE(team, ''),
                 status
"""

# Each entry upgrades the schema by one version. Plain SQL that SQLite and PostgreSQL
# both read (PostgreSQL gets REAL widened to DOUBLE PRECISION).
MIGRATIONS: list[str] = [
    """
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
    """,
    # 2: follow-ups and outcomes, queryable without reading the state
    """
    ALTER TABLE sessions ADD COLUMN follow_up TEXT;
    ALTER TABLE sessions ADD COLUMN outcome TEXT;
    CREATE INDEX sessions_due ON sessions (follow_up) WHERE follow_up IS NOT NULL
        AND outcome IS NULL;
    CREATE INDEX sessions_playbook_started ON sessions (playbook, started);
    """,
    # 3: practice and quiz attempts, for progress over time
    """
    CREATE TABLE attempts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        playbook TEXT,
        scenario TEXT,
        score REAL NOT NULL,
        started TEXT NOT NULL,
        detail TEXT NOT NULL
    );
    CREATE INDEX attempts_started ON attempts (started);
    CREATE TABLE attempt_steps (
        attempt TEXT NOT NULL,
        playbook TEXT NOT NULL,
        step TEXT NOT NULL,
        title TEXT NOT NULL,
        score REAL NOT NULL
    );
    CREATE INDEX attempt_steps_attempt ON attempt_steps (attempt);
    """,
    # 4: teams - who ran it, which team, the promise made; sessions kept locally while
    # the team's server was unreachable, waiting for 'recover sync'
    """
    ALTER TABLE sessions ADD COLUMN team TEXT;
    ALTER TABLE sessions ADD COLUMN offer TEXT;
    ALTER TABLE sessions ADD COLUMN pending_sync INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sessions ADD COLUMN total_seconds REAL;
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
        seconds REAL NOT NULL,
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
    CREATE INDEX sessions_outcome ON sessions (outcome) WHERE outcome IS NOT NULL;
    """,
    # 5: the report's step counts kept as running totals per day, agent and team, so the
    # report reads a few hundred rows instead of counting every step ever closed
    """
    CREATE TABLE step_counts (
        playbook TEXT NOT NULL,
        step TEXT NOT NULL,
        day TEXT NOT NULL,
        agent TEXT NOT NULL,
        team TEXT NOT NULL,
        status TEXT NOT NULL,
        taken TEXT NOT NULL,
        title TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (playbook, step, day, agent, team, status, taken)
    );
    """ + "; " + TOTALS_FROM_STEPS,
    # 6: sessions counted the same way, per day, playbook, agent, team and status
    """
    CREATE TABLE session_counts (
        day TEXT NOT NULL,
        playbook TEXT NOT NULL,
        agent TEXT NOT NULL,
        team TEXT NOT NULL,
        status TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (day, playbook, agent, team, status)
    );
    """ + "; " + TOTALS_FROM_SESSIONS,
    # 7: practice attempts kept locally while the team's server was away, for sync too
    """
    ALTER TABLE attempts ADD COLUMN pending_sync INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX attempts_pending ON attempts (pending_sync) WHERE pending_sync = 1;
    """,
    # 8: the report filtered by agent, team or date finds its medians from indexes alone
    """
    DROP INDEX session_steps_stats;
    CREATE INDEX session_steps_medians ON session_steps (playbook, step, status, seconds,
        started);
    CREATE INDEX session_steps_agent ON session_steps (agent, playbook, step, status,
        seconds, started);
    CREATE INDEX session_steps_team ON session_steps (team, playbook, step, status, seconds,
        started);
    CREATE INDEX sessions_agent_total ON sessions (agent, status, total_seconds, started);
    CREATE INDEX sessions_team_total ON sessions (team, status, total_seconds, started);
    """,
]


def build_sqlite(path: Path, upto: int = 8) -> None:
    """An SQLite store at schema ``upto`` holding the rows the old release wrote."""
    import sqlite3

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    db = sqlite3.connect(path)
    for migration in MIGRATIONS[:upto]:
        db.executescript(migration)
    db.execute(f"PRAGMA user_version = {upto}")
    _fill(db.execute, "?", upto)
    db.commit()
    db.close()


def build_postgres(url: str, upto: int = 8) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn, conn.transaction():
        for migration in MIGRATIONS[:upto]:
            for statement in re.sub(r"\bREAL\b", "DOUBLE PRECISION", migration).split(";"):
                if statement.strip():
                    conn.execute(statement)
        conn.execute("CREATE TABLE recover_schema (version INTEGER NOT NULL)")
        conn.execute("INSERT INTO recover_schema VALUES (%s)", [upto])
        _fill(conn.execute, "%s", upto)


def _fill(execute: Any, mark: str, upto: int) -> None:
    data = json.loads(ROWS.read_text())["tables"]
    for table, content in data.items():
        columns = content["columns"]
        if (upto < 4 and table == "session_steps") or (upto < 3 and table.startswith("att")):
            continue
        if upto < 4 and table == "sessions":
            columns = columns[:10] if upto >= 2 else columns[:8]
        if upto < 7 and table == "attempts":
            columns = [c for c in columns if c != "pending_sync"]
        for row in content["rows"]:
            values = dict(zip(content["columns"], row, strict=True))
            execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                    f"({', '.join([mark] * len(columns))})", [values[c] for c in columns])
    if upto >= 6:
        execute(TOTALS_FROM_STEPS)
        execute(TOTALS_FROM_SESSIONS)


def expected() -> dict[str, Any]:
    return dict(json.loads(EXPECTED.read_text()))
