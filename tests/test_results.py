"""Highlights: the cues as a person sees them, the same in the CLI, the API, the page and the report."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nlp.labels import LABELS
from nlp.results import Cue, highlights


def cue(text: str, words: str, pattern: str, rule: str = "test") -> Cue:
    start = text.index(words)
    return Cue(start, start + len(words), words, pattern, rule)


def test_highlights_join_cues_of_one_pattern_that_touch_or_overlap():
    text = "whatever. I'm done, you never help"
    cues = [cue(text, "whatever", "stonewalling"), cue(text, "I'm done", "stonewalling"), cue(text, "you never", "criticism"),
            cue(text, "never help", "criticism")]
    assert [(h.text, h.pattern) for h in highlights(text, cues)] == [
        ("whatever. I'm done", "stonewalling"), ("you never help", "criticism"),
    ]


def test_highlights_keep_cues_of_one_pattern_apart_when_words_are_between():
    text = "you never listen and you always shout"
    cues = [cue(text, "you never", "criticism"), cue(text, "you always", "criticism")]
    assert [h.text for h in highlights(text, cues)] == ["you never", "you always"]


def test_highlights_of_overlapping_patterns_give_the_later_one_the_rest_of_its_words():
    text = "well YOU never plan anything"
    cues = [cue(text, "well YOU", "defensiveness"), cue(text, "YOU never", "criticism")]
    assert [(h.text, h.pattern) for h in highlights(text, cues)] == [("well YOU", "defensiveness"), ("never", "criticism")]


def test_highlights_drop_a_cue_wholly_inside_another_patterns():
    text = "god you're useless"
    cues = [cue(text, "you're useless", "criticism"), cue(text, "useless", "contempt")]
    assert [(h.text, h.pattern) for h in highlights(text, cues)] == [("you're useless", "criticism")]


@given(st.text(min_size=1, max_size=30), st.lists(st.tuples(st.integers(0, 30), st.integers(1, 10), st.sampled_from(LABELS)), max_size=6))
def test_highlights_never_overlap_and_point_into_the_text(text, spans):
    cues = []
    for start, length, pattern in spans:
        start = min(start, len(text) - 1)
        end = min(start + length, len(text))
        cues.append(Cue(start, end, text[start:end], pattern, "test"))
    shown = highlights(text, cues)
    for first, second in zip(shown, shown[1:]):
        assert first.end <= second.start
    for h in shown:
        assert text[h.start : h.end] == h.text and h.start < h.end
    assert {h.pattern for h in shown} <= {c.pattern for c in cues}


def test_highlights_never_give_a_later_pattern_the_rest_of_a_word():
    """Where "because you" ends inside "you're", the other pattern keeps its whole words: "impossible", not "re impossible"."""
    text = "only because you're impossible"
    cues = [cue(text, "only because you", "defensiveness"), cue(text, "you're impossible", "criticism")]
    assert [(h.text, h.pattern) for h in highlights(text, cues)] == [("only because you", "defensiveness"), ("impossible", "criticism")]
