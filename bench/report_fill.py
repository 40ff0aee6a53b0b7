"""Fill a store with N sessions quickly, for the report benches at 1,000,000.

Builds 1,000 realistic sessions through the storage package's own row functions
(``session_row``, ``step_rows``: the same columns a save writes) and copies them N times
over, each copy with its own id, customer and start (the issue's spread: the last
``recent`` in the last 30 days, the others a minute apart before), its follow-up and
outcome moved with it. Rows go in with the report's triggers set aside (SQLite
``executemany`` with the journal off; PostgreSQL ``COPY``), then the ``report_rollups``
migration is run again as an upgraded store would run it, backfilling the sums from the
rows: the bench times that too.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from report_scale import sessions_for, started_at

TEMPLATE = 1000


def _templates() -> list[tuple[tuple[Any, ...], list[tuple[Any, ...]], float]]:
    from recoverycli.playbooks.session import Session
    from recoverycli.storage.columns import step_rows
    from recoverycli.storage.sessions import session_row

    out = []
    for s in sessions_for(TEMPLATE):
        assert isinstance(s, Session)
        out.append((session_row(s, False), step_rows(s), s.started))
    return out


def rows(count: int, recent: int | None, first: int, last: int,
         templates: list[Any]) -> Iterator[tuple[tuple[Any, ...], list[tuple[Any, ...]]]]:
    from recoverycli.storage.columns import iso, iso_us, name_key
    from recoverycli.storage.schema import SESSION_COLUMNS, STEP_COLUMNS

    col = {c: n for n, c in enumerate(SESSION_COLUMNS)}
    scol = {c: n for n, c in enumerate(STEP_COLUMNS)}
    now = time.time()
    stamp = iso_us(now)
    for index in range(first, last):
        row, steps, t0 = templates[index % len(templates)]
        ts = started_at(index, count, recent, now)
        new = list(row)
        sid = f"s{index:07d}"
        started = iso(ts)
        new[col["id"]] = sid
        new[col["started"]] = started
        new[col["updated"]] = stamp
        new[col["day"]] = started[:10]
        customer = f"Customer {index}"
        new[col["customer"]] = customer
        new[col["customer_key"]] = name_key(customer)
        if row[col["follow_up"]]:
            new[col["follow_up"]] = time.strftime("%Y-%m-%d", time.gmtime(ts + 2 * 86400))
        if row[col["outcome_at"]]:
            shift = ts - t0
            from datetime import datetime

            old = datetime.fromisoformat(str(row[col["outcome_at"]]).replace("Z", "+00:00"))
            new[col["outcome_at"]] = iso(old.timestamp() + shift)
        out_steps = []
        for step in steps:
            s = list(step)
            s[scol["session"]] = sid
            s[scol["started"]] = started
            out_steps.append(tuple(s))
        yield tuple(new), out_steps


def _set_aside(db: Any) -> None:
    """Drop the rollups and forget their migration: reopening the store installs them
    again, backfilled from the rows (what an upgrade from the release before does)."""
    with db.transaction():
        for view in ("counts", "days", "steps", "seconds"):
            db.execute(f"DROP VIEW rollup_{view}_now")
            db.execute(f"DROP TABLE rollup_{view}")
        db.execute("DROP TABLE rollup_log")
        db.execute("DROP TABLE rollup_log_steps")
        db.execute("DROP INDEX sessions_open_report")
        db.execute("DROP INDEX IF EXISTS sessions_open_since")
        if db.dialect.name == "postgresql":
            db.execute("DROP FUNCTION recover_rollup_log() CASCADE")
            db.execute("DROP FUNCTION recover_rollup_log_steps() CASCADE")
        else:
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = "
                                      "'trigger' AND name LIKE 'rollup%'").fetchall():
                db.execute(f"DROP TRIGGER {name}")
        db.execute("DELETE FROM recover_migrations WHERE name = 'report_rollups'")


def fill(store: Any, count: int, recent: int | None, chunk: int = 100_000) -> None:
    from recoverycli.storage.schema import SESSION_COLUMNS, STEP_COLUMNS

    db = store.backend
    _set_aside(db)
    templates = _templates()
    pg = db.dialect.name == "postgresql"
    if not pg:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -400000")
    for first in range(0, count, chunk):
        batch = list(rows(count, recent, first, min(first + chunk, count), templates))
        if pg:
            with db.conn.transaction(), db.conn.cursor() as cur:
                with cur.copy(f"COPY sessions ({', '.join(SESSION_COLUMNS)}) FROM STDIN") as cp:
                    for row, _ in batch:
                        cp.write_row(row)
                with cur.copy(f"COPY session_steps ({', '.join(STEP_COLUMNS)}) FROM STDIN"
                              ) as cp:
                    for _, steps in batch:
                        for step in steps:
                            cp.write_row(step)
        else:
            with db.transaction():
                db.executemany(f"INSERT INTO sessions ({', '.join(SESSION_COLUMNS)}) VALUES "
                               f"({', '.join('?' * len(SESSION_COLUMNS))})",
                               [row for row, _ in batch])
                db.executemany(f"INSERT INTO session_steps ({', '.join(STEP_COLUMNS)}) "
                               f"VALUES ({', '.join('?' * len(STEP_COLUMNS))})",
                               [step for _, steps in batch for step in steps])
    if not pg:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
