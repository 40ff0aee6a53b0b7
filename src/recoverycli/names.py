"""Finding a thing by the name a person typed: whatever the case, with a did-you-mean."""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """``; did you mean 'hyken'?`` for a near miss, else an empty string."""
    near = nearest(name, known)
    return f"; did you mean '{near}'?" if near else ""


def nearest(name: str, known: Iterable[str]) -> str | None:
    """The known name nearest ``name`` (whatever the case), when one is near enough."""
    import difflib

    lowered = {n.lower(): n for n in known}
    near = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[near[0]] if near else None


def matching(name: str, known: Iterable[str]) -> str | None:
    """``name`` itself when known, else the one known name equal to it ignoring case."""
    names = list(known)
    if name in names:
        return name
    same = [n for n in names if n.lower() == name.lower()]
    return same[0] if len(same) == 1 else None
