"""``recover run --answers FILE``: a whole run from a YAML or JSON file, no prompts.

The file holds ``fields`` (field id to value) and ``steps``, one entry per step visited,
in order: ``{status: done|skip, note: text or list, jump: true or a choice's label}``.
It is checked against the playbook as it is applied, and every problem is located
(``FILE:LINE:COL: steps[1].status: ...``) like a playbook's.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from recoverycli.errors import AnswersError, DocumentError, UsageError
from recoverycli.playbooks.session import DONE, SKIP, Walk
from recoverycli.playbooks.yamldoc import Reader, compose, max_bytes_from_env, read_capped

if TYPE_CHECKING:
    from yaml import Node

TOP_KEYS = {"fields": False, "wrap_up": False, "steps": False}
ENTRY_KEYS = {"status": False, "note": False, "jump": False}


def apply_answers(path: str, walk: Walk, given: Collection[str] = ()) -> None:
    """Apply an answers file to a fresh walk; raise :class:`AnswersError` if it is wrong.
    The fields in ``given`` were set on the command line, which wins: the file's values
    for them are neither applied nor checked.

    A JSON file that holds nothing to report is applied straight from the ``json`` module
    (composing 95,000 entries with their locations took longer than running them); any
    other file, or anything unusual in one, is read by the located reader from the start,
    which says where each problem is."""
    try:
        data = read_capped(path, max_bytes_from_env())
    except DocumentError as exc:
        raise AnswersError(exc.problems) from None
    plain = _plain_json(data)
    if plain is not None and _apply_plain(plain, walk, given):
        return
    try:
        root = compose(path, data)
    except DocumentError as exc:
        raise AnswersError(exc.problems) from None
    r = Reader(path)
    top = r.mapping(root, "", TOP_KEYS)
    if top is None:
        r.raise_if_problems(AnswersError)
        return
    if "fields" in top:
        _fields(r, top["fields"], walk, given)
    if "wrap_up" in top:
        code = r.text(top["wrap_up"], "wrap_up")
        codes = [w.code for w in walk.playbook.wrap_up]
        if code is not None and code not in codes:
            r.error(top["wrap_up"], "wrap_up", f"'{code}' is not a wrap-up code of this "
                    f"playbook (codes: {', '.join(codes) or 'none'})")
        elif code is not None:
            walk.session.wrap_up = code
    for index, entry, where in r.items(top["steps"], "steps") if "steps" in top else ():
        if walk.finished:
            r.error(entry, where, f"the run already ended (after {index} step entries)")
            break
        if not _step(r, entry, where, walk):
            break  # where the run would go next is unknown: later entries cannot be checked
    r.raise_if_problems(AnswersError)


def _fields(r: Reader, node: Node, walk: Walk, given: Collection[str] = ()) -> None:
    known = {f.id for f in walk.playbook.fields}
    m = r.mapping(node, "fields", known | set(walk.session.fields))
    for key, value_node in (m or {}).items():
        if key in given:
            continue  # the command line's value stands
        value = r.text(value_node, f"fields.{key}")
        if value is None:
            continue
        problem = _set_field(walk, key, value)
        if problem is not None:  # as --follow-up: with --answers nobody is asked
            r.error(value_node, f"fields.{key}", problem)


def _set_field(walk: Walk, key: str, value: str) -> str | None:
    """Set a field; what is wrong with the follow-up it names (a date in the past, or a
    date that cannot be read: with --answers nobody is asked at the end), else None."""
    from recoverycli.playbooks.session import FOLLOW_UP_FIELD
    from recoverycli.when import FOLLOW_UP_FORMS, follow_up_past, local_today, parse_follow_up

    walk.set_field(key, value)
    if key != FOLLOW_UP_FIELD:
        return None
    try:
        when = parse_follow_up(value, local_today())
    except UsageError as exc:  # free text ("when the part arrives") is kept as said; a
        # date gone wrong (2026-13-01, 25:00, ten years out, "tomorow") is located
        if "no such time" in exc.message or "years away" in exc.message:
            return exc.message
        import difflib

        word = value.strip().lower()
        near = difflib.get_close_matches(word.split()[0] if word else "",
                                         ["today", "tomorrow"], n=1, cutoff=0.75)
        if word[:1].isdigit() or near:
            hint = f"; did you mean '{near[0]}'?" if near else f"; use {FOLLOW_UP_FORMS}"
            return f"cannot read '{value}' as a follow-up{hint}"
        return None
    if follow_up_past(when):
        return f"{when} is in the past; give a date from today on"
    return None


def _step(r: Reader, entry: Node, where: str, walk: Walk) -> bool:
    import yaml

    step = walk.current
    assert step is not None
    m = r.mapping(entry, where, ENTRY_KEYS)
    if m is None:
        return False
    status = DONE
    if "status" in m:
        value = r.text(m["status"], f"{where}.status")
        if value not in (DONE, SKIP, None):
            r.error(m["status"], f"{where}.status", f"'{value}' is not done or skip")
            return False
        status = value or DONE
    notes = r.texts(m["note"], f"{where}.note") if "note" in m else ()
    for note in notes:
        walk.add_note(note)
    choice = None
    jump = False
    labels = [c.label for c in step.ask.choices] if step.ask else []
    if "jump" in m:
        node = m["jump"]
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            jump = bool(r.boolean(node, f"{where}.jump"))
            if jump and step.jump is None:
                r.error(node, f"{where}.jump", f"step {walk.number} ('{step.title}') has no "
                        "jump")
                return False
        else:
            label = r.text(node, f"{where}.jump")
            if label is None:
                return False
            if label not in labels:
                choices = ", ".join(repr(x) for x in labels) or "none"
                r.error(node, f"{where}.jump", f"'{label}' is not a choice of step "
                        f"{walk.number} ('{step.title}'); choices: {choices}")
                return False
            choice = labels.index(label)
    if step.ask is not None and status == DONE and choice is None and not jump:
        r.error(entry, where, f"step {walk.number} asks '{step.ask.question}': give "
                f"jump: one of {', '.join(repr(x) for x in labels)}")
        return False
    walk.complete(status, choice=choice, jump=jump)
    return True


# What the located (YAML) reader might read otherwise than ``json`` does, or refuse: tabs,
# control characters, the line breaks YAML folds, surrogates (raw, or escaped: YAML refuses
# a surrogate pair that JSON reads as one character), the byte-order mark.
_UNUSUAL = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff"
                      "\ud800-\udfff\ufffe\uffff]|\\\\u[dD][89a-fA-F]")


class _Duplicate(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Duplicate  # the located reader names the duplicate key
    return out


def _plain_json(data: bytes) -> dict[str, Any] | None:
    """The file as a JSON object, if it is one with nothing unusual in it; else None."""
    import json

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _UNUSUAL.search(text):
        return None
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates)
    except (ValueError, RecursionError, _Duplicate):
        return None
    return value if isinstance(value, dict) else None


def _text(value: object) -> bool:
    """Text the located reader takes as is (it refuses empty text)."""
    return isinstance(value, str) and bool(value.strip())


def _apply_plain(data: dict[str, Any], walk: Walk, given: Collection[str] = ()) -> bool:
    """Apply answers read by ``json``, if every value is one the located reader takes
    without a problem; else put the walk back as it was (it is fresh: a few fields, one
    open step) and return False."""
    import copy

    saved = {key: copy.deepcopy(value) for key, value in vars(walk.session).items()
             if key != "outline"}  # every title of the playbook: answers never change it
    entered = walk._entered
    if _apply_checked(data, walk, given):
        return True
    vars(walk.session).update(saved)
    walk._entered = entered
    return False


def _apply_checked(data: dict[str, Any], walk: Walk, given: Collection[str]) -> bool:
    """What :func:`_fields` and :func:`_step` do, on values from ``json``: False at the
    first thing they would report."""
    fields, steps = data.get("fields"), data.get("steps")
    if not set(data) <= TOP_KEYS.keys() or not isinstance(fields, dict | None) \
            or not isinstance(steps, list | None):
        return False
    if "wrap_up" in data:
        if data["wrap_up"] not in [w.code for w in walk.playbook.wrap_up]:
            return False  # the located reader says where
        walk.session.wrap_up = data["wrap_up"]
    known = {f.id for f in walk.playbook.fields} | set(walk.session.fields)
    values = {k: v for k, v in (fields or {}).items() if v is not None}
    if not set(fields or ()) <= known or not all(_text(v) for v in values.values()):
        return False
    for key, value in values.items():
        if key in given:
            continue  # the command line's value stands
        if _set_field(walk, key, value) is not None:
            return False  # the located reader says where
    for entry in steps or ():
        step = walk.current
        if step is None or not isinstance(entry, dict) or not entry.keys() <= ENTRY_KEYS.keys():
            return False  # the run already ended, or an entry to report
        status = DONE if entry.get("status") is None else entry["status"]
        note = entry.get("note")
        notes = tuple(note) if isinstance(note, list) else () if note is None else (note,)
        if status not in (DONE, SKIP) or (notes and not all(_text(n) for n in notes)):
            return False
        jump, choice = entry.get("jump"), None
        if jump is not None and not isinstance(jump, bool):
            labels = [c.label for c in step.ask.choices] if step.ask else []
            if not _text(jump) or jump not in labels:
                return False
            choice, jump = labels.index(jump), False
        if (jump and step.jump is None) or (step.ask is not None and status == DONE
                                            and choice is None and not jump):
            return False
        for text in notes:
            walk.add_note(text)
        walk.complete(status, choice=choice, jump=bool(jump))
    return True
