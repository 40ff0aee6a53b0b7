"""Many agents running calls at once against one PostgreSQL server (issue 22).

Starts its own throwaway cluster (tests/pgserver.py), then runs AGENTS simulated agents
(threads spread over a few processes, one connection each, each with its own local store
as each agent's machine has) for SECONDS: each agent runs calls of the Hyken playbook one
after another, a note and a closed step at a time, every change saved with the store's own
``save`` (what a run calls after each key) and counted as confirmed when it returns. A
new call opens the store as ``recover run`` does, so a call started while the server is
away is kept locally.

At the end every process sends what its agents kept locally (the code of ``recover
sync``), and every confirmed step and note is looked for in the team store: the number
lost must be 0. p50 / p99 of the save latency are printed (those that reached the server,
and all). With ``--restart`` the server is stopped and started again halfway through.

    python bench/team_load.py                     # 20 agents for 8 s, then with a restart
    python bench/team_load.py --agents 200 --seconds 60          # the issue's size
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

THREADS_PER_PROCESS = 25


def agent(url: str, folder: Path, name: str, until: float, think: float,
          out: list[Any]) -> None:
    from recoverycli.errors import StoreError
    from recoverycli.playbooks.catalog import load_catalog
    from recoverycli.playbooks.model import outline_of
    from recoverycli.playbooks.session import Session, Walk
    from recoverycli.storage.ids import new_id
    from recoverycli.storage.open import connect_team_store
    from recoverycli.storage.postgres import LIVE_BOUND

    playbook = load_catalog(write_cache=False).get("hyken")
    confirmed: dict[str, tuple[int, list[str]]] = {}
    server: list[float] = []
    local: list[float] = []
    failed = 0
    rng = random.Random(name)
    while time.time() < until:
        store = connect_team_store(url, folder, quiet=True, bound=LIVE_BOUND, live=True)
        session = Session(new_id(), playbook.id, None, playbook.title,
                          outline=outline_of(playbook), agent=name, team="load")
        walk = Walk(playbook, session)
        walk.set_field("customer", f"Customer of {name}")
        notes: list[str] = []
        closed = 0
        while not walk.finished and time.time() < until:
            if rng.random() < 0.5:
                text = f"{name} note {len(notes)} {session.id[:6]}"
                walk.add_note(text)
                notes.append(text)
            else:
                walk.complete()
                closed += 1
            remote = store.kind == "postgresql"
            start = time.perf_counter()
            try:
                store.save(session)
            except StoreError:
                failed += 1  # not confirmed: the agent was told
                break
            (server if remote and store.kind == "postgresql" else local).append(
                time.perf_counter() - start)
            confirmed[session.id] = (closed, list(notes))
            time.sleep(rng.uniform(0.5, 1.5) * think)
        store.close()
    out.append((confirmed, server, local, failed))


def process(url: str, root: str, names: list[str], until: float, think: float,
            queue: Any) -> None:
    results: list[Any] = []
    threads = [threading.Thread(target=agent, args=(url, Path(root) / n, n, until, think,
                                                    results)) for n in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # what waited locally while the server was away: 'recover sync' for each agent
    from recoverycli.storage.open import open_postgres
    from recoverycli.storage.store import Store
    from recoverycli.storage.sync import push

    team = open_postgres(url)
    sent = 0
    for name in names:
        folder = Path(root) / name
        if (folder / "sessions.db").exists():
            sent += push(Store(folder), team).sent
    team.close()
    queue.put((results, sent))


def check(url: str, results: list[Any]) -> tuple[int, int, int]:
    """(steps and notes confirmed, of those lost, sessions confirmed)."""
    from recoverycli.playbooks.session import DONE
    from recoverycli.storage.open import open_postgres

    team = open_postgres(url)
    confirmed = lost = sessions = 0
    for agent_result in results:
        for sid, (closed, notes) in agent_result[0].items():
            sessions += 1
            confirmed += closed + len(notes)
            try:
                stored = team.load(sid)
            except Exception:
                lost += closed + len(notes)
                continue
            done = sum(1 for v in stored.path if v.status == DONE)
            kept = {n.text for ns in stored.notes.values() for n in ns}
            lost += max(0, closed - done) + sum(1 for n in notes if n not in kept)
    team.close()
    return confirmed, lost, sessions


def ms(values: list[float], q: float) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    return f"{ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000:.1f} ms"


def one(agents: int, seconds: float, think: float, restart: bool) -> dict[str, Any]:
    from pgserver import throwaway_cluster

    with throwaway_cluster(max_connections=agents + 30) as cluster, \
            tempfile.TemporaryDirectory(prefix="recover-load-") as root:
        url = cluster.url
        from recoverycli.storage.open import open_postgres

        open_postgres(url).close()  # the schema, once, before the agents connect
        names = [f"agent{i:03d}" for i in range(agents)]
        groups = [names[i:i + THREADS_PER_PROCESS]
                  for i in range(0, agents, THREADS_PER_PROCESS)]
        queue: Any = multiprocessing.get_context("fork").Queue()
        until = time.time() + seconds
        procs = [multiprocessing.get_context("fork").Process(
            target=process, args=(url, root, group, until, think, queue)) for group in groups]
        cpu_before = os.times()
        for proc in procs:
            proc.start()
        restarted = ""
        if restart:
            time.sleep(seconds / 2)
            began = time.perf_counter()
            cluster.stop("fast")
            cluster.start()
            restarted = f"server stopped and started again at {seconds / 2:g} s " \
                        f"(down {time.perf_counter() - began:.1f} s)"
        results: list[Any] = []
        sent = 0
        for _ in procs:
            got, synced = queue.get()
            results += got
            sent += synced
        for proc in procs:
            proc.join()
        cpu = os.times()
        confirmed, lost, sessions = check(url, results)
    server = [x for r in results for x in r[1]]
    local = [x for r in results for x in r[2]]
    return {"agents": agents, "seconds": seconds, "sessions": sessions,
            "confirmed": confirmed, "lost": lost, "saves": len(server) + len(local),
            "server_saves": len(server), "local_saves": len(local),
            "refused": sum(r[3] for r in results), "synced": sent,
            "p50": ms(server + local, 0.5), "p99": ms(server + local, 0.99),
            "server_p50": ms(server, 0.5), "server_p99": ms(server, 0.99),
            "mean": f"{statistics.fmean(server + local) * 1000:.1f} ms" if server else "-",
            "cpu": f"{cpu.children_user - cpu_before.children_user + cpu.children_system - cpu_before.children_system:.1f} s",  # noqa: E501
            "restart": restarted}


def show(result: dict[str, Any]) -> None:
    print(f"{result['agents']} agents for {result['seconds']:g} s"
          + (f"; {result['restart']}" if result["restart"] else "") + ":")
    print(f"  {result['sessions']} calls, {result['saves']} saves confirmed "
          f"({result['server_saves']} on the server, {result['local_saves']} kept locally "
          f"and sent by sync: {result['synced']} sessions), {result['refused']} refused")
    print(f"  save latency p50 {result['p50']}, p99 {result['p99']} (on the server: p50 "
          f"{result['server_p50']}, p99 {result['server_p99']}); agents' CPU {result['cpu']}")
    print(f"  confirmed steps and notes: {result['confirmed']}, lost: {result['lost']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agents", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--think", type=float, default=0.5,
                        help="mean seconds between an agent's saves (default 0.5)")
    parser.add_argument("--only", choices=("steady", "restart"))
    args = parser.parse_args()
    lost = 0
    for restart in (False, True):
        if args.only and args.only != ("restart" if restart else "steady"):
            continue
        result = one(args.agents, args.seconds, args.think, restart)
        show(result)
        lost += result["lost"]
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
