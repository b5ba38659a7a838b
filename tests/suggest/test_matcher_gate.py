"""``MatcherGate``: a message skips a Matcher only when none of its patterns could match it."""

from __future__ import annotations

import pytest
import spacy
from spacy.matcher import Matcher

from nlp.suggest.matcher_gate import MatcherGate

EMPHATIC_DENIAL = [{"LOWER": "i"}, {"TEXT": {"IN": ["DID", "WAS"]}}, {"IS_ALPHA": True}]
COUNTER = [{"LOWER": "but"}, {"LOWER": {"IN": ["you", "u"]}}, {"LOWER": "forgot"}]


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def gate(nlp):
    return MatcherGate("LOWER", [EMPHATIC_DENIAL, COUNTER], nlp.vocab)


@pytest.mark.parametrize(
    "text, could",
    [
        ("I DID text you", True),
        ("ok but u forgot my birthday", True),
        ("i did text you", False),  # the denial needs "DID" as written; "did" in lower case cannot match it
        ("I was at work", False),
        ("you forgot", False),  # "but" is missing
    ],
)
def test_gate_lets_through_only_messages_that_could_match(nlp, gate, text, could):
    assert gate.could_match(gate.words_of(nlp(text))) is could


@pytest.mark.parametrize("text", ["I DID text you", "I WAS home", "ok but u forgot my birthday", "but you forgot"])
def test_every_message_the_matcher_matches_passes_the_gate(nlp, gate, text):
    matcher = Matcher(nlp.vocab)
    matcher.add("attack", [EMPHATIC_DENIAL, COUNTER])
    doc = nlp(text)
    assert matcher(doc)
    assert gate.could_match(gate.words_of(doc))
