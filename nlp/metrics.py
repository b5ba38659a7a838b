"""Per-label precision/recall/F1, macro-F1 and any-flag F1 for multi-label 0/1 matrices."""

from __future__ import annotations

import numpy as np

from nlp.labels import LABELS


def _prf(truth: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    tp = int(np.sum(truth & predicted))
    fp = int(np.sum(~truth & predicted))
    fn = int(np.sum(truth & ~predicted))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "support": int(truth.sum())}


def multilabel_report(truth, predicted) -> dict:
    """The ``evaluate`` JSON: n, macro_f1, any_f1 and a block per label."""
    truth = np.asarray(truth, dtype=bool)
    predicted = np.asarray(predicted, dtype=bool)
    labels = {label: _prf(truth[:, i], predicted[:, i]) for i, label in enumerate(LABELS)}
    any_flag = _prf(truth.any(axis=1), predicted.any(axis=1))
    return {
        "n": int(truth.shape[0]),
        "macro_f1": round(float(np.mean([m["f1"] for m in labels.values()])), 4),
        "any_f1": any_flag["f1"],
        "any": any_flag,
        "labels": labels,
    }


def best_thresholds(truth, probabilities, grid=np.arange(0.10, 0.91, 0.01)) -> list[float]:
    """Per label, the probability cut-off that maximises F1 on out-of-fold predictions."""
    truth = np.asarray(truth, dtype=bool)
    chosen = []
    for i in range(truth.shape[1]):
        f1s = [_prf(truth[:, i], probabilities[:, i] >= t)["f1"] for t in grid]
        chosen.append(round(float(grid[int(np.argmax(f1s))]), 2))
    return chosen
