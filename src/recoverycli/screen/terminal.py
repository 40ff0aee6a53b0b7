"""Holding the terminal still while the run starts.

The first step is drawn before prompt_toolkit has loaded. Keys typed in that moment must
neither be echoed over the screen nor held back until Enter, so the terminal is put in
no-echo, character-at-a-time mode at once (signals still work: Ctrl-C is Ctrl-C) and put
back exactly as it was when the run ends, however it ends.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from .prompts import Prompter


def is_interactive() -> bool:
    return sys.stdin.isatty()


@contextmanager
def quiet_keys() -> Iterator[None]:
    try:
        import termios

        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
    except (ImportError, OSError, ValueError):
        yield
        return
    quiet = termios.tcgetattr(fd)
    quiet[3] &= ~(termios.ECHO | termios.ICANON)  # lflags
    quiet[6][termios.VMIN] = 1
    quiet[6][termios.VTIME] = 0
    try:
        termios.tcsetattr(fd, termios.TCSANOW, quiet)
        yield
    finally:
        # the terminal may be gone (a closed window): termios.error is no OSError
        with suppress(OSError, termios.error):
            termios.tcsetattr(fd, termios.TCSANOW, saved)


def silence() -> None:
    """Standard output and error to /dev/null: the terminal they wrote to is gone."""
    with suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        for fd in (1, 2):
            os.dup2(devnull, fd)


@contextmanager
def hang_ups() -> Iterator[None]:
    """SIGHUP and SIGTERM raise :class:`HungUp` while inside, so the run accounts the open
    step's time and saves before it goes (a closed terminal lost the call's clock back to
    its last save: a newcomer); the handlers before are put back after."""
    import signal

    from recoverycli.screen.keyboard import HUNG, HungUp, typing_now

    def hung_up(signum: int, _frame: object) -> None:
        typed, app = typing_now[0] if typing_now else (lambda: "", None)
        gone = HungUp(signum, typed())
        HUNG[:] = HUNG or [gone]
        # nobody reads the terminal any more: what is still written goes nowhere, so no
        # write to a closed terminal (EIO) takes the place of this (a red team's kill-pane
        # lost the note and the clock so)
        silence()
        if app is not None and app.is_running and app.loop is not None:
            # raised inside the application's loop it would be its error to show ("Press
            # ENTER to continue"): the application ends with it instead
            app.loop.call_soon_threadsafe(lambda: app.exit(exception=gone))
            return
        raise gone

    HUNG.clear()  # (a run before this one in the same process is no hang-up of this one)
    before = {sig: signal.signal(sig, hung_up) for sig in (signal.SIGHUP, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


@cache
def screen() -> IO[str]:
    """Where the run draws its screens: stdout when that is a terminal; else (``recover run
    hyken > ticket.txt``, a pipe) the terminal itself, as git and fzf do, so stdout carries
    the summary alone. Standard error when there is no terminal at all."""
    if sys.stdout.isatty() or not sys.stdin.isatty():
        return sys.stdout if sys.stdout.isatty() else sys.stderr
    try:
        # kept open for the whole run; a byte that slipped past the gate is spelled, not fatal
        return open("/dev/tty", "w", encoding="utf-8", errors="backslashreplace")
    except OSError:
        return sys.stderr


def plain_wanted(flag: bool) -> bool:
    """--accessible, the ACCESSIBLE variable, ``accessible = true`` in config.toml, or a
    terminal that cannot move its cursor (TERM=dumb): screens printed once, plain."""
    import os

    if flag or os.environ.get("TERM") == "dumb":
        return True
    if os.environ.get("ACCESSIBLE", "").strip() not in ("", "0", "false", "no"):
        return True
    from recoverycli.config import load_config

    return load_config().accessible


@cache
def terminal_prompter() -> Prompter:
    """The one prompter on the real terminal, made (and prompt_toolkit imported) the first
    time a key is read, after the first screen is already drawn."""
    from .prompts import Prompter

    output = None
    if screen() is not sys.stdout:
        from prompt_toolkit.output import create_output

        output = create_output(stdout=screen())  # type: ignore[arg-type]
    prompter = Prompter(output=output)
    prompter.accessible = _plain[0]
    return prompter


_plain = [False]  # set once by the run, before the first key is read


def set_plain(plain: bool) -> None:
    _plain[0] = plain


PrompterFactory = Callable[[], "Prompter"]
