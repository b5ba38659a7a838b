"""What in the message moved the model: per-word contributions of the linear scorer.

The scorer is linear in the tf-idf weights of its feature tokens, so the share of
a word in a label's score is exactly its tf-idf weight times the label's
coefficient. Words with the largest positive shares become ``model.words``
evidence spans, so a flag always points at something in the text even when no
cue rule fired. Function words and punctuation are left out ("your" or "." can
tip the model, but highlighting them explains nothing); when only they remain,
the strongest word pair or the whole message is shown instead. The same
arithmetic scores one short message directly, which is how rewrites are checked
against the model without the batch scorer's overhead.
"""

from __future__ import annotations

import unicodedata

import numpy as np
from spacy.attrs import IS_SPACE, NORM
from spacy.tokens import Doc

from nlp.results import Cue
from nlp.scorer import LinearScorer, decide

WORDS_RULE = "model.words"
MESSAGE_RULE = "model.message"
# At most this many distinct words per flagged pattern, each carrying at least
# this share of the strongest word's contribution: enough to highlight why,
# few enough that a highlight still means something.
MAX_WORDS = 3
MIN_SHARE_OF_TOP = 0.3


class ModelEvidence:
    def __init__(self, scorer: LinearScorer, thresholds: np.ndarray, not_evidence: frozenset[str] = frozenset()):
        self.scorer = scorer
        self.vocabulary = scorer.vocabulary
        self.coef = scorer.coef
        self.thresholds = thresholds
        self.not_evidence = not_evidence  # function words: they move the model, but "your" or "." explains nothing

    def flags(self, features: list[str]) -> np.ndarray:
        """Which patterns the model would flag for these feature tokens (the Analyzer's own rule)."""
        probabilities = self.scorer.message_proba(self.scorer.message_weights(features))
        return decide(probabilities[np.newaxis, :], self.thresholds)[0]

    def spans(self, doc: Doc, text: str, features: list[str], labels: list[tuple[int, str]], cues: list[Cue]) -> list[Cue]:
        """The strongest words behind each flagged label, as character spans of ``text``."""
        weights = self.scorer.message_weights(features)
        strings = doc.vocab.strings
        tokens = [
            (i, strings[norm]) for i, (norm, is_space) in enumerate(doc.to_array([NORM, IS_SPACE]).tolist()) if not is_space
        ]
        # Every distinct word that is a model feature, with its share of each flagged label's score.
        words = [
            w for w in dict.fromkeys(word for _, word in tokens) if self.vocabulary.get(w) in weights and self._telling(w)
        ]
        columns = [self.vocabulary[w] for w in words]
        label_indices = [index for index, _ in labels]
        shares = (np.array([weights[c] for c in columns])[:, np.newaxis] * self.coef[np.ix_(columns, label_indices)]).T
        found: list[Cue] = []
        for (index, label), row in zip(labels, shares.tolist() if words else [[]] * len(labels)):
            ranked = sorted(((value, word) for word, value in zip(words, row) if value > 0), reverse=True)[:MAX_WORDS]
            chosen = {word for value, word in ranked if value >= MIN_SHARE_OF_TOP * ranked[0][0]}
            ruled = [(c.start, c.end) for c in cues if c.pattern == label]
            positions = [i for i, word in tokens if word in chosen and not _inside(doc[i], ruled)]
            if not positions and not ruled:
                positions = self._strongest_pair(tokens, weights, index)
            spans = _merge(doc, text, positions, label)
            if not spans and not ruled:
                spans = [Cue(0, len(text), text, label, MESSAGE_RULE)]
            found.extend(spans)
        return found

    def _telling(self, word: str) -> bool:
        """Whether highlighting ``word`` alone says something: not a function word, not bare punctuation."""
        return word not in self.not_evidence and not all(unicodedata.category(c).startswith("P") for c in word)

    def _strongest_pair(self, tokens, weights, index) -> list[int]:
        """For a flag carried by word pairs alone: the pair that adds the most."""
        best, positions = 0.0, []
        for (i, first), (j, second) in zip(tokens, tokens[1:]):
            column = self.vocabulary.get(f"{first} {second}")
            if column is not None and column in weights and weights[column] * self.coef[column, index] > best:
                best, positions = weights[column] * self.coef[column, index], [i, j]
        return positions


def _inside(token, ranges) -> bool:
    return any(start <= token.idx and token.idx + len(token.text) <= end for start, end in ranges)


def _merge(doc: Doc, text: str, positions: list[int], label: str) -> list[Cue]:
    """One span per run of neighbouring tokens, so 'never help' lights up as one piece."""
    spans: list[Cue] = []
    run: list[int] = []
    for i in positions + [None]:
        if run and (i is None or i != run[-1] + 1):
            start, end = doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]].text)
            spans.append(Cue(start, end, text[start:end], label, WORDS_RULE))
            run = []
        if i is not None:
            run.append(i)
    return spans
