"""What a sentence reads as, beyond its patterns: owning the problem, taking the owning
back, a named apology, an open question, thanks for being told, an apology told off, names
for people. The engine weighs pattern and model findings with these (see ``engine``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import dropwhile, pairwise

from .normalize import Token

# A sentence that reads as owning the problem ("... and that's on us", "it was mine", "I
# should have warned you"): a pattern hit of a category that disowns it is asked, not
# stated, unless the model is sure of it. Sequences of normalised words (lemmas for verbs).
OWNING: tuple[tuple[str, ...], ...] = (
    ("be", "mine"), ("on", "us"), ("on", "me"), ("my", "mistake"), ("my", "fault"),
    ("our", "mistake"), ("our", "fault"), ("my", "bad"), ("my", "responsibility"),
    ("our", "responsibility"), ("i", "should", "have"), ("we", "should", "have"),
    ("i", "get", "that", "wrong"), ("i", "get", "it", "wrong"), ("we", "get", "it", "wrong"),
    ("i", "take", "responsibility"), ("we", "take", "responsibility"), ("i", "own", "that"),
    ("we", "own", "that"), ("down", "to", "us"), ("down", "to", "me"), ("our", "end"),
    ("i", "drop", "the", "ball"), ("we", "drop", "the", "ball"), ("i", "mess", "up"),
    ("we", "mess", "up"), ("i", "should", "'ve"),
    ("i", "cause", "it"), ("we", "cause", "it"), ("i", "cause", "this"),
    ("we", "cause", "this"), ("i", "cause", "that"), ("we", "cause", "that"),
    ("cause", "by", "us"), ("cause", "by", "me"), ("i", "take", "ownership"),
    ("we", "get", "this", "wrong"), ("i", "get", "this", "wrong"), ("we", "get", "that", "wrong"),
    ("our", "doing"), ("my", "doing"),
    ("we", "take", "ownership"), ("take", "full", "ownership"),
)
def owning(tokens: Sequence[Token]) -> bool:
    words = [t.lemma if t.lemma in ("be", "get", "take", "own", "drop", "mess", "cause")
             else t.norm
             for t in tokens if t.norm not in ",.!?;:-"]
    for i, word in enumerate(words):
        for seq in _OWNING_BY_FIRST.get(word, ()):
            # "we take full responsibility, but to be fair the auto-lock ..." takes it back
            after = words[i + len(seq):]
            # "..., but", "that's on us; it's their problem now": taken back
            if tuple(words[i:i + len(seq)]) == seq and not _takes_back_in(after) \
                    and not any(a == "their" and b in _THEIRS for a, b in pairwise(after)) \
                    and not _NEGATED & set(words[max(0, i - 3):i]):
                return True
    return False


# "it's not really our fault", "that was never on us": owning denied is no owning
_NEGATED = frozenset({"not", "never", "n't", "no", "hardly"})
_BUT = frozenset({"but", "though", "however", "although", "except"})
_THEIRS = frozenset({"problem", "fault", "issue", "responsibility", "end", "side", "job"})
# two words that take owning back as "but" does: "that was our mistake - mind you, the
# payment processor double-posted it" (a red team)
_BUT_PAIRS = frozenset({("mind", "you"), ("that", "said"), ("that", "say")})


def _takes_back_in(words: Sequence[str]) -> bool:
    return bool(_BUT & set(words)) or any(pair in _BUT_PAIRS for pair in pairwise(words))
# What opens a sentence that takes back the owning of the one before: "I take full
# ownership. That said, we're swamped" (a red team)
TAKING_BACK = (("that", "say"), ("having", "say"), ("mind", "you"), ("but",), ("though",),
               ("however",), ("still",), ("then", "again"), ("to", "be", "fair"),
               ("in", "fairness"), ("saying", "that"))


def takes_back(tokens: Sequence[Token]) -> bool:
    """A sentence that opens by taking back what the one before owned."""
    words = [t.lemma for t in tokens if t.norm not in ",.!?;:-"][:3]
    return any(tuple(words[:len(seq)]) == seq for seq in TAKING_BACK)


def taken_back(tokens: Sequence[Token]) -> Sequence[Token]:
    """What follows a "but" that takes back owning words or an apology, read on its own: "I
    take ownership, but the new girl did it" is an excuse after all, and the owning words
    before the "but" must not hide it from the model (a red team gamed the coach so)."""
    for i, t in enumerate(tokens):
        pair = (t.norm, tokens[i + 1].norm) in _BUT_PAIRS if i + 1 < len(tokens) else False
        if (t.norm in _BUT or pair) and i >= 2 and len(tokens) - i > 3 and \
                (owning(tokens[:i]) or any("@apology" in u.feats for u in tokens[:i])):
            return tokens[i + 1 + pair:]
    return ()


_OWNING_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _seq in OWNING:
    _OWNING_BY_FIRST.setdefault(_seq[0], []).append(_seq)


# Words that turn "I'm sorry you ..." into a non-apology: the customer's feelings, view or
# experience regretted instead of what happened ("sorry you feel", "sorry if", "sorry it
# came across that way").
_HEDGE_WORDS = frozenset({"if", "way", "across", "impression", "experience", "perception",
                          "upset", "offended", "disappointed", "unhappy", "not", "but"})
_HEDGE_CLASSES = ("@perceive", "@feeling_adj", "@emotion")


def named_apology(tokens: Sequence[Token]) -> bool:
    """A first-person apology for what happened, without a hedge: "I'm sorry you were
    charged twice", "so sorry your parcel went to the old address". The model reads "sorry
    you" as a non-apology's words; in such a sentence it may not add one on its own."""
    words = [t for t in tokens if t.norm not in ",.!?;:-"]
    first = next((i for i, t in enumerate(words) if "@apology" in t.feats), None)
    if first is None:
        return False
    before = [t.norm for t in words[max(0, first - 4):first]]
    if not (first == 0 or "i" in before or (before[-1:] in (["so"], ["very"], ["really"])
            and len(before) <= 2)):
        return False
    return not any(t.norm in _HEDGE_WORDS or any(c in t.feats for c in _HEDGE_CLASSES)
                   for t in words[first + 1:])


REPEATED = frozenset({"you", "your", "again", "already", "repeat", "twice", "times"})
_WH = frozenset({"what", "when", "how", "where", "which", "who"})
_ACCUSING = frozenset({"not", "never", "should", "must", "supposed", "why", "'d", "ought"})


def open_question(tokens: Sequence[Token]) -> bool:
    """An open question that invites the story ("What happened when you first saw the
    charge?"): the model reads "when you first ..." as blame; asked, it is listening. A
    question with a "not", a "should" or a "why" may still accuse, so it is not one."""
    words = [t.norm for t in tokens if t.norm not in ",.!;:-"]
    return bool(words) and ((words[-1] == "?" and words[0] in _WH) or invites(words)) \
        and not _ACCUSING & set(words)


_POLITE = frozenset({"so", "ok", "okay", "right", "please", "just", "now", "first", "can",
                     "could", "would", "will", "you", "u", "mr", "mrs", "ms", "sir", "madam"})
_INVITE = frozenset({"tell", "walk", "talk", "take", "run", "describe", "explain"})


def invites(words: Sequence[str]) -> bool:
    """The story asked for as a request ("Tell me what you saw when you came down", "Walk
    me through it - where was the water coming from?"): listening, which the model read as
    blaming the customer (a good answer's words, "when you came down")."""
    rest = list(dropwhile(lambda w: w in _POLITE, words))
    return len(rest) >= 2 and rest[0] in _INVITE and rest[1] in ("me", "us")


_CHECKS = (("have", "i", "get"), ("did", "i", "get"), ("be", "that", "right"),
           ("have", "i", "understand"), ("be", "i", "right"), ("be", "that", "correct"),
           ("do", "i", "have", "that"))


def check_back(tokens: Sequence[Token]) -> bool:
    """Saying back what the customer said and asking whether it is right ("So the jacket
    came in a medium when you ordered a large - have I got that right?"): listening, what
    a playbook's own step asks for, whatever the words before it (a newcomer saw it read
    as blame)."""
    words = [t.lemma for t in tokens if t.norm not in ",.!;:-"]
    if not words or words[-1] != "?":
        return False
    return _has_run(words[-6:], _CHECKS)


def _has_run(words: Sequence[str], runs: Sequence[tuple[str, ...]]) -> bool:
    """Whether one of ``runs`` stands in ``words``, word for word."""
    return any(tuple(words[k:k + len(run)]) == run for run in runs for k in range(len(words)))


WAIT = frozenset({"wait", "waiting", "hold", "queue", "delay"})
_DONT = frozenset({"n't", "not", "no", "never", "need", "nothing"})


def apologises(tokens: Sequence[Token]) -> bool:
    """An apology word not told off ("don't apologise", "no need to say sorry")."""
    return any("@apology" in t.feats and not _DONT & {u.norm for u in tokens[max(0, i - 3):i]}
               for i, t in enumerate(tokens))


_THANKS = ("thank", "thanks", "grateful")
_TOLD = frozenset({"tell", "let", "flag", "report", "raise", "point", "call", "write",
                   "bring", "spot", "contact", "alert", "mention"})


def thanks(tokens: Sequence[Token]) -> bool:
    """Thanks for telling us: "thank you for flagging this", "thanks for letting me know"."""
    words = [t for t in tokens if t.norm not in ",.!?;:-"]
    for i, t in enumerate(words[:6]):
        if t.norm in _THANKS and any(u.lemma in _TOLD for u in words[i + 1:i + 5]):
            return True
    return False


# Names for people: no owning words make them fair to say to a customer.
INSULTS = frozenset({"idiot", "idiots", "clown", "clowns", "clueless", "incompetent",
                     "lazy", "stupid", "dumb", "useless", "amateurs", "cowboys", "morons",
                     "moron", "pathetic", "hopeless"})



# A plain promise of our own ("We'll sort it.", "We will try to sort it.") tells nobody how
# to feel, however the model reads it: its writers' "don't worry, we'll sort it" taught it
# the words. Only a short one, opening with the promise, with no "not" and no "you".
_PROMISE_OPEN = frozenset({"i", "we"})
_NOT_PLAIN = frozenset({"you", "your", "u", "ur", "yourself", "not", "no", "never", "nothing",
                        "need", "worry", "relax", "calm", "cool", "chill", "fuss", "just",
                        "only", "fine", "okay", "ok", "all"})


def plain_promise(tokens: Sequence[Token]) -> bool:
    words = [t.norm for t in tokens if t.norm[:1].isalnum()]
    return (len(words) <= 12 and len(words) >= 2 and words[0] in _PROMISE_OPEN
            and words[1] == "will" and not _NOT_PLAIN & set(words))


_COURTESY = frozenset({"you", "be", "are", "'re", "welcome", "thank", "thanks", "good",
                       "morning", "afternoon", "evening", "hello", "hi", "hey", "no",
                       "problem", "worries", "of", "course", "absolutely", "sure", "my",
                       "pleasure", "mr", "mrs", "ms", "miss", "sir", "madam", "ma'am", "dr",
                       "again", "very", "much", "so", "and", "both", "all", "there",
                       "okay", "ok", "right", "certainly", "anytime"})


def courtesy(tokens: Sequence[Token]) -> bool:
    """A sentence of courtesies and names only ("You're welcome, Mr. Osei."): nothing the
    model may read a problem into (it read telling-feelings there: a good answer)."""
    words = [t for t in tokens if t.norm[:1].isalnum()]
    return bool(words) and all(t.norm in _COURTESY or t.lemma in _COURTESY or t.cap
                               for t in words)


_CLEARED = (("do", "nothing", "wrong"), ("not", "your", "fault"), ("do", "everything", "right"),
            ("you", "be", "right"), ("no", "fault", "of", "yours"), ("not", "on", "you"),
            ("nothing", "to", "do", "with", "you"), ("you", "do", "right"),
            # what they were owed: "you should've had my full attention" (a red team)
            ("you", "should", "have", "have"), ("you", "deserve"))


# Congratulations: "You passed the bar! That's incredible.", "oh wow, well done" (a practice
# writer's good answers at lost-reservation's empathy step, read as blame by the model)
_PRAISE = frozenset({"congratulations", "congrats", "congratulate", "incredible", "amazing",
                     "wonderful", "fantastic", "brilliant", "proud"})
# (as runs: "pass" alone is "I'll pass you to billing", "massive" "a massive backlog")
_PRAISED = (("well", "do"), ("you", "pass"), ("be", "massive"))
_SOURED = frozenset({"n't", "not", "no", "never", "wrong", "miss", "forget", "fail",
                     "should", "ruin", "late", "lose", "break", "only", "just", "manage",
                     "bother", "ignore", "instead", "again", "fault", "blame", "read"})


def clears_the_customer(tokens: Sequence[Token]) -> bool:
    """Saying the customer did nothing wrong ("you did nothing wrong, the mistake is
    ours", "You're right, the confirmation should have said that"), or congratulating
    them with nothing soured in it: the model read blame on the customer in "you did"
    (a red team's good phrases) and in "you passed"."""
    return _has_run([t.lemma for t in tokens if t.norm[:1].isalnum()], _CLEARED) \
        or praises(tokens)


def praises(tokens: Sequence[Token]) -> bool:
    """Congratulations with nothing soured in them ("You passed the bar! That's
    incredible."): the model alone read blame, and a cold transfer, in them."""
    lemmas = [t.lemma for t in tokens if t.norm[:1].isalnum()]
    return bool(_PRAISE.intersection(lemmas) or _has_run(lemmas, _PRAISED)) \
        and not _SOURED.intersection(lemmas)


# The categories the model alone may read (no pattern caught them) that a sentence's own
# words rule out, each with what rules it out: one table, read by the engine.
_CAUSES = ("@busy", "@season", "@newcomer", "@third")
_IMAGINES = (("can", "not", "imagine"), ("can", "only", "imagine"))
_RULED_OUT: dict[str, Callable[[Sequence[Token]], bool]] = {
    # "I'm sorry, Ms. Reyes - I gave your table away" names what it is sorry for
    "non-apology": named_apology,
    # "Please don't apologise" is no apology
    "plural-apology": lambda s: not apologises(s),
    # no hollow apology for a wait with no stock word for a cost ("sorry for the wait")
    "hollow-inconvenience": lambda s: bool(WAIT & {t.norm for t in s})
    and not any("@hollow" in t.feats for t in s),
    # "thank you for telling us", "you did nothing wrong", "You passed the bar!"
    "blame-customer": lambda s: thanks(s) or clears_the_customer(s),
    # a repeat is said to be one ("I just told the kitchen to hurry" is an errand)
    "as-i-said": lambda s: not any(t.norm in REPEATED for t in s),
    # a plain promise tells nobody how to feel ("We'll try to get it sorted as soon as
    # possible." - a newcomer saw telling-feelings there)
    "telling-feelings": plain_promise,
    # "It must have been so frustrating." feels for them when it names no cause
    "excuse": lambda s: any("@empathy_adj" in t.feats for t in s)
    and not any(c in t.feats for t in s for c in _CAUSES),
}


def read_otherwise(cat: str, tokens: Sequence[Token]) -> bool:
    """Whether ``cat``, read by the model alone, is ruled out by the sentence's own words:
    a word or two ("ok" read as telling feelings), listening ("have I got that right?"),
    a courtesy, congratulations, "I can't imagine how..." (feeling for them; not for
    telling-feelings), or the category's own entry in ``_RULED_OUT``."""
    if len([t for t in tokens if t.norm[:1].isalnum()]) < 3 or check_back(tokens) \
            or courtesy(tokens) or praises(tokens):
        return True
    if cat != "telling-feelings" and _has_run([t.norm for t in tokens], _IMAGINES):
        return True
    rule = _RULED_OUT.get(cat)
    return rule is not None and rule(tokens)
