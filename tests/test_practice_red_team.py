"""Practice scoring against two red teams of the ninth round (issue 20): each was given the
README and the issue, not the code, and tried to score high without doing the work, then
to find good answers the rules hold down. Every case here is one of theirs."""

from __future__ import annotations

import pytest

from conftest import assessed
from recoverycli.playbooks.catalog import load_catalog

FIRST = ("Good morning, Mr. Saxena - I'm the manager on duty, and I wanted you to hear it "
         "from me first: your keys are locked in your rental car. ")

HELD_DOWN = [
    ("locked-keys", "proactive", FIRST + "It's our mistake, sort of."),
    ("locked-keys", "proactive", FIRST + "It's our mistake, technically."),
    ("locked-keys", "proactive", FIRST + "Our mistake, I'm told."),
    ("locked-keys", "proactive", FIRST + "It's our mistake, or so they tell me."),
    ("locked-keys", "proactive", FIRST + "It's our mistake, if you want to call it that."),
    ("locked-keys", "proactive", FIRST + "Our mistake in a way."),
    ("locked-keys", "follow-up", "I'll check in with you this evening, unless I forget."),
    ("lost-reservation", "empathy", "I understand how much tonight meant to you, or so you "
     "say."),
    ("phone-complaint", "6", "It's back on your card within two days, give or take a week."),
    ("phone-complaint", "7", "I'll call you on Friday myself, just like last time."),
    ("missing-honey", "3", "Sorry again, it's my fault, or whatever you want to call it."),
    ("phone-complaint", "1", "Dana, I'm sorry - being charged twice and then left waiting is "
     "perfectly normal."),
    ("phone-complaint", "1", "Dana, I'm sorry - being charged twice and then left waiting is "
     "just how billing works."),
    ("locked-keys", "no-blame", "We made a mistake, and it's ours to fix. Keys get locked in "
     "cars all the time, to be honest."),
    ("locked-keys", "proactive", "Good morning, Mr. Saxena - I wanted you to hear it first: "
     "we've hit a snag with your rental car keys overnight, and it's on us."),
    ("locked-keys", "proactive", "Good morning - there's been a development regarding your "
     "rental car and the keys, and it's our mistake."),
]

CARRIED = [
    ("lost-reservation", "empathy", "I can't imagine how disappointing this is after a month "
     "of looking forward to it."),
    ("locked-keys", "plan", "A driver will pick you up here at 9:30 and take you to every "
     "viewing."),
    ("locked-keys", "plan", "Our driver will be at the front door in fifteen minutes to take "
     "you to every viewing."),
    ("phone-complaint", "6", "I've put it through just now - it'll land within two working "
     "days."),
    ("locked-keys", "follow-up", "Tomorrow at eight I'll meet you at the front desk with your "
     "keys and check that everything's fine with the car."),
    ("locked-keys", "follow-up", "I'll give you a ring after your last viewing to see how it "
     "went and tell you where the car is."),
    ("lost-reservation", "empathy", "That must sting."),
    ("lost-reservation", "empathy", "No one should have their celebration spoiled like this."),
    ("lost-reservation", "empathy", "Passing the bar is huge, and you deserved a perfect "
     "evening - not this. I'm so sorry we let you down."),
    ("missing-honey", "5", "I get it - it's annoying to ask twice for honey and never see it."),
    ("missing-honey", "5", "You're right, that must have been irritating."),
    ("locked-keys", "proactive", FIRST + "We did it."),
    ("locked-keys", "proactive", FIRST + "We did this to you."),
    ("locked-keys", "proactive", FIRST + "It happened on our watch."),
    ("locked-keys", "proactive", FIRST + "Nobody but us is to blame."),
    ("locked-keys", "proactive", FIRST + "The blame sits with the hotel, full stop."),
    ("missing-honey", "1", "I'm so sorry - I promised it and never brought it."),
    ("missing-honey", "1", "I'm sorry, I was distracted and forgot your honey."),
    # innocent negations and hedges stay innocent
    ("locked-keys", "plan", "No need to wait: a driver takes you at 9:30, and the car is "
     "ready by tomorrow morning."),
    ("missing-honey", "1", "I'm sorry, and I won't let it happen again - that was my "
     "mistake."),
    ("missing-honey", "1", "I can't say sorry enough. It was my mistake."),
    ("lost-reservation", "loyalty", "I guess I'd feel the same. Dinner for two is on us next "
     "time, and I'll call you on Monday to book it."),
]


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return load_catalog(write_cache=False)


@pytest.mark.parametrize(("scenario_id", "step", "text"), HELD_DOWN)
def test_a_hedge_a_shrug_or_a_vague_telling_is_held_to_40(
        catalog, scenario_id: str, step: str, text: str) -> None:  # type: ignore[no-untyped-def]
    result = assessed(catalog, scenario_id, step, text)
    assert result.score <= 40, result


@pytest.mark.parametrize(("scenario_id", "step", "text"), CARRIED)
def test_a_good_answer_in_plain_words_carries_its_elements(
        catalog, scenario_id: str, step: str, text: str) -> None:  # type: ignore[no-untyped-def]
    result = assessed(catalog, scenario_id, step, text)
    assert all(present for _name, present in result.elements), result
    assert result.score >= 70, result
