"""The cost of the interface in Spanish (issue 23): ``--version``, ``list``, ``show hyken``,
``check`` and ``run hyken`` to step 1 (in a pseudo-terminal) with ``LANG=es_ES.UTF-8``
against the same command in English, as ratios of
CPU time (user + system) measured in one run, interleaved so the two languages meet the
same load on a shared machine. Budget: 1.05x each.

Run: ``python bench/lang.py [--runs N]`` from the venv that has recover installed.
Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile

from common import RECOVER


def cpu_of(cmd: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user + system) of one run of ``cmd``, from getrusage: finer than
    os.times(), whose 10 ms ticks are the size of the difference being measured."""
    import resource
    import subprocess

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                   check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

COMMANDS = {
    "recover --version": ["--version"],
    "recover list": ["list"],
    "recover show hyken": ["show", "hyken"],
    "recover check (an English line)": ["check", "I'm sorry, we lost your order."],
}
BUDGET = 1.05
STEP_ONE = r"(?:Step|Paso) 1\b"  # what the first screen of `run hyken` shows, in either


def cpu_of_step_one(env: dict[str, str]) -> float:
    """CPU seconds of ``recover run hyken`` in a pseudo-terminal until step 1 is on the
    screen, then Ctrl-C (the session is saved, exit 130), as an agent starts a call."""
    import resource

    import pexpect

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    child = pexpect.spawn(RECOVER, ["run", "hyken"], env=env, dimensions=(24, 80),
                          timeout=30, encoding="utf-8")
    child.expect(STEP_ONE)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    home = tempfile.mkdtemp()
    base = {**os.environ, "RECOVER_DATA_DIR": f"{home}/data",
            "RECOVER_CONFIG_DIR": f"{home}/cfg", "COLUMNS": "80", "NO_COLOR": "1"}
    for key in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "PYTHONDONTWRITEBYTECODE"):
        base.pop(key, None)  # (and compiled modules are used, as an installed program has)
    english = {**base, "LANG": "C.UTF-8"}
    spanish = {**base, "LANG": "es_ES.UTF-8"}
    print(f"{'command':34} {'en ms':>8} {'es ms':>8} {'ratio':>7} {'budget':>7}")
    for name, args in COMMANDS.items():
        for env in (english, spanish):  # warm the playbook cache and the disk
            cpu_of([RECOVER, *args], env)
        cpu: dict[str, list[float]] = {"en": [], "es": []}
        for _ in range(runs):
            cpu["en"].append(cpu_of([RECOVER, *args], english))
            cpu["es"].append(cpu_of([RECOVER, *args], spanish))
        en, es = statistics.median(cpu["en"]), statistics.median(cpu["es"])
        ratio = es / en if en else float("nan")
        mark = "" if ratio <= BUDGET else "  OVER"
        print(f"{name:34} {en * 1000:8.1f} {es * 1000:8.1f} {ratio:7.3f} {BUDGET:7.2f}{mark}")
    step: dict[str, list[float]] = {"en": [], "es": []}
    term = {"TERM": "xterm", "LINES": "24"}
    for env in (english, spanish):
        cpu_of_step_one({**env, **term})
    for _ in range(runs):
        step["en"].append(cpu_of_step_one({**english, **term}))
        step["es"].append(cpu_of_step_one({**spanish, **term}))
    en, es = statistics.median(step["en"]), statistics.median(step["es"])
    ratio = es / en if en else float("nan")
    mark = "" if ratio <= BUDGET else "  OVER"
    name = "recover run hyken, to step 1"
    print(f"{name:34} {en * 1000:8.1f} {es * 1000:8.1f} {ratio:7.3f} {BUDGET:7.2f}{mark}")


if __name__ == "__main__":
    main()
