"""The category type and the escapes every theme shares: a fix that follows, a fault owned."""

from __future__ import annotations

from typing import NamedTuple

from recoverycli.practice.categories import TEXTS


class Category(NamedTuple):
    id: str
    title: str
    why: str
    better: str
    source: str
    patterns: tuple[str, ...]
    unless: tuple[str, ...] = ()
    text_unless: tuple[str, ...] = ()


# Shared escapes: the speaker goes on to fix it themselves ("..., so I've booked you first").
FIX = "i|we ~not|never|no? ~not|never|no? ~not|never|no? @remedy"
FIX_AFTER = "but|so|and|, " + FIX
# An excuse that only explains an action taken for the customer ("it's our busiest season,
# so I've booked you first"; "since it's a holiday, I've sent it by express").
BECAUSE_FIX = ("so|, i|we ~not? ~not? ~not? @remedy",
               "so|, let me ...3 @remedy|check|double-check",
               "since|as|because ..8 i|we have|will|am|are ~not? ...1 @remedy")
OWNED = ("on us", "our|my fault|mistake|responsibility|error", "be ours|mine",
         "take responsibility", "our job")
# Up to four words that are not a clause mark and not "I": "we [are very] sorry".
NOT_I = "~i|,|and|but|so?"
GAP3 = f"{NOT_I} {NOT_I} {NOT_I} {NOT_I}"

def _category(id: str, patterns: tuple[str, ...], unless: tuple[str, ...] = (),
              text_unless: tuple[str, ...] = ()) -> Category:
    """A category: its texts from :mod:`.categories`, its patterns from here."""
    t = TEXTS[id]
    return Category(id, t.title, t.why, t.better, t.source, patterns, unless, text_unless)
