"""The store: one object over a backend, with a fallback to the local store when the
team's server goes away mid-run. The SQL is in the query modules beside this one."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from recoverycli.errors import StoreError
from recoverycli.i18n import N_, _

from . import attempts as attempt_queries
from . import forget as forget_queries
from . import sessions as session_queries
from .backends import Backend, SqliteBackend, reason
from .columns import iso
from .schema import migrate

if TYPE_CHECKING:
    from recoverycli.playbooks.session import Session


T = TypeVar("T")


def pending_marker(folder: Path) -> Path:
    """A file beside the local store while it holds rows for 'recover sync', so that
    commands against the team's server open the local store only when there is some."""
    return folder / "pending-sync"


LOCALLY = "server not answering: saved locally; 'recover sync' sends it later"


class Store:
    """Sessions and practice attempts, over a :class:`Backend`."""

    notice = ""  # said once on a screen that a redraw would wipe (the run's status line)
    quiet = False  # the notice alone says the server went away (a live call's status line)

    def __init__(self, backend: Backend | Path | None,
                 fallback: Callable[[], Store] | None = None) -> None:
        if backend is None or isinstance(backend, Path):
            import sqlite3

            try:
                backend = SqliteBackend(backend)
            except sqlite3.DatabaseError as exc:
                raise StoreError(_("cannot open the session store {where}: {reason}").format(
                    where=f"{backend}/sessions.db", reason=reason(exc))) from None
            except OSError as exc:
                raise StoreError(_("cannot open the session store {where}: {reason}").format(
                    where=backend, reason=exc.strerror)) from None
        self.backend: Backend = backend
        self.fallback = fallback
        self.pending = False  # saves are kept for 'recover sync' (the server was away)
        try:
            migrate(backend, backend.where)
        except backend.errors as exc:
            raise self._fail("open", exc) from None

    @property
    def where(self) -> str:
        return self.backend.where

    @property
    def path(self) -> Path | None:
        return self.backend.path

    @property
    def db(self) -> Any:
        """The SQLite connection, for tests that look underneath."""
        return getattr(self.backend, "db", None)

    @property
    def kind(self) -> str:
        return self.backend.dialect.name

    def transaction(self) -> AbstractContextManager[None]:
        return self.backend.transaction()

    def close(self) -> None:
        self.backend.close()

    def _fail(self, doing: str, exc: BaseException) -> StoreError:
        said = {"open": N_("cannot open the session store {where}: {reason}"),
                "read": N_("cannot read the session store {where}: {reason}"),
                "save to": N_("cannot save to the session store {where}: {reason}"),
                "send to": N_("cannot send to the session store {where}: {reason}"),
                "forget in": N_("cannot forget in the session store {where}: {reason}")}
        if doing in said:
            return StoreError(str(said[doing]).format(where=self.where, reason=reason(exc)))
        return StoreError(f"cannot {doing} the session store {self.where}: {reason(exc)}")

    def read(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a query function over the backend, driver errors made store errors."""
        try:
            return query(self.backend, *args, **kwargs)
        except self.backend.errors as exc:
            raise self._fail("read", exc) from None

    def _write(self, action: Callable[[], T]) -> T:
        """Run a write; if the team's server goes away, carry on in the local store. Ctrl-C
        while a team write waits on a server that stopped answering (it returns within the
        statement's bound) keeps the write in the local store too, then stops."""
        try:
            result = action()
        except KeyboardInterrupt:
            if self.fallback is not None:
                self._go_local()
                try:
                    action()
                    self._mark_pending()
                except Exception as exc:  # said, not swallowed: Ctrl-C still stops
                    self._warn(_("recover: this was not kept in the local store either "
                                 "({reason})").format(reason=reason(exc)))
            raise
        except self.backend.lost as exc:
            if self.fallback is None:
                raise self._fail("save to", exc) from None
            if not self.quiet:
                self._warn(_("recover: {where} cannot be reached ({reason}); carrying on in "
                             "the local store - 'recover sync' sends it later").format(
                                 where=self.where, reason=reason(exc)))
            self._go_local()
            result = action()
        except self.backend.errors as exc:
            raise self._fail("save to", exc) from None
        self._mark_pending()
        return result

    def _mark_pending(self) -> None:
        """Leave the mark 'recover sync' looks for, if saves are being kept for the team."""
        if self.pending and self.path is not None:
            pending_marker(self.path.parent).touch(mode=0o600)

    @staticmethod
    def _warn(text: str) -> None:
        """A line on stderr, on its own line, in the driver's words (never the customer's)."""
        from recoverycli.text import visible

        sys.stderr.write("\n" + visible(text) + "\n")

    def _go_local(self) -> None:
        """From now on, the local store (marked for 'recover sync') in the team's place."""
        assert self.fallback is not None
        local = self.fallback()
        self.notice = LOCALLY
        old = self.backend
        self.backend, self.pending, self.fallback = local.backend, True, None
        with suppress(Exception):  # it is gone either way
            old.close()

    # sessions -------------------------------------------------------------------------

    def new_id(self) -> str:
        from .ids import new_id

        return new_id()

    def resolve(self, given: str) -> str:
        """The full id of the one session ``given`` is or starts."""
        from .ids import resolve

        return self.read(resolve, given)

    def near_ids(self, given: str) -> list[str]:
        """Session ids one typo away from ``given``, for a did-you-mean."""
        from .ids import near

        return self.read(near, given)

    def short_ids(self, ids: list[str]) -> dict[str, str]:
        from .ids import shorten

        return self.read(shorten, ids)

    def save(self, session: Session) -> None:
        """Commit the whole session state; durable when this returns."""
        self._write(lambda: session_queries.save(self.backend, session, self.pending))

    def load(self, session_id: str) -> Session:
        """The session with this id, or the one whose id starts with it."""
        return self.read(session_queries.load, self.resolve(session_id))

    def latest_open(self) -> Session:
        return self.read(session_queries.latest_open)

    def history(self, playbook: str | None = None, customer: str | None = None,
                since: str | None = None, status: str | None = None,
                limit: int | None = 50, agent: str | None = None,
                team: str | None = None) -> Iterator[dict[str, Any]]:
        return iter(self.read(lambda db: list(session_queries.history(
            db, playbook, customer, since, status, limit, agent, team))))

    def sessions(self, limit: int | None = None) -> Iterator[dict[str, Any]]:
        return self.history(limit=limit)

    def due(self, today: str, agent: str | None = None,
            team: str | None = None) -> Iterator[dict[str, Any]]:
        return iter(self.read(lambda db: list(session_queries.due(db, today, agent, team))))

    # forgetting -----------------------------------------------------------------------

    def select_ids(self, session_id: str | None = None, customer: str | None = None,
                   before: str | None = None, everything: bool = False,
                   agent: str | None = None, team: str | None = None) -> list[str]:
        return self.read(forget_queries.select_ids, session_id, customer, before,
                         everything, agent, team)

    def forget(self, ids: list[str]) -> int:
        """Delete sessions and attempts so nothing of them is left in the store's files."""
        try:
            return forget_queries.delete(self.backend, ids)
        except self.backend.errors as exc:
            raise self._fail("forget in", exc) from None

    def name_keys(self, ids: list[str]) -> dict[str, str | None]:
        """The customer-name key of each session of ``ids`` this store holds."""
        return self.read(forget_queries.name_keys, ids) if ids else {}

    def retention_ids(self, days: int) -> list[str]:
        """Sessions and attempts started more than ``days`` ago (never rows still waiting
        for sync: they are the team's to keep or forget)."""
        cutoff = iso(time.time() - days * 86400)
        return self.read(forget_queries.select_ids, before=cutoff, synced_only=True)

    def apply_retention(self, days: int) -> int:
        return self.forget(self.retention_ids(days))

    # practice attempts ----------------------------------------------------------------

    def save_attempt(self, kind: str, playbook: str | None, scenario: str | None,
                     score: float, steps: list[tuple[str, str, float]],
                     detail: dict[str, Any]) -> str:
        """Record a practice or quiz attempt; ``steps`` is (step id, title, score). The
        attempt carries who practised and their team (the configured agent and team), so
        a team store can say whose it is."""
        import json

        from recoverycli.config import agent_name, load_config

        from .ids import new_id

        attempt = new_id()
        row = (attempt, kind, playbook, scenario, score, iso(time.time()),
               json.dumps(detail, ensure_ascii=False), agent_name(), load_config().team)
        rows = [(attempt, playbook or "", sid, title, value) for sid, title, value in steps]
        self._write(lambda: attempt_queries.insert(self.backend, row, rows, self.pending))
        return attempt

    def attempts(self, agent: str | None = None) -> list[dict[str, Any]]:
        """Every attempt, or (``agent``) that agent's."""
        return self.read(attempt_queries.listed, agent)

    def weakest_steps(self, limit: int = 3, agent: str | None = None) -> list[dict[str, Any]]:
        return self.read(attempt_queries.weakest_steps, limit, agent)

