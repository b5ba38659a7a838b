"""Doc -> feature tokens: the seam that training and scoring share."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.features import QUOTE_MARKS, doc_features

# Words and marks mixed with every kind of space spaCy can turn into a token of its own.
CHAT_TEXT = st.lists(
    st.sampled_from(["u", "never", "ok", ".", "!", "😡", " ", "  ", "\n", "\t", "\r", "\u00a0", "\u2003"])
    | st.characters(exclude_categories=["Cs"]),  # spaCy cannot take lone surrogates; the analyzer replaces them
    max_size=20,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(CHAT_TEXT)
def test_features_start_with_the_words_then_the_word_pairs(lang, text):
    """Whitespace tokens and quotation marks are never words, whatever spacing the message has."""
    doc = lang(text)
    words = [token.norm_ for token in doc if not token.norm_.isspace() and token.norm_ not in QUOTE_MARKS]
    features = doc_features(doc, text)
    assert features[: len(words)] == words
    assert features[len(words) : 2 * len(words) - 1] == [f"{a} {b}" for a, b in zip(words, words[1:])]


def test_length_feature_buckets_the_word_count(lang):
    def length_feature(text):
        return next(f for f in doc_features(lang(text), text) if f.startswith("len="))

    assert length_feature("ok") == "len=1"
    assert length_feature("") == "len=1"
    assert length_feature("fine by me") == "len=2-3"
    assert length_feature(" ".join(["word"] * 40)) == "len=16-40"
    assert length_feature(" ".join(["word"] * 41)) == "len=41+"


def test_quotation_marks_are_not_features_but_scare_quotes_stay_a_cue(lang):
    """A quote mark on its own was 65% "contempt" in the written data and almost never is in real text."""
    titles = doc_features(lang("He called it a 'short' meeting"), "He called it a 'short' meeting")
    assert not QUOTE_MARKS & set(titles)
    sneer = 'oh you were "busy" were you'
    assert "cue=contempt.scare_quotes" in doc_features(lang(sneer), sneer)
