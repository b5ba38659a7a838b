"""Training, persistence and the default model's life cycle."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from nlp.errors import ModelError
from nlp.model import META_FILE, SCORER_FILE, default_model_is_fresh, load_model, save_model


def test_model_scorer_equals_the_sklearn_pipeline(small_model, small_csv):
    """The flattened scorer used at run time gives the fitted pipeline's probabilities."""
    from joblib import load

    from nlp.build import featurize
    from nlp.dataset import read_labelled

    texts = [row.text for row in read_labelled(small_csv)][:200]
    features = featurize(texts)
    pipeline = load(small_model / "pipeline.joblib")
    model = load_model(small_model)
    expected = pipeline.predict_proba(features)
    np.testing.assert_allclose(model.scorer.predict_proba(features), expected, atol=1e-12)
    # One message alone takes the plain-Python path; it must agree with the batch path.
    alone = np.vstack([model.scorer.predict_proba([tokens]) for tokens in features[:50] + [[], ["never-seen-token"]]])
    np.testing.assert_allclose(alone, pipeline.predict_proba(features[:50] + [[], ["never-seen-token"]]), atol=1e-12)


def test_model_meta_records_what_was_trained(small_model):
    meta = json.loads((small_model / META_FILE).read_text())
    assert set(meta["thresholds"]) == {"criticism", "contempt", "defensiveness", "stonewalling", "any"}
    assert all(0 < t < 1 for t in meta["thresholds"].values())
    assert meta["metrics"]["cv"]["n"] == meta["data"]["train_rows"]
    assert meta["metrics"]["test"]["n"] == meta["data"]["test_rows"]
    assert {"scikit-learn", "spacy", "python"} <= set(meta["versions"])
    assert len(meta["data"]["sha256"]) == 64


def test_model_missing_directory_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="no model directory"):
        load_model(tmp_path / "nothing")


def test_model_corrupt_meta_is_a_clear_error(small_model, tmp_path):
    broken = shutil.copytree(small_model, tmp_path / "broken")
    (broken / META_FILE).write_text("{not json")
    with pytest.raises(ModelError, match="corrupt"):
        load_model(broken)


def test_model_corrupt_scorer_is_a_clear_error(small_model, tmp_path):
    broken = shutil.copytree(small_model, tmp_path / "broken")
    (broken / SCORER_FILE).write_bytes(b"\x00garbage" * 100)
    with pytest.raises(ModelError, match="corrupt model file"):
        load_model(broken)


def test_model_from_other_rules_is_refused(small_model, tmp_path):
    foreign = shutil.copytree(small_model, tmp_path / "foreign")
    meta = json.loads((foreign / META_FILE).read_text())
    meta["feature_fingerprint"] = "0000"
    (foreign / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="different cue rules"):
        load_model(foreign)


def test_model_save_is_atomic(tmp_path):
    target = tmp_path / "m"
    save_model(target, {"a.txt": lambda p: p.write_text("old")}, {"format": 1})

    def crash(path):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        save_model(target, {"a.txt": crash}, {"format": 1})
    assert (target / "a.txt").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["m"]


def test_default_model_is_rebuilt_for_another_sklearn(small_model, tmp_path):
    copy = shutil.copytree(small_model, tmp_path / "copy")
    meta = json.loads((copy / META_FILE).read_text())
    sha = meta["data"]["sha256"]
    assert default_model_is_fresh(copy, sha)
    meta["versions"]["scikit-learn"] = "0.1"
    (copy / META_FILE).write_text(json.dumps(meta))
    assert not default_model_is_fresh(copy, sha)
    assert not default_model_is_fresh(copy, "another-data-hash")
