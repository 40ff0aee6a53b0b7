"""The largest playbook the size cap allows (1 MiB of the smallest valid steps, ~95,000 of
them): ``run --answers``, ``show``, ``history ID`` and ``export`` each against ``validate``
on the same file in the same run (budget: at most 2x each).

Each run of a command is paired with a run of ``validate`` just before it, so a machine
busy with other work slows both alike; the ratio is of the medians, in wall time (the
budget) and in CPU time (steadier on a shared machine).

Run: ``python bench/big_playbook.py [--runs N]`` from the venv that has recover installed.
Ratios, never asserted as wall time in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import median

from common import RECOVER, timed_both


def write_playbook(path: Path, cap: int) -> int:
    head = "id: big\ntitle: Big\nsteps:\n"
    line = "- title: s\n"  # ids default to the step number
    count = (cap - len(head)) // len(line)
    path.write_text(head + line * count)
    assert path.stat().st_size <= cap
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "RECOVER_DATA_DIR": str(folder / "data"),
               "RECOVER_CONFIG_DIR": str(folder / "config"),
               "RECOVER_CACHE_DIR": str(folder / "cache")}
        book = folder / "big.yaml"
        count = write_playbook(book, 1024 * 1024)
        answers = folder / "answers.json"
        answers.write_text(json.dumps({"steps": [{} for _ in range(count)]}))
        made = subprocess.run([RECOVER, "run", str(book), "--answers", str(answers)], env=env,
                              capture_output=True, text=True, check=False)
        assert made.returncode == 0, made.stderr[-500:]
        sid = json.loads(subprocess.run([RECOVER, "history", "--json", "--limit", "1"],
                                        env=env, capture_output=True, text=True,
                                        check=True).stdout)[0]["id"]
        commands = [
            ("run --answers", [RECOVER, "run", str(book), "--answers", str(answers),
                               "--no-save"]),
            ("show", [RECOVER, "show", str(book)]),
            ("history ID", [RECOVER, "history", sid]),
            ("export md", [RECOVER, "export", sid]),
            ("export json", [RECOVER, "export", sid, "--format", "json"]),
        ]
        validate = [RECOVER, "validate", str(book)]
        print(f"{count} steps, {book.stat().st_size} bytes")
        worst = 0.0
        for name, cmd in commands:
            pairs = [(timed_both(validate, env), timed_both(cmd, env))
                     for _ in range(args.runs)]
            base_wall = median(b[0] for b, _ in pairs)
            base_cpu = median(b[1] for b, _ in pairs)
            wall = median(c[0] for _, c in pairs)
            cpu = median(c[1] for _, c in pairs)
            worst = max(worst, wall / base_wall)
            print(f"{name:14} {wall * 1000:7.0f} ms  {wall / base_wall:5.2f}x validate "
                  f"({base_wall * 1000:.0f} ms; budget 2x)  cpu {cpu / base_cpu:5.2f}x",
                  flush=True)
        sys.exit(0 if worst <= 2 else 1)


if __name__ == "__main__":
    main()
