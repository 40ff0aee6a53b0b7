"""``recover live``: the team's calls in progress, on one screen that keeps itself up to
date.

The calls come from :mod:`recoverycli.storage.live`. On a team store the screen is read
again when the server says a call changed (LISTEN/NOTIFY), and every
:data:`CHECK_EVERY` seconds to see agents whose run died (the server drops their lock
without a write); with ``--poll`` (a connection pooler that does not pass notifications
on) or when LISTEN is refused, every ``--poll`` seconds. The local store is read every
:data:`LOCAL_EVERY` seconds and holds only this machine's calls: the screen says so.

The screen is drawn in place (the terminal's alternate screen, each line at its row, no
scrolling), fitted to the terminal and redrawn when it is resized; ``q`` quits (0),
Ctrl-C too (130). A server that stops answering is said on the screen, with the calls as
last read, and tried again every :data:`RETRY` seconds. Customer names are never shown.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, Annotated, Any

import typer

from recoverycli.i18n import M_, _, ngettext

from .app import PlaybooksOption, TeamFilter, _dirs, app

if TYPE_CHECKING:
    from recoverycli.storage.live import Call, Listener
    from recoverycli.storage.store import Store

CHECK_EVERY = 10.0  # seconds between readings while notifications arrive
LOCAL_EVERY = 2.0  # the local store's interval (it has no notifications)
RETRY = 2.0  # seconds between attempts to reach a server that went away
GAP = 0.25  # seconds between readings at least: a busy team's notifications are read at
# most four times a second (the first after a quiet spell at once)


@app.command(short_help=M_("Watch the team's calls in progress (q quits)."), help=M_(
    "The calls in progress: agent, playbook, step, time on the call; calls past the "
    "playbook's reminder time and offline agents marked. Customer names are not shown."))
def live(
    team: TeamFilter = None,
    poll: Annotated[int | None, typer.Option(
        "--poll", metavar="SECONDS", min=1, max=3600,
        help=M_("Read the team store every SECONDS instead of being told of changes (for "
        "a connection pooler that does not pass notifications on)."))] = None,
    offline_after: Annotated[int, typer.Option(
        "--offline-after", metavar="MINUTES", min=1, max=1440,
        help=M_("Show an agent offline when their call has not been saved for MINUTES."))
    ] = 10,
    playbooks: PlaybooksOption = None,
) -> None:
    from recoverycli.config import load_config

    config = load_config()
    view = LiveView(config.database_url, team or config.team, poll, offline_after * 60.0,
                    _reminders(_dirs(playbooks), config.call_reminder_minutes))
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        print(view.once(), end="")
        return
    raise typer.Exit(view.watch())


def _reminders(dirs: list[str], default: int | None) -> Any:
    """A function from a playbook id to its reminder time in seconds (or None): the
    playbook's ``call_reminder_minutes``, else config.toml's."""
    cache: dict[str, int | None] = {}
    catalog: list[Any] = []

    def reminder(playbook: str) -> int | None:
        if playbook not in cache:
            from recoverycli.errors import RecoverError

            minutes = None
            try:
                if not catalog:
                    from recoverycli.playbooks.catalog import load_catalog

                    catalog.append(load_catalog(dirs))
                entry = catalog[0].entries.get(playbook)
                minutes = entry.playbook.call_reminder_minutes if entry else None
            except RecoverError:
                pass
            minutes = minutes or default
            cache[playbook] = minutes * 60 if minutes else None
        return cache[playbook]

    return reminder


def clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else \
        f"{rest // 60}:{rest % 60:02d}"


class LiveView:
    """The reading of the store, the state of the connection, and the screen."""

    def __init__(self, url: str | None, team: str | None, poll: float | None,
                 quiet_after: float, reminder: Any) -> None:
        self.url = url
        self.team = team
        self.poll = poll
        self.quiet_after = quiet_after
        self.reminder = reminder
        self.store: Store | None = None
        self.listener: Listener | None = None
        self.calls: list[Call] = []
        self.read_at: float | None = None  # wall clock of the last good reading
        self.trouble = ""  # what is wrong with the server, said on the screen
        self.down_since: float | None = None
        self.how = ""  # how the screen keeps up to date

    # the store ---------------------------------------------------------------------------

    def connect(self) -> None:
        """Open the store (and LISTEN on a team store); on failure, say why."""
        from recoverycli.errors import StoreError

        if self.url is None:
            from recoverycli.paths import data_dir
            from recoverycli.storage.store import Store

            self.store = Store(data_dir())
            self.how = _("local store only: this machine's calls (no team store set), "
                         "read every {seconds} s").format(seconds=f"{LOCAL_EVERY:g}")
            return
        from recoverycli.storage.open import open_postgres
        from recoverycli.storage.postgres import LIVE_BOUND, MissingExtra

        try:
            self.store = open_postgres(self.url, LIVE_BOUND)
        except MissingExtra:
            raise
        except StoreError as exc:
            self._lost(exc.message.rpartition(": ")[2] or exc.message)
            return
        if self.poll is not None:
            self.how = _("team store, read every {seconds} s (--poll)").format(
                seconds=f"{self.poll:g}")
            return
        from recoverycli.storage.live import Listener

        try:
            self.listener = Listener(self.store)
            self.how = _("team store: updates as calls change")
        except StoreError:
            self.listener = None
            self.how = _("team store: notifications unavailable, read every {seconds} s"
                         ).format(seconds=f"{LOCAL_EVERY:g}")

    def _lost(self, why: str) -> None:
        from contextlib import suppress

        if self.down_since is None:
            self.down_since = time.time()
        since = time.strftime("%H:%M:%S", time.localtime(self.down_since))
        self.trouble = _("team store not answering since {since}; trying again ({why})"
                         ).format(since=since, why=why)
        if self.store is not None:
            with suppress(Exception):  # it is gone either way
                self.store.close()
        self.store, self.listener = None, None

    def interval(self) -> float:
        if self.url is None:
            return LOCAL_EVERY
        if self.poll is not None:
            return self.poll
        return CHECK_EVERY if self.listener is not None else LOCAL_EVERY

    def read(self) -> None:
        from recoverycli.errors import StoreError
        from recoverycli.storage.live import calls

        if self.store is None:
            self.connect()
        if self.store is None:
            return
        try:
            self.calls = calls(self.store, self.team, self.quiet_after)
        except StoreError as exc:
            self._lost(exc.message.rpartition(": ")[2] or exc.message)
            return
        self.read_at = time.time()
        self.trouble, self.down_since = "", None

    def heard(self) -> bool:
        """Whether the server said a call changed; a lost connection is said."""
        if self.listener is None:
            return False
        try:
            return self.listener.changed()
        except Exception as exc:  # the driver's error: the server went away
            from recoverycli.storage.backends import reason

            self._lost(reason(exc))
            return True  # read again: reconnect now, or say so

    # the screen --------------------------------------------------------------------------

    def lines(self, width: int, height: int | None, now: float | None = None,
              keys: bool = True) -> list[str]:
        """The screen's lines, each at most ``width - 1`` cells; ``height`` lines at most
        (None: every call)."""
        from recoverycli.i18n import number
        from recoverycli.table import columns, cut
        from recoverycli.text import one_line

        now = time.time() if now is None else now
        scope = _("team {team}").format(team=self.team) if self.team else _("every team")
        count = len(self.calls)
        head = [ngettext("Calls in progress ({scope}): {count} call",
                         "Calls in progress ({scope}): {count} calls", count).format(
                    scope=scope, count=number(count))
                + (_(", read {time}").format(
                    time=time.strftime("%H:%M:%S", time.localtime(self.read_at)))
                   if self.read_at else ""),
                self.trouble or self.how]
        foot = (_("q quit - ") if keys else "") + _("customer names are not shown here")
        rows = [self._row(call, now) for call in self.calls]
        # under the head: a blank line, the table's header, (the rows), a blank line, the foot
        room = None if height is None else max(0, height - len(head) - 4)
        more = 0
        if room is not None and len(rows) > room:
            more = len(rows) - max(0, room - 1)
            rows = rows[:max(0, room - 1)]
        agent_h, playbook_h, step_h, on_call_h = _("AGENT"), _("PLAYBOOK"), _("STEP"), \
            _("ON CALL")
        table = columns((agent_h, playbook_h, step_h, on_call_h, _("STATE")), rows,
                        width=width - 1, flexible=(playbook_h, step_h, agent_h),
                        keep=(on_call_h,)) if self.calls else _("No call in progress.") + "\n"
        body = table.rstrip("\n").split("\n")
        if more:
            body.append(_("+{count} more").format(count=number(more)))
        out = [*head, "", *body, "", foot]
        if height is not None:
            out = out[:height]
        return [cut(one_line(line), width - 1) for line in out]

    def _row(self, call: Call, now: float) -> tuple[str, ...]:
        on_call = now - call.started
        if call.offline:
            state = call.offline
        else:
            limit = self.reminder(call.playbook)
            state = _("OVER {minutes} min").format(minutes=limit // 60) \
                if limit and on_call > limit else _("on call")
        step = f"{call.step}/{call.steps} {call.step_title}" if call.step else \
            _("{steps}/{steps} ending the call").format(steps=call.steps)
        return (call.agent, call.title, step, clock(on_call), state)

    def once(self) -> str:
        """One reading, as text (standard output is not a terminal)."""
        from recoverycli.table import terminal_width

        self.read()
        if self.trouble and self.read_at is None:
            from recoverycli.errors import StoreError

            raise StoreError(self.trouble)
        self.close()
        return "\n".join(self.lines(terminal_width() or 100, None, keys=False)) + "\n"

    def close(self) -> None:
        from contextlib import suppress

        if self.store is not None:
            with suppress(Exception):
                self.store.close()
        self.store, self.listener = None, None

    def watch(self) -> int:
        """Keep the screen up to date until q (0); Ctrl-C raises KeyboardInterrupt."""
        import select
        import signal
        import termios
        import tty

        keys = sys.stdin.fileno()
        saved = termios.tcgetattr(keys)
        wake_r, wake_w = os.pipe()
        os.set_blocking(wake_w, False)

        def resized(*_: object) -> None:
            from contextlib import suppress

            with suppress(OSError):
                os.write(wake_w, b"r")

        before = signal.signal(signal.SIGWINCH, resized)
        out = sys.stdout
        try:
            tty.setcbreak(keys)
            out.write("\x1b[?1049h\x1b[?25l\x1b[2J")
            self.read()
            last = time.monotonic()
            due = last + self.interval()
            pending: float | None = None  # a reading asked for by a notification
            while True:
                self.draw(out)
                now = time.monotonic()
                waits = [due - now, 1.0 - (time.time() % 1.0)]  # the clocks tick
                if pending is not None:
                    waits.append(pending - now)
                watched: list[Any] = [keys, wake_r]
                if self.listener is not None:
                    watched.append(self.listener)
                ready, _write, _error = select.select(watched, [], [], max(0.0, min(waits)))
                if keys in ready:
                    typed = os.read(keys, 64)
                    if not typed or b"q" in typed or b"Q" in typed:
                        return 0  # q, or the terminal is gone (end of input)
                if wake_r in ready:
                    os.read(wake_r, 64)
                    out.write("\x1b[2J")
                if self.listener is not None and self.listener in ready and self.heard() \
                        and pending is None:
                    pending = max(time.monotonic(), last + GAP)
                now = time.monotonic()
                if (pending is not None and now >= pending) or now >= due:
                    pending = None
                    self.read()
                    last = time.monotonic()
                    due = last + (self.interval() if self.store is not None
                                              else RETRY)
        finally:
            signal.signal(signal.SIGWINCH, before)
            termios.tcsetattr(keys, termios.TCSADRAIN, saved)
            out.write("\x1b[?25h\x1b[?1049l")
            out.flush()
            os.close(wake_r)
            os.close(wake_w)
            self.close()

    def draw(self, out: Any) -> None:
        size = os.get_terminal_size(out.fileno())
        lines = self.lines(size.columns, size.lines)
        parts = [f"\x1b[{row};1H{line}\x1b[K" for row, line in enumerate(lines, 1)]
        parts.append(f"\x1b[{len(lines) + 1};1H\x1b[J" if len(lines) < size.lines else "")
        out.write("".join(parts))
        out.flush()
