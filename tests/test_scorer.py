"""Batch scoring from word ids must give exactly the scores of the feature strings."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import NORM
from spacy.strings import get_string_id

from nlp.features import context_features, message_features, message_word_ids
from nlp.pipeline.normalizer import norm_texts
from nlp.scorer import NgramIndex


def ids(*words: str) -> np.ndarray:
    return np.array([get_string_id(word) for word in words], dtype=np.uint64)


def test_words_and_pairs_are_found_by_id_within_each_message_only():
    index = NgramIndex.of({"you": 0, "never": 1, "you never": 2, "never you": 3, "prep": 4})
    rows, columns = index.columns([ids("you", "never", "unknown", "prep"), ids("you"), ids(), ids("never")])
    # "you never" is a pair in message 0; "never unknown" is not in the vocabulary;
    # "you" (message 1) and "never" (message 3) are not adjacent in any message.
    assert sorted(zip(rows.tolist(), columns.tolist())) == [(0, 0), (0, 1), (0, 2), (0, 4), (1, 0), (3, 1)]


def test_a_norm_with_a_space_is_one_word_and_pairs_like_its_string():
    index = NgramIndex.of({"i don't know": 0, "i don't know you": 1, "you": 2, "don't know you": 3})
    rows, columns = index.columns([ids("i don't know", "you"), ids("i", "don't know you")])
    assert sorted(zip(rows.tolist(), columns.tolist())) == [(0, 0), (0, 1), (0, 2), (1, 1), (1, 3)]


def test_an_index_without_pairs_or_words_finds_nothing_it_does_not_have():
    rows, columns = NgramIndex.of({"you": 0}).columns([ids("you", "you"), ids("me")])
    assert rows.tolist() == [0, 0] and columns.tolist() == [0, 0]
    rows, columns = NgramIndex.of({}).columns([ids("you")])
    assert len(rows) == len(columns) == 0


WORDS = st.sampled_from(
    ["you", "never", "always", "listen", "don't", "I'm", "sorry", "whatever", "fine", ".", "!!", "u", "ur", "sooo"]
)
MESSAGE = st.lists(WORDS | st.text(max_size=4), max_size=15).map(" ".join) | st.text(max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(MESSAGE, min_size=2, max_size=6))
def test_scores_from_word_ids_equal_scores_from_feature_strings(analyzer, lang, texts):
    texts = [text.encode("utf-8", "replace").decode("utf-8") for text in texts]  # no lone surrogates
    scorer, ruler = analyzer.model.scorer, analyzer._reader.ruler
    word_ids, others, features = [], [], []
    for text in texts:
        doc = lang(text, disable=[ruler.name])
        norm_ids = doc.to_array(NORM)
        norms, cues = norm_texts(norm_ids.tolist(), doc.vocab), ruler.find(doc)
        word_ids.append(message_word_ids(norm_ids, norms, text))
        others.append(context_features(norms, len(word_ids[-1]), text, cues))
        features.append(message_features(norms, text, cues))
    np.testing.assert_array_equal(scorer.predict_proba_ids(word_ids, others), scorer.predict_proba(features))
