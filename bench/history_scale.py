"""History at scale: 100,000 sessions, and ``history``, ``due`` and ``history ID`` each
against ``recover --version`` in the same run (budget 2x each), with the query plans.

Run: ``python bench/history_scale.py [--sessions N] [--runs N]`` from the venv that has
recover installed. The store is filled in one transaction with the same rows the run
writes; nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from common import RECOVER, timed


def fill(folder: Path, count: int) -> str:
    """Through the storage package's own bulk write, in one transaction."""
    from recoverycli.playbooks.model import load_playbook, outline_of
    from recoverycli.playbooks.session import Session, Visit
    from recoverycli.storage.sessions import analyze, plans, write_many
    from recoverycli.storage.store import Store

    store = Store(folder)
    book = load_playbook(str(Path(__file__).resolve().parent.parent / "playbooks" / "hyken.yaml"))
    outline = outline_of(book)
    rng = random.Random(7)
    now = time.time()
    sessions = []
    for index in range(count):
        started = now - (count - index) * 60.0
        session = Session(f"s{index:06d}", "hyken", None, book.title, status="finished",
                          started=started, ended=started + 300, outline=outline,
                          fields={"customer": f"Customer {index}", "offer": "a free breakfast"})
        session.path = [Visit(str(n), "done") for n in range(1, 8)]
        session.seconds = {str(n): 40.0 for n in range(1, 8)}
        if index % 10 == 0:
            session.follow_up = time.strftime("%Y-%m-%d", time.gmtime(started + 2 * 86400))
            if index < count - 4000 and rng.random() < 0.98:
                session.outcome = {"result": "returned", "rating": 5, "note": None, "at": now}
        sessions.append(session)
    write_many(store.backend, sessions)
    analyze(store.backend)
    last = sessions[-1].id
    for label, plan in plans(store.backend, last):
        print(f"plan {label:11} {plan}")
    store.close()
    return last


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp())
    start = time.perf_counter()
    last = fill(home / "data", args.sessions)
    size = (home / "data" / "sessions.db").stat().st_size
    print(f"filled {args.sessions} sessions in {time.perf_counter() - start:.1f} s "
          f"({size / 1e6:.0f} MB)")
    env = {**os.environ, "RECOVER_DATA_DIR": str(home / "data"),
           "RECOVER_CONFIG_DIR": str(home / "cfg"), "COLUMNS": "120", "NO_COLOR": "1"}
    base = timed([RECOVER, "--version"], args.runs, env)
    print(f"{'recover --version':24} {base * 1000:8.1f} ms")
    failed = False
    for label, cmd in [("recover history", ["history"]), ("recover due", ["due"]),
                       ("recover history ID", ["history", last])]:
        seconds = timed([RECOVER, *cmd], args.runs, env)
        ratio = seconds / base
        failed |= ratio > 2.0
        print(f"{label:24} {seconds * 1000:8.1f} ms  ratio {ratio:.2f} (budget 2.00)"
              f"{'  OVER' if ratio > 2.0 else ''}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
