"""Score a model against a labelled CSV (``horsemen evaluate``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from nlp.dataset import read_labelled
from nlp.errors import DataError
from nlp.labels import LABELS
from nlp.metrics import multilabel_report


def evaluate_csv(path: str | Path, analyzer, *, split: str | None = None, progress: bool = False) -> dict:
    rows = read_labelled(path)
    if split is not None:
        if all(row.split is None for row in rows):
            raise DataError(f"{path}: --split {split} given but the CSV has no split column")
        rows = [row for row in rows if row.split == split]
        if not rows:
            raise DataError(f"{path}: no rows with split={split}")
    texts = [row.text for row in rows]
    results = analyzer.analyze_many(texts)
    if progress:
        from tqdm import tqdm

        results = tqdm(results, total=len(texts), desc="scoring", unit="msg", file=None, leave=False)
    predicted = np.array([[r.patterns[label].flagged for label in LABELS] for r in results], dtype=bool)
    truth = np.array([row.labels for row in rows], dtype=bool)
    return multilabel_report(truth, predicted)
