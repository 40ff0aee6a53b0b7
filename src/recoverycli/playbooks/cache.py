"""A cache of parsed playbooks, so ``list``, ``show`` and ``run`` need not import or run the
YAML parser when no playbook file has changed (about a tenth of their start-up time).

Each file is keyed by path, size, modification and change times (in nanoseconds), inode and
device, so a file rewritten with the same size and mtime is not served stale (its ctime
and usually its inode change); the whole cache is keyed by the package version and the
size cap; any mismatch means the file is parsed again. The cache is ``marshal`` data
(built in, fast) of plain tuples in the user cache dir, written atomically at 0600 into a
0700 folder; a cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any

from recoverycli import __version__
from recoverycli.errors import Problem

from .model import Ask, Choice, Field, Jump, Playbook, Source, Step, WrapUp
from .translations import Translation

FORMAT = 4  # 3: playbooks carry their translations; 4: and a published version and hash
Stamp = tuple[int, int, int, int, int]  # mtime_ns, size, inode, device, ctime_ns
Record = tuple[Stamp, bool, Any]  # stamp, ok, plain playbook or plain problems


def stamp(path: Path) -> Stamp | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino, info.st_dev, info.st_ctime_ns


def plain(value: Any) -> Any:
    """NamedTuples (which marshal cannot write) as plain nested tuples."""
    if isinstance(value, tuple):
        return tuple(plain(item) for item in value)
    return value


def encode_playbook(playbook: Playbook) -> Any:
    return plain(playbook)


def decode_playbook(data: Any) -> Playbook:
    pid, title, steps, summary, source, tags, fields, path, *later = data
    if len(later) > 1:  # wrap_up, as plain pairs
        later[1] = tuple(WrapUp(*w) for w in later[1])
    if len(later) > 2:  # translations, as plain tuples
        later[2] = tuple(Translation(*t) for t in later[2])
    return Playbook(
        pid, title, tuple(_step(s) for s in steps), summary,
        Source(*source) if source else None, tuple(tags), tuple(Field(*f) for f in fields), path,
        *later)  # fields added since (call_reminder_minutes, wrap_up, translations)


def _step(data: Any) -> Step:
    sid, title, why, do, say, avoid, ask, jump, nxt, cite = data
    return Step(sid, title, why, do, say, avoid,
                Ask(ask[0], tuple(Choice(*c) for c in ask[1])) if ask else None,
                Jump(*jump) if jump else None, nxt, cite)


def decode_problems(data: Any) -> list[Problem]:
    return [Problem(*p) for p in data]


class PlaybookCache:
    def __init__(self, file: Path, cap: int) -> None:
        self.file = file
        self.key = (FORMAT, __version__, cap)
        self.records: dict[str, Record] = {}
        self.changed = False
        try:
            key, records = marshal.loads(file.read_bytes())
            if key == self.key and isinstance(records, dict):
                self.records = records
        except Exception:  # a missing, old or damaged cache is simply rebuilt
            self.records = {}

    def get(self, path: str, current: Stamp) -> Record | None:
        record = self.records.get(path)
        return record if record is not None and record[0] == current else None

    def put(self, path: str, current: Stamp, ok: bool, payload: Any) -> None:
        self.records[path] = (current, ok, payload)
        self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        from recoverycli.errors import RecoverError
        from recoverycli.paths import private_dir, write_private

        try:
            private_dir(self.file.parent)
            write_private(str(self.file), marshal.dumps((self.key, self.records)),
                          replace_link=True)
        except (OSError, RecoverError):
            pass  # the cache is an optimisation; a read-only home must not break a call
