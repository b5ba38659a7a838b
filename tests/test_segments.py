"""Messages read in shared segment Docs must look exactly as they do tokenized alone."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.pipeline import build_pipeline, find_cue_ruler
from nlp.pipeline.normalizer import norm_texts
from nlp.pipeline.segments import SegmentReader

# Words that trip the tokenizer's special cases, cue phrases, the separator's own
# NUL character, and every kind of space, mixed with arbitrary characters.
PIECES = [
    "you", "never", "always", "whatever", "don't", "dont", "gonna", "I'm", "can't", ":)", "<3", "e.g.",
    "Mr.", "a.m.", "thanks", "sorry", "but", ".", "!", "?", "...", "😡", "🙄", "\x00", " ", "  ", "\n",
    "\t", "\u00a0", "\u2003", "(", ")", "'", '"', "-", "u", "ur", "sooo", "http://x.io",
]  # fmt: skip
MESSAGE = st.lists(st.sampled_from(PIECES) | st.characters(exclude_categories=["Cs"]), max_size=12).map("".join)


def alone(lang, text):
    doc = lang(text, disable=["horsemen_cues"])
    ruler = find_cue_ruler(lang)
    return [t.text for t in doc], norm_texts(doc.to_array("NORM").tolist(), doc.vocab), ruler.find(doc)


@settings(max_examples=300, deadline=None)
@given(st.lists(MESSAGE, max_size=8))
def test_a_message_in_a_segment_has_the_tokens_norms_and_cues_it_has_alone(lang, texts):
    messages = SegmentReader(lang).read(texts)
    assert [m.text for m in messages] == texts
    for message, text in zip(messages, texts):
        words, norms, cues = alone(lang, text)
        assert [t.text for t in message.doc[message.start : message.end]] == words, text
        assert message.norms == norms, text
        assert message.cues == cues, text


def test_messages_share_a_doc_unless_they_end_in_whitespace(lang):
    messages = SegmentReader(lang).read(["you never listen", "fine.", "ok ", "", "whatever\n", "I'm done"])
    shared = {id(m.doc) for m in messages if m.text in ("you never listen", "fine.", "I'm done")}
    assert len(shared) == 1
    for message in messages:
        if message.text in ("ok ", "", "whatever\n"):
            assert message.doc.text == message.text


def test_words_read_after_a_special_case_are_tokenized_alone_once_so_spacy_caches_them():
    lang = build_pipeline()
    reader = SegmentReader(lang)
    tokenizer = lang.tokenizer
    calls = []
    lang.tokenizer = lambda text: calls.append(text) or tokenizer(text)
    reader.read(["I'm tired of broccoli", "you never listen"])
    reader.read(["don't mention broccoli", "broccoli again"])
    reader.read(["I'm alone"])  # one message (``analyze``) is read without this detour
    alone_calls = [text for text in calls if " " not in text]
    assert sorted(alone_calls) == ["broccoli", "mention", "of", "tired"]


def test_own_doc_is_the_message_alone(lang):
    reader = SegmentReader(lang)
    for message in reader.read(["You NEVER help 🙄", "thanks, really"]):
        doc = reader.own_doc(message)
        assert doc.text == message.text
        assert find_cue_ruler(lang).find(doc) == message.cues


def test_a_pipeline_with_other_components_reads_each_message_alone():
    lang = build_pipeline()
    lang.add_pipe("sentencizer")
    reader = SegmentReader(lang)
    assert not reader.joins
    messages = reader.read(["you never listen", "fine."])
    assert messages[0].doc is not messages[1].doc


def test_a_plain_spacy_pipeline_without_the_cue_ruler_is_refused():
    with pytest.raises(ValueError, match="horsemen_cues"):
        SegmentReader(spacy.blank("en"))
