"""The coach's built-in rules: one category per kind of wording the sources warn against,
each with why, a better way to say it (generic: never tied to one scenario) and the source.

Patterns are written over word classes and lemmas (see ``patterns`` for the syntax), never
over whole phrases; ``unless`` patterns, matched in the same sentence (or in the whole
text for ``text_unless``), stop a category's findings there: an exception offered, a fix
promised, a colleague brought into the call. They were tuned on the train part of
tests/data/coach_phrases.yaml only.

The patterns live in three modules by theme (:mod:`.apology`, :mod:`.fault`,
:mod:`.handling`) over the shared escapes of :mod:`.common`; what the coach says about each
category is in :mod:`recoverycli.practice.categories`. Imports nothing outside practice/.
"""

from __future__ import annotations

from . import apology, fault, handling
from .common import Category

CATEGORIES: tuple[Category, ...] = apology.CATEGORIES + fault.CATEGORIES + handling.CATEGORIES

BY_ID = {c.id: c for c in CATEGORIES}

__all__ = ["BY_ID", "CATEGORIES", "Category"]
