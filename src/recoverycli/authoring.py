"""For the team lead who writes playbooks: ``recover new`` starts one (from a built-in or
a skeleton) with the schema line editors read, and ``recover lint`` reports everything
``validate`` does plus the wording coach over every ``say`` line, located, for editors
and for CI (``--format github`` prints workflow annotations).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

from .errors import DocumentError, RecoverError, UsageError
from .playbook import SLUG, load_playbook

SCHEMA_FILE = "playbook.schema.json"
SCHEMA_LINE = f"# yaml-language-server: $schema=./{SCHEMA_FILE}\n"

SKELETON = """id: {id}
title: {title}
summary: What this playbook is for, in a sentence.
source:
  author: Who the advice comes from
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


def new_playbook(new_id: str, folder: Path, source: Path | None) -> Path:
    """Write ``folder/new_id.yaml`` (and the schema beside it); never overwrite."""
    if not SLUG.match(new_id):
        raise UsageError(f"'{new_id}' is not a valid id: use lower-case letters, digits, '-' "
                         "and '_', starting with a letter or digit")
    target = folder / f"{new_id}.yaml"
    if target.exists():
        raise RecoverError(f"{target} already exists; choose another id or remove it first")
    if source is not None:
        text = source.read_text(encoding="utf-8")
        text = "".join(line for line in text.splitlines(keepends=True)
                       if not line.startswith("# yaml-language-server:"))
        text, count = re.subn(r"(?m)^id:.*$", f"id: {new_id}", text, count=1)
        if count == 0:
            text = f"id: {new_id}\n{text}"
    else:
        text = SKELETON.format(id=new_id, title=new_id.replace("-", " ").capitalize())
    folder.mkdir(parents=True, exist_ok=True)
    from .schema import playbook_schema

    (folder / SCHEMA_FILE).write_text(json.dumps(playbook_schema(), indent=2) + "\n")
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite, even racing
        handle.write(SCHEMA_LINE + text)
    load_playbook(str(target))  # what we wrote must load
    return target


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


def lint_file(path: str, coach: object) -> list[LintMessage]:
    from .practice.engine import Coach
    from .yamldoc import open_document

    assert isinstance(coach, Coach)
    try:
        load_playbook(path)
    except DocumentError as exc:
        return [LintMessage(p.file, p.line, p.column, "invalid",
                            f"{p.path}: {p.message}" if p.path else p.message, "error")
                for p in exc.problems]
    import yaml

    root, _ = open_document(path)
    out: list[LintMessage] = []
    for key, value in root.value:
        if key.value != "steps":
            continue
        for index, step in enumerate(value.value):
            for skey, svalue in step.value:
                if skey.value != "say":
                    continue
                nodes = svalue.value if isinstance(svalue, yaml.SequenceNode) else [svalue]
                for node in nodes:
                    text = str(node.value)
                    quoted = 1 if node.style in ("'", '"') else 0
                    single_line = node.start_mark.line == node.end_mark.line
                    for finding in coach.check(text):
                        column = node.start_mark.column + 1
                        if single_line:
                            column += quoted + finding.start
                        out.append(LintMessage(
                            path, node.start_mark.line + 1, column, finding.rule,
                            f"steps[{index}].say: \"{finding.text}\" - {finding.why} "
                            f"Better: {finding.better}", "warning"))
    return out
