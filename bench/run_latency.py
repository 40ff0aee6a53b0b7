"""Speed of the guided run, as a person on a live call feels it.

Run: ``python bench/run_latency.py [--runs N]`` from the venv that has recover installed.

1. Start to first step on screen, in a pseudo-terminal, against a bare questionary text
   prompt started with ``python -c`` in the same run (budget: 1.2x).
2. Key press to next step drawn, in a pseudo-terminal (budget: median under 30 ms).
3. One committed answer (WAL, synchronous=FULL) in-process (budget: under 5 ms).
4. Step 1 on screen with a team store set - the server up, down (connection refused) and
   not answering (a listener that accepts and never replies) - against the same run with
   no team store (budget: 1.2x each): step 1 is drawn before the server is contacted.
   PostgreSQL: RECOVER_TEST_DATABASE_URL, or a throwaway cluster (tests/pgserver.py).
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


def env(home: str, url: str | None = None) -> dict[str, str]:
    out = {**os.environ, "RECOVER_DATA_DIR": f"{home}/data", "RECOVER_CONFIG_DIR": f"{home}/cfg",
           "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    out.pop("RECOVER_DATABASE_URL", None)
    if url:
        out["RECOVER_DATABASE_URL"] = url
    return out


def first_screen(cmd: list[str], marker: str, home: str, url: str | None = None) -> float:
    start = time.perf_counter()
    child = pexpect.spawn(cmd[0], cmd[1:], env=env(home, url), encoding="utf-8", timeout=20,
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
    from recoverycli.playbooks.session import Session
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
    failed |= team_store_step_one(home, runs)
    sys.exit(1 if failed else 0)


def team_store_step_one(home: str, runs: int) -> bool:
    import socket
    import threading
    from contextlib import ExitStack

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from pgserver import throwaway_cluster

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(64)
    held = []
    threading.Thread(target=lambda: [held.append(silent.accept()) for _ in iter(int, 1)],
                     daemon=True).start()
    ours = [RECOVER, "run", "hyken"]
    failed = False
    with ExitStack() as stack:
        up = os.environ.get("RECOVER_TEST_DATABASE_URL") or stack.enter_context(
            throwaway_cluster()).url
        cases = [("no team store", None), ("team store up", up),
                 ("team store down (refused)", "postgresql://recover:pw@127.0.0.1:1/recover"),
                 ("team store not answering",
                  f"postgresql://recover:pw@127.0.0.1:{silent.getsockname()[1]}/recover")]
        first_screen(ours, "Step 1 of 7", home, up)  # the team's tables made
        base = 0.0
        for label, url in cases:
            took = statistics.median(first_screen(ours, "Step 1 of 7", home, url)
                                     for _ in range(runs))
            if url is None:
                base = took
                print(f"{'step 1 on screen, ' + label:44} {took * 1000:8.1f} ms")
                continue
            ratio = took / base
            failed |= ratio > 1.2
            print(f"{'step 1 on screen, ' + label:44} {took * 1000:8.1f} ms  ratio "
                  f"{ratio:.2f} (budget 1.20){'  OVER' if ratio > 1.2 else ''}")
    silent.close()
    return failed


if __name__ == "__main__":
    main()
