"""Reading YAML with locations: the shared door for playbooks, answers files and scenarios.

PyYAML's constructors lose line numbers and silently keep the last of two duplicate keys,
so documents are *composed* (libyaml's CSafeLoader builds the node tree with marks) and
walked by :class:`Reader`, which records every problem as ``FILE:LINE:COL: path: message``
and keeps going, so that all problems of a file are reported at once.

Hostile input is stopped here: files over a size cap are refused before they are read,
binary and non-UTF-8 files are named as such, tags other than the plain YAML ones are
errors (never constructed), and anchors/aliases are rejected because a few lines of them
expand into billions of nodes once the result is walked.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING, Any

from recoverycli.errors import DocumentError, Problem
from recoverycli.i18n import N_, _

if TYPE_CHECKING:
    from yaml import Node

DEFAULT_MAX_BYTES = 1024 * 1024
MAX_BYTES_ENV = "RECOVER_MAX_PLAYBOOK_BYTES"

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_NULL = "tag:yaml.org,2002:null"
_PLAIN_TAGS = frozenset(
    {_STR, _INT, _FLOAT, _BOOL, _NULL, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
     "tag:yaml.org,2002:timestamp"}
)
# Anchors and aliases are found on the parser's events (a text with neither '&' nor '*'
# cannot hold one, which keeps the scan off the common path); the first few are reported.
_MAX_ANCHOR_PROBLEMS = 10


MAX_MAX_BYTES = 1024 * 1024 * 1024  # the highest cap that can be set: 1 GiB


def max_bytes_from_env() -> int:
    """The size cap for YAML documents: ``RECOVER_MAX_PLAYBOOK_BYTES`` or 1 MiB."""
    raw = os.environ.get(MAX_BYTES_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    if not raw.isascii() or not raw.isdigit() or not 0 < int(raw) <= MAX_MAX_BYTES:
        from recoverycli.errors import UsageError
        from recoverycli.text import one_line

        raise UsageError(one_line(f"{MAX_BYTES_ENV} must be a number of bytes from 1 to "
                                  f"{MAX_MAX_BYTES}, not '{raw[:40]}'"))
    return int(raw)


def _human(n: int) -> str:
    if n >= 1024 * 1024 and n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MiB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} KiB"
    return f"{n} bytes"


def read_capped(path: str, max_bytes: int) -> bytes:
    """Read a file, refusing it before reading when it is larger than ``max_bytes``."""
    from recoverycli.paths import NotRegularFile, open_regular

    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise DocumentError([Problem(path, 1, 1, "", _(
                    "file is {size}, over the {limit} limit (set {variable} to raise it)"
                ).format(size=_human(size), limit=_human(max_bytes),
                         variable=MAX_BYTES_ENV))])
            data = handle.read(max_bytes + 1)
    except NotRegularFile as exc:
        raise DocumentError([Problem(path, 1, 1, "", exc.what)]) from None
    except FileNotFoundError:
        raise DocumentError([Problem(path, 1, 1, "", _("no such file"))]) from None
    except OSError as exc:
        raise DocumentError([Problem(path, 1, 1, "", _("cannot read: {reason}").format(
            reason=exc.strerror))]) from None
    if len(data) > max_bytes:
        too_big = _("file is over the {limit} limit").format(limit=_human(max_bytes))
        raise DocumentError([Problem(path, 1, 1, "", too_big)])
    return data


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1


def _surrogate_pairs(text: str) -> str:
    """JSON's escape of a character beyond the first 65,536 - a surrogate pair,
    ``\\ud83d\\ude4f`` as Python's json.dump writes an emoji - as YAML's own escape of it
    (``\\U0001f64f``): libyaml refuses the pair ("invalid Unicode character escape
    code"), so a valid JSON file was refused (a red team)."""
    import re

    def joined(m: re.Match[str]) -> str:
        high, low = int(m.group(1), 16), int(m.group(2), 16)
        return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08x}"

    return re.sub(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", joined, text,
                  flags=re.IGNORECASE)


def _reject_lone_surrogates(name: str, text: str) -> None:
    """A ``\\ud800`` escape left without its other half stands for no character: said as
    what it is, where it is (libyaml's "invalid Unicode character escape code" under
    "YAML syntax" puzzled a red team writing JSON)."""
    import re

    problems = []
    for m in re.finditer(r"(?<!\\)((?:\\\\)*)\\u(d[89a-f][0-9a-f]{2})", text, re.IGNORECASE):
        line, col = _text_line_col(text, m.start() + len(m.group(1)))
        problems.append(Problem(name, line, col, "", _(
            "\\u{code} is half of a character (a lone surrogate) and stands for none: write "
            "the character itself").format(code=m.group(2).lower())))
    if problems:
        raise DocumentError(problems)


def compose(name: str, data: bytes) -> Node:
    """Decode and compose one YAML document, or raise :class:`DocumentError` saying why not."""
    import yaml

    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(data, nul)
        binary = _("binary data (a NUL byte), not a text file")
        raise DocumentError([Problem(name, line, col, "", binary)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        raise DocumentError([Problem(name, line, col, "", _(
            "not UTF-8 text (byte {byte}); save the file as UTF-8").format(
                byte=f"0x{data[exc.start]:02x}"))]) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise DocumentError([Problem(name, 1, 1, "", _("file is empty"))])
    _reject_controls(name, text)
    if ("\\ud" in text or "\\uD" in text) and text.lstrip()[:1] in ("{", "["):  # JSON
        text = _surrogate_pairs(text)
        _reject_lone_surrogates(name, text)
    if "&" in text or "*" in text:
        _reject_anchors(name, text)
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise DocumentError(_syntax_problems(name, text, exc)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses: where it is
        line, col = _text_line_col(text, int(exc.position))
        raise DocumentError([Problem(name, line, col, "", (
            _("YAML syntax: character {code} is not allowed in YAML text").format(
                code=f"U+{exc.character:04X}")
            if isinstance(exc.character, int) else "YAML syntax: a character YAML refuses"))
        ]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml marks its errors
        raise DocumentError([Problem(name, 1, 1, "", _("YAML syntax: {what}").format(
            what=exc))]) from None
    if node is None:
        raise DocumentError([Problem(name, 1, 1, "", _("file is empty (only comments)"))])
    return node


def open_document(path: str, error: type[DocumentError] = DocumentError
                  ) -> tuple[Node, Reader]:
    """Read a file (within the size cap), compose it, and start a :class:`Reader` on it;
    every problem so far is raised as ``error``, the caller's kind of document error."""
    try:
        root = compose(path, read_capped(path, max_bytes_from_env()))
    except DocumentError as exc:
        if isinstance(exc, error):
            raise
        raise error(exc.problems) from None
    return root, Reader(path)


_CONTROLS = None  # compiled on the first file that has one (most never do)
_NAMES = {0x1B: "ESC", 0x07: "BEL", 0x08: "BS", 0x7F: "DEL", 0x9B: "CSI"}


def _text_line_col(text: str, offset: int) -> tuple[int, int]:
    offset = max(0, min(offset, len(text)))
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _reject_controls(name: str, text: str) -> None:
    """Control characters (a terminal's escape codes among them) are refused, each where it
    is, before YAML's reader says "position 23" of a string it made: the same characters
    YAML refuses, all at once (up to 20)."""
    import re

    global _CONTROLS
    if _CONTROLS is None:
        _CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
    problems = []
    for match in _CONTROLS.finditer(text):
        code = ord(match.group())
        line, col = _text_line_col(text, match.start())
        called = f" ({_NAMES[code]})" if code in _NAMES else ""
        problems.append(Problem(name, line, col, "", _(
            "control character {code}{called} is not allowed in this file (terminal codes "
            "are refused; write the text itself)").format(code=f"U+{code:04X}",
                                                          called=called)))
        if len(problems) == 20:
            break
    if problems:
        raise DocumentError(problems)


def _reject_anchors(name: str, text: str) -> None:
    import yaml

    problems = []
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            anchor = getattr(event, "anchor", None)
            if anchor is None:
                continue
            mark = event.start_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            message = _("YAML alias '{anchor}' is not allowed; write the value out in full") \
                if isinstance(event, yaml.AliasEvent) else \
                _("YAML anchor '{anchor}' is not allowed; write the value out in full")
            problems.append(Problem(name, line, col, "", message.format(anchor=anchor)))
            if len(problems) >= _MAX_ANCHOR_PROBLEMS:
                break  # a file of aliases is refused in the time it takes to find them
    except yaml.YAMLError:
        return  # composing will report the syntax error with its location
    if problems:
        raise DocumentError(problems)


def _syntax_problems(name: str, text: str, exc: Any) -> list[Problem]:
    tabs = [
        Problem(name, number, len(line) - len(line.lstrip(" ")) + 1, "",
                _("tab character used for indentation; YAML indents with spaces"))
        for number, line in enumerate(text.splitlines(), start=1)
        if line.lstrip(" ").startswith("\t")
    ]
    if tabs:
        return tabs
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = exc.problem or "invalid YAML"
    if exc.context:
        what = f"{what} ({exc.context})"
    return [Problem(name, line, col, "", _("YAML syntax: {what}").format(what=what))]


def kind_of(node: Node) -> str:
    """A reader's word for what a node holds, for 'expected X, got Y' messages."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        return _("a mapping")
    if isinstance(node, yaml.SequenceNode):
        return _("a list")
    kinds = {_STR: N_("text"), _INT: N_("a number"), _FLOAT: N_("a number"),
             _BOOL: N_("true/false"), _NULL: N_("nothing (null)")}
    return str(kinds[node.tag]) if node.tag in kinds else _("a value tagged {tag}").format(
        tag=node.tag)


class Reader:
    """Walks composed nodes, converting them to Python values and recording problems."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []

    def error(self, node: Node, path: str, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1, path, message))

    def raise_if_problems(self, error: type[DocumentError] = DocumentError) -> None:
        if self.problems:
            raise error(self.problems)

    def _tag_ok(self, node: Node, path: str) -> bool:
        if node.tag in _PLAIN_TAGS:
            return True
        self.error(node, path, _("tag '{tag}' is not allowed (only plain YAML values)").format(
            tag=node.tag))
        return False

    def mapping(
        self,
        node: Node,
        path: str,
        allowed: Collection[str],
        required: Collection[str] = (),
    ) -> dict[str, Node] | None:
        """The keys of a mapping node; duplicates, unknown and missing keys are problems."""
        import yaml

        if not self._tag_ok(node, path):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.error(node, path, _("expected a mapping of keys to values, got {kind}").format(
                kind=kind_of(node)))
            return None
        out: dict[str, Node] = {}
        first: dict[str, Node] = {}
        for key_node, value in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            where = f"{path}.{key}" if path and key else (key or path)
            if not isinstance(key, str) or key_node.tag not in (_STR, _INT, _BOOL, _NULL):
                self.error(key_node, path, _("keys must be plain words"))
                continue
            if key in first:
                line = first[key].start_mark.line + 1
                self.error(key_node, where, _("duplicate key '{key}' (first given on line {line})"
                                              ).format(key=key, line=line))
                continue
            first[key] = key_node
            if key not in allowed:
                self.error(key_node, where, _unknown_key(key, allowed))
                continue
            if value.tag == _NULL and key not in required:
                continue  # an optional key with no value is the same as leaving it out
            out[key] = value
        for key in required:
            if key not in out and key not in first:
                self.error(node, path, _("missing required key '{key}'").format(key=key))
            elif key not in out:
                self.error(first[key], f"{path}.{key}" if path else key, _("needs a value"))
        return out

    def sequence(self, node: Node, path: str) -> list[Node] | None:
        import yaml

        if not self._tag_ok(node, path):
            return None
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, path, _("expected a list, got {kind}").format(kind=kind_of(node)))
            return None
        return list(node.value)

    def text(self, node: Node, path: str) -> str | None:
        """A text value. Numbers and dates are taken as written (``follow_up: 2026-12-01``
        unquoted is the date as typed); true/false and null are problems."""
        if not self._tag_ok(node, path):
            return None
        if node.tag in (_STR, _INT, _FLOAT, _TIMESTAMP) and isinstance(node.value, str):
            if not node.value.strip():
                self.error(node, path, _("is empty"))
                return None
            return str(node.value)
        hint = _(" (put it in quotes to mean the word)") if node.tag == _BOOL else ""
        self.error(node, path, _("expected text, got {kind}{hint}").format(
            kind=kind_of(node), hint=hint))
        return None

    def texts(self, node: Node, path: str) -> tuple[str, ...]:
        """One text or a list of texts, as a tuple."""
        import yaml

        if isinstance(node, yaml.SequenceNode):
            items = self.sequence(node, path) or []
            values = (self.text(item, f"{path}[{i}]") for i, item in enumerate(items))
            return tuple(v for v in values if v is not None)
        value = self.text(node, path)
        return (value,) if value is not None else ()

    def boolean(self, node: Node, path: str) -> bool | None:
        if node.tag == _BOOL and isinstance(node.value, str):
            return node.value.lower() in ("true", "yes", "on", "y")
        self.error(node, path, _("expected true or false, got {kind}").format(
            kind=kind_of(node)))
        return None

    def items(self, node: Node, path: str) -> Iterator[tuple[int, Node, str]]:
        """Each entry of a list node with its index and path, e.g. ``steps[2]``."""
        for index, item in enumerate(self.sequence(node, path) or []):
            yield index, item, f"{path}[{index}]"


def _unknown_key(key: str, allowed: Collection[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
    if close:
        return _("unknown key '{key}'; did you mean '{near}'?").format(key=key, near=close[0])
    return _("unknown key '{key}' (allowed: {allowed})").format(key=key,
                                                                allowed=", ".join(allowed))
