"""Score a model against a labelled CSV (``horsemen evaluate``)."""

from __future__ import annotations

from pathlib import Path

from nlp.errors import DataError
from nlp.scorer import decide
from nlp.training.data import label_matrix, read_labelled
from nlp.training.metrics import multilabel_report


def evaluate_csv(path: str | Path, analyzer, *, split: str | None = None) -> dict:
    """Precision, recall and F1 per pattern, macro-F1 and any-flag F1 of ``analyzer`` on ``path``."""
    rows = read_labelled(path)
    if split is not None:
        if all(row.split is None for row in rows):
            raise DataError(f"{path}: --split {split} given but the CSV has no split column")
        rows = [row for row in rows if row.split == split]
        if not rows:
            raise DataError(f"{path}: no rows with split={split}")
    flags = decide(analyzer.scores(row.text for row in rows), analyzer.model.thresholds)
    return multilabel_report(label_matrix(rows), flags)
