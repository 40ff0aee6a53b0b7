"""After the call: the history of sessions, follow-ups, outcomes, exports and forgetting.

Functions here take an open store and return data or renderables; the CLI prints them.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from recoverycli.errors import UsageError

if TYPE_CHECKING:
    from recoverycli.playbooks.model import Playbook
    from recoverycli.playbooks.session import Session
    from recoverycli.storage.store import Store

RESULTS = ("returned", "lost", "pending")
STATUSES = ("open", "finished")


def playbook_for(session: Session, extra_dirs: list[str] | None = None) -> Playbook:
    """The playbook a session ran, from the outline it keeps (no YAML needed), or for
    sessions saved before outlines, from the file or the catalog."""
    if session.outline:
        from recoverycli.playbooks.model import from_outline  # only when a session is read

        return from_outline(session.playbook_id, session.outline)
    import os

    from recoverycli.playbooks.catalog import load_catalog
    from recoverycli.playbooks.model import load_playbook

    if session.playbook_path and os.path.exists(session.playbook_path):
        return load_playbook(session.playbook_path)
    return load_catalog(extra_dirs or []).get(session.playbook_id)


def set_follow_up(store: Store, session_id: str, when: str,
                  session: Session | None = None) -> Session:
    """Set or move the follow-up (``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM``): the date and
    the playbook's follow_up field together. ``session``: already loaded (``due``'s
    picker loads it before anything is typed, so a server that stops answering later
    costs nothing typed: the save carries on in the local store)."""
    session = session if session is not None else store.load(session_id)
    result = (session.outcome or {}).get("result")
    if result in ("returned", "lost"):  # closed: a date set here would never come due
        import shlex

        from recoverycli.errors import RecoverError
        from recoverycli.text import one_line

        short = store.short_ids([session_id])[session_id]
        raise RecoverError(one_line(
            f"session {short} is closed (outcome: {result}), so a follow-up on it would "
            f"never come due; to reopen it: recover outcome {short} --result pending "
            f"--next {shlex.quote(when)}"))
    session.set_follow_up(when)
    store.save(session)
    return session


def record_outcome(store: Store, session_id: str, result: str, rating: int | None,
                   note: str | None, next_follow_up: str | None = None,
                   by: str | None = None, session: Session | None = None) -> Session:
    """Record an outcome with who set it and when. ``pending`` (followed up, no result
    yet) needs the next follow-up; only ``returned`` and ``lost`` close the session."""
    if result not in RESULTS:
        raise UsageError(f"--result must be one of {', '.join(RESULTS)}, not '{result}'")
    if rating is not None and not 1 <= rating <= 5:
        raise UsageError(f"--rating must be 1 to 5, not {rating}")
    if result == "pending" and next_follow_up is None:
        raise UsageError("--result pending needs --next WHEN: when will you follow up "
                         "again? (e.g. --next 3d)")
    if result != "pending" and next_follow_up is not None:
        raise UsageError(f"--next is for --result pending; '{result}' closes the follow-up")
    session = session if session is not None else store.load(session_id)
    session.add_outcome(result, time.time(), by, rating, note, next_follow_up)
    store.save(session)
    return session


def due_rows(store: Store, today: date, agent: str | None = None,
             team: str | None = None, every: bool = False,
             details: bool = False) -> list[dict[str, Any]]:
    """Open follow-ups due today or overdue (``every``: all open ones), the most overdue
    first, each with its days late; ``details``: with the problem and the notes (from
    the stored state; none where it is damaged)."""
    from datetime import timedelta

    from recoverycli.storage.followups import open_follow_ups
    from recoverycli.when import follow_up_day

    before = None if every else (today + timedelta(days=1)).isoformat()
    rows = []
    late: dict[object, int] = {}  # thousands of rows fall on a few hundred dates
    for row in store.read(lambda db: list(open_follow_ups(db, before, agent, team,
                                                          details))):
        if details:
            row.update(_details(row.pop("state")))
        try:
            days = late.get(row["follow_up"])
            if days is None:
                days = late[row["follow_up"]] = (today - follow_up_day(row["follow_up"])).days
            row["days_late"] = days
        except (ValueError, TypeError):  # a teammate's row written by hand: skipped, named
            from recoverycli.text import name

            print(f"recover: skipped session {name(str(row['id']))[:8]}: it is damaged "
                  f"(its follow-up is not a date)", file=sys.stderr)
            continue
        rows.append(row)
    return rows


def _details(state: object) -> dict[str, Any]:
    """The problem and the notes of a stored session, for the calendar and the picker:
    empty where the row is damaged (it is still listed, by its columns)."""
    import json

    try:
        data = json.loads(str(state))
        problem = data["fields"].get("problem")
        notes = [str(n[0]) for step in data["notes"].values() for n in step]
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError):
        return {"problem": None, "notes": []}
    return {"problem": problem if isinstance(problem, str) else None, "notes": notes}


def history_table(rows: list[dict[str, Any]], filtered: bool = False) -> str:
    from recoverycli.i18n import _
    from recoverycli.table import columns, local_zone, short_day, short_time

    if not rows:
        if filtered:
            return _("No sessions match these filters; 'recover history' lists them all.") \
                + "\n"
        return _("No sessions yet. Start one with: recover run hyken") + "\n"
    keys = ("id", "playbook", "customer", "status", "mode", "started", "follow_up", "outcome",
            "agent")
    zone = local_zone()  # times are local: the header names the zone once
    statuses = {"open": _("open"), "finished": _("finished")}
    show: dict[str, Callable[[Any], str]] = {
        "started": lambda v: short_time(v, zone), "follow_up": short_day,
        "mode": lambda v: _("rehearsal") if v == "rehearse" else _("live"),
        "status": lambda v: statuses.get(v, v)}
    h = {"playbook": _("playbook"), "customer": _("customer"), "status": _("status"),
         "mode": _("mode"), "started": _("started {zone}").format(zone=zone),
         "follow-up": _("follow-up"), "outcome": _("outcome"), "agent": _("agent")}
    return columns(("id", h["playbook"], h["customer"], h["status"], h["mode"], h["started"],
                    h["follow-up"], h["outcome"], h["agent"]),
                   ([show[k](row[k]) if k in show else _playbook(row) if k == "playbook"
                     else row[k] for k in keys] for row in rows),
                   flexible=(h["customer"], h["playbook"], h["agent"]),
                   keep=("id", h["status"], h["mode"], h["started"], h["follow-up"]),
                   optional=(h["agent"], h["outcome"]))


def _playbook(row: dict[str, Any]) -> str:
    """The playbook, with the team's published version it followed: ``hyken v3``."""
    version = row.get("playbook_version")
    return f"{row['playbook']} v{version}" if version else str(row["playbook"])


def late_words(days: int) -> str:
    from recoverycli.i18n import _, ngettext

    if days < 0:
        return ngettext("in {count} day", "in {count} days", -days).format(count=-days)
    return _("today") if days == 0 else ngettext(
        "{count} day late", "{count} days late", days).format(count=days)


def due_table(rows: list[dict[str, Any]], numbered: bool = False,
              agents: bool = False) -> str:
    """``agents``: with whose each follow-up is (``due --all``, ``--team``), which it
    also is when the list holds more than one agent's."""
    from recoverycli.i18n import _
    from recoverycli.table import columns

    several = agents or len({r["agent"] for r in rows}) > 1
    customer, due, late, promise, agent = (_("customer"), _("due"), _("late"), _("promise"),
                                           _("agent"))
    head = (customer, due, late, promise, "id") + ((agent,) if several else ())
    from recoverycli.when import with_weekday

    days: dict[str, str] = {}  # each date and each lateness worded once: an agent's list
    lates: dict[int, str] = {}  # can be thousands of rows over a few hundred days
    body = []
    for r in rows:
        when = days.get(r["follow_up"])
        if when is None:
            when = days[r["follow_up"]] = with_weekday(r["follow_up"])
        behind = lates.get(r["days_late"])
        if behind is None:
            behind = lates[r["days_late"]] = late_words(r["days_late"])
        body.append([r["customer"] or "-", when, behind, r["offer"] or "-", r["id"]]
                    + ([r["agent"] or "-"] if several else []))
    flexible = (customer, promise) + ((agent,) if several else ())
    keep = ("#", due, late, "id")
    if numbered:
        return columns(("#", *head), ([str(n), *row] for n, row in enumerate(body, 1)),
                       flexible=flexible, keep=keep)
    return columns(head, body, flexible=flexible, keep=keep)
