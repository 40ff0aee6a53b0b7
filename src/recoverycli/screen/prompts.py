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

import asyncio
import contextlib
import os
import select
from collections.abc import Callable, Sequence
from typing import Any

import questionary
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.input import Input
from prompt_toolkit.key_binding import KeyBindings, KeyPress
from prompt_toolkit.keys import Keys
from prompt_toolkit.output import Output

from recoverycli.i18n import _
from recoverycli.screen.keyboard import (
    BURST,
    PATIENT,
    PATIENT_ACTIONS,
    NoteInterrupted,
    _kept,
    _key_name,
    _one_line_kept,
    _printable,
    _refusal,
    _required,
    _spelled_typing,
    _SpelledDisplay,
    _StatusLine,
    _swallowed,
    clock,
    gone_if_eio,
    quick_escape,
    raise_noted_interrupt,
    terminal_gone,
    typing_from,
    typing_now,
    watch_interrupts,
)
from recoverycli.screen.keyboard import ask as _ask
from recoverycli.text import clean, one_line

QUIT = "quit"


class Prompter:
    def __init__(self, input: Input | None = None, output: Output | None = None) -> None:
        # One input and one output for every prompt: prompt_toolkit hands keys typed ahead
        # from one prompt to the next through the input, and two inputs on one terminal
        # would take keys from each other.
        if input is None:
            from prompt_toolkit.input import create_input

            input = create_input()
            watch_interrupts()
        if output is None:
            from prompt_toolkit.output import create_output

            output = create_output()
            self.burst = BURST
        self.io: dict[str, Any] = {"input": input, "output": output}

    accessible = False  # no redraws: status messages are printed as lines of their own
    pasted = ""  # the text of the last paste key() returned as its "paste" action
    typed = ""  # the text of the typing key() returned as its "type" action
    checked = ""  # the line live_text had checked when typing went on after it
    # Keys this close together (seconds) are typing, not commands picked one by one: a
    # person reads the screen between commands; typing and a paste arrive faster. Only
    # for the real terminal: a test's pipe hands every key over at once.
    burst: float | None = None

    def key(self, actions: dict[str, str], status: str = "",
            elapsed: Callable[[], float] | None = None,
            reasons: dict[str, str] | None = None,
            remind_after: float | None = None) -> str:
        """Wait for one of ``actions``' keys and return its action name. The status line
        shows the call's elapsed time ticking and ``status``; a key in ``reasons`` shows why
        it does nothing here, any other says it does nothing; ``"*"`` takes any key. After
        ``remind_after`` seconds the line reminds how long the call has run. Keys are read
        straight from prompt_toolkit's input (an application per key costs more than the
        whole step), and keys after the action key are type-ahead for the next prompt."""
        raise_noted_interrupt()
        from prompt_toolkit.input.typeahead import get_typeahead, store_typeahead

        source: Input = self.io["input"]
        out: Output = self.io["output"]
        pending: list[KeyPress] = list(get_typeahead(source))
        line = _StatusLine(out, status, elapsed, remind_after, self.accessible)
        line.draw()
        size = out.get_size()  # a resized terminal asks for a "redraw" where one is taken
        paste = os.environ.get("TERM") != "dumb"  # (a dumb terminal would print the mode)
        if paste:  # a paste arrives whole, never as a burst of keys (accessible mode too)
            out.enable_bracketed_paste()
            out.flush()
        try:
            with source.raw_mode():
                while True:
                    while pending:
                        press = pending.pop(0)
                        if press.key == Keys.BracketedPaste:
                            if "paste" in actions:
                                store_typeahead(source, pending)
                                self.pasted = _one_line_kept(press.data)
                                return actions["paste"]
                            line.say(_("a paste is not a key here"))
                            continue
                        if press.key == Keys.Escape and _swallowed(pending):
                            continue  # an escape sequence no key here sends: nothing
                        name = _key_name(press)
                        if name == "c-c":
                            store_typeahead(source, pending)
                            raise KeyboardInterrupt
                        action = QUIT if name == "c-d" else actions.get(name, actions.get("*"))
                        if "type" in actions and _printable(name):
                            stray = action is None and name not in (reasons or {})
                            # a key that does nothing here, or leaves the step, waits
                            # longer to see whether a word is being typed
                            patient = action in PATIENT_ACTIONS or (action is None
                                                                    and not stray)
                            typed = typing_from(name, stray, pending, source, self.burst,
                                                PATIENT if patient else None)
                            if typed:
                                store_typeahead(source, pending)
                                self.typed = typed
                                return actions["type"]
                        if action is not None:
                            store_typeahead(source, pending)
                            return action
                        line.say(_refusal(name, press, reasons or {}))
                    if select.select([source.fileno()], [], [], 0.25)[0]:
                        pending += source.read_keys()
                        if source.closed:
                            raise terminal_gone()
                    else:
                        pending += source.flush_keys()
                        if "redraw" in actions and not pending and out.get_size() != size:
                            return actions["redraw"]
                        line.draw()
        finally:
            line.clear()
            if paste:
                out.disable_bracketed_paste()
                out.flush()

    def text(self, message: str, default: str = "", required: bool = False,
             mark: str = "✎", erase: bool = False, escape_cancels: bool = False
             ) -> str | None:
        """One line of text. None when cancelled with Ctrl-D (or Esc, with
        ``escape_cancels``); Ctrl-C raises. ``erase`` clears the prompt afterwards, for
        callers that show the answer their own way."""
        if self.accessible:
            return self._plain_line(message, default, required,
                                    _("(Esc cancels)") if escape_cancels else "",
                                    cancels=escape_cancels)
        validate = (lambda value: _required(value) or _("This one is required")) if required \
            else None
        shown = _one_line_kept(default)
        bindings = _spelled_typing()
        if escape_cancels:
            from prompt_toolkit.key_binding import KeyPressEvent

            @bindings.add("escape")  # not eager: Alt+b is Esc then b, an edit
            def _cancel(event: KeyPressEvent) -> None:
                event.app.exit(result=None)
        try:
            value = _ask(questionary.text(one_line(message), default=shown, qmark=mark,
                                     validate=validate, erase_when_done=erase,
                                     instruction=_("(Esc cancels)") if escape_cancels else None,
                                     key_bindings=bindings,
                                     input_processors=[_SpelledDisplay()],
                                     **self.io))
        except EOFError:
            return None
        return _kept(value, default, shown)

    def note(self, message: str, default: str = "", instruction: str = "") -> str | None:
        """A note typed on one line. Enter keeps it, Esc (or Ctrl-D) cancels it: None.
        Ctrl-C raises :class:`NoteInterrupted` carrying what was typed so far."""
        if self.accessible:
            return self._plain_line(message, default, instruction=instruction, keeps=True)
        from prompt_toolkit.key_binding import KeyPressEvent

        bindings = _spelled_typing()  # typed and pasted text through the gate, as in text()

        @bindings.add("escape")  # not eager: Alt+b is Esc then b, an edit
        def _cancel(event: KeyPressEvent) -> None:
            event.app.exit(result=None)

        @bindings.add("c-c")
        def _interrupt(event: KeyPressEvent) -> None:
            event.app.exit(exception=NoteInterrupted(clean(event.app.current_buffer.text)))

        shown = _one_line_kept(default)
        question = questionary.text(one_line(message), default=shown, qmark="✎",
                                    erase_when_done=True, key_bindings=bindings,
                                    instruction=instruction or None,
                                    input_processors=[_SpelledDisplay()], **self.io)
        typing_now[:] = [(lambda: question.application.current_buffer.text,
                          question.application)]
        try:
            value = _ask(question)
        except EOFError:  # Ctrl-D on an empty line; with text typed, the terminal closed
            if question.application.current_buffer.text:
                raise terminal_gone(clean(question.application.current_buffer.text)) from None
            return None
        except OSError as error:
            raise gone_if_eio(error, clean(question.application.current_buffer.text)) from None
        finally:
            typing_now.clear()
        return _kept(value, default, shown)

    def _plain_line(self, message: str, default: str = "", required: bool = False,
                    instruction: str = "", cancels: bool = True, keeps: bool = False
                    ) -> str | None:
        """Accessible mode: a line typed with nothing redrawn. The prompt is printed once;
        each character typed is echoed through the gate (a control character spelled,
        never raw); Backspace is the terminal's own ``\\b \\b``; Enter ends the line
        (a new line, never a second drawing of it). Esc (when ``cancels``) or Ctrl-D on
        an empty line is None; Ctrl-C raises, carrying the text when ``keeps`` (a note)."""
        from rich.cells import cell_len

        source: Input = self.io["input"]
        out: Output = self.io["output"]
        shown = _one_line_kept(default)
        chars: list[str] = []
        widths: list[int] = []

        def add(text: str) -> None:
            for ch in _one_line_kept(text):
                spelled = one_line(ch)
                chars.append(ch)
                widths.append(cell_len(spelled))
                out.write(spelled)

        def start() -> None:
            out.write("> " + one_line(message) + (f" {instruction}" if instruction else "")
                      + " ")
            chars.clear()
            widths.clear()
            add(shown)
            out.flush()

        start()
        pending: list[KeyPress] = []
        typing_now[:] = [(lambda: "".join(chars), None)] if keeps else []
        with source.raw_mode():
            while True:
                while pending:
                    press = pending.pop(0)
                    key = press.key
                    if key in (Keys.ControlM, Keys.ControlJ):
                        value = "".join(chars)
                        out.write_raw("\r\n")
                        if required and not _required(value):
                            out.write(_("This one is required.") + "\r\n")
                            start()
                            continue
                        out.flush()
                        return _kept(value, default, shown)
                    if key == Keys.ControlC:
                        out.write_raw("\r\n")
                        out.flush()
                        if keeps:
                            raise NoteInterrupted(clean("".join(chars)))
                        raise KeyboardInterrupt
                    if (key == Keys.Escape and cancels) or (key == Keys.ControlD
                                                             and not chars):
                        out.write_raw("\r\n")
                        out.flush()
                        return None
                    if key in (Keys.ControlH, Keys.Backspace) and chars:
                        chars.pop()
                        width = widths.pop()
                        out.write_raw("\b" * width + " " * width + "\b" * width)
                    elif key == Keys.ControlU:
                        while chars:
                            chars.pop()
                            width = widths.pop()
                            out.write_raw("\b" * width + " " * width + "\b" * width)
                    elif key == Keys.BracketedPaste or not isinstance(key, Keys):
                        add(press.data)
                    out.flush()
                if select.select([source.fileno()], [], [], 0.05)[0]:
                    pending += source.read_keys()
                    if source.closed:
                        raise terminal_gone(clean("".join(chars)) if keeps else "")
                else:
                    pending += source.flush_keys()  # a lone Esc, after 0.05 s

    def pick(self, message: str, labels: Sequence[str]) -> int | None:
        """Pick one of up to nine ``labels`` by its number, one key, no Enter; None on Esc
        or Ctrl-D. Longer lists go through :meth:`choose`."""
        if len(labels) > 9:
            return self.choose(message, labels)
        out: Output = self.io["output"]
        out.write(one_line(message) + "\n")
        from recoverycli.table import cut

        width = max(out.get_size().columns - 6, 10)  # one row each, never wrapped
        for number, label in enumerate(labels, start=1):
            out.write(f"  {number}. {cut(one_line(label), width)}\n")
        out.flush()
        actions = {str(number): str(number - 1) for number in range(1, len(labels) + 1)}
        actions["escape"] = QUIT
        picked = self.key(actions, _("1-{last} picks, Esc cancels").format(last=len(labels)))
        return None if picked == QUIT else int(picked)

    def choose(self, message: str, labels: Sequence[str]) -> int | None:
        """Pick one of ``labels``; its index, or None when cancelled."""
        if self.accessible:  # numbered lines and a typed number: nothing redrawn
            out: Output = self.io["output"]
            out.write(one_line(message) + "\n")
            for number, label in enumerate(labels, start=1):
                out.write(f"  {number}. {one_line(label)}\n")
            out.flush()
            while True:
                typed = self.text(_("Number, 1 to {last} (Enter cancels):").format(
                    last=len(labels)), mark="?")
                if not typed or not typed.strip():
                    return None
                numbers = {str(n): n - 1 for n in range(1, len(labels) + 1)}
                if typed.strip() in numbers:  # (not int(): '²' is a digit it refuses)
                    return numbers[typed.strip()]
                out.write(_("Type a number from 1 to {last}.").format(last=len(labels)) + "\n")
        choices = [questionary.Choice(one_line(label), value=index, shortcut_key=str(index + 1))
                   if index < 9 else questionary.Choice(one_line(label), value=index)
                   for index, label in enumerate(labels)]
        try:
            shortcuts = len(labels) <= 9
            picked = _ask(questionary.select(one_line(message), choices=choices, qmark="?",
                                        use_shortcuts=shortcuts,
                                        instruction=_("(Use shortcuts or arrow keys)")
                                        if shortcuts else _("(Use arrow keys)"),
                                        **self.io), escapes={"escape": None})
        except EOFError:
            return None
        return None if picked is None else int(picked)

    def live_text(self, message: str, feedback: Callable[[str, int, int], str],
                  above: int | Callable[[int], str], typing_keys: str,
                  done_keys: dict[str, str],
                  done_legend: str, elapsed: Callable[[], float] | None = None,
                  warm: Callable[[], object] | None = None) -> tuple[str, str]:
        """One line typed with ``feedback(text, width, rows)`` (at most ``rows`` lines of
        gated ANSI text) redrawn below it on every key. The line, the feedback and a line of
        keys (``typing_keys``, then ``done_legend``) take the rows under ``above``: rows
        already on screen, or ``above(columns)``, a header drawn over them, redrawn on a
        resize. Enter ends the typing; then a key of ``done_keys`` returns ``(action,
        text)``, and a printable key that is none of them is typing that goes on
        ("ok thanks"): ``("type", key)``, the keys after it left as type-ahead (a red team
        lost words typed there). Esc or Ctrl-D while typing (or a closed terminal) returns
        ``("cancel", text)``; Ctrl-C raises :class:`NoteInterrupted` with the text. ``warm``
        runs in a thread once the line is shown (the feedback is redrawn when it is done),
        so keys are read while what the feedback needs loads."""
        raise_noted_interrupt()
        from prompt_toolkit.application import Application
        from prompt_toolkit.buffer import Buffer
        from prompt_toolkit.filters import Condition
        from prompt_toolkit.formatted_text import ANSI
        from prompt_toolkit.key_binding import (
            ConditionalKeyBindings,
            KeyPressEvent,
            merge_key_bindings,
        )
        from prompt_toolkit.layout import HSplit, Layout, Window
        from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl
        from prompt_toolkit.layout.dimension import Dimension
        from prompt_toolkit.layout.processors import BeforeInput
        from prompt_toolkit.utils import get_cwidth

        out: Output = self.io["output"]
        finished = [False]  # Enter was pressed: the line is read-only, done_keys work
        said = [""]  # why a key did nothing once the typing is done
        done = Condition(lambda: finished[0])
        typing = ~done
        buffer = Buffer(multiline=False, read_only=done)
        lead = f"✎ {one_line(message)} "

        def head() -> str:  # the header, laid out for the terminal's width now
            return above(max(10, out.get_size().columns)) if callable(above) else ""

        def size() -> tuple[int, int, int]:
            """Columns, rows for the typed line, rows for the feedback."""
            columns = max(10, out.get_size().columns)
            top = len(head().split("\n")) if callable(above) else above
            rows = max(3, out.get_size().rows - top)
            wanted = (get_cwidth(lead) + get_cwidth(buffer.text)) // columns + 1
            line = max(1, min(wanted, rows // 3))
            return columns, line, max(1, rows - line - 1)

        shown: dict[tuple[str, int, int], ANSI] = {}

        def below() -> ANSI:
            columns, _, rows = size()
            key = (buffer.text, columns, rows)
            if key not in shown:
                shown.clear()  # only the latest is worth keeping
                lines = feedback(buffer.text, columns, rows).split("\n")[:rows]
                shown[key] = ANSI("\n".join(lines))
            return shown[key]

        def keys_line() -> StyleAndTextTuples:
            columns = size()[0]
            parts = [f"⏱ {clock(elapsed())}"] if elapsed is not None else []
            parts.append(said[0] or (done_legend if finished[0] else typing_keys))
            line = one_line(" · ".join(parts))
            if len(line) > columns - 1:
                line = line[:columns - 2] + "…"
            return [("class:keys", line)]

        bindings = KeyBindings()

        @bindings.add("enter", filter=typing)
        def _checked(event: KeyPressEvent) -> None:
            if buffer.text.strip():
                finished[0] = True
            else:
                event.app.exit(result=("cancel", ""))

        @bindings.add("escape", filter=typing)  # not eager: Alt+keys edit
        @bindings.add("c-d", filter=typing)
        def _cancel(event: KeyPressEvent) -> None:
            event.app.exit(result=("cancel", clean(buffer.text)))

        @bindings.add("c-c")
        def _interrupt(event: KeyPressEvent) -> None:
            event.app.exit(exception=NoteInterrupted(clean(buffer.text)))

        # a letter (k) waits for one after it: "keys locked" typed on is a note (red team)
        waiting: list[Any] = []  # the letter's timer and the letter, while it waits

        @bindings.add(Keys.Any, filter=done)
        def _other(event: KeyPressEvent) -> None:
            press = event.key_sequence[0]
            if _printable(_key_name(press)):
                if waiting:  # the letter that waited begins the typing
                    waiting[0].cancel()
                self.checked = clean(buffer.text)
                event.app.exit(result=("type", (waiting[1] if waiting else "") + press.data))
                return
            said[0] = _refusal(_key_name(press), press, {}).split(";")[0] + " · " + done_legend

        for name, action in done_keys.items():
            def _act(event: KeyPressEvent, action: str = action, name: str = name) -> None:
                if len(name) == 1 and not waiting:  # a letter: wait for the next one
                    app, result = event.app, (action, clean(buffer.text))
                    waiting[:] = [asyncio.get_running_loop().call_later(
                        PATIENT, lambda: app.exit(result=result)), name]
                elif len(name) == 1:  # a second letter: typing after all
                    _other(event)
                else:  # Enter, Esc, Ctrl-D: at once
                    if waiting:
                        waiting[0].cancel()
                    event.app.exit(result=(action, clean(buffer.text)))

            bindings.add(name, filter=done, eager=name == "escape")(_act)

        layout = Layout(HSplit([
            *([Window(FormattedTextControl(lambda: ANSI(head())), dont_extend_height=True)]
              if callable(above) else []),
            Window(BufferControl(buffer, input_processors=[_SpelledDisplay(),
                                                           BeforeInput(lead, "class:lead")]),
                   wrap_lines=True, dont_extend_height=True,
                   height=lambda: Dimension(max=size()[1])),
            Window(FormattedTextControl(below), dont_extend_height=True, wrap_lines=False,
                   height=lambda: Dimension(max=size()[2])),
            Window(FormattedTextControl(keys_line), height=1, dont_extend_height=True),
        ]))
        from prompt_toolkit.styles import Style

        app: Application[tuple[str, str]] = Application(
            layout=layout, style=Style.from_dict({"lead": "bold", "keys": "#888888"}),
            key_bindings=merge_key_bindings([  # over the application's editing keys
                ConditionalKeyBindings(_spelled_typing(), typing), bindings]),
            erase_when_done=True, refresh_interval=1.0 if elapsed is not None else None,
            **self.io)
        quick_escape(app)  # a lone Esc goes back at once, and Esc then c is not Alt+c
        if warm is not None:
            def _warm(_: object) -> None:
                import threading

                app.after_render -= _warm

                def work() -> None:
                    # no traceback from here: the coach is asked again where it is used,
                    # and the terminal may be gone (a newcomer saw "Exception in thread")
                    with contextlib.suppress(Exception):
                        warm()
                    shown.clear()  # the feedback is asked again
                    if app.is_running:
                        with contextlib.suppress(Exception):
                            app.invalidate()

                threading.Thread(target=work, daemon=True).start()

            app.after_render += _warm
        typing_now[:] = [(lambda: buffer.text, app)]
        try:
            return app.run()
        except EOFError:  # the terminal went away: the run keeps the line, saves, stops
            raise terminal_gone(clean(buffer.text)) from None
        except OSError as error:
            raise gone_if_eio(error, clean(buffer.text)) from None
        finally:
            typing_now.clear()
