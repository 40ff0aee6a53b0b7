"""What a prompt line shows and how keys are named: typed control characters spelled out,
the status line under a prompt, keys named as keyboards say them."""
from __future__ import annotations

import select
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPress
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout.processors import Processor, Transformation, TransformationInput
from prompt_toolkit.output import Output

from recoverycli.i18n import _
from recoverycli.text import clean, one_line, visible

if TYPE_CHECKING:
    from prompt_toolkit.input import Input

_NAMES: dict[Keys | str, str] = {
    Keys.ControlM: "enter", Keys.ControlJ: "enter", Keys.ControlC: "c-c", Keys.ControlD: "c-d",
}


_SPOKEN = {"c-i": "Tab", "c-h": "Backspace", "c-?": "Backspace", "escape": "Esc",
           "s-tab": "Shift-Tab", "delete": "Delete", "insert": "Insert", "home": "Home",
           "end": "End", "pageup": "Page Up", "pagedown": "Page Down", "up": "Up",
           "down": "Down", "left": "Left", "right": "Right", " ": "Space"}

BURST = 0.06  # seconds between keys that are typing, not commands picked one by one
# A key that leaves the step for another screen or ends the call waits this long for a
# following letter before it acts: a word typed at an ordinary pace (a red team: 120 ms a
# key) that begins with one ("quite late", "can you", "fine", "every", "now") is a note,
# not the quit, the coach, a field, the notes or help - "quite" had quit the call and
# handed "uite" to the shell. Keys that can be undone (skip, back, an answer) act at once.
PATIENT = 0.3
PATIENT_ACTIONS = frozenset({"quit", "coach", "field", "edit", "help", "note"})


def _key_name(press: KeyPress) -> str:
    """``enter``, ``c-c``, ``c-d``, or the character typed."""
    return _NAMES.get(press.key, press.key if isinstance(press.key, str) else "")


def _spelled_typing() -> KeyBindings:
    """Key bindings for typed and pasted text: kept as it is in the line (so in the note),
    a paste's line breaks shown as ``⏎`` to keep one line, NUL spelled (no store holds it).
    What the terminal shows of the line goes through the gate in :class:`_SpelledDisplay`."""
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding.key_processor import KeyPressEvent

    bindings = KeyBindings()
    sequence = [0]  # chars of an unknown escape sequence still to swallow (-1: to its end)
    in_sequence = Condition(lambda: sequence[0] != 0)

    @bindings.add(Keys.Any)
    def _typed(event: KeyPressEvent) -> None:
        if _control(event.data):  # Ctrl-Z and the like: a key, never a character
            return
        event.current_buffer.insert_text(_one_line_kept(event.data) * event.arg)

    @bindings.add("c-z")  # prompt_toolkit would type it as a character
    def _no_suspend(event: KeyPressEvent) -> None:
        pass

    # Alt+key with no editing meaning does nothing (readline's Alt+b, Alt+f, Alt+d and
    # Alt+Backspace are prompt_toolkit's own): never Esc, never the key typed.
    @bindings.add("escape", Keys.Any)
    def _alt_other(event: KeyPressEvent) -> None:
        pass

    @bindings.add("escape", "[")
    def _csi(event: KeyPressEvent) -> None:  # ESC[999~: swallowed to its final byte
        sequence[0] = -1

    @bindings.add("escape", "O")
    def _ss3(event: KeyPressEvent) -> None:
        sequence[0] = 1

    @bindings.add(Keys.Any, filter=in_sequence)
    def _swallowed(event: KeyPressEvent) -> None:
        ends = sequence[0] == 1 or (sequence[0] == -1 and len(event.data) == 1 and
                                    "@" <= event.data <= "~")
        sequence[0] = 0 if ends else sequence[0]

    @bindings.add(Keys.Vt100MouseEvent)  # ESC[41m typed parses as a mouse report
    def _no_mouse(event: KeyPressEvent) -> None:
        pass

    @bindings.add(Keys.BracketedPaste)
    def _pasted(event: KeyPressEvent) -> None:
        event.current_buffer.insert_text(_one_line_kept(event.data))

    return bindings


def _control(text: str) -> bool:
    """A key press of control characters alone (Ctrl-Z is ``\x1a``): nothing to type."""
    import unicodedata

    return bool(text) and all(unicodedata.category(ch) == "Cc" for ch in text)


def _one_line_kept(text: str) -> str:
    """Line breaks as ``⏎`` (the line is one line); everything else kept as typed."""
    if "\r" in text or "\n" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", " ⏎ ")
    return text.replace("\x00", "\\x00")


class _SpelledDisplay(Processor):
    """Shows the line being typed through the text gate: a control character, a bidi
    override or a byte that was not UTF-8 appears spelled out (``\\x1b``), while the line
    itself, and so what is kept, holds the text as it was typed, pasted or stored."""

    def apply_transformation(self, ti: TransformationInput) -> Transformation:
        from prompt_toolkit.layout.utils import explode_text_fragments

        if all(visible(fragment[1]) == fragment[1] for fragment in ti.fragments):
            return Transformation(ti.fragments)
        fragments = explode_text_fragments(ti.fragments)
        to_display: list[int] = []
        shown: StyleAndTextTuples = []
        at = 0
        for fragment in fragments:
            to_display.append(at)
            spelled = visible(fragment[1])
            shown.append((fragment[0], spelled, *fragment[2:]))
            at += len(spelled)
        to_display += [at, at + 1]  # the cursor can stand after the line
        to_source = {display: source for source, display in enumerate(to_display)}

        def display_to_source(position: int) -> int:
            while position > 0 and position not in to_source:
                position -= 1
            return to_source.get(position, 0)

        return Transformation(
            shown, source_to_display=lambda position: to_display[min(position,
                                                                     len(to_display) - 1)],
            display_to_source=display_to_source)


def _refusal(name: str, press: KeyPress, reasons: dict[str, str]) -> str:
    if name in reasons:
        return reasons[name]
    if len(name) == 1 and name.isprintable():
        shown = f"'{name}'"
    else:  # named as the keyboard says it, not as prompt_toolkit does ('c-i' is Tab)
        raw = str(getattr(press.key, "value", press.key))
        shown = _SPOKEN.get(raw) or (f"Ctrl-{raw[2:].upper()}" if raw.startswith("c-") and
                                     len(raw) == 3 else raw.replace("-", " ").title())
    return _("{key} does nothing here; ? shows the keys").format(key=one_line(shown))


def clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class _StatusLine:
    """The line under the step: the ticking clock, a reminder, and why a key did
    nothing. Redrawn in place, wrapped on words when longer than the width; printed once
    per message when accessible."""

    def __init__(self, out: Output, status: str, elapsed: Callable[[], float] | None,
                 remind_after: float | None, accessible: bool) -> None:
        self.out = out
        self.status = status
        self.elapsed = elapsed
        self.remind_after = remind_after
        self.accessible = accessible
        self.message = ""
        self.shown: str | list[str] | None = None
        self.rows = 1  # the rows the status took when last drawn

    def say(self, message: str) -> None:
        self.message = message
        if self.accessible:
            self.out.write(one_line(message) + "\n")
            self.out.flush()
        else:
            self.draw()

    def text(self) -> str:
        parts = []
        if self.elapsed is not None:
            seconds = self.elapsed()
            parts.append(f"⏱ {clock(seconds)}")
            if self.remind_after is not None and seconds >= self.remind_after:
                parts.append(_("call past {minutes} min").format(
                    minutes=int(self.remind_after // 60)))
        parts += [p for p in (self.message or self.status,) if p]
        return " · ".join(parts)

    ROWS = 3  # the most rows a status takes

    def draw(self) -> None:
        if self.accessible:  # what to press, said once; no clock, nothing redrawn
            if self.status and self.shown is None:
                self.shown = self.status
                self.out.write(one_line(self.status) + "\n")
                self.out.flush()
            return
        from recoverycli.text import fitted

        # wrapped on words at the terminal's width (at most a readable measure), never
        # cut: a word, a command or an id is never split
        lines = fitted(one_line(self.text()), self.out.get_size().columns).split("\n")
        if len(lines) > self.ROWS:
            lines = [*lines[:self.ROWS - 1], " ".join(lines[self.ROWS - 1:])]
        if lines == self.shown:
            return
        self.shown = lines
        self._paint(lines)

    def _paint(self, lines: list[str]) -> None:
        """The status in place of the one drawn before (the cursor is on its last row)."""
        out = self.out
        if self.rows > 1:
            out.cursor_up(self.rows - 1)
        out.write_raw("\r")
        out.erase_down()
        for number, line in enumerate(lines):
            if number:
                out.write_raw("\r\n")
            out.write(line)
        self.rows = max(len(lines), 1)
        out.flush()

    def clear(self) -> None:
        if self.accessible:
            return
        self._paint([])
        self.shown = None


def _swallowed(pending: list[KeyPress]) -> bool:
    """After an Esc: take an escape sequence prompt_toolkit did not know (``ESC[999~``,
    an Alt+key) from ``pending``, True when there was one; a lone Esc stays Esc."""
    if not pending or not isinstance(pending[0].key, str):
        return False
    lead = pending.pop(0).key
    if lead == "[":  # CSI: parameters, then one final byte
        while pending and isinstance(pending[0].key, str):
            ch = pending.pop(0).key
            if "@" <= ch <= "~" and ch not in "[":
                break
    elif lead == "O" and pending:  # SS3: one byte
        pending.pop(0)
    return True


def _printable(name: str) -> bool:
    """A key that types a character (a letter, a digit, a space, a mark)."""
    return len(name) == 1 and name.isprintable()


# Ctrl-C (SIGINT) that lands while Python runs a weakref callback (the garbage collector,
# between two prompts) is printed as "Exception ignored" and lost: the next prompt then
# waited, and the call or practice did not stop (seen once the coach's model grew). The
# handler notes it; every prompt raises a noted one before it waits.
_NOTED = [False]


def _note_interrupt(signum: int, frame: object) -> None:
    _NOTED[0] = True
    raise KeyboardInterrupt


def watch_interrupts() -> None:
    """Note every Ctrl-C (main thread, default handler only: a test's or a host's own
    handler is left alone)."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread() and \
            signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _note_interrupt)


def raise_noted_interrupt() -> None:
    """Before a prompt waits: a Ctrl-C that was noted but swallowed is raised now."""
    if _NOTED[0]:
        _NOTED[0] = False
        raise KeyboardInterrupt


# How long a lone Esc waits for the key after it: a terminal sends Alt+b as Esc and b in
# one write, so a tenth of a second keeps Alt+keys editing, where prompt_toolkit's second
# made Esc then c, typed by a person a quarter second apart, an Alt+c (a trainee, issue 20:
# the c was swallowed and the coach stayed open).
ESC_WAIT = 0.1


def quick_escape(application: Any) -> None:
    """Esc taken at once: as an escape sequence's start (``ttimeoutlen``) and as a prefix
    of Alt+keys (``timeoutlen``)."""
    application.ttimeoutlen = 0.05
    application.timeoutlen = ESC_WAIT


def ask(question: Any, escapes: dict[str, Any] | None = None) -> Any:
    """Ask a questionary question with a lone Esc taken at once (0.05 s, as vim users set
    ttimeoutlen): prompt_toolkit waits 0.5 s to tell it from an escape sequence, so Esc
    leaving a note lagged 40 times behind every other key (red team 16b). ``escapes``:
    keys that leave the question with a result (Esc in a picker)."""
    escapes = escapes or {}
    raise_noted_interrupt()
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.keys import Keys

    quick_escape(question.application)
    extra = KeyBindings()

    @extra.add(Keys.Vt100MouseEvent)  # a colour code typed (ESC[41m) parses as one: the
    def _no_mouse(event: Any) -> None:  # mouse handler then crashed the prompt (red team)
        pass

    for key, result in escapes.items():
        extra.add(key)(lambda event, result=result: event.app.exit(result=result))
    own = question.application.key_bindings
    question.application.key_bindings = merge_key_bindings(
        [own, extra] if own is not None else [extra])
    return question.unsafe_ask()


def _required(value: str) -> bool:
    """A required answer has something to read: spaces, no-break spaces, zero-width and
    direction marks alone do not count (red team 16: NBSP + U+200B + U+202E passed)."""
    import unicodedata

    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Zs", "Cc")
               for ch in value)


def _kept(value: object, default: str, shown: str) -> str | None:
    """What a prompt returns: the default itself when it was accepted unchanged (even one
    that had to be shown differently), else the typed text with bad bytes made visible."""
    if value is None:
        return None
    return default if value == shown else clean(str(value))


class NoteInterrupted(KeyboardInterrupt):
    """Ctrl-C while a note was being typed; ``text`` is what was typed so far."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


def typing_from(first: str, stray: bool, pending: list[KeyPress], source: Input,
                burst: float | None, patient: float | None = None) -> str:
    """The text typed when ``first`` begins typing rather than a command: a key that is
    no command (``stray``), or one followed by more printable keys within ``burst``
    seconds (``patient`` seconds, if longer; ``burst`` None: keys from a pipe, one at a
    time). The printable keys that follow are taken from ``pending`` with it (the rest
    stays there); "" when it is a command after all."""
    if burst is None:
        return first if stray else ""
    wait = max(burst, patient or 0.0)
    if not pending and select.select([source.fileno()], [], [], wait)[0]:
        pending += source.read_keys()
    following = []
    for press in pending:
        name = _key_name(press)
        if not _printable(name):
            break
        following.append(name)
    if not following and not stray:
        return ""
    del pending[:len(following)]
    return first + "".join(following)


# What is being typed right now (a note, a line in the coach) and the application reading
# it (None for a plain loop of reads), for whatever must keep it when the run is stopped
# from outside (a closed terminal): set by the prompt while it reads, emptied after.
typing_now: list[tuple[Callable[[], str], Any]] = []


class HungUp(Exception):
    """The terminal was closed (SIGHUP, or its input or output gone) or the run was told
    to stop (SIGTERM), with what was being typed then."""

    def __init__(self, signum: int, typed: str = "") -> None:
        super().__init__(signum)
        self.signum = signum
        self.typed = typed


HUNG: list[HungUp] = []  # the hang-up that came, once one has


def terminal_gone(typed: str = "") -> HungUp:
    """A closed terminal seen by a prompt (its input at its end): as SIGHUP would say."""
    import signal

    return HungUp(signal.SIGHUP, typed)


def gone_if_eio(error: OSError, typed: str) -> Exception:
    """What a prompt raises for an error writing its screen: a write to a terminal that is
    gone (EIO) is a hang-up that keeps what was typed (the coach's clock redraws every
    second, and a closed window then lost the line: a red team); any other, itself."""
    import errno

    return terminal_gone(typed) if error.errno == errno.EIO else error
