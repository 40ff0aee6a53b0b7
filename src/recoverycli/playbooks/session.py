"""A run of a playbook: where the person is, what they did at each step, their notes and
the case fields. Pure logic with no terminal and no storage, so order, jumps, choices,
back and resume are tested directly.

The path is the list of steps visited, the last one open while the run goes on. Notes and
time are kept per step, not per visit, so going back never loses a note.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from recoverycli.errors import UsageError

from .model import Playbook, Step

DONE = "done"
SKIP = "skip"
OPEN = "open"
FINISHED = "finished"
CLOSING = ("returned", "lost")  # the outcomes that close a recovery; "pending" does not
FOLLOW_UP_FIELD = "follow_up"


@dataclass
class Visit:
    step_id: str
    status: str | None = None  # done, skip, or None while the step is open
    taken: str | None = None  # the jump's label or the choice picked, if any


@dataclass
class Note:
    text: str
    at: float
    draft: bool = False  # a line the agent checked with the coach (c, then k), kept
    chosen: bool = False  # a draft the agent chose to put in the ticket's summary

    def stored(self) -> list[Any]:
        """As saved: ``[text, at]``, and a draft's mark after them (a plain note is stored
        exactly as before drafts were marked)."""
        if not self.draft:
            return [self.text, self.at]
        return [self.text, self.at, {"coach_draft": True, "in_summary": self.chosen}]

    @classmethod
    def load(cls, value: Any) -> Note:
        text, at, *rest = value
        mark = rest[0] if rest and isinstance(rest[0], dict) else {}
        return cls(text, at, bool(mark.get("coach_draft")), bool(mark.get("in_summary")))


@dataclass
class Session:
    """Everything a run has recorded; what the store saves and resume loads."""

    id: str
    playbook_id: str
    playbook_path: str | None
    playbook_title: str
    mode: str = "live"  # live or rehearse
    status: str = OPEN
    started: float = field(default_factory=time.time)
    ended: float | None = None
    fields: dict[str, str] = field(default_factory=dict)
    path: list[Visit] = field(default_factory=list)
    notes: dict[str, list[Note]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    agent: str | None = None
    team: str | None = None
    follow_up: str | None = None  # the open follow-up: "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" local
    outcome: dict[str, Any] | None = None  # the latest: result, rating, note, at, by, due
    outcomes: list[dict[str, Any]] = field(default_factory=list)  # every one, oldest first
    outline: dict[str, Any] | None = None  # the playbook's titles, for history and exports
    wrap_up: str | None = None  # the reason the call was closed with (a playbook's code)
    playbook_version: int | None = None  # the team's published version it followed
    playbook_hash: str | None = None  # that version's content hash (sha256, hex)
    summary_lang: str | None = None  # run --summary-lang: the summary in this language

    def __post_init__(self) -> None:
        if self.outcome and not self.outcomes:
            self.outcomes = [self.outcome]

    @property
    def customer(self) -> str | None:
        return self.fields.get("customer") or None

    @property
    def promise(self) -> str | None:
        """What was promised for the follow-up: the playbook's offer, when it has one."""
        return self.fields.get("promise") or self.fields.get("offer") or None

    @property
    def closed(self) -> bool:
        """Only a result closes a recovery: 'pending' keeps its follow-up open."""
        return self.outcome is not None and self.outcome.get("result") in CLOSING

    def set_follow_up(self, value: str) -> None:
        """The one follow-up: the date the session is due and the playbook's
        ``follow_up`` field (what its say-lines read) always tell the same thing."""
        from recoverycli.i18n import speaking
        from recoverycli.when import follow_up_words

        self.follow_up = value
        with speaking(self.summary_lang):  # the words the summary's say-lines read
            self.fields[FOLLOW_UP_FIELD] = follow_up_words(value)

    def add_outcome(self, result: str, at: float, by: str | None, rating: int | None = None,
                    note: str | None = None, next_follow_up: str | None = None) -> None:
        """Record an outcome: who set it and when, against the follow-up it answers;
        'pending' moves the follow-up to its next date."""
        entry = {"result": result, "rating": rating, "note": note, "at": at, "by": by,
                 "due": self.follow_up}
        if next_follow_up is not None:
            entry["next"] = next_follow_up
        self.outcomes.append(entry)
        self.outcome = entry
        if next_follow_up is not None:
            self.set_follow_up(next_follow_up)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1, "id": self.id, "playbook_id": self.playbook_id,
            "playbook_path": self.playbook_path, "playbook_title": self.playbook_title,
            "mode": self.mode, "status": self.status, "started": self.started,
            "ended": self.ended, "fields": self.fields, "agent": self.agent, "team": self.team,
            "path": [[v.step_id, v.status, v.taken] for v in self.path],
            "notes": {k: [n.stored() for n in v] for k, v in self.notes.items()},
            "seconds": self.seconds, "follow_up": self.follow_up, "outcome": self.outcome,
            "outcomes": self.outcomes, "outline": self.outline, "wrap_up": self.wrap_up,
            "playbook_version": self.playbook_version, "playbook_hash": self.playbook_hash,
            **({"summary_lang": self.summary_lang} if self.summary_lang else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Session:
        session = cls._from_dict(data)
        if session.outcomes:
            session.outcome = session.outcomes[-1]
        return session

    @classmethod
    def _from_dict(cls, data: dict[str, Any]) -> Session:
        return cls(
            id=data["id"], playbook_id=data["playbook_id"], playbook_path=data["playbook_path"],
            playbook_title=data["playbook_title"], mode=data["mode"], status=data["status"],
            started=data["started"], ended=data["ended"], fields=dict(data["fields"]),
            agent=data.get("agent"), team=data.get("team"), wrap_up=data.get("wrap_up"),
            path=[Visit(*v) for v in data["path"]],
            notes={k: [Note.load(n) for n in v] for k, v in data["notes"].items()},
            seconds={k: float(v) for k, v in data["seconds"].items()},
            follow_up=data.get("follow_up"), outcome=data.get("outcome"),
            outcomes=list(data.get("outcomes") or (  # saved before the history: the one
                [{"due": data.get("follow_up"), **data["outcome"]}] if data.get("outcome")
                else [])),
            outline=data.get("outline"),
            playbook_version=_version(data.get("playbook_version")),
            playbook_hash=_digest(data.get("playbook_hash")),
            summary_lang=_lang(data.get("summary_lang")),
        )


def _lang(value: Any) -> str | None:
    """A stored summary language: a short code, or nothing (a damaged value is dropped)."""
    return value if isinstance(value, str) and value.isalpha() and len(value) <= 3 else None


def _version(value: Any) -> int | None:
    """A stored version number, or None for anything else (a row written by hand)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _digest(value: Any) -> str | None:
    return value if isinstance(value, str) and value.isascii() and value.isalnum() else None


class Walk:
    """Moves a :class:`Session` through a :class:`Playbook` by the playbook's rules."""

    def __init__(self, playbook: Playbook, session: Session, clock: Any = time.monotonic) -> None:
        self.playbook = playbook
        self.session = session
        self.clock = clock
        known = {s.id for s in playbook.steps}
        for visit in session.path:
            if visit.step_id not in known:
                raise UsageError(f"session {session.id} was made with another version of "
                                 f"playbook '{playbook.id}' (it has no step '{visit.step_id}')")
        if not session.path and session.status == OPEN:
            session.path.append(Visit(playbook.steps[0].id))
        self._entered = clock()

    @property
    def finished(self) -> bool:
        return self.session.status == FINISHED

    @property
    def current(self) -> Step | None:
        if self.finished or not self.session.path:
            return None
        return self.playbook.step(self.session.path[-1].step_id)

    def _current(self) -> Step:
        step = self.current
        if step is None:
            raise UsageError("the run has finished")
        return step

    @property
    def number(self) -> int:
        return self.playbook.number(self._current().id)

    @property
    def total(self) -> int:
        return len(self.playbook.steps)

    def elapsed(self) -> float:
        """Time on the call so far: time spent on steps, plus the open step's."""
        spent = sum(self.session.seconds.values())
        return spent if self.finished else spent + (self.clock() - self._entered)

    def _leave(self, step: Step | None = None) -> Step:
        """Account the open step's time (``step``, when the caller has it at hand)."""
        if step is None:
            step = self._current()
        now = self.clock()
        self.session.seconds[step.id] = self.session.seconds.get(step.id, 0.0) + now - self._entered
        self._entered = now
        return step

    def complete(self, status: str = DONE, choice: int | None = None, jump: bool = False) -> None:
        """Close the open step as done or skipped and move to the step the playbook says."""
        step = self._current()
        visit = self.session.path[-1]
        if status not in (DONE, SKIP):
            raise ValueError(status)
        if jump:
            if step.jump is None:
                raise UsageError(f"step {self.number} has no jump")
            target: str | None = None if step.jump.to == "end" else step.jump.to
            visit.taken = step.jump.label
        elif choice is not None and status == DONE:
            if step.ask is None or not 0 <= choice < len(step.ask.choices):
                raise UsageError(f"step {self.number} has no choice {choice + 1}")
            picked = step.ask.choices[choice]
            target = self.playbook.after_choice(step.id, picked)
            visit.taken = picked.label
        else:
            target = self.playbook.after(step.id)
            visit.taken = None
        self._leave(step)
        visit.status = status
        if target is None:
            self.session.status = FINISHED
            self.session.ended = time.time()
        else:
            self.session.path.append(Visit(target))

    def back(self) -> bool:
        """Reopen the previous step (its answer can then be changed). False at step 1."""
        if self.finished or len(self.session.path) < 2:
            return False
        self._leave()
        self.session.path.pop()
        previous = self.session.path[-1]
        previous.status = None
        previous.taken = None
        return True

    def restore(self, path: list[Visit]) -> None:
        """Put the walk back where it was (``path`` as it was then): undo of a skip, jump,
        back or answer. The time spent since stays counted."""
        if not self.finished:
            self._leave()
        self.session.path = [Visit(v.step_id, v.status, v.taken) for v in path]
        self.session.status = OPEN
        self.session.ended = None

    def add_note(self, text: str, draft: bool = False) -> None:
        """A note on the open step; ``draft``: a coach line kept (marked, and left out of
        the ticket's summary until chosen)."""
        step = self._current()
        from recoverycli.text import clean

        self.session.notes.setdefault(step.id, []).append(Note(clean(text), time.time(),
                                                               draft))

    def edit_note(self, index: int, text: str) -> None:
        """Change the open step's note ``index`` (0-based), keeping when it was taken."""
        from recoverycli.text import clean

        self.session.notes[self._current().id][index].text = clean(text)

    def delete_note(self, index: int) -> None:
        step_id = self._current().id
        notes = self.session.notes[step_id]
        del notes[index]
        if not notes:
            del self.session.notes[step_id]

    def set_field(self, field_id: str, value: str) -> None:
        if self.playbook.field(field_id) is None:
            known = ", ".join(f.id for f in self.playbook.fields) or "none"
            raise UsageError(f"playbook '{self.playbook.id}' has no field '{field_id}' "
                             f"(fields: {known})")
        from recoverycli.text import clean

        value = clean(value)
        if field_id == FOLLOW_UP_FIELD:
            from recoverycli.when import local_today, parse_follow_up

            try:
                when = parse_follow_up(value, local_today())
            except UsageError:
                when = None  # free text: kept as said; the date is asked at the end
            if when is not None:
                self.session.set_follow_up(when)
                return
        self.session.fields[field_id] = value

    def pause(self) -> None:
        """Account the open step's time before the run is left (quit, Ctrl-C)."""
        if not self.finished:
            self._leave()
