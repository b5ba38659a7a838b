"""Highlights grown to the phrase that carries the pattern (``nlp.suggest.highlight_phrases``)."""

from __future__ import annotations

import pytest
import srsly
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.labels import LABELS
from nlp.results import Cue
from nlp.suggest.evidence import PHRASE_RULE, WORDS_RULE
from nlp.suggest.highlight_phrases import HIGHLIGHT_PHRASES_PATH

from .conftest import cue_on, drawn_word_cue


@pytest.fixture(scope="module")
def extender(analyzer):
    return analyzer.advisor.phrases


def _extend(extender, lang, text: str, cues: list[Cue]) -> list[tuple[str, str, str]]:
    return [(c.text, c.pattern, c.rule) for c in extender.extend(lang(text), text, cues)]


# A lone marker (a rule cue or a model word) and the phrase it is shown as.
GROWN = [
    ("omg wow so deep, did u get that off a tiktok", "wow", "contempt", "wow so deep"),
    ("You're hopeless with money. Truly, a gift.", "Truly", "contempt", "Truly, a gift"),
    ("bit rich from a man who can't work a washing machine", "rich", "contempt", "bit rich"),
    ("that's rich coming from you", "rich", "contempt", "that's rich coming from you"),
    ("ahh yes, the legendary Dad Nap. three hours.", "Nap", "contempt", "the legendary Dad Nap"),
    ("careless with money, that's your whole problem", "your whole", "criticism", "that's your whole problem"),
    ("why is this suddenly my problem? I didn't even want a cat", "suddenly", "defensiveness", "why is this suddenly my problem"),
    ("i didnt 'ignore' u, my phone died", "died", "defensiveness", "i didnt 'ignore' u, my phone died"),
    ("i only turned my location off bc my battery was at 3%, not everything is a conspiracy", "i only", "defensiveness",
     "i only turned my location off bc my battery was at 3%"),
    ("As usual I'm the one cleaning up after your mess.", "As usual", "defensiveness", "As usual I'm the one cleaning up"),
    ("Not wasting my breath on a clown.", "my breath", "stonewalling", "Not wasting my breath"),
    ("I'm tired of arguing with you about this", "arguing", "stonewalling", "I'm tired of arguing with you"),
    # A refusal is shown with its negation: "answer" alone reads as the opposite (train sheet seed53).
    ("what is wrong with you. actually don't answer, I don't care", "answer", "stonewalling", "don't answer"),
    ("do not reply to this, I'm done", "reply", "stonewalling", "do not reply"),
]


@pytest.mark.parametrize("text, marker, pattern, phrase", GROWN)
def test_phrases_grow_a_model_word_to_its_phrase(extender, lang, text, marker, pattern, phrase):
    assert _extend(extender, lang, text, [cue_on(text, marker, pattern, WORDS_RULE)]) == [(phrase, pattern, PHRASE_RULE)]


def test_phrases_grow_a_rule_cue_and_keep_its_rule(extender, lang):
    text = "omg wow so deep, did u get that off a tiktok"
    assert _extend(extender, lang, text, [cue_on(text, "wow", "contempt", "contempt.mock_praise")]) == [
        ("wow so deep", "contempt", "contempt.mock_praise")
    ]


def test_phrases_do_not_end_on_a_function_word(extender, lang):
    """'bit rich from a man' is matched as far as 'from'; a highlight does not end there."""
    text = "bit rich from a man who can't cook"
    (grown,) = _extend(extender, lang, text, [cue_on(text, "rich", "contempt", WORDS_RULE)])
    assert grown[0] == "bit rich"


def test_phrases_of_another_pattern_leave_a_cue_alone(extender, lang):
    text = "bit rich from a man who can't cook"
    cue = cue_on(text, "rich", "criticism", WORDS_RULE)
    assert extender.extend(lang(text), text, [cue]) == [cue]


def test_phrases_leave_a_cue_without_a_phrase_unchanged(extender, lang):
    text = "You never help with the dishes"
    cues = [cue_on(text, "You never", "criticism", "criticism.you_always")]
    assert extender.extend(lang(text), text, cues) == cues


def test_phrases_model_word_inside_another_patterns_phrase_gives_way(extender, lang):
    """'Not wasting' tipped contempt, but it is part of the stonewalling phrase; contempt keeps 'clown'."""
    text = "Not wasting my breath on a clown. Bye."
    cues = [
        cue_on(text, "Not wasting", "contempt", WORDS_RULE),
        cue_on(text, "my breath", "stonewalling", WORDS_RULE),
        cue_on(text, "clown", "contempt", "contempt.insult"),
    ]
    assert _extend(extender, lang, text, cues) == [
        ("Not wasting my breath", "stonewalling", PHRASE_RULE),
        ("clown", "contempt", "contempt.insult"),
    ]


def test_phrases_a_patterns_last_cue_never_gives_way(extender, lang):
    text = "Not wasting my breath on this."
    cues = [cue_on(text, "Not wasting", "contempt", WORDS_RULE), cue_on(text, "my breath", "stonewalling", WORDS_RULE)]
    assert {pattern for _, pattern, _ in _extend(extender, lang, text, cues)} == {"contempt", "stonewalling"}


def test_phrases_file_is_well_formed():
    entries = list(srsly.read_jsonl(HIGHLIGHT_PHRASES_PATH))
    assert entries
    for entry in entries:
        assert entry["label"] in LABELS, entry
        assert entry["id"].startswith("phrase."), entry
        assert isinstance(entry["pattern"], list) and entry["pattern"], entry


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.data())
def test_phrases_only_grow_spans_that_stay_in_the_text(extender, lang, text, data):
    doc = lang(text)
    cue = drawn_word_cue(doc, data)
    if cue is None:
        return
    for grown in extender.extend(doc, text, [cue]):
        assert grown.start <= cue.start and cue.end <= grown.end
        assert text[grown.start : grown.end] == grown.text


def test_phrases_shown_end_to_end(analyzer):
    """Through the analyzer: the phrase is the highlight every front end shows, and each flag keeps one."""
    analysis = analyzer.analyze("Not wasting my breath on a clown. Bye.")
    shown = [(h.text, h.pattern) for h in analysis.highlights]
    assert ("Not wasting my breath", "stonewalling") in shown
    assert ("a clown", "contempt") in shown
    assert {pattern for _, pattern in shown} == set(analysis.flagged_patterns)
    assert analysis.to_dict()["highlights"] == [h.to_dict() for h in analysis.highlights]


@pytest.mark.parametrize(
    "text, marker, pattern, phrase",
    [
        ("It was a joke lah, why you so sensitive", "so sensitive", "defensiveness", "why you so sensitive"),
        ("why are you always so clingy", "so clingy", "criticism", "why are you always so clingy"),
        ("Let me use small words for you.", "small words", "contempt", "Let me use small words"),
        ("Sure thing, Captain Obvious.", "Captain", "contempt", "Captain Obvious"),
    ],
)
def test_phrases_grow_a_cue_to_the_whole_jab(extender, lang, text, marker, pattern, phrase):
    """A short word cut from a longer jab (train sheet seed48): the question, the condescension, the mock title's name."""
    assert _extend(extender, lang, text, [cue_on(text, marker, pattern, f"{pattern}.rule")])[0][0] == phrase


def test_phrases_why_you_always_without_so_is_left_to_its_clause(extender, lang):
    """"Why you always spend" would stop before what is spent: only "why you so <trait>" is a phrase."""
    text = "Why you always spend money without asking me?"
    cue = cue_on(text, "always", "criticism", "criticism.you_always")
    assert _extend(extender, lang, text, [cue]) == [("always", "criticism", "criticism.you_always")]
