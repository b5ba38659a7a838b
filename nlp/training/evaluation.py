"""Score a model against labelled rows (``horsemen evaluate``): a CSV, or each slice of the built-in data.

Every report carries, besides precision, recall and F1, the counts and 95%
intervals of any-flag precision and recall and the false alarms on messages
with no pattern: on real text, where few messages show one, those matter more
than F1 on a balanced set.

A model is never graded on the rows it was fitted on without saying so: its
meta records their fingerprints, and every report counts the evaluated rows
that are among them (``trained_on``) and, unless asked to keep them, leaves
them out.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from nlp.context import Previous
from nlp.errors import DataError
from nlp.labels import LABELS
from nlp.scorer import decide
from nlp.training.data import LabelledRow, builtin_slices, label_matrix, read_labelled, read_user_rows, row_fingerprint
from nlp.training.metrics import false_alarms, multilabel_report, with_intervals


def evaluate_rows(rows: list[LabelledRow], analyzer) -> dict:
    """The report of ``analyzer`` (at its sensitivity) on ``rows``, every one of them."""
    truth = label_matrix(rows)
    flags = decide(analyzer.scores(row.text for row in rows), analyzer.thresholds)
    report = with_intervals(multilabel_report(truth, flags), truth, flags)
    return {**report, "false_alarms": false_alarms(truth, flags)}


def unseen_rows(rows: list[LabelledRow], analyzer, *, include_training_rows: bool = False) -> tuple[list[LabelledRow], dict]:
    """The rows to grade ``analyzer``'s model on, and how many of ``rows`` it was fitted on.

    Those are left out unless ``include_training_rows``: a model scores well on
    what it learnt, which says nothing about messages it has not seen.
    """
    fitted = set(analyzer.meta.trained_on) if analyzer.meta is not None else set()
    seen = [row_fingerprint(row.text) in fitted for row in rows]
    kept = rows if include_training_rows else [row for row, was_seen in zip(rows, seen) if not was_seen]
    return kept, {"rows": len(rows), "trained_on": sum(seen), "excluded": not include_training_rows and any(seen)}


def evaluate_csv(
    path: str | Path, analyzer, *, split: str | None = None, include_training_rows: bool = False
) -> dict:
    """The report of ``analyzer`` on the labelled CSV ``path`` (only rows of ``split`` when given).

    Rows the model was fitted on are left out unless ``include_training_rows``;
    the report's ``training_rows`` says how many there were.
    """
    rows, unlabelled = read_user_rows(path)
    if split is not None:
        if all(row.split is None for row in rows):
            raise DataError(f"{path}: --split {split} given but the CSV has no split column")
        rows = [row for row in rows if row.split == split]
        if not rows:
            raise DataError(f"{path}: no rows with split={split}")
    kept, training_rows = unseen_rows(rows, analyzer, include_training_rows=include_training_rows)
    if not kept:
        raise DataError(
            f"{path}: the model was trained on all {len(rows)} row(s), so they say nothing about how it does on "
            "new messages; --include-training-rows scores them anyway"
        )
    return {**evaluate_rows(kept, analyzer), "training_rows": training_rows, "unlabelled_skipped": unlabelled}


def evaluate_builtin(analyzer, *, split: str = "test", include_training_rows: bool = False) -> dict[str, dict]:
    """A report per slice of the built-in data (written, real, replies, reddit), on its ``split`` rows.

    Replies that carry the message they answer are also scored in context
    (``<slice>-in-context``): against their labels as answers to it, once
    alone and once with the context (``Analyzer.analyze(text, previous)``).
    Rows the model was fitted on are left out unless ``include_training_rows``;
    a slice the model was fitted on entirely is reported with ``n`` 0.
    """
    reports = {}
    for data in builtin_slices():
        rows = [row for row in read_labelled(data.path, require_split=True) if row.split == split]
        if not rows:
            continue
        rows, training_rows = unseen_rows(rows, analyzer, include_training_rows=include_training_rows)
        if not rows:
            reports[data.name] = {"real": data.real, "n": 0, "training_rows": training_rows}
            continue
        reports[data.name] = {"real": data.real, **evaluate_rows(rows, analyzer), "training_rows": training_rows}
        answered = [row for row in rows if row.extra.get("context") and IN_CONTEXT[0] in row.extra]
        if answered:
            reports[f"{data.name}-in-context"] = {
                "real": data.real, **evaluate_in_context(answered, analyzer), "training_rows": training_rows
            }
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
