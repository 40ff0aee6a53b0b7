"""A report a manager acts on (issue 22): small samples as counts with one footnote,
kept follow-ups on time and late, return rate and missed follow-ups per agent, the
overdue follow-ups by name, every week of the period, --json, and text that fits the
terminal with no trailing spaces."""

from __future__ import annotations

import itertools
import json
import re
from datetime import date
from pathlib import Path

from conftest import run
from report_seed import seed

FOOTNOTE = "fewer than 10"


def one_returned(home: Path, env: dict[str, str]) -> None:
    answers = home / "a.yaml"
    answers.write_text("fields:\n  offer: a free month\nsteps:\n  - {}\n")
    assert run("run", "hyken", "--customer", "One", "--answers", str(answers),
               "--follow-up", "today", env=env).returncode == 0
    sid = json.loads(run("history", "--json", env=env).stdout)[0]["id"]
    assert run("outcome", sid, "--result", "returned", env=env).returncode == 0


def test_a_small_sample_is_counts_with_one_footnote(home: Path,
                                                    store_env: dict[str, str]) -> None:
    one_returned(home, store_env)
    for fmt in ("text", "md", "html"):
        page = run("report", "--format", fmt, env=store_env).stdout
        page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)  # CSS widths are 100%
        out = " ".join(page.split())
        assert "1 of 1 came back" in out, fmt
        assert "100%" not in out, fmt  # never a big percentage on one case
        assert out.count(FOOTNOTE) == 1, fmt  # the threshold explained once
        assert "too few to judge" not in out.replace(
            out[out.index(FOOTNOTE) - 80:out.index(FOOTNOTE) + 200], ""), fmt
    html = run("report", "--format", "html", env=store_env).stdout
    assert "<b>1 of 1</b>" in html


def test_kept_follow_ups_are_split_into_on_time_and_late(home: Path) -> None:
    seed(120)
    data = json.loads(run("report", "--format", "json").stdout)
    kept, f = data["follow_ups_kept"], data["follow_ups"]
    assert kept["on_time"] == f["on_time"] and kept["late"] == f["late"]
    assert kept["count"] == f["on_time"] + f["late"] and f["late"] > 0
    text = " ".join(run("report").stdout.split())
    assert f"{f['on_time']} on time, {f['late']} late" in text


def test_each_agent_has_a_return_rate_and_missed_follow_ups(home: Path,
                                                           store_env: dict[str, str]) -> None:
    seed(120)
    data = json.loads(run("report", "--format", "json", env=store_env).stdout)
    agents = data["by_agent"]
    assert sum(a["missed"] for a in agents) == data["follow_ups"]["missed"]
    assert sum(a["came_back"]["count"] for a in agents) == data["outcomes"]["returned"]
    assert sum(a["came_back"]["of"] for a in agents) == (
        data["outcomes"]["returned"] + data["outcomes"]["lost"])
    text = run("report", env=store_env).stdout
    row = next(line for line in text.splitlines() if line.startswith("kim "))
    kim = next(a for a in agents if a["agent"] == "kim")
    assert f"{kim['came_back']['count']} of {kim['came_back']['of']}" in row
    assert re.search(rf"\b{kim['missed']}\b", row)


def test_the_overdue_follow_ups_are_listed_by_name(home: Path,
                                                  store_env: dict[str, str]) -> None:
    seed(120)
    data = json.loads(run("report", "--format", "json", env=store_env).stdout)
    overdue = data["overdue"]
    assert len(overdue) == data["follow_ups"]["missed"] > 0
    today = date.fromisoformat(data["scope"]["period"]["until"])
    for row in overdue:
        assert row["days_late"] == (today - date.fromisoformat(row["follow_up"][:10])).days
        assert row["days_late"] > 0 and row["customer"] and row["agent"]
    assert [r["days_late"] for r in overdue] == sorted((r["days_late"] for r in overdue),
                                                       reverse=True)
    first = overdue[0]
    for fmt in ("text", "html", "md"):
        out = run("report", "--format", fmt, env=store_env).stdout
        assert "Overdue follow-ups" in out and first["customer"] in out, fmt
        assert f"{first['days_late']}" in out


def test_every_week_of_the_period_is_listed_empty_ones_too(home: Path) -> None:
    one_returned(home, {})
    data = json.loads(run("report", "--json", "--since", "8w").stdout)
    weeks = [t["week"] for t in data["trend"]]
    assert len(weeks) in (9, 10)  # the week of --since 8w to this week
    assert sum(t["sessions"] for t in data["trend"]) == 1
    assert [t["sessions"] for t in data["trend"]].count(0) == len(weeks) - 1
    days = [date.fromisoformat(w) for w in weeks]
    assert all((b - a).days == 7 for a, b in itertools.pairwise(days))


def test_json_is_format_json_and_suggested_where_missing(home: Path) -> None:
    one_returned(home, {})
    a = json.loads(run("report", "--json").stdout)
    b = json.loads(run("report", "--format", "json").stdout)
    a["scope"].pop("generated"), b["scope"].pop("generated")
    a["scope"].pop("generated_local"), b["scope"].pop("generated_local")
    assert a == b
    both = run("report", "--json", "--format", "md")
    assert both.returncode == 2 and "--json" in both.stderr and "--format" in both.stderr
    sid = json.loads(run("history", "--json").stdout)[0]["id"]
    export = run("export", sid, "--json")
    assert export.returncode == 2 and "did you mean --format json?" in export.stderr


def test_text_fits_the_terminal_with_no_trailing_spaces(home: Path) -> None:
    seed(120)
    for width in (60, 80, 132):
        out = run("report", env={"COLUMNS": str(width)}).stdout
        lines = out.splitlines()
        assert not [line for line in lines if line != line.rstrip()], width
        assert max(len(line) for line in lines) <= width, width
    wide = run("report", env={"COLUMNS": "132"}).stdout
    assert max(len(line) for line in wide.splitlines()) > 80  # uses the width it has
    coloured = run("report", env={"COLUMNS": "80", "FORCE_COLOR": "1", "NO_COLOR": ""}).stdout
    assert "\x1b[" in coloured
    plain = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in coloured.splitlines()]
    assert not [line for line in plain if line != line.rstrip()]
