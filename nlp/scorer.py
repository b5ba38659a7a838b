"""Score feature tokens with a fitted model flattened to plain numpy arrays.

The scikit-learn pipeline (tf-idf -> one-vs-rest -> sigmoid-calibrated logistic
regression) is linear up to the calibration, so after training it is flattened
into a vocabulary, idf weights, a coefficient matrix and per-label calibration
slopes. Scoring then needs neither scikit-learn nor pickle: loading a model is a
plain ``np.load`` (fast cold start, no code execution from the model file), and
a test pins that these scores equal the pipeline's ``predict_proba``. Batches
can also be scored from the spaCy ids of their words (``predict_proba_ids``),
which skips making and hashing a string for every word pair.
"""

from __future__ import annotations

import math
import zipfile
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, repeat
from pathlib import Path
from typing import Sequence

import numpy as np


@dataclass(frozen=True)
class LinearScorer:
    """Calibrated multi-label linear model over feature tokens.

    ``score = sigmoid(-(a * (x . w + b) + c))`` per label, where ``x`` is the
    sublinear, l2-normalised tf-idf vector of the tokens (what
    ``TfidfVectorizer(sublinear_tf=True)`` computes) and ``a, c`` are the Platt
    scaling parameters scikit-learn's ``_SigmoidCalibration`` learned.
    """

    vocabulary: dict[str, int]
    idf: np.ndarray  # (n_features,)
    coef: np.ndarray  # (n_features, n_labels)
    intercept: np.ndarray  # (n_labels,)
    calibration_a: np.ndarray  # (n_labels,)
    calibration_b: np.ndarray  # (n_labels,)

    def decision(self, token_lists: Sequence[list[str]]) -> np.ndarray:
        """Raw linear scores, shape (n_messages, n_labels), for a whole batch at once."""
        rows, columns = self._columns(token_lists)
        return self._decision(rows, columns, len(token_lists))

    def predict_proba_ids(self, word_ids: Sequence[np.ndarray], other_tokens: Sequence[list[str]]) -> np.ndarray:
        """``predict_proba`` for messages given as the ids of their word features plus their other tokens.

        Equal to ``predict_proba`` of ``words + word pairs + other_tokens`` (a
        test pins it), for a fraction of the cost: word pairs are looked up as
        pairs of ids in one numpy pass over the batch instead of being joined
        into strings and hashed one by one. ``word_ids[k]`` are the spaCy
        string ids of message k's ``features.message_words``.
        """
        word_rows, word_columns = self.ngrams.columns(word_ids)
        other_rows, other_columns = self._columns(other_tokens)
        rows, columns = np.concatenate([word_rows, other_rows]), np.concatenate([word_columns, other_columns])
        return self._calibrate(self._decision(rows, columns, len(word_ids)))

    @cached_property
    def ngrams(self) -> "NgramIndex":
        """The vocabulary's words and word pairs by spaCy string id; built on first use, in 30-50 ms."""
        return NgramIndex.of(self.vocabulary)

    def _columns(self, token_lists: Sequence[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """(message, column) of each token the model knows, in one C-level pass over the batch."""
        lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
        tokens = chain.from_iterable(token_lists)
        looked_up = np.fromiter(map(self.vocabulary.get, tokens, repeat(-1)), dtype=np.int64, count=lengths.sum())
        known = looked_up >= 0
        return np.repeat(np.arange(len(token_lists)), lengths)[known], looked_up[known]

    def _decision(self, rows: np.ndarray, columns: np.ndarray, n_rows: int) -> np.ndarray:
        n_features = len(self.vocabulary)
        out = np.tile(self.intercept, (n_rows, 1))
        if not len(columns):
            return out
        # Count each (message, feature) pair, then sublinear tf-idf with l2 norm per message.
        cells, counts = np.unique(rows * n_features + columns, return_counts=True)
        row_of, column_of = np.divmod(cells, n_features)
        weights = (1.0 + np.log(counts)) * self.idf[column_of]
        norms = np.sqrt(np.bincount(row_of, weights * weights, minlength=n_rows))
        weights /= norms[row_of]
        for label in range(self.coef.shape[1]):
            out[:, label] += np.bincount(row_of, weights * self.coef[column_of, label], minlength=n_rows)
        return out

    def predict_proba(self, token_lists: Sequence[list[str]]) -> np.ndarray:
        """Calibrated probability per label, shape (n_messages, n_labels)."""
        if len(token_lists) == 1:  # ``analyze``: for one message plain Python beats numpy's per-call overhead
            return self.message_proba(self.message_weights(token_lists[0]))[np.newaxis, :]
        return self._calibrate(self.decision(token_lists))

    def message_weights(self, tokens: list[str]) -> dict[int, float]:
        """Column -> tf-idf weight for one message, the same arithmetic as ``decision``.

        Plain Python: one chat message has a few dozen features, where numpy's
        per-call overhead would cost more than the arithmetic. Used to explain a
        score word by word and to check a single rewrite.
        """
        lookup = self.vocabulary.get
        counts: dict[int, int] = {}
        for token in tokens:
            column = lookup(token)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        idf = self._idf_values
        # Sublinear tf: a feature seen once weighs its idf (1 + log 1 = 1), the usual case.
        weights = {
            column: idf[column] if count == 1 else (1.0 + math.log(count)) * idf[column]
            for column, count in counts.items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {column: w / norm for column, w in weights.items()}

    @cached_property
    def _idf_values(self) -> list[float]:
        """``idf`` as a Python list: indexing it by one column is several times cheaper than indexing the array."""
        return self.idf.tolist()

    def message_proba(self, weights: dict[int, float]) -> np.ndarray:
        """Calibrated probability per label for one message, from its ``message_weights``."""
        decision = self.intercept.copy()
        if weights:
            decision += np.fromiter(weights.values(), dtype=np.float64, count=len(weights)) @ self.coef[list(weights)]
        return self._calibrate(decision)

    def _calibrate(self, decision: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(decision * self.calibration_a + self.calibration_b))

    def save(self, path: Path) -> None:
        """Write the model as plain arrays (``np.savez``: uncompressed, no pickle).

        The vocabulary is one UTF-8 string of all words plus where each ends, which
        keeps every word exactly: numpy's fixed-width text arrays drop trailing NUL
        characters, so a word ending in one would not come back.
        """
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        joined = "".join(words).encode("utf-8", "surrogatepass")
        with open(path, "wb") as handle:
            np.savez(
                handle,
                vocabulary_utf8=np.frombuffer(joined, dtype=np.uint8),
                vocabulary_ends=np.cumsum([len(word) for word in words], dtype=np.int64),
                idf=self.idf,
                coef=self.coef,
                intercept=self.intercept,
                calibration_a=self.calibration_a,
                calibration_b=self.calibration_b,
            )

    @classmethod
    def load(cls, path: Path) -> "LinearScorer":
        """Read a file written by ``save``; ``ScorerFileError`` says what is wrong with any other.

        Every array's declared type and shape is checked against the others and
        against the bytes the file really holds before any array is allocated,
        so a damaged or hostile file costs no more memory than its own size.
        """
        arrays = _read_arrays(path)
        if "words" in arrays:  # written before the vocabulary was stored as UTF-8 (it lost trailing NULs)
            words = arrays["words"].tolist()
        else:
            words = _split_words(arrays["vocabulary_utf8"], arrays["vocabulary_ends"])
        return cls(
            vocabulary={word: i for i, word in enumerate(words)},
            idf=arrays["idf"],
            coef=arrays["coef"],
            intercept=arrays["intercept"],
            calibration_a=arrays["calibration_a"],
            calibration_b=arrays["calibration_b"],
        )


class ScorerFileError(ValueError):
    """A scorer.npz that is damaged, or was not written by ``LinearScorer.save``."""


# Array name -> (dtype, number of dimensions) as ``save`` writes them; "words" is the older vocabulary.
_ARRAYS = {
    "vocabulary_utf8": (np.dtype(np.uint8), 1),
    "vocabulary_ends": (np.dtype(np.int64), 1),
    "words": (None, 1),  # fixed-width unicode, any width
    "idf": (np.dtype(np.float64), 1),
    "coef": (np.dtype(np.float64), 2),
    "intercept": (np.dtype(np.float64), 1),
    "calibration_a": (np.dtype(np.float64), 1),
    "calibration_b": (np.dtype(np.float64), 1),
}
_VOCABULARY = ({"vocabulary_utf8", "vocabulary_ends"}, {"words"})
_REST = {"idf", "coef", "intercept", "calibration_a", "calibration_b"}


def _read_arrays(path: Path) -> dict[str, np.ndarray]:
    with zipfile.ZipFile(path) as archive:
        headers = {}
        for info in archive.infolist():
            name = info.filename.removesuffix(".npy")
            if name not in _ARRAYS or name in headers:
                raise ScorerFileError(f"unexpected entry {info.filename!r}")
            if info.compress_type != zipfile.ZIP_STORED:
                raise ScorerFileError(f"{info.filename} is compressed; horsemen writes models uncompressed")
            with archive.open(info) as member:
                shape, dtype, header_size = _array_header(member, info.filename)
            headers[name] = (info, shape, dtype, header_size)
        _check_headers(headers, path)
        arrays = {}
        for name, (info, *_) in headers.items():
            with archive.open(info) as member:
                arrays[name] = np.lib.format.read_array(member, allow_pickle=False)
    return arrays


def _array_header(member, name: str) -> tuple[tuple[int, ...], np.dtype, int]:
    version = np.lib.format.read_magic(member)
    if version == (1, 0):
        shape, fortran_order, dtype = np.lib.format.read_array_header_1_0(member)
    elif version == (2, 0):
        shape, fortran_order, dtype = np.lib.format.read_array_header_2_0(member)
    else:
        raise ScorerFileError(f"{name}: unsupported array format version {version}")
    if fortran_order or dtype.hasobject:
        raise ScorerFileError(f"{name}: not a plain array")
    return shape, dtype, member.tell()


def _check_headers(headers: dict, path: Path) -> None:
    names = set(headers)
    if not any(names == vocabulary | _REST for vocabulary in _VOCABULARY):
        raise ScorerFileError(f"holds {', '.join(sorted(names))}; expected {', '.join(sorted(_VOCABULARY[0] | _REST))}")
    stored = 0
    for name, (info, shape, dtype, header_size) in headers.items():
        expected, dimensions = _ARRAYS[name]
        if len(shape) != dimensions or (dtype != expected if expected is not None else dtype.kind != "U"):
            raise ScorerFileError(f"{name} is a {len(shape)}-d {dtype} array; expected {dimensions}-d {expected or 'text'}")
        declared = math.prod(shape) * dtype.itemsize
        if declared > info.file_size - header_size:
            raise ScorerFileError(f"{name} declares {declared:,} bytes of data, more than the file holds")
        stored += info.compress_size
    if stored > path.stat().st_size:
        raise ScorerFileError("its entries declare more bytes than the file has")
    n_features = headers["idf"][1][0]
    n_labels = headers["intercept"][1][0]
    vocabulary = headers["words"][1] if "words" in headers else headers["vocabulary_ends"][1]
    expected_shapes = {"coef": (n_features, n_labels), "calibration_a": (n_labels,), "calibration_b": (n_labels,)}
    if vocabulary != (n_features,) or any(headers[name][1] != shape for name, shape in expected_shapes.items()):
        raise ScorerFileError("array shapes do not match each other")


def _split_words(utf8: np.ndarray, ends: np.ndarray) -> list[str]:
    try:
        joined = utf8.tobytes().decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        raise ScorerFileError("the vocabulary is not valid UTF-8") from None
    bounds = ends.tolist()
    if any(end < start for start, end in zip([0, *bounds], bounds)) or (bounds and bounds[-1] != len(joined)):
        raise ScorerFileError("the vocabulary's word ends are out of order")
    return [joined[start:end] for start, end in zip([0, *bounds], bounds)]


@dataclass(frozen=True)
class NgramIndex:
    """The model's word and word-pair columns, keyed by spaCy string ids instead of strings.

    ``words`` holds, sorted, the id of every vocabulary entry and of both halves
    of every way to split one at a space; a word's position there is its index.
    A pair of words is the vocabulary entry ``first + " " + second`` exactly
    when ``index(first) * len(words) + index(second)`` is in ``pair_keys``, so
    no two strings can be confused, even for norms that hold a space.
    """

    words: np.ndarray  # uint64, sorted
    word_columns: np.ndarray  # int64, the column of words[i], or -1 for a half of a pair only
    pair_keys: np.ndarray  # int64, sorted
    pair_columns: np.ndarray  # int64

    @classmethod
    def of(cls, vocabulary: dict[str, int]) -> "NgramIndex":
        from spacy.strings import get_string_id  # the ids spaCy gives norms (hashes, or symbol ids such as "prep")

        splits = []  # (first, second, column) for each space of each entry
        for entry, column in vocabulary.items():
            space = entry.find(" ")
            while space >= 0:
                splits.append((entry[:space], entry[space + 1 :], column))
                space = entry.find(" ", space + 1)
        strings = set(vocabulary)
        strings.update(first for first, _, _ in splits)
        strings.update(second for _, second, _ in splits)
        ids = {string: get_string_id(string) for string in strings}
        by_id = sorted(ids, key=ids.__getitem__)
        words = np.fromiter(map(ids.__getitem__, by_id), dtype=np.uint64, count=len(by_id))
        word_columns = np.fromiter(map(vocabulary.get, by_id, repeat(-1)), dtype=np.int64, count=len(by_id))
        index = dict(zip(by_id, range(len(by_id))))
        keys = np.array([index[first] * len(words) + index[second] for first, second, _ in splits], dtype=np.int64)
        order = np.argsort(keys)
        columns = np.array([column for _, _, column in splits], dtype=np.int64)
        return cls(words, word_columns, keys[order], columns[order])

    def columns(self, word_ids: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """(message, column) of each word and each pair of adjacent words the model knows."""
        lengths = np.fromiter(map(len, word_ids), dtype=np.int64, count=len(word_ids))
        if not lengths.sum() or not len(self.words):
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        ids = np.concatenate(word_ids)
        rows = np.repeat(np.arange(len(word_ids)), lengths)
        positions, is_word = _find(self.words, ids)
        index = np.where(is_word, positions, -1)
        word_columns = np.where(is_word, self.word_columns[positions], -1)
        first, second = index[:-1], index[1:]
        slots, is_pair = _find(self.pair_keys, first * len(self.words) + second)
        # Both words must be known: with an index of -1 the key could alias another pair's.
        paired = is_pair & (rows[1:] == rows[:-1]) & (first >= 0) & (second >= 0)
        known = word_columns >= 0
        return (
            np.concatenate([rows[known], rows[1:][paired]]),
            np.concatenate([word_columns[known], self.pair_columns[slots[paired]]]),
        )


def _find(ordered: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each value is or would be in the sorted array ``ordered`` (clipped to it), and whether it is there."""
    if not len(ordered):
        return np.zeros(len(values), dtype=np.int64), np.zeros(len(values), dtype=bool)
    positions = np.minimum(np.searchsorted(ordered, values), len(ordered) - 1)
    return positions, ordered[positions] == values


def decide(probabilities: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """Per-pattern flags, shape (n, n_labels), from scores over ``OUTPUTS``.

    A pattern is flagged when its own score clears its threshold and the "any
    pattern" score clears the gate. The gate is a second opinion trained on the
    easier flagged-or-not question; on leave-one-writer-out cross-validation it
    cut false alarms on friendly messages that share a cue word.
    """
    return (probabilities[:, :-1] >= thresholds[:-1]) & (probabilities[:, -1:] >= thresholds[-1])
