"""Score a model against labelled rows (``horsemen evaluate``): a CSV, or each slice of the built-in data.

Every report carries, besides precision, recall and F1, the counts and 95%
intervals of any-flag precision and recall and the false alarms on messages
with no pattern: on real text, where few messages show one, those matter more
than F1 on a balanced set.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from nlp.context import Previous
from nlp.errors import DataError
from nlp.labels import LABELS
from nlp.scorer import decide
from nlp.training.data import LabelledRow, builtin_slices, label_matrix, read_labelled
from nlp.training.metrics import false_alarms, multilabel_report, with_intervals


def evaluate_rows(rows: list[LabelledRow], analyzer) -> dict:
    """The report of ``analyzer`` (at its sensitivity) on ``rows``."""
    truth = label_matrix(rows)
    flags = decide(analyzer.scores(row.text for row in rows), analyzer.thresholds)
    report = with_intervals(multilabel_report(truth, flags), truth, flags)
    return {**report, "false_alarms": false_alarms(truth, flags)}


def evaluate_csv(path: str | Path, analyzer, *, split: str | None = None) -> dict:
    """The report of ``analyzer`` on the labelled CSV ``path`` (only rows of ``split`` when given)."""
    rows = read_labelled(path)
    if split is not None:
        if all(row.split is None for row in rows):
            raise DataError(f"{path}: --split {split} given but the CSV has no split column")
        rows = [row for row in rows if row.split == split]
        if not rows:
            raise DataError(f"{path}: no rows with split={split}")
    return evaluate_rows(rows, analyzer)


def evaluate_builtin(analyzer, *, split: str = "test") -> dict[str, dict]:
    """A report per slice of the built-in data (written, real, replies), on its ``split`` rows.

    Replies that carry the message they answer are also scored in context
    (``<slice>-in-context``): against their labels as answers to it, once
    alone and once with the context (``Analyzer.analyze(text, previous)``).
    """
    reports = {}
    for data in builtin_slices():
        rows = [row for row in read_labelled(data.path, require_split=True) if row.split == split]
        if not rows:
            continue
        reports[data.name] = {"real": data.real, **evaluate_rows(rows, analyzer)}
        answered = [row for row in rows if row.extra.get("context") and IN_CONTEXT[0] in row.extra]
        if answered:
            reports[f"{data.name}-in-context"] = {"real": data.real, **evaluate_in_context(answered, analyzer)}
    return reports


IN_CONTEXT = tuple(f"in_context_{label}" for label in LABELS)


def evaluate_in_context(rows: list[LabelledRow], analyzer) -> dict:
    """Replies against their labels as answers: judged with the message they answer, and alone for comparison."""
    truth = np.array([[int(row.extra[column]) for column in IN_CONTEXT] for row in rows], dtype=bool)
    contexts = list(analyzer.analyze_many([row.extra["context"] for row in rows], suggest=False))
    with_context = np.array(
        [
            [analysis.patterns[label].flagged for label in LABELS]
            for analysis in (
                analyzer.analyze(row.text, Previous(frozenset(context.flagged_patterns)))
                for row, context in zip(rows, contexts)
            )
        ],
        dtype=bool,
    )
    alone = decide(analyzer.scores(row.text for row in rows), analyzer.thresholds)
    report = with_intervals(multilabel_report(truth, with_context), truth, with_context)
    return {**report, "false_alarms": false_alarms(truth, with_context), "alone": multilabel_report(truth, alone)}


def benign_share_flagged(analyzer, texts: list[str]) -> float:
    """Share of ``texts`` flagged: for lists known to hold no pattern."""
    return float(np.mean([analysis.flagged for analysis in analyzer.analyze_many(texts, suggest=False)])) if texts else 0.0
