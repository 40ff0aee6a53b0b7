"""``recover run --answers FILE``: a whole run from a YAML or JSON file, no prompts.

The file holds ``fields`` (field id to value) and ``steps``, one entry per step visited,
in order: ``{status: done|skip, note: text or list, jump: true or a choice's label}``.
It is checked against the playbook as it is applied, and every problem is located
(``FILE:LINE:COL: steps[1].status: ...``) like a playbook's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import AnswersError
from .session import DONE, SKIP, Walk
from .yamldoc import Reader, open_document

if TYPE_CHECKING:
    from yaml import Node

TOP_KEYS = {"fields": False, "steps": False}
ENTRY_KEYS = {"status": False, "note": False, "jump": False}


def apply_answers(path: str, walk: Walk) -> None:
    """Apply an answers file to a fresh walk; raise :class:`AnswersError` if it is wrong."""
    root, r = open_document(path, AnswersError)
    top = r.mapping(root, "", TOP_KEYS)
    if top is None:
        r.raise_if_problems(AnswersError)
        return
    if "fields" in top:
        _fields(r, top["fields"], walk)
    for index, entry, where in r.items(top["steps"], "steps") if "steps" in top else ():
        if walk.finished:
            r.error(entry, where, f"the run already ended (after {index} step entries)")
            break
        if not _step(r, entry, where, walk):
            break  # where the run would go next is unknown: later entries cannot be checked
    r.raise_if_problems(AnswersError)


def _fields(r: Reader, node: Node, walk: Walk) -> None:
    known = {f.id for f in walk.playbook.fields}
    m = r.mapping(node, "fields", known | set(walk.session.fields))
    for key, value_node in (m or {}).items():
        value = r.text(value_node, f"fields.{key}")
        if value is None:
            continue
        before = walk.session.follow_up
        walk.set_field(key, value)
        if walk.session.follow_up != before and walk.session.follow_up is not None:
            from .when import follow_up_past

            when = walk.session.follow_up
            if follow_up_past(when):  # as --follow-up: with --answers nobody can confirm
                r.error(value_node, f"fields.{key}", f"{when} is in the past; "
                        "give a date from today on")


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
