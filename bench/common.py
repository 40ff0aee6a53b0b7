"""What the benchmarks share: the installed command, and the median wall time of a command."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

PY = sys.executable
RECOVER = str(Path(PY).parent / "recover")


def timed(cmd: list[str], runs: int, env: dict[str, str]) -> float:
    """Median seconds of ``runs`` runs of ``cmd``, its output thrown away."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                       check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def timed_both(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, of the command and its children) of
    one run of ``cmd``, its output thrown away. CPU time is less shaken by other work on a
    shared machine."""
    import os

    before = os.times()
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                   check=False)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user
           + after.children_system - before.children_system)
    return wall, cpu
