"""The playbook model, and loading it from YAML with every problem located.

A playbook is a recovery script: case fields (the customer's name, what went wrong, the
fix, the offer) and an ordered list of steps. Steps run in order unless a step's ``ask``
(a choice), ``jump`` (an optional detour, like Hyken's hand-off) or ``next`` says
otherwise. Loading validates at the door: the result is frozen and typed, or a
:class:`~recoverycli.errors.PlaybookError` lists everything that is wrong.

The key tables below are the single description of the format: the loader checks keys
against them and :mod:`recoverycli.playbooks.schema` is tested against them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from recoverycli.errors import DocumentError, PlaybookError
from recoverycli.i18n import N_, _

from .translations import Translation
from .yamldoc import Reader, compose, max_bytes_from_env, read_capped

if TYPE_CHECKING:
    from yaml import Node

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_-]+)\}")
END = "end"  # a reference that finishes the run

# key -> required?  (insertion order is the documented order)
PLAYBOOK_KEYS = {"id": True, "title": True, "summary": False, "source": False, "tags": False,
                 "call_reminder_minutes": False, "fields": False, "wrap_up": False,
                 "steps": True, "translations": False}
WRAP_UP_KEYS = {"code": True, "label": True}
MAX_WRAP_UP = 9  # one key each, 1 to 9
SOURCE_KEYS = {"author": True, "title": True, "url": False}
FIELD_KEYS = {"id": True, "prompt": True, "required": False, "default": False}
STEP_KEYS = {"id": False, "title": True, "why": False, "do": False, "say": False,
             "avoid": False, "ask": False, "jump": False, "next": False, "cite": False}
ASK_KEYS = {"question": True, "choices": True}
MAX_CHOICES = 9
CHOICE_KEYS = {"label": True, "next": False}
JUMP_KEYS = {"label": True, "to": True}


class Source(NamedTuple):
    """Who the advice comes from: every built-in playbook cites its author."""

    author: str
    title: str
    url: str | None = None


class Field(NamedTuple):
    """A case detail asked for or filled in during a run, used in ``{placeholders}``."""

    id: str
    prompt: str
    required: bool = False
    default: str | None = None


class WrapUp(NamedTuple):
    """A reason a call can be closed with (``late-delivery``: "Late delivery"), asked at
    the end of the call and counted by the report."""

    code: str
    label: str


class Choice(NamedTuple):
    """One answer to a step's question; ``next`` is where it leads (default: on in order)."""

    label: str
    next: str | None = None


class Ask(NamedTuple):
    question: str
    choices: tuple[Choice, ...]


class Jump(NamedTuple):
    """A detour the person may take instead of going on in order."""

    label: str
    to: str


class Step(NamedTuple):
    id: str
    title: str
    why: str | None = None
    do: tuple[str, ...] = ()
    say: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    ask: Ask | None = None
    jump: Jump | None = None
    next: str | None = None
    cite: str | None = None


class Playbook(NamedTuple):
    id: str
    title: str
    steps: tuple[Step, ...]
    summary: str | None = None
    source: Source | None = None
    tags: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    path: str | None = None
    call_reminder_minutes: int | None = None  # the run's status line says when it is past
    wrap_up: tuple[WrapUp, ...] = ()  # the reasons a call can be closed with
    translations: tuple[Translation, ...] = ()  # its text in other languages (translations.py)
    version: int | None = None  # a team playbook: the published version (else None)
    content_hash: str | None = None  # and its content hash (sha256, hex)

    def wrap_up_label(self, code: str | None) -> str | None:
        return next((w.label for w in self.wrap_up if w.code == code), None)

    def index_of(self, step_id: str) -> int:
        """A step's position, by id: a dict lookup (built once per playbook), so a run of
        the largest playbook the size cap allows is not quadratic."""
        return _positions(self.steps)[step_id]

    def step(self, step_id: str) -> Step:
        return self.steps[self.index_of(step_id)]

    def number(self, step_id: str) -> int:
        """The 1-based position shown to people ("Step 3 of 7")."""
        return self.index_of(step_id) + 1

    def after(self, step_id: str) -> str | None:
        """Where a step leads when nothing is chosen: its ``next`` or the following step."""
        step = self.step(step_id)
        if step.next is not None:
            return None if step.next == END else step.next
        return self._following(step_id)

    def after_choice(self, step_id: str, choice: Choice) -> str | None:
        if choice.next is not None:
            return None if choice.next == END else choice.next
        return self._following(step_id)

    def _following(self, step_id: str) -> str | None:
        index = self.index_of(step_id) + 1
        return self.steps[index].id if index < len(self.steps) else None

    def field(self, field_id: str) -> Field | None:
        return next((f for f in self.fields if f.id == field_id), None)


_POSITIONS: dict[int, tuple[tuple[Step, ...], dict[str, int]]] = {}


def _positions(steps: tuple[Step, ...]) -> dict[str, int]:
    """Step id -> index for one steps tuple. The cache holds the tuple itself, so its id
    cannot be reused by another while the entry lives."""
    cached = _POSITIONS.get(id(steps))
    if cached is not None and cached[0] is steps:
        return cached[1]
    positions: dict[str, int] = {}
    for index, step in enumerate(steps):
        positions.setdefault(step.id, index)
    if len(_POSITIONS) > 64:
        _POSITIONS.clear()
    _POSITIONS[id(steps)] = (steps, positions)
    return positions


def outline_of(playbook: Playbook) -> dict[str, object]:
    """What a session keeps of its playbook, so history and exports never need the file."""
    return {
        "title": playbook.title,
        "author": playbook.source.author if playbook.source else None,
        "steps": [[s.id, s.title] for s in playbook.steps],
        "fields": [[f.id, f.prompt] for f in playbook.fields],
        **({"wrap_up": [[w.code, w.label] for w in playbook.wrap_up]}
           if playbook.wrap_up else {}),
    }


def from_outline(playbook_id: str, outline: Mapping[str, object]) -> Playbook:
    """A playbook with only the titles a checklist needs, rebuilt from :func:`outline_of`."""
    author = outline.get("author")
    steps = outline.get("steps") or []
    fields = outline.get("fields") or []
    wrap_up = outline.get("wrap_up") or []
    assert isinstance(steps, list) and isinstance(fields, list) and isinstance(wrap_up, list)
    return Playbook(
        playbook_id, str(outline.get("title", playbook_id)),
        tuple(Step(str(sid), str(title)) for sid, title in steps),
        source=Source(author, "") if isinstance(author, str) else None,
        fields=tuple(Field(str(fid), str(prompt)) for fid, prompt in fields),
        wrap_up=tuple(WrapUp(str(code), str(label)) for code, label in wrap_up),
    )


# The built-ins' field ids as words in the reader's language (other ids as they are)
_BLANKS = {"customer": N_("customer"), "problem": N_("problem"), "fix": N_("fix"),
           "offer": N_("offer"), "follow_up": N_("follow up")}


def fill(text: str, values: Mapping[str, str], plain: bool = False) -> str:
    """Fill ``{field}`` placeholders; a field with no value yet shows as ``‹field›`` in
    words (``‹follow up›``: an agent reads the line aloud), or ``plain`` (for a screen
    reader) ``(the follow up)``."""
    from recoverycli.i18n import _

    def blank(name: str) -> str:
        words = str(_BLANKS[name]) if name in _BLANKS else name.replace("_", " ").replace(
            "-", " ")
        return _("(the {field})").format(field=words) if plain else f"‹{words}›"

    return PLACEHOLDER.sub(lambda m: values.get(m.group(1)) or blank(m.group(1)), text)


def load_playbook(path: str, max_bytes: int | None = None) -> Playbook:
    """Load and validate one playbook file; raise :class:`PlaybookError` with every problem."""
    try:
        data = read_capped(path, max_bytes or max_bytes_from_env())
        return parse_playbook(path, data)
    except PlaybookError:
        raise
    except DocumentError as exc:
        raise PlaybookError(exc.problems) from None


def parse_playbook(name: str, data: bytes) -> Playbook:
    try:
        root = compose(name, data)
    except DocumentError as exc:
        raise PlaybookError(exc.problems) from None
    reader = Reader(name)
    playbook = _PlaybookBuilder(reader).build(root, name)
    reader.raise_if_problems(PlaybookError)
    assert playbook is not None
    return playbook


class _PlaybookBuilder:
    """Turns a composed document into a :class:`Playbook`, recording problems on the way."""

    def __init__(self, reader: Reader) -> None:
        self.r = reader
        self.step_nodes: list[tuple[Node, str]] = []
        self.references: list[tuple[Node, str, str]] = []  # node, path, target
        self.texts_with_placeholders: list[tuple[Node, str, str]] = []

    def build(self, root: Node, name: str) -> Playbook | None:
        r = self.r
        top = r.mapping(root, "", PLAYBOOK_KEYS, [k for k, req in PLAYBOOK_KEYS.items() if req])
        if top is None:
            return None
        pid = self._slug(top["id"], "id") if "id" in top else None
        title = r.text(top["title"], "title") if "title" in top else None
        summary = r.text(top["summary"], "summary") if "summary" in top else None
        source = self._source(top["source"]) if "source" in top else None
        tags = r.texts(top["tags"], "tags") if "tags" in top else ()
        fields = self._fields(top["fields"]) if "fields" in top else ()
        minutes = self._minutes(top["call_reminder_minutes"], "call_reminder_minutes") \
            if "call_reminder_minutes" in top else None
        wrap_up = self._wrap_up(top["wrap_up"]) if "wrap_up" in top else ()
        steps = self._steps(top["steps"]) if "steps" in top else ()
        from .translations import read_block

        block = read_block(r, top["translations"]) if "translations" in top else []
        field_ids = {f.id for f in fields}
        for node, path, text in self.texts_with_placeholders:
            for missing in sorted({m for m in PLACEHOLDER.findall(text) if m not in field_ids}):
                known = ", ".join(sorted(field_ids)) or _("none")
                r.error(node, path, _("placeholder '{placeholder}' names no field (fields: "
                                      "{known})").format(placeholder="{" + missing + "}",
                                                         known=known))
        self._check_references([s.id for s in steps])
        if r.problems or pid is None or title is None:
            return None
        playbook = Playbook(pid, title, steps, summary, source, tags, fields, name, minutes,
                            wrap_up, tuple(t for t, _ in block))
        if block:
            from .translations import check, source_texts

            check(r, block, source_texts(playbook), field_ids, PLACEHOLDER)
        self._check_reachable(playbook)
        return playbook

    def _slug(self, node: Node, path: str) -> str | None:
        value = self.r.text(node, path)
        if value is not None and not SLUG.match(value):
            self.r.error(node, path, _("'{value}' is not a valid id: use lower-case letters, "
                                       "digits, '-' and '_', starting with a letter or digit"
                                       ).format(value=value))
            return None
        return value

    def _minutes(self, node: Node, path: str) -> int | None:
        value = getattr(node, "value", None)
        if node.tag == "tag:yaml.org,2002:int" and isinstance(value, str) and \
                value.isascii() and value.isdigit() and len(value) <= 6 and int(value) >= 1:
            return int(value)
        self.r.error(node, path, _("expected a whole number of minutes, from 1 to 999999"))
        return None

    def _required(self, keys: Mapping[str, bool]) -> list[str]:
        return [k for k, req in keys.items() if req]

    def _source(self, node: Node) -> Source | None:
        m = self.r.mapping(node, "source", SOURCE_KEYS, self._required(SOURCE_KEYS))
        if m is None:
            return None
        author = self.r.text(m["author"], "source.author") if "author" in m else None
        title = self.r.text(m["title"], "source.title") if "title" in m else None
        url = self.r.text(m["url"], "source.url") if "url" in m else None
        return Source(author, title, url) if author and title else None

    def _fields(self, node: Node) -> tuple[Field, ...]:
        r = self.r
        out: list[Field] = []
        seen: set[str] = set()
        for _index, item, path in r.items(node, "fields"):
            m = r.mapping(item, path, FIELD_KEYS, self._required(FIELD_KEYS))
            if m is None:
                continue
            fid = self._slug(m["id"], f"{path}.id") if "id" in m else None
            prompt = r.text(m["prompt"], f"{path}.prompt") if "prompt" in m else None
            required = r.boolean(m["required"], f"{path}.required") if "required" in m else False
            default = r.text(m["default"], f"{path}.default") if "default" in m else None
            if fid is not None and fid in seen:
                r.error(m["id"], f"{path}.id", _("field id '{id}' is used twice").format(id=fid))
            elif fid is not None and prompt is not None:
                seen.add(fid)
                out.append(Field(fid, prompt, bool(required), default))
        return tuple(out)

    def _wrap_up(self, node: Node) -> tuple[WrapUp, ...]:
        r = self.r
        out: list[WrapUp] = []
        for index, item, path in r.items(node, "wrap_up"):
            m = r.mapping(item, path, WRAP_UP_KEYS, self._required(WRAP_UP_KEYS))
            if m is None:
                continue
            if index >= MAX_WRAP_UP:
                r.error(item, path, _("at most {count} wrap-up codes (one key each, 1 to "
                                      "{count})").format(count=MAX_WRAP_UP))
                break
            code = self._slug(m["code"], f"{path}.code") if "code" in m else None
            label = r.text(m["label"], f"{path}.label") if "label" in m else None
            if code is not None and code in {w.code for w in out}:
                r.error(m["code"], f"{path}.code", _("wrap-up code '{code}' is used twice").format(
                    code=code))
            elif code is not None and label is not None:
                out.append(WrapUp(code, label))
        return tuple(out)

    def _steps(self, node: Node) -> tuple[Step, ...]:
        r = self.r
        items = list(r.items(node, "steps"))
        if not items and r.sequence(node, "steps") is not None:
            r.error(node, "steps", _("needs at least one step"))
        out: list[Step] = []
        ids: dict[str, str] = {}
        for index, item, path in items:
            m = r.mapping(item, path, STEP_KEYS, self._required(STEP_KEYS))
            if m is None:
                continue
            sid = self._slug(m["id"], f"{path}.id") if "id" in m else str(index + 1)
            if sid == END:
                r.error(m["id"], f"{path}.id", _("'{end}' cannot be a step id: it means "
                                                 "\"finish the run\" wherever a step is "
                                                 "named").format(end=END))
                sid = None
            elif sid is not None and sid in ids:
                r.error(m.get("id", item), f"{path}.id", _(
                    "step id '{id}' is used twice (also {other})").format(id=sid,
                                                                          other=ids[sid]))
            elif sid is not None:
                ids[sid] = path
            title = r.text(m["title"], f"{path}.title") if "title" in m else None
            step = Step(
                id=sid or str(index + 1),
                title=title or "",
                why=self._text(m, "why", path),
                do=self._texts(m, "do", path, placeholders=True),
                say=self._texts(m, "say", path, placeholders=True),
                avoid=self._texts(m, "avoid", path),
                ask=self._ask(m["ask"], f"{path}.ask") if "ask" in m else None,
                jump=self._jump(m["jump"], f"{path}.jump") if "jump" in m else None,
                next=self._ref(m["next"], f"{path}.next") if "next" in m else None,
                cite=self._text(m, "cite", path),
            )
            self.step_nodes.append((item, path))
            out.append(step)
        return tuple(out)

    def _text(self, m: dict[str, Node], key: str, path: str) -> str | None:
        return self.r.text(m[key], f"{path}.{key}") if key in m else None

    def _texts(self, m: dict[str, Node], key: str, path: str, placeholders: bool = False
               ) -> tuple[str, ...]:
        if key not in m:
            return ()
        values = self.r.texts(m[key], f"{path}.{key}")
        if placeholders:
            for value in values:
                if "{" in value:
                    self.texts_with_placeholders.append((m[key], f"{path}.{key}", value))
        return values

    def _ref(self, node: Node, path: str) -> str | None:
        value = self.r.text(node, path)
        if value is not None:
            self.references.append((node, path, value))
        return value

    def _ask(self, node: Node, path: str) -> Ask | None:
        r = self.r
        m = r.mapping(node, path, ASK_KEYS, self._required(ASK_KEYS))
        if m is None:
            return None
        question = r.text(m["question"], f"{path}.question") if "question" in m else None
        choices: list[Choice] = []
        if "choices" in m:
            entries = list(r.items(m["choices"], f"{path}.choices"))
            if not entries and r.sequence(m["choices"], f"{path}.choices") is not None:
                r.error(m["choices"], f"{path}.choices", _("needs at least one choice"))
            if len(entries) > MAX_CHOICES:  # the run answers with one digit key, 1-9
                r.error(entries[MAX_CHOICES][1], f"{path}.choices[{MAX_CHOICES}]",
                        _("at most {count} choices (one digit key each in a run); split "
                          "the question in two").format(count=MAX_CHOICES))
            for _index, item, cpath in entries:
                c = r.mapping(item, cpath, CHOICE_KEYS, self._required(CHOICE_KEYS))
                if c is None:
                    continue
                label = r.text(c["label"], f"{cpath}.label") if "label" in c else None
                nxt = self._ref(c["next"], f"{cpath}.next") if "next" in c else None
                if label is not None:
                    choices.append(Choice(label, nxt))
        return Ask(question, tuple(choices)) if question and choices else None

    def _jump(self, node: Node, path: str) -> Jump | None:
        m = self.r.mapping(node, path, JUMP_KEYS, self._required(JUMP_KEYS))
        if m is None:
            return None
        label = self.r.text(m["label"], f"{path}.label") if "label" in m else None
        to = self._ref(m["to"], f"{path}.to") if "to" in m else None
        return Jump(label, to) if label and to else None

    def _check_references(self, ids: list[str]) -> None:
        for node, path, target in self.references:
            if target != END and target not in ids:
                self.r.error(node, path, _("'{target}' names no step (steps: {ids}; or "
                                           "'{end}')").format(target=target,
                                                              ids=", ".join(ids), end=END))

    def _check_reachable(self, playbook: Playbook) -> None:
        steps = playbook.steps
        position = {step.id: index for index, step in enumerate(steps)}

        def onward(target: str | None, index: int) -> str | None:
            if target is None:
                return steps[index + 1].id if index + 1 < len(steps) else None
            return None if target == END else target

        def targets_of(index: int) -> list[str | None]:
            step = steps[index]
            targets = ([onward(c.next, index) for c in step.ask.choices] if step.ask
                       else [onward(step.next, index)])
            if step.jump is not None:
                targets.append(onward(step.jump.to, index))
            return targets

        reached = {steps[0].id}
        todo = [steps[0].id]
        comes_from: dict[str, list[str]] = {}
        finishing: list[str] = []
        while todo:
            sid = todo.pop()
            for target in targets_of(position[sid]):
                if target is None:
                    finishing.append(sid)
                    continue
                comes_from.setdefault(target, []).append(sid)
                if target not in reached:
                    reached.add(target)
                    todo.append(target)
        can_finish = set(finishing)  # walked back from every step that can end the run
        todo = list(finishing)
        while todo:
            for before in comes_from.get(todo.pop(), []):
                if before not in can_finish:
                    can_finish.add(before)
                    todo.append(before)
        for (node, path), step in zip(self.step_nodes, playbook.steps, strict=True):
            if step.id not in reached:
                self.r.error(node, path, _("step '{title}' can never be reached (no step "
                                           "leads to it)").format(title=step.title))
            elif step.id not in can_finish:
                self.r.error(node, path, _("from step '{title}' the run can never finish: "
                                           "every way on loops back without reaching "
                                           "'{end}' or the last step").format(
                                               title=step.title, end=END))
