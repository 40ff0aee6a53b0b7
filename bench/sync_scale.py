"""Sync at scale: 10,000 sessions kept locally while the server was away, sent by
``recover sync``'s own code, against inserting the same rows with psycopg in one
transaction (budget 3x), in one run.

Run: ``python bench/sync_scale.py [--sessions N]`` from the venv that has recover installed
with the team extra. PostgreSQL: RECOVER_TEST_DATABASE_URL, or a throwaway cluster
started here (tests/pgserver.py). Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=10_000)
    args = parser.parse_args()
    from contextlib import ExitStack

    import psycopg

    from pgserver import throwaway_cluster
    from recoverycli.playbooks.session import Session
    from recoverycli.storage.columns import step_rows
    from recoverycli.storage.forget import select_ids
    from recoverycli.storage.open import open_postgres
    from recoverycli.storage.schema import SESSION_COLUMNS, STEP_COLUMNS
    from recoverycli.storage.sessions import session_row, write_many
    from recoverycli.storage.store import Store, pending_marker
    from recoverycli.storage.sync import push
    from report_scale import sessions_for

    sessions = [s for s in sessions_for(args.sessions) if isinstance(s, Session)]
    for n, s in enumerate(sessions):
        s.id = f"{n:08d}" + "f" * 24
    home = Path(tempfile.mkdtemp())
    with ExitStack() as stack:
        url = os.environ.get("RECOVER_TEST_DATABASE_URL") or stack.enter_context(
            throwaway_cluster()).url
        team = open_postgres(url)
        team.forget(select_ids(team.backend, everything=True))

        # the reference: the same session and step rows, psycopg, one transaction
        rows = [session_row(s, False) for s in sessions]
        steps = [r for s in sessions for r in step_rows(s)]
        with psycopg.connect(url) as conn:
            start = time.perf_counter()
            with conn.transaction(), conn.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO sessions ({', '.join(SESSION_COLUMNS)}) VALUES "
                    f"({', '.join(['%s'] * len(SESSION_COLUMNS))})", rows)
                cursor.executemany(
                    f"INSERT INTO session_steps ({', '.join(STEP_COLUMNS)}) VALUES "
                    f"({', '.join(['%s'] * len(STEP_COLUMNS))})", steps)
            reference = time.perf_counter() - start
        team.forget(select_ids(team.backend, everything=True))

        local = Store(home / "data")
        write_many(local.backend, sessions, pending=True)
        pending_marker(home / "data").touch()
        start = time.perf_counter()
        sent = push(local, team)
        ours = time.perf_counter() - start
        assert sent.sent == len(sessions) and not sent.conflicts, sent
        again = push(local, team)
        assert again.sent == 0
        team.close()
    ratio = ours / reference
    print(f"{len(sessions)} sessions, {len(steps)} step rows")
    print(f"{'psycopg executemany, one transaction':40} {reference * 1000:8.0f} ms")
    print(f"{'recover sync (read, send, remove, scrub)':40} {ours * 1000:8.0f} ms  "
          f"ratio {ratio:.2f} (budget 3.00){'  OVER' if ratio > 3 else ''}")
    sys.exit(1 if ratio > 3 else 0)


if __name__ == "__main__":
    main()
