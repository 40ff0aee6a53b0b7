"""Scale inside the caps: steps are looked up by id, so walking a very long playbook is
linear. The wall-time budgets are in bench/big_playbook.py; this only catches a return
to a search per step (quadratic: minutes at this size), in a subprocess with a timeout."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
from recoverycli.playbooks.model import Playbook, Step
from recoverycli.playbooks.session import DONE, Session, Walk
from recoverycli.run.checklist import summary_text
n = 60_000
book = Playbook("big", "Big", tuple(Step(str(i + 1), "s") for i in range(n)))
walk = Walk(book, Session("abc123", "big", None, "Big"))
while not walk.finished:
    walk.complete(DONE)
assert summary_text(book, walk.session).count("[x]") == n
assert book.number(str(n)) == n and book.step("7").id == "7"
print("ok")
"""


def test_walking_sixty_thousand_steps_is_linear() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"


def test_step_lookup_sees_a_new_steps_tuple() -> None:
    from recoverycli.playbooks.model import Playbook, Step

    a = Playbook("a", "A", (Step("x", "one"), Step("y", "two")))
    b = a._replace(steps=(Step("y", "first"), Step("x", "second")))
    assert a.number("y") == 2 and b.number("y") == 1
    assert b.step("x").title == "second"
