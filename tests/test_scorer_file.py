"""scorer.npz: every word comes back exactly, and a damaged or hostile file is refused before it costs memory."""

from __future__ import annotations

import tracemalloc
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.scorer import LinearScorer, ScorerFileError

N_LABELS = 5


def scorer_of(words: list[str]) -> LinearScorer:
    n = len(words)
    rng = np.random.default_rng(0)
    return LinearScorer(
        {word: i for i, word in enumerate(words)}, rng.random(n), rng.random((n, N_LABELS)),
        rng.random(N_LABELS), rng.random(N_LABELS), rng.random(N_LABELS),
    )


def test_words_ending_in_nul_survive_saving(tmp_path):
    """numpy's text arrays drop trailing NULs: "word\\0" came back as "word", and the model could not be loaded."""
    words = ["word", "word\x00", "\x00", "a\x00\x00", "é", "", "two words", "\ud800"]
    scorer_of(words).save(tmp_path / "scorer.npz")
    loaded = LinearScorer.load(tmp_path / "scorer.npz")
    assert loaded.vocabulary == {word: i for i, word in enumerate(words)}


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(), unique=True, max_size=30))
def test_any_vocabulary_survives_saving(tmp_path_factory, words):
    path = tmp_path_factory.mktemp("scorer") / "scorer.npz"
    original = scorer_of(words)
    original.save(path)
    loaded = LinearScorer.load(path)
    assert loaded.vocabulary == original.vocabulary
    np.testing.assert_array_equal(loaded.coef, original.coef)


def write_npz(path, arrays: dict, declared: dict | None = None, compression=zipfile.ZIP_STORED):
    """An npz whose headers may declare shapes (``declared``) other than the data that follows them."""
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, array in arrays.items():
            with archive.open(name + ".npy", "w") as member:
                if declared and name in declared:
                    header = {"descr": array.dtype.str, "fortran_order": False, "shape": declared[name]}
                    np.lib.format.write_array_header_1_0(member, header)
                    member.write(array.tobytes())
                else:
                    np.lib.format.write_array(member, array)
    return path


def saved_arrays(tmp_path) -> dict:
    scorer_of(["a", "b", "c"]).save(tmp_path / "good.npz")
    with np.load(tmp_path / "good.npz") as arrays:
        return {name: arrays[name] for name in arrays.files}


def test_an_array_declared_larger_than_the_file_is_refused_before_it_is_allocated(tmp_path):
    arrays = saved_arrays(tmp_path)
    path = write_npz(tmp_path / "scorer.npz", arrays, declared={"coef": (1 << 26, N_LABELS)})  # 2.5 GiB declared
    tracemalloc.start()
    try:
        with pytest.raises(ScorerFileError, match="coef declares 2,684,354,560 bytes of data, more than the file holds"):
            LinearScorer.load(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 << 20


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda a: {**a, "idf": a["idf"][:2]}, "shapes do not match"),
        (lambda a: {**a, "coef": a["coef"].astype(np.float32)}, "expected 2-d float64"),
        (lambda a: {**a, "extra": a["idf"]}, "unexpected entry 'extra.npy'"),
        (lambda a: {k: v for k, v in a.items() if k != "intercept"}, "expected"),
        (lambda a: {**a, "vocabulary_ends": a["vocabulary_ends"][::-1].copy()}, "out of order"),
        (lambda a: {**a, "vocabulary_utf8": np.frombuffer(b"\xff\xfe\xfd", dtype=np.uint8)}, "not valid UTF-8"),
    ],
    ids=["short idf", "float32 coef", "extra entry", "missing entry", "ends out of order", "not UTF-8"],
)
def test_a_file_not_as_save_writes_it_is_refused_with_the_reason(tmp_path, change, message):
    path = write_npz(tmp_path / "scorer.npz", change(saved_arrays(tmp_path)))
    with pytest.raises(ScorerFileError, match=message):
        LinearScorer.load(path)


def test_a_compressed_file_is_refused(tmp_path):
    path = write_npz(tmp_path / "scorer.npz", saved_arrays(tmp_path), compression=zipfile.ZIP_DEFLATED)
    with pytest.raises(ScorerFileError, match="compressed"):
        LinearScorer.load(path)


def test_models_saved_before_the_utf8_vocabulary_still_load(tmp_path):
    arrays = saved_arrays(tmp_path)
    del arrays["vocabulary_utf8"], arrays["vocabulary_ends"]
    path = write_npz(tmp_path / "scorer.npz", {"words": np.array(["a", "b", "c"]), **arrays})
    assert LinearScorer.load(path).vocabulary == {"a": 0, "b": 1, "c": 2}
