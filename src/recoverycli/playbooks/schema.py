"""A JSON Schema of the playbook format, so editors check playbooks as they are typed.

It is built from the same key tables the loader checks against (``playbook.*_KEYS``); a
test keeps both and the dataclasses in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import model as pb

SCHEMA_ID = "https://github.com/recoverycli/recover/playbook.schema.json"

_TEXT: dict[str, Any] = {"type": ["string", "number"]}
_TEXTS: dict[str, Any] = {"oneOf": [_TEXT, {"type": "array", "items": _TEXT}]}
_SLUG: dict[str, Any] = {"type": "string", "pattern": pb.SLUG.pattern}
_REF: dict[str, Any] = {"type": ["string", "integer"],
                        "description": "a step id (a step's position when it has no id), or 'end'"}


def _object(keys: Mapping[str, bool], props: dict[str, Any], description: str) -> dict[str, Any]:
    assert set(props) == set(keys), set(props) ^ set(keys)
    return {
        "type": "object",
        "description": description,
        "properties": {k: props[k] for k in keys},
        "required": [k for k, req in keys.items() if req],
        "additionalProperties": False,
    }


def playbook_schema() -> dict[str, Any]:
    source = _object(pb.SOURCE_KEYS, {"author": _TEXT, "title": _TEXT, "url": _TEXT},
                     "who the advice comes from")
    field = _object(pb.FIELD_KEYS, {"id": _SLUG, "prompt": _TEXT, "required": {"type": "boolean"},
                                    "default": _TEXT}, "a case detail, used as {id} in text")
    wrap_up = _object(pb.WRAP_UP_KEYS, {"code": _SLUG, "label": _TEXT},
                      "a reason a call can be closed with: a code and what it means")
    choice = _object(pb.CHOICE_KEYS, {"label": _TEXT, "next": _REF}, "one answer to a question")
    ask = _object(pb.ASK_KEYS, {"question": _TEXT,
                                "choices": {"type": "array", "items": choice, "minItems": 1,
                                            "maxItems": 9}},
                  "a branch: the pick decides the next step")
    jump = _object(pb.JUMP_KEYS, {"label": _TEXT, "to": _REF},
                   "a detour the person may take instead of going on in order")
    step = _object(pb.STEP_KEYS, {
        "id": _SLUG, "title": _TEXT,
        "why": {**_TEXT, "description": "one line: why this step matters"},
        "do": {**_TEXTS, "description": "actions"},
        "say": {**_TEXTS, "description": "lines to say; may hold {field} placeholders"},
        "avoid": {**_TEXTS, "description": "what not to do or say"},
        "ask": ask, "jump": jump,
        "next": {**_REF, "description": "where to go after this step, when not the following one"},
        "cite": {**_TEXT, "description": "who this step's advice comes from, when not the source"},
    }, "one step of the script")
    from . import translations as tr

    entry = _object(tr.ENTRY_KEYS, {
        "text": {**_TEXT, "description": "the text in this language; may hold {field} "
                 "placeholders"},
        "source": {"type": "string", "pattern": tr.DIGEST,
                   "description": "the first 8 hex digits of the SHA-256 of the English it "
                   "translates (recover lint prints it); lint calls it stale when the English "
                   "changes"}}, "one translated string")
    translations = {
        "type": "object",
        "description": "the playbook's text in other languages, by language code; a run "
                       "in a language falls back to English string by string",
        "propertyNames": {"pattern": tr.LANGUAGE, "not": {"const": tr.SOURCE}},
        "additionalProperties": {
            "type": "object",
            "description": "where the English stands (title, steps.<id>.say.<n>, ...) -> "
                           "its translation",
            "propertyNames": {"pattern": tr.KEY},
            "additionalProperties": entry,
        },
    }
    top = _object(pb.PLAYBOOK_KEYS, {
        "id": _SLUG, "title": _TEXT, "summary": _TEXT, "source": source,
        "tags": {"type": "array", "items": _TEXT},
        "call_reminder_minutes": {"type": "integer", "minimum": 1, "maximum": 999999,
                                  "description":
                                  "the run's status line says when a call runs past this"},
        "fields": {"type": "array", "items": field},
        "wrap_up": {"type": "array", "items": wrap_up, "maxItems": pb.MAX_WRAP_UP,
                    "description": "the reasons a call can be closed with, asked at its end "
                                   "(one key each) and counted by the report"},
        "steps": {"type": "array", "items": step, "minItems": 1},
        "translations": translations,
    }, "a recover playbook")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "recover playbook", **top}
