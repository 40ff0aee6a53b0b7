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
