"""Listings that fit the terminal: columns shrink with an ellipsis, rows never wrap,
times are local and short, empty listings say so, tall output goes to the pager."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from conftest import run
from recoverycli.table import columns, cut, short_time

HEADERS = ("id", "playbook", "customer", "status")
words = st.lists(st.sampled_from(["Ann", "Bartholomew", "Quixotic-Marmalade", "Lee", "界界",
                                  "x"]), min_size=1, max_size=6).map(" ".join)


@given(rows=st.lists(st.tuples(words, words, words, words), min_size=1, max_size=5),
       width=st.integers(min_value=40, max_value=140))
def test_every_line_fits_the_width(rows: list[tuple[str, ...]], width: int) -> None:
    text = columns(HEADERS, rows, width=width, flexible=("customer",))
    for line in text.splitlines():
        assert cell_len(line) <= width - 1, (line, width)


def test_fixed_columns_keep_their_words_while_free_text_shrinks() -> None:
    rows = [("a1b2c3", "hyken", "Zelda Quixotic-Marmalade of the Far North", "finished")]
    text = columns(HEADERS, rows, width=50, flexible=("customer",))
    assert "finished" in text and "hyken" in text
    assert "Zelda Quixotic-Marma…  finished" in text  # cut, never wrapped
    assert "Zelda Quixotic-Marmalade of the Far North" in columns(HEADERS, rows, width=200)


def test_a_cell_is_cut_with_an_ellipsis_at_a_word_boundary_when_near() -> None:
    assert cut("Seven service recovery strategies", 16) == "Seven service…"
    assert cut("Supercalifragilistic", 8) == "Superca…"
    assert cut("short", 8) == "short"


def test_times_are_shown_in_the_local_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert short_time(f"{datetime.now().year}-11-25T18:42:06.993Z") == "Nov 25 13:42"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_time_across_a_daylight_saving_change_names_its_zone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Pacific/Auckland")
    time.tzset()
    try:
        year = datetime.now().year
        assert short_time(f"{year}-01-10T01:00:00Z", "NZDT") == "Jan 10 14:00"
        assert short_time(f"{year}-07-10T01:00:00Z", "NZDT") == "Jul 10 13:00 NZST"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_times_are_local_and_short() -> None:
    stamp = "2026-11-25T18:42:06.993Z"
    local = datetime(2026, 11, 25, 18, 42, 6, tzinfo=UTC).astimezone()
    expected = local.strftime("%b %d %H:%M") if local.year == datetime.now().year \
        else local.strftime("%b %d %Y")
    assert short_time(stamp) == expected


@pytest.mark.parametrize("command, sentence", [
    ("history", "No sessions yet. Start one with: recover run hyken"),
    ("sessions", "No sessions yet. Start one with: recover run hyken"),
    ("due", "Nothing due for "),  # whose: the current agent's by default (issue 14)
    ("progress", "No practice recorded yet. Start with a role-play (below) or 'recover quiz'"),
])
def test_an_empty_listing_says_so_and_suggests_the_next_command(home: Path, command: str,
                                                                sentence: str) -> None:
    result = run(command)
    assert result.returncode == 0 and result.stdout.startswith(sentence)
    assert "recover " in result.stdout  # the next command to try
    assert "customer" not in result.stdout  # no lone header row


def test_history_with_filters_that_match_nothing_says_so(home: Path) -> None:
    assert "No sessions match these filters" in run("history", "--playbook", "heal").stdout


@pytest.mark.parametrize("width", [60, 80])
def test_list_fits_narrow_terminals(home: Path, width: int) -> None:
    text = run("list", env={"COLUMNS": str(width)}).stdout
    assert all(cell_len(line) < width for line in text.splitlines())
    assert len(text.splitlines()) == 4  # header and three playbooks, none broken in two


def test_tall_output_goes_through_the_pager_on_a_terminal(tmp_path: Path) -> None:
    from e2e.pty import finish, spawn

    pager = tmp_path / "pager.sh"
    pager.write_text("#!/bin/sh\nsed 's/^/PAGED: /'\n")
    pager.chmod(0o755)
    child = spawn("list", home=tmp_path, size=(3, 80), env={"PAGER": str(pager)})
    child.expect("PAGED: hyken")
    assert finish(child) == 0
    short = spawn("list", home=tmp_path, size=(24, 80), env={"PAGER": str(pager)})
    short.expect("hyken")
    assert finish(short) == 0
    assert "PAGED" not in short.before


def test_check_fits_the_width_and_its_carets_stay_under_their_words(home: Path) -> None:
    phrase = ("We apologize for any inconvenience, the courier lost it and that's our "
              "policy, calm down please")
    result = run("check", phrase, env={"COLUMNS": "50"})
    lines = result.stdout.splitlines()
    assert all(len(line) < 50 for line in lines), result.stdout
    text_line = next(line for line in lines if "our policy" in line)
    carets = lines[lines.index(text_line) + 1]
    start = carets.index("^")
    assert text_line[start:start + carets.count("^")] == "that's our policy"
    assert carets.endswith(" policy")
    # no word split with a hyphen (a spaced dash " - " of the coach's own text may end a line)
    assert not any(word.endswith("-") and word != "-"
                   for line in lines for word in line.split()[-1:])


def test_show_goes_through_the_pager_on_a_short_terminal(tmp_path: Path) -> None:
    from e2e.pty import finish, spawn

    pager = tmp_path / "pager.sh"
    pager.write_text("#!/bin/sh\nsed 's/^/PAGED: /'\n")
    pager.chmod(0o755)
    child = spawn("show", "hyken", home=tmp_path, size=(24, 80), env={"PAGER": str(pager)})
    child.expect(r"PAGED: \S*Seven service recovery strategies")  # colour codes kept
    assert finish(child) == 0


def test_ids_and_dates_stay_whole_while_optional_columns_go_first() -> None:
    """Red team 16: at 80 columns history cut the follow-up to '2026-11-2…' (hiding the
    day, the one thing the column is for) while a short agent column stayed."""
    from recoverycli.table import columns

    head = ("id", "customer", "started", "follow-up", "outcome", "agent")
    row = ("d5af7c88", "Zed", "Nov 25 22:23", "Nov 26 14:30", "returned", "root")
    wide = columns(head, [row], width=120)
    assert wide.splitlines()[1].split() == ["d5af7c88", "Zed", "Nov", "25", "22:23", "Nov",
                                            "26", "14:30", "returned", "root"]
    keep = ("id", "started", "follow-up")
    narrow = columns(head, [row], width=62, keep=keep, optional=("agent", "outcome"))
    assert "Nov 26 14:30" in narrow and "Nov 25 22:23" in narrow and "d5af7c88" in narrow
    assert "agent" not in narrow and "returned" in narrow  # agent dropped first
    assert all(len(line) < 62 for line in narrow.splitlines())
    tiny = columns(head, [row], width=40, keep=keep, optional=("agent", "outcome"))
    assert all(len(line) < 40 for line in tiny.splitlines())  # last resort: cut, never wrap


@pytest.mark.parametrize(("args", "first"), [
    (["practice", "--list"], "missing-honey"),
    (["report"], "Team report"),  # text: rich tables, colour codes kept for less -R
])
def test_practice_list_and_the_report_go_through_the_pager_when_taller(
        tmp_path: Path, args: list[str], first: str) -> None:
    from e2e.pty import finish, spawn

    pager = tmp_path / "pager.sh"
    pager.write_text("#!/bin/sh\nsed 's/^/PAGED: /'\n")
    pager.chmod(0o755)
    env = {"RECOVER_DATA_DIR": str(tmp_path / "data"),
           "RECOVER_CONFIG_DIR": str(tmp_path / "config")}
    height = len(run(*args, env={**env, "COLUMNS": "80"}).stdout.splitlines())
    assert height >= 5
    tall = spawn(*args, home=tmp_path, size=(height - 2, 80), env={"PAGER": str(pager)})
    tall.expect(r"PAGED: \S*" + first)  # the screen is shorter than the output
    assert finish(tall) == 0
    fits = spawn(*args, home=tmp_path, size=(height + 5, 80), env={"PAGER": str(pager)})
    fits.expect(first)
    assert finish(fits) == 0
    assert "PAGED" not in fits.screen.text()


def test_piped_one_huge_cell_stays_whole_and_pads_no_other_row(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Red team: a 2,000-character title made every line of a piped `list` 2,264 columns."""
    from recoverycli.table import PIPED_PAD, columns

    monkeypatch.delenv("COLUMNS", raising=False)
    rows = [("hyken", "Seven strategies", "7"), ("big", "T" * 2000, "3"),
            ("heal", "HEAL", "4")]
    out = columns(("id", "title", "steps"), rows, width=None).splitlines()
    assert "T" * 2000 in out[2]  # whole: a script gets the cell
    assert max(len(line) for i, line in enumerate(out) if i != 2) <= 6 + 2 + PIPED_PAD + 2 + 5
    assert out[1].split() == ["hyken", "Seven", "strategies", "7"]
