"""The wording coach against its labelled corpus: recall, false-flag rate, precision, and
checking speed. Run: ``python bench/coach_corpus.py``. The thresholds (recall >= 0.9,
false-flag rate <= 0.1) are also held by tests/test_coach.py.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import yaml

from recoverycli.coach import Coach

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "coach_corpus.yaml"


def main() -> None:
    corpus = yaml.safe_load(CORPUS.read_text())
    coach = Coach.load()
    bad = [item["text"] for item in corpus["bad"]]
    fine = corpus["fine"]
    caught = [t for t in bad if coach.check(t)]
    false = [t for t in fine if coach.check(t)]
    recall = len(caught) / len(bad)
    false_rate = len(false) / len(fine)
    precision = len(caught) / (len(caught) + len(false))
    start = time.perf_counter()
    rounds = 50
    for _ in range(rounds):
        for text in bad + fine:
            coach.check(text)
    per_phrase = (time.perf_counter() - start) / (rounds * (len(bad) + len(fine)))
    print(f"corpus: {len(bad)} to flag, {len(fine)} fine")
    print(f"recall {recall:.3f} (>= 0.9)  false-flag rate {false_rate:.3f} (<= 0.1)  "
          f"precision {precision:.3f}")
    print(f"check: {per_phrase * 1e6:.0f} us per phrase")
    for text in sorted(set(bad) - set(caught)):
        print(f"  missed: {text}")
    for text in false:
        print(f"  false flag: {text}")
    sys.exit(0 if recall >= 0.9 and false_rate <= 0.1 else 1)


if __name__ == "__main__":
    main()
