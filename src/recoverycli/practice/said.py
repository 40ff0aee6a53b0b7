"""How an answer says what it says, for role-play scoring: words that promise nothing,
play it down or take it back; what happened, named or only placed; and a negation that
turns an element's words around ("I'm not sorry"). Pure: read from tokens, nothing printed.
"""

from __future__ import annotations

from functools import lru_cache

from recoverycli.practice.elements import TIME
from recoverycli.practice.normalize import Token
from recoverycli.practice.patterns import Pattern, boundary, compile, search, sentence_features

# Words that promise nothing: the dress of a poor answer ("we'll try to sort it as soon as
# possible", "we'll look into it", "a small hiccup"). In the training writers' answers they
# were in 167 of 568 dressed answers and 1 of 1,136 good ones.
PROMISES_NOTHING = (
    "i|we will|'ll|am|are|'m|'re going? to? ...2 try to|and", "as soon as possible",
    "at some point|stage", "do|doing our|my best", "do|doing what we|i can",
    "look|looking into it|this|that", "see what we|i can", "sometime|eventually|hopefully",
    "bear with us|me", "take it on board", "pass it on|along")
# What happened, played down to nothing: "a small hiccup", "a bit of an issue", "some
# trouble", "there's been a situation with your car".
PLAYED_DOWN = (
    "small|little|minor|slight ...1 issue|problem|hiccup|glitch|mix-up|mixup|delay",
    "bit of a|an ...1 issue|problem|hiccup|trouble|situation|mix-up|mixup|delay|glitch",
    "some trouble|difficulty|difficulties|issues", "there be|was|been a|an situation",
    "a situation with",
    # "such a small sum it hardly matters", "not that it's a big deal" (a red team)
    "hardly|barely matter|matters", "not that it ...2 big|huge deal",
    # "... is perfectly normal", "that's just how billing works", "keys get locked in cars
    # all the time" (a second red team)
    "perfectly|completely|totally|quite normal", "just how ...2 work|works|go|goes|be",
    "happen|happens|get|gets ..4 all the time", "a bit of a night", "long story",
    "not that it ...1 matter|matters", "no big deal", "small|tiny sum|amount ..6 hardly|"
    "barely|not|only|just")
# Said, then taken back: sarcasm and shrugs ("It's our mistake, I suppose.", "we gave your
# table away, big deal", "Lucky me.", "if I remember, that is", "just kidding", "who
# knows", "Not that it's my problem."): a red team scored 100 with each.
TAKES_BACK = (
    "i suppose|guess $", "^ big deal", "so what $", "lucky me", "who know|knows",
    "if i remember|remembered", "just|only kidding|joking", "i be|'m|am kidding|joking",
    "not that it be|'s my|our problem|fault|concern|job", "come on ,? it be|'s just|only",
    "as long as it take|takes", "if one|it|they|he|she turn|turns|show|shows up",
    "lots|plenty of people|guests|customers ..4 though $", "actually no|not", "< sure you|u "
    "have|did|are|were $",
    # a second red team: hedges at a clause's end, and shrugs in new words
    "sort|kind of $", "technically|apparently|allegedly|supposedly|theoretically $",
    "in a way|sense $", "in theory|principle $", "or thereabouts", "fingers crossed",
    "if the budget allows", "unless i forget", "or so you|they say|said|tell",
    "i =am told $", "if you want to call it that", "if we be|'re|are lucky", "give or take",
    "just like last time", "what they all say", "if you must", "i doubt", "or whatever $",
    "or whatever you|u want|like to call", "i hear that a lot", "when it be|'s ready $",
    "if anyone remembers")
# Of the vague words, only these may stand beside a named time: "I'll look into it now and
# ring you at three", "as soon as possible - by Friday at the latest". "We'll try to get to
# it today or maybe next week" and "hopefully at some point this month" promise nothing
# for all their times (a red team).
TIMED_OK = ("look|looking into it|this|that", "as soon as possible")


@lru_cache(maxsize=1)
def _vague_patterns() -> tuple[tuple[tuple[Pattern, str, bool], ...], tuple[Pattern, ...]]:
    """(pattern, what it does, may stand beside a time), and the time patterns."""
    return (tuple((compile(p), "nothing", p in TIMED_OK) for p in PROMISES_NOTHING)
            + tuple((compile(p), "down", False) for p in PLAYED_DOWN)
            + tuple((compile(p), "back", False) for p in TAKES_BACK),
            tuple(compile(p) for p in TIME))


def vague(answer: str, sentences: list[list[Token]]) -> tuple[str, str] | None:
    """The first words that promise nothing, play it down or take it back (those of
    TIMED_OK only in a sentence that names no time), and which of the three."""
    hedges, times = _vague_patterns()
    for sentence in sentences:
        feats = sentence_features(sentence)
        timed: bool | None = None  # asked once, when needed
        for pattern, kind, timed_ok in hedges:
            for first, end in search(sentence, pattern, feats):
                if timed_ok:
                    if timed is None:
                        timed = any(search(sentence, p, feats) for p in times)
                    if timed:
                        continue
                return answer[sentence[first].start:sentence[end - 1].end], kind
    return None


# Telling them first is telling them what happened: "a small hiccup with the car" tells
# nothing (34 of the training writers' 38 dressed answers at locked-keys' first step named
# nothing; all 64 good ones named it). Where the scenario says what happened (``problem``),
# "proactive" is NAMED of its words said outside a vague frame, with or without "I wanted
# you to hear it from me"; an answer naming none is held to 40 (scoring's FINDING_CAP).
NAMED = 2
_VAGUE_NOUNS = frozenset({"issue", "problem", "situation", "trouble", "hiccup", "confusion",
                          "mix-up", "mixup", "glitch", "thing", "something", "matter",
                          "incident", "difficulty", "delay", "inconvenience", "development",
                          "snag", "concern", "news", "update", "story"})
_CLAUSE = frozenset({",", ";", ":", "-", "–", "—", ".", "!", "?", "and", "but", "so"})


def named(sentences: list[list[Token]], want: set[str]) -> bool:
    """Whether the answer names NAMED words of what happened (all of them, if it has fewer)
    outside a vague frame (``want``: the content words of what happened)."""
    got: set[str] = set()
    for sentence in sentences:
        placed = False  # after a vague noun, to the clause's end: where, not what
        for t in sentence:
            if t.norm in _CLAUSE:
                placed = False
            elif t.lemma in _VAGUE_NOUNS or t.norm in _VAGUE_NOUNS:
                placed = True  # "an issue with your car keys", "something happened with it"
            elif t.lemma in want and not placed:
                got.add(t.lemma)
    return len(got) >= min(NAMED, len(want))


# A negation turns an element around: "I'm not sorry", "I'm not refunding it today", "we
# didn't make a mistake", "a driver will NOT take you", "it's not really our
# responsibility" (a red team: the model answers with "not" added scored 100). A match with
# one of these inside it, or NEGATED_WITHIN words before it in its clause, does not count
# ("I'm not adding two months free") - unless the pattern itself speaks of negation ("we
# should never have", "no charge", "not your fault"): it knows what the negation means.
_NEGATORS = frozenset({"not", "n't", "never", "no", "nobody", "nothing"})
NEGATED_WITHIN = 4


# A frame announces what follows: "Here's the plan: a driver will NOT take you ..." is
# read with the whole sentence it opens.
_FRAMES = frozenset({"here be what i|we", "here be the|my|our? plan"})


def negation_aware(text: str) -> bool | None:
    """True: the pattern speaks of negation itself; None: a frame, read with its sentence."""
    if text in _FRAMES:
        return None
    return "~" in text or any(w in _NEGATORS or w.endswith("n't")
                              for part in text.split() for w in part.split("|"))


def said_in(sentence: list[Token], pattern: Pattern, aware: bool | None,
            feats: frozenset[str]) -> bool:
    """A match of ``pattern`` in ``sentence`` that no negation turns around."""
    for first, end in search(sentence, pattern, feats):
        if aware or (aware is None and not any(t.norm in _NEGATORS for t in sentence)):
            return True
        if aware is None:
            continue
        start = first
        while start > 0 and first - start < NEGATED_WITHIN and not (
                boundary(sentence[start - 1]) or sentence[start - 1].norm in ":;-–—"):
            start -= 1
        if not any(t.norm in _NEGATORS for t in sentence[start:end]):
            return True
    return False
