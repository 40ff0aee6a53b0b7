"""The team report at scale: 100,000 sessions (700,000 step rows) on SQLite and on
PostgreSQL, ``recover report`` against ``recover --version`` in the same run (budget 5x),
with the query plans of the report's queries.

Run: ``python bench/report_scale.py [--sessions N] [--runs N]`` from the venv that has
recover installed with the team extra. PostgreSQL: RECOVER_TEST_DATABASE_URL, or a
throwaway cluster started here (tests/pgserver.py). Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from common import RECOVER, timed

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))


def rows(count: int) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    from recoverycli.playbook import load_playbook, outline_of
    from recoverycli.session import Session, Visit
    from recoverycli.store import SESSION_COLUMNS, iso, step_rows

    book = load_playbook(str(HERE.parent / "playbooks" / "hyken.yaml"))
    outline = outline_of(book)
    rng = random.Random(11)
    now = time.time()
    sessions, steps = [], []
    agents = [f"agent{n:02d}" for n in range(20)]
    for index in range(count):
        started = now - (count - index) * 60.0
        s = Session(f"s{index:06d}", "hyken", None, book.title, status="finished",
                    started=started, ended=started + 300, outline=outline,
                    agent=rng.choice(agents), team="care",
                    fields={"customer": f"Customer {index}", "offer": "a free breakfast"})
        handoff = rng.random() < 0.3
        ids = ["1", "2", "3", "7"] if handoff else [str(n) for n in range(1, 8)]
        s.path = [Visit(i, "skip" if rng.random() < 0.1 else "done",
                        "Hand-off (three-way call with a colleague)" if handoff and i == "3"
                        else None) for i in ids]
        s.seconds = {i: rng.uniform(10, 120) for i in ids}
        if index % 10 == 0:
            s.follow_up = time.strftime("%Y-%m-%d", time.gmtime(started + 2 * 86400))
            if rng.random() < 0.9:
                s.outcome = {"result": rng.choice(["returned", "returned", "lost"]),
                             "rating": 5, "note": None, "at": started + rng.uniform(0, 5) * 86400}
        values = dict(zip(SESSION_COLUMNS, (
            s.id, "hyken", s.customer, s.status, iso(started), iso(started), s.agent,
            json.dumps(s.to_dict()), s.follow_up, (s.outcome or {}).get("result"), s.team,
            "a free breakfast", 0, round(sum(s.seconds.values()), 3),
            iso(s.outcome["at"]) if s.outcome else None), strict=True))
        sessions.append(tuple(values[c] for c in SESSION_COLUMNS))
        steps += step_rows(s)
    return sessions, steps


def fill(store: object, sessions: list[tuple[object, ...]], steps: list[tuple[object, ...]]
         ) -> None:
    from recoverycli.store import (
        SESSION_COLUMNS,
        STEP_COLUMNS,
        TOTALS_FROM_SESSIONS,
        TOTALS_FROM_STEPS,
        Store,
    )

    assert isinstance(store, Store)
    backend = store.backend
    if backend.kind == "postgresql":
        conn = backend.conn  # type: ignore[attr-defined]
        with conn.transaction(), conn.cursor() as cursor:
            for table, columns, data in (("sessions", SESSION_COLUMNS, sessions),
                                         ("session_steps", STEP_COLUMNS, steps)):
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in data:
                        copy.write_row(row)
            cursor.execute(TOTALS_FROM_STEPS)
            cursor.execute(TOTALS_FROM_SESSIONS)
        conn.execute("VACUUM ANALYZE")  # the steady state autovacuum keeps: index-only scans
    else:
        with store.transaction():
            backend.executemany(f"INSERT INTO sessions ({', '.join(SESSION_COLUMNS)}) VALUES "
                                f"({', '.join('?' * len(SESSION_COLUMNS))})", sessions)
            backend.executemany(f"INSERT INTO session_steps ({', '.join(STEP_COLUMNS)}) "
                                f"VALUES ({', '.join('?' * len(STEP_COLUMNS))})", steps)
            backend.execute(TOTALS_FROM_STEPS)
            backend.execute(TOTALS_FROM_SESSIONS)
        backend.execute("ANALYZE")


PLAN_QUERIES = [
    ("sessions", "SELECT playbook, agent, status, SUM(count) FROM session_counts "
                 "GROUP BY playbook, agent, status"),
    ("call median", "SELECT total_seconds FROM sessions WHERE status = 'finished' "
                    "ORDER BY total_seconds LIMIT 1 OFFSET 50000"),
    ("steps", "SELECT playbook, step, status, SUM(count) FROM step_counts "
              "GROUP BY playbook, step, status"),
    ("step median", "SELECT seconds FROM session_steps WHERE playbook = 'hyken' AND "
                    "step = '2' AND status = 'done' ORDER BY seconds LIMIT 1 OFFSET 40000"),
    ("branches", "SELECT playbook, step, taken, SUM(count) FROM step_counts WHERE "
                 "taken <> '' GROUP BY playbook, step, taken"),
]


def plans(store: object) -> None:
    from recoverycli.store import Store

    assert isinstance(store, Store)
    for label, sql in PLAN_QUERIES:
        if store.backend.kind == "postgresql":
            plan = [r[0] for r in store.backend.execute("EXPLAIN " + sql)]
            plan = [p.strip() for p in plan if "Scan" in p or "Aggregate" in p][:2]
        else:
            plan = [r[-1] for r in store.backend.execute("EXPLAIN QUERY PLAN " + sql)]
        print(f"  plan {label:12} {' / '.join(plan)}")




def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from recoverycli.store import Store

    home = Path(tempfile.mkdtemp())
    sessions, steps = rows(args.sessions)
    print(f"{len(sessions)} sessions, {len(steps)} step rows")
    from contextlib import ExitStack

    from pgserver import throwaway_cluster
    from recoverycli.report import gather  # noqa: F401 - fail early if the report is broken

    failed = False
    with ExitStack() as stack:
        url = os.environ.get("RECOVER_TEST_DATABASE_URL") or stack.enter_context(
            throwaway_cluster()).url
        base_env = {**os.environ, "RECOVER_DATA_DIR": str(home / "data"),
                    "RECOVER_CONFIG_DIR": str(home / "cfg"), "COLUMNS": "120",
                    "NO_COLOR": "1"}
        base_env.pop("RECOVER_DATABASE_URL", None)
        for kind in ("sqlite", "postgresql"):
            env = dict(base_env)
            if kind == "sqlite":
                store = Store(home / "data")
            else:
                from recoverycli.pgstore import PostgresBackend

                env["RECOVER_DATABASE_URL"] = url
                store = Store(PostgresBackend(url))
                for table in ("session_counts", "step_counts", "session_steps", "sessions",
                              "attempt_steps", "attempts"):
                    store.backend.execute(f"DELETE FROM {table}")
            start = time.perf_counter()
            fill(store, sessions, steps)
            print(f"\n{kind}: filled in {time.perf_counter() - start:.1f} s")
            plans(store)
            store.close()
            base = timed([RECOVER, "--version"], args.runs, env)
            report = timed([RECOVER, "report"], args.runs, env)
            ratio = report / base
            failed |= ratio > 5
            filtered = timed([RECOVER, "report", "--agent", "agent03", "--since", "30d"],
                             args.runs, env)
            print(f"  recover --version {base * 1000:7.1f} ms")
            print(f"  recover report    {report * 1000:7.1f} ms  ratio {ratio:.2f} "
                  f"(budget 5.00){'  OVER' if ratio > 5 else ''}")
            print(f"  report --agent --since {filtered * 1000:7.1f} ms  ratio "
                  f"{filtered / base:.2f} (not budgeted)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
