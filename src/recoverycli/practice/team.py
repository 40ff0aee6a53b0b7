"""A team's own coach rules (``coach.yaml``): switch built-in categories off, add rules.

Team patterns are regular expressions written by users, so they run on a linear-time
engine (google-re2): no pattern can make a check take exponential time. A pattern re2
cannot compile is a located FILE:LINE:COL error; rule ids are a safe charset (so they can
never carry terminal escape codes); a rules file must be a regular file (a FIFO or a
device is refused before it is opened, never waited on).
"""

from __future__ import annotations

import os
import re
import stat
from typing import NamedTuple

from recoverycli.errors import UsageError
from recoverycli.i18n import _, ngettext, number
from recoverycli.practice.rules import BY_ID

RULE_KEYS = {"id": True, "patterns": True, "unless": False, "why": True, "source": False,
             "better": True, "examples": False}
FILE_KEYS = {"rules": False, "disable": False}
# Rule ids before issue 11, still accepted in ``disable``.
ALIASES = {"blame": "blame-third-party", "calm-down": "telling-feelings",
           "not-my-job": "cold-transfer", "as-i-told-you": "as-i-said"}
SAFE_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}\Z")
MAX_PATTERN = 2000



class TeamRule(NamedTuple):
    """A team's own rule: regular expressions over the original text (see ``team``)."""
    id: str
    patterns: tuple[object, ...]   # compiled linear-time regexes (re2) with .finditer
    why: str
    better: str
    source: str | None
    unless: tuple[object, ...] = ()


def _regular_file(path: str) -> None:
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise UsageError(_("{path}: no such rules file").format(path=path)) from None
    except OSError as exc:
        raise UsageError(_("{path}: cannot read: {reason}").format(
            path=path, reason=exc.strerror)) from None
    if not stat.S_ISREG(mode):
        from recoverycli.paths import _kind

        raise UsageError(_("{path}: {kind} (a rules file must be a plain file)").format(
            path=path, kind=_kind(mode)))


def _compile(text: str) -> object:
    import re2

    options = re2.Options()
    options.case_sensitive = False
    options.max_mem = 8 << 20
    options.log_errors = False  # the error is reported, located; re2 must not print it too
    return re2.compile(text, options)


def _re2_message(exc: Exception) -> str:
    """re2's message as text: its errors carry bytes (``b'missing ): caf\\xc3\\xa9 ('``),
    which would show the pattern in Python's quoting, not as the user wrote it."""
    arg = exc.args[0] if len(exc.args) == 1 else None
    if isinstance(arg, bytes):
        return arg.decode("utf-8", "replace")
    return str(exc)


def load_rule_file(path: str) -> tuple[list[TeamRule], list[str]]:
    """Rules and disabled ids from one file; every problem located, all at once."""
    from recoverycli.playbooks.yamldoc import open_document

    _regular_file(path)
    root, r = open_document(path)
    top = r.mapping(root, "", FILE_KEYS)
    rules: list[TeamRule] = []
    disabled: list[str] = []
    if top and "disable" in top:
        for _index, node, where in r.items(top["disable"], "disable"):
            rid = r.text(node, where)
            if rid is not None and not SAFE_ID.match(rid):
                r.error(node, where, _("not a rule id (lower-case letters, digits, - and _)"))
            elif rid is not None:
                disabled.append(ALIASES.get(rid, rid))
    for _index, node, where in r.items(top["rules"], "rules") if top and "rules" in top else ():
        m = r.mapping(node, where, RULE_KEYS, [k for k, req in RULE_KEYS.items() if req])
        if m is None:
            continue
        rid = r.text(m["id"], f"{where}.id") if "id" in m else None
        if rid is not None and not SAFE_ID.match(rid):
            r.error(m["id"], f"{where}.id",
                    _("not a rule id: use 1-40 lower-case letters, digits, - and _"))
            rid = None
        compiled: list[tuple[object, ...]] = []
        for kind in ("patterns", "unless"):
            out: list[object] = []
            items = list(r.items(m[kind], f"{where}.{kind}")) if kind in m else []
            for _index, pnode, ppath in items:
                text = r.text(pnode, ppath)
                if text is None:
                    continue
                if len(text) > MAX_PATTERN:
                    r.error(pnode, ppath, ngettext(
                        "pattern longer than {count} character",
                        "pattern longer than {count} characters", MAX_PATTERN).format(
                            count=number(MAX_PATTERN)))
                    continue
                try:
                    out.append(_compile(text))
                except Exception as exc:  # re2.error, and re2's own ValueErrors
                    r.error(pnode, ppath, _("not a pattern the coach can run in linear time "
                                            "(re2: {message})").format(
                                                message=_re2_message(exc)))
            compiled.append(tuple(out))
        why = r.text(m["why"], f"{where}.why") if "why" in m else None
        better = r.text(m["better"], f"{where}.better") if "better" in m else None
        source = r.text(m["source"], f"{where}.source") if "source" in m else None
        if rid and why and better and compiled[0]:
            rules.append(TeamRule(rid, compiled[0], why, better, source, compiled[1]))
    r.raise_if_problems()
    return rules, disabled


def load_team(extra: list[str], user: bool = True) -> tuple[set[str], list[TeamRule]]:
    """Disabled ids and team rules: the user's ``coach.yaml`` then ``extra`` files.
    A later rule with an id already known replaces it; ``disable`` removes ids."""
    files: list[str] = []
    if user:
        from recoverycli.paths import user_config_dir

        own = user_config_dir() / "coach.yaml"
        if own.exists():
            files.append(str(own))
    files += extra
    known = set(BY_ID)
    by_id: dict[str, TeamRule] = {}
    disabled: set[str] = set()
    for file in files:
        rules, off = load_rule_file(file)
        for rule in rules:
            by_id[rule.id] = rule
            known.add(rule.id)
            disabled.discard(rule.id)
        for rid in off:
            if rid not in known:
                raise UsageError(_("{path}: cannot disable '{id}': no such rule (rules: "
                                   "{known})").format(path=file, id=rid,
                                                      known=", ".join(sorted(known))))
            disabled.add(rid)
            by_id.pop(rid, None)
    return disabled, list(by_id.values())

