"""Speed of the live coach (``c`` in ``recover run``), as an agent typing feels it.

Run: ``python bench/coach_live.py [--runs N]`` from the venv that has recover installed.

1. ``c`` to the step's header redrawn over the coach, and to the line ready for typing
   (the first ``c`` of a run also loads the coach's rules, behind the prompt).
2. A key typed to the screen redrawn with that line's findings (budget: median under
   30 ms, as for a key press to the next step), for a short phrase and for a 337-character
   line with twelve findings (cut to the rows there are).
In a pseudo-terminal of 24 x 80. Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time

import pexpect

from run_latency import RECOVER, env

SHORT = "we're sorry but our system was down"
WALL = ("We're sorry for any inconvenience, the hotel regrets it, our system was down, calm "
        "down, that's our policy, it's not my department, you should have called earlier, we "
        "apologise, mistakes were made and sorry for the trouble caused, we're so sorry, sorry "
        "if you were upset, sorry you feel that way, our staff were busy, the courier lost it")
DRAWN = r"\x1b\[\?25h"  # prompt_toolkit shows the cursor again at the end of each frame


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    home = tempfile.mkdtemp()
    child = pexpect.spawn(RECOVER, ["run", "hyken", "--customer", "Ann"], env=env(home),
                          encoding="utf-8", timeout=20, dimensions=(24, 80))
    child.delaybeforesend = None
    child.expect("Step 1 of 7")
    child.expect("save & quit")
    child.send("?")  # the first key loads prompt_toolkit: not the coach's cost
    child.expect("any key goes back")
    child.send(" ")
    child.expect("save & quit")
    opened: list[tuple[float, float]] = []
    typed: dict[str, list[float]] = {"short": [], "wall": []}
    for _ in range(runs):
        for name, line in (("short", SHORT), ("wall", WALL)):
            start = time.perf_counter()
            child.send("c")
            child.expect("Apologize for the problem")
            header = time.perf_counter() - start
            child.expect("as you type")  # the rules are loaded and the line is ready
            opened.append((header, time.perf_counter() - start))
            for char in line:
                start = time.perf_counter()
                child.send(char)
                child.expect(DRAWN)
                typed[name].append(time.perf_counter() - start)
            child.send("\x1b")
            child.expect("save & quit")
    child.send("q")
    child.expect(pexpect.EOF)
    first, later = opened[0], opened[1:]
    print(f"{'c: header / coach ready, first c':44} {first[0] * 1000:7.1f} / "
          f"{first[1] * 1000:7.1f} ms")
    print(f"{'c: header / coach ready, later (median)':44} "
          f"{statistics.median(h for h, _ in later) * 1000:7.1f} / "
          f"{statistics.median(r for _, r in later) * 1000:7.1f} ms")
    failed = False
    for name, samples in typed.items():
        med = statistics.median(samples)
        failed |= med > 0.030
        print(f"{'key to findings redrawn, ' + name + ' (median)':44} {med * 1000:7.1f} ms  "
              f"(p90 {sorted(samples)[int(len(samples) * 0.9)] * 1000:.1f} ms; budget 30 ms)"
              f"{'  OVER' if med > 0.030 else ''}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
