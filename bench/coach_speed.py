"""Speed of the wording coach, as ratios measured in one run (issue 11 budgets):

- ``recover check PHRASE`` <= 2x ``recover --version``
- 200 phrases on stdin (``recover check -``) <= 3x ``recover --version``
- feedback on a practice answer after the first: < 50 ms (scoring + rendering, in process)
- ``--version``, ``list``, ``show`` load none of the coach's modules

Run: ``python bench/coach_speed.py [--runs N]``. Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import PY, RECOVER, timed

ROOT = Path(__file__).resolve().parent.parent


def timed_input(cmd: list[str], data: str, runs: int, env: dict[str, str]) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, input=data, text=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env=env, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def cpu_timed(cmd: list[str], data: str | None, runs: int, env: dict[str, str]) -> float:
    """Median CPU seconds (user + system of the child) of ``runs`` runs: the machine is
    shared, and CPU time swings far less than wall time when others are busy."""
    samples = []
    for _ in range(runs):
        before = os.times()
        subprocess.run(cmd, input=data, text=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env=env, check=False)
        after = os.times()
        samples.append(after.children_user - before.children_user
                       + after.children_system - before.children_system)
    return statistics.median(samples)


def feedback_ms(runs: int) -> float:
    from io import StringIO

    from rich.console import Console

    from recoverycli.playbooks.catalog import load_catalog
    from recoverycli.practice.engine import Coach
    from recoverycli.practice.render import practice_feedback
    from recoverycli.practice.scenarios import load_scenarios
    from recoverycli.practice.scoring import assess

    catalog = load_catalog(write_cache=False)
    scenario = next(s for s in load_scenarios(catalog)[0] if s.id == "phone-complaint")
    book = catalog.get(scenario.playbook)
    coach = Coach()
    console = Console(file=StringIO(), width=80, color_system=None)
    answers = ["I'm so sorry, you were charged twice and nobody called you back.",
               "We apologise for any inconvenience, the system was down.",
               "Tell me what happened when you first saw the second charge?"]
    console.print(practice_feedback(assess(coach, book, scenario, "1", answers[0])))  # first
    samples = []
    for i in range(runs * 3):
        start = time.perf_counter()
        result = assess(coach, book, scenario, "1", answers[i % 3], [answers[0]])
        console.print(practice_feedback(result))
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def loaded_modules(args: list[str], env: dict[str, str]) -> list[str]:
    code = ("import sys, runpy; sys.argv = ['recover', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('recoverycli.cli', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print([m for m in sys.modules if m.startswith('recoverycli.practice') or "
            "m.split('.')[0] in ('lemminflect', 're2')], file=sys.stderr)")
    out = subprocess.run([PY, "-c", code, *args], capture_output=True, text=True, env=env)
    return [line for line in out.stderr.splitlines() if line.startswith("[")][-1:]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    runs = parser.parse_args().runs
    home = tempfile.mkdtemp()
    env = {**os.environ, "RECOVER_DATA_DIR": f"{home}/data", "RECOVER_CONFIG_DIR": f"{home}/cfg",
           "COLUMNS": "80", "NO_COLOR": "1"}
    sys.path.insert(0, str(ROOT / "tests"))
    from coach_corpus import load

    phrases = "\n".join(p.text for p in load()[:200]) + "\n"
    # interleaved, so a burst of load elsewhere falls on all three alike; the minimum is
    # what the machine can do, the median what it did
    times: dict[str, list[float]] = {"version": [], "one": [], "many": []}
    for _ in range(runs):
        times["version"].append(timed([RECOVER, "--version"], 1, env))
        times["one"].append(timed([RECOVER, "check", "Sorry, we're really busy today."], 1,
                                  env))
        times["many"].append(timed_input([RECOVER, "check", "-"], phrases, 1, env))
    for label, pick in (("min", min), ("median", statistics.median)):
        version, one, many = (pick(times[k]) for k in ("version", "one", "many"))
        print(f"{label}: recover --version {version * 1000:7.1f} ms")
        print(f"{label}: recover check PHRASE {one * 1000:7.1f} ms  ratio {one / version:4.2f} "
              "(budget 2.0)")
        print(f"{label}: recover check - (200 lines) {many * 1000:7.1f} ms  ratio "
              f"{many / version:4.2f} (budget 3.0)")
    cpu_version = cpu_timed([RECOVER, "--version"], None, runs, env)
    cpu_one = cpu_timed([RECOVER, "check", "Sorry, we're really busy today."], None, runs, env)
    cpu_many = cpu_timed([RECOVER, "check", "-"], phrases, runs, env)
    print(f"CPU: --version {cpu_version * 1000:.0f} ms; check PHRASE ratio "
          f"{cpu_one / cpu_version:4.2f} (budget 2.0); check - (200 lines) ratio "
          f"{cpu_many / cpu_version:4.2f} (budget 3.0)")
    print(f"practice feedback (not 1st)  {feedback_ms(runs):7.1f} ms  (budget 50)")
    for args in (["--version"], ["list"], ["show", "hyken"]):
        print(f"coach modules loaded by {' '.join(args):12} {' '.join(loaded_modules(args, env))}")


if __name__ == "__main__":
    main()
