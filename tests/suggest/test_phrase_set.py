"""Phrases looked up by their first word (``nlp.suggest.lexicon.PhraseSet``) find exactly what a full scan finds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nlp.suggest.lexicon import PhraseSet

WORDS = st.sampled_from(["i", "was", "only", "trying", "to", "help", "you", "never", "."])
PHRASES = st.lists(st.lists(WORDS, min_size=1, max_size=4).map(tuple), max_size=6)


def scanned(keys: list[str], phrases: list[tuple[str, ...]]) -> bool:
    return any(tuple(keys[i : i + len(p)]) == p for p in phrases for i in range(len(keys)))


@given(st.lists(WORDS, max_size=12), PHRASES)
def test_phrase_set_finds_what_a_full_scan_finds(keys, phrases):
    assert PhraseSet(phrases).found_in(keys) == scanned(keys, phrases)


def test_phrase_set_needs_the_whole_phrase():
    phrases = PhraseSet([("only", "trying", "to", "help")])
    assert phrases.found_in("i was only trying to help".split())
    assert not phrases.found_in("i was only trying to".split())


@given(st.lists(WORDS, min_size=1, max_size=12), PHRASES, st.data())
def test_phrase_set_gives_the_longest_phrase_at_a_word(keys, phrases, data):
    i = data.draw(st.integers(0, len(keys) - 1))
    there = [p for p in phrases if tuple(keys[i : i + len(p)]) == p]
    found = PhraseSet(phrases).at(keys, i)
    assert (found is None) == (not there)
    if there:
        assert found in there and len(found) == max(map(len, there))
