"""A character attack whose word or habit phrase says what the writer needs gets its category's feeling and request.

Hyphenated trait words are split by the tokenizer ("self", "-", "centred"), and habits such as "my way or no way"
are several words; both used to fall through to the last-resort sentence.
"""

from __future__ import annotations

import json
from importlib import resources
from types import SimpleNamespace

import pytest

from nlp.suggest.lexicon import TraitPhrases

from .conftest import rewrite_for

LAST_RESORT = json.loads(resources.files("nlp.resources.suggest").joinpath("templates.json").read_text(encoding="utf-8"))[
    "criticism"
]["last_resort"]


def _words(*keys: str) -> list[SimpleNamespace]:
    return [SimpleNamespace(key=key) for key in keys]


def test_a_trait_entry_is_found_with_or_without_its_hyphen_and_the_longest_phrase_wins():
    traits = TraitPhrases(["self-centred", "lazy", "lazy-ass", "way or no way"])
    assert traits.first_in([_words("so", "self", "-", "centred")]) == "self-centred"
    assert traits.first_in([_words("so", "self", "centred")]) == "self-centred"
    assert traits.first_in([_words("a", "lazy", "-", "ass", "flatmate")]) == "lazy-ass"
    assert traits.first_in([_words("my"), _words("way", "or", "no", "way")]) == "way or no way"
    assert traits.first_in([_words("no", "way")]) is None


@pytest.mark.parametrize(
    ("text", "asked", "left_out"),
    [
        ("honestly you're so self-centred lately", "both of our needs count", "self"),
        ("you're such a self absorbed person", "both of our needs count", "absorbed"),
        ("you are the flakiest person I know", "let down", "flak"),
        ("with you it's your way or no way", "middle ground", "no way"),
        ("it goes in one ear and out the other with you", "get through", "one ear"),
        ("honestly you have no loyalty to anyone", "back each other up", "loyal"),
        ("you turn every chat into something all about you", "both of our needs count", "all about"),
        ("you're so two-faced with everyone", "whole story", "faced"),
    ],
)
def test_a_character_attack_gets_the_writers_feeling_and_request_not_the_last_resort(analyzer, text, asked, left_out):
    rewrite = rewrite_for(analyzer, text, "criticism")
    assert not rewrite.startswith(LAST_RESORT), rewrite
    assert asked in rewrite and left_out not in rewrite.lower(), rewrite


def test_an_attack_that_names_no_trait_or_habit_keeps_the_last_resort(analyzer):
    rewrite = rewrite_for(analyzer, "seriously what is wrong with you", "criticism")
    assert rewrite.startswith(LAST_RESORT), rewrite
