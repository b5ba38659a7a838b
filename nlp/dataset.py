"""Labelled message CSVs: read them, check them, and report every problem at once.

A labelled CSV has a ``text`` column and one 0/1 column per pattern; ``split``
(train/test) and any other column are optional. The same checks guard the
built-in data set, ``horsemen train`` and ``horsemen evaluate``: a user fixing a
file should see every bad row in one go, each with its line number.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from nlp.errors import DataError
from nlp.labels import LABELS

SPLITS = ("train", "test")
MAX_PROBLEMS_SHOWN = 30
BUILTIN_DATA = Path(__file__).resolve().parent / "resources" / "messages.csv"


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


def find_problems(
    path: str | Path, *, require_split: bool = False, skip_unlabelled: bool = False
) -> tuple[list[LabelledRow], list[Problem], int]:
    """Parse ``path`` and collect every problem instead of stopping at the first.

    With ``skip_unlabelled``, rows whose label cells are all blank (a sheet from
    ``horsemen queue`` the user has not finished) are left out unchecked.
    Returns the rows, the problems and how many rows were skipped.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except OSError as error:
        raise DataError(f"{path}: cannot read ({error.strerror})") from None
    problems: list[Problem] = []
    text = _decode(raw, problems)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [c.strip() for c in (reader.fieldnames or [])]
    reader.fieldnames = columns
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
    start_line = 2
    for record in reader:
        line = start_line
        start_line = reader.line_num + 1
        if skip_unlabelled and all(not (record.get(label) or "").strip() for label in LABELS):
            unlabelled += 1
            continue
        if None in record:
            problems.append(Problem(line, f"{len(record[None])} value(s) more than the header has columns"))
        text_value = record.get("text") or ""
        if not text_value.strip():
            problems.append(Problem(line, "empty text"))
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
    problems.extend(_duplicate_problems(rows))
    return rows, problems, unlabelled


def read_labelled(path: str | Path, *, require_split: bool = False) -> list[LabelledRow]:
    """Rows of a labelled CSV, or a DataError listing every problem with its line."""
    rows, problems, _ = find_problems(path, require_split=require_split)
    if problems:
        raise_problems(path, problems)
    return rows


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
    problems = []
    first_seen: dict[str, LabelledRow] = {}
    for row in rows:
        key = row.text.strip()
        if not key:
            continue
        earlier = first_seen.get(key)
        if earlier is None:
            first_seen[key] = row
        elif earlier.labels != row.labels:
            problems.append(Problem(row.line, f"same text as line {earlier.line} but different labels"))
        else:
            problems.append(Problem(row.line, f"exact duplicate of line {earlier.line}"))
    return problems
