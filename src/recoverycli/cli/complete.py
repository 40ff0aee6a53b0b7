"""Shell completion of the ids a person types: playbooks, scenarios and sessions.

Each callback runs on every Tab press, so it is quick and can never fail: a missing or
damaged store, a broken playbook folder or an unreachable team store completes nothing
rather than printing an error into the shell. Sessions come from the local store only,
opened read-only (a team store would mean a network connection on every Tab press).
Everything offered passes the text gate: ids and names are anyone's text.
"""

from __future__ import annotations

LIMIT = 50  # the newest sessions offered: enough to pick from, quick to list


def _safe(text: object) -> str:
    from recoverycli.text import name

    return name(str(text))


def playbook_ids(incomplete: str) -> list[str]:
    try:
        from recoverycli.playbooks.catalog import load_catalog

        ids = sorted(load_catalog(write_cache=False).entries)
    except Exception:  # completion completes nothing rather than failing
        return []
    return [_safe(i) for i in ids if i.lower().startswith(incomplete.lower())]


def scenario_ids(incomplete: str) -> list[str]:
    try:
        from recoverycli.playbooks.catalog import load_catalog
        from recoverycli.practice.scenarios import load_scenarios

        found, _ = load_scenarios(load_catalog(write_cache=False))
    except Exception:
        return []
    return sorted(_safe(s.id) for s in found if s.id.lower().startswith(incomplete.lower()))


def session_ids(incomplete: str) -> list[tuple[str, str]]:
    """The newest sessions' short ids (8 characters, as history shows them) starting
    with what was typed, each with its customer and playbook as the help."""
    import sqlite3

    try:
        from recoverycli.paths import data_dir

        path = data_dir() / "sessions.db"
        if not path.is_file():
            return []
        with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=0.2) as con:
            rows = con.execute(
                "SELECT id, customer, playbook FROM sessions WHERE id LIKE ? "
                "ORDER BY started DESC LIMIT ?",
                (incomplete.lower().replace("%", "").replace("_", "") + "%", LIMIT),
            ).fetchall()
        con.close()
    except Exception:
        return []
    return [(_safe(sid)[:8], _safe(f"{customer or '-'} ({playbook})"))
            for sid, customer, playbook in rows]
