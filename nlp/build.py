"""Labelled CSV(s) -> a model directory: what ``horsemen train`` and the default model run."""

from __future__ import annotations

import hashlib
import time
from dataclasses import asdict
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from nlp.dataset import BUILTIN_DATA, LabelledRow, file_sha256, read_labelled
from nlp.features import doc_features
from nlp.labels import LABELS
from nlp.model import MODEL_FORMAT, PIPELINE_FILE, SCORER_FILE, feature_fingerprint, library_versions, save_model
from nlp.pipeline import build_pipeline


def featurize(texts: Sequence[str]) -> list[list[str]]:
    lang = build_pipeline()
    return [doc_features(doc, text) for doc, text in zip(lang.pipe(texts, batch_size=512), texts)]


def merge_rows(builtin: Sequence[LabelledRow], user: Sequence[LabelledRow]) -> list[LabelledRow]:
    """Built-in rows plus the user's; for a text in both, the user's row wins."""
    user_texts = {row.text.strip() for row in user}
    return [row for row in builtin if row.text.strip() not in user_texts] + list(user)


def build_model(
    csv_path: str | Path,
    out_dir: str | Path,
    *,
    include_builtin: bool = True,
    progress: Callable[[str], None] = lambda step: None,
) -> dict:
    """Train on ``csv_path`` (plus the built-in data unless told not to) and write ``out_dir``.

    Rows whose split is ``test`` are held out and scored once; all others train.
    Returns the meta.json content.
    """
    from joblib import dump

    from nlp.training import TrainConfig, label_matrix, train

    started = time.perf_counter()
    csv_path = Path(csv_path)
    progress("validating data")
    rows = read_labelled(csv_path)
    is_builtin = csv_path.resolve() == BUILTIN_DATA.resolve()
    sources = [{"path": "built-in" if is_builtin else str(csv_path), "sha256": file_sha256(csv_path), "rows": len(rows)}]
    if include_builtin and not is_builtin:
        builtin = read_labelled(BUILTIN_DATA)
        sources.insert(0, {"path": "built-in", "sha256": file_sha256(BUILTIN_DATA), "rows": len(builtin)})
        rows = merge_rows(builtin, rows)
    train_rows = [row for row in rows if row.split != "test"]
    test_rows = [row for row in rows if row.split == "test"]
    progress(f"featurizing {len(rows)} messages")
    features = featurize([row.text for row in rows])
    train_features = [f for f, row in zip(features, rows) if row.split != "test"]
    test_features = [f for f, row in zip(features, rows) if row.split == "test"]
    config = TrainConfig()
    result = train(
        train_features,
        label_matrix(train_rows),
        test_features=test_features,
        test_labels=label_matrix(test_rows) if test_rows else None,
        config=config,
        progress=progress,
    )
    meta = {
        "format": MODEL_FORMAT,
        "labels": list(LABELS),
        "thresholds": dict(zip(LABELS, result.thresholds)),
        "metrics": {"cv": result.cv_metrics, "test": result.test_metrics},
        "data": {
            "sha256": _combined_sha256(sources),
            "sources": sources,
            "train_rows": len(train_rows),
            "test_rows": len(test_rows),
        },
        "config": asdict(config),
        "feature_fingerprint": feature_fingerprint(),
        "vocabulary_size": len(result.scorer.vocabulary),
        "versions": library_versions(),
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "training_seconds": round(time.perf_counter() - started, 1),
    }
    progress("writing the model")
    save_model(
        out_dir,
        {SCORER_FILE: result.scorer.save, PIPELINE_FILE: lambda path: dump(result.pipeline, path)},
        meta,
    )
    return meta


def _combined_sha256(sources: list[dict]) -> str:
    """One source: its file hash (what the default model's freshness check compares)."""
    if len(sources) == 1:
        return sources[0]["sha256"]
    return hashlib.sha256("".join(source["sha256"] for source in sources).encode()).hexdigest()
