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
