"""Write src/recoverycli/practice/data/forms.json: every inflection of the coach's words -> lemma.

The coach matches on lemmas. lemminflect (a well-kept, offline English lemmatizer and
inflector) takes ~0.4 s to import, more than the whole budget of ``recover check``; so it
runs here, at build time, over the closed vocabulary the rules use (the word classes and
every literal word in a pattern), and the run-time coach does one dictionary look-up.
Also written: which forms are past participles, and (in ``typos.tsv``, sorted lines the
coach bisects) the one-slip typos (a dropped or swapped letter) of the longer words,
except those that are real English words.

Run after changing lexicon.py or rules.py: ``python scripts/build_lexicon.py``; a test
fails when forms.json is out of date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "recoverycli" / "practice" / "data" / "forms.json"
TYPOS = OUT.parent / "typos.tsv"

# Closed-class words the patterns rely on, with their lemma.
FUNCTION = {
    "am": "be", "is": "be", "are": "be", "was": "be", "were": "be", "be": "be", "been": "be",
    "being": "be", "have": "have", "has": "have", "had": "have", "having": "have",
    "do": "do", "does": "do", "did": "do", "done": "do", "doing": "do",
    "will": "will", "would": "would", "can": "can", "could": "could", "should": "should",
    "must": "must", "may": "may", "might": "might", "shall": "shall", "not": "not",
    "never": "never", "no": "no", "i": "i", "me": "me", "my": "my", "mine": "mine",
    "we": "we", "us": "us", "our": "our", "ours": "ours", "you": "you", "your": "your",
    "yourself": "yourself", "they": "they", "them": "them", "their": "their", "he": "he",
    "she": "she", "his": "his", "her": "her", "it": "it", "the": "the", "a": "a", "an": "an",
    "this": "this", "that": "that", "these": "these", "those": "those", "if": "if",
    "and": "and", "but": "but", "so": "so", "or": "or", "because": "because", "to": "to",
    "for": "for", "of": "of", "in": "in", "on": "on", "at": "at", "by": "by", "with": "with",
    "about": "about", "from": "from", "as": "as", "like": "like", "please": "please",
    "just": "just", "only": "only", "very": "very", "really": "really", "too": "too",
    "here": "here", "there": "there", "what": "what", "who": "who", "how": "how",
    "why": "why", "when": "when", "where": "where", "which": "which", "again": "again",
    "already": "already", "ever": "ever", "everyone": "everyone", "anyone": "anyone",
    "someone": "someone", "nobody": "nobody", "nothing": "nothing", "anything": "anything",
    "all": "all", "any": "any", "some": "some", "every": "every", "else": "else",
    "hi": "hi", "hello": "hello", "thanks": "thanks", "thank": "thank", "okay": "okay",
    "yes": "yes", "yeah": "yeah", "well": "well", "sir": "sir", "madam": "madam",
    "mate": "mate", "honestly": "honestly", "frankly": "frankly", "apparently": "apparently",
    "unfortunately": "unfortunately", "afraid": "afraid", "sorry": "sorry", "let": "let",
    "lets": "let", "let's": "let", "up": "up", "down": "down", "out": "out", "off": "off",
    "over": "over", "then": "then", "now": "now", "look": "look", "oh": "oh", "ok": "okay",
    "one": "one", "two": "two", "three": "three", "four": "four", "five": "five",
    "ten": "ten", "twenty": "twenty", "hundred": "hundred", "first": "first",
    "next": "next", "last": "last", "more": "more", "most": "most", "much": "much",
    "many": "many", "maybe": "maybe", "perhaps": "perhaps", "clearly": "clearly",
    "obviously": "obviously", "even": "even", "still": "still", "always": "always",
    "usually": "usually", "normally": "normally", "myself": "myself",
    "ourselves": "ourselves", "personally": "personally", "together": "together",
}
# Irregular past forms lemminflect does not know for these rarer verbs.
IRREGULAR = {"misheard": "mishear", "misread": "misread", "mislaid": "mislay",
             "misled": "mislead", "overslept": "oversleep", "forgot": "forget",
             "forgotten": "forget"}
# Frequent slips the one-letter rule does not reach.
EXTRA_TYPOS = {
    "inconvience": "inconvenience", "inconvinience": "inconvenience",
    "inconveniance": "inconvenience", "inconvenince": "inconvenience",
    "inconvienence": "inconvenience", "inconvenence": "inconvenience",
    "apologse": "apologise", "appologise": "apologise", "appologize": "apologize",
    "apologies'": "apologies", "recieve": "receive", "recieved": "received",
    "dwon": "down", "calmn": "calm", "polciy": "policy", "poilcy": "policy",
    "responsability": "responsibility", "definately": "definitely",
    "seperate": "separate", "accomodate": "accommodate", "wierd": "weird",
    "untill": "until", "tommorow": "tomorrow", "tomorow": "tomorrow",
    "tommorrow": "tomorrow", "mistakenly": "mistakenly", "becuase": "because",
    "beacuse": "because", "apologiez": "apologies", "sory": "sorry", "sorri": "sorry",
    "sorrry": "sorry", "alright": "all right",
}


def words_used() -> set[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from recoverycli.practice.lexicon import CLASSES
    from recoverycli.practice.rules import CATEGORIES

    words: set[str] = set()
    for members in CLASSES.values():
        words |= members
    for cat in CATEGORIES:
        for pattern in (*cat.patterns, *cat.unless, *cat.text_unless):
            for part in re.split(r"[\s|~?]+", pattern):
                part = part.lstrip("=")
                if part and part[0].isalpha() and not part.startswith("..."):
                    words.add(part.lower())
    from recoverycli.practice import elements

    words |= set(elements.VOCABULARY)
    return words


def main() -> None:
    from lemminflect import getAllInflections, getAllLemmas
    from lemminflect.core.Lemmatizer import Lemmatizer

    forms: dict[str, str] = dict(FUNCTION)
    participles: set[str] = set()
    for word in sorted(words_used()):
        lemmas = getAllLemmas(word)
        # "sent" in a class is the verb "send"; a base form is its own lemma
        base = word
        for upos in ("VERB", "NOUN", "ADJ", "ADV"):
            if upos in lemmas and lemmas[upos] and lemmas[upos][0] != word:
                if word not in getAllInflections(word):
                    base = lemmas[upos][0]
                break
        forms.setdefault(word, base)
        for tag, infl in getAllInflections(base).items():
            for form in infl:
                forms.setdefault(form, base)
                if tag in ("VBN", "VBD"):
                    participles.add(form)
        for form in (getAllInflections(base, upos="VERB").get("VBN", ())):
            participles.add(form)
    for form, lemma in IRREGULAR.items():
        forms[form] = lemma
        participles.add(form)
    lemmatizer = Lemmatizer()
    lemmatizer.getAllLemmas("test")
    english = set(lemmatizer.lemma_dict) | set(forms)
    typos: dict[str, str] = {}
    from recoverycli.practice.lexicon import CLASSES

    content = set().union(*CLASSES.values())
    for form in sorted(forms):
        if len(form) < 6 or not form.isalpha() or forms[form] not in content:
            continue
        variants = {form[:i] + form[i + 1:] for i in range(1, len(form))}
        variants |= {form[:i] + form[i + 1] + form[i] + form[i + 2:]
                     for i in range(1, len(form) - 1)}
        for v in variants:
            if v != form and v not in english and v not in typos:
                typos[v] = form
    typos.update(EXTRA_TYPOS)
    import json

    data = {"about": "generated by scripts/build_lexicon.py with lemminflect; do not edit",
            "forms": dict(sorted(forms.items())), "participles": sorted(participles)}
    text = json.dumps(data, separators=(",", ":"), sort_keys=False) + "\n"
    # the typos one a line, sorted: the coach bisects them (see normalize.typo)
    assert all(ch > "\t" for typo in typos for ch in typo + typos[typo])
    typo_text = "".join(f"{typo}\t{typos[typo]}\n" for typo in sorted(typos))
    if "--check" in sys.argv:
        fresh = all(path.exists() and path.read_text(encoding="utf-8") == written
                    for path, written in ((OUT, text), (TYPOS, typo_text)))
        print(f"{OUT.relative_to(ROOT)} and typos.tsv are "
              f"{'up to date' if fresh else 'OUT OF DATE'}")
        sys.exit(0 if fresh else 1)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    TYPOS.write_text(typo_text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(forms)} forms, {len(participles)} participles, "
          f"{len(typos)} typos")


if __name__ == "__main__":
    main()
