"""Explanations: every flag points at text, and model evidence is the model's own arithmetic."""

from __future__ import annotations

import numpy as np
import pytest

from nlp.features import doc_features
from nlp.suggest.evidence import MESSAGE_RULE, WORDS_RULE

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
    analysis = analyzer.analyze("How hard is it to tell me ur running late. seriously how hard")
    assert analysis.flagged
    assert any(c.rule in (WORDS_RULE, MESSAGE_RULE) for c in analysis.cues)


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
