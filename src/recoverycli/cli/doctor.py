"""``recover doctor``: where everything lives and whether the store answers, gathered
through the public functions of config, paths, catalog and the store (nothing of its own
to know), so it can be pasted into a support ticket with no secret in it."""

from __future__ import annotations

import sys
from importlib.util import find_spec
from typing import Any

from recoverycli.i18n import M_, _

# Every variable recover reads; set but empty is treated as unset (as XDG_DATA_HOME and
# the other XDG base directory variables are), and doctor names those it found empty.
VARIABLES = ("RECOVER_AGENT", "RECOVER_CACHE_DIR", "RECOVER_CONFIG_DIR",
             "RECOVER_DATABASE_URL", "RECOVER_DATA_DIR", "RECOVER_MAX_PLAYBOOK_BYTES",
             "RECOVER_PLAYBOOKS", "RECOVER_TEAM")

# extra -> the modules it brings, and what it is for (translated where it is shown)
EXTRAS = {
    "team": (("psycopg", "matplotlib"), M_("a shared PostgreSQL store; report --format html")),
}


def _exists(path: Any, folder: bool = False) -> bool | str:
    """Whether ``path`` is there, or why it cannot be checked (a name too long, a loop
    of links): doctor is what people run when the setup is wrong, so it never stops."""
    try:
        return bool(path.is_dir() if folder else path.exists())
    except OSError as exc:
        return f"cannot check: {exc.strerror or type(exc).__name__}"


def _config_problem() -> str | None:
    from recoverycli.config import load_config
    from recoverycli.errors import RecoverError

    try:
        load_config()
    except RecoverError as exc:
        return exc.message
    return None


def _store() -> dict[str, Any]:
    from recoverycli.config import load_config
    from recoverycli.errors import RecoverError

    try:
        url = load_config().database_url
    except RecoverError:
        url = None  # named once, as the config file's problem
    info: dict[str, Any] = {"configured": "postgresql" if url else "sqlite"}
    if url:
        from recoverycli.storage.conninfo import mask

        info["url"] = mask(url)
    try:
        from recoverycli.storage.open import open_store

        store = open_store(quiet=True)
    except RecoverError as exc:
        info.update(kind=None, where=None, answers=False, problem=exc.message)
        return info
    kind = "postgresql" if store.kind == "postgresql" else "sqlite"
    info.update(kind=kind, where=store.where)
    info["answers"] = kind == info["configured"]
    if url and not info["answers"]:
        from recoverycli.storage.conninfo import ConninfoError, check

        try:
            check(url)
            info["problem"] = _("the team store cannot be reached; using the local store")
        except ConninfoError as exc:  # its message quotes no part of the address
            info["problem"] = "database_url: " + _("{reason}; using the local store").format(
                reason=exc)
    if kind == "postgresql":
        from recoverycli.storage.open import local_only, local_only_note

        try:
            kept = local_only(store)
        except RecoverError as exc:
            info["local_problem"] = exc.message
        else:
            info["local_only"] = {"sessions": kept.sessions, "attempts": kept.attempts,
                                  "follow_ups": kept.follow_ups} if kept else None
            if kept:
                info["local_note"] = local_only_note(kept)
    return info


def _who() -> dict[str, Any]:
    """The agent and team names new sessions are saved under, and where each comes from
    (the variable, config.toml, or the login name)."""
    import os

    from recoverycli.config import agent_name, load_config
    from recoverycli.errors import RecoverError

    try:
        config = load_config()
    except RecoverError:  # named once, as the config file's problem
        return {"agent": None, "agent_from": None, "team": None, "team_from": None}

    def source(key: str, value: str | None) -> str | None:
        if not value:
            return None
        return f"RECOVER_{key.upper()}" if os.environ.get(f"RECOVER_{key.upper()}") \
            else "config.toml"

    return {"agent": agent_name(), "agent_from": source("agent", config.agent) or M_(
        "login name"),
            "team": config.team, "team_from": source("team", config.team)}


def _language() -> str:
    """The interface's language and what chose it: ``es (Español)``."""
    from recoverycli.i18n import LANGUAGES, language

    code = language()
    return f"{code} ({LANGUAGES[code]})"


def _team_playbooks() -> dict[str, Any] | None:
    """The team's published playbooks as cached here (None with no team store)."""
    from recoverycli.playbooks.team import cache_file, read_cache, team_key

    key = team_key()
    if key is None:
        return None
    cached = read_cache(key)
    return {"cache": str(cache_file()), "count": len(cached.entries),
            "fetched": cached.fetched}


def checkup(extra_dirs: list[str]) -> dict[str, Any]:
    import os
    import platform

    from recoverycli import __version__
    from recoverycli.config import config_path
    from recoverycli.paths import cache_dir, data_dir
    from recoverycli.playbooks.catalog import sources

    config = config_path()
    return {
        "version": __version__,
        "python": platform.python_version(),
        "executable": sys.executable,
        "config_file": {"path": str(config), "exists": _exists(config),
                        "problem": _config_problem()},
        "data_dir": str(data_dir()),
        "cache_dir": str(cache_dir()),
        "empty_variables": [name for name in VARIABLES
                            if os.environ.get(name) == ""],
        "playbook_dirs": [{"origin": origin, "path": str(path),
                           "exists": _exists(path, folder=True)}
                          for origin, path in sources(extra_dirs)],
        "team_playbooks": _team_playbooks(),
        "who": _who(),
        "store": _store(),
        "language": _language(),
        "extras": {name: {"installed": all(find_spec(m) is not None for m in modules),
                          "for": purpose}
                   for name, (modules, purpose) in EXTRAS.items()},
    }


def render_checkup(report: dict[str, Any]) -> str:

    labels = {"config": _("config file:"), "data": _("data folder:"),
              "cache": _("cache folder:"), "agent": _("agent:"), "team": _("team:"),
              "store": _("store:"), "language": _("language:")}
    width = max(14, *(len(label) for label in labels.values())) + 1

    def label(key: str) -> str:
        return f"{labels[key]:{width}}"

    def missing(exists: bool | str) -> str:
        if isinstance(exists, str):
            return f"  ({exists})"
        return "" if exists else "  " + _("(not there yet)")

    config = report["config_file"]
    lines = [f"recover {report['version']}, Python {report['python']} "
             f"({report['executable']})",
             f"{label('config')}{config['path']}{missing(config['exists'])}"
             + (f"\n{'':{width}}{config['problem']}" if config.get("problem") else ""),
             f"{label('data')}{report['data_dir']}",
             f"{label('cache')}{report['cache_dir']}",
             _("playbook folders, read in this order (later ones shadow earlier):")]
    if report["empty_variables"]:
        lines.insert(4, _("set but empty, so treated as unset: {names}").format(
            names=", ".join(report["empty_variables"])))
    from recoverycli.playbooks.render import origin_label

    team = report.get("team_playbooks")
    names = [origin_label(f["origin"]) for f in report["playbook_dirs"]]
    room = max([8, *map(len, names), *([len(origin_label("team"))] if team else [])])
    folders = [f"{name:{room}} {folder['path']}{missing(folder['exists'])}"
               for name, folder in zip(names, report["playbook_dirs"], strict=True)]
    if team is not None:  # between the built-in ones and yours
        fetched = (_("fetched {when} UTC").format(when=team["fetched"][:16].replace("T", " "))
                   if team["fetched"] else _("not fetched yet: recover list fetches them"))
        published = _("{count} published, cached in {cache} ({fetched})").format(
            count=team["count"], cache=team["cache"], fetched=fetched)
        folders.insert(1, f"{origin_label('team'):{room}} {published}")
    for number, folder in enumerate(folders, start=1):
        lines.append(f"  {number}. {folder}")
    who = report["who"]
    if who["agent"] is not None:
        from recoverycli.text import one_line

        lines.append(one_line(label("agent") + _("{name} (from {source})").format(
            name=who["agent"], source=_(who["agent_from"]) if who["agent_from"] ==
            "login name" else who["agent_from"])))
        lines.append(one_line(label("team") + (
            _("{name} (from {source})").format(name=who["team"], source=who["team_from"])
            if who["team"] else _("none (set RECOVER_TEAM or team in config.toml)"))))
    if report.get("language"):
        lines.append(label("language") + report["language"])
    store = report["store"]
    state = _("answers") if store["answers"] else _("does NOT answer")
    # the store configured, and when it does not answer the one in use under it (it read
    # "sqlite postgresql://..." when the team store was down: a red team)
    fallback = store.get("url") and store.get("kind") not in (None, store["configured"])
    kind = store["configured"] if fallback else store.get("kind") or store["configured"]
    lines.append(f"{label('store')}{kind} "
                 f"{store.get('url') or store.get('where') or ''} ({state})")
    if store.get("problem"):
        lines.append(f"{'':{width}}{store['problem']}")
    if fallback:
        lines.append(f"{'':{width}}{store['kind']} {store.get('where') or ''}")
    for key in ("local_note", "local_problem"):
        if store.get(key):
            lines.append(f"{'':{width}}{store[key]}")
    for name, extra in report["extras"].items():
        have = _("installed") if extra["installed"] else _(
            "not installed (pip install '.[{name}]' in the recover folder)").format(name=name)
        lines.append(f"extra [{name}]:  {have}: {_(extra['for'])}")
    return "\n".join(lines) + "\n"
