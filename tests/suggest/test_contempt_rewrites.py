"""Contempt rewrites say back the behaviour a jab mocks, never the joke's own nouns or someone else's doing.

Each message is rewritten as if flagged for contempt only (``Analyzer.analyze_as_flagged``), so the
rule under test is the rewriter's, whatever the model makes of the message today.
"""

from __future__ import annotations

import pytest

from .conftest import rewrite_for


@pytest.mark.parametrize(
    "text, behaviour",
    [
        ("oh nooo did poor baby have a hard day of sitting on the couch 🥺", "you sitting on the couch?"),
        ("Oh sorry, I forgot you're far too important to do a school run.", "you doing a school run?"),
        ("Big man, yelling at a teenage cashier about a coupon.", "you yelling at a teenage cashier about a coupon?"),
    ],
)
def test_the_mocked_behaviour_is_named_instead_of_the_joke(analyzer, text, behaviour):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert rewrite.endswith(behaviour), rewrite
    assert "baby" not in rewrite and "important" not in rewrite


@pytest.mark.parametrize(
    "text, effort",
    [
        ("Do you want a sticker for emptying the dishwasher or is a hug enough", "emptying the dishwasher"),
        ("congrats on finally finding the library. only took you three semesters", "finding the library"),
        # an attempt mocked as one: "cute when you try to ..."
        ("Adorable how you try to fix the boiler. Bless.", "fixing the boiler"),
        # an effort named as a noun in scare quotes, with what it was for
        ("Thanks so much for your 'help' with the garden. Truly life-changing.", "your help with the garden"),
        # a number that belittles the effort is not repeated
        ("Wow, you washed one plate for the party. Alert the press.", "washing the plate for the party"),
        # what was managed is thanked for, not the managing
        ("wow, you managed to turn up to your own son's recital", "turning up to your son's recital"),
    ],
)
def test_an_effort_mocked_as_praise_is_thanked_for(analyzer, text, effort):
    assert rewrite_for(analyzer, text, "contempt").startswith(f"Thank you for {effort}.")


@pytest.mark.parametrize(
    "text, not_said",
    [
        ("yeah yeah, you're SO hard done by, with your free room and your mum doing your laundry", "doing your laundry"),
        ("Meanwhile your present is still sitting in my basket. Groundbreaking.", "sitting"),
        ("I'm so tired of doing the dishes while you scroll, genius", "doing the dishes"),
        ("well done, u forgot the tickets 👏👏", "Thank you"),
        ("great job, you managed to burn the toast", "Thank you"),  # a fault, however it was managed
    ],
)
def test_no_one_elses_doing_and_no_fault_is_said_back_as_mocked(analyzer, text, not_said):
    assert not_said not in rewrite_for(analyzer, text, "contempt")


def test_a_hyphenated_word_is_never_cut_at_its_hyphen(analyzer):
    rewrite = rewrite_for(analyzer, "Congratulations on remembering your mother-in-law's name this year.", "contempt")
    assert "your mother." not in rewrite and "your mother?" not in rewrite, rewrite
