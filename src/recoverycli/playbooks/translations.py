"""A playbook in more than one language: its ``translations`` block.

One playbook, one set of step and field ids, and beside the English text the same text in
other languages, one entry per string, keyed by where the English stands::

    translations:
      es:
        title: {text: "Siete estrategias para recuperar a un cliente", source: 1f0c2a9b}
        steps.1.say.1: {text: "{customer}, lamento mucho lo ocurrido.", source: 3c9d4e21}

The keys (:func:`source_texts`) name texts by id, never by position in the file: ``title``,
``summary``, ``fields.<id>.prompt``, ``wrap_up.<code>.label`` and, for a step (its ``id``,
or its position when it has none), ``steps.<id>.title``, ``.why``, ``.cite``,
``.ask.question``, ``.jump.label`` and the Nth line (from 1) of ``.do``, ``.say``,
``.avoid`` and ``.ask.choices``. ``source`` is the first 8 hex digits of the SHA-256 of
the English it was made from (:func:`digest`): when the English changes, the translation
is *stale* and ``lint`` says so; a text with no entry is *missing*. A run in a language
falls back to English string by string and marks each such string (:data:`FALLBACK`).

Nothing here imports the playbook model: it works on any playbook-shaped value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from recoverycli.i18n import _

if TYPE_CHECKING:
    from yaml import Node

    from .yamldoc import Reader

# (patterns as text, compiled when a block is read: loading a playbook with none costs nothing)
LANGUAGE = r"^[a-z]{2,3}(?:-[A-Z]{2})?$"
SOURCE = "en"  # the language a playbook's own text is written in
ENTRY_KEYS = {"text": True, "source": True}
DIGEST = r"^[0-9a-f]{8}$"
_ID = r"[a-z0-9][a-z0-9_-]*"
KEY = (rf"^(?:title|summary|fields\.{_ID}\.prompt|wrap_up\.{_ID}\.label|steps\.{_ID}"
       r"\.(?:title|why|cite|ask\.question|jump\.label|(?:do|say|avoid|ask\.choices)"
       r"\.[1-9][0-9]*))$")
FALLBACK = "[en] "  # marks a string a run shows in English for want of a translation


class Translation(NamedTuple):
    """One translated string: where it stands in the file, for lint's located lines."""

    lang: str
    key: str
    text: str
    source: str  # digest of the English it translates
    line: int
    column: int


def digest(text: str) -> str:
    """The short hash of an English text a translation keeps beside it."""
    import hashlib

    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:8]


def _lines(prefix: str, values: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    for number, value in enumerate(values, start=1):
        yield f"{prefix}.{number}", value


def source_texts(playbook: Any) -> dict[str, str]:
    """Every translatable English text of a playbook by key, in the file's order."""
    out: dict[str, str] = {"title": playbook.title}
    if playbook.summary:
        out["summary"] = playbook.summary
    for field in playbook.fields:
        out[f"fields.{field.id}.prompt"] = field.prompt
    for wrap in playbook.wrap_up:
        out[f"wrap_up.{wrap.code}.label"] = wrap.label
    for step in playbook.steps:
        at = f"steps.{step.id}"
        out[f"{at}.title"] = step.title
        if step.why:
            out[f"{at}.why"] = step.why
        for kind in ("do", "say", "avoid"):
            out.update(_lines(f"{at}.{kind}", getattr(step, kind)))
        if step.ask:
            out[f"{at}.ask.question"] = step.ask.question
            out.update(_lines(f"{at}.ask.choices", tuple(c.label for c in step.ask.choices)))
        if step.jump:
            out[f"{at}.jump.label"] = step.jump.label
        if step.cite:
            out[f"{at}.cite"] = step.cite
    return out


def read_block(reader: Reader, node: Node) -> list[tuple[Translation, Node]]:
    """The ``translations`` block, every problem of its shape located."""
    import yaml

    out: list[tuple[Translation, Node]] = []
    languages = reader.mapping(node, "translations", _AnyKey())
    for lang, block in (languages or {}).items():
        path = f"translations.{lang}"
        if lang == SOURCE:
            reader.error(block, path, _("'{lang}' is the playbook's own language: its text "
                                        "is the English; translations are for other "
                                        "languages").format(lang=SOURCE))
            continue
        if not re.match(LANGUAGE, lang):
            reader.error(block, path, _("'{lang}' is not a language code: use two or three "
                                        "lower-case letters (es, fr, pt), optionally a region "
                                        "(pt-BR)").format(lang=lang))
            continue
        entries = reader.mapping(block, path, _AnyKey())
        for key, entry in (entries or {}).items():
            where = f"{path}.{key}"
            if isinstance(entry, yaml.ScalarNode):
                reader.error(entry, where, _("expected {shape}: the translation and the "
                                             "hash of the English it translates (lint prints "
                                             "it)").format(shape="{text: ..., source: ...}"))
                continue
            fields = reader.mapping(entry, where, ENTRY_KEYS, list(ENTRY_KEYS))
            if fields is None or "text" not in fields or "source" not in fields:
                continue
            text = reader.text(fields["text"], f"{where}.text")
            source = reader.text(fields["source"], f"{where}.source")
            if source is not None and not re.match(DIGEST, source):
                reader.error(fields["source"], f"{where}.source", _(
                    "'{source}' is not a source hash: 8 hex digits, as lint prints them"
                ).format(source=source))
                continue
            if text is not None and source is not None:
                mark = entry.start_mark
                out.append((Translation(lang, key, text, source, mark.line + 1,
                                        mark.column + 1), entry))
    return out


class _AnyKey(tuple[str, ...]):
    """Allowed keys: any (the block's keys are checked against the playbook afterwards)."""

    def __contains__(self, key: object) -> bool:
        return True


def check(reader: Reader, entries: list[tuple[Translation, Node]], texts: dict[str, str],
          field_ids: set[str], placeholder: re.Pattern[str]) -> None:
    """Each key names a text of the playbook, and placeholders name its fields."""
    import difflib

    for entry, node in entries:
        where = f"translations.{entry.lang}.{entry.key}"
        if entry.key not in texts:
            near = difflib.get_close_matches(entry.key, list(texts), n=1, cutoff=0.6)
            if near:
                said = _("'{key}' names no text of this playbook; did you mean '{near}'?")
            else:
                said = _("'{key}' names no text of this playbook (keys: title, summary, "
                         "steps.<id>.title, steps.<id>.say.<n>, ...)")
            reader.error(node, where, said.format(key=entry.key, near=near[0] if near else ""))
            continue
        for missing in sorted({m for m in placeholder.findall(entry.text)
                               if m not in field_ids}):
            known = ", ".join(sorted(field_ids)) or _("none")
            reader.error(node, f"{where}.text", _(
                "placeholder '{placeholder}' names no field (fields: {known})").format(
                    placeholder="{" + missing + "}", known=known))


def languages(playbook: Any) -> list[str]:
    return sorted({t.lang for t in playbook.translations})


class Gap(NamedTuple):
    """What lint says about one language of a playbook: a text with no translation, or one
    whose English changed since it was translated."""

    lang: str
    key: str
    kind: str  # "missing" or "stale"
    english: str
    line: int
    column: int


def gaps(playbook: Any) -> list[Gap]:
    """Missing and stale translations, language by language, in the file's order."""
    texts = source_texts(playbook)
    out: list[Gap] = []
    for lang in languages(playbook):
        have = {t.key: t for t in playbook.translations if t.lang == lang}
        for key, english in texts.items():
            found = have.get(key)
            if found is None:
                out.append(Gap(lang, key, "missing", english, 0, 0))
            elif found.source != digest(english):
                out.append(Gap(lang, key, "stale", english, found.line, found.column))
    return out


def translated(playbook: Any, lang: str | None) -> tuple[Any, list[str]]:
    """The playbook with its text in ``lang``, string by string, and the keys that fell
    back to English (each marked with :data:`FALLBACK` where it is shown). English, or a
    language the playbook has no translations for, is the playbook as it is."""
    if not lang or lang == SOURCE or lang not in languages(playbook):
        return playbook, []
    have: dict[str, str] = {t.key: t.text for t in playbook.translations if t.lang == lang}
    fell_back: list[str] = []

    def text(key: str, english: str) -> str:
        if key in have:
            return have[key]
        fell_back.append(key)
        return FALLBACK + english

    def lines(prefix: str, values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(text(f"{prefix}.{n}", v) for n, v in enumerate(values, start=1))

    steps = []
    for step in playbook.steps:
        at = f"steps.{step.id}"
        ask = step.ask._replace(
            question=text(f"{at}.ask.question", step.ask.question),
            choices=tuple(c._replace(label=text(f"{at}.ask.choices.{n}", c.label))
                          for n, c in enumerate(step.ask.choices, start=1))) if step.ask else None
        steps.append(step._replace(
            title=text(f"{at}.title", step.title),
            why=text(f"{at}.why", step.why) if step.why else None,
            do=lines(f"{at}.do", step.do), say=lines(f"{at}.say", step.say),
            avoid=lines(f"{at}.avoid", step.avoid), ask=ask,
            jump=step.jump._replace(label=text(f"{at}.jump.label", step.jump.label))
            if step.jump else None,
            cite=text(f"{at}.cite", step.cite) if step.cite else None))
    book = playbook._replace(
        title=text("title", playbook.title),
        summary=text("summary", playbook.summary) if playbook.summary else None,
        fields=tuple(f._replace(prompt=text(f"fields.{f.id}.prompt", f.prompt))
                     for f in playbook.fields),
        wrap_up=tuple(w._replace(label=text(f"wrap_up.{w.code}.label", w.label))
                      for w in playbook.wrap_up),
        steps=tuple(steps))
    order = {key: n for n, key in enumerate(source_texts(playbook))}
    return book, sorted(fell_back, key=order.__getitem__)  # in the file's order
