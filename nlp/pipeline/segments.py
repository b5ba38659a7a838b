"""Many messages through spaCy as a few Docs: how the analyzer reads a batch.

Making a Doc and reading attributes out of it costs a fixed amount per Doc,
more than tokenizing a short chat message does. So the messages of a batch are
joined into segments of up to ``SEGMENT_CHARS`` characters with ``SEPARATOR``
between them; each segment becomes one Doc, read with one ``to_array`` and one
phrase-matcher pass, and is cut back into one ``MessageView`` per text. For
100,000 short messages this cuts the time spent in spaCy by about 40%.

A message's tokens in a segment are exactly its tokens alone (a property test
pins it). spaCy's tokenizer cuts the text at whitespace first and tokenizes
each run of other characters by itself; only its special-case pass looks
across runs, and like the cue phrases, no special case holds the separator's
NUL character, so nothing matches across it. The separator's first space
becomes the trailing space of the message's last token and its last space the
trailing space of the NUL token, so the next message starts as a text starts.
Only whitespace at the end of a message would run into the separator: such a
message (or an empty one) gets a Doc of its own, and so does every message when
the pipeline could look across messages (token patterns, other components).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from spacy.attrs import IDX, NORM
from spacy.language import Language
from spacy.tokens import Doc

from nlp.pipeline.cues import CueMatch, find_cue_ruler
from nlp.pipeline.normalizer import ChatNormalizer, norm_texts

SEPARATOR = " \x00 "
_SEPARATOR_WORD = SEPARATOR.strip()
# Far below spaCy's ``max_length`` (1,000,000 characters); long enough that the
# cost per Doc is spread over hundreds of chat messages.
SEGMENT_CHARS = 100_000


class MessageView(NamedTuple):
    """One message as the analyzer reads it: norms and cues as plain values, tokens in a shared Doc.

    Cue offsets (tokens and characters) count from the start of the message.
    """

    text: str
    norms: list[str]  # one per token, whitespace tokens included
    norm_ids: np.ndarray  # the norms as spaCy string ids (uint64)
    cues: list[CueMatch]
    doc: Doc  # the Doc holding this message, alone or in a segment
    start: int  # the message's tokens are doc[start:end]
    end: int


class SegmentReader:
    """Reads a batch of texts into ``MessageView``s through ``lang`` (see the module docstring)."""

    def __init__(self, lang: Language):
        self.lang = lang
        self.ruler = find_cue_ruler(lang)
        self._specials = frozenset(lang.tokenizer.rules)
        # Words tokenized alone so far (see ``_cache_words``), up to as many as spaCy caches.
        self._tokenized_alone: set[str] = set()
        self._cache_size = lang.tokenizer.max_cache_size
        only_ours = all(pipe is self.ruler or isinstance(pipe, ChatNormalizer) for _, pipe in lang.pipeline)
        phrases = (p["pattern"] for p in self.ruler.patterns if isinstance(p["pattern"], str))
        self.joins = (
            only_ours
            and not len(self.ruler.matcher)
            and not any(_SEPARATOR_WORD in key for key in self._specials)
            and not any(_SEPARATOR_WORD in phrase for phrase in phrases)
        )

    def read(self, texts: list[str]) -> list[MessageView]:
        """One MessageView per text, in order."""
        messages: list[MessageView | None] = [None] * len(texts)
        segments, members = self._segments(texts)
        docs = self.lang.pipe(segments, batch_size=max(1, len(segments)), disable=[self.ruler.name])
        for doc, indices in zip(docs, members):
            for i, message in zip(indices, self._cut(doc, [texts[i] for i in indices])):
                messages[i] = message
        return messages

    def own_doc(self, message: MessageView) -> Doc:
        """A Doc of ``message.text`` alone, for the few steps that read a whole Doc (rewrites, evidence)."""
        if message.start == 0 and message.end == len(message.doc):
            return message.doc
        return self.lang(message.text, disable=[self.ruler.name])

    def _segments(self, texts: list[str]) -> tuple[list[str], list[list[int]]]:
        """The strings to tokenize, and which texts each one holds.

        spaCy's tokenizer stops adding to its cache for the rest of a Doc once a
        special case ("don't", "gonna", ":)") has turned up in it. Texts with a
        word that is one go last in their segment, so the others' words still
        get cached, and their own words are cached beforehand by
        ``_cache_words``; a text's place in a segment changes nothing else.
        """
        segments: list[str] = []
        members: list[list[int]] = []
        joinable: list[int] = []
        special_last: list[int] = []
        for i, text in enumerate(texts):
            if self.joins and text and not text[-1].isspace():
                words = text.split()
                if self._specials.isdisjoint(words):
                    joinable.append(i)
                else:
                    special_last.append(i)
                    if len(texts) > 1:  # pays off over a batch; ``analyze`` of one message should not wait for it
                        self._cache_words(words)
            else:
                segments.append(text)
                members.append([i])
        run: list[int] = []
        run_chars = 0
        for i in joinable + special_last:
            if run and run_chars + len(texts[i]) > SEGMENT_CHARS:
                segments.append(SEPARATOR.join(texts[j] for j in run))
                members.append(run)
                run, run_chars = [], 0
            run.append(i)
            run_chars += len(texts[i]) + len(SEPARATOR)
        if run:
            segments.append(SEPARATOR.join(texts[j] for j in run))
            members.append(run)
        return segments, members

    def _cache_words(self, words: list[str]) -> None:
        """Tokenize each word not seen here before on its own, so that spaCy caches how it splits.

        In a chat, every other message has a special case ("I'm", "don't"), and
        its other words, read after it, would never be cached: each time they
        went through the affix regexes again, which made such a message cost
        three times as much to tokenize. spaCy caches a chunk the same way
        whatever surrounds it, so this changes no token. A word that holds a
        special case itself ("don't.") is not cached and is not tried again.
        """
        if self._tokenized_alone.issuperset(words) or len(self._tokenized_alone) >= self._cache_size:
            return
        new = set(words).difference(self._tokenized_alone)
        self._tokenized_alone.update(new)
        for word in new.difference(self._specials):
            self.lang.tokenizer(word)

    def _cut(self, doc: Doc, texts: list[str]) -> list[MessageView]:
        """The Messages of a Doc made from ``SEPARATOR.join(texts)``."""
        if len(texts) == 1:
            token_starts, char_starts = [0], [0]
        else:
            char_starts = np.cumsum([0] + [len(text) + len(SEPARATOR) for text in texts[:-1]])
            token_starts = np.searchsorted(doc.to_array(IDX), char_starts).tolist()
            char_starts = char_starts.tolist()
        token_ends = [start - 1 for start in token_starts[1:]] + [len(doc)]  # the NUL token sits in between
        norm_ids = doc.to_array(NORM)
        norms = norm_texts(norm_ids.tolist(), doc.vocab)
        cues = self.ruler.find_each(doc, token_starts, char_starts)
        return [
            MessageView(text, norms[start:end], norm_ids[start:end], message_cues, doc, start, end)
            for text, start, end, message_cues in zip(texts, token_starts, token_ends, cues)
        ]
