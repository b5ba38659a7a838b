"""Model directories, their meta, compatibility, and the model home (ModelStore)."""

from __future__ import annotations

import json
import os
import shutil

import numpy as np
import pytest

from nlp.errors import ModelError
from nlp.store import (
    META_FILE,
    SCORER_FILE,
    ModelStore,
    incompatibility,
    load_model,
    read_meta,
    save_model,
)


def test_flattened_scorer_equals_the_sklearn_pipeline(small_csv):
    """The arrays used at run time give the fitted pipeline's probabilities, batch and single message alike."""
    from nlp.training.data import label_matrix, read_labelled
    from nlp.training.estimator import (
        TrainConfig,
        featurize,
        flatten,
        make_estimator,
        with_any_column,
    )

    rows = read_labelled(small_csv)[:400]
    features = featurize([row.text for row in rows])
    pipeline = make_estimator(TrainConfig()).fit(features, with_any_column(label_matrix(rows)))
    scorer = flatten(pipeline)
    probe = features[:200] + [[], ["never-seen-token"]]
    np.testing.assert_allclose(scorer.predict_proba(probe), pipeline.predict_proba(probe), atol=1e-12)
    # One message alone takes the plain-Python path; it must agree with the batch path.
    alone = np.vstack([scorer.predict_proba([tokens]) for tokens in probe[:50] + probe[-2:]])
    np.testing.assert_allclose(alone, pipeline.predict_proba(probe[:50] + probe[-2:]), atol=1e-12)


def test_model_meta_records_what_was_trained(small_model):
    meta = read_meta(small_model)
    assert set(meta.thresholds) == {"criticism", "contempt", "defensiveness", "stonewalling", "any"}
    assert all(0 < t < 1 for t in meta.thresholds.values())
    assert meta.metrics["cv"]["n"] == meta.data["train_rows"]
    assert meta.metrics["test"]["n"] == meta.data["test_rows"]
    assert {"scikit-learn", "spacy", "python"} <= set(meta.versions)
    assert len(meta.data["sha256"]) == 64
    assert incompatibility(meta) is None
    assert sorted(path.name for path in small_model.iterdir()) == [META_FILE, SCORER_FILE]  # no pickle


def test_model_missing_directory_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="no model directory"):
        load_model(tmp_path / "nothing")


@pytest.mark.parametrize("content", ["{not json", "{}", '{"schema_version": "three"}'])
def test_model_corrupt_meta_is_a_clear_error(small_model, tmp_path, content):
    broken = shutil.copytree(small_model, tmp_path / "broken")
    (broken / META_FILE).write_text(content)
    with pytest.raises(ModelError, match="corrupt"):
        load_model(broken)


def test_model_corrupt_scorer_is_a_clear_error(small_model, tmp_path):
    broken = shutil.copytree(small_model, tmp_path / "broken")
    (broken / SCORER_FILE).write_bytes(b"\x00garbage" * 100)
    with pytest.raises(ModelError, match="corrupt model file"):
        load_model(broken)


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("rules_fingerprint", "0000", "different cue rules"),
        ("feature_format", 0, "feature format 0"),
        ("schema_version", 2, "schema 2"),
    ],
)
def test_model_made_for_other_features_or_rules_is_refused(small_model, tmp_path, field, value, message):
    foreign = shutil.copytree(small_model, tmp_path / "foreign")
    meta = json.loads((foreign / META_FILE).read_text())
    meta[field] = value
    (foreign / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(ModelError, match=message):
        load_model(foreign)


def test_model_save_is_atomic(small_model, tmp_path):
    model = load_model(small_model)
    target = tmp_path / "m"
    save_model(target, model.scorer, model.meta)

    class Broken:
        def save(self, path):
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        save_model(target, Broken(), model.meta)
    assert load_model(target).meta == model.meta
    assert [p.name for p in tmp_path.iterdir()] == ["m"]


def test_store_loads_the_model_in_use_and_never_trains(small_model, tmp_path):
    store = ModelStore(tmp_path / "home")
    with pytest.raises(ModelError, match="not built yet"):
        store.load()  # a fresh home: loading says how to build, it does not build
    assert not store.default_path.exists()
    shutil.copytree(small_model, store.path("mine"))
    store.use("mine")
    assert store.active_name() == "mine"
    assert store.load().meta == read_meta(small_model)
    assert [(v.name, v.active, v.status) for v in store.versions()] == [
        ("default", False, "not built yet"),
        ("mine", True, "ready"),
    ]


def test_store_home_comes_from_the_environment_once(tmp_path, monkeypatch):
    monkeypatch.setenv("HORSEMEN_HOME", str(tmp_path / "elsewhere"))
    store = ModelStore.from_environment()
    monkeypatch.setenv("HORSEMEN_HOME", str(tmp_path / "changed"))
    assert store.home == tmp_path / "elsewhere"
    assert store.user_data_path == tmp_path / "elsewhere" / "user-data.json"


def test_default_model_is_rebuilt_when_data_or_recipe_change(small_model, tmp_path, monkeypatch):
    from nlp.training import train

    store = ModelStore(tmp_path / "home")
    assert not train.default_model_is_current(store)
    shutil.copytree(small_model, store.default_path)
    monkeypatch.setattr("nlp.training.data.BUILTIN_SLICES", ())
    monkeypatch.setattr(train, "builtin_sha256", lambda: read_meta(small_model).data["sha256"])
    assert train.default_model_is_current(store)
    monkeypatch.setattr(train, "RECIPE", train.RECIPE + 1)
    assert not train.default_model_is_current(store)
    monkeypatch.setattr(train, "RECIPE", train.RECIPE - 1)
    monkeypatch.setattr(train, "builtin_sha256", lambda: "another-data-hash")
    assert not train.default_model_is_current(store)


def test_a_model_that_cannot_be_read_back_is_never_saved(small_model, tmp_path, monkeypatch):
    """The old vocabulary format dropped a trailing NUL ("word\\0" -> "word"): the model was listed as ready but
    could never be loaded. Every new model is now loaded once before it takes anyone's place."""
    from nlp.scorer import LinearScorer

    model = load_model(small_model)
    store = ModelStore(tmp_path / "home")
    save_model(store.path("kept"), model.scorer, model.meta)

    def lossy_save(scorer, path):  # what save did before: fixed-width text, trailing NULs dropped
        words = sorted(scorer.vocabulary, key=scorer.vocabulary.__getitem__)
        np.savez(path, words=np.array(words, dtype=str), idf=scorer.idf, coef=scorer.coef, intercept=scorer.intercept,
                 calibration_a=scorer.calibration_a, calibration_b=scorer.calibration_b)

    monkeypatch.setattr(LinearScorer, "save", lossy_save)
    vocabulary = dict(model.scorer.vocabulary)
    first, second = list(vocabulary)[:2]
    vocabulary[first + "\x00"] = vocabulary.pop(second)  # written as a second "first"
    with_nul = LinearScorer(vocabulary, model.scorer.idf, model.scorer.coef, model.scorer.intercept,
                            model.scorer.calibration_a, model.scorer.calibration_b)
    with pytest.raises(ModelError, match="could not be read back, so it was not saved"):
        save_model(store.path("broken"), with_nul, model.meta)
    with pytest.raises(ModelError, match="could not be read back"):
        save_model(store.path("kept"), with_nul, model.meta)
    assert load_model(store.path("kept")).meta == model.meta
    assert [(v.name, v.status) for v in store.versions()] == [("default", "not built yet"), ("kept", "ready")]
    assert sorted(p.name for p in store.home.iterdir() if not p.name.startswith(".")) == ["kept"]


@pytest.mark.parametrize("name", [META_FILE, SCORER_FILE])
def test_a_model_file_that_is_a_fifo_is_refused_without_opening_it(small_model, tmp_path, name):
    odd = shutil.copytree(small_model, tmp_path / "odd")
    (odd / name).unlink()
    os.mkfifo(odd / name)
    with pytest.raises(ModelError, match="is a named pipe"):
        load_model(odd)
