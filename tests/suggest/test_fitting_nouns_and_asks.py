"""The feeling is pinned on what the message is about, and the request or promise fits it (issue 18, round 18aj):
a person's role is no topic, whose thing it is is not garbled, a holiday takes no article, a plan's time is said
once, a missed payment is a slip of memory, and "your mouth" is not said back.

The messages are written for these tests, not taken from the data.
"""

import pytest

from tests.suggest.conftest import rewrite_for


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Why do you never listen? I told you twice that Thursday was the dentist.", "the dentist"),
        ("You call yourself a parent and you missed the school play again", "the parent"),
        ("I said the physio wanted Monday, not the surgeon. Why can't you remember a thing?", "the surgeon"),
    ],
)
def test_a_persons_role_is_not_the_topic(analyzer, text, role):
    rewrite = rewrite_for(analyzer, text, "criticism")
    assert f"about {role}" not in rewrite, rewrite


def test_calling_yourself_something_is_no_call(analyzer):
    rewrite = rewrite_for(analyzer, "You call yourself a parent and you missed the school play again", "criticism")
    assert "hear from you" not in rewrite and "check in" not in rewrite, rewrite


def test_a_third_persons_relative_is_not_said_with_the(analyzer):
    rewrite = rewrite_for(analyzer, "What sort of uncle forgets his own nephew's birthday?", "criticism")
    assert "the nephew's" not in rewrite, rewrite


def test_a_holiday_takes_no_article(analyzer):
    rewrite = rewrite_for(analyzer, "Oh great. You. Running the Easter do. Brilliant.", "contempt")
    assert "the Easter" not in rewrite, rewrite


def test_some_thing_is_news_not_what_the_partner_is_upset_about(analyzer):
    rewrite = rewrite_for(analyzer, "you talk like I had some say in it", "defensiveness")
    assert "the say" not in rewrite, rewrite


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        ("I was going to hoover after lunch!!", "after lunch"),
        ("i was gonna feed the cat before my shift", "before my shift"),
    ],
)
def test_a_plans_time_is_said_once(analyzer, text, plan):
    rewrite = rewrite_for(analyzer, text, "defensiveness")
    assert rewrite.count(plan) <= 1 and "straight away" not in rewrite, rewrite


def test_a_missed_payment_promises_a_reminder_not_to_check_before_spending(analyzer):
    text = "Seriously? I do everything round here and you lose it over ONE late bill? I'm done explaining myself."
    rewrite = rewrite_for(analyzer, text, "defensiveness")
    assert "before I spend" not in rewrite, rewrite


def test_your_mouth_is_not_said_back(analyzer):
    rewrite = rewrite_for(analyzer, "every time you open your mouth about the car I want to scream", "criticism")
    assert "mouth" not in rewrite, rewrite
