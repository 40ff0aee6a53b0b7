"""Short ids (storage/ids.shorten): each id's shortest prefix of at least eight characters,
lengthened two at a time, that no other id in the store shares, found in one statement per
few hundred ids (``due`` lists thousands) - the same answer as counting every prefix, on
SQLite, PostgreSQL through psycopg and PostgreSQL through libpq alone."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest


def _naive(every: list[str], full: str) -> str:
    length = 8
    while length < len(full) and sum(i.startswith(full[:length]) for i in every) > 1:
        length += 2
    return full[:length]


def _ids(rng: random.Random) -> list[str]:
    ids = {f"{rng.getrandbits(128):032x}" for _ in range(900)}
    base = f"{rng.getrandbits(128):032x}"
    ids.add(base)
    for shared in (8, 9, 10, 11, 13, 20, 31):  # neighbours sharing this many characters
        ids.add(base[:shared] + f"{rng.getrandbits(128):032x}"[: 32 - shared])
    ids.update({"c0ffee", "c0ffee00", "c0ffee0011", "s000001", "s000002"})  # hand-made
    return sorted(ids)


@pytest.fixture(params=["sqlite", "postgresql", "postgresql-lite"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    from recoverycli.storage.store import Store

    if request.param == "sqlite":
        store = Store(tmp_path / "data")
    else:
        from recoverycli.storage.postgres import PostgresBackend

        store = Store(PostgresBackend(request.getfixturevalue("pg_url"), bound=60,
                                      lite=request.param.endswith("lite")))
    yield store
    store.close()


def _forget_the_prefixes(db: Any) -> None:
    """The store as it was before the migration shared_prefixes."""
    backend = db.backend
    with backend.transaction():
        if backend.dialect.name == "postgresql":
            backend.execute("DROP FUNCTION recover_shared_prefix() CASCADE")
        else:
            backend.execute("DROP TRIGGER sessions_shared_prefix")
        backend.execute("DROP TABLE shared_prefixes")
        backend.execute("DELETE FROM recover_migrations WHERE name = 'shared_prefixes'")
    backend.has_shared_prefixes = None  # as a connection to a store from before opens


@pytest.mark.parametrize("how", ["trigger", "no-table", "backfilled", "forgotten"])
def test_short_ids_are_the_shortest_unique_prefixes(db: Any, how: str, tmp_path: Path,
                                                    request: pytest.FixtureRequest) -> None:
    """However the store came to hold its ids: each saved with the trigger there, a store
    from before the migration, the migration run on a full store, or sessions forgotten
    since (their prefixes stay in the table)."""
    from recoverycli.playbooks.session import Session
    from recoverycli.storage import ids as ids_module
    from recoverycli.storage.schema import migrate
    from recoverycli.storage.sessions import write_many

    rng = random.Random(20)
    every = _ids(rng)
    if how in ("no-table", "backfilled"):
        _forget_the_prefixes(db)
    write_many(db.backend, [Session(i, "hyken", None, "T", started=1.7e9) for i in every])
    if how == "backfilled":
        migrate(db.backend, "test")
        assert ids_module._has_shared_prefixes(db.backend)
    if how == "forgotten":
        heads = [i[:8] for i in every]  # one id of each group left: stale prefixes
        groups = {h for h in heads if heads.count(h) > 1}
        gone = [i for h in sorted(groups) for i in [j for j in every if j[:8] == h][1:]]
        assert len(groups) >= 2 and len(gone) >= 7
        db.forget(gone)
        every = [i for i in every if i not in gone]
    asked = [*every, every[0], every[0], "ffff" * 8]  # repeats, one absent
    short = db.short_ids(asked)
    assert set(short) == set(asked)
    for full in asked:
        assert short[full] == _naive(every, full), full
    if how != "forgotten":
        assert {8, 10, 12, 14, 22, 32} <= {len(v) for v in short.values()}
    assert ids_module._has_shared_prefixes(db.backend) == (how != "no-table")
    assert len(asked) > ids_module.CHUNK  # (without the table: more than one statement)


def test_short_ids_ask_nothing_of_the_migrations_once_the_store_is_open(db: Any) -> None:
    """Review (issue 22): every listing asked the store whether the table of shared
    prefixes exists; the store knows it from opening (``migrate``)."""
    from recoverycli.playbooks.session import Session
    from recoverycli.storage.sessions import write_many

    write_many(db.backend, [Session(i, "hyken", None, "T", started=1.7e9)
                            for i in ("ab" * 16, "ab" * 4 + "cd" * 12, "ef" * 16)])
    asked: list[str] = []
    real = db.backend.execute

    def counting(sql: str, args: Any = ()) -> Any:
        asked.append(sql)
        return real(sql, args)

    db.backend.execute = counting
    try:
        short = db.short_ids(["ab" * 16, "ef" * 16])
    finally:
        db.backend.execute = real
    assert short == {"ab" * 16: "ab" * 5, "ef" * 16: "ef" * 4}
    assert not [sql for sql in asked if "recover_migrations" in sql]


def test_one_agents_due_list_is_read_from_the_index_alone(tmp_path: Path) -> None:
    """``due`` for one agent: thousands of open follow-ups would otherwise each be a lookup
    in the table (the covering index of the migration ``due_covering``)."""
    from recoverycli.storage.followups import plan
    from recoverycli.storage.store import Store

    store = Store(tmp_path / "data")
    assert "COVERING INDEX sessions_open_due" in plan(store.backend, "ann", "2999-01-01")
    store.close()


def test_due_rows_read_as_one_json_value_keep_every_character(db: Any) -> None:
    """On PostgreSQL one agent's due list comes back as one JSON value: quotes,
    backslashes, control characters, wide and combining characters, emoji and NULLs
    come back exactly as stored, in the due order."""
    from recoverycli.playbooks.session import Session
    from recoverycli.storage.followups import open_follow_ups
    from recoverycli.storage.sessions import write_many

    names = ['Ann "the" O\'Neil \\ x', "tab\there\nnew\x1b[31mline\x7f", "Zoë 김 😀 e\u0301",
             "", "[1, null]"]
    sessions = []
    for n, name in enumerate(names):
        s = Session(f"{n:032x}", "hyken", None, "T", started=1.7e9 + n, agent="ann",
                    fields={"customer": name} | ({"offer": name} if n % 2 else {}))
        s.follow_up = f"2026-01-0{5 - n}"
        sessions.append(s)
    write_many(db.backend, sessions)
    rows = list(open_follow_ups(db.backend, "2999-01-01", "ann"))
    stored = {r["id"]: r["customer"] for r in rows}
    assert [r["customer"] for r in rows] == [stored[s.id] for s in reversed(sessions)]
    assert [stored[s.id] for s in sessions if s.customer] == [n for n in names if n]
    assert [r["offer"] for r in rows] == [(n if i % 2 else None) for i, n in
                                          reversed(list(enumerate(names)))]
    assert [r["follow_up"] for r in rows] == [f"2026-01-0{d}" for d in range(1, 6)]
    assert all(r["agent"] == "ann" and r["outcome"] is None for r in rows)
