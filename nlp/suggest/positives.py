"""Healthy moves in a message: appreciation, I-statements, repair, reassurance, ...

The cue ruler marks the phrases (``resources/cues/positive.jsonl``); this module
decides which of them to believe. A phrase that sits on a negative cue, that a
flagged pattern turns sour ("thanks SO much for nothing" is contempt, "it's
fine." can close a conversation) or that is voided by the next word ("sorry,
but ...", "you're kind of ...") is not reported, because praising a sarcastic
message as appreciative would teach the user the wrong thing.
"""

from __future__ import annotations

from spacy.tokens import Doc

from nlp.labels import HEALTHY_RULES, LABELS
from nlp.pipeline.segments import MessageView
from nlp.results import Positive
from nlp.suggest.lexicon import Lexicon


class PositiveFinder:
    def __init__(self, lexicon: Lexicon):
        rules = lexicon.positives
        self.conflicts = {kind: frozenset(patterns) for kind, patterns in rules["conflicts"].items()}
        self.voiding_words = {kind: frozenset(words) for kind, words in rules["void_if_followed_by"].items()}

    def find(self, message: MessageView, flagged: frozenset[str]) -> list[Positive]:
        """The believable healthy moves among the message's cues, given the patterns it was flagged for."""
        cues, text = message.cues, message.text
        healthy = [cue for cue in cues if cue.rule.startswith(HEALTHY_RULES)]
        if not healthy:
            return []
        negative_ranges = [(cue.start_char, cue.end_char) for cue in cues if cue.label in LABELS]
        positives = []
        for cue in healthy:
            kind = cue.label
            if flagged & self.conflicts.get(kind, frozenset()):
                continue
            if any(start < cue.end_char and cue.start_char < end for start, end in negative_ranges):
                continue
            next_words = self._next_words(message.doc, message.start + cue.end, message.end)
            if self.voiding_words.get(kind, frozenset()).intersection(next_words):
                continue
            positives.append(Positive(cue.start_char, cue.end_char, text[cue.start_char : cue.end_char], kind))
        return positives

    @staticmethod
    def _next_words(doc: Doc, i: int, end: int, count: int = 2) -> list[str]:
        """Up to ``count`` words from token ``i`` to ``end``, punctuation skipped: "sorry, but", "sorry for"."""
        words = []
        while i < end and len(words) < count:
            token = doc[i]
            if not (token.is_punct or token.is_space):
                words.append(token.norm_)
            i += 1
        return words
