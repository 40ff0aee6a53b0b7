"""Published playbooks (issue 22): `recover publish` stores a playbook in the team store
only when it is valid, versioned (a number per id and the content hash), with who and
when; every agent's list, show and run follow the team's current version from a 0600
cache, so a call starts with the server down or frozen; each session records the version
it followed; `playbooks ID --history` lists the versions and a rollback is a new version
with old content; list says which copy of an id wins and why; published text is untrusted.

Against a real PostgreSQL (the team store), and SQLite where it applies (the storage
functions and the migration run on both; a local store has no team, so publish refuses).
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import stat
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from conftest import ROOT, run

HYKEN = (ROOT / "playbooks" / "hyken.yaml").read_text(encoding="utf-8")


def team_file(folder: Path, title: str, pid: str = "hyken") -> Path:
    """The built-in hyken with the team's own title (and id)."""
    path = folder / f"{pid}-{abs(hash(title)) % 10_000}.yaml"
    text = HYKEN.replace("id: hyken", f"id: {pid}", 1)
    lines = [f"title: {json.dumps(title)}" if line.startswith("title:") else line
             for line in text.splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lead(home: Path, url: str) -> dict[str, str]:
    """The team lead's environment: their own data and config, the team store."""
    return {"RECOVER_DATA_DIR": str(home / "lead-data"),
            "RECOVER_CONFIG_DIR": str(home / "lead-config"),
            "RECOVER_DATABASE_URL": url, "RECOVER_AGENT": "lee"}


def agent(home: Path, url: str, name: str = "sam") -> dict[str, str]:
    return {"RECOVER_DATA_DIR": str(home / f"{name}-data"),
            "RECOVER_CONFIG_DIR": str(home / f"{name}-config"),
            "RECOVER_DATABASE_URL": url, "RECOVER_AGENT": name}


def versions(env: dict[str, str], pid: str = "hyken") -> list[dict[str, object]]:
    result = run("playbooks", pid, "--history", "--json", env=env)
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout))


def said(result: object) -> str:
    """What a command printed, its lines joined (messages wrap at the terminal's width)."""
    return " ".join(str(getattr(result, "stdout", "")).split())


def answers(home: Path) -> Path:
    path = home / "answers.yaml"
    path.write_text("fields:\n  offer: a voucher\nsteps:\n  - {note: 'called back'}\n")
    return path


# no team store --------------------------------------------------------------------------

def test_publish_with_no_team_store_says_so_and_exits_1(home: Path) -> None:
    path = team_file(home, "Team hyken")
    result = run("publish", str(path))
    assert result.returncode == 1, result.stderr
    assert "no team store is configured" in result.stderr
    assert "database_url" in result.stderr and "Traceback" not in result.stderr
    assert run("playbooks", "hyken", "--history").returncode == 1


def test_publish_without_files_or_with_both_is_a_usage_error(home: Path, pg_url: str) -> None:
    env = lead(home, pg_url)
    assert run("publish", env=env).returncode == 2
    both = run("publish", str(team_file(home, "x")), "--rollback", "hyken", "1", env=env)
    assert both.returncode == 2 and "not both" in both.stderr


# the store: both databases ---------------------------------------------------------------

@pytest.fixture(params=["sqlite", "postgresql"])
def backend_store(request: pytest.FixtureRequest, home: Path):  # type: ignore[no-untyped-def]
    from recoverycli.storage.store import Store

    if request.param == "sqlite":
        store = Store(home / "data")
    else:
        from recoverycli.storage.open import open_postgres

        store = open_postgres(request.getfixturevalue("pg_url"))
    yield store
    store.close()


def test_versions_are_numbered_per_id_hashed_and_a_rollback_is_a_new_version(
        backend_store) -> None:  # type: ignore[no-untyped-def]
    from recoverycli.playbooks.team import content_hash
    from recoverycli.storage.published import current, publish, versions

    store = backend_store
    one, two = HYKEN, HYKEN.replace("title:", "title: Team -", 1)

    def put(pid: str, body: str) -> object:
        return store.read(publish, pid, body, content_hash(body), "lee")

    first = put("hyken", one)
    assert first.changed and first.entry.version == 1 and first.same_as is None
    assert first.entry.hash == hashlib.sha256(one.encode()).hexdigest()
    assert not put("hyken", one).changed  # the same content: a no-op
    assert put("heal", one.replace("id: hyken", "id: heal")).entry.version == 1  # per id
    second = put("hyken", two)
    assert second.changed and second.entry.version == 2
    back = put("hyken", one)  # an older version's content again: a rollback
    assert back.changed and back.entry.version == 3 and back.same_as == 1
    rows = store.read(versions, "hyken")
    assert [(v.version, v.hash == first.entry.hash, v.publisher) for v in rows] == [
        (1, True, "lee"), (2, False, "lee"), (3, True, "lee")]
    assert [(c.id, c.version) for c in store.read(current)] == [("heal", 1), ("hyken", 3)]
    assert rows[2].body == one


def test_the_migration_adds_the_tables_and_columns_on_both(backend_store) -> None:  # type: ignore[no-untyped-def]
    from recoverycli.storage.schema import NAMES

    store = backend_store
    assert "published_playbooks" in NAMES
    applied = {r[0] for r in store.backend.execute("SELECT name FROM recover_migrations")}
    assert "published_playbooks" in applied
    store.backend.execute("SELECT playbook_version, playbook_hash FROM sessions")
    store.backend.execute("SELECT id, version, hash, body, publisher, published "
                          "FROM published_playbooks")


# publish and roll back, through the command ----------------------------------------------

def test_publish_refuses_every_invalid_file_located_and_stores_nothing(
        home: Path, pg_url: str) -> None:
    env = lead(home, pg_url)
    good = team_file(home, "Good one")
    broken = home / "broken.yaml"
    broken.write_text("id: broken\ntitle: Broken\nsteps:\n  - title: One\n    next: nowhere\n")
    worse = home / "worse.yaml"
    worse.write_text("id: worse\ntitle: [unclosed\n")
    result = run("publish", str(good), str(broken), str(worse), env=env)
    assert result.returncode == 1
    assert f"{broken}:5:11:" in result.stderr  # located: FILE:LINE:COL
    assert f"{worse}:" in result.stderr  # both bad files, in one go
    assert "nothing published" in result.stderr and "Traceback" not in result.stderr
    missing = run("playbooks", "hyken", "--history", env=env)
    assert missing.returncode == 1 and "no published playbook 'hyken'" in missing.stderr


def test_a_playbook_over_every_agents_size_limit_is_not_published(
        home: Path, pg_url: str) -> None:
    """Red team (issue 22): a cap raised on the lead's machine is not the agents': a file
    over the default limit was published, then refused on every other agent's list."""
    env = {**lead(home, pg_url), "RECOVER_MAX_PLAYBOOK_BYTES": "5000000"}
    big = team_file(home, "Big one")
    big.write_text(big.read_text() + "# " + "x" * (1024 * 1024) + "\n")
    result = run("publish", str(big), env=env)
    assert result.returncode == 1
    assert f"{big}:1:1:" in result.stderr and "every agent reads" in result.stderr
    assert "nothing published" in result.stderr
    listed = run("list", env=agent(home, pg_url))
    assert listed.returncode == 0 and "skipped" not in listed.stderr


def test_publish_versions_noop_history_and_rollback(home: Path, pg_url: str) -> None:
    env = lead(home, pg_url)
    v1, v2 = team_file(home, "Team hyken, first"), team_file(home, "Team hyken, second")
    first = run("publish", str(v1), env=env)
    assert first.returncode == 0, first.stderr
    assert f"Published hyken v1 ({sha(v1)[:12]})" in said(first)
    again = run("publish", str(v1), env=env)
    assert again.returncode == 0 and "unchanged" in said(again)
    assert "nothing published" in said(again)
    assert run("publish", str(v2), env=env).returncode == 0
    back = run("publish", "--rollback", "hyken", "1", env=env)
    assert back.returncode == 0, back.stderr
    assert f"Published hyken v3 ({sha(v1)[:12]})" in said(back) and "rollback" in said(back)
    assert "the content of v2 again" in said(run("publish", str(v2), env=env))  # by file too
    listed = versions(env)
    assert [(v["version"], v["hash"], v["publisher"], v["current"]) for v in listed] == [
        (4, sha(v2), "lee", True), (3, sha(v1), "lee", False), (2, sha(v2), "lee", False),
        (1, sha(v1), "lee", False)]
    text = run("playbooks", "hyken", "--history", env=env).stdout
    assert "4 versions" in text and f"* v4     {sha(v2)[:12]}  lee" in text
    assert f"  v1     {sha(v1)[:12]}  lee" in text
    # a rollback is marked as the content of the version it brings back (newcomer)
    rows = {line.split()[0 if not line.startswith("*") else 1]: line
            for line in text.splitlines() if " v" in line[:6]}
    assert "= v2 (rollback)" in rows["v4"] and "= v1 (rollback)" in rows["v3"]
    assert "rollback" not in rows["v1"] and "rollback" not in rows["v2"]
    assert [v["same_as"] for v in listed] == [2, 1, None, None]
    assert "is also a built-in playbook: every agent of the team now follows this version" \
        in said(first)
    assert "current" in run("playbooks", "hyken", env=env).stdout
    nothing = run("publish", "--rollback", "hyken", "9", env=env)
    assert nothing.returncode == 1 and "has no version 9" in nothing.stderr
    assert len(versions(env)) == 4


# every agent: list, show, run, from the cache ----------------------------------------------

class Proxy:
    """A TCP forwarder in front of the team's server, which can freeze (accept and never
    answer, as a stopped server does) or go down (connections refused)."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.target = (parts.hostname or "127.0.0.1", parts.port or 5432)
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(32)
        self.url = urlunsplit(parts._replace(
            netloc=f"{parts.username}:{parts.password}@127.0.0.1:"
                   f"{self.listener.getsockname()[1]}"))
        self.frozen = False
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.held.append(conn)
            if self.frozen:
                continue
            upstream = socket.create_connection(self.target)
            self.held.append(upstream)
            for a, b in ((conn, upstream), (upstream, conn)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                if self.frozen:
                    return  # a frozen server reads and never answers
                sink.sendall(data)
        except OSError:
            pass

    def down(self) -> None:
        self.listener.close()
        for conn in self.held:
            conn.close()


def test_every_agent_follows_the_current_version_from_a_0600_cache_with_the_server_away(
        home: Path, pg_url: str) -> None:
    proxy = Proxy(pg_url)
    try:
        team, sam = lead(home, proxy.url), agent(home, proxy.url)
        v1 = team_file(home, "Team hyken, first")
        assert run("publish", str(v1), env=team).returncode == 0
        listed = run("list", env=sam)
        assert listed.returncode == 0, listed.stderr
        assert "Team hyken, first" in listed.stdout and "team v1" in listed.stdout
        cache = home / "sam-data" / "team-playbooks.json"
        assert stat.S_IMODE(cache.stat().st_mode) == 0o600
        doctor = json.loads(run("doctor", "--json", env=sam).stdout)["team_playbooks"]
        assert (doctor["cache"], doctor["count"]) == (str(cache), 1) and doctor["fetched"]
        assert "2. team     1 published, cached in" in run("doctor", env=sam).stdout
        assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700
        v2 = team_file(home, "Team hyken, second")
        assert run("publish", str(v2), env=team).returncode == 0
        assert "Team hyken, second" in run("show", "hyken", env=sam).stdout  # current

        proxy.frozen = True  # the server stops answering
        started = time.monotonic()
        frozen = run("show", "hyken", env=sam)
        assert frozen.returncode == 0, frozen.stderr
        assert "Team hyken, second" in frozen.stdout
        assert "as fetched" in frozen.stderr
        assert time.monotonic() - started < 15  # bounded as a live call is
        ran = run("run", "hyken", "--customer", "Frozen Fay", "--answers", str(answers(home)),
                  env=sam)
        assert ran.returncode == 0, ran.stderr
        assert "Team hyken, second" in ran.stdout

        proxy.down()  # refused outright
        down = run("list", "--json", env=sam)
        assert down.returncode == 0, down.stderr
        row = next(r for r in json.loads(down.stdout) if r["id"] == "hyken")
        assert (row["origin"], row["version"], row["hash"]) == ("team", 2, sha(v2))
        kept = run("history", "--json", env={**sam, "RECOVER_DATABASE_URL": ""})
        session = json.loads(kept.stdout)[0]  # kept locally (SQLite) while the server was away
        assert (session["customer"], session["playbook_version"]) == ("Frozen Fay", 2)
    finally:
        proxy.down()


def test_each_session_records_the_version_it_followed_in_history_and_exports(
        home: Path, pg_url: str) -> None:
    team, sam = lead(home, pg_url), agent(home, pg_url)
    v1 = team_file(home, "Team hyken, first")
    assert run("publish", str(v1), env=team).returncode == 0
    assert run("publish", str(team_file(home, "Team hyken, second")), env=team).returncode == 0
    assert run("publish", "--rollback", "hyken", "1", env=team).returncode == 0
    assert run("list", env=sam).returncode == 0
    ran = run("run", "hyken", "--customer", "Ann", "--answers", str(answers(home)), env=sam)
    assert ran.returncode == 0, ran.stderr
    assert run("run", "saxena", "--answers", str(answers(home)), env=sam).returncode == 0
    rows = json.loads(run("history", "--json", env=sam).stdout)
    assert {r["playbook"]: r["playbook_version"] for r in rows} == {"hyken": 3, "saxena": None}
    sid = next(r["id"] for r in rows if r["playbook"] == "hyken")
    assert "hyken v3" in run("history", env=sam).stdout
    shown = run("history", sid, env=sam).stdout
    assert f"the team's published v3 ({sha(v1)[:12]})" in shown
    data = json.loads(run("history", sid, "--json", env=sam).stdout)
    assert (data["playbook"]["version"], data["playbook"]["hash"]) == (3, sha(v1))
    md = run("export", sid, "--format", "md", env=sam).stdout
    assert f"playbook: team v3 ({sha(v1)[:12]})" in md


def test_list_says_which_copy_of_an_id_wins_and_why(home: Path, pg_url: str) -> None:
    team, sam = lead(home, pg_url), agent(home, pg_url)
    assert run("publish", str(team_file(home, "Team hyken")), env=team).returncode == 0
    sam["COLUMNS"] = "200"
    over_builtin = run("list", env=sam)
    assert "team v1 (shadows built-in)" in over_builtin.stdout
    assert "hyken: the team store's v1 is used, not the built-in one" in \
        " ".join(over_builtin.stdout.split())
    mine = home / "sam-config" / "playbooks"
    mine.mkdir(parents=True)
    team_file(mine, "My own hyken")
    listed = run("list", env=sam)
    said = " ".join(listed.stdout.split())
    assert "user (shadows built-in, team)" in said
    assert "your playbook folder's" in said and "is used, not the team store's v1" in said
    assert "later sources win, in the order built-in < team store < your playbook folder" \
        in said
    row = next(r for r in json.loads(run("list", "--json", env=sam).stdout)
               if r["id"] == "hyken")
    assert row["origin"] == "user" and "team team:hyken v1" in row["shadows"]
    assert row["wins_because"].startswith("hyken: your playbook folder's")
    assert "My own hyken" in run("show", "hyken", env=sam).stdout
    given = team_file(home / "sam-config", "Given on the command line")
    assert "Given on the command line" in run("show", str(given), env=sam).stdout


# untrusted text ---------------------------------------------------------------------------

def test_hostile_published_text_goes_through_the_gate(home: Path, pg_url: str) -> None:
    team, sam = lead(home, pg_url), agent(home, pg_url)
    evil = home / "evil.yaml"
    evil.write_text('id: evil\ntitle: "Evil \\e]0;pwned\\a \\e[2J title"\nsteps:\n'
                    '  - title: "Step \\e[31mred"\n    say: "Hello \\u202e reversed"\n')
    published = run("publish", str(evil), env=team)
    assert published.returncode == 0, published.stderr
    for args in (("list",), ("show", "evil"), ("playbooks", "evil", "--history")):
        result = run(*args, env=sam)
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout + result.stderr
        assert "\x07" not in result.stdout and "\u202e" not in result.stdout
    shown = run("show", "evil", env=sam).stdout
    assert "\\x1b]0;pwned\\x07" in shown and "\\u202e" in shown


def _insert(url: str, pid: str, body: str, digest: str | None = None) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("INSERT INTO published_playbooks (id, version, hash, body, publisher, "
                     "published) VALUES (%s, 1, %s, %s, 'mallory', '2026-12-04T00:00:00Z')",
                     [pid, digest or hashlib.sha256(body.encode()).hexdigest(), body])


def test_a_row_written_by_hand_is_read_as_untrusted_yaml(home: Path, pg_url: str) -> None:
    team, sam = lead(home, pg_url), agent(home, pg_url)
    assert run("publish", str(team_file(home, "Team hyken")), env=team).returncode == 0
    _insert(pg_url, "tagged", "id: tagged\ntitle: !!python/object/apply:os.system ['id']\n"
            "steps: [{title: x}]\n")
    _insert(pg_url, "laughs", "id: laughs\ntitle: &a [x, x]\nsteps: [{title: *a}]\n")
    _insert(pg_url, "changed", "id: changed\ntitle: T\nsteps: [{title: x}]\n", "0" * 64)
    _insert(pg_url, "big", "id: big\ntitle: T\nsteps: [{title: x}]\n# " + "x" * 40000 + "\n")
    result = run("list", env={**sam, "RECOVER_MAX_PLAYBOOK_BYTES": "30000"})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for label in ("team:tagged v1", "team:laughs v1", "team:changed v1", "team:big v1"):
        assert label in result.stderr, (label, result.stderr)
    assert "does not match its published hash" in result.stderr
    assert "over the 30000-byte limit" in result.stderr
    assert "run 'recover validate team:" not in result.stderr  # there is no such file
    assert "team v1" in result.stdout  # the good one is still listed
    cached = json.loads((home / "sam-data" / "team-playbooks.json").read_text())
    assert {p["id"] for p in cached["playbooks"]} >= {"tagged", "laughs", "hyken"}
    damaged = home / "sam-data" / "team-playbooks.json"
    damaged.write_text("{not json")
    env = {**sam, "RECOVER_DATABASE_URL": "postgresql://recover:pw@127.0.0.1:1/none"}
    refused = run("list", env=env)  # another store: never this cache, never a traceback
    assert refused.returncode == 0 and "Traceback" not in refused.stderr
    assert os.stat(damaged).st_size > 0


def test_a_run_refreshes_the_cache_once_begun_so_the_next_call_follows_the_team(
        home: Path, pg_url: str) -> None:
    team, sam = lead(home, pg_url), agent(home, pg_url)
    assert run("publish", str(team_file(home, "Team hyken, first")), env=team).returncode == 0
    first = run("run", "hyken", "--answers", str(answers(home)), env=sam)  # nothing cached
    assert first.returncode == 0 and "Seven service recovery strategies" in first.stdout
    second = run("run", "hyken", "--answers", str(answers(home)), env=sam)
    assert second.returncode == 0 and "Team hyken, first" in second.stdout
    rows = json.loads(run("history", "--json", env=sam).stdout)
    assert [r["playbook_version"] for r in rows] == [1, None]  # newest first


def test_completion_offers_the_team_playbooks_from_the_cache(home: Path, pg_url: str) -> None:
    team, sam = lead(home, pg_url), agent(home, pg_url)
    assert run("publish", str(team_file(home, "Late", pid="late-delivery")),
               env=team).returncode == 0
    assert run("list", env=sam).returncode == 0
    offline = {**sam, "RECOVER_DATABASE_URL": pg_url.replace("/recover_test", "/gone")}
    for words in (("playbooks", "la"), ("run", "la"), ("show", "la")):
        completed = run(env={"_RECOVER_COMPLETE": "complete_bash",
                             "COMP_WORDS": " ".join(("recover", *words)),
                             "COMP_CWORD": str(len(words)), **sam})
        assert completed.stdout.split() == ["late-delivery"], (words, completed.stderr)
    elsewhere = run(env={"_RECOVER_COMPLETE": "complete_bash",
                         "COMP_WORDS": "recover run la", "COMP_CWORD": "2", **offline})
    assert elsewhere.stdout.split() == []  # another store's cache is never used


def test_publish_to_an_unreachable_team_store_says_so_and_stores_nothing(home: Path) -> None:
    env = lead(home, "postgresql://recover:pw@127.0.0.1:1/recover")
    result = run("publish", str(team_file(home, "Team hyken")), env=env)
    assert result.returncode == 1
    assert "cannot reach the team store" in result.stderr
    assert "publishing needs the team store, so nothing was done" in result.stderr
    assert "pw@" not in result.stderr and "Traceback" not in result.stderr
    # red team: the history, read-only, said it was publishing
    history = run("playbooks", "hyken", "--history", env=env)
    assert history.returncode == 1 and "publishing" not in history.stderr, history.stderr
    assert "reading the published versions needs the team store" in history.stderr


def test_two_leads_publishing_at_once_get_consecutive_versions(home: Path, pg_url: str) -> None:
    import subprocess

    from conftest import RECOVER

    env = {**os.environ, **lead(home, pg_url)}
    files = [team_file(home, f"Team hyken {n}") for n in range(4)]
    procs = [subprocess.Popen([RECOVER, "publish", str(f)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for f in files]
    for proc in procs:
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
    listed = versions(lead(home, pg_url))
    assert sorted(v["version"] for v in listed) == [1, 2, 3, 4]
    assert {v["hash"] for v in listed} == {sha(f) for f in files}


def test_list_and_show_still_work_when_the_config_cannot_be_read(home: Path) -> None:
    (home / "config" / "config.toml").mkdir(parents=True)  # a folder where the file goes
    for args in (("list",), ("show", "hyken")):
        result = run(*args)
        assert result.returncode == 0, result.stderr
        assert "Seven service recovery strategies" in result.stdout


# a damaged cache (red team) ----------------------------------------------------------------

def _cached_sam(home: Path, url: str) -> tuple[dict[str, str], Path]:
    team, sam = lead(home, url), agent(home, url)
    assert run("publish", str(team_file(home, "Team hyken, cached")), env=team).returncode == 0
    assert "Team hyken, cached" in run("list", env=sam).stdout
    return sam, home / "sam-data" / "team-playbooks.json"


@pytest.mark.parametrize(("damage", "said_of_it"), [
    ("bytes", "is damaged (not the file recover writes)"),
    ("cut", "is damaged (not the file recover writes)"),
    ("folder", "is not a regular file"),
    ("link", "is not a regular file"),
])
def test_a_damaged_cache_with_the_server_away_is_said_not_passed_over(
        home: Path, pg_url: str, damage: str, said_of_it: str) -> None:
    proxy = Proxy(pg_url)
    try:
        sam, cache = _cached_sam(home, proxy.url)
        body = cache.read_bytes()
        cache.unlink()
        if damage == "bytes":
            cache.write_bytes(bytes(range(256)) * 4)
        elif damage == "cut":
            cache.write_bytes(body[: len(body) // 2])
        elif damage == "folder":
            cache.mkdir()
        else:
            (home / "elsewhere.json").write_bytes(body)
            cache.symlink_to(home / "elsewhere.json")
        proxy.frozen = True  # the server stops answering
        listed = run("list", env=sam)
        assert listed.returncode == 0, listed.stderr
        err = " ".join(listed.stderr.split())
        assert f"team-playbook cache {cache} {said_of_it}" in err, (listed.stdout, err)
        assert "no team playbooks fetched yet" not in err
        assert "Traceback" not in err and "Team hyken, cached" not in listed.stdout
    finally:
        proxy.down()


def test_a_folder_in_place_of_the_cache_is_said_on_every_refresh(
        home: Path, pg_url: str) -> None:
    sam, cache = _cached_sam(home, pg_url)
    cache.unlink()
    cache.mkdir()
    for _ in range(2):
        listed = run("list", env=sam)
        assert "warning: cannot write the team-playbook cache" in listed.stderr, listed.stderr


def test_a_bad_cached_row_and_a_tampered_body_are_each_said(home: Path, pg_url: str) -> None:
    proxy = Proxy(pg_url)
    try:
        sam, cache = _cached_sam(home, proxy.url)
        data = json.loads(cache.read_text())
        good = data["playbooks"][0]
        data["playbooks"] = [{**good, "version": "9; DROP"},
                             {**good, "body": good["body"].replace("Team hyken", "Evil")}]
        cache.write_text(json.dumps(data))
        proxy.frozen = True
        err = " ".join(run("list", env=sam).stderr.split())
        assert f"1 cached team playbook(s) left out of {cache}: damaged entries" in err, err
        assert f"skipped team:hyken v{good['version']}: its copy does not match its " \
               f"published hash (the cache {cache} or the team store's row was changed" in err
        assert f"v{good['version']}:1:1" not in err
    finally:
        proxy.down()
