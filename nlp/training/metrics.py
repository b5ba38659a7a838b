"""Per-label precision/recall/F1, macro-F1 and any-flag F1, false alarms, and how thresholds are chosen."""

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


# Each per-pattern threshold may be raised by up to this much, in steps of 0.05,
# when the gate alone cannot keep false alarms within a level's target.
_LIFTS = np.round(np.arange(0.0, 0.51, 0.05), 2)
_GATES = np.round(np.arange(0.10, 1.0, 0.01), 2)


def operating_points(
    truth, probabilities, benign_real: np.ndarray, false_alarm_targets: dict[str, float], base: list[float]
) -> dict[str, list[float]]:
    """Thresholds over ``OUTPUTS`` for each sensitivity level, chosen on out-of-fold scores of training rows.

    Real chats are mostly benign, so a level is defined by how often it may flag a
    benign real message (``benign_real``: the real-text rows with no pattern).
    Within that budget it takes the thresholds with the best macro-F1 over all
    the rows: starting from ``base`` (the per-pattern F1 optimum), the gate is
    set as low as the budget allows, for each way of raising the per-pattern
    thresholds together. Levels are chosen from the strictest budget up, and no
    threshold of a looser level is above the stricter one's, so a more sensitive
    level flags everything a less sensitive one does. Without real text there
    is no budget to keep, and every level is ``base``.
    """
    from nlp.scorer import decide

    truth = np.asarray(truth, dtype=bool)
    benign_real = np.asarray(benign_real, dtype=bool)
    if not benign_real.any():
        return {level: list(base) for level in false_alarm_targets}
    points = {}
    ceiling = np.full(len(base), np.inf)
    for level, target in sorted(false_alarm_targets.items(), key=lambda item: item[1]):
        best, best_f1 = None, -1.0
        for lift in _LIFTS:
            patterns = np.minimum(np.round(np.minimum(np.array(base[:-1]) + lift, 0.99), 2), ceiling[:-1])
            for gate in _GATES[_GATES <= ceiling[-1]]:
                thresholds = np.array([*patterns, gate])
                flags = decide(probabilities, thresholds)
                if flags[benign_real].any(axis=1).mean() <= target:
                    f1 = multilabel_report(truth, flags)["macro_f1"]
                    if f1 > best_f1:
                        best, best_f1 = thresholds, f1
                    break  # a higher gate only loses recall
        best = best if best is not None else np.minimum(np.full(len(base), 0.99), ceiling)
        points[level] = [float(t) for t in best]
        ceiling = best
    return {level: points[level] for level in false_alarm_targets}


def false_alarms(truth, predicted) -> dict:
    """How often messages with no pattern are flagged, with counts and a 95% interval."""
    truth = np.asarray(truth, dtype=bool)
    predicted = np.asarray(predicted, dtype=bool)
    benign = ~truth.any(axis=1)
    flagged = int(predicted[benign].any(axis=1).sum())
    return {"benign": int(benign.sum()), "flagged": flagged, **_rate(flagged, int(benign.sum()))}


def with_intervals(report: dict, truth, predicted) -> dict:
    """``report`` with counts and 95% Wilson intervals for any-flag precision and recall: small slices need them."""
    truth = np.asarray(truth, dtype=bool).any(axis=1)
    predicted = np.asarray(predicted, dtype=bool).any(axis=1)
    tp = int(np.sum(truth & predicted))
    return {
        **report,
        "any_counts": {"tp": tp, "fp": int(np.sum(~truth & predicted)), "fn": int(np.sum(truth & ~predicted))},
        "any_precision_interval": _rate(tp, int(predicted.sum()))["interval"],
        "any_recall_interval": _rate(tp, int(truth.sum()))["interval"],
    }


def _rate(hits: int, n: int, z: float = 1.96) -> dict:
    """hits/n with its Wilson score interval (sound for small n and rates near 0 or 1)."""
    if n == 0:
        return {"rate": 0.0, "interval": [0.0, 1.0]}
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return {"rate": round(p, 4), "interval": [round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4)]}


def average_precision(truth, scores) -> float:
    """Area under the precision-recall curve of one pattern (as scikit-learn computes it), from scores alone.

    It asks how well the scores rank the messages that show the pattern
    above those that do not, weighting the top, where flags are raised. No
    threshold enters it, and shifting every score alike leaves it unchanged,
    so two models compare on how well they tell messages apart, not on where
    each training put its cut-offs or on the pattern's share in the data.
    """
    truth = np.asarray(truth, dtype=bool)
    scores = np.asarray(scores, dtype=np.float64)
    order = np.argsort(-scores, kind="mergesort")
    ranked, hits = scores[order], truth[order]
    last_of_each_score = np.r_[np.flatnonzero(np.diff(ranked)), len(ranked) - 1]
    true_positives = np.cumsum(hits)[last_of_each_score]
    precision = true_positives / (last_of_each_score + 1)
    recall = true_positives / true_positives[-1]
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def macro_average_precision(truth, scores) -> dict[str, float]:
    """Average precision of each pattern that the rows show at least once, and their mean ("mean")."""
    truth = np.asarray(truth, dtype=bool)
    found = {label: average_precision(truth[:, i], scores[:, i]) for i, label in enumerate(LABELS) if truth[:, i].any()}
    return {**{label: round(value, 4) for label, value in found.items()}, "mean": round(float(np.mean(list(found.values()))), 4)}


def share_of_resamples_worse(truth, current, new, *, resamples: int = 1000, seed: int = 0) -> float:
    """In how many of ``resamples`` bootstrap draws of the rows the new scores have the lower mean average precision.

    Both score the same rows, so each draw keeps the pairing; near 1 means the
    drop is no accident of which rows happen to be in the slice.
    """
    truth = np.asarray(truth, dtype=bool)
    generator = np.random.default_rng(seed)
    worse = 0
    for _ in range(resamples):
        rows = generator.integers(0, len(truth), len(truth))
        drawn = truth[rows]
        present = [i for i in range(len(LABELS)) if drawn[:, i].any()]
        if not present:
            continue
        drop = np.mean([average_precision(drawn[:, i], current[rows, i]) - average_precision(drawn[:, i], new[rows, i]) for i in present])
        worse += int(drop > 0)
    return worse / resamples


def placements(truth, scores) -> np.ndarray:
    """Per row and pattern, how well the row is ranked: 1 is best, 0 is worst, NaN where it cannot be told.

    A row that shows the pattern: the share of rows without it that score
    lower. A row that does not: the share of rows with it that score higher.
    A model whose placements fall for some rows ranks exactly those rows worse.
    """
    truth = np.asarray(truth, dtype=bool)
    scores = np.asarray(scores, dtype=np.float64)
    placed = np.full(truth.shape, np.nan)
    for i in range(truth.shape[1]):
        with_it, without = np.sort(scores[truth[:, i], i]), np.sort(scores[~truth[:, i], i])
        if not len(with_it) or not len(without):
            continue
        column = scores[:, i]
        below = (np.searchsorted(without, column, "left") + np.searchsorted(without, column, "right")) / 2 / len(without)
        above = 1 - (np.searchsorted(with_it, column, "left") + np.searchsorted(with_it, column, "right")) / 2 / len(with_it)
        placed[:, i] = np.where(truth[:, i], below, above)
    return placed
