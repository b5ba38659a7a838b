"""A deflecting writer owns their own doing that the partner is upset about, never the excuse given for it.

Examples are made up for these tests (not rows of the data). Messages are rewritten as defensive
(``Analyzer.analyze_as_flagged``), so these pin the rewriter's rules whatever the model makes of each message.
"""

from __future__ import annotations

import pytest

from .conftest import rewrite_for

EXCUSED_OPENINGS = ("I can see it upset you when I ", "You're right, I ", "I hear you, and I'm sorry I ")


@pytest.mark.parametrize(
    "text, doing, excuse_word",
    [
        ("I only moved your papers because they were on my side of the desk", "moved your papers", "desk"),
        ("i forgot bc u sent me like five lists this week", "forgot", "lists"),
        ("I only snapped because you kept pushing me", "snapped", "pushing"),
    ],
)
def test_an_excused_or_played_down_doing_is_owned_without_the_excuse(analyzer, text, doing, excuse_word):
    rewrite = rewrite_for(analyzer, text, "defensiveness")
    assert any(rewrite.startswith(opening + doing) for opening in EXCUSED_OPENINGS), rewrite
    assert excuse_word not in rewrite and "because" not in rewrite


def test_owned_doings_are_said_in_varied_sentences(analyzer):
    texts = [
        "I only moved your papers because they were on my side of the desk",
        "i forgot bc u sent me like five lists this week",
        "I only snapped because you kept pushing me",
        "I only turned the heating off because it was boiling",
        "I only unplugged the router because it kept flashing",
    ]
    rewrites = [rewrite_for(analyzer, t, "defensiveness") for t in texts]
    openings = {o for o in EXCUSED_OPENINGS for rewrite in rewrites if rewrite.startswith(o)}
    assert len(openings) >= 2


def test_a_played_down_harmless_doing_is_not_owned(analyzer):
    rewrite = rewrite_for(analyzer, "I only asked a question because I was curious", "defensiveness")
    assert "asked a question" not in rewrite


@pytest.mark.parametrize(
    "text, person",
    [
        ("i was just being friendly to him, that's all", "how I was with him"),
        ("I was being nice to them because they were new", "how I was with them"),
    ],
)
def test_how_the_writer_was_with_someone_is_owned_without_their_word_for_it(analyzer, text, person):
    rewrite = rewrite_for(analyzer, text, "defensiveness")
    assert person in rewrite and "nice" not in rewrite and "friendly" not in rewrite, rewrite


def test_a_doing_the_writer_only_meant_to_tell_is_owned(analyzer):
    rewrite = rewrite_for(analyzer, "I was going to tell you about the loan, I just hadn't found the right moment", "defensiveness")
    assert rewrite.startswith("You're right, I didn't tell you about the loan"), rewrite
    assert "straight away" not in rewrite  # it has been told now


@pytest.mark.parametrize(
    "text, excuse_noun",
    [
        ("I was late because the ferry was cancelled again", "ferry"),
        ("I wouldn't be on my laptop at dinner if your brother answered his own emails", "emails"),
    ],
)
def test_a_noun_of_the_excuse_is_not_named_as_the_topic(analyzer, text, excuse_noun):
    assert excuse_noun not in rewrite_for(analyzer, text, "defensiveness")


def test_a_condition_that_opens_the_sentence_can_still_name_the_thing(analyzer):
    rewrite = rewrite_for(analyzer, "If you wanted the green teapot you should have said so.", "defensiveness")
    assert "the green teapot" in rewrite, rewrite


@pytest.mark.parametrize(
    "text, plan",
    [
        ("i was gonna pay u back saturday, relax", "I'll pay you back on Saturday."),
        ("I was going to ring you back on monday", "I'll ring you back on Monday."),
        ("I was going to pay you back next tuesday", "I'll pay you back next Tuesday."),
    ],
)
def test_a_meant_doing_with_its_own_day_keeps_the_plan_and_the_day(analyzer, text, plan):
    rewrite = rewrite_for(analyzer, text, "defensiveness")
    assert rewrite.endswith(plan), rewrite
    assert "straight away" not in rewrite


def test_a_meant_doing_without_a_day_is_still_promised_straight_away(analyzer):
    rewrite = rewrite_for(analyzer, "I was going to tidy up", "defensiveness")
    assert rewrite.endswith("straight away."), rewrite
