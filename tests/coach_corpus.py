"""The wording coach's labelled corpus (tests/data/coach_phrases.yaml), its challenge set
(coach_challenge.yaml) and their fixed split.

A phrase belongs to ``train`` or ``dev`` by a hash of its text, so the split never depends
on order and a phrase added later lands in the same part on every machine. Rules are tuned
on ``train`` only; figures are quoted on ``dev``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import NamedTuple

import yaml

PATH = Path(__file__).resolve().parent / "data" / "coach_phrases.yaml"
CHALLENGE = Path(__file__).resolve().parent / "data" / "coach_challenge.yaml"
TRAIN_SHARE = 60  # percent


class Phrase(NamedTuple):
    text: str
    category: str
    bad: bool
    also: tuple[str, ...]


def split_of(text: str) -> str:
    digest = hashlib.sha1(text.strip().encode("utf-8")).hexdigest()
    return "train" if int(digest[:8], 16) % 100 < TRAIN_SHARE else "dev"


def load(split: str | None = None, path: Path = PATH) -> list[Phrase]:
    """Every phrase, or only those of one split ("train" or "dev")."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    phrases: list[Phrase] = []
    for category, labels in data.items():
        for label in ("bad", "good"):
            for item in labels.get(label) or []:
                text, also = (item, ()) if isinstance(item, str) else (
                    item["text"], tuple(item.get("also", ())))
                if split is None or split_of(text) == split:
                    phrases.append(Phrase(text, category, label == "bad", also))
    return phrases


def categories() -> list[str]:
    return list(yaml.safe_load(PATH.read_text(encoding="utf-8")))
