"""Labelled CSV(s) -> a model directory: what ``horsemen train`` and the default model run.

Rows come in layers: the built-in data set, then the user's CSV, then the
feedback file. A later layer's row for the same text replaces the earlier one
when the labels differ (the user knows their own messages best) and is dropped
as a duplicate when they agree. Each row is then either fitted or held out:
built-in rows keep their ``split``, a user's row keeps an explicit ``split``
or is held out when a hash of its text says so. Hashing the text (not the row
number or a random draw) holds out the same messages in every training, so a
new model and the one it would replace are always compared on rows neither
has seen.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

import numpy as np

from nlp.dataset import (
    BUILTIN_DATA,
    LabelledRow,
    Problem,
    file_sha256,
    find_problems,
    raise_problems,
    read_labelled,
)
from nlp.errors import DataError
from nlp.features import doc_features
from nlp.labels import LABELS, OUTPUTS
from nlp.model import (
    MODEL_FORMAT,
    PIPELINE_FILE,
    SCORER_FILE,
    feature_fingerprint,
    library_versions,
    recipe_fingerprint,
    save_model,
)
from nlp.pipeline import build_pipeline

if TYPE_CHECKING:
    from nlp.training import TrainConfig, TrainResult

BUILTIN = "built-in"
FEEDBACK = "feedback"
USER_HOLDOUT_PERCENT = 20
# Fewer examples than this of a pattern (or of its absence) cannot be
# cross-validated and calibrated: every fold needs some of each.
MIN_EXAMPLES_PER_OUTPUT = 8


@dataclass(frozen=True)
class Conflict:
    """A user's row whose labels differ from an earlier layer's row with the same text."""

    source: str
    line: int
    replaced_source: str
    replaced_line: int
    before: tuple[int, ...]
    after: tuple[int, ...]

    def changes(self) -> str:
        """'criticism 1->0, contempt 0->1': what the user's row changed."""
        return ", ".join(
            f"{label} {old}->{new}" for label, old, new in zip(LABELS, self.before, self.after) if old != new
        )


@dataclass
class TrainingData:
    """What a model is fitted on, what it is held out on, and how the layers were merged."""

    train: list[LabelledRow]
    heldout: list[LabelledRow]
    heldout_is_user: list[bool]
    sources: list[dict]
    duplicates: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    unlabelled: int = 0

    @property
    def user_heldout(self) -> int:
        return sum(self.heldout_is_user)


@dataclass
class Fitted:
    data: TrainingData
    result: "TrainResult"
    heldout_features: list[list[str]]
    config: "TrainConfig"
    seconds: float


def featurize(texts: Sequence[str], advance: Callable[[int], None] = lambda done: None) -> list[list[str]]:
    """Feature tokens per text; ``advance(1)`` after each, for a progress bar."""
    lang = build_pipeline()
    features = []
    for doc, text in zip(lang.pipe(texts, batch_size=512), texts):
        features.append(doc_features(doc, text))
        advance(1)
    return features


def holdout_by_hash(text: str) -> bool:
    """The same text is held out (or not) in every training, whatever file it comes from."""
    digest = hashlib.sha256(text.strip().encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 100 < USER_HOLDOUT_PERCENT


def read_user_rows(path: str | Path) -> tuple[list[LabelledRow], int]:
    """A user's labelled CSV, minus rows with every label cell left blank (not labelled yet).

    A CSV from ``horsemen queue`` arrives with empty label columns; rows the
    user has not got to yet are skipped instead of failing the whole file.
    Returns the rows and how many were skipped.
    """
    rows, problems, unlabelled = find_problems(path, skip_unlabelled=True)
    if not rows and not problems:
        problems = [Problem(None, "no labelled rows yet: fill each of " + ", ".join(LABELS) + " with 0 or 1")]
    if problems:
        raise_problems(path, problems)
    return rows, unlabelled


def merge_rows(
    layers: Sequence[tuple[str, Sequence[LabelledRow]]],
) -> tuple[list[tuple[str, LabelledRow]], int, list[Conflict]]:
    """Stack (source, rows) layers; a later row for the same text wins only if its labels differ.

    Returns (source, row) pairs in first-seen order, the number of dropped
    duplicates and the conflicts resolved in favour of the later layer.
    """
    merged: dict[str, tuple[str, LabelledRow]] = {}
    duplicates = 0
    conflicts: list[Conflict] = []
    for source, rows in layers:
        for row in rows:
            key = row.text.strip()
            earlier = merged.get(key)
            if earlier is not None and earlier[1].labels == row.labels:
                duplicates += 1
                continue
            if earlier is not None:
                conflicts.append(Conflict(source, row.line, earlier[0], earlier[1].line, earlier[1].labels, row.labels))
            merged[key] = (source, row)
    return list(merged.values()), duplicates, conflicts


def collect_rows(
    csv_path: str | Path | None, *, include_builtin: bool = True, feedback: str | Path | None = None
) -> TrainingData:
    """Read, merge and split the layers; ``csv_path`` may be the built-in data itself."""
    csv_path = Path(csv_path) if csv_path is not None else None
    is_builtin = csv_path is not None and csv_path.resolve() == BUILTIN_DATA.resolve()
    layers: list[tuple[str, list[LabelledRow]]] = []
    sources: list[dict] = []
    unlabelled = 0
    if is_builtin or include_builtin:
        builtin = read_labelled(BUILTIN_DATA, require_split=True)
        layers.append((BUILTIN, builtin))
        sources.append({"path": BUILTIN, "sha256": file_sha256(BUILTIN_DATA), "rows": len(builtin)})
    if csv_path is not None and not is_builtin:
        user, unlabelled = read_user_rows(csv_path)
        layers.append((str(csv_path), [replace(row, split=row.split or _hashed_split(row)) for row in user]))
        sources.append({"path": str(csv_path), "sha256": file_sha256(csv_path), "rows": len(user)})
    if feedback is not None and Path(feedback).is_file():
        # Feedback corrects one message at a time: it is always fitted, or the correction would be lost.
        rows = [replace(row, split="train") for row in read_labelled(feedback)]
        layers.append((FEEDBACK, rows))
        sources.append({"path": FEEDBACK, "sha256": file_sha256(feedback), "rows": len(rows)})
    if not layers:
        raise DataError("nothing to train on: give a labelled CSV, or record feedback with `horsemen feedback`")
    merged, duplicates, conflicts = merge_rows(layers)
    train_rows = [row for _, row in merged if row.split != "test"]
    heldout = [(source, row) for source, row in merged if row.split == "test"]
    return TrainingData(
        train=train_rows,
        heldout=[row for _, row in heldout],
        heldout_is_user=[source != BUILTIN for source, _ in heldout],
        sources=sources,
        duplicates=duplicates,
        conflicts=conflicts,
        unlabelled=unlabelled,
    )


def fit(data: TrainingData, progress: Callable[[str], None] = lambda step: None) -> Fitted:
    """Featurize, cross-validate, fit and score the held-out rows once."""
    _check_enough_examples(data.train)
    from threadpoolctl import threadpool_limits

    from nlp.training import TrainConfig, label_matrix, train

    started = time.perf_counter()
    rows = data.train + data.heldout
    progress(f"featurizing {len(rows)} messages")
    features = featurize([row.text for row in rows])
    train_features, heldout_features = features[: len(data.train)], features[len(data.train) :]
    config = TrainConfig()
    # Many small solver runs: multi-threaded BLAS only adds contention here
    # (measured 3 to 10 times slower on a busy 2-core machine).
    with threadpool_limits(limits=1, user_api="blas"):
        result = train(
            train_features,
            label_matrix(data.train),
            test_features=heldout_features,
            test_labels=label_matrix(data.heldout) if data.heldout else None,
            config=config,
            progress=progress,
        )
    return Fitted(data, result, heldout_features, config, time.perf_counter() - started)


def model_meta(fitted: Fitted) -> dict:
    data, result = fitted.data, fitted.result
    return {
        "format": MODEL_FORMAT,
        "labels": list(LABELS),
        "thresholds": dict(zip(OUTPUTS, result.thresholds)),
        "metrics": {"cv": result.cv_metrics, "test": result.test_metrics},
        "data": {
            "sha256": _combined_sha256(data.sources),
            "sources": data.sources,
            "train_rows": len(data.train),
            "test_rows": len(data.heldout),
            "user_test_rows": data.user_heldout,
            "duplicates_dropped": data.duplicates,
            "conflicts_resolved": len(data.conflicts),
        },
        "config": asdict(fitted.config),
        "feature_fingerprint": feature_fingerprint(),
        "recipe_fingerprint": recipe_fingerprint(),
        "vocabulary_size": len(result.scorer.vocabulary),
        "versions": library_versions(),
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "training_seconds": round(fitted.seconds, 1),
    }


def write_model(out_dir: str | Path, fitted: Fitted, meta: dict) -> Path:
    from joblib import dump

    result = fitted.result
    return save_model(
        out_dir,
        {SCORER_FILE: result.scorer.save, PIPELINE_FILE: lambda path: dump(result.pipeline, path)},
        meta,
    )


def build_model(
    csv_path: str | Path,
    out_dir: str | Path,
    *,
    include_builtin: bool = True,
    progress: Callable[[str], None] = lambda step: None,
) -> dict:
    """Train on ``csv_path`` (plus the built-in data unless told not to) and write ``out_dir``.

    No comparison, no feedback: this is the plain recipe the default model is
    built with. Returns the meta.json content.
    """
    progress("validating data")
    fitted = fit(collect_rows(csv_path, include_builtin=include_builtin), progress)
    meta = model_meta(fitted)
    progress("writing the model")
    write_model(out_dir, fitted, meta)
    return meta


def _hashed_split(row: LabelledRow) -> str:
    return "test" if holdout_by_hash(row.text) else "train"


def _check_enough_examples(rows: Sequence[LabelledRow]) -> None:
    labels = np.array([row.labels for row in rows], dtype=bool).reshape(len(rows), len(LABELS))
    columns = np.column_stack([labels, labels.any(axis=1)])
    for output, positives in zip(OUTPUTS, columns.sum(axis=0).tolist()):
        negatives = len(rows) - positives
        if min(positives, negatives) < MIN_EXAMPLES_PER_OUTPUT:
            kind = "with" if positives < negatives else "without"
            raise DataError(
                f"too few training rows {kind} {output} ({min(positives, negatives)}; need at least "
                f"{MIN_EXAMPLES_PER_OUTPUT}): label more rows, or train with the built-in data (drop --no-base)"
            )


def _combined_sha256(sources: list[dict]) -> str:
    """One source: its file hash (what the default model's freshness check compares)."""
    if len(sources) == 1:
        return sources[0]["sha256"]
    return hashlib.sha256("".join(source["sha256"] for source in sources).encode()).hexdigest()
