"""The one error tree: every failure a user can cause carries its message and exit code.

The CLI maps these to a line on stderr and an exit status; nothing else in the package
prints errors, and no traceback reaches a user unless they ask for it with ``--debug``.
"""

from __future__ import annotations

from typing import NamedTuple


class RecoverError(Exception):
    """Base of every expected failure. ``exit_code`` is what the process returns."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(RecoverError):
    """The command line (or its input) cannot be acted on as given."""

    exit_code = 2


class NotFoundError(RecoverError):
    """A named playbook, session or scenario does not exist."""


class StoreError(RecoverError):
    """The session store cannot be opened, read or written."""


class Problem(NamedTuple):
    """One located problem in a YAML document: ``FILE:LINE:COL: path: message``."""

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        from .text import name

        where = f"{name(self.file)}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class DocumentError(RecoverError):
    """A YAML document (playbook, answers file, scenario) has one or more problems.

    All problems are collected before raising, so a team lead fixes a file in one pass.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class PlaybookError(DocumentError):
    """A playbook file is invalid."""


class AnswersError(DocumentError):
    """An ``--answers`` file is invalid."""
