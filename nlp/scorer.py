"""Score feature tokens with a fitted model flattened to plain numpy arrays.

The scikit-learn pipeline (tf-idf -> one-vs-rest -> sigmoid-calibrated logistic
regression) is linear up to the calibration, so after training it is flattened
into a vocabulary, idf weights, a coefficient matrix and per-label calibration
slopes. Scoring then needs neither scikit-learn nor pickle: loading a model is a
plain ``np.load`` (fast cold start, no code execution from the model file), and
a test pins that these scores equal the pipeline's ``predict_proba``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path
from typing import Sequence

import numpy as np


@dataclass(frozen=True)
class LinearScorer:
    """Calibrated multi-label linear model over feature tokens.

    ``score = sigmoid(-(a * (x . w + b) + c))`` per label, where ``x`` is the
    sublinear, l2-normalised tf-idf vector of the tokens (what
    ``TfidfVectorizer(sublinear_tf=True)`` computes) and ``a, c`` are the Platt
    scaling parameters scikit-learn's ``_SigmoidCalibration`` learned.
    """

    vocabulary: dict[str, int]
    idf: np.ndarray  # (n_features,)
    coef: np.ndarray  # (n_features, n_labels)
    intercept: np.ndarray  # (n_labels,)
    calibration_a: np.ndarray  # (n_labels,)
    calibration_b: np.ndarray  # (n_labels,)

    def decision(self, token_lists: Sequence[list[str]]) -> np.ndarray:
        """Raw linear scores, shape (n_messages, n_labels), for a whole batch at once."""
        lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
        # One C-level pass over the batch: the column of each token, -1 for tokens the model never saw.
        tokens = chain.from_iterable(token_lists)
        looked_up = np.fromiter(map(self.vocabulary.get, tokens, repeat(-1)), dtype=np.int64, count=lengths.sum())
        known = looked_up >= 0
        rows, columns = np.repeat(np.arange(len(token_lists)), lengths)[known], looked_up[known]
        n_rows, n_features = len(token_lists), len(self.vocabulary)
        out = np.tile(self.intercept, (n_rows, 1))
        if not len(columns):
            return out
        # Count each (message, feature) pair, then sublinear tf-idf with l2 norm per message.
        cells, counts = np.unique(rows * n_features + columns, return_counts=True)
        row_of, column_of = np.divmod(cells, n_features)
        weights = (1.0 + np.log(counts)) * self.idf[column_of]
        norms = np.sqrt(np.bincount(row_of, weights * weights, minlength=n_rows))
        weights /= norms[row_of]
        for label in range(self.coef.shape[1]):
            out[:, label] += np.bincount(row_of, weights * self.coef[column_of, label], minlength=n_rows)
        return out

    def predict_proba(self, token_lists: Sequence[list[str]]) -> np.ndarray:
        """Calibrated probability per label, shape (n_messages, n_labels)."""
        if len(token_lists) == 1:  # ``analyze``: for one message plain Python beats numpy's per-call overhead
            return self.message_proba(self.message_weights(token_lists[0]))[np.newaxis, :]
        return self._calibrate(self.decision(token_lists))

    def message_weights(self, tokens: list[str]) -> dict[int, float]:
        """Column -> tf-idf weight for one message, the same arithmetic as ``decision``.

        Plain Python: one chat message has a few dozen features, where numpy's
        per-call overhead would cost more than the arithmetic. Used to explain a
        score word by word and to check a single rewrite.
        """
        lookup = self.vocabulary.get
        counts: dict[int, int] = {}
        for token in tokens:
            column = lookup(token)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        idf = self.idf[list(counts)].tolist()
        weights = {column: (1.0 + math.log(count)) * w for (column, count), w in zip(counts.items(), idf)}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {column: w / norm for column, w in weights.items()}

    def message_proba(self, weights: dict[int, float]) -> np.ndarray:
        """Calibrated probability per label for one message, from its ``message_weights``."""
        decision = self.intercept.copy()
        if weights:
            decision += np.fromiter(weights.values(), dtype=np.float64) @ self.coef[list(weights)]
        return self._calibrate(decision)

    def _calibrate(self, decision: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(decision * self.calibration_a + self.calibration_b))

    def save(self, path: Path) -> None:
        words = np.array(sorted(self.vocabulary, key=self.vocabulary.__getitem__), dtype=str)
        with open(path, "wb") as handle:
            np.savez(
                handle,
                words=words,
                idf=self.idf,
                coef=self.coef,
                intercept=self.intercept,
                calibration_a=self.calibration_a,
                calibration_b=self.calibration_b,
            )

    @classmethod
    def load(cls, path: Path) -> "LinearScorer":
        with np.load(path, allow_pickle=False) as arrays:
            words = arrays["words"].tolist()
            return cls(
                vocabulary={word: i for i, word in enumerate(words)},
                idf=arrays["idf"],
                coef=arrays["coef"],
                intercept=arrays["intercept"],
                calibration_a=arrays["calibration_a"],
                calibration_b=arrays["calibration_b"],
            )


def decide(probabilities: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """Per-pattern flags, shape (n, n_labels), from scores over ``OUTPUTS``.

    A pattern is flagged when its own score clears its threshold and the "any
    pattern" score clears the gate. The gate is a second opinion trained on the
    easier flagged-or-not question; on leave-one-writer-out cross-validation it
    cut false alarms on friendly messages that share a cue word.
    """
    return (probabilities[:, :-1] >= thresholds[:-1]) & (probabilities[:, -1:] >= thresholds[-1])
