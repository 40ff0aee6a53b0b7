"""What people really type, made regular: case, contractions (with or without the
apostrophe), British spelling, chat spelling and common typos.

``tokenize`` returns the text as sentences of ``Token``s; every token keeps the span of
the original text it came from, so a finding can point at what the person wrote.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .lexicon import CLASSES

DATA = Path(__file__).parent / "data"


def _load() -> tuple[dict[str, str], frozenset[str]]:
    import json

    data = json.loads((DATA / "forms.json").read_text("utf-8"))
    return data["forms"], frozenset(data["participles"])


FORMS, PARTICIPLES = _load()


@lru_cache(maxsize=1)
def _typo_lines() -> list[str]:
    """``data/typos.tsv``, sorted "typo<TAB>word" lines: split when a word first is not in
    the lexicon, and read with :func:`looked_up`."""
    return (DATA / "typos.tsv").read_text("utf-8").rstrip("\n").split("\n")


def looked_up(lines: list[str], key: str) -> str | None:
    """What follows ``key`` and a tab on its line of ``lines``, sorted "key<TAB>value"
    lines (a tab sorts before every character a key has, so the lines sort as their keys
    do); None when no line has it. The typos here and the coach's model weights are read
    so: bisected, not parsed whole into a dict on every check."""
    head = key + "\t"
    at = bisect_left(lines, head)
    return lines[at][len(head):] if at < len(lines) and lines[at].startswith(head) else None


def typo(word: str) -> str:
    """The word a one-slip typo stands for ("recieve" -> "receive"), or the word itself."""
    return looked_up(_typo_lines(), word) or word


CLASS_OF: dict[str, tuple[str, ...]] = {}
for _name, _words in CLASSES.items():
    for _word in _words:
        CLASS_OF[_word] = (*CLASS_OF.get(_word, ()), "@" + _name)


class Token(NamedTuple):
    norm: str     # the regular spelling, lower case ("are" for "r", "not" for "n't")
    lemma: str    # its base form ("send" for "sent")
    start: int    # span in the original text
    end: int
    cap: bool     # capitalised in the original and not a known word: likely a name
    pp: bool      # a past participle ("sent", "given")
    feats: frozenset[str] = frozenset()  # what patterns match: spelling, lemma, classes


def _feats(norm: str, lemma: str, cap: bool, pp: bool) -> frozenset[str]:
    out = {norm, lemma, "=" + norm, *CLASS_OF.get(lemma, ()), *CLASS_OF.get(norm, ())}
    if norm == lemma:  # the base form: "%task" matches "send", not "sent"
        out |= {"%" + c[1:] for c in CLASS_OF.get(lemma, ())}
    if cap:
        out.add("#name")
    if pp:
        out.add("#pp")
    if norm[:1].isdigit():
        out.add("#num")
    if norm != ",":
        out.add("#any")
    return frozenset(out)


def make(norm: str, lemma: str, start: int, end: int, cap: bool = False,
         pp: bool = False) -> Token:
    return Token(norm, lemma, start, end, cap, pp, _feats(norm, lemma, cap, pp))


_WORD = re.compile(r"[A-Za-z0-9&]+(?:['’][A-Za-z]+)*(?:-[A-Za-z]+)*|[.,;:!?]|\s[-–—]\s|\n")
SENTENCE_END = frozenset(".!?\n")
CLAUSE_MARK = frozenset(",;:-")

# Whole words typed in chat or in a hurry, and their regular form (one or more words).
CHAT: dict[str, str] = {
    "u": "you", "ya": "you", "yu": "you", "r": "are", "soz": "sorry", "sry": "sorry",
    "srry": "sorry", "sozz": "sorry", "apols": "apologies", "pls": "please", "plz": "please",
    "plse": "please", "thx": "thanks", "ty": "thanks", "abt": "about", "b4": "before",
    "atm": "at the moment", "rn": "right now", "tmrw": "tomorrow", "tmr": "tomorrow",
    "tmw": "tomorrow", "tomoz": "tomorrow", "2moro": "tomorrow", "2day": "today",
    "2nite": "tonight", "v": "very", "m8": "mate", "ppl": "people", "dept": "department",
    "dpt": "department", "depts": "departments", "tbh": "to be honest",
    "imo": "in my opinion", "lol": "", "idk": "i do not know", "coz": "because",
    "cos": "because", "cuz": "because", "bc": "because", "gonna": "going to",
    "wanna": "want to", "gotta": "got to", "msg": "message", "mins": "minutes",
    "hrs": "hours", "probs": "problems", "prob": "problem", "inconv": "inconvenience",
    "pic": "photo", "pics": "photos", "w/": "with", "ok": "okay", "k": "okay",
    "im": "i am", "ive": "i have", "youre": "you are", "youll": "you will",
    "youve": "you have", "theyre": "they are", "theyll": "they will", "weve": "we have",
    "thats": "that is", "whats": "what is", "theres": "there is", "its": "it is",
    "hes": "he is", "shes": "she is", "lets": "let us", "dont": "do not",
    "doesnt": "does not", "didnt": "did not", "cant": "can not", "cannot": "can not",
    "wont": "will not", "isnt": "is not", "arent": "are not", "wasnt": "was not",
    "werent": "were not", "shouldnt": "should not", "couldnt": "could not",
    "wouldnt": "would not", "havent": "have not", "hasnt": "has not", "hadnt": "had not",
    "mustnt": "must not", "shouldve": "should have", "couldve": "could have",
    "wouldve": "would have", "mustve": "must have", "ill": "i will", "itll": "it will",
    "thatll": "that will", "aint": "is not", "y'all": "you", "cud": "could", "wud": "would",
    "shud": "should", "pleez": "please", "tho": "though", "thru": "through",
    "govt": "government", "mgr": "manager", "mgmt": "management", "acct": "account",
    "asap": "now", "n": "and", "&": "and", "4": "for", "ur": "your",
}
# "ur" before these reads "you are" ("ur right"); elsewhere "your" ("ur order").
_UR_ARE = frozenset([
    "right", "welcome", "not", "being", "getting", "going", "so", "very", "v", "the", "a", "an",
    "on", "in", "upset", "angry", "wrong", "correct", "absolutely", "totally", "completely"
])
# "its" before these is the possessive ("its sincere apologies"); elsewhere "it is"
# typed without the apostrophe ("its company policy").
_ITS_OWN = frozenset(["own", "sincere", "deepest", "apologies", "apology", "staff",
                      "customers", "team", "employees", "people", "best", "members",
                      "managers", "products"])
_S_IS = frozenset([
    "it", "that", "there", "he", "she", "what", "who", "where", "here", "everyone", "everything",
    "nobody", "this", "something", "nothing", "someone", "everybody", "one", "how"
])
_ID_VERBS = frozenset(["go", "be", "say", "like", "love", "recommend", "suggest", "do", "have",
                       "never", "rather", "better", "want", "stay", "eat", "shop", "buy", "look",
                       "complain", "not"])
_D_WOULD = frozenset(["like", "love", "prefer", "rather", "better", "want"])
_BRITISH = (("ise", "ize"), ("ised", "ized"), ("ises", "izes"), ("ising", "izing"),
            ("isation", "ization"), ("iour", "ior"), ("olour", "olor"), ("avour", "avor"),
            ("lled", "led"), ("lling", "ling"),
            ("tre", "ter"), ("ogue", "og"), ("yse", "yze"), ("ysed", "yzed"))
_SPELL = {"spoilt": "spoiled", "learnt": "learned", "burnt": "burned", "whilst": "while",
          "amongst": "among", "programme": "program", "cheque": "check", "tyre": "tire",
          "should of": "should have"}


_SUFFIXES = (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
             ("es", ""), ("s", ""))


def _lemma(word: str) -> str:
    """The lemma from the lexicon; for a regular inflection of a lexicon word it does not
    list ("glitched"), the base it strips to."""
    if word in FORMS:
        return FORMS[word]
    return _strip(word) or word


def _strip(word: str) -> str | None:
    for suffix, add in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + add
            if FORMS.get(stem) == stem:
                return stem
            if not add and len(stem) > 3 and stem[-1] == stem[-2] and \
                    FORMS.get(stem[:-1]) == stem[:-1]:  # "slammed" -> "slam"
                return stem[:-1]
    return None


def _participle(word: str) -> bool:
    return word in PARTICIPLES or (word.endswith("ed") and _strip(word) is not None)


@lru_cache(maxsize=16384)
def _regular(word: str) -> str:
    """British spelling and typos to the form the lexicon knows."""
    if word in _SPELL:
        return _SPELL[word]
    for brit, amer in _BRITISH:
        if (word.endswith(brit) and len(word) > len(brit) + 2
                and word[: -len(brit)] + amer in FORMS):
            return word[: -len(brit)] + amer
    if word in FORMS:
        return word
    return typo(word)


def _expand(word: str, nxt: str) -> list[str]:
    """One typed word -> the regular words it stands for."""
    w = word.replace("’", "'")
    if w in CHAT:
        if w == "ur":
            return ["you", "are"] if nxt in _UR_ARE else ["your"]
        if w == "its" and nxt in _ITS_OWN:
            return ["its"]
        if w == "2" or w == "4":
            return [CHAT[w]]
        return CHAT[w].split()
    if w in ("youd", "wed", "theyd") or (w == "id" and nxt in _ID_VERBS):
        head = {"youd": "you", "wed": "we", "theyd": "they", "id": "i"}[w]
        return [head, "would" if nxt in _D_WOULD or nxt not in PARTICIPLES else "had"]
    if w == "2":
        return ["to"] if nxt.isalpha() else [w]
    if "'" in w:
        head, _, tail = w.partition("'")
        if tail == "t" and head.endswith("n"):
            base = {"won": "will", "can": "can", "shan": "shall", "ain": "is"}.get(
                head, head[:-1])
            return [base, "not"]
        if tail == "re":
            return [head, "are"]
        if tail == "ve":
            return [head, "have"]
        if tail == "ll":
            return [head, "will"]
        if tail == "m":
            return [head, "am"]
        if tail == "d":
            return [head, "would" if nxt in _D_WOULD or nxt not in PARTICIPLES else "had"]
        if tail == "s":
            if head in _S_IS:
                return [head, "has" if nxt in ("been", "got", "gotten") else "is"]
            return [head, "'s"]
        return [head]
    return [w]


def tokenize(text: str) -> list[list[Token]]:
    """The text as sentences of tokens (punctuation kept as tokens for clause marks)."""
    raw = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    sentences: list[list[Token]] = [[]]
    for i, (word, start, end) in enumerate(raw):
        stripped = word.strip()
        if stripped in SENTENCE_END or word == "\n":
            if stripped == "?" and sentences[-1]:
                sentences[-1].append(make("?", "?", start, end))
            if sentences[-1]:
                sentences.append([])
            continue
        if stripped in CLAUSE_MARK or stripped in ("–", "—"):
            sentences[-1].append(make(",", ",", start, end))
            continue
        low = word.lower()
        nxt = raw[i + 1][0].lower().replace("’", "'") if i + 1 < len(raw) else ""
        parts = _expand(low, _regular(nxt) if nxt.isalpha() else nxt)
        head, _, tail = low.replace("’", "'").partition("'")
        known = head in FORMS or head in CHAT or (tail != "" and tail != "s")
        cap = word[:1].isupper() and not known and len(head) > 1 and not word.isupper()
        for part in parts:
            if not part:
                continue
            reg = _regular(part)
            sentences[-1].append(make(reg, _lemma(reg), start, end, cap, _participle(reg)))
    sentences = [s for s in sentences if s]
    for sentence in sentences:
        _fix_were(sentence)
        _fix_so(sentence)
        _fix_no_one(sentence)
    return sentences


def _fix_no_one(sentence: list[Token]) -> None:
    """ "no one" is "nobody", so patterns name it once."""
    i = 0
    while i < len(sentence) - 1:
        if sentence[i].norm == "no" and sentence[i + 1].norm == "one":
            sentence[i:i + 2] = [make("nobody", "nobody", sentence[i].start,
                                      sentence[i + 1].end)]
        i += 1


_SUBJECTS = frozenset([
    "i", "we", "you", "it", "they", "he", "she", "that", "this", "there", "the", "my", "our",
    "your", "their", "what", "nobody", "everyone", "someone", "things", "let", "please"
])


def _fix_so(sentence: list[Token]) -> None:
    """ "so" before a word that is not a subject is "very" ("so sorry", "so rude"), not the
    conjunction that starts a clause ("so I'll call you")."""
    for i, token in enumerate(sentence[:-1]):
        if token.norm == "so" and sentence[i + 1].norm not in _SUBJECTS and \
                sentence[i + 1].norm != "," and not sentence[i + 1].cap:
            sentence[i] = make("very", "very", token.start, token.end)


_WERE_AFTER = frozenset([",", "and", "but", "so", "then", "because", "that"])
_WERE_NEXT = frozenset(["sorry", "apologize", "apology", "busy", "swamped", "slammed",
                        "understaffed"])


def _fix_were(sentence: list[Token]) -> None:
    """ "Were sorry" or "were swamped" starting a clause is "we're" typed without the
    apostrophe."""
    i = 0
    while i < len(sentence) - 1:
        token = sentence[i]
        if token.norm == "were" and (i == 0 or sentence[i - 1].norm in _WERE_AFTER):
            rest = [t for t in sentence[i + 1:i + 4] if t.norm not in (
                "very", "so", "really", "truly", "terribly", "awfully", "a", "bit", "super")]
            if rest and rest[0].lemma in _WERE_NEXT:
                sentence[i:i + 1] = [make("we", "we", token.start, token.end),
                                     make("are", "be", token.start, token.end)]
        i += 1
