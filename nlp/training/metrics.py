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


THRESHOLD_GRID = np.round(np.arange(0.10, 0.91, 0.01), 2)


def best_thresholds(truth, probabilities) -> list[float]:
    """Cut-offs for ``OUTPUTS`` chosen on out-of-fold predictions of the training rows.

    Each pattern gets the cut-off that maximises its own F1; then the "any" gate
    gets the one that maximises macro-F1 + any-flag F1 with those fixed.
    """
    from nlp.scorer import decide

    truth = np.asarray(truth, dtype=bool)
    chosen = []
    for i in range(truth.shape[1]):
        f1s = [_prf(truth[:, i], probabilities[:, i] >= t)["f1"] for t in THRESHOLD_GRID]
        chosen.append(float(THRESHOLD_GRID[int(np.argmax(f1s))]))

    def joint(gate: float) -> float:
        report = multilabel_report(truth, decide(probabilities, np.array([*chosen, gate])))
        return report["macro_f1"] + report["any_f1"]

    gate = max(THRESHOLD_GRID, key=joint)
    return [*chosen, float(gate)]
