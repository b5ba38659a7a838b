"""Labelled rows -> a model directory: what ``horsemen train`` and the built-in model run.

Training fits the estimator on the training rows (``nlp.training.estimator``),
then scores the held-out rows once through the analyzer, the same path every
message takes in use, and writes the scorer with its ``ModelMeta``. The
built-in model is the same recipe on the built-in data only; it is built as an
explicit step (``ensure_default_model``), never as a side effect of loading.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import numpy as np

from nlp.errors import ModelError
from nlp.features import FEATURE_FORMAT
from nlp.labels import DEFAULT_SENSITIVITY, LABELS, OUTPUTS
from nlp.scorer import decide
from nlp.store import (
    META_SCHEMA,
    Model,
    ModelMeta,
    ModelStore,
    incompatibility,
    library_versions,
    read_meta,
    rules_fingerprint,
    save_model,
    utc_now,
)
from nlp.training.data import (
    TrainingData,
    builtin_sha256,
    check_enough_examples,
    collect_rows,
    contribution_from_csv,
    is_builtin,
    label_matrix,
)
from nlp.training.metrics import false_alarms, multilabel_report, with_intervals

if TYPE_CHECKING:  # the estimator module imports scikit-learn: only training pays for it
    from nlp.training.estimator import FittedEstimator

# Bump when how the built-in model is trained changes (estimator, thresholds,
# data layering): a default model built by another recipe is rebuilt.
RECIPE = 3  # 2: the normal level's false-alarm budget is 2%; 3: real rows weighted (domain_weights)


@dataclass
class TrainedModel:
    """A fitted model with its held-out scores, before it is written anywhere."""

    data: TrainingData
    fitted: "FittedEstimator"
    heldout_scores: np.ndarray  # (n_heldout, len(OUTPUTS)), through the analyzer
    test_metrics: dict | None  # all held-out rows at the default sensitivity, and per slice and sensitivity
    seconds: float

    @property
    def thresholds(self) -> np.ndarray:
        return np.array(self.fitted.thresholds, dtype=np.float64)

    def meta(self, comparison: dict | None = None) -> ModelMeta:
        data, fitted = self.data, self.fitted
        return ModelMeta(
            schema_version=META_SCHEMA,
            feature_format=FEATURE_FORMAT,
            rules_fingerprint=rules_fingerprint(),
            labels=list(LABELS),
            operating_points={level: dict(zip(OUTPUTS, point)) for level, point in fitted.operating_points.items()},
            metrics={"cv": fitted.cv_metrics, "test": self.test_metrics},
            data={
                "sha256": data.sha256,
                "sources": data.sources,
                "train_rows": len(data.train),
                "test_rows": len(data.heldout),
                "user_test_rows": data.user_heldout,
                "duplicates_dropped": data.duplicates,
                "conflicts_resolved": len(data.conflicts),
            },
            trained_on=data.fingerprints(),
            config=asdict(fitted.config),
            recipe=RECIPE,
            vocabulary_size=len(fitted.scorer.vocabulary),
            versions=library_versions(),
            trained_at=utc_now(),
            training_seconds=round(self.seconds, 1),
            comparison=comparison,
        )


def heldout_scores(model: Model, data: TrainingData) -> np.ndarray:
    """Scores of the held-out rows by ``model``, through the analyzer."""
    from nlp.analyzer import Analyzer

    return Analyzer(model).scores(row.text for row in data.heldout)


def fit(data: TrainingData, progress: Callable[[str], None] = lambda step: None) -> TrainedModel:
    """Featurize and fit the training rows, then score the held-out rows once."""
    check_enough_examples(data.train)
    from threadpoolctl import threadpool_limits

    from nlp.training.estimator import TrainConfig, featurize, fit_estimator

    started = time.perf_counter()
    progress(f"featurizing {len(data.train)} messages")
    features = featurize([row.text for row in data.train])
    labels = label_matrix(data.train)
    real = np.array([source in data.budgeted_slices for source in data.train_slices], dtype=bool)
    # Many small solver runs: multi-threaded BLAS only adds contention here
    # (measured 3 to 10 times slower on a busy 2-core machine).
    with threadpool_limits(limits=1, user_api="blas"):
        fitted = fit_estimator(features, labels, real=real, config=TrainConfig(), progress=progress)
    progress("scoring the held-out rows")
    candidate = Model(None, fitted.scorer, {k: np.array(v) for k, v in fitted.operating_points.items()}, None)
    scores = heldout_scores(candidate, data)
    test_metrics = heldout_metrics(data, scores, candidate.operating_points) if data.heldout else None
    return TrainedModel(data, fitted, scores, test_metrics, time.perf_counter() - started)


def heldout_metrics(data: TrainingData, scores: np.ndarray, points: dict[str, np.ndarray]) -> dict:
    """All held-out rows at the default sensitivity, plus each slice at each sensitivity.

    Each slice's report carries counts, 95% intervals and false alarms on its
    benign messages: on real text, where few messages show a pattern, those say
    more than F1.
    """
    truth = label_matrix(data.heldout)
    report = multilabel_report(truth, decide(scores, points[DEFAULT_SENSITIVITY]))
    slices = {}
    for source in dict.fromkeys(data.heldout_slices):
        rows = np.array([s == source for s in data.heldout_slices])
        slices[slice_name(source)] = {
            level: slice_report(truth[rows], decide(scores[rows], thresholds)) for level, thresholds in points.items()
        }
    return {**report, "slices": slices}


def slice_report(truth: np.ndarray, flags: np.ndarray) -> dict:
    return {**with_intervals(multilabel_report(truth, flags), truth, flags), "false_alarms": false_alarms(truth, flags)}


YOURS = "yours"


def slice_name(source: str) -> str:
    """``built-in/real`` -> ``real``; a user's contribution -> ``yours``."""
    return source.split("/", 1)[1] if is_builtin(source) else YOURS


def train_model(
    csv_path: str | Path | None,
    out_dir: str | Path,
    *,
    include_builtin: bool = True,
    progress: Callable[[str], None] = lambda step: None,
) -> ModelMeta:
    """Train on ``csv_path`` plus the built-in data (unless told not to) and write ``out_dir``.

    No comparison and no user data store: the plain recipe, which the built-in
    model is built with too. Returns the model's meta.
    """
    progress("validating data")
    contributions = [contribution_from_csv(csv_path)] if csv_path is not None else []
    trained = fit(collect_rows(contributions, include_builtin=include_builtin), progress)
    meta = trained.meta()
    progress("writing the model")
    save_model(out_dir, trained.fitted.scorer, meta)
    return meta


def default_model_is_current(store: ModelStore) -> bool:
    """The store's built-in model exists, fits this code, and was built from this data by this recipe."""
    try:
        meta = read_meta(store.default_path)
    except ModelError:
        return False
    return incompatibility(meta) is None and meta.recipe == RECIPE and meta.data.get("sha256") == builtin_sha256()


def build_default_model(store: ModelStore | None = None, progress: Callable[[str], None] = lambda step: None) -> Path:
    """Build the built-in model into ``store`` (the environment's model home by default); about 30 s."""
    store = store or ModelStore.from_environment()
    with store.lock(lambda: progress("waiting for another process writing to the model home")):
        train_model(None, store.default_path, progress=progress)
    return store.default_path


def ensure_default_model(store: ModelStore, progress: Callable[[str], None] = lambda step: None) -> bool:
    """Build the built-in model when it is missing or stale; True when it was built.

    Two processes that find it missing at once build it once: the second waits
    for the first and then finds it current.
    """
    if default_model_is_current(store):
        return False
    with store.lock(lambda: progress("waiting for another process building it")):
        if default_model_is_current(store):
            return False
        build_default_model(store, progress)
    return True
