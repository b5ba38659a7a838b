"""Labelled data: read and check CSVs, then layer and split them for training.

A labelled CSV has a ``text`` column and one 0/1 column per pattern; ``split``
(train/test) and any other column are optional. Every labelled CSV a person
hands in (to ``horsemen train`` or ``horsemen evaluate``, a filled-in queue
sheet) is read by ``read_user_rows``, so the same broken file gets the same
list of problems everywhere, each with its line number (a feedback file of an
earlier horsemen version goes through the same checks, ``read_feedback``);
the built-in data goes through the same checks, stricter (``read_labelled``).

Rows come in layers: the built-in data set, then the user's contributions in
the order they were added (``Contribution``: a CSV or a correction, kept in the
model home by ``nlp.training.userdata``). A later layer's row for the same
text replaces the earlier one when the labels differ (the user knows their own
messages best) and is dropped as a duplicate when they agree; both are
reported, naming the row repeated. Each row is then either fitted or held out:
built-in rows keep their ``split``; a contribution's rows got theirs when it
was made, from an explicit ``split`` column or from a hash of the text.
Hashing the text (not the row number or a random draw) holds out the same
messages whatever file they come in, so a new model and the one it would
replace are compared on rows neither has seen.
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
from nlp.store import utc_now

SPLITS = ("train", "test")
MAX_PROBLEMS_SHOWN = 30
_RESOURCES = Path(__file__).resolve().parent.parent / "resources"


@dataclass(frozen=True)
class DataSlice:
    """One file of the built-in data, and what kind of text it holds.

    ``real`` text was written by people to people, not for a data set, and keeps
    its natural prevalence (most messages show no pattern): reports give its false
    alarms and intervals. Written slices are balanced and say little about false
    alarms. ``budgeted`` real text is what the sensitivity levels promise few false
    alarms on: their thresholds are chosen so that its benign messages are rarely
    flagged, and it is weighted up in training (``domain_weights``).
    """

    name: str
    path: Path
    real: bool = False
    budgeted: bool = False


# The data the default model is built from and every training starts from. Read
# through this module at call time (``builtin_slices()``), so a test that swaps it
# for a small set reaches every user of it.
BUILTIN_SLICES: tuple[DataSlice, ...] = (
    DataSlice("written", _RESOURCES / "messages.csv"),
    DataSlice("real", _RESOURCES / "real-text.csv", real=True, budgeted=True),
    DataSlice("replies", _RESOURCES / "replies-in-context.csv"),
    # Weighted like the written rows, and not budgeted: out of fold that kept the SMS
    # figures, cut the false alarms on the comments by two fifths and raised the written
    # F1, where budgeting them like the SMS caught half as many (data/reddit-comments.md).
    DataSlice("reddit", _RESOURCES / "reddit-comments.csv", real=True),
)
BUILTIN = "built-in"
FILE = "file"
FEEDBACK = "feedback"
USER_HOLDOUT_PERCENT = 20
# 64 bits of SHA-256: two different texts share a fingerprint about once in 10^19 pairs.
FINGERPRINT_CHARS = 16
# Fewer examples than this of a pattern (or of its absence) cannot be
# cross-validated and calibrated: every fold needs some of each.
MIN_EXAMPLES_PER_OUTPUT = 8
# Control characters other than tab and line breaks, and lone UTF-16 surrogates: no
# one types them, and each has broken something (a NUL once made every training fail).
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


@dataclass(frozen=True)
class LabelledRow:
    line: int | None  # line of the CSV where the row starts (header is line 1); None for a correction
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
    feedback file of earlier horsemen versions). Cells we wrote with a spreadsheet guard get their text back
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
    """Rows of a labelled CSV where every row must be labelled (the built-in data), or a DataError listing every problem."""
    rows, problems, _ = find_problems(path, require_split=require_split)
    if problems:
        raise_problems(path, problems)
    return rows


def read_feedback(path: str | Path) -> list[LabelledRow]:
    """The rows of an earlier version's feedback file: the latest correction of each text (corrections were appended)."""
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


def row_fingerprint(text: str) -> str:
    """What a model records of each row it was fitted on: enough to recognise the text, not to read it."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:FINGERPRINT_CHARS]


@dataclass(frozen=True)
class Contribution:
    """Labelled rows a person added: a CSV (``kind`` "file") or one correction ("feedback").

    Every row's split is fixed: it is held out, or fitted, in every training
    from now on. ``id`` is None until the contribution is kept in the user
    data store (``nlp.training.userdata``).
    """

    id: int | None
    kind: str  # FILE or FEEDBACK
    source: str  # the file's path, or FEEDBACK
    sha256: str
    added_at: str
    rows: tuple[LabelledRow, ...]
    unlabelled: int = 0  # rows of the file left blank (not labelled yet), skipped

    @property
    def name(self) -> str:
        """``#3 mine.csv``: how reports refer to it."""
        base = FEEDBACK if self.kind == FEEDBACK else Path(self.source).name
        return base if self.id is None else f"#{self.id} {base}"

    @property
    def heldout(self) -> int:
        return sum(row.split == "test" for row in self.rows)


def contribution_from_csv(path: str | Path) -> Contribution:
    """A labelled CSV as a contribution: its rows checked, each with its split fixed.

    A row keeps an explicit ``split``. A row for a text of the built-in data
    takes that row's split: every model trained with the built-in data was
    fitted on a built-in training text, so it could never be a fair held-out
    row, and a built-in test text stays out of every fit. Any other row is
    held out when a hash of its text says so.
    """
    rows, unlabelled = read_user_rows(path)
    builtin: dict[str, str] = {}
    for row in read_builtin():  # the first row of a text is the one training keeps (see merge_rows)
        builtin.setdefault(row.text.strip(), row.split)
    fixed = tuple(
        replace(row, split=row.split or builtin.get(row.text.strip()) or _hashed_split(row), extra={}) for row in rows
    )
    return Contribution(None, FILE, str(Path(path).resolve()), file_sha256(path), utc_now(), fixed, unlabelled)


@dataclass(frozen=True)
class Overlap:
    """A row whose text an earlier layer already has: a copy (same labels, dropped) or a relabelling (it wins)."""

    source: str
    line: int | None
    earlier_source: str
    earlier_line: int | None
    before: tuple[int, ...]
    after: tuple[int, ...]

    @property
    def relabels(self) -> bool:
        return self.before != self.after

    def changes(self) -> str:
        """'criticism 1->0, contempt 0->1': what the later row changed."""
        return ", ".join(
            f"{label} {old}->{new}" for label, old, new in zip(LABELS, self.before, self.after) if old != new
        )


@dataclass
class TrainingData:
    """What a model is fitted on, what it is held out on, and how the layers were merged.

    ``train_slices`` and ``heldout_slices`` name the layer each row came from:
    ``built-in/<slice>``, or a contribution's name.
    """

    train: list[LabelledRow]
    heldout: list[LabelledRow]
    heldout_is_user: list[bool]
    sources: list[dict]
    train_slices: list[str] = field(default_factory=list)
    heldout_slices: list[str] = field(default_factory=list)
    budgeted_slices: frozenset[str] = frozenset()  # sources of DataSlice.budgeted slices
    overlaps: list[Overlap] = field(default_factory=list)
    unlabelled: int = 0

    @property
    def user_heldout(self) -> int:
        return sum(self.heldout_is_user)

    @property
    def duplicates(self) -> int:
        return sum(not overlap.relabels for overlap in self.overlaps)

    @property
    def conflicts(self) -> list[Overlap]:
        return [overlap for overlap in self.overlaps if overlap.relabels]

    @property
    def yours(self) -> list[Overlap]:
        """The overlaps a user's row makes (copies within the built-in data are its own business)."""
        return [overlap for overlap in self.overlaps if not is_builtin(overlap.source)]

    @property
    def sha256(self) -> str:
        return combined_sha256([source["sha256"] for source in self.sources])

    def fingerprints(self) -> list[str]:
        """Sorted fingerprints of the fitted rows: what the model records as trained on."""
        return sorted({row_fingerprint(row.text) for row in self.train})


def holdout_by_hash(text: str) -> bool:
    """The same text is held out (or not) in every training, whatever file it comes from."""
    digest = hashlib.sha256(text.strip().encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 100 < USER_HOLDOUT_PERCENT


def read_user_rows(path: str | Path) -> tuple[list[LabelledRow], int]:
    """The one reader of a labelled CSV a person hands in; rows with every label cell blank are skipped.

    A CSV from ``horsemen queue`` arrives with empty label columns; rows the
    user has not got to yet are skipped (and counted) instead of failing the
    whole file. Training and evaluation both read through here, so they list
    the same problems for the same file. Returns the rows and how many were skipped.
    """
    rows, problems, unlabelled = find_problems(path, skip_unlabelled=True)
    if not rows and not problems:
        problems = [Problem(None, "no labelled rows yet: fill each of " + ", ".join(LABELS) + " with 0 or 1")]
    if problems:
        raise_problems(path, problems)
    return rows, unlabelled


def merge_rows(
    layers: Sequence[tuple[str, Sequence[LabelledRow]]],
) -> tuple[list[tuple[str, LabelledRow]], list[Overlap]]:
    """Stack (source, rows) layers; a later row for the same text wins only if its labels differ.

    Returns (source, row) pairs in first-seen order and every overlap: each
    dropped copy and each relabelling, with the row it repeats.
    """
    merged: dict[str, tuple[str, LabelledRow]] = {}
    overlaps: list[Overlap] = []
    for source, rows in layers:
        for row in rows:
            key = row.text.strip()
            earlier = merged.get(key)
            if earlier is not None:
                overlaps.append(Overlap(source, row.line, earlier[0], earlier[1].line, earlier[1].labels, row.labels))
                if earlier[1].labels == row.labels:
                    continue
            merged[key] = (source, row)
    return list(merged.values()), overlaps


def is_builtin(source: str) -> bool:
    return source.startswith(BUILTIN + "/")


def describe(source: str, line: int | None) -> str:
    """``built-in written line 6``, ``#2 mine.csv line 3``, ``#5 feedback``: a row, as reports name it."""
    name = source.replace("/", " ", 1) if is_builtin(source) else source
    return name if line is None else f"{name} line {line:,}"


def collect_rows(contributions: Sequence[Contribution] = (), *, include_builtin: bool = True) -> TrainingData:
    """Read, merge and split the layers: the built-in data, then each contribution in order."""
    layers: list[tuple[str, Sequence[LabelledRow]]] = []
    sources: list[dict] = []
    budgeted = set()
    if include_builtin:
        for data in builtin_slices():
            rows = read_labelled(data.path, require_split=True)
            layers.append((f"{BUILTIN}/{data.name}", rows))
            sources.append({"path": BUILTIN, "slice": data.name, "sha256": file_sha256(data.path), "rows": len(rows)})
            if data.budgeted:
                budgeted.add(f"{BUILTIN}/{data.name}")
    for contribution in contributions:
        layers.append((contribution.name, contribution.rows))
        sources.append(
            {"path": contribution.source, "contribution": contribution.id, "sha256": contribution.sha256, "rows": len(contribution.rows)}
        )
    if not layers:
        raise DataError("nothing to train on: give a labelled CSV, or record corrections with `horsemen feedback`")
    merged, overlaps = merge_rows(layers)
    train = [(source, row) for source, row in merged if row.split != "test"]
    heldout = [(source, row) for source, row in merged if row.split == "test"]
    return TrainingData(
        train=[row for _, row in train],
        heldout=[row for _, row in heldout],
        heldout_is_user=[not is_builtin(source) for source, _ in heldout],
        sources=sources,
        overlaps=overlaps,
        unlabelled=sum(contribution.unlabelled for contribution in contributions),
        train_slices=[source for source, _ in train],
        heldout_slices=[source for source, _ in heldout],
        budgeted_slices=frozenset(budgeted),
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
