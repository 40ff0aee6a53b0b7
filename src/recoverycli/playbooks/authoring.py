"""For the team lead who writes playbooks: ``recover new`` starts one (from a built-in or
a skeleton) with the schema line editors read, and ``recover lint`` reports everything
``validate`` does plus the wording coach over every ``say`` line, located, for editors
and for CI (``--format github`` prints workflow annotations).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from recoverycli.errors import DocumentError, RecoverError, UsageError

from .model import SLUG, Playbook, load_playbook, parse_playbook

SCHEMA_FILE = "playbook.schema.json"
SCHEMA_LINE = f"# yaml-language-server: $schema=./{SCHEMA_FILE}\n"

CHANGE_ME = "CHANGE ME"  # skeleton text the author must replace; `list` marks it
TITLE_PLACEHOLDER = f"{CHANGE_ME}: the playbook's title"
AUTHOR_PLACEHOLDER = f"{CHANGE_ME}: who the advice comes from"

SKELETON = """id: {id}
title: {title}
summary: What this playbook is for, in a sentence.
source:
  author: {author}
  title: The article or book
tags: []
fields:
  - id: customer
    prompt: The customer's name
    required: true
  - id: problem
    prompt: What went wrong
  - id: fix
    prompt: How it will be fixed, and by when
  - id: offer
    prompt: The offer that gives them a reason to come back
steps:
  - title: Apologize
    why: An apology in the first person starts the repair.
    do: Apologize before explaining anything.
    say: "{{customer}}, I'm sorry."
    avoid: Blaming anyone.
  - title: Fix it
    why: The customer needs to hear how and when it will be put right.
    say: "Here's what I'll do: {{fix}}."
  - title: Follow up
    why: The recovery ends when the customer is happy, not when the call ends.
    say: "I'll check back with you to make sure it's right."
"""


def _yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string


def is_skeleton(title: str, author: str | None) -> bool:
    """Does a playbook still carry the skeleton text ``new`` wrote?"""
    return title.startswith(CHANGE_ME) or (author or "").startswith(CHANGE_ME)


def new_playbook(new_id: str, folder: Path, source: Path | None, title: str | None = None,
                 author: str | None = None) -> Path:
    """Write ``folder/new_id.yaml`` (and the schema beside it, unless one is there); never
    overwrite a file and never follow a symlink (each file is created with
    ``O_CREAT | O_EXCL | O_NOFOLLOW``). What is written is checked before it is written.
    The title (and, for a skeleton, the author) is the one given, else text that says to
    change it, which ``list`` marks until it is changed."""
    from recoverycli.text import clean

    title = clean(title) if title else None  # bytes that were not UTF-8 made visible
    author = clean(author) if author else None
    if not SLUG.match(new_id):
        raise UsageError(f"'{new_id}' is not a valid id: use lower-case letters, digits, '-' "
                         "and '_', starting with a letter or digit")
    target = folder / f"{new_id}.yaml"
    if os.path.lexists(target):
        raise RecoverError(f"{target} already exists; choose another id or remove it first")
    text = _from_source(new_id, source, title, author) if source is not None else \
        SKELETON.format(id=new_id, title=_yaml_text(title or TITLE_PLACEHOLDER),
                        author=_yaml_text(author or AUTHOR_PLACEHOLDER))
    body = SCHEMA_LINE + text
    parse_playbook(str(target), body.encode("utf-8"))  # what we write must load
    if os.path.lexists(folder) and not os.path.isdir(folder):
        raise UsageError(f"--to must be a folder, and {folder} is not one")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _create(target, body)
    except FileExistsError:
        raise RecoverError(f"{target} already exists; choose another id or remove it "
                           "first") from None
    except OSError as exc:
        raise RecoverError(f"cannot write {target}: {exc.strerror}") from None
    from .schema import playbook_schema

    schema = folder / SCHEMA_FILE
    with suppress(OSError):  # a help for editors: one already there (or a link) is left
        _create(schema, json.dumps(playbook_schema(), indent=2) + "\n")
    return target


def schema_note(folder: Path) -> str | None:
    """What to say about the schema file beside a new playbook when it is not recover's
    own: a symlink, or not a regular file (editors read whatever it names)."""
    schema = folder / SCHEMA_FILE
    if os.path.islink(schema):
        return (f"{schema} is a symbolic link, left as it is: the new file's $schema line "
                "reads whatever it names")
    if os.path.lexists(schema) and not os.path.isfile(schema):
        return f"{schema} is not a regular file, left as it is; editors cannot read it"
    return None


def _create(path: Path, text: str) -> None:
    """Create a new file (never an existing one, never through a symlink) and write it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o644)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _from_source(new_id: str, source: Path, title: str | None, author: str | None) -> str:
    """The source playbook's text with the new id and title (the one given, else the
    skeleton's, so ``list`` never shows two identical titles) and the author if given. A
    block-style file keeps its comments and layout; any other (flow style, JSON) is
    written out again as block YAML."""
    from recoverycli.paths import open_regular

    with open_regular(source) as handle:
        text = handle.read().decode("utf-8")
    text = "".join(line for line in text.splitlines(keepends=True)
                   if not line.startswith("# yaml-language-server:"))
    new_title = _yaml_text(title or TITLE_PLACEHOLDER)
    edited, count = re.subn(r"(?m)^id:.*$", f"id: {new_id}", text, count=1)
    edited, titled = re.subn(r"(?m)^title:.*$", lambda m: f"title: {new_title}", edited,
                             count=1)
    if author:
        edited = re.sub(r"(?m)^  author:.*$", lambda m: f"  author: {_yaml_text(author)}",
                        edited, count=1)
    # A new playbook's English is about to change: the source's translations would go
    # stale line by line (lint would fail on a file not yet touched), so they are left out.
    edited = re.sub(r"(?m)^translations:.*\n(?:(?:[ \t].*|[ \t]*)(?:\n|$))*", "", edited)
    if count == 1 and titled == 1:
        try:
            parse_playbook(str(source), edited.encode("utf-8"))
            return edited
        except DocumentError:
            pass
    import yaml

    data = yaml.safe_load(text)  # the source loaded as a playbook: no tags, no aliases
    data = {"id": new_id, "title": title or TITLE_PLACEHOLDER,
            **{k: v for k, v in data.items() if k not in ("id", "title")}}
    if author and isinstance(data.get("source"), dict):
        data["source"] = {**data["source"], "author": author}
    data.pop("translations", None)  # (stale once the English changes: see above)
    return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88))


class LintMessage(NamedTuple):
    file: str
    line: int
    column: int
    rule: str
    message: str
    severity: str  # error or warning

    def plain(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.rule}: {self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command, so CI annotates the line in the diff."""
        def esc(text: str, prop: bool = False) -> str:
            text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            return text.replace(":", "%3A").replace(",", "%2C") if prop else text

        return (f"::{self.severity} file={esc(self.file, True)},line={self.line},"
                f"col={self.column},title={esc(self.rule, True)}::{esc(self.message)}")


class _Finding(Protocol):
    @property
    def rule(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def why(self) -> str: ...
    @property
    def better(self) -> str: ...
    @property
    def unsure(self) -> bool: ...


class WordingCheck(Protocol):
    """What lint needs of the coach (``practice.engine.Coach``), which the caller passes in:
    playbooks sit below practice, so nothing here imports it."""
    def check(self, text: str) -> Sequence[_Finding]: ...


def lint_file(path: str, coach: WordingCheck) -> list[LintMessage]:
    from .yamldoc import open_document

    out: list[LintMessage] = []
    book = None
    try:
        book = load_playbook(path)
    except DocumentError as exc:
        out += [LintMessage(p.file, p.line, p.column, "invalid",
                            f"{p.path}: {p.message}" if p.path else p.message, "error")
                for p in exc.problems]
    try:  # the wording check runs on every file that parses, valid or not: one round
        root, _ = open_document(path)
    except RecoverError:
        return out
    import yaml

    if not isinstance(root, yaml.MappingNode):
        return out
    for key, value in root.value:
        if key.value in ("title", "source") and CHANGE_ME in yaml.serialize(value):
            out.append(LintMessage(path, value.start_mark.line + 1,
                                   value.start_mark.column + 1, "skeleton",
                                   f"{key.value}: still the skeleton's '{CHANGE_ME}' text; "
                                   "write your own", "warning"))
        if key.value != "steps" or not isinstance(value, yaml.SequenceNode):
            continue
        for index, step in enumerate(value.value):
            if not isinstance(step, yaml.MappingNode):
                continue
            for skey, svalue in step.value:
                if skey.value != "say":
                    continue
                nodes = svalue.value if isinstance(svalue, yaml.SequenceNode) else [svalue]
                for node in nodes:
                    if not isinstance(node, yaml.ScalarNode):
                        continue
                    text = str(node.value)
                    quoted = 1 if node.style in ("'", '"') else 0
                    single_line = node.start_mark.line == node.end_mark.line
                    for finding in (f for f in coach.check(text) if not f.unsure):
                        column = node.start_mark.column + 1
                        if single_line:
                            column += quoted + finding.start
                        out.append(LintMessage(
                            path, node.start_mark.line + 1, column, finding.rule,
                            f"steps[{index}].say: \"{finding.text}\" - {finding.why} "
                            f"Better: {finding.better}", "warning"))
    if book is not None and book.translations:
        out += _translation_gaps(path, book, root)
    return out


def _translation_gaps(path: str, book: Playbook, root: Any) -> list[LintMessage]:
    """Each language's missing and stale translations, with the source hash to write
    beside a new one; a missing one is located at its language's block."""
    from recoverycli.i18n import _

    from .translations import digest, gaps

    blocks: dict[str, tuple[int, int]] = {}
    for key, value in root.value:
        if key.value == "translations" and hasattr(value, "value"):
            for lang, block in value.value if isinstance(value.value, list) else []:
                blocks[str(lang.value)] = (block.start_mark.line + 1,
                                           block.start_mark.column + 1)
    out: list[LintMessage] = []
    for gap in gaps(book):
        where = f"translations.{gap.lang}"
        if gap.kind == "missing":
            line, column = blocks.get(gap.lang, (1, 1))
            message = _("{where}: no translation of {key} (source {digest}): {english}")
            rule = "translation-missing"
        else:
            line, column = gap.line, gap.column
            message = _("{where}.{key}: stale: the English changed since it was translated "
                        "(source now {digest}): {english}")
            rule = "translation-stale"
        out.append(LintMessage(path, line, column, rule, message.format(
            where=where, key=gap.key, digest=digest(gap.english), english=repr(gap.english)),
            "warning"))
    return out
