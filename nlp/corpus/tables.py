"""Reading a table of messages in chunks, and telling the rows that can be scored from those that cannot.

Every input row gets a ``row`` number (its position in the input, from 0), so
scores can be joined back and every row is accounted for: a row with text is
scored, any other row is a problem with its reason ("no text", "text is a
number, not a string", "not valid JSON"). Memory stays flat: a chunk is read,
scored, written and dropped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from nlp.corpus.columns import ROW
from nlp.errors import DataError, where

FORMATS = ("csv", "jsonl", "parquet")
_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
CHUNK_ROWS = 50_000


@dataclass(frozen=True)
class Chunk:
    """Rows ``first`` to ``first + size - 1`` of the input: those with text, and the others with a reason."""

    keys: pd.DataFrame  # ROW and the id columns of the rows with text
    texts: list[str]
    problems: list[tuple[int, str]]  # (row, reason)


def table_format(path: str | Path, format: str | None = None) -> str:
    """``format`` if given, else guessed from the file name; a clear error when neither works."""
    if format is not None:
        if format not in FORMATS:
            raise DataError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
        return format
    guessed = _SUFFIXES.get(Path(path).suffix.lower())
    if guessed is None:
        raise DataError(f"{where(path)}: cannot tell the format from the name; pass --format ({', '.join(FORMATS)})")
    return guessed


def split_rows(frame: pd.DataFrame, text_col: str, id_cols: list[str], first_row: int) -> Chunk:
    """Number the rows from ``first_row`` and separate those whose text is a string from the rest."""
    rows = pd.RangeIndex(first_row, first_row + len(frame))
    values = frame[text_col].tolist() if text_col in frame else [None] * len(frame)
    good = [isinstance(value, str) for value in values]
    keys = frame.loc[good, id_cols].copy() if id_cols else pd.DataFrame(index=frame.index[good])
    keys.insert(0, ROW, rows[good])
    problems = [(row, _reason(value)) for row, value, ok in zip(rows, values, good) if not ok]
    return Chunk(keys.reset_index(drop=True), [value for value, ok in zip(values, good) if ok], problems)


def read_chunks(
    path: str | Path, text_col: str, id_cols: list[str], format: str, chunk_rows: int = CHUNK_ROWS
) -> Iterator[Chunk]:
    """The table at ``path`` in chunks of about ``chunk_rows`` rows; a DataError if a named column is missing."""
    path = Path(path)
    reader = {"csv": _csv_frames, "jsonl": _jsonl_frames, "parquet": _parquet_frames}[format]
    first = 0
    for frame, problems in reader(path, [text_col, *id_cols], chunk_rows):
        chunk = split_rows(frame, text_col, id_cols, first)
        reasons = dict(chunk.problems) | {first + offset: reason for offset, reason in problems}  # the reader's reason wins
        yield Chunk(chunk.keys, chunk.texts, sorted(reasons.items()))
        first += len(frame)


def check_columns(path: Path, found: list[str], wanted: list[str]) -> None:
    missing = [column for column in wanted if column not in found]
    if missing:
        raise DataError(
            f"{where(path)}: no column {', '.join(repr(c) for c in missing)}; columns are: {', '.join(map(str, found)) or 'none'}"
        )


def _csv_frames(path: Path, columns: list[str], chunk_rows: int):
    # Everything as text; only an empty cell is "no text" (a message reading "NA" is a message).
    options = dict(dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8", encoding_errors="strict")
    try:
        check_columns(path, list(pd.read_csv(path, nrows=0, **options).columns), columns)
        for frame in pd.read_csv(path, usecols=columns, chunksize=chunk_rows, **options):
            yield frame, []
    except UnicodeDecodeError as error:
        raise DataError(f"{where(path)}: not valid UTF-8 (byte {error.start} of a chunk); re-encode the file as UTF-8") from None
    except pd.errors.ParserError as error:
        raise DataError(f"{where(path)}: not a readable CSV ({str(error).strip()})") from None
    except pd.errors.EmptyDataError:
        raise DataError(f"{where(path)}: empty file, no header") from None


def _jsonl_frames(path: Path, columns: list[str], chunk_rows: int):
    """One JSON object per line; a line that is not one is a problem of its row, not an error of the file.

    A column that no object of the first chunk has is taken for a typo in its name: an error, before any work.
    """
    records: list[dict] = []
    problems: list[tuple[int, str]] = []
    seen: set[str] = set()
    checked = False
    with open(path, encoding="utf-8", errors="strict") as handle:
        try:
            for line in handle:
                if not line.strip():
                    continue
                offset = len(records)
                record, problem = parse_json_line(line)
                seen.update(record)
                records.append({column: record.get(column) for column in columns})
                if problem:
                    problems.append((offset, problem))
                if len(records) == chunk_rows:
                    if not checked:
                        check_columns(path, sorted(seen), columns)
                        checked = True
                    yield pd.DataFrame(records, columns=columns, dtype=object), problems
                    records, problems = [], []
        except UnicodeDecodeError as error:
            raise DataError(f"{where(path)}: not valid UTF-8 (byte {error.start} of a line); re-encode it as UTF-8") from None
    if records:
        if not checked:
            check_columns(path, sorted(seen), columns)
        yield pd.DataFrame(records, columns=columns, dtype=object), problems


def parse_json_line(line: str) -> tuple[dict, str | None]:
    """A JSON Lines row as a dict, or an empty dict and the reason it is not one."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return {}, "not valid JSON"
    if not isinstance(record, dict):
        return {}, f"a JSON {type(record).__name__}, not an object"
    return record, None


def _parquet_frames(path: Path, columns: list[str], chunk_rows: int):
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises several types for files that are not Parquet
        raise DataError(f"{where(path)}: not a readable Parquet file ({type(error).__name__})") from None
    check_columns(path, table.schema_arrow.names, columns)
    for batch in table.iter_batches(batch_size=chunk_rows, columns=columns):
        yield batch.to_pandas(types_mapper=None).astype(object), []


def _reason(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "no text"
    kind = {bool: "true/false", int: "number", float: "number", list: "list", dict: "object"}.get(type(value))
    return f"text is a {kind or type(value).__name__}, not a string"
