"""Commands for the team lead sharing playbooks: publish (and roll back) to the team
store, and each playbook's published versions. Parsing only; the versions are kept by
:mod:`recoverycli.storage.published`, read back by :mod:`recoverycli.playbooks.team`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from recoverycli.i18n import M_, N_, _, ngettext

from .app import _playbook_paths, app
from .complete import playbook_ids

if TYPE_CHECKING:
    from recoverycli.playbooks.team import Published
    from recoverycli.storage.backends import Backend
    from recoverycli.storage.published import Outcome
    from recoverycli.storage.store import Store

NO_TEAM_STORE = N_("no team store is configured: published playbooks live in the team's "
                   "PostgreSQL store; set database_url in config.toml or "
                   "RECOVER_DATABASE_URL (see docs/teams.md)")


def _team_url() -> str:
    from recoverycli.config import load_config
    from recoverycli.errors import StoreError

    url = load_config().database_url
    if not url:
        raise StoreError(str(NO_TEAM_STORE))
    return url


def _checked(paths: list[Path]) -> list[tuple[Path, str, str]]:
    """Each file's (path, id, text), when every file passes validate and lint's errors;
    else every located error of every file on stderr and exit 1, nothing published."""
    from recoverycli.errors import PlaybookError
    from recoverycli.playbooks.authoring import lint_file
    from recoverycli.playbooks.model import parse_playbook
    from recoverycli.playbooks.yamldoc import DEFAULT_MAX_BYTES, max_bytes_from_env, read_capped
    from recoverycli.practice.engine import Coach
    from recoverycli.render import print_problems

    files = _playbook_paths(paths)
    coach = Coach.load([])
    errors: list[str] = []
    bad = 0
    found: list[tuple[Path, str, str]] = []
    seen: dict[str, Path] = {}
    for file in files:
        size = file.stat().st_size if file.is_file() else 0
        if size > DEFAULT_MAX_BYTES and max_bytes_from_env() > DEFAULT_MAX_BYTES:
            # (red team, issue 22) a cap raised on this machine is not every agent's:
            # the team's copy would be refused on every other agent's list and run
            bad += 1
            errors.append(f"{file}:1:1: " + _(
                "it is {size} bytes, over the {limit} bytes every agent reads "
                "(RECOVER_MAX_PLAYBOOK_BYTES raises the limit on this machine only); make "
                "it smaller to publish it").format(size=size, limit=DEFAULT_MAX_BYTES))
            continue
        messages = [m for m in lint_file(str(file), coach) if m.severity == "error"]
        if messages:
            bad += 1
            errors += [m.plain() for m in messages]
            continue
        try:
            data = read_capped(str(file), max_bytes_from_env())
            book = parse_playbook(str(file), data)
        except PlaybookError as exc:  # changed since lint read it
            bad += 1
            errors += [str(p) for p in exc.problems]
            continue
        if book.id in seen:
            bad += 1
            errors.append(f"{file}:1:1: id: " + _(
                "'{id}' is also the id of {other}; publish one of them").format(
                    id=book.id, other=seen[book.id]))
            continue
        seen[book.id] = file
        found.append((file, book.id, data.decode("utf-8")))
    if errors:
        from recoverycli.i18n import number

        print_problems(errors, sys.stderr)
        how_many = ngettext("{count} error", "{count} errors", len(errors)).format(
            count=number(len(errors)))
        of_files = ngettext("{count} file", "{count} files", len(files)).format(
            count=number(len(files)))
        print_problems([_("nothing published: {errors} in {bad} of {files} (recover lint "
                          "shows them too)").format(errors=how_many, bad=number(bad),
                                                    files=of_files)], sys.stderr)
        raise typer.Exit(1)
    return found


def _said(outcome: Outcome, where: str) -> str:
    from recoverycli.playbooks.team import version_words

    entry = outcome.entry
    version = version_words(entry.version, entry.hash)
    if not outcome.changed:
        return _("{id}: unchanged - {version} is already the team's current version; "
                 "nothing published").format(id=entry.id, version=version)
    again = _(": the content of v{version} again (a rollback)").format(
        version=outcome.same_as) if outcome.same_as is not None else ""
    from recoverycli.paths import builtin_playbooks

    shadow = (_(". {id} is also a built-in playbook: every agent of the team now follows "
                "this version instead ('recover list' says which copy wins)").format(
                    id=entry.id)
              if (builtin_playbooks() / f"{entry.id}.yaml").exists() else "")
    return _("Published {id} {version} to {where}{again}{shadow}").format(
        id=entry.id, version=version, where=where, again=again, shadow=shadow)


def _open_team(require: str = "publishing") -> tuple[Store, str]:
    url = _team_url()
    from recoverycli.storage.open import open_store

    store = open_store(require=require)
    return store, url


@app.command(short_help=M_("Publish playbooks to the team store, each versioned."), help=M_(
    "Store playbooks in the team store for every agent's list, show and run: only if "
    "every file passes validate and lint's errors (all reported, located; nothing is "
    "published if any fails). Each gets the next version number of its id, its content "
    "hash, the publisher (the configured agent) and the time; the same content again is a"
    " no-op. Publishing an older version's content again is a rollback (see --rollback)."))
def publish(
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar="[FILE]...", help=M_("Playbook files or folders of them."))] = None,
    rollback: Annotated[tuple[str, int] | None, typer.Option(
        "--rollback", metavar="ID VERSION", help=M_("Publish an earlier version's content "
        "again, as the next version."))] = None,
) -> None:
    from recoverycli.errors import UsageError

    if rollback is not None and rollback[0] is None:
        rollback = None
    if not paths and rollback is None:
        raise UsageError(_("give the playbook files to publish, or --rollback ID VERSION"))
    if paths and rollback is not None:
        raise UsageError(_("give either files to publish or --rollback ID VERSION, not "
                           "both"))
    _team_url()  # no team store: said before any file is read
    if rollback is not None:
        _rollback(rollback[0].strip().lower(), rollback[1])  # ids are lower case
        return
    assert paths is not None
    checked = _checked(paths)
    store, url = _open_team()
    from recoverycli.config import agent_name
    from recoverycli.playbooks.team import content_hash
    from recoverycli.storage.published import publish as put
    from recoverycli.storage.published import refresh_cache
    from recoverycli.text import fitted, one_line

    publisher = agent_name()

    def publish_all(db: Backend) -> list[Outcome]:
        with db.transaction():  # all of them, or none
            return [put(db, pid, text, content_hash(text), publisher)
                    for _, pid, text in checked]

    try:
        outcomes = store.read(publish_all)
        for outcome in outcomes:
            print(fitted(one_line(_said(outcome, store.where))))
        refresh_cache(store, url)
    finally:
        store.close()


def _rollback(playbook_id: str, version: int) -> None:
    from recoverycli.config import agent_name
    from recoverycli.errors import NotFoundError, PlaybookError
    from recoverycli.playbooks.team import parse_published
    from recoverycli.playbooks.yamldoc import max_bytes_from_env
    from recoverycli.storage.published import publish as put
    from recoverycli.storage.published import refresh_cache, versions
    from recoverycli.text import fitted, one_line

    store, url = _open_team()
    try:
        known = store.read(versions, playbook_id)
        if not known:
            raise NotFoundError(_("no published playbook '{id}' in {where} (recover list "
                                  "shows the team's)").format(id=playbook_id,
                                                               where=store.where))
        old = next((v for v in known if v.version == version), None)
        if old is None:
            raise NotFoundError(_("{id} has no version {version} (versions 1 to {last}; "
                                  "see recover playbooks {id} --history)").format(
                id=playbook_id, version=version, last=known[-1].version))
        try:
            parse_published(old, max_bytes_from_env())
        except PlaybookError as exc:  # a row written by hand: never made current again
            from recoverycli.render import print_problems

            print_problems([str(p) for p in exc.problems], sys.stderr)
            print_problems([_("nothing published: v{version} of {id} is not a valid "
                              "playbook").format(version=version, id=playbook_id)],
                           sys.stderr)
            raise typer.Exit(1) from None
        outcome = store.read(put, playbook_id, old.body, old.hash, agent_name())
        print(fitted(one_line(_said(outcome, store.where))))
        refresh_cache(store, url)
    finally:
        store.close()


@app.command(short_help=M_("A published playbook's versions in the team store."), help=M_(
    "The team's current version of a published playbook, or with --history every version:"
    " number, hash, publisher, time, and which one is current."))
def playbooks(
    playbook: Annotated[str, typer.Argument(
        metavar="ID", help=M_("A published playbook's id."), autocompletion=playbook_ids)],
    history: Annotated[bool, typer.Option(
        "--history", help=M_("List every version (else the current one)."))] = False,
    as_json: Annotated[bool, typer.Option("--json", help=M_("Print JSON for scripts."))] = False,
) -> None:
    from recoverycli.errors import NotFoundError
    from recoverycli.storage.published import versions

    store, _local = _open_team("reading the published versions")
    try:
        known = store.read(versions, playbook)
        if not known:
            known = store.read(versions, playbook.strip().lower())
    finally:
        store.close()
    if not known:
        raise NotFoundError(_("no published playbook '{id}' in {where} (publish one with: "
                              "recover publish FILE)").format(id=playbook, where=store.where))
    shown = known if history else known[-1:]
    current = known[-1].version
    if as_json:
        from recoverycli.text import dumps

        same = _same_as(known)
        print(dumps([_data(v, v.version == current, same.get(v.version))
                     for v in reversed(shown)], indent=2))
        return
    _print_versions(shown, current, store.where, history)


def _same_as(shown: list[Published]) -> dict[int, int]:
    """For each version whose content an earlier one had (a rollback): that version."""
    first: dict[str, int] = {}
    same: dict[int, int] = {}
    for v in sorted(shown, key=lambda v: v.version):
        if v.hash in first:
            same[v.version] = first[v.hash]
        else:
            first[v.hash] = v.version
    return same


def _data(entry: Published, current: bool, same_as: int | None = None) -> dict[str, object]:
    return {"id": entry.id, "version": entry.version, "hash": entry.hash,
            "publisher": entry.publisher, "published": entry.published, "current": current,
            "same_as": same_as}


def _print_versions(shown: list[Published], current: int, where: str, history: bool) -> None:
    from recoverycli.i18n import number
    from recoverycli.playbooks.team import HASH_SHOWN
    from recoverycli.table import columns, local_zone, short_time
    from recoverycli.text import fitted, one_line

    first = shown[-1]
    count = ngettext("{count} version", "{count} versions", len(shown)).format(
        count=number(len(shown))) if history else _("v{version} is current").format(
            version=current)
    print(fitted(one_line(_("{id} in the team store {where}: {count}").format(
        id=first.id, where=where, count=count))))
    same = _same_as(shown)
    rows = [(f"{'*' if v.version == current else ' '} v{v.version}", v.hash[:HASH_SHOWN],
             v.publisher or "-", short_time(v.published),
             _("= v{version} (rollback)").format(version=same[v.version])
             if v.version in same else "")
            for v in reversed(shown)]
    published = _("published {zone}").format(zone=local_zone())
    version_h, publisher_h = _("version"), _("publisher")
    heads: tuple[str, ...] = (version_h, "hash", publisher_h, published, _("content"))
    table: list[tuple[str, ...]] = list(rows)
    if not same:  # no rollback among them: no column of dashes
        heads, table = heads[:4], [row[:4] for row in rows]
    sys.stdout.write(columns(heads, table, flexible=(publisher_h,),
                             keep=(version_h, "hash", published)))
    print(_("* the team's current version: what list, show and run use"))
