"""A rewrite's request fits what the complaint is about, and a writer who had no hand in something does not apologise
for their part in it (issue 18, round 18af).

The messages are written for these tests, not taken from the data.
"""

import pytest

from tests.suggest.conftest import rewrite_for


@pytest.mark.parametrize(
    "text",
    [
        "you're so flaky, I've stopped telling people you're coming",
        "why are you incapable of being on time for a single thing",
        "honestly you are the least reliable brother a person could have",
    ],
)
def test_lateness_and_flaking_ask_for_a_heads_up_not_for_sharing_out_jobs(analyzer, text):
    rewrite = rewrite_for(analyzer, text, "criticism")
    assert "take care of" not in rewrite, rewrite
    assert "heads-up" in rewrite, rewrite


def test_being_cut_off_asks_to_be_let_finish(analyzer):
    rewrite = rewrite_for(analyzer, "you never let me finish a single story at dinner", "criticism")
    assert "let me finish" in rewrite and "take care of" not in rewrite, rewrite


def test_always_being_the_one_to_apologise_is_not_a_job_to_split(analyzer):
    rewrite = rewrite_for(analyzer, "why is it always me who has to apologise first", "criticism")
    assert "split these jobs" not in rewrite, rewrite
    assert "halfway" in rewrite, rewrite


def test_being_forgotten_asks_for_a_way_to_keep_track_but_a_lone_rememberer_asks_to_share(analyzer):
    forgotten = rewrite_for(analyzer, "how are you this forgetful about the things I care about", "criticism")
    assert "share the remembering" not in forgotten, forgotten
    alone = rewrite_for(analyzer, "why is it always on me to remember everything for both of us", "criticism")
    assert "share the remembering" in alone, alone


@pytest.mark.parametrize(
    "text",
    [
        "Don't look at me, I wasn't even home when the window broke.",
        "Stop blaming me, I had nothing to do with the seating plan.",
    ],
)
def test_a_writer_who_had_no_hand_in_it_does_not_apologise_for_their_part(analyzer, text):
    rewrite = rewrite_for(analyzer, text, "defensiveness")
    assert "my part" not in rewrite and "sorry" not in rewrite.lower(), rewrite


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("you never miss a chance to bring up my ex", "the chance"),
        ("why can't you name your feelings like an adult", "feelings"),
        ("your priority is always the pub quiz, never us", "your priority"),
        # a body part standing for the whole person (train sheet seed50)
        ("every time you open your mouth it's another complaint", "your mouth"),
    ],
)
def test_an_idiom_or_abstract_noun_is_not_the_topic(analyzer, text, fragment):
    rewrite = rewrite_for(analyzer, text, "criticism")
    assert f"about {fragment}" not in rewrite and f"handle {fragment}" not in rewrite, rewrite
