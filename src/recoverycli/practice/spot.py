"""Spot the mistakes: Tom Borg's missing-honey story told as it happened, where the trainee
names what went wrong; scored on the mistakes found, each then explained with what the
playbook would have done. Offline and deterministic: a mistake is found when an answer
line uses one of its cue words."""

from __future__ import annotations

import re
from typing import NamedTuple

BORG = 'Tom Borg, "How to Recover From the Mistakes You Make with Your Customer"'
HYKEN = 'Shep Hyken, "Service Recovery: Love Means Never Having to Say You\'re Sorry"'


class Story(NamedTuple):
    title: str
    text: str
    source: str


class Mistake(NamedTuple):
    id: str
    what: str            # what went wrong, in our words
    cues: str            # a regex: words that name it
    playbook_would: str  # what the playbook would have done
    source: str


STORY = Story(
    "The missing honey, as it happened",
    "Two customers order breakfast. One ordered honey with his muffins; it does not come. "
    "When the waitress, clearly rushed, stops by to ask if everything is ok, he tells her, "
    "and she promises to bring it. Minutes pass; nothing. When she checks back a second "
    "time he says it is not ok: he never got the honey and ate the muffins without it. "
    "Embarrassed, she says sorry, mumbles something about how busy it is, leaves the "
    "check and walks off. (Borg's story, told in our words.)",
    BORG)

MISTAKES: tuple[Mistake, ...] = (
    Mistake("promise", "A promise not kept: she said she would bring the honey and did not.",
            r"promis|never (brought|came|got)|did ?n[o']t (bring|come)|forg[oe]t|remind|"
            r"follow(ed)? through|kept|keep",
            "Fix it at once and keep him told (Hyken strategies 6 and 7): bring the honey "
            "straight away.", HYKEN),
    Mistake("excuse", "An excuse with the apology: she muttered that they were busy.",
            r"excuse|busy|mutter|murmur|blam|reason|rushed",
            "Apologise and own it, with no excuse: \"it may not be your fault, but at this "
            "time, you represent your company\" (Hyken strategy 1).", HYKEN),
    Mistake("no-fix", "Nothing was put right: she left the bill and walked away.",
            r"walk|left|leav|bill|fix|deduct|charg|refund|compensat|nothing|off the|"
            r"put (it )?right|correct",
            "Fix the problem and explain how (Hyken strategy 4): Borg suggests taking the "
            "muffins off the bill.", BORG),
    Mistake("no-bring-back", "Nothing to bring him back: the restaurant lost its next chance.",
            r"come back|coming back|return|certificate|voucher|next (time|visit)|"
            r"bring.?back|loyal|again|free breakfast",
            "Build in a \"bring back factor\": Borg suggests \"a certificate for a free "
            "breakfast the next time he returned\".", BORG),
)


class Spotted(NamedTuple):
    found: dict[str, bool]
    score: int

    def as_dict(self, lines: list[str]) -> dict[str, object]:
        return {"exercise": "spot-the-mistakes", "story": STORY.title, "source": STORY.source,
                "answers": lines, "score": self.score, "found": self.found,
                "mistakes": [{"id": m.id, "what": m.what, "found": self.found[m.id],
                              "playbook_would": m.playbook_would, "source": m.source}
                             for m in MISTAKES]}


def spot(lines: list[str]) -> Spotted:
    """Each mistake is found by the first line that names it; a line names one mistake
    at most, so one sweeping sentence does not find them all."""
    found = {m.id: False for m in MISTAKES}
    for line in lines:
        text = line.lower()
        for mistake in MISTAKES:
            if not found[mistake.id] and re.search(mistake.cues, text):
                found[mistake.id] = True
                break
    return Spotted(found, round(100 * sum(found.values()) / len(MISTAKES)))
