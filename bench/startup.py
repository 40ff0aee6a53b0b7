"""Start-up and validation speed of ``recover``, as ratios measured in one run.

Run: ``python bench/startup.py [--runs N]`` from the venv that has recover installed.
Wall-clock figures depend on the machine, so budgets are ratios against references
measured in the same run: bare ``python -c pass``, a minimal Typer app, and libyaml's
``yaml.compose`` alone on the same cap-sized file. Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import PY, RECOVER, timed

HERE = Path(__file__).resolve().parent




def cap_sized_playbook(path: Path, cap: int = 1024 * 1024) -> None:
    """A valid playbook just under the size cap: many steps, fields and placeholders."""
    head = ("id: big\ntitle: Big\nfields:\n  - id: customer\n    prompt: Name\nsteps:\n")
    step = ("  - title: Step number {n} with a reasonably long title\n"
            "    why: Because every step needs a reason that is a sentence long.\n"
            "    do:\n      - Do the first thing for the customer.\n"
            "      - Then do the second thing, carefully.\n"
            "    say:\n      - \"{{customer}}, I'm sorry about step {n}.\"\n"
            "    avoid: [Blaming anyone.]\n")
    parts = [head]
    size = len(head)
    n = 0
    while True:
        chunk = step.format(n=n)
        if size + len(chunk) > cap - 64:
            break
        parts.append(chunk)
        size += len(chunk)
        n += 1
    path.write_text("".join(parts))


def in_process(fn: object, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    home = tempfile.mkdtemp()
    env = {**os.environ, "RECOVER_DATA_DIR": f"{home}/data", "RECOVER_CONFIG_DIR": f"{home}/cfg",
           "COLUMNS": "80", "NO_COLOR": "1"}
    minimal = [PY, str(HERE / "minimal_typer.py")]
    ref = {
        "python -c pass": timed([PY, "-c", "pass"], runs, env),
        "typer --version": timed([*minimal, "--version"], runs, env),
        "typer --help": timed([*minimal, "--help"], runs, env),
    }
    ours = {
        "recover --version": (timed([RECOVER, "--version"], runs, env), "typer --version", 1.2),
        "recover --help": (timed([RECOVER, "--help"], runs, env), "typer --help", 1.2),
        "recover list": (timed([RECOVER, "list"], runs, env), "typer --version", 2.0),
        "recover show hyken": (timed([RECOVER, "show", "hyken"], runs, env), "typer --version",
                               2.0),
    }
    print(f"{'reference':34} {'ms':>8}")
    for name, seconds in ref.items():
        print(f"{name:34} {seconds * 1000:8.1f}")
    print(f"\n{'command':34} {'ms':>8} {'ratio':>7} {'budget':>7}  vs")
    failed = False
    for name, (seconds, against, budget) in ours.items():
        ratio = seconds / ref[against]
        failed |= ratio > budget
        print(f"{name:34} {seconds * 1000:8.1f} {ratio:7.2f} {budget:7.2f}  {against}"
              f"{'  OVER' if ratio > budget else ''}")

    import yaml

    from recoverycli.playbooks.model import load_playbook

    big = Path(home) / "big.yaml"
    cap_sized_playbook(big)
    text = big.read_text()
    compose = in_process(lambda: yaml.compose(text, Loader=yaml.CSafeLoader), max(3, runs // 3))
    validate = in_process(lambda: load_playbook(str(big)), max(3, runs // 3))
    ratio = validate / compose
    failed |= ratio > 1.5
    print(f"\ncap-sized playbook ({big.stat().st_size} bytes, "
          f"{text.count('- title:')} steps)")
    print(f"{'yaml.compose (CSafeLoader)':34} {compose * 1000:8.1f}")
    print(f"{'load_playbook (validated)':34} {validate * 1000:8.1f} {ratio:7.2f} {1.5:7.2f}"
          f"  compose{'  OVER' if ratio > 1.5 else ''}")
    cli = timed([RECOVER, "validate", str(big)], max(3, runs // 3), env)
    print(f"{'recover validate (whole command)':34} {cli * 1000:8.1f}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
