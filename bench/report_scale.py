"""The team report at scale: 100,000 sessions (700,000 step rows) on SQLite and on
PostgreSQL, ``recover report`` against ``recover --version`` in the same run (budget 5x, the
week-by-week trend and per-playbook return rate included), and ``recover due`` for one
agent (budget 2x), with the query plans of the report's and due's queries.

Run: ``python bench/report_scale.py [--sessions N] [--runs N]`` from the venv that has
recover installed with the team extra. PostgreSQL: RECOVER_TEST_DATABASE_URL, or a
throwaway cluster started here (tests/pgserver.py). Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import RECOVER, timed, timed_both

HERE = Path(__file__).resolve().parent
CHUNK = 50_000
sys.path.insert(0, str(HERE.parent / "tests"))


def started_at(index: int, count: int, recent: int | None, now: float) -> float:
    """When session ``index`` of ``count`` started: a minute apart up to now, or, with
    ``recent``, the last ``recent`` of them spread over the last 30 days and the others
    a minute apart before that (the issue's store: 1,000,000 sessions, 120,000 in 30d)."""
    if recent is None:
        return now - (count - index) * 60.0
    month = 30 * 86400.0
    if index >= count - recent:
        return now - (count - index) * (month / recent)
    return now - month - (count - recent - index) * 60.0


def sessions_for(count: int, recent: int | None = None, first: int = 0,
                 last: int | None = None) -> list[object]:
    """Sessions ``first`` to ``last`` (default: all) of ``count``."""
    from recoverycli.playbooks.model import load_playbook, outline_of
    from recoverycli.playbooks.session import Session, Visit

    book = load_playbook(str(HERE.parent / "playbooks" / "hyken.yaml"))
    outline = outline_of(book)
    rng = random.Random(11 + first)
    now = time.time()
    sessions = []
    agents = [f"agent{n:02d}" for n in range(20)]
    for index in range(first, count if last is None else min(last, count)):
        started = started_at(index, count, recent, now)
        s = Session(f"s{index:06d}", "hyken", None, book.title, status="finished",
                    started=started, ended=started + 300, outline=outline,
                    agent=rng.choice(agents), team="care",
                    fields={"customer": f"Customer {index}", "offer": "a free breakfast"},
                    mode="rehearse" if index % 50 == 0 else "live")
        handoff = rng.random() < 0.3
        ids = ["1", "2", "3", "7"] if handoff else [str(n) for n in range(1, 8)]
        s.path = [Visit(i, "skip" if rng.random() < 0.1 else "done",
                        "Hand-off (three-way call with a colleague)" if handoff and i == "3"
                        else None) for i in ids]
        s.seconds = {i: rng.uniform(10, 120) for i in ids}
        if index % 10 == 0:
            s.set_follow_up(time.strftime("%Y-%m-%d", time.gmtime(started + 2 * 86400)))
            if rng.random() < 0.9:
                result = rng.choice(["returned", "returned", "lost", "pending"])
                s.add_outcome(result, started + rng.uniform(0, 5) * 86400, s.agent, 5,
                              next_follow_up=time.strftime(
                                  "%Y-%m-%d", time.gmtime(started + 9 * 86400))
                              if result == "pending" else None)
        sessions.append(s)
    return sessions


def fill(store: object, sessions: list[object]) -> None:
    """Through the storage package's own bulk write, in one transaction."""
    from recoverycli.playbooks.session import Session
    from recoverycli.storage.sessions import analyze, write_many
    from recoverycli.storage.store import Store

    assert isinstance(store, Store)
    batch = [s for s in sessions if isinstance(s, Session)]
    write_many(store.backend, batch)
    analyze(store.backend)


def plans(store: object) -> None:
    from recoverycli.storage.report import Filters
    from recoverycli.storage.report import plans as query_plans
    from recoverycli.storage.store import Store

    assert isinstance(store, Store)
    for label, plan in query_plans(store.backend, Filters()):
        print(f"  plan {label:12} {plan}")
    from recoverycli.storage.followups import plan as due_plan

    print(f"  plan {'due':12} {due_plan(store.backend, 'agent03', '2999-01-01')}")


def _filled(store: object, sessions: int) -> bool:
    return bool(store.read(lambda db: int(db.execute(  # type: ignore[attr-defined]
        "SELECT COUNT(*) FROM sessions").fetchone()[0]) >= sessions))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    parser.add_argument("--recent", type=int, default=None,
                        help="this many of the sessions in the last 30 days (the issue's "
                        "scale: --sessions 1000000 --recent 120000)")
    parser.add_argument("--fast", action="store_true",
                        help="fill by copying 1,000 sessions' rows (bench/report_fill.py), "
                        "then let the report_rollups migration backfill the sums")
    parser.add_argument("--home", type=Path, default=None,
                        help="keep the stores here (SQLite: HOME/data) and reuse them when "
                        "they already hold --sessions sessions (PostgreSQL: the database of "
                        "RECOVER_TEST_DATABASE_URL): measure again without refilling")
    args = parser.parse_args()
    from recoverycli.storage.store import Store

    home = args.home or Path(tempfile.mkdtemp())
    print(f"{args.sessions} sessions" + (f", {args.recent} of them in the last 30 days"
                                         if args.recent else ""))
    from contextlib import ExitStack

    from pgserver import throwaway_cluster

    failed = False
    with ExitStack() as stack:
        url = os.environ.get("RECOVER_TEST_DATABASE_URL") or stack.enter_context(
            throwaway_cluster()).url
        base_env = {**os.environ, "RECOVER_DATA_DIR": str(home / "data"),
                    "RECOVER_CONFIG_DIR": str(home / "cfg"), "COLUMNS": "120",
                    "NO_COLOR": "1"}
        base_env.pop("RECOVER_DATABASE_URL", None)
        for kind in ("sqlite", "postgresql"):
            if args.only and kind != args.only:
                continue
            env = dict(base_env)
            if kind == "sqlite":
                store = Store(home / "data")
            else:
                from recoverycli.storage.forget import select_ids
                from recoverycli.storage.postgres import PostgresBackend

                env["RECOVER_DATABASE_URL"] = url
                # the agent's own local store is empty (everything is in the team store), not
                # the 1,000,000 sessions of the SQLite run: those would be named on every
                # command as "only in the local store", counted each time
                env["RECOVER_DATA_DIR"] = str(home / "data-team")
                store = Store(PostgresBackend(url, bound=600))
                if not (args.home and _filled(store, args.sessions)):
                    store.forget(select_ids(store.backend, everything=True))
            start = time.perf_counter()
            if args.home and _filled(store, args.sessions):
                print(f"\n{kind}: reusing the {args.sessions} sessions in {home}")
                store.close()
                store = Store(home / "data") if kind == "sqlite" else Store(
                    PostgresBackend(url, bound=3600))  # (migrations a newer recover adds)
            elif args.fast:
                from report_fill import fill as fast_fill

                fast_fill(store, args.sessions, args.recent)
                store.close()
                print(f"\n{kind}: filled in {time.perf_counter() - start:.1f} s")
                start = time.perf_counter()
                if kind == "sqlite":
                    store = Store(home / "data")
                else:
                    store = Store(PostgresBackend(url, bound=3600))
                print(f"  the report_rollups migration backfilled the sums in "
                      f"{time.perf_counter() - start:.1f} s")
                from recoverycli.storage.sessions import analyze

                analyze(store.backend)
            else:
                for first in range(0, args.sessions, CHUNK):  # memory bounded at 1,000,000
                    fill(store, sessions_for(args.sessions, args.recent, first,
                                             first + CHUNK))
                print(f"\n{kind}: filled in {time.perf_counter() - start:.1f} s")
            plans(store)
            store.close()
            mine = {**env, "RECOVER_AGENT": "agent03"}
            runs = [("recover --version", [RECOVER, "--version"], env, None),
                    ("recover report", [RECOVER, "report"], env, 5.0),
                    ("report --since 30d", [RECOVER, "report", "--since", "30d"], env, 5.0),
                    ("report --agent --since", [RECOVER, "report", "--agent", "agent03",
                                                "--since", "30d"], env, None),
                    ("recover due (one agent's)", [RECOVER, "due"], mine, 2.0),
                    ("recover due --all", [RECOVER, "due", "--all"], mine, None)]
            # interleaved rounds, so a change in the machine's load falls on every command
            samples: list[list[tuple[float, float]]] = [[] for _ in runs]
            for _round in range(args.runs):
                for i, (_name, cmd, cmd_env, _budget) in enumerate(runs):
                    samples[i].append(timed_both(cmd, cmd_env))
            wall = [statistics.median(w for w, _c in s) for s in samples]
            cpu = [statistics.median(c for _w, c in s) for s in samples]
            for i, (name, _cmd, _env, budget) in enumerate(runs):
                ratio, cpu_ratio = wall[i] / wall[0], cpu[i] / max(cpu[0], 1e-9)
                over = budget is not None and ratio > budget
                failed |= over
                print(f"  {name:26s} {wall[i] * 1000:7.1f} ms  ratio {ratio:.2f} (CPU "
                      f"{cpu_ratio:.2f})" + (f"  (budget {budget:.2f})" if budget else "")
                      + ("  OVER" if over else ""))
            html = timed([RECOVER, "report", "--format", "html"], max(1, args.runs // 2), env)
            print(f"  report --format html {html * 1000:7.1f} ms  ratio {html / wall[0]:.2f} "
                  "(not budgeted: matplotlib)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
