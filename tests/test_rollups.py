"""The report's sums kept by the database (storage/rollup.py) say exactly what the rows
say: after inserts, outcomes, reopened steps, rehearsals, wrap-up codes, forgotten
sessions and hand edits, on SQLite and PostgreSQL, folded or not, with writers and folds
running at once. Each comparison is the report's numbers read from the sums against the
same numbers read from the rows (the path a report for one agent takes)."""

from __future__ import annotations

import random
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

import report_seed

TODAY = date.today().isoformat()


def _store(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    from recoverycli.storage.store import Store

    if kind == "sqlite":
        return Store(tmp_path / "data")
    from recoverycli.storage.postgres import PostgresBackend

    return Store(PostgresBackend(request.getfixturevalue("pg_url"), bound=60))


def _filters() -> list[Any]:
    from recoverycli.storage.report import Filters

    first_of_month = date.today().replace(day=1)
    return [Filters(), Filters(rehearsals=True), Filters(playbook="heal"),
            Filters(since=(date.today() - timedelta(days=9)).isoformat()),
            Filters(since=first_of_month.isoformat()),
            Filters(since=(first_of_month - timedelta(days=1)).isoformat(), rehearsals=True),
            Filters(since=(date.today() - timedelta(days=25)).isoformat(), playbook="hyken"),
            Filters(since=(date.today() + timedelta(days=3)).isoformat())]


def _same(db: Any, fold: bool = True) -> None:
    from recoverycli.storage import sums as report

    for f in _filters():
        rows = report.numbers(db, f, TODAY, rows=True)
        if fold:
            summed = report.numbers(db, f, TODAY)
        else:
            with db.snapshot():
                summed = report._rolled(db, f, TODAY)
        for key in rows:
            a, b = rows[key], summed[key]
            if isinstance(a, list):
                a, b = sorted(a, key=repr), sorted(b, key=repr)
            assert a == b, (f, key)


def _log_rows(db: Any) -> int:
    return sum(int(db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])
               for t in ("rollup_log", "rollup_log_steps"))


def _mutate(db: Any, sessions: list[Any], rng: random.Random) -> None:
    from recoverycli.playbooks.session import Visit
    from recoverycli.storage.sessions import save

    for s in rng.sample(sessions, 25):
        kind = rng.randrange(7)
        if kind == 0 and s.follow_up:
            s.add_outcome(rng.choice(["returned", "lost", "pending"]), time.time(), s.agent,
                          next_follow_up=(date.today() + timedelta(days=3)).isoformat())
        elif kind == 1:  # a step reopened and answered the other way
            step = rng.choice(s.path)
            s.path.append(Visit(step.step_id, "skip" if step.status == "done" else "done"))
            s.seconds[step.step_id] = s.seconds.get(step.step_id, 0) + rng.uniform(1, 40)
        elif kind == 2:
            s.status = "open" if s.status == "finished" else "finished"
        elif kind == 3:
            s.mode = "rehearse" if s.mode == "live" else "live"
        elif kind == 4:
            s.wrap_up = rng.choice(["late-delivery", "billing-error", None])
        elif kind == 5:
            s.set_follow_up((date.today() - timedelta(days=rng.randrange(-5, 9))).isoformat())
        else:
            s.seconds = {k: v + rng.uniform(-5, 30) for k, v in s.seconds.items()}
        save(db, s, False)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_sums_say_what_the_rows_say_through_every_change(
        kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    from recoverycli.storage.sessions import write_many

    store = _store(kind, tmp_path, request)
    db = store.backend
    sessions = report_seed.sessions(300, seed=5)
    write_many(db, sessions)
    _same(db, fold=False)  # nothing folded yet: the views read the log
    _same(db)
    assert _log_rows(db) == 0  # the report folded it
    rng = random.Random(8)
    for _ in range(3):
        _mutate(db, sessions, rng)
        _same(db, fold=False)
        _same(db)
    store.forget([s.id for s in sessions[:40]])
    _same(db)
    with db.transaction():  # a hand edit of the rows
        db.execute("UPDATE session_steps SET seconds = seconds + 100 WHERE step = '2'")
        db.execute("UPDATE sessions SET outcome = 'lost' WHERE outcome = 'returned' AND "
                   "agent = 'kim'")
    _same(db)
    store.close()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_saving_a_call_again_logs_only_what_changed(
        kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """A live call is saved at every key that matters; the log must grow with what
    happened (a step closed), not with each save, or it would outgrow the store."""
    from recoverycli.playbooks.session import Visit
    from recoverycli.storage.rollup import fold
    from recoverycli.storage.sessions import save

    store = _store(kind, tmp_path, request)
    db = store.backend
    s = report_seed.sessions(1, seed=2)[0]
    s.status = "open"
    save(db, s, False)
    assert fold(db)
    assert _log_rows(db) == 0
    from recoverycli.playbooks.session import Note

    for n in range(5):  # a note typed: the state changes, nothing the report counts
        s.notes.setdefault(s.path[0].step_id, []).append(Note(f"note {n}", time.time()))
        save(db, s, False)
    assert _log_rows(db) == 0
    s.path.append(Visit(s.path[0].step_id, "skip"))
    save(db, s, False)
    assert 0 < _log_rows(db) <= 4  # the session's row (-old, +new) and the step's row
    _same(db)
    store.close()


def test_a_store_from_before_the_sums_gets_them_for_every_row(tmp_path: Path) -> None:
    from recoverycli.storage.sessions import write_many
    from recoverycli.storage.store import Store

    store = Store(tmp_path / "data")
    write_many(store.backend, report_seed.sessions(200, seed=9))
    db = store.backend
    with db.transaction():  # as the release before this one left it
        for view in ("counts", "days", "steps", "seconds"):
            db.execute(f"DROP VIEW rollup_{view}_now")
            db.execute(f"DROP TABLE rollup_{view}")
        db.execute("DROP TABLE rollup_log")
        db.execute("DROP TABLE rollup_log_steps")
        db.execute("DROP INDEX sessions_open_report")
        db.execute("DROP INDEX sessions_open_since")
        for trigger in [r[0] for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE "
                "'rollup%'")]:
            db.execute(f"DROP TRIGGER {trigger}")
        db.execute("DELETE FROM recover_migrations WHERE name = 'report_rollups'")
    store.close()
    store = Store(tmp_path / "data")
    _same(store.backend)
    store.close()


def test_writers_and_reports_at_once_lose_nothing(pg_url: str) -> None:
    """Eight agents saving while two reports fold the log: each fold deletes exactly the
    log rows it adds, so the sums still equal the rows at the end."""
    from recoverycli.storage.postgres import PostgresBackend
    from recoverycli.storage.report import Filters
    from recoverycli.storage.sessions import save
    from recoverycli.storage.store import Store
    from recoverycli.storage.sums import numbers

    Store(PostgresBackend(pg_url, bound=60)).close()  # migrated once
    everyone = report_seed.sessions(160, seed=4)
    errors: list[BaseException] = []
    stop = threading.Event()

    def agent(mine: list[Any]) -> None:
        try:
            db = PostgresBackend(pg_url, bound=60)
            for s in mine:
                save(db, s, False)
                s.status = "open" if s.status == "finished" else "finished"
                save(db, s, False)
            db.close()
        except BaseException as exc:
            errors.append(exc)

    def reporter() -> None:
        try:
            db = PostgresBackend(pg_url, bound=60)
            while not stop.is_set():
                numbers(db, Filters(), TODAY)
            db.close()
        except BaseException as exc:
            errors.append(exc)

    agents = [threading.Thread(target=agent, args=(everyone[n::8],)) for n in range(8)]
    reports = [threading.Thread(target=reporter) for _ in range(2)]
    for t in agents + reports:
        t.start()
    for t in agents:
        t.join(timeout=120)
    stop.set()
    for t in reports:
        t.join(timeout=120)
    assert not errors, errors
    store = Store(PostgresBackend(pg_url, bound=60))
    _same(store.backend)
    store.close()
