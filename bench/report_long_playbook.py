"""The report after one session of a 2,000-step playbook, against the report after one
session of hyken (7 steps) in the same run: ``recover report`` and ``recover report
--format html`` (budget: at most 2x each; the HTML one used to take minutes, drawing a
chart of 2,000 bars, and the text one failed on SQLite's limit of 500 terms in a compound
SELECT).

Each run of a command on the long session is paired with a run on the short one just
before it, so a machine busy with other work slows both alike; wall and CPU ratios of
the medians.

Run: ``python bench/report_long_playbook.py [--steps N] [--runs N]`` from the venv that
has recover installed with the team extra (matplotlib). Ratios, never asserted as wall
time in tests (tests/test_report_long_playbook.py checks sizes and counts).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from common import RECOVER, timed_both

HERE = Path(__file__).resolve().parent


def one_session(folder: Path, steps: int | None) -> None:
    """One finished live session, with a time on every step, through the store."""
    from recoverycli.playbooks.model import Playbook, Step, load_playbook, outline_of
    from recoverycli.playbooks.session import Session, Visit
    from recoverycli.storage.store import Store

    if steps is None:
        book = load_playbook(str(HERE.parent / "playbooks" / "hyken.yaml"))
    else:
        book = Playbook("long", "Long", tuple(Step(str(n), f"Step number {n}")
                                              for n in range(1, steps + 1)))
    rng = random.Random(5)
    now = time.time()
    session = Session("0123456789abcdef0123456789abcdef", book.id, None, book.title,
                      status="finished", started=now - 600, ended=now,
                      outline=outline_of(book), agent="sam", team="care")
    session.path = [Visit(s.id, "skip" if n % 10 == 3 else "done")
                    for n, s in enumerate(book.steps)]
    session.seconds = {s.id: rng.uniform(1, 90) for s in book.steps}
    store = Store(folder)
    store.save(session)
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        envs = {}
        for name, steps in (("short", None), ("long", args.steps)):
            one_session(folder / name, steps)
            envs[name] = {**os.environ, "RECOVER_DATA_DIR": str(folder / name),
                          "RECOVER_CONFIG_DIR": str(folder / "config"), "COLUMNS": "100",
                          "NO_COLOR": "1"}
            envs[name].pop("RECOVER_DATABASE_URL", None)
        print(f"one session of {args.steps} steps, against one of hyken (7 steps)")
        worst = 0.0
        for label, cmd in (("report", [RECOVER, "report"]),
                           ("report --format html", [RECOVER, "report", "--format", "html"])):
            pairs = [(timed_both(cmd, envs["short"]), timed_both(cmd, envs["long"]))
                     for _ in range(args.runs)]
            short = median(s[0] for s, _ in pairs)
            long = median(x[0] for _, x in pairs)
            cpu = median(x[1] for _, x in pairs) / median(s[1] for s, _ in pairs)
            worst = max(worst, long / short)
            print(f"{label:22} {long * 1000:7.0f} ms  {long / short:5.2f}x the 7-step "
                  f"report ({short * 1000:.0f} ms; budget 2x)  cpu {cpu:5.2f}x", flush=True)
        sys.exit(0 if worst <= 2 else 1)


if __name__ == "__main__":
    main()
