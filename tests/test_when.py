"""How people say a follow-up: the forms taken and the nonsense refused."""

from __future__ import annotations

from datetime import date

import pytest

from recoverycli.errors import UsageError
from recoverycli.when import parse_follow_up

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(("said", "stored"), [
    ("2d 14:30", "2026-11-27 14:30"), ("tomorrow 9am", "2026-11-26 09:00"),
    ("2d 12pm", "2026-11-27 12:00"), ("2d 12am", "2026-11-27 00:00"),
    ("2026-12-01 1:05pm", "2026-12-01 13:05"), ("tomorrow morning", "2026-11-26 09:00"),
])
def test_times_people_say(said: str, stored: str) -> None:
    assert parse_follow_up(said, TODAY) == stored


@pytest.mark.parametrize("said", ["2d 13pm", "today 23:59pm", "2d 00pm", "2d 0am", "2d 25:00",
                                  "2d 10:75"])
def test_no_such_time_of_day(said: str) -> None:
    """Red team 16: 13pm was stored as 13:00, 00pm as 12:00."""
    with pytest.raises(UsageError, match="no such time of day"):
        parse_follow_up(said, TODAY)


def test_a_time_already_gone_today_is_past_a_day_with_no_time_is_not() -> None:
    """Red team 16: "today 00:00" at noon was taken as a future follow-up."""
    from datetime import datetime

    from recoverycli.when import follow_up_past

    noon = datetime(2026, 11, 25, 12, 0)
    assert follow_up_past("2026-11-25 00:00", noon)
    assert follow_up_past("2026-11-25 11:59", noon)
    assert not follow_up_past("2026-11-25 12:00", noon)
    assert not follow_up_past("2026-11-25", noon)  # today, any time: not past yet
    assert follow_up_past("2026-11-24 23:59", noon) and follow_up_past("2026-11-24", noon)
    assert not follow_up_past("2026-11-26 00:00", noon)


def test_step_times_round_half_up_wherever_they_show() -> None:
    """Newcomer 16: 4.5 s showed as 0m05s in the checklist but 0m04s in the Markdown
    export (round() rounds half to even, and the export had the time to a tenth)."""
    from recoverycli.run.checklist import clock

    assert clock(4.5) == clock(4.5123) == "0m05s"
    assert clock(4.49) == "0m04s" and clock(59.5) == "1m00s" and clock(3599.5) == "1h00m"


# Issue 19: weekday words (TODAY is a Wednesday) ----------------------------------------

@pytest.mark.parametrize(("said", "stored"), [
    ("friday", "2026-11-27"), ("Fri", "2026-11-27"), ("this friday", "2026-11-27"),
    ("next tue", "2026-12-01"), ("mon 10am", "2026-11-30 10:00"),
    ("wednesday", "2026-12-02"),  # today's weekday alone: the next one, a week on
    ("this wed", "2026-11-25"),  # "this": today counts
    ("next wednesday", "2026-12-02"), ("Thursday 14:30", "2026-11-26 14:30"),
    ("sat morning", "2026-11-28 09:00"), ("on friday at 9am", "2026-11-27 09:00"),
])
def test_weekday_words(said: str, stored: str) -> None:
    assert TODAY.strftime("%A") == "Wednesday"
    assert parse_follow_up(said, TODAY) == stored


@pytest.mark.parametrize("said", ["fridays", "next", "this", "next next fri", "frid ay"])
def test_not_a_weekday(said: str) -> None:
    with pytest.raises(UsageError, match="weekday"):
        parse_follow_up(said, TODAY)


def test_a_date_says_its_weekday_and_a_weekend_is_named() -> None:
    from recoverycli.when import follow_up_words, weekend_note

    friday = date(2026, 11, 27)
    assert parse_follow_up("2d", friday) == "2026-11-29"
    assert follow_up_words("2026-11-29") == "on Sun 29 Nov 2026"
    assert weekend_note("2026-11-29") == "a Sunday, at the weekend"
    assert weekend_note("2026-11-28 10:00") == "a Saturday, at the weekend"
    assert weekend_note("2026-11-27") is None


# --- dates as each language writes them (issue 23) -----------------------------------------


@pytest.mark.parametrize("lang, expected", [
    ("es", "4 dic 2026, 14:03"), ("en", "4 Dec 2026, 14:03"), ("fr", "4 Dec 2026, 14:03")])
def test_moment_words_as_the_reader_writes_them(lang: str, expected: str) -> None:
    from datetime import datetime

    from recoverycli.when import moment_words

    assert moment_words(datetime(2026, 12, 4, 14, 3), lang) == expected


def test_every_month_and_weekday_in_spanish() -> None:
    from datetime import date

    from recoverycli.when import date_words

    months = [date_words(date(2026, m, 1), "es").split()[1] for m in range(1, 13)]
    assert months == ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct",
                      "nov", "dic"]
    assert date_words(date(2026, 12, 5), "es", weekday=True) == "sáb 5 dic 2026"
    assert date_words(date(2026, 12, 7), "en", weekday=True) == "Mon 7 Dec 2026"


def test_dates_follow_the_interface_language() -> None:
    from datetime import date

    from recoverycli import i18n
    from recoverycli.when import date_words

    try:
        i18n.use("es")
        assert date_words(date(2026, 8, 15)) == "15 ago 2026"
        i18n.use("en")
        assert date_words(date(2026, 8, 15)) == "15 Aug 2026"
    finally:
        i18n.use()
