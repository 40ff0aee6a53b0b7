"""`recover due` for one agent on a team store, against `recover --version` (budget 2x),
with the whole of psycopg and with libpq alone (storage/libpq.py, what `due` uses).

Starts its own PostgreSQL (tests/pgserver.py), fills it with SESSIONS sessions (one in ten
with a follow-up; bench/report_scale.py's data), and times each command RUNS times in
CPU time (user + system of the command: the machine is shared, its wall clock noisy) and
wall time, interleaved.

    python bench/due_speed.py                    # 20,000 sessions
    python bench/due_speed.py --sessions 100000 --runs 15
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from common import PY, RECOVER, timed_both

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

WHOLE = ("import recoverycli.storage.open as o; f = o.open_store; "
         "o.open_store = lambda *a, **k: f(*a, **{**k, 'lite': False}); "
         "import sys; sys.argv = ['recover', *sys.argv[1:]]; "
         "from recoverycli.cli import main; main()")


def main() -> int:
    from pgserver import throwaway_cluster
    from report_scale import fill, sessions_for

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with throwaway_cluster() as cluster, tempfile.TemporaryDirectory() as home:
        from recoverycli.storage.postgres import PostgresBackend
        from recoverycli.storage.store import Store

        store = Store(PostgresBackend(cluster.url, bound=600))
        fill(store, sessions_for(args.sessions))
        store.close()
        env = {**os.environ, "RECOVER_DATA_DIR": f"{home}/d", "RECOVER_CONFIG_DIR":
               f"{home}/c", "RECOVER_DATABASE_URL": cluster.url, "RECOVER_AGENT": "agent03",
               "NO_COLOR": "1"}
        commands = {"recover --version": [RECOVER, "--version"],
                    "recover due (libpq alone)": [RECOVER, "due"],
                    "recover due (all of psycopg)": [PY, "-c", WHOLE, "due"]}
        samples: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
        for _ in range(args.runs):
            for label, cmd in commands.items():
                samples[label].append(timed_both(cmd, env))
        base_wall = statistics.median(w for w, _ in samples["recover --version"])
        base_cpu = statistics.median(c for _, c in samples["recover --version"])
        print(f"{args.sessions} sessions on PostgreSQL, {args.runs} runs each, medians:")
        over = False
        for label in commands:
            wall = statistics.median(w for w, _ in samples[label])
            cpu = statistics.median(c for _, c in samples[label])
            print(f"  {label:30} CPU {cpu * 1000:6.0f} ms ({cpu / base_cpu:.2f}x)   wall "
                  f"{wall * 1000:6.0f} ms ({wall / base_wall:.2f}x)")
            over |= label == "recover due (libpq alone)" and cpu / base_cpu > 2
        print("  budget: due <= 2x --version" + ("  OVER" if over else ""))
        return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
