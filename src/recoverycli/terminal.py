"""Holding the terminal still while the run starts.

The first step is drawn before prompt_toolkit has loaded. Keys typed in that moment must
neither be echoed over the screen nor held back until Enter, so the terminal is put in
no-echo, character-at-a-time mode at once (signals still work: Ctrl-C is Ctrl-C) and put
back exactly as it was when the run ends, however it ends.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from typing import TYPE_CHECKING

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
        with suppress(OSError):  # the terminal may be gone (a closed window)
            termios.tcsetattr(fd, termios.TCSANOW, saved)


@cache
def terminal_prompter() -> Prompter:
    """The one prompter on the real terminal, made (and prompt_toolkit imported) the first
    time a key is read, after the first screen is already drawn."""
    from .prompts import Prompter

    return Prompter()


PrompterFactory = Callable[[], "Prompter"]
