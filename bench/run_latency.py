"""Speed of the guided run, as a person on a live call feels it.

Run: ``python bench/run_latency.py [--runs N]`` from the venv that has recover installed.

1. Start to first step on screen, in a pseudo-terminal, against a bare questionary text
   prompt started with ``python -c`` in the same run (budget: 1.2x).
2. Key press to next step drawn, in a pseudo-terminal (budget: median under 30 ms).
3. One committed answer (WAL, synchronous=FULL) in-process (budget: under 5 ms).
Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

PY = sys.executable
RECOVER = str(Path(PY).parent / "recover")


def env(home: str) -> dict[str, str]:
    return {**os.environ, "RECOVER_DATA_DIR": f"{home}/data", "RECOVER_CONFIG_DIR": f"{home}/cfg",
            "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}


def first_screen(cmd: list[str], marker: str, home: str) -> float:
    start = time.perf_counter()
    child = pexpect.spawn(cmd[0], cmd[1:], env=env(home), encoding="utf-8", timeout=20,
                          dimensions=(40, 100))
    child.expect(marker)
    elapsed = time.perf_counter() - start
    child.terminate(force=True)
    return elapsed


def key_latency(home: str, rounds: int) -> list[float]:
    child = pexpect.spawn(RECOVER, ["run", "saxena", "--customer", "Ann"], env=env(home),
                          encoding="utf-8", timeout=20, dimensions=(40, 100))
    child.delaybeforesend = None
    child.expect("Step 1 of 6")
    child.expect("save & quit")
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        child.send("\r")
        child.expect("Step 2 of 6")
        child.expect("save & quit")
        samples.append(time.perf_counter() - start)
        start = time.perf_counter()
        child.send("b")
        child.expect("Step 1 of 6")
        child.expect("save & quit")
        samples.append(time.perf_counter() - start)
    child.send("q")
    child.expect(pexpect.EOF)
    return samples


def commit_cost(home: str, count: int) -> list[float]:
    from recoverycli.session import Session
    from recoverycli.storage.store import Store

    store = Store(Path(home) / "commit")
    session = Session(store.new_id(), "hyken", None, "T", fields={"customer": "Ann"})
    samples = []
    for index in range(count):
        session.fields["note"] = f"note {index}"
        start = time.perf_counter()
        store.save(session)
        samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    runs = parser.parse_args().runs
    home = tempfile.mkdtemp()
    reference = [PY, "-c", "import questionary; questionary.text('Name?').ask()"]
    ours = [RECOVER, "run", "hyken"]
    first_screen(ours, "Step 1 of 7", home)  # warm the playbook cache and the store
    ref = statistics.median(first_screen(reference, "Name", home) for _ in range(runs))
    run = statistics.median(first_screen(ours, "Step 1 of 7", home) for _ in range(runs))
    keys = key_latency(home, runs)
    commits = commit_cost(home, 200)
    failed = False
    ratio = run / ref
    failed |= ratio > 1.2
    print(f"{'bare questionary prompt on screen':40} {ref * 1000:8.1f} ms")
    print(f"{'recover run hyken: step 1 on screen':40} {run * 1000:8.1f} ms  "
          f"ratio {ratio:.2f} (budget 1.20){'  OVER' if ratio > 1.2 else ''}")
    med = statistics.median(keys)
    failed |= med > 0.030
    print(f"{'key press to next step drawn (median)':40} {med * 1000:8.1f} ms  "
          f"(p90 {sorted(keys)[int(len(keys) * 0.9)] * 1000:.1f} ms; budget 30 ms)")
    commit = statistics.median(commits)
    failed |= commit > 0.005
    print(f"{'one committed answer (median)':40} {commit * 1000:8.2f} ms  "
          f"(max {max(commits) * 1000:.2f} ms; budget 5 ms)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
