"""Explanations: every flag points at text, and model evidence is the model's own arithmetic."""

from __future__ import annotations

import numpy as np
import pytest

from nlp.features import doc_features
from nlp.suggest.evidence import MESSAGE_RULE, PHRASE_RULE, WORDS_RULE

FLAGGED = [
    "You never help with the dishes",
    "why are u like this",
    "So selfish.",
    "whatever.",
    "...",
    "Not my fault the wifi died, you could have checked it too",
    "ok genius 🙄",
    "I can't believe you did that AGAIN!!",
]


@pytest.mark.parametrize("text", FLAGGED)
def test_evidence_every_flag_has_a_span_into_the_text(analyzer, text):
    analysis = analyzer.analyze(text)
    for pattern in analysis.flagged_patterns:
        spans = [c for c in analysis.cues if c.pattern == pattern]
        assert spans, pattern
    for cue in analysis.cues:
        assert 0 <= cue.start < cue.end <= len(text)
        assert text[cue.start : cue.end] == cue.text


def test_evidence_adds_model_words_where_no_rule_fired(analyzer):
    # A complaint with no cue phrase in it: at the most sensitive level the model flags it.
    analysis = analyzer.at("high").analyze("How hard is it to tell me ur running late. seriously how hard")
    assert analysis.flagged
    assert any(c.rule in (WORDS_RULE, PHRASE_RULE, MESSAGE_RULE) for c in analysis.cues)


def test_evidence_contributions_sum_to_the_model_decision(analyzer, lang):
    """Per-feature tf-idf weight x coefficient, summed with the intercept, is the scorer's decision."""
    text = "You never help with the dishes"
    doc = lang(text)
    features = doc_features(doc, text)
    scorer = analyzer.model.scorer
    weights = scorer.message_weights(features)
    columns = list(weights)
    ours = scorer.intercept + np.array(list(weights.values())) @ scorer.coef[columns]
    assert np.allclose(ours, scorer.decision([features])[0])


def test_evidence_flags_match_the_analyzer_at_its_most_sensitive(analyzer, lang):
    """Rewrites are checked at the high sensitivity: one that passes is clean at every level."""
    strictest = analyzer.at("high")
    for text in FLAGGED + ["see you at 7", "thanks love"]:
        flags = analyzer.advisor.evidence.flags(doc_features(lang(text), text))
        assert flags.tolist() == [p.flagged for p in strictest.analyze(text).patterns.values()]


def test_evidence_unflagged_message_is_left_alone(analyzer):
    analysis = analyzer.analyze("see you at 7, love you")
    assert not analysis.flagged
    assert analysis.cues == () and analysis.rewrite is None and analysis.antidotes == ()


def test_evidence_never_highlights_a_function_word_or_bare_punctuation(analyzer):
    not_evidence = set(analyzer.advisor.lexicon.words["not_evidence"])
    texts = FLAGGED + ["I was going to. you know I was.", "your problem, not mine.", "Oh and you did it again..."]
    for analysis in analyzer.analyze_many(texts):
        for cue in analysis.cues:
            if cue.rule == WORDS_RULE:
                assert cue.text.lower() not in not_evidence, (analysis.text, cue.text)
                assert any(c.isalnum() or not c.isascii() for c in cue.text), (analysis.text, cue.text)


# The issue's examples: the common words the model leaned on there ("pick", "Honestly",
# "help", "leave") explain nothing alone, and the topic ("the kids", "the dishes") never does.
ISSUE_EXAMPLES = [
    ("You ALWAYS forget to pick up the kids. Honestly you're pathetic 🙄 whatever, I'm done.", {"pick", "honestly"}, {"kids"}),
    ("You never help with the dishes", {"help"}, {"dishes"}),
    ("why do you ALWAYS leave your socks everywhere", {"leave"}, {"socks"}),
]


@pytest.mark.parametrize("text, common, topic", ISSUE_EXAMPLES)
def test_evidence_leaves_out_common_words_and_the_topic(analyzer, text, common, topic):
    analysis = analyzer.analyze(text)
    assert analysis.flagged
    shown_words = {word.strip(".,!?").lower() for h in analysis.highlights for word in h.text.split()}
    assert not shown_words & topic, analysis.highlights
    assert not {h.text.lower() for h in analysis.highlights} & common, analysis.highlights
    assert not [c for c in analysis.cues if c.rule == WORDS_RULE and c.text.lower() in common], analysis.cues
    assert {h.pattern for h in analysis.highlights} == set(analysis.flagged_patterns)


def test_evidence_of_the_issue_examples_is_the_rule_cues(analyzer):
    """Where the cues explain the flag, the highlights are the cues, joined where they touch.

    An absolute is shown with the verb it quantifies, as the issue's "You ALWAYS forget", and stops before the topic.
    """
    shown = {text: [(h.text, h.pattern) for h in analyzer.analyze(text).highlights] for text, _, _ in ISSUE_EXAMPLES}
    assert shown == {
        ISSUE_EXAMPLES[0][0]: [
            ("You ALWAYS forget", "criticism"),
            ("you're pathetic 🙄", "contempt"),
            ("whatever, I'm done", "stonewalling"),
        ],
        ISSUE_EXAMPLES[1][0]: [("You never help", "criticism")],
        ISSUE_EXAMPLES[2][0]: [("why do you ALWAYS leave", "criticism")],
    }


def test_evidence_prefers_the_phrase_to_a_lone_word(analyzer):
    """'supposed' is shown with the word it forms a marker with; a word of a cue's pattern next to it joins the cue."""
    analysis = analyzer.analyze("how was i supposed to know it was due tonight")
    assert analysis.patterns["defensiveness"].flagged
    assert any("supposed to" in h.text for h in analysis.highlights if h.pattern == "defensiveness")


def _builtin_test_texts() -> list[str]:
    from nlp.training.data import builtin_slices, read_labelled

    slices = {data.name: data for data in builtin_slices()}
    return [row.text for name in ("written", "real") for row in read_labelled(slices[name].path) if row.split == "test"]


def test_evidence_every_flagged_message_of_the_test_splits_has_a_highlight_and_no_topic(analyzer):
    """Across every flagged message of the written and real test splits (at the default sensitivity).

    A pattern can lose its highlight only where its cue is the very words of
    another pattern's cue ("useless" is both an insult and a character word).
    """
    lists = analyzer.advisor.evidence.lists
    flagged = [analysis for analysis in analyzer.analyze_many(_builtin_test_texts()) if analysis.flagged]
    assert len(flagged) > 500
    unshown = 0
    for analysis in flagged:
        assert analysis.highlights, analysis.text
        assert {cue.pattern for cue in analysis.cues} == set(analysis.flagged_patterns), analysis.text
        unshown += len(set(analysis.flagged_patterns) - {h.pattern for h in analysis.highlights})
        for cue in analysis.cues:
            if cue.rule == WORDS_RULE:
                words = {word.lower() for word in cue.text.split()}
                assert not words & lists.topics, (analysis.text, cue.text)
    assert unshown <= 0.01 * sum(len(analysis.flagged_patterns) for analysis in flagged)


def test_evidence_words_file_matches_the_data():
    """resources/suggest/evidence_words.json is what `python -m nlp.training.evidence_words` writes from data/."""
    import json

    from nlp.training.evidence_words import EVIDENCE_WORDS_PATH, evidence_words

    assert json.loads(EVIDENCE_WORDS_PATH.read_text(encoding="utf-8")) == evidence_words()


def test_evidence_markers_leave_out_words_common_in_benign_messages():
    from nlp.suggest.lexicon import load_lexicon

    markers = load_lexicon().evidence_markers
    assert {"pick", "help", "honestly", "leave"}.isdisjoint(set().union(*markers.values()))
    assert {"selfish", "lazy"} <= markers["criticism"]
    assert {"anymore", "discussing"} <= markers["stonewalling"]
    assert {"supposed", "overreacting"} <= markers["defensiveness"]


def test_evidence_never_highlights_only_filler_words(analyzer):
    """A highlight of nothing but fillers and function words ("the one who", "yes I") explains nothing."""
    lists = analyzer.advisor.evidence.lists
    flagged = [analysis for analysis in analyzer.analyze_many(_builtin_test_texts()) if analysis.flagged]
    for analysis in flagged:
        for cue in analysis.cues:
            if cue.rule == WORDS_RULE:
                words = {word.strip(".,!?'\"").lower() for word in cue.text.split()}
                assert not words <= lists.fillers | lists.function_words, (analysis.text, cue.text)


def test_evidence_rule_cue_of_only_fillers_gives_way_to_a_telling_one(analyzer):
    """'everyone else' fires the comparison rule, but 'As usual' (with the clause it quantifies) is what a reader should see."""
    text = "As usual you've left it to the last minute and now everyone else has to scramble."
    assert [(h.text, h.pattern) for h in analyzer.analyze(text).highlights] == [
        ("As usual you've left it to the last minute", "criticism")
    ]


def test_evidence_pair_grows_into_its_marker_phrase(analyzer, lang):
    """A chosen pair reads with the neighbours it forms marker pairs with, as a lone word does."""
    from nlp.suggest.evidence import _Phrase

    evidence = analyzer.advisor.evidence
    words = [(0, "not"), (1, "wasting"), (2, "my"), (3, "breath"), (4, "on")]
    phrase = _Phrase("my breath", (2, 3), 1.0, True)
    markers = frozenset({"not wasting", "wasting my", "my breath"})
    assert evidence._with_neighbours(phrase, words, markers) == [0, 1, 2, 3]


@pytest.mark.parametrize("text, topic", [
    ("we went out for a smoke after the film", "smoke"),
    ("the dishwasher was full when I got in", "dishwasher"),
    ("I only got the bike because it was cheap", "bike"),
])
def test_evidence_never_shows_a_topic_the_model_leaned_on(analyzer, lang, text, topic):
    """Where "smoke" alone pushed defensiveness up (a marker counted from the data), it is still what the message is about."""
    from dataclasses import replace

    from nlp.suggest.evidence import LabelParts

    evidence = analyzer.advisor.evidence
    assert topic in evidence.lists.markers["defensiveness"] | evidence.lists.markers["contempt"] | evidence.lists.markers["criticism"]
    doc = lang(text)
    real = evidence.message_parts(doc, doc_features(doc, text), [(2, "defensiveness")])
    leaning = LabelParts("defensiveness", {evidence.vocabulary[topic]: 1.0}, 1.0)
    shown = evidence.spans(doc, text, replace(real, labels=[leaning]), [])
    assert shown and not [c for c in shown if c.rule == WORDS_RULE and topic in c.text.lower()]


def test_evidence_a_reflexive_pronoun_is_a_function_word(analyzer):
    """"herself" alone explains nothing, as "myself" and "yourself" do not (train sheet seed53)."""
    not_evidence = set(analyzer.advisor.lexicon.words["not_evidence"])
    assert {"himself", "herself", "themselves", "ourselves", "yourselves"} <= not_evidence
    analysis = analyzer.analyze("this is why she killed herself you sick freaks")
    assert "herself" not in [c.text for c in analysis.cues]
