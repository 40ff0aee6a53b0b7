"""bench/team_load.py at a small size, once (issue 22): agents saving at once against a real
PostgreSQL the bench starts itself, then the same with the server restarted halfway -
every confirmed step and note is in the team store at the end, what waited locally sent
by sync. The bench's own exit status says whether anything was lost."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "team_load.py"


def test_no_confirmed_save_is_lost_under_load_or_across_a_server_restart() -> None:
    from pgserver import bindir

    if bindir() is None:
        pytest.skip("PostgreSQL is not installed")
    result = subprocess.run([sys.executable, str(BENCH), "--agents", "6", "--seconds", "4",
                             "--think", "0.1"], capture_output=True, text=True, timeout=300,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    confirmed = [int(n) for n in re.findall(r"confirmed steps and notes: (\d+), lost: 0",
                                            result.stdout)]
    assert len(confirmed) == 2 and all(n > 20 for n in confirmed), result.stdout
    assert "server stopped and started again" in result.stdout
    restart = result.stdout.split("server stopped and started again")[1]
    kept = re.search(r"(\d+) kept locally and sent by sync: (\d+) sessions", restart)
    assert kept is not None and int(kept[1]) > 0 and int(kept[2]) > 0, result.stdout
