"""The one prompt seam: every key read and every question asked goes through here.

prompt_toolkit and questionary are imported only when this module is, which the run does
after its first step is already on screen. Tests hand a :class:`Prompter` a pipe input
and ``DummyOutput``; the installed command uses the real terminal.

Ctrl-C raises ``KeyboardInterrupt`` everywhere (questionary's ``ask()`` would swallow it,
so ``unsafe_ask()`` is used); Ctrl-D while a key is awaited means "save and quit".
Keys typed ahead are never lost: prompt_toolkit keeps unprocessed keys of one prompt as
type-ahead for the next on the same input.
"""

from __future__ import annotations

import os

# prompt_toolkit asks the terminal where the cursor is (CPR) and waits up to a second for
# the answer at the end of every prompt. Terminals that never answer (pexpect, some web
# consoles, serial lines) would turn every key into a one-second pause; one-line prompts
# gain nothing from it. Set before prompt_toolkit creates its output.
os.environ.setdefault("PROMPT_TOOLKIT_NO_CPR", "1")

import select
from collections.abc import Callable, Sequence
from typing import Any

import questionary
from prompt_toolkit.input import Input
from prompt_toolkit.key_binding import KeyPress
from prompt_toolkit.keys import Keys
from prompt_toolkit.output import Output

from .text import clean, one_line, visible

QUIT = "quit"
_NAMES: dict[Keys | str, str] = {
    Keys.ControlM: "enter", Keys.ControlJ: "enter", Keys.ControlC: "c-c", Keys.ControlD: "c-d",
}


def _key_name(press: KeyPress) -> str:
    """``enter``, ``c-c``, ``c-d``, or the character typed."""
    return _NAMES.get(press.key, press.key if isinstance(press.key, str) else "")


def _spelled_typing() -> Any:
    """Key bindings that insert typed and pasted text through the text gate: a bidi
    override, a C1 control or a byte that was not UTF-8 goes into the line (and so on
    screen and into the note) spelled out, never as itself."""
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.key_binding.key_processor import KeyPressEvent

    bindings = KeyBindings()

    @bindings.add(Keys.Any)
    def _typed(event: KeyPressEvent) -> None:
        event.current_buffer.insert_text(visible(event.data) * event.arg)

    @bindings.add(Keys.BracketedPaste)
    def _pasted(event: KeyPressEvent) -> None:
        event.current_buffer.insert_text(one_line(event.data))

    return bindings


class Prompter:
    def __init__(self, input: Input | None = None, output: Output | None = None) -> None:
        # One input and one output for every prompt: prompt_toolkit hands keys typed ahead
        # from one prompt to the next through the input, and two inputs on one terminal
        # would take keys from each other.
        if input is None:
            from prompt_toolkit.input import create_input

            input = create_input()
        if output is None:
            from prompt_toolkit.output import create_output

            output = create_output()
        self.io: dict[str, Any] = {"input": input, "output": output}

    def key(self, actions: dict[str, str], legend: str,
            elapsed: Callable[[], float] | None = None) -> str:
        """Wait for one of ``actions``' keys and return its action name.

        ``legend`` is shown on the prompt line, with the call's elapsed time ticking. Keys
        are read straight from prompt_toolkit's input (no application, no event loop:
        building an application per key costs more than the whole step in between), and
        keys that follow the action key are handed on as type-ahead to the next prompt.
        """
        from prompt_toolkit.input.typeahead import get_typeahead, store_typeahead

        source: Input = self.io["input"]
        out: Output = self.io["output"]
        pending: list[KeyPress] = list(get_typeahead(source))
        self._draw(out, legend, elapsed)
        try:
            with source.raw_mode():
                while True:
                    while pending:
                        name = _key_name(pending.pop(0))
                        if name == "c-c":
                            store_typeahead(source, pending)
                            raise KeyboardInterrupt
                        action = QUIT if name == "c-d" else actions.get(name)
                        if action is not None:
                            store_typeahead(source, pending)
                            return action
                    if select.select([source.fileno()], [], [], 1.0)[0]:
                        pending += source.read_keys()
                        if source.closed:
                            return QUIT
                    else:
                        pending += source.flush_keys()
                        self._draw(out, legend, elapsed)
        finally:
            out.write_raw("\r")
            out.erase_end_of_line()
            out.flush()

    @staticmethod
    def _draw(out: Output, legend: str, elapsed: Callable[[], float] | None) -> None:
        """The key legend on one line; on a narrow terminal only the keys, never cut."""
        clock = ""
        if elapsed is not None:
            seconds = int(elapsed())
            clock = f"   ⏱ {seconds // 60:02d}:{seconds % 60:02d}"
        width = out.get_size().columns - 1
        line = f"› {legend}"
        if len(line) > width:  # "Enter done · s skip" -> "⏎ s"
            line = "› " + " ".join("⏎" if w.startswith("Enter") else w.split()[0]
                                   for w in legend.split(" · "))
        if len(line + clock) <= width:
            line += clock
        out.write_raw("\r")
        out.erase_end_of_line()
        out.write(line)
        out.flush()

    def text(self, message: str, default: str = "", required: bool = False,
             mark: str = "✎", erase: bool = False) -> str | None:
        """One line of text. None when cancelled with Ctrl-D; Ctrl-C raises. ``erase``
        clears the prompt afterwards, for callers that show the answer their own way."""
        validate = (lambda value: bool(value.strip()) or "This one is required") if required \
            else None
        try:
            value = questionary.text(one_line(message), default=one_line(default), qmark=mark,
                                     validate=validate, erase_when_done=erase,
                                     key_bindings=_spelled_typing(), **self.io).unsafe_ask()
        except EOFError:
            return None
        return None if value is None else clean(str(value))

    def choose(self, message: str, labels: Sequence[str]) -> int | None:
        """Pick one of ``labels``; its index, or None when cancelled."""
        choices = [questionary.Choice(one_line(label), value=index)
                   for index, label in enumerate(labels)]
        try:
            picked = questionary.select(one_line(message), choices=choices, qmark="?",
                                        **self.io).unsafe_ask()
        except EOFError:
            return None
        return None if picked is None else int(picked)
