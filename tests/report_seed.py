"""A realistic history for the report tests: three playbooks, four agents (one with a
long name), forty days, follow-ups and outcomes (pending ones too), a few rehearsals;
written through the storage package's own bulk write."""

from __future__ import annotations

import random
import time

from conftest import ROOT


def sessions(count: int, seed: int = 3, now: float | None = None) -> list[object]:
    from recoverycli.playbooks.model import load_playbook, outline_of
    from recoverycli.playbooks.session import Session, Visit

    rng = random.Random(seed)
    books = {n: load_playbook(str(ROOT / "playbooks" / f"{n}.yaml"))
             for n in ("hyken", "heal", "saxena")}
    now = now or time.time()
    agents = ["sam", "kim", "Priya Ramachandran-Whitfield", "lee"]
    out: list[object] = []
    for i in range(count):
        name = rng.choice(sorted(books))
        book = books[name]
        started = now - rng.uniform(0, 40) * 86400
        s = Session(f"x{i:05d}", name, None, book.title, status="finished", started=started,
                    ended=started + 300, outline=outline_of(book), agent=rng.choice(agents),
                    team="care", fields={"customer": f"Customer {i}", "offer": "a free month"},
                    mode="rehearse" if i % 20 == 0 else "live")
        s.path = [Visit(st.id, "skip" if rng.random() < 0.15 else "done") for st in book.steps]
        s.seconds = {st.id: rng.uniform(10, 180) for st in book.steps}
        if rng.random() < 0.6:
            s.set_follow_up(time.strftime("%Y-%m-%d", time.localtime(started + 2 * 86400)))
            if rng.random() < 0.8:
                result = rng.choice(["returned", "returned", "lost", "pending"])
                following = time.strftime("%Y-%m-%d", time.localtime(started + 6 * 86400))
                s.add_outcome(result, started + rng.uniform(0, 4) * 86400, s.agent,
                              next_follow_up=following if result == "pending" else None)
        out.append(s)
    return out


def seed(count: int = 400) -> None:
    from recoverycli.playbooks.session import Session
    from recoverycli.storage.open import open_store
    from recoverycli.storage.sessions import write_many

    store = open_store(quiet=True)
    write_many(store.backend, [s for s in sessions(count) if isinstance(s, Session)])
    store.close()
