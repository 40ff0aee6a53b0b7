"""The one gate untrusted text passes on its way to a terminal, and the encoders for files.

Playbooks, scenarios, rules files, arguments and users supply titles, names and notes. None
of it may act on the terminal: rich markup is avoided by always building ``rich.text.Text``
objects, and control characters (ESC, BEL, C0 and C1 codes, DEL), the bidi overrides and
isolates that reorder what a reader sees, and the halves of bytes that were not UTF-8 are
replaced here by a visible ``\\xNN`` / ``\\uNNNN`` spelling.

* :func:`visible` and :func:`one_line` for what is printed (every console made by
  :func:`recoverycli.render.make_console` also passes its output through :func:`visible`);
* :func:`clean` for what is *kept*: bytes that were not UTF-8 (``surrogateescape`` in
  arguments, typed text, files, environment values) become the visible ``\\xe9`` and the
  rest of the text is kept as it was, so a store never holds text it cannot encode;
* :func:`dumps` for JSON printed or written: the characters above as ``\\u`` escapes.
"""

from __future__ import annotations

import re
from typing import Any

# C0 controls except TAB and LF, DEL, C1 controls, the bidi overrides/isolates that can
# reorder what a reader sees, the line and paragraph separators, and lone surrogates (a
# byte that was not UTF-8, kept by ``surrogateescape``).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff]")
_UNSAFE_ALL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                         "\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# In JSON text (ASCII structure, non-ASCII only inside strings): what ensure_ascii=False
# would leave raw. C0 controls are already escaped by the encoder.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _spell(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Return ``text`` with every control character spelled out; tabs become spaces."""
    if text.isprintable() or not _UNSAFE.search(text):
        return text.replace("\t", "    ") if "\t" in text else text
    return _UNSAFE.sub(_spell, text).replace("\t", "    ")


def one_line(text: str) -> str:
    """Like :func:`visible`, with line breaks shown as ``⏎`` so a value stays on one line."""
    return visible(text.replace("\r\n", "\n").replace("\n", " ⏎ "))


def name(text: str) -> str:
    """A file name or an id inside a located message: every control character, line
    breaks and tabs included, spelled out, so ``FILE:LINE:COL`` stays one line."""
    return _UNSAFE_ALL.sub(_spell, text)


def clean(text: str) -> str:
    """Text to keep: bytes that were not UTF-8 shown as ``\\xe9``, everything else as is."""
    return _SURROGATE.sub(_spell, text) if _SURROGATE.search(text) else text


def clean_any(value: Any) -> Any:
    """:func:`clean` over every string in nested lists, tuples and dicts (keys too)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean_any(k): clean_any(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(clean_any(v) for v in value)
    return value


def noun(count: int, word: str, many: str | None = None) -> str:
    """``word`` for one (or minus one), else its plural: ``many``, or ``word`` + s."""
    return word if abs(count) == 1 else (many or word + "s")


def plural(count: int, word: str, many: str | None = None) -> str:
    """A count in words: ``1 session``, ``0 sessions``, ``2 follow-ups``."""
    return f"{count} {noun(count, word, many)}"


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_text(text: str) -> str:
    """JSON text made by another encoder, with the characters :func:`dumps` escapes
    escaped (they can only stand inside JSON strings, so this keeps it valid)."""
    return _JSON_UNSAFE.sub(_json_escape, text)


def dumps(data: Any, indent: int | None = None) -> str:
    """JSON with non-ASCII text kept readable, and control, bidi and undecodable
    characters as ``\\u`` escapes (never raw)."""
    import json

    out = json.dumps(clean_any(data), indent=indent, ensure_ascii=False, default=_jsonable)
    return _JSON_UNSAFE.sub(_json_escape, out)


def _jsonable(value: object) -> object:
    """Bytes where text was expected (a store row written by hand): kept, bad bytes shown."""
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("utf-8", "backslashreplace")
    raise TypeError(f"{type(value).__name__} is not JSON")


MEASURE = 100  # the widest a message is wrapped to: longer lines are hard to read


def fitted(text: str, columns: int | None = None, keep: tuple[str, ...] = ()) -> str:
    """``text`` wrapped on words to the terminal (``columns``, else the terminal's width,
    at most :data:`MEASURE`): a word, an id or a command is never split, and each of
    ``keep`` (a command to copy) stays on one line when it fits one."""
    import shutil
    import textwrap

    width = max(min(columns or shutil.get_terminal_size().columns, MEASURE) - 1, 20)
    glue = "\x00"  # (no message holds NUL: the gate spells it)
    for part in keep:
        if len(part) <= width:
            text = text.replace(part, part.replace(" ", glue))
    return "\n".join(textwrap.fill(line, width, break_long_words=False,
                                   break_on_hyphens=False) if line else ""
                     for line in text.split("\n")).replace(glue, " ")
