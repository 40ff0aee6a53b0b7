"""The report after one session of a 2,000-step playbook: every step is counted (the
medians and titles are read in batches, within SQLite's 500-term limit on a compound
SELECT, which a statement per report used to pass), and what is drawn stays bounded (a
chart of 2,000 bars took minutes and megabytes). Sizes and counts, never times; the
speed is in bench/report_long_playbook.py."""

from __future__ import annotations

import io
import random
import re
import time
from pathlib import Path
from typing import Any

import pytest

from recoverycli.playbooks.model import Playbook, Step, outline_of
from recoverycli.playbooks.session import Session, Visit
from recoverycli.report.model import gather
from recoverycli.report.render import render
from recoverycli.report.words import LONG, TERMINAL_ROWS, shortened
from recoverycli.storage.store import Store

STEPS = 2000


def save_session(store: Store, steps: int = STEPS, playbook: str = "long",
                 ago: float = 0.0) -> None:
    """One finished session of a playbook of ``steps`` steps, a time on each, ``ago``
    seconds back."""
    book = Playbook(playbook, "Long", tuple(Step(str(n), f"Step number {n}")
                                            for n in range(1, steps + 1)))
    rng = random.Random(5)
    now = time.time() - ago
    session = Session(f"{playbook:0>32}"[-32:], book.id, None, book.title,
                      status="finished", started=now - 600, ended=now,
                      outline=outline_of(book), agent="sam", team="care")
    session.path = [Visit(s.id, "skip" if n % 10 == 3 else "done")
                    for n, s in enumerate(book.steps)]
    session.seconds = {s.id: rng.uniform(1, 90) for s in book.steps}
    if steps >= 1999:
        session.seconds["1999"] = 500.0  # the slowest step: shown wherever steps are cut
    store.save(session)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from datetime import date

    store = Store(tmp_path_factory.mktemp("store"))
    save_session(store)
    try:
        return gather(store, date.today())
    finally:
        store.close()


def test_every_step_is_counted_with_its_median_and_title(data: dict[str, Any]) -> None:
    every_step_counted(data)


def test_every_step_is_counted_on_postgresql(pg_url: str) -> None:
    """There the medians and titles go in batches of UNION ALL (one round trip each of
    400): four playbooks of 120 steps make two batches. And a session of 2,000 steps is
    saved and counted: its closed steps were too long for the report's index (a
    PostgreSQL index entry holds ~2.7 KB, so the save failed), and are now counted from
    its step rows."""
    from datetime import date

    from recoverycli.storage.postgres import PostgresBackend

    store = Store(PostgresBackend(pg_url, bound=600))
    try:
        for name in ("a", "b", "c", "d"):
            save_session(store, 120, name)
        steps = gather(store, date.today())["steps"]
        save_session(store)  # 2,000 steps
        every_step_counted(gather(store, date.today(), playbook="long"))
    finally:
        store.close()
    assert len(steps) == 480
    assert all(s["median_seconds"] is not None for s in steps if s["skipped"] == 0)
    assert all(s["title"] == f"Step number {s['step']}" for s in steps)


def every_step_counted(data: dict[str, Any]) -> None:
    steps = data["steps"]
    assert len(steps) == STEPS
    assert [s["number"] for s in steps] == list(range(1, STEPS + 1))
    done = [s for s in steps if s["skipped"] == 0]
    assert all(s["median_seconds"] is not None for s in done)
    assert all(s["title"] == f"Step number {s['step']}" for s in steps)
    assert next(s for s in steps if s["step"] == "1999")["median_seconds"] == 500.0


def test_the_html_report_stays_bounded(data: dict[str, Any]) -> None:
    page = render("html", data)
    assert isinstance(page, str)
    assert len(page) < 1_000_000  # was 2.6 MB, 2.4 MB of it one chart
    charts = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert 1 <= len(charts) <= 6
    for chart in charts:  # a bar is a patch; the figure, axes and frame a few more
        assert chart.count('id="patch_') <= LONG + 6
        assert len(chart) < 200_000
    # the slowest step is drawn ("long · 1999. Step number 1999", wrapped on two lines)
    steps_chart = next(c for c in charts if "1999. Step" in c)
    assert re.search(r"1999\. Step\s*(</text>\s*<text[^>]*>)?\s*number 1999<", steps_chart)
    assert f"the {LONG} longest of {STEPS}" in page
    assert page.count("<tr>") > STEPS  # the table keeps every step


def test_the_text_report_shows_the_longest_steps_and_says_where_the_rest_are(
        data: dict[str, Any]) -> None:
    from recoverycli.render import make_console

    out = io.StringIO()
    console = make_console(out)
    console.width = 100
    console.print(render("text", data))
    text = out.getvalue()
    assert len(text.splitlines()) < 2 * TERMINAL_ROWS + 100
    assert "1999. Step number" in text and "8m20s" in text  # the slowest step
    flat = " ".join(text.split())
    assert f"{TERMINAL_ROWS} of {STEPS} rows shown (the longest median times)" in flat
    assert "--format md, html or json" in flat


def test_markdown_and_json_keep_every_step(data: dict[str, Any]) -> None:
    import json

    md = render("md", data)
    assert isinstance(md, str)
    assert sum(1 for line in md.splitlines()
               if line.startswith("| ") and "Step number" in line) >= STEPS
    js = render("json", data)
    assert isinstance(js, str) and len(json.loads(js)["steps"]) == STEPS


def test_shortened_keeps_the_largest_in_their_order() -> None:
    assert shortened(3, [1.0, 2.0, 3.0], limit=5) == [0, 1, 2]
    assert shortened(6, [5.0, 1.0, 9.0, 1.0, 7.0, 1.0], limit=3) == [0, 2, 4]
    assert shortened(6, [1.0] * 6, limit=2) == [0, 1]  # ties: the first
    assert shortened(6, [], limit=2) == [0, 1]  # no bars: the first rows


def test_the_weeks_stay_a_whole_time_line_in_the_terminal(tmp_path: Path) -> None:
    """More weeks than a table shows in the terminal: every one is listed all the same."""
    from datetime import date, timedelta

    from recoverycli.render import make_console

    store = Store(tmp_path)
    save_session(store, 5, "short", ago=3 * 365 * 86400)  # weeks run from the first one
    save_session(store, 5, "recent")
    try:
        today = date.today()
        data = gather(store, today, since=(today - timedelta(days=3 * 365)).isoformat())
    finally:
        store.close()
    weeks = [t["week"] for t in data["trend"]]
    assert len(weeks) > TERMINAL_ROWS
    out = io.StringIO()
    console = make_console(out)
    console.width = 120
    console.print(render("text", data))
    assert all(week in out.getvalue() for week in weeks)
    assert "rows shown" not in out.getvalue()
