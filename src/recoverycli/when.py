"""Reading the dates and durations people type: ``2026-12-01``, ``2d``, ``1w``, ``tomorrow``.

Every parse failure is a :class:`~recoverycli.errors.UsageError` that says what would
have been understood, so a typo costs one line, not a traceback.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .errors import UsageError

_SPAN = re.compile(r"^\s*(\d{1,4})\s*([dw])\s*$", re.IGNORECASE)
FORMS = "YYYY-MM-DD, Nd (days), Nw (weeks), today or tomorrow"


def _span(text: str) -> timedelta | None:
    match = _SPAN.match(text)
    if match is None:
        return None
    count, unit = int(match.group(1)), match.group(2).lower()
    return timedelta(days=count * (7 if unit == "w" else 1))


def parse_when(text: str, today: date) -> date:
    """A date in the future or today: ISO date, ``Nd``/``Nw`` from today, or a word."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    span = _span(word)
    if span is not None:
        return today + span
    try:
        return date.fromisoformat(word)
    except ValueError:
        raise UsageError(f"cannot read '{text}' as a date; use {FORMS}") from None


def parse_since(text: str, today: date) -> date:
    """A date in the past: ISO date, or ``Nd``/``Nw`` ago, ``today``, ``yesterday``."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    span = _span(word)
    if span is not None:
        return today - span
    try:
        return date.fromisoformat(word)
    except ValueError:
        raise UsageError(f"cannot read '{text}' as a date; use YYYY-MM-DD, Nd or Nw "
                         "(days or weeks ago), today or yesterday") from None


def parse_age(text: str) -> timedelta:
    """A duration such as ``90d`` or ``12w``."""
    span = _span(text)
    if span is None:
        raise UsageError(f"cannot read '{text}' as an age; use Nd (days) or Nw (weeks)")
    return span


def local_today() -> date:
    return datetime.now().date()
