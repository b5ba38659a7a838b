"""Rule cues incidental where they stand (``nlp.suggest.highlight_incidental``): not shown as their pattern."""

from __future__ import annotations

import pytest
import srsly
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.results import Cue
from nlp.suggest.highlight_incidental import HIGHLIGHT_INCIDENTAL_PATH

from .conftest import cue_on


@pytest.fixture(scope="module")
def incidental(analyzer):
    return analyzer.advisor.incidental


@pytest.mark.parametrize(
    "text, words",
    [
        ("Whatever decision you make I'll go along with it", "Whatever"),
        ("pick whatever film you like", "whatever"),
        ("I know you think we can't leave it", "leave it"),
        ("she said we should just drop it", "drop it"),
        ("Whatever she told you I said, it's not true", "Whatever"),
        ("whatever u think we agreed on isn't what I remember", "whatever"),
        ("Pick whatever you think is best for the garden", "whatever"),
        # "is" left out, the choice is handed over all the same (train sheet seed49).
        ("Do whatever you think best about your mother's visit.", "whatever"),
        ("whatever's easiest for your sister works", "whatever"),
        # A choice handed to the partner and others together names who decides, not a brush-off (train sheet seed52).
        ("Whatever you and your brother decide about the car is fine", "Whatever"),
        ("whatever u n ur mum want for xmas", "whatever"),
    ],
)
def test_incidental_cues_are_not_shown(incidental, lang, text, words):
    cue = cue_on(text, words, "stonewalling", "stonewalling.rule")
    assert incidental.without(lang(text), [cue]) == []


@pytest.mark.parametrize(
    "text, words",
    [
        ("whatever, I'm done", "whatever"),
        ("whatever you say", "whatever"),
        ("whatever makes you happy I guess", "whatever"),
        ("whatever is, is. I'm done", "whatever"),
        ("just leave it, I'm not talking about this", "leave it"),
        ("I think we should leave it", "leave it"),
    ],
)
def test_incidental_cues_that_are_the_move_are_kept(incidental, lang, text, words):
    cue = cue_on(text, words, "stonewalling", "stonewalling.rule")
    assert incidental.without(lang(text), [cue]) == [cue]


def test_incidental_a_cue_of_another_pattern_is_kept(incidental, lang):
    text = "Whatever decision you make I'll go along with it"
    cue = cue_on(text, "Whatever", "contempt", "contempt.rule")
    assert incidental.without(lang(text), [cue]) == [cue]


def test_incidental_withdrawal_is_shown_where_it_is(analyzer):
    """The review's example: the withdrawal is "not interested in processing this with you anymore", not "leave it"."""
    text = ("I know you think we can't leave it, but I'm not interested in processing this with you anymore. "
            "Whatever decision you make I'll go along with it or I won't.")
    analysis = analyzer.analyze_as_flagged(text, ["stonewalling"])
    shown = [h.text for h in analysis.highlights if h.pattern == "stonewalling"]
    assert shown and not {"leave it", "Whatever"} & set(shown)
    assert any("not interested" in h for h in shown)


def test_incidental_file_is_well_formed():
    for entry in srsly.read_jsonl(HIGHLIGHT_INCIDENTAL_PATH):
        assert entry["label"] in ("criticism", "contempt", "defensiveness", "stonewalling") and entry["pattern"]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120), st.data())
def test_incidental_keeps_a_subset_of_the_cues(incidental, lang, text, data):
    """Any text, any one-word cue: never raises, and only drops cues."""
    doc = lang(text)
    words = [t for t in doc if not t.is_space]
    if not words:
        return
    token = data.draw(st.sampled_from(words))
    cues = [Cue(token.idx, token.idx + len(token.text), token.text, "stonewalling", "stonewalling.rule")]
    kept = incidental.without(doc, cues)
    assert all(cue in cues for cue in kept)


@pytest.mark.parametrize(
    "text, words",
    [
        ("why can't you be more like your cousin, at least she visits gran every week", "every week"),
        ("Your brother phones Mum every single day. You phone when you need cash.", "every single day"),
        ("they go to the gym every day and still find time for their kids", "every day"),
    ],
)
def test_incidental_someone_elses_habit_is_not_the_partners(incidental, lang, text, words):
    """An absolute about a third person ("she visits gran every week") is the yardstick of a comparison, not the complaint."""
    cue = cue_on(text, words, "criticism", "criticism.every_single_time")
    assert incidental.without(lang(text), [cue]) == []


@pytest.mark.parametrize(
    "text, words",
    [
        ("you go out with your mates every weekend", "every weekend"),
        ("every time she calls you pick a fight", "every time"),
        ("my sister says you cancel on her every week", "every week"),
    ],
)
def test_incidental_the_partners_habit_is_kept(incidental, lang, text, words):
    cue = cue_on(text, words, "criticism", "criticism.every_single_time")
    assert incidental.without(lang(text), [cue]) == [cue]


def test_incidental_model_words_are_evidence_only_where_their_pattern_has_nothing_else(analyzer, lang):
    """"every single" in "Your brother phones Mum every single day" is the brother's habit: the words shown are elsewhere."""
    from nlp.features import doc_features
    from nlp.labels import LABELS
    from nlp.pipeline import cue_matches

    advisor = analyzer.advisor
    text = "Your brother phones Mum every single day. You phone when you need cash."
    doc = lang(text)
    cues = cue_matches(doc)
    parts = advisor.evidence.message_parts(doc, doc_features(doc, text, cues), [(LABELS.index("criticism"), "criticism")])
    contexts = advisor.incidental.contexts(doc)
    (label, start, end), = contexts
    assert label == "criticism" and text[start:end] == "Your brother phones Mum every single day"
    shown = advisor.evidence.spans(doc, text, parts, [], contexts)
    assert shown and not [c for c in shown if start <= c.start and c.end <= end]
    # With only incidental words to show, they are shown rather than nothing.
    text = "Your brother phones Mum every single day"
    doc = lang(text)
    parts = advisor.evidence.message_parts(doc, doc_features(doc, text, cue_matches(doc)), [(LABELS.index("criticism"), "criticism")])
    assert advisor.evidence.spans(doc, text, parts, [], advisor.incidental.contexts(doc))


@pytest.mark.parametrize(
    "text, words",
    [
        ("I cleaned the garbage disposal while you napped, you absolute pig", "garbage"),
        ("you left the trash bags by the door again, you slob", "trash"),
    ],
)
def test_incidental_an_insult_word_naming_a_thing_is_not_shown(incidental, lang, text, words):
    """"garbage" of "garbage disposal" names a household thing, not the partner."""
    cue = cue_on(text, words, "contempt", "contempt.insult")
    assert incidental.without(lang(text), [cue]) == []


def test_incidental_an_insult_word_for_the_partner_is_kept(incidental, lang):
    text = "you treat me like garbage"
    cue = cue_on(text, "garbage", "contempt", "contempt.insult")
    assert incidental.without(lang(text), [cue]) == [cue]


@pytest.mark.parametrize(
    "text, words, pattern",
    [
        # The writer's own anxiety, not the partner's habit (train sheet seed48).
        ("you're so careless with money that I get anxious every time I open our joint account", "every time", "criticism"),
        # "scum reading" is a term of the game Town of Salem, not an insult.
        ("your scum reading skills are horrible", "scum", "contempt"),
    ],
)
def test_incidental_own_habit_and_game_terms_are_not_shown(incidental, lang, text, words, pattern):
    cue = cue_on(text, words, pattern, f"{pattern}.rule")
    assert incidental.without(lang(text), [cue]) == []


def test_incidental_every_time_the_writer_asks_the_partner_is_kept(incidental, lang):
    text = "I have to remind you every single time"
    cue = cue_on(text, "every single time", "criticism", "criticism.every_single_time")
    assert incidental.without(lang(text), [cue]) == [cue]


def test_incidental_hearing_it_from_other_people_is_no_comparison(incidental, lang):
    """"from other people" says where the writer heard it, not whom the partner is compared to (train sheet seed50)."""
    text = "I always find out about your money from other people"
    cue = cue_on(text, "other people", "criticism", "criticism.comparison")
    assert incidental.without(lang(text), [cue]) == []
    text = "other people manage to call"
    cue = cue_on(text, "other people", "criticism", "criticism.comparison")
    assert incidental.without(lang(text), [cue]) == [cue]


def test_incidental_whatever_is_between_them_is_no_brush_off(analyzer):
    """"whatever this is between you and Lauren" names a quarrel, not a shrug (train sheet seed51)."""
    text = "I'm out of the group chat. I'm not getting dragged into whatever this is between you and Lauren again."
    assert [h.text for h in analyzer.analyze(text).highlights if h.pattern == "stonewalling"] == ["I'm out of the group chat"]


@pytest.mark.parametrize(
    "text, pattern, words",
    [
        # "or whatever" ending a list of things is "and so on", not a brush-off (train sheet seed53).
        ("text me about rent or the cat or whatever but not the party", "stonewalling", "whatever"),
        ("bring crisps or dip or whatever", "stonewalling", "whatever"),
        # The writer calming themselves down is not telling the partner to (train sheet seed53).
        ("blocking u till i calm down, dont bother", "defensiveness", "calm down"),
        ("let me calm down first", "defensiveness", "calm down"),
        ("we'll talk once I've calmed down", "defensiveness", "calmed down"),
    ],
)
def test_incidental_a_list_ender_or_the_writers_own_calming_is_not_the_move(incidental, lang, text, pattern, words):
    cue = cue_on(text, words, pattern, f"{pattern}.rule")
    assert incidental.without(lang(text), [cue]) == []


@pytest.mark.parametrize(
    "text, pattern, words",
    [
        ("whatever, do what you want", "stonewalling", "whatever"),
        ("go to the gym or whatever, I don't care", "stonewalling", "whatever"),
        ("you need to calm down", "defensiveness", "calm down"),
        ("calm down, it was a joke", "defensiveness", "calm down"),
    ],
)
def test_incidental_a_brush_off_or_a_calm_down_at_the_partner_is_kept(incidental, lang, text, pattern, words):
    cue = cue_on(text, words, pattern, f"{pattern}.rule")
    assert incidental.without(lang(text), [cue]) == [cue]


@pytest.mark.parametrize(
    "text, pattern, words",
    [
        # Someone's child named as the child is the topic, not an insult (train sheet seed54).
        ("you promised to watch the baby while I showered", "contempt", "baby"),
        ("talking like that about your child is low", "contempt", "child"),
        # A joke taken or told is a joke, not a name for the partner (seed54).
        ("you never could take a joke, could you", "contempt", "joke"),
        ("he told a joke and you stormed out", "contempt", "joke"),
        # Giving way to what a third person wants is no brush-off of the partner (seed54).
        ("Whatever Dad says, I suppose. I'm done arguing about it.", "stonewalling", "Whatever"),
        ("whatever your mum wants, honestly", "stonewalling", "whatever"),
    ],
)
def test_incidental_a_named_child_a_told_joke_or_a_third_persons_wish(incidental, lang, text, pattern, words):
    cue = cue_on(text, words, pattern, f"{pattern}.rule")
    assert incidental.without(lang(text), [cue]) == []


@pytest.mark.parametrize(
    "text, pattern, words",
    [
        ("stop being such a baby about it", "contempt", "baby"),
        ("you're acting like a child", "contempt", "child"),
        ("you are a joke", "contempt", "joke"),
        ("whatever you want, I'm going out", "stonewalling", "whatever"),
    ],
)
def test_incidental_an_insult_or_a_brush_off_at_the_partner_is_kept(incidental, lang, text, pattern, words):
    cue = cue_on(text, words, pattern, f"{pattern}.rule")
    assert incidental.without(lang(text), [cue]) == [cue]
