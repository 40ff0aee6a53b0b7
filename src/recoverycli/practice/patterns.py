"""Token patterns: a small, bounded matcher over normalised tokens and word classes.

A pattern is a space-separated list of elements:

- ``word``: the token's regular spelling or its lemma is ``word``; ``=word``: the spelling
- ``@class``: the token's lemma (or spelling) is in the word class (see ``lexicon``);
  ``%class``: the same, in its base form only ("send", not "sent")
- ``#pp``: a past participle; ``#name``: a capitalised unknown word; ``#num``: a number;
  ``#any``: any word
- ``a|@b|c``: any of these; ``~x``: one token that is *not* x; ``x?``: optional
- ``...N``: up to N tokens inside the clause; ``..N``: up to N tokens inside the sentence
- ``^`` / ``$``: the start / end of a clause (sentence edge, comma, "and", "but", "so"...);
  ``<``: the start of the sentence

Matching is backtracking over at most a sentence with bounded gaps, so its cost is
bounded by the pattern's size; built-in patterns are trusted data.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from .lexicon import CLASSES
from .normalize import Token

CONJ = frozenset([
    "and", "but", "so", "because", "though", "although", "while", "or", "then", "however",
    "whereas", "unless"
])


_OPENERS = frozenset([
    "so", "well", "look", "okay", "ok", "oh", "yeah", "right", "anyway", "basically"
])


class Term(NamedTuple):
    alts: frozenset[str]
    negate: bool
    optional: bool


class Gap(NamedTuple):
    most: int
    cross: bool  # may cross a clause mark


class Anchor(NamedTuple):
    kind: str  # "^" clause start, "$" clause end, "<" sentence start


Item = Term | Gap | Anchor


def compile_pattern(text: str) -> tuple[Item, ...]:
    try:
        return tuple(_item(part) for part in text.split())
    except ValueError as exc:
        raise ValueError(f"{exc} in pattern {text!r}") from None


@lru_cache(maxsize=4096)
def _item(part: str) -> Item:
    """One element of a pattern; the built-in patterns share most of theirs ("i|we",
    "you|u"), so each is made once (compiling them is paid by every ``recover check``)."""
    if part.startswith("..."):
        return Gap(int(part[3:]), False)
    if part.startswith(".."):
        return Gap(int(part[2:]), True)
    if part in ("^", "$", "<"):
        return Anchor(part)
    optional = part.endswith("?") and len(part) > 1
    part = part[:-1] if optional else part
    negate = part.startswith("~")
    part = part[1:] if negate else part
    alts = frozenset(part.split("|"))
    if len(alts) > 1 and alts & {"^", "$", "<"}:
        raise ValueError("an anchor cannot be an alternative: write two patterns")
    for alt in alts:
        if alt[:1] in ("@", "%") and alt[1:] not in CLASSES:
            raise ValueError(f"unknown word class {alt}")
    return Term(alts, negate, optional)


class Pattern(NamedTuple):
    items: tuple[Item, ...]
    needs: tuple[frozenset[str], ...]  # each must meet some token's features


def compile(text: str) -> Pattern:
    items = compile_pattern(text)
    needs = tuple(t.alts for t in items
                  if isinstance(t, Term) and not t.negate and not t.optional)
    return Pattern(items, needs)


def boundary(token: Token) -> bool:
    return token.norm == "," or token.norm in CONJ


def _term(token: Token, term: Term) -> bool:
    return term.alts.isdisjoint(token.feats) == term.negate


def _match(tokens: Sequence[Token], i: int, items: Sequence[Item], k: int) -> int:
    """End index of a match of items[k:] starting at token i, or -1."""
    if k == len(items):
        return i
    item = items[k]
    if isinstance(item, Anchor):
        if item.kind == "$":
            ok = i == len(tokens) or boundary(tokens[i])
        elif item.kind == "^":
            ok = i == 0 or boundary(tokens[i - 1])
        else:
            ok = i <= 3 and all(t.norm in _OPENERS or t.norm == "," for t in tokens[:i])
        return _match(tokens, i, items, k + 1) if ok else -1
    if isinstance(item, Gap):
        for skip in range(item.most + 1):
            if skip and (i + skip - 1 >= len(tokens) or (
                    not item.cross and boundary(tokens[i + skip - 1]))):
                break
            end = _match(tokens, i + skip, items, k + 1)
            if end >= 0:
                return end
        return -1
    if i < len(tokens) and _term(tokens[i], item):
        end = _match(tokens, i + 1, items, k + 1)
        if end >= 0:
            return end
    if item.optional:
        return _match(tokens, i, items, k + 1)
    return -1


def sentence_features(tokens: Sequence[Token]) -> frozenset[str]:
    return frozenset().union(*(t.feats for t in tokens))


def search(tokens: Sequence[Token], pattern: Pattern,
           feats: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """Every non-overlapping match as (first token, end token), left to right.
    ``feats`` (the sentence's features) lets a pattern that cannot match skip the walk."""
    if feats is not None:
        for need in pattern.needs:  # (a loop, not any(): most calls end here)
            if need.isdisjoint(feats):
                return []
    items = pattern.items
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        end = _match(tokens, i, items, 0)
        if end > i:
            found.append((i, end))
            i = end
        else:
            i += 1
    return found
