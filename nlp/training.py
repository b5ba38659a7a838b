"""Fit the scikit-learn model on labelled rows and measure it honestly.

The estimator is a plain scikit-learn pipeline over ``doc_features`` tokens:
sublinear tf-idf, then one sigmoid-calibrated logistic regression per label.
Decision thresholds are chosen per label on out-of-fold predictions of the
training rows only; the test split is scored once, at the end.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, cross_val_predict
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline

from nlp.dataset import LabelledRow
from nlp.features import pass_through
from nlp.labels import LABELS
from nlp.metrics import best_thresholds, multilabel_report
from nlp.scorer import LinearScorer


@dataclass(frozen=True)
class TrainConfig:
    """Hyper-parameters, recorded in meta.json.

    Values were picked by cross-validation on the train split (never the test
    split): C between 1 and 10 changed CV macro-F1 by under a point.
    """

    C: float = 4.0
    min_df: int = 2
    calibration_folds: int = 5
    threshold_folds: int = 5
    seed: int = 13


@dataclass
class TrainResult:
    pipeline: Pipeline
    scorer: LinearScorer
    thresholds: list[float]
    cv_metrics: dict
    test_metrics: dict | None
    seconds: float
    config: TrainConfig = field(default_factory=TrainConfig)


def make_estimator(config: TrainConfig) -> Pipeline:
    return Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(analyzer=pass_through, sublinear_tf=True, min_df=config.min_df, dtype=np.float64),
            ),
            (
                "clf",
                OneVsRestClassifier(
                    CalibratedClassifierCV(
                        LogisticRegression(C=config.C, class_weight="balanced", max_iter=5000),
                        method="sigmoid",
                        cv=config.calibration_folds,
                        ensemble=False,
                    )
                ),
            ),
        ]
    )


def flatten(pipeline: Pipeline) -> LinearScorer:
    """The fitted pipeline as arrays (see ``LinearScorer``)."""
    tfidf: TfidfVectorizer = pipeline.named_steps["tfidf"]
    coefs, intercepts, slopes, offsets = [], [], [], []
    for calibrated in pipeline.named_steps["clf"].estimators_:
        (member,) = calibrated.calibrated_classifiers_
        (sigmoid,) = member.calibrators
        coefs.append(member.estimator.coef_[0])
        intercepts.append(member.estimator.intercept_[0])
        slopes.append(sigmoid.a_)
        offsets.append(sigmoid.b_)
    return LinearScorer(
        vocabulary={token: int(i) for token, i in tfidf.vocabulary_.items()},
        idf=tfidf.idf_.astype(np.float64),
        coef=np.column_stack(coefs),
        intercept=np.array(intercepts),
        calibration_a=np.array(slopes, dtype=np.float64),
        calibration_b=np.array(offsets, dtype=np.float64),
    )


def train(
    features: Sequence[list[str]],
    labels: np.ndarray,
    *,
    test_features: Sequence[list[str]] | None = None,
    test_labels: np.ndarray | None = None,
    config: TrainConfig = TrainConfig(),
    progress: Callable[[str], None] = lambda step: None,
) -> TrainResult:
    """Cross-validate, pick thresholds, fit on all training rows, score the test rows."""
    started = time.perf_counter()
    features = list(features)
    progress("cross-validating")
    folds = KFold(n_splits=config.threshold_folds, shuffle=True, random_state=config.seed)
    out_of_fold = cross_val_predict(make_estimator(config), features, labels, cv=folds, method="predict_proba")
    thresholds = best_thresholds(labels, out_of_fold)
    cv_metrics = multilabel_report(labels, out_of_fold >= np.array(thresholds))
    progress("fitting")
    pipeline = make_estimator(config).fit(features, labels)
    scorer = flatten(pipeline)
    test_metrics = None
    if test_features is not None and test_labels is not None and len(test_labels):
        progress("scoring the test split")
        predicted = scorer.predict_proba(list(test_features)) >= np.array(thresholds)
        test_metrics = multilabel_report(test_labels, predicted)
    return TrainResult(pipeline, scorer, thresholds, cv_metrics, test_metrics, time.perf_counter() - started, config)


def label_matrix(rows: Sequence[LabelledRow]) -> np.ndarray:
    return np.array([row.labels for row in rows], dtype=np.int64).reshape(len(rows), len(LABELS))
