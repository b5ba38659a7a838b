"""Labelled data: read and check CSVs, then layer and split them for training.

A labelled CSV has a ``text`` column and one 0/1 column per pattern; ``split``
(train/test) and any other column are optional. The same checks guard the
built-in data set, ``horsemen train`` and ``horsemen evaluate``: a user fixing a
file should see every bad row in one go, each with its line number.

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

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

import numpy as np

from nlp.errors import DataError
from nlp.files import special_file
from nlp.labels import LABELS, OUTPUTS
from nlp.limits import csv_fields, csv_rows
from nlp.spreadsheet import restore

SPLITS = ("train", "test")
MAX_PROBLEMS_SHOWN = 30
_RESOURCES = Path(__file__).resolve().parent.parent / "resources"


@dataclass(frozen=True)
class DataSlice:
    """One file of the built-in data, and what kind of text it holds.

    ``real`` text keeps its natural prevalence (most messages show no pattern):
    the operating points are chosen so that its benign messages are rarely
    flagged. Written slices are balanced and say little about false alarms.
    """

    name: str
    path: Path
    real: bool = False


# The data the default model is built from and every training starts from. Read
# through this module at call time (``builtin_slices()``), so a test that swaps it
# for a small set reaches every user of it.
BUILTIN_SLICES: tuple[DataSlice, ...] = (
    DataSlice("written", _RESOURCES / "messages.csv"),
    DataSlice("real", _RESOURCES / "real-text.csv", real=True),
    DataSlice("replies", _RESOURCES / "replies-in-context.csv"),
)
BUILTIN = "built-in"
FEEDBACK = "feedback"
USER_HOLDOUT_PERCENT = 20
# Fewer examples than this of a pattern (or of its absence) cannot be
# cross-validated and calibrated: every fold needs some of each.
MIN_EXAMPLES_PER_OUTPUT = 8
# Control characters other than tab and line breaks, and lone UTF-16 surrogates: no
# one types them, and each has broken something (a NUL once made every training fail).
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


@dataclass(frozen=True)
class LabelledRow:
    line: int  # line of the CSV where the row starts (header is line 1)
    text: str
    labels: tuple[int, ...]  # one 0/1 per entry of LABELS
    split: str | None
    extra: dict[str, str]


@dataclass(frozen=True)
class Problem:
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


def not_text(text: str) -> str | None:
    """What in ``text`` is not text ("the control character U+0000 at character 5"), or None.

    The one check for labelled text, wherever it comes from: a CSV, feedback
    from the command line or over HTTP.
    """
    found = _NOT_TEXT.search(text)
    if found is None:
        return None
    kind = "half of a UTF-16 surrogate pair" if "\ud800" <= found.group() <= "\udfff" else "the control character"
    return f"{kind} U+{ord(found.group()):04X} at character {found.start() + 1}"


def find_problems(
    path: str | Path, *, require_split: bool = False, skip_unlabelled: bool = False, repeats: bool = False
) -> tuple[list[LabelledRow], list[Problem], int]:
    """Parse ``path`` and collect every problem instead of stopping at the first.

    With ``skip_unlabelled``, rows whose label cells are all blank (a sheet from
    ``horsemen queue`` the user has not finished) are left out unchecked. With
    ``repeats``, a text may come back with other labels (the append-only
    feedback file). Cells we wrote with a spreadsheet guard get their text back
    (``nlp.spreadsheet.restore``). Returns the rows, the problems and how many
    rows were skipped.
    """
    path = Path(path)
    kind = special_file(path)
    if kind is not None:
        raise DataError(f"{path}: is {kind}, not a file; give a labelled CSV file")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except OSError as error:
        raise DataError(f"{path}: cannot read ({error.strerror})") from None
    problems: list[Problem] = []
    text = _decode(raw, problems)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    with csv_fields():
        rows, unlabelled = _read_rows(reader, path, problems, require_split, skip_unlabelled)
    if not repeats:
        problems.extend(_duplicate_problems(rows))
    return rows, problems, unlabelled


def _read_rows(
    reader: csv.DictReader, path: Path, problems: list[Problem], require_split: bool, skip_unlabelled: bool
) -> tuple[list[LabelledRow], int]:
    """``find_problems`` for the rows of ``reader``: the rows, and how many were left unlabelled."""

    def unreadable(line: int, reason: str) -> DataError:
        return DataError(f"{path}:{line}: {reason}")

    _, header = next(csv_rows(reader.reader, 0, unreadable), (1, []))
    columns = [c.strip() for c in header]
    reader.fieldnames, reader.line_num = columns, reader.reader.line_num  # the header is read
    missing = [c for c in ("text", *LABELS) if c not in columns]
    if require_split and "split" not in columns:
        missing.append("split")
    if missing:
        found = ", ".join(columns) if columns else "none (empty file?)"
        raise DataError(
            f"{path}: missing column(s) {', '.join(missing)}; found {found}. "
            f"A labelled CSV needs: text, {', '.join(LABELS)} (0/1 each), optional split (train/test)."
        )
    rows: list[LabelledRow] = []
    unlabelled = 0
    for line, record in csv_rows(reader, 0, unreadable):
        if skip_unlabelled and all(not (record.get(label) or "").strip() for label in LABELS):
            unlabelled += 1
            continue
        if None in record:
            problems.append(Problem(line, f"{len(record[None])} value(s) more than the header has columns"))
        record = {key: restore(value) if isinstance(value, str) else value for key, value in record.items()}
        text_value = record.get("text") or ""
        if not text_value.strip():
            problems.append(Problem(line, "empty text"))
        elif found := not_text(text_value):
            problems.append(Problem(line, f"the text holds {found}; remove it"))
        labels = []
        for label in LABELS:
            value = (record.get(label) or "").strip()
            if value not in ("0", "1"):
                problems.append(Problem(line, f"{label} must be 0 or 1, got {value!r}"))
            labels.append(1 if value == "1" else 0)
        split = None
        if "split" in columns:
            split = (record.get("split") or "").strip()
            if split not in SPLITS:
                problems.append(Problem(line, f"split must be one of {', '.join(SPLITS)}, got {split!r}"))
        extra = {k: v for k, v in record.items() if k not in ("text", "split", None, *LABELS)}
        rows.append(LabelledRow(line, text_value, tuple(labels), split, extra))
    if not rows and not unlabelled:
        problems.append(Problem(None, "no data rows"))
    return rows, unlabelled


def read_labelled(path: str | Path, *, require_split: bool = False) -> list[LabelledRow]:
    """Rows of a labelled CSV, or a DataError listing every problem with its line."""
    rows, problems, _ = find_problems(path, require_split=require_split)
    if problems:
        raise_problems(path, problems)
    return rows


def read_feedback(path: str | Path) -> list[LabelledRow]:
    """The feedback file's rows: the latest correction of each text (corrections are appended, never rewritten)."""
    rows, problems, _ = find_problems(path, repeats=True)
    if problems:
        raise_problems(path, problems)
    latest = {row.text.strip(): row for row in rows}
    return list(latest.values())


def raise_problems(path: str | Path, problems: list[Problem]) -> None:
    """One DataError that lists the problems (the first MAX_PROBLEMS_SHOWN) with their lines."""
    shown = "\n".join(f"  {p}" for p in problems[:MAX_PROBLEMS_SHOWN])
    more = len(problems) - MAX_PROBLEMS_SHOWN
    tail = f"\n  ... and {more} more" if more > 0 else ""
    raise DataError(f"{path}: {len(problems)} problem(s) in the labelled CSV:\n{shown}{tail}")


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _decode(raw: bytes, problems: list[Problem]) -> str:
    """Decode UTF-8 (with or without BOM); report the line of any invalid byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        for number, line in enumerate(raw.split(b"\n"), start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as error:
                problems.append(Problem(number, f"invalid UTF-8 at byte {error.start} of the line"))
        return raw.decode("utf-8-sig", errors="replace")


def _duplicate_problems(rows: list[LabelledRow]) -> list[Problem]:
    """Rows that repeat an earlier row: the same text, or the same reply to the same ``context``."""
    problems = []
    first_seen: dict[tuple[str, str], LabelledRow] = {}
    for row in rows:
        key = (row.extra.get("context", "").strip(), row.text.strip())
        if not key[1]:
            continue
        earlier = first_seen.get(key)
        if earlier is None:
            first_seen[key] = row
        elif earlier.labels != row.labels:
            problems.append(Problem(row.line, f"same text as line {earlier.line} but different labels"))
        else:
            problems.append(Problem(row.line, f"exact duplicate of line {earlier.line}"))
    return problems


def builtin_slices() -> tuple[DataSlice, ...]:
    return BUILTIN_SLICES


def read_builtin(slices: Sequence[DataSlice] | None = None) -> list[LabelledRow]:
    """Every row of the built-in data set (or of ``slices``), each file checked (a split column is required there)."""
    return [row for data in slices or builtin_slices() for row in read_labelled(data.path, require_split=True)]


def builtin_sha256() -> str:
    """Fingerprint of the built-in data: a default model built from other data is stale."""
    return combined_sha256([file_sha256(data.path) for data in builtin_slices()])


def combined_sha256(hashes: list[str]) -> str:
    """One file: its own hash; several: a hash of their hashes."""
    if len(hashes) == 1:
        return hashes[0]
    return hashlib.sha256("".join(hashes).encode()).hexdigest()


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
    """What a model is fitted on, what it is held out on, and how the layers were merged.

    ``train_slices`` and ``heldout_slices`` name where each row came from: a
    built-in slice's name, or the user's file.
    """

    train: list[LabelledRow]
    heldout: list[LabelledRow]
    heldout_is_user: list[bool]
    sources: list[dict]
    train_slices: list[str] = field(default_factory=list)
    heldout_slices: list[str] = field(default_factory=list)
    real_slices: frozenset[str] = frozenset()
    duplicates: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    unlabelled: int = 0

    @property
    def user_heldout(self) -> int:
        return sum(self.heldout_is_user)

    @property
    def sha256(self) -> str:
        return combined_sha256([source["sha256"] for source in self.sources])


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


def _layer_name(source: str) -> str:
    """``built-in/real`` -> ``built-in``: conflicts and provenance name the layer, slices keep their own name."""
    return BUILTIN if source.startswith(BUILTIN + "/") else source


def collect_rows(
    csv_path: str | Path | None, *, include_builtin: bool = True, feedback: str | Path | None = None
) -> TrainingData:
    """Read, merge and split the layers: the built-in data, the user's CSV, the feedback file."""
    layers: list[tuple[str, list[LabelledRow]]] = []
    sources: list[dict] = []
    unlabelled = 0
    real = set()
    if include_builtin:
        for data in builtin_slices():
            rows = read_labelled(data.path, require_split=True)
            layers.append((f"{BUILTIN}/{data.name}", rows))
            sources.append({"path": BUILTIN, "slice": data.name, "sha256": file_sha256(data.path), "rows": len(rows)})
            if data.real:
                real.add(f"{BUILTIN}/{data.name}")
    if csv_path is not None:
        user, unlabelled = read_user_rows(csv_path)
        layers.append((str(csv_path), [replace(row, split=row.split or _hashed_split(row)) for row in user]))
        sources.append({"path": str(csv_path), "sha256": file_sha256(csv_path), "rows": len(user)})
    if feedback is not None and Path(feedback).is_file():
        # Feedback corrects one message at a time: it is always fitted, or the correction would be lost.
        rows = [replace(row, split="train") for row in read_feedback(feedback)]
        layers.append((FEEDBACK, rows))
        sources.append({"path": FEEDBACK, "sha256": file_sha256(feedback), "rows": len(rows)})
    if not layers:
        raise DataError("nothing to train on: give a labelled CSV, or record feedback with `horsemen feedback`")
    merged, duplicates, conflicts = merge_rows(layers)
    conflicts = [
        replace(c, source=_layer_name(c.source), replaced_source=_layer_name(c.replaced_source)) for c in conflicts
    ]
    train = [(source, row) for source, row in merged if row.split != "test"]
    heldout = [(source, row) for source, row in merged if row.split == "test"]
    return TrainingData(
        train=[row for _, row in train],
        heldout=[row for _, row in heldout],
        heldout_is_user=[_layer_name(source) != BUILTIN for source, _ in heldout],
        sources=sources,
        duplicates=duplicates,
        conflicts=conflicts,
        unlabelled=unlabelled,
        train_slices=[source for source, _ in train],
        heldout_slices=[source for source, _ in heldout],
        real_slices=frozenset(real),
    )


def check_enough_examples(rows: Sequence[LabelledRow]) -> None:
    """Every output needs a few rows with it and without it, or it cannot be cross-validated."""
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


def label_matrix(rows: Sequence[LabelledRow]) -> np.ndarray:
    return np.array([row.labels for row in rows], dtype=np.int64).reshape(len(rows), len(LABELS))


def _hashed_split(row: LabelledRow) -> str:
    return "test" if holdout_by_hash(row.text) else "train"
