"""Healthy moves: reported when genuine, not when sarcasm or a defence turns them sour."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Thank you for cooking tonight, it was lovely", "appreciation"),
        ("I feel hurt when plans change last minute", "i_statement"),
        ("You're right, I forgot. My bad.", "responsibility"),
        ("I'm flooded, can we take a break and talk in 20 minutes?", "repair"),
        ("That sounds exhausting, how are you feeling?", "active_listening"),
        ("I'm here for you, no matter what", "reassurance"),
    ],
)
def test_positives_genuine_moves_are_reported(analyzer, text, kind):
    assert kind in {p.kind for p in analyzer.analyze(text).positives}


@pytest.mark.parametrize(
    "text, kind",
    [
        ("oh wow thank u SO much for the ONE thing u did this week 🙄", "appreciation"),
        ("Sorry for having a life outside this group chat I guess", "responsibility"),
        ("sorry but you're the one who forgot", "responsibility"),
        ("not gonna lie you're kind of a selfish gamer", "appreciation"),
        ("it's fine. everything's fine. night.", "reassurance"),
    ],
)
def test_positives_sour_moves_are_not_reported(analyzer, text, kind):
    assert kind not in {p.kind for p in analyzer.analyze(text).positives}


def test_positives_offsets_point_into_the_text(analyzer):
    text = "Thanks for the flowers, I love you"
    for positive in analyzer.analyze(text).positives:
        assert text[positive.start : positive.end] == positive.text
