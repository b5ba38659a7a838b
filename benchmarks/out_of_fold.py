"""Nested out-of-fold figures on the built-in training rows: how data and recipe choices are decided.

For each fold seed, the training rows of every built-in slice are cut into five
folds; a model, thresholds included (``fit_estimator`` picks them on its own
out-of-fold scores), is fitted on four folds and scores the fifth. For each
sensitivity level and slice it prints the messages with a pattern that are
flagged and the benign messages that are flagged, and the written rows'
macro-F1; then the mean over the seeds. The test splits are never read.

    --score-only NAME   the slice's rows are scored out of fold but never trained on
                        (the recipe without that slice)
    --as-real NAME      weigh the slice and spend the false-alarm budgets on it,
                        like the real SMS

Run: .venv/bin/python benchmarks/out_of_fold.py [--score-only reddit] [--as-real reddit] [--seeds 13 14 15]
(about 35 s per seed on 2 cores).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sklearn.model_selection import KFold  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from nlp.labels import SENSITIVITIES  # noqa: E402
from nlp.scorer import decide  # noqa: E402
from nlp.training.data import collect_rows, label_matrix  # noqa: E402
from nlp.training.estimator import TrainConfig, featurize, fit_estimator  # noqa: E402
from nlp.training.metrics import multilabel_report  # noqa: E402
from nlp.training.train import slice_name  # noqa: E402

FOLDS = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--score-only", action="append", default=[], metavar="NAME")
    parser.add_argument("--as-real", action="append", default=[], metavar="NAME")
    parser.add_argument("--seeds", type=int, nargs="+", default=[13, 14, 15])
    args = parser.parse_args()

    data = collect_rows()
    slices = np.array([slice_name(source) for source in data.train_slices])
    real = np.array([source in data.budgeted_slices for source in data.train_slices]) | np.isin(slices, args.as_real)
    trainable = ~np.isin(slices, args.score_only)
    features = featurize([row.text for row in data.train])
    labels = label_matrix(data.train)
    shows_pattern = labels.any(axis=1)

    sums: dict[tuple[str, str], list[np.ndarray]] = defaultdict(list)
    for seed in args.seeds:
        flags = {level: np.zeros_like(labels) for level in SENSITIVITIES}
        for fit_rows, scored_rows in KFold(FOLDS, shuffle=True, random_state=seed).split(features):
            fit_rows = fit_rows[trainable[fit_rows]]
            with threadpool_limits(limits=1, user_api="blas"):
                fitted = fit_estimator(
                    [features[i] for i in fit_rows], labels[fit_rows], real=real[fit_rows], config=TrainConfig()
                )
            scores = fitted.scorer.predict_proba([features[i] for i in scored_rows])
            for level, thresholds in fitted.operating_points.items():
                flags[level][scored_rows] = decide(scores, np.array(thresholds))
        print(f"seed {seed}")
        for level, flagged in flags.items():
            caught_any = flagged.any(axis=1)
            parts = []
            for name in dict.fromkeys(slices):
                rows = slices == name
                caught = int((caught_any & rows & shows_pattern).sum())
                alarms = int((caught_any & rows & ~shows_pattern).sum())
                sums[(level, name)].append(np.array([caught, alarms]))
                parts.append(f"{name} {caught}/{(rows & shows_pattern).sum()} caught, {alarms}/{(rows & ~shows_pattern).sum()} false alarms")
            written = slices == "written"
            macro_f1 = multilabel_report(labels[written], flagged[written])["macro_f1"]
            sums[(level, "written macro-F1")].append(np.array([macro_f1]))
            print(f"  {level:7s} " + "; ".join(parts) + f"; written macro-F1 {macro_f1:.3f}")
    print(f"mean over seeds {args.seeds}")
    for (level, name), values in sums.items():
        print(f"  {level:7s} {name:18s} " + " ".join(f"{value:.1f}" if value > 1 else f"{value:.3f}" for value in np.mean(values, axis=0)))


if __name__ == "__main__":
    main()
