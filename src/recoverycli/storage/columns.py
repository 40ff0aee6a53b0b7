"""What a session's row holds beside the session itself: times as stored, names as
compared, the steps it closed, the follow-ups it kept. Derived on every save and by the
migrations that backfill them (``schema``), so it imports nothing of the store."""

from __future__ import annotations

import json
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recoverycli.playbooks.session import Session


def iso(ts: float) -> str:
    """UTC, to the millisecond, so that sessions started in the same second still sort."""
    from datetime import UTC, datetime

    moment = datetime.fromtimestamp(ts, UTC).isoformat(timespec="milliseconds")
    return moment.replace("+00:00", "Z")


def iso_us(ts: float) -> str:
    """UTC to the microsecond: a row's revision stamp (``updated``)."""
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="microseconds").replace(
        "+00:00", "Z")


def name_key(text: str | None) -> str | None:
    """A name as it is compared: compatibility-normalised and case-folded in every script
    ("ÖZGÜR ÇELIK" = "özgür çelik", "İsmail" = "ismail"), and the accents of Latin
    letters folded away as Spanish speakers search ("Núñez" = "nunez", "José" = "jose",
    issue 23), so matching never depends on the database's idea of case or accents
    (SQLite's lower() folds ASCII only). Marks that make another letter in other scripts
    (Cyrillic й, Devanagari vowel signs) are kept."""
    if text is None:
        return None
    folded = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    kept: list[str] = []
    base = ""
    for char in folded:
        if "\u0300" <= char <= "\u036f" and "a" <= base <= "z":
            continue  # an accent on a Latin letter: á, ñ, ü, ç, the dot of İ
        if not unicodedata.combining(char):
            base = char
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def step_rows(session: Session) -> list[tuple[Any, ...]]:
    """One row per step the session closed (its last answer), for the team report."""
    titles = dict((str(sid), str(title)) for sid, title in
                  ((session.outline or {}).get("steps") or []))
    last: dict[str, tuple[str, str | None]] = {}
    for visit in session.path:
        if visit.status is not None:
            last[visit.step_id] = (visit.status, visit.taken)
    started = iso(session.started)
    return [(session.id, session.playbook_id, sid, titles.get(sid, sid), status,
             round(session.seconds.get(sid, 0.0), 3), taken, started, session.agent,
             session.team, session.mode) for sid, (status, taken) in last.items()]


# The largest closed-steps value kept in the row: it is part of the report's index, and a
# PostgreSQL index entry holds at most ~2.7 KB (a session of a 200-step playbook could not
# be saved). A longer one is NULL and the report counts that session from its step rows.
CLOSED_MAX = 1000


def closed_steps(session: Session) -> str | None:
    """The steps a session closed, as compact canonical JSON ``{"1": "done", "3": ["done",
    "Hand-off"]}`` (a branch taken makes a pair): written with the row, so the report
    counts steps and branches per distinct value over the sessions index instead of
    reading every step row."""
    closed = {sid: [status, taken] if taken else status
              for _, _, sid, _, status, _, taken, *_ in step_rows(session)}
    value = json.dumps(dict(sorted(closed.items())), ensure_ascii=False, separators=(",", ":"))
    return value if len(value.encode("utf-8")) <= CLOSED_MAX else None


def follow_ups_kept(session: Session) -> tuple[int, int]:
    """(on time, late): the session's outcomes that answered a follow-up, each kept on
    time when it was recorded on or before the day it was due (the recorder's local day).
    A 'pending' outcome is a follow-up kept; its next date is a new promise."""
    from datetime import datetime

    on_time = late = 0
    for entry in session.outcomes:
        due = entry.get("due")
        at = entry.get("at")
        if not due or at is None:
            continue
        if datetime.fromtimestamp(float(at)).date().isoformat() <= str(due)[:10]:
            on_time += 1
        else:
            late += 1
    return on_time, late
