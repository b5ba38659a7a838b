"""What the analyzer promises: clear flags, honest offsets, no crash on any text."""

from __future__ import annotations

import gc
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.analyzer import MAX_CHARS
from nlp.labels import LABELS
from nlp.results import Analysis


@pytest.mark.parametrize(
    "text,pattern",
    [
        ("You never listen to me. You're so selfish.", "criticism"),
        ("Oh wow, you loaded the dishwasher. Want a medal? 🙄", "contempt"),
        ("It's not my fault, you never told me the time!", "defensiveness"),
        ("whatever. I'm done talking.", "stonewalling"),
    ],
)
def test_analyzer_flags_clear_examples(analyzer, text, pattern):
    result = analyzer.analyze(text)
    assert result.patterns[pattern].flagged
    assert any(cue.pattern == pattern for cue in result.cues)


@pytest.mark.parametrize(
    "text",
    [
        "You always make me laugh, thank you for tonight",
        "k, see you at 7",
        "The train was cancelled, I'll be 20 minutes late",
        "I'm feeling flooded. Can we take 20 minutes and then talk?",
        "I felt hurt when you left early. Could we plan the next party together?",
    ],
)
def test_analyzer_leaves_healthy_messages_alone(analyzer, text):
    assert not analyzer.analyze(text).flagged


def test_analyzer_result_has_the_documented_shape(analyzer):
    data = analyzer.analyze("You never listen to me").to_dict()
    assert data["text"] == "You never listen to me"
    assert data["flagged"] is True
    assert set(data["patterns"]) == set(LABELS)
    assert all(set(p) >= {"score", "flagged"} for p in data["patterns"].values())
    cue = data["cues"][0]
    assert cue == {"start": 0, "end": 22, "text": "You never listen to me", "pattern": "criticism", "rule": "criticism.you_always"}


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_analyzer_empty_text_is_not_flagged(analyzer, text):
    result = analyzer.analyze(text)
    assert not result.flagged
    assert all(p.score == 0.0 for p in result.patterns.values())


@pytest.mark.parametrize("text", ["😂😂😂", "❤️", "12:30", "👍🏽"])
def test_analyzer_never_flags_reactions_without_words(analyzer, text):
    result = analyzer.analyze(text)
    assert not result.flagged and all(p.score == 0.0 for p in result.patterns.values())


@pytest.mark.parametrize("text", ["¿Dónde estás? Te espero en casa", "今晚回家吃饭吗", "Kommst du heute Abend?"])
def test_analyzer_scores_other_languages_alike_alone_and_in_a_batch(analyzer, text):
    alone = analyzer.analyze(text)
    (batched,) = [r for r in analyzer.analyze_many([text, "see you soon"], suggest=False)][:1]
    assert alone.patterns == batched.patterns


def test_analyzer_long_message_is_truncated_quickly(analyzer):
    text = "you never listen to me and " * 40_000  # ~1 MB
    started = time.perf_counter()
    result = analyzer.analyze(text)
    assert time.perf_counter() - started < 5
    assert result.truncated
    assert result.text == text
    assert all(cue.end <= MAX_CHARS for cue in result.cues)


def test_analyzer_many_keeps_order_and_matches_single(analyzer):
    texts = ["k.", "You never call", "thanks love", "", "whatever", "you're an idiot"] * 50
    many = [r.to_dict() for r in analyzer.analyze_many(texts, batch_size=7)]
    assert [r["text"] for r in many] == texts
    assert many[:6] == [analyzer.analyze(t).to_dict() for t in texts[:6]]


@pytest.mark.slow
def test_analyzer_many_with_two_processes_gives_the_same_results(analyzer):
    texts = ["k.", "You never call", "thanks love", "whatever", "you're an idiot"] * 200
    serial = [r.to_dict() for r in analyzer.analyze_many(texts, batch_size=100)]
    parallel = [r.to_dict() for r in analyzer.analyze_many(texts, batch_size=100, n_process=2)]
    assert parallel == serial
    converted = list(analyzer.analyze_many(texts, batch_size=100, n_process=2, convert=Analysis.to_dict))
    assert converted == serial  # ``convert`` runs in the workers and only its result comes back


def test_analyzer_many_starts_no_processes_for_a_single_batch(analyzer, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for one batch")

    monkeypatch.setattr(analyzer, "_analyze_in_pool", no_pool)
    texts = ["k.", "You never call"] * 10
    assert len(list(analyzer.analyze_many(texts, batch_size=100, n_process=2))) == 20


def test_analyzer_scores_are_the_model_probabilities_to_four_decimals(analyzer, lang):
    from nlp.features import doc_features
    from nlp.scorer import decide

    texts = ["You never listen to me", "whatever. I'm done", "k, see you at 7", "It's not my fault!!", "🙄 wow"]
    docs = [lang(text) for text in texts]
    probabilities = analyzer.model.scorer.predict_proba([doc_features(doc, text) for doc, text in zip(docs, texts)])
    flags = decide(probabilities, analyzer.model.thresholds)
    for result, expected, expected_flags in zip(analyzer.analyze_many(texts), probabilities, flags):
        for i, label in enumerate(LABELS):
            assert result.patterns[label].score == round(float(expected[i]), 4)
            assert result.patterns[label].flagged == expected_flags[i]


def test_analyzer_rejects_non_strings(analyzer):
    with pytest.raises(TypeError, match="expects str"):
        analyzer.analyze(None)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_analyzer_never_raises_and_offsets_slice_the_text(analyzer, text):
    result = analyzer.analyze(text)
    for span in (*result.cues, *result.positives):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
    for pattern in result.patterns.values():
        assert 0.0 <= pattern.score <= 1.0


def test_a_lone_surrogate_is_analysed_not_crashed_on(analyzer):
    """A JSON escape such as "\\ud83d" can leave half an emoji in a str; spaCy cannot encode it."""
    text = "You never listen \ud83d and I'm done"
    result = analyzer.analyze(text)
    assert result.text == text
    assert result.patterns["criticism"].flagged
    assert all(text[cue.start : cue.end] == cue.text for cue in result.cues)
    batch = list(analyzer.analyze_many(["fine", text, "you always do this"], suggest=False))
    assert batch[1].patterns == result.patterns


def test_scoring_leaves_no_reference_cycles(analyzer):
    """Worker processes collect garbage only now and then (WORKER_GC_THRESHOLD), which is free while this holds."""
    texts = ["You never listen", "thanks, that means a lot", "whatever.", "I'm sorry, but you ALWAYS do this 🙄", ""]
    list(analyzer.analyze_many(texts))  # first-use caches
    gc.collect()
    gc.disable()
    try:
        for suggest in (True, False):
            results = list(analyzer.analyze_many(texts * 50, suggest=suggest))
            del results
        assert gc.collect() == 0
    finally:
        gc.enable()


@pytest.mark.slow
def test_worker_processes_collect_garbage_at_their_own_threshold(analyzer):
    from nlp.analyzer import WORKER_GC_THRESHOLD

    texts = ["a", "b", "c", "d"]
    thresholds = analyzer.analyze_many(texts, batch_size=2, n_process=2, convert=lambda result: gc.get_threshold()[0])
    assert set(thresholds) == {WORKER_GC_THRESHOLD}
    assert gc.get_threshold()[0] != WORKER_GC_THRESHOLD  # the caller's process keeps its own
