"""The wording coach: flags what the sources warn against, and spots what a good answer
has (a first-person apology, a concrete fix with a time, a follow-up, an offer that brings
the customer back).

Rules are data (``data/coach_rules.yaml``, shipped in the package); a team adds its own
or switches built-in ones off by id in ``coach.yaml`` in the user config dir or a file
given with ``--rules``. Findings are plain objects; nothing here prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from .errors import UsageError
from .yamldoc import open_document

BUILTIN_RULES = Path(__file__).resolve().parent / "data" / "coach_rules.yaml"
RULE_KEYS = {"id": True, "patterns": True, "unless": False, "why": True, "source": False,
             "better": True, "examples": False}
FILE_KEYS = {"rules": False, "disable": False}


class Rule(NamedTuple):
    id: str
    patterns: tuple[re.Pattern[str], ...]
    why: str
    better: str
    source: str | None = None
    unless: tuple[re.Pattern[str], ...] = ()
    flag_examples: tuple[str, ...] = ()
    pass_examples: tuple[str, ...] = ()


class Finding(NamedTuple):
    rule: str
    start: int
    end: int
    text: str
    why: str
    better: str
    source: str | None

    def as_dict(self) -> dict[str, object]:
        return {"rule": self.rule, "span": [self.start, self.end], "text": self.text,
                "why": self.why, "better": self.better, "source": self.source}


def _load_rule_file(path: str) -> tuple[list[Rule], list[str]]:
    """Rules and disabled ids from one file; located errors like a playbook's."""
    root, r = open_document(path)
    top = r.mapping(root, "", FILE_KEYS)
    rules: list[Rule] = []
    disabled: list[str] = list(r.texts(top["disable"], "disable")) if top and "disable" in top \
        else []
    for _, node, where in r.items(top["rules"], "rules") if top and "rules" in top else ():
        m = r.mapping(node, where, RULE_KEYS, [k for k, req in RULE_KEYS.items() if req])
        if m is None:
            continue
        rid = r.text(m["id"], f"{where}.id") if "id" in m else None
        compiled = []
        for kind in ("patterns", "unless"):
            out = []
            items = list(r.items(m[kind], f"{where}.{kind}")) if kind in m else []
            for _, pnode, ppath in items:
                text = r.text(pnode, ppath)
                if text is None:
                    continue
                try:
                    out.append(re.compile(text, re.IGNORECASE))
                except re.error as exc:
                    r.error(pnode, ppath, f"not a valid regular expression: {exc}")
            compiled.append(tuple(out))
        flags: tuple[str, ...] = ()
        passes: tuple[str, ...] = ()
        if "examples" in m:
            ex = r.mapping(m["examples"], f"{where}.examples", ("flag", "pass"))
            if ex:
                flags = r.texts(ex["flag"], f"{where}.examples.flag") if "flag" in ex else ()
                passes = r.texts(ex["pass"], f"{where}.examples.pass") if "pass" in ex else ()
        why = r.text(m["why"], f"{where}.why") if "why" in m else None
        better = r.text(m["better"], f"{where}.better") if "better" in m else None
        source = r.text(m["source"], f"{where}.source") if "source" in m else None
        if rid and why and better and compiled[0]:
            rules.append(Rule(rid, compiled[0], why, better, source, compiled[1], flags, passes))
    r.raise_if_problems()
    return rules, disabled


class Coach:
    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)

    @classmethod
    def load(cls, extra: Iterable[str] = ()) -> Coach:
        """Built-in rules, then the user's ``coach.yaml``, then ``extra`` files in order.

        A later rule with an id already known replaces it; ``disable`` removes ids.
        """
        from .paths import user_config_dir

        files = [str(BUILTIN_RULES)]
        user = user_config_dir() / "coach.yaml"
        if user.exists():
            files.append(str(user))
        files += list(extra)
        by_id: dict[str, Rule] = {}
        for file in files:
            rules, disabled = _load_rule_file(file)
            for rule in rules:
                by_id[rule.id] = rule
            for rid in disabled:
                if rid not in by_id:
                    raise UsageError(f"{file}: cannot disable '{rid}': no such rule "
                                     f"(rules: {', '.join(by_id)})")
                del by_id[rid]
        return cls(list(by_id.values()))

    def check(self, text: str) -> list[Finding]:
        findings: list[Finding] = []
        for rule in self.rules:
            if any(p.search(text) for p in rule.unless):
                continue
            spans: list[tuple[int, int]] = []
            for pattern in rule.patterns:
                spans += [(m.start(), m.end()) for m in pattern.finditer(text)
                          if m.end() > m.start()]
            for start, end in _merge(spans):
                findings.append(Finding(rule.id, start, end, text[start:end], rule.why,
                                        rule.better, rule.source))
        return sorted(findings, key=lambda f: (f.start, f.rule))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# What a good answer has, step by step. Each element is present when every group has a
# match (e.g. a fix needs an action *and* a time).
_TIME = (r"\b(?:today|tonight|tomorrow|right now|now|right away|immediately|straight away|"
         r"within (?:the )?\w+|by (?:\w+ )?(?:morning|noon|tonight|tomorrow|monday|tuesday|"
         r"wednesday|thursday|friday|saturday|sunday|end of (?:the )?day|\d)|"
         r"this (?:morning|afternoon|evening|week)|in (?:\d+|an?|one|two|three|five|ten|"
         r"fifteen|twenty|thirty|a few|a couple of) (?:minutes?|hours?|days?)|"
         r"\d{1,2}(?::\d\d)? ?(?:am|pm)|on (?:monday|tuesday|wednesday|thursday|friday|"
         r"saturday|sunday)|next (?:week|monday|tuesday|wednesday|thursday|friday|time|visit)|"
         r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b")
ELEMENTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "apology": ("an apology in the first person: \"I'm sorry\"",
                (r"\bi(?:'m| am)\s+(?:(?:so|very|truly|really|deeply|terribly)\s+)*sorry\b"
                 r"|\bi (?:sincerely )?apologi[sz]e\b",)),
    "empathy": ("words that show you understand how they feel",
                (r"\b(?:i (?:can )?(?:see|understand|hear|imagine|know) (?:how|why|that|what)|"
                 r"that must (?:have been|be)|you must (?:have been|be) (?:so )?\w+|"
                 r"i(?:'d| would) be (?:upset|angry|frustrated|furious)|"
                 r"(?:broke|broken) your heart|of course you(?:'re| are)|"
                 r"(?:that's|that is|how) "
                 r"(?:awful|terrible|frustrating|upsetting|disappointing))",)),
    "listen": ("an invitation to tell the whole story, or a check you heard it right",
               (r"(?:\?|\b(?:tell me|walk me through|take me through|what happened|"
                r"have i got that right|let me make sure))",)),
    "fix": ("a concrete fix, and when it will happen",
            (r"\b(?:i(?:'ll| will)|i(?:'m| am) (?:going to|\w+ing)|we(?:'ll| will)|let me|"
             r"here's (?:what|the plan)|i(?:'ve| have) "
             r"(?:arranged|booked|sent|refunded|set up))\b", _TIME)),
    "urgency": ("doing it now, not later", (r"\b(?:right now|now|right away|immediately|"
                                            r"straight away|this minute|as we speak|today)\b",)),
    "follow_up": ("a follow-up, and when",
                  (r"\b(?:follow up|follow-up|check (?:back|in)|call you (?:back|again)|"
                   r"get back to you|touch base|circle back|i(?:'ll| will) (?:call|ring|email|"
                   r"phone|text|message) you|reach out)\b", _TIME)),
    "offer": ("an offer that gives them a reason to come back (the bring-back factor)",
              (r"\b(?:free|complimentary|on us|on the house|discount|voucher|certificate|"
               r"credit|refund|no charge|upgrade|gift|treat)\b",
               r"\b(?:next (?:visit|time|stay|order|trip|meal)|come back|return|future|"
               r"when you're (?:back|next)|again|renew(?:al|s)?|another (?:go|chance|try))\b")),
    "ownership": ("owning the mistake for the company",
                  (r"\b(?:we|i) (?:made a mistake|got (?:this|it) wrong|messed (?:this |it )?up|"
                   r"should have|should never have|let you down|dropped the ball|"
                   r"take (?:full )?responsibility|own (?:this|it))|"
                   r"should never have happened\b",)),
    "proactive": ("telling them first, before they find out",
                  (r"\b(?:i(?:'m| am) calling|i wanted to let you know|before you (?:hear|find)|"
                   r"i(?:'m| am) (?:ringing|writing|getting in touch)|i need to tell you|"
                   r"wanted to tell you)\b",)),
}
_ELEMENT_RE = {name: tuple(re.compile(p, re.IGNORECASE) for p in groups)
               for name, (_, groups) in ELEMENTS.items()}


def has_element(name: str, text: str) -> bool:
    if name not in _ELEMENT_RE:
        raise UsageError(f"unknown element '{name}' (elements: {', '.join(ELEMENTS)})")
    return all(p.search(text) for p in _ELEMENT_RE[name])
