"""Spot the mistakes: Tom Borg's missing-honey story told as it happened, where the trainee
names what went wrong; scored on the mistakes found, each then explained with what the
playbook would have done. Offline and deterministic: a mistake is found when an answer
line uses one of its cue words, English or Spanish (the story and its explanations are shown
in the reader's language; a line is matched with its accents folded)."""

from __future__ import annotations

import re
from typing import NamedTuple

from recoverycli.i18n import N_, LazyText

BORG = 'Tom Borg, "How to Recover From the Mistakes You Make with Your Customer"'
HYKEN = 'Shep Hyken, "Service Recovery: Love Means Never Having to Say You\'re Sorry"'


class Story(NamedTuple):
    title: LazyText
    text: LazyText
    source: str


class Mistake(NamedTuple):
    id: str
    what: LazyText            # what went wrong, in our words
    cues: str                 # a regex: words that name it (English and Spanish, no accents)
    playbook_would: LazyText  # what the playbook would have done
    source: str


STORY = Story(
    N_("The missing honey, as it happened"),
    N_("Two customers order breakfast. One ordered honey with his muffins; it does not come. "
       "When the waitress, clearly rushed, stops by to ask if everything is ok, he tells her, "
       "and she promises to bring it. Minutes pass; nothing. When she checks back a second "
       "time he says it is not ok: he never got the honey and ate the muffins without it. "
       "Embarrassed, she says sorry, mumbles something about how busy it is, leaves the "
       "check and walks off. (Borg's story, told in our words.)"),
    BORG)

MISTAKES: tuple[Mistake, ...] = (
    Mistake("promise",
            N_("A promise not kept: she said she would bring the honey and did not."),
            r"promis|never (brought|came|got)|did ?n[o']t (bring|come)|forg[oe]t|remind|"
            r"follow(ed)? through|kept|keep|"
            r"promet|nunca (la )?(trajo|llego)|no (la )?(trajo|llego)|olvid|record|cumpl",
            N_("Fix it at once and keep him told (Hyken strategies 6 and 7): bring the honey "
               "straight away."), HYKEN),
    Mistake("excuse", N_("An excuse with the apology: she muttered that they were busy."),
            r"excuse|busy|mutter|murmur|blam|reason|rushed|"
            r"excusa|ocupad|mucho trabajo|prisa|culp|justific",
            N_("Apologise and own it, with no excuse: \"it may not be your fault, but at this "
               "time, you represent your company\" (Hyken strategy 1)."), HYKEN),
    Mistake("no-fix", N_("Nothing was put right: she left the bill and walked away."),
            r"walk|left|leav|bill|fix|deduct|charg|refund|compensat|nothing|off the|"
            r"put (it )?right|correct|"
            r"se fue|se marcho|dejo la cuenta|cuenta|arregl|solucion|descont|cobr|reembols|"
            r"compens|nada",
            N_("Fix the problem and explain how (Hyken strategy 4): Borg suggests taking the "
               "muffins off the bill."), BORG),
    Mistake("no-bring-back",
            N_("Nothing to bring him back: the restaurant lost its next chance."),
            r"come back|coming back|return|certificate|voucher|next (time|visit)|"
            r"bring.?back|loyal|again|free breakfast|"
            r"volv|vuelv|regres|vale|cupon|proxima (vez|visita)|fideli|otra vez|desayuno gratis",
            N_("Build in a \"bring back factor\": Borg suggests \"a certificate for a free "
               "breakfast the next time he returned\"."), BORG),
)


class Spotted(NamedTuple):
    found: dict[str, bool]
    score: int

    def as_dict(self, lines: list[str]) -> dict[str, object]:
        return {"exercise": "spot-the-mistakes", "story": str(STORY.title),
                "source": STORY.source, "answers": lines, "score": self.score,
                "found": self.found,
                "mistakes": [{"id": m.id, "what": str(m.what), "found": self.found[m.id],
                              "playbook_would": str(m.playbook_would), "source": m.source}
                             for m in MISTAKES]}


def spot(lines: list[str]) -> Spotted:
    """Each mistake is found by the first line that names it; a line names one mistake
    at most, so one sweeping sentence does not find them all."""
    found = {m.id: False for m in MISTAKES}
    import unicodedata

    for line in lines:
        text = "".join(c for c in unicodedata.normalize("NFD", line.lower())
                       if not unicodedata.combining(c))
        for mistake in MISTAKES:
            if not found[mistake.id] and re.search(mistake.cues, text):
                found[mistake.id] = True
                break
    return Spotted(found, round(100 * sum(found.values()) / len(MISTAKES)))
