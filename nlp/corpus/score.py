"""Score a table of messages into a folder of Parquet parts: on this machine, or on a Dask cluster.

Locally, chunks stream through ``Analyzer.analyze_many`` (worker processes,
results in order), and each chunk becomes one part as soon as it is scored, so
memory stays flat for any input size. On a cluster, ``dask.dataframe`` reads
the input in partitions and each worker scores its partitions with
``score_partition``, the same function a local chunk goes through; the model
travels once, as the bytes of its two files in the task graph, and each worker
loads it once (``_worker_analyzer``). No analyzer object is ever pickled.

Every input row is accounted for: scored rows go to ``part-*.parquet`` with
their ``row`` number and id columns, the rest to ``_problems.csv`` with a reason
(the underscore keeps Parquet readers of the folder from taking it for a part).
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from nlp.analyzer import Analyzer
from nlp.corpus.columns import CUE_FIELDS, CUES, FLAGGED, ROW, compact, empty, frame
from nlp.corpus.tables import CHUNK_ROWS, Chunk, parse_json_line, read_chunks, split_rows, table_format
from nlp.errors import DataError, where
from nlp.files import replace_directory
from nlp.store import META_FILE, SCORER_FILE, load_model

PART = "part-{:05d}.parquet"
PROBLEMS = "_problems.csv"  # "_": Parquet readers of the folder skip it
PROBLEM = "problem"  # the reason a row was not scored, in the frames a partition returns


@dataclass(frozen=True)
class ScoreSummary:
    out: Path
    rows: int
    scored: int
    flagged: int
    problems: int
    parts: int

    def to_dict(self) -> dict:
        return {**self.__dict__, "out": str(self.out)}


def score_file(
    source: str | Path,
    out: str | Path,
    analyzer: Analyzer,
    *,
    text_col: str,
    id_cols: tuple[str, ...] = (),
    format: str | None = None,
    suggest: bool = False,
    n_process: int = 1,
    chunk_rows: int = CHUNK_ROWS,
    progress: Callable[[int], None] = lambda rows: None,
) -> ScoreSummary:
    """Score ``source`` on this machine into the folder ``out``; ``progress(rows)`` after each part."""
    source, out = _checked_paths(source, out)
    fmt = table_format(source, format)
    id_cols = list(id_cols)
    staging = _staging(out)
    try:
        writer = _Writer(staging, suggest)
        chunks = read_chunks(source, text_col, id_cols, fmt, chunk_rows)
        waiting: deque[tuple[Chunk, list]] = deque()

        def texts() -> Iterator[str]:
            for chunk in chunks:
                waiting.append((chunk, []))
                yield from chunk.texts

        def finished() -> Iterator[tuple[Chunk, list]]:
            while waiting and len(waiting[0][1]) == len(waiting[0][0].texts):
                yield waiting.popleft()

        results = analyzer.analyze_many(texts(), n_process=n_process, suggest=suggest, convert=compact)
        for result in results:
            next(entry for entry in waiting if len(entry[1]) < len(entry[0].texts))[1].append(result)
            for chunk, done in finished():
                progress(writer.write(chunk, done))
        for chunk, done in finished():  # chunks with no text at all, at the end
            progress(writer.write(chunk, done))
        summary = writer.close(out)
        replace_directory(staging, out)
        return summary
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def score_partition(
    part: pd.DataFrame,
    text_col: str,
    id_cols: list[str],
    first_row: int,
    analyzer: Analyzer | Callable[[], Analyzer],
    suggest: bool,
) -> pd.DataFrame:
    """Output columns for one partition's rows, plus ``problem`` (None for a scored row).

    ``analyzer`` may be a function that loads it, so a partition without text
    never loads a model (Dask calls this on an empty frame to learn its columns).
    """
    chunk = split_rows(part, text_col, id_cols, first_row)
    problems = part.get(PROBLEM)
    if problems is not None:  # read-time problems (a JSON Lines row that is not an object)
        bad = {first_row + i for i, reason in enumerate(problems.tolist()) if reason}
        chunk = _without(chunk, bad, {first_row + i: reason for i, reason in enumerate(problems.tolist()) if reason})
    if chunk.texts:
        scorer = analyzer if isinstance(analyzer, Analyzer) else analyzer()
        scored = frame(chunk.keys, list(scorer.analyze_many(chunk.texts, suggest=suggest, convert=compact)), suggest)
    else:
        scored = empty(chunk.keys, suggest)
    scored[PROBLEM] = pd.array([None] * len(scored), dtype="string")
    if not chunk.problems:
        return scored
    failed = pd.DataFrame({ROW: [row for row, _ in chunk.problems]})
    for column in id_cols:
        failed[column] = part[column].iloc[[row - first_row for row, _ in chunk.problems]].tolist()
    failed[PROBLEM] = pd.array([reason for _, reason in chunk.problems], dtype="string")
    return pd.concat([scored, failed], ignore_index=True).sort_values(ROW, kind="stable").reset_index(drop=True)


def score_with_dask(
    source: str | Path,
    out: str | Path,
    scheduler,
    model_dir: str | Path,
    *,
    text_col: str,
    id_cols: tuple[str, ...] = (),
    format: str | None = None,
    suggest: bool = False,
    sensitivity: str = "normal",
    blocksize: str = "64MB",
) -> ScoreSummary:
    """The same job on a Dask cluster: ``scheduler`` is an address ("tcp://host:8786") or a Client."""
    import dask
    from distributed import Client

    source, out = _checked_paths(source, out)
    fmt = table_format(source, format)
    id_cols = list(id_cols)
    _check_columns_first(source, fmt, [text_col, *id_cols])
    files = ModelFiles.of(model_dir)
    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        parts = _dask_frame(source, fmt, [text_col, *id_cols], blocksize)
        scored, lengths = _scored_lazily(parts, text_col, id_cols, files, sensitivity, suggest)
        staging = _staging(out)
        try:
            good = scored[scored[PROBLEM].isna()].drop(columns=[PROBLEM])
            bad = scored[~scored[PROBLEM].isna()][[ROW, PROBLEM]]
            write = good.to_parquet(
                staging, write_index=False, compute=False, name_function=PART.format, schema={CUES: cue_type()}
            )
            _, problems, flagged = dask.compute(write, bad, good[FLAGGED].sum())
            count = _write_problems(staging, problems.itertuples(index=False))
            written = sorted(staging.glob("part-*.parquet"))
            summary = ScoreSummary(out, sum(lengths), sum(lengths) - count, int(flagged), count, len(written))
            replace_directory(staging, out)
            return summary
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    finally:
        if client is not scheduler:
            client.close()


@dataclass(frozen=True)
class Scored:
    """``score_frame``'s answer: the output columns of the scored rows, and the rows that were not scored."""

    scores: pd.DataFrame
    problems: pd.DataFrame  # row, reason


def score_frame(
    data,
    text_col: str,
    analyzer: Analyzer | None = None,
    *,
    id_cols: tuple[str, ...] = (),
    suggest: bool = False,
    n_process: int = 1,
):
    """Score the column ``text_col`` of a pandas or a Dask DataFrame; rows are numbered by position from 0.

    A pandas frame is scored now and gives a ``Scored``. A Dask frame gives a
    lazy Dask frame of the output columns plus ``problem`` (the reason a row
    was not scored, else missing), computed by whatever scheduler is active.
    """
    from nlp.analyzer import load

    analyzer = analyzer or load()
    id_cols = list(id_cols)
    missing = [column for column in [text_col, *id_cols] if column not in data.columns]
    if missing:
        raise DataError(f"no column {', '.join(map(repr, missing))}; columns are: {', '.join(map(str, data.columns))}")
    if hasattr(data, "map_partitions"):
        if analyzer.model.path is None:
            raise DataError("a Dask frame needs a model saved in a folder (its files travel to the workers)")
        return _scored_lazily(data, text_col, id_cols, ModelFiles.of(analyzer.model.path), analyzer.sensitivity, suggest)[0]
    chunk = split_rows(data, text_col, id_cols, 0)
    results = list(analyzer.analyze_many(chunk.texts, n_process=n_process, suggest=suggest, convert=compact))
    return Scored(frame(chunk.keys, results, suggest), pd.DataFrame(chunk.problems, columns=[ROW, "reason"]))


def _scored_lazily(parts, text_col: str, id_cols: list[str], files: "ModelFiles", sensitivity: str, suggest: bool):
    """``parts`` scored partition by partition on the workers, and the partitions' lengths."""
    import dask

    lengths = parts.map_partitions(len).compute().tolist()
    firsts = [sum(lengths[:i]) for i in range(len(lengths))]
    model = dask.delayed(files, pure=True)  # one key in the graph: each worker receives it once
    meta = score_partition(parts._meta, text_col, id_cols, 0, lambda: None, suggest)
    scored = parts.map_partitions(
        _score_dask_partition, text_col, id_cols, firsts, model, sensitivity, suggest, meta=meta, align_dataframes=False
    )
    return scored, lengths


@dataclass(frozen=True)
class ModelFiles:
    """A model directory as bytes, to travel in a task graph; ``digest`` names it in each worker's cache."""

    digest: str
    files: dict[str, bytes]

    @classmethod
    def of(cls, model_dir: str | Path) -> "ModelFiles":
        model_dir = Path(model_dir)
        load_model(model_dir)  # a clear error here, not one per worker
        files = {name: (model_dir / name).read_bytes() for name in (META_FILE, SCORER_FILE)}
        digest = hashlib.sha256(b"".join(files[name] for name in sorted(files))).hexdigest()
        return cls(digest, files)


_WORKER_ANALYZERS: dict[tuple[str, str], Analyzer] = {}


def _worker_analyzer(model: ModelFiles, sensitivity: str) -> Analyzer:
    """The analyzer for ``model`` in this worker process: loaded from its bytes once, then reused."""
    key = (model.digest, sensitivity)
    if key not in _WORKER_ANALYZERS:
        folder = Path(tempfile.mkdtemp(prefix="horsemen-model-"))
        try:
            for name, data in model.files.items():
                (folder / name).write_bytes(data)
            _WORKER_ANALYZERS[key] = Analyzer(load_model(folder)).at(sensitivity)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return _WORKER_ANALYZERS[key]


def _score_dask_partition(part, text_col, id_cols, firsts, model, sensitivity, suggest, partition_info=None):
    first = firsts[partition_info["number"]] if partition_info else 0
    return score_partition(part, text_col, id_cols, first, lambda: _worker_analyzer(model, sensitivity), suggest)


def _check_columns_first(source: Path, fmt: str, columns: list[str]) -> None:
    """The local reader's checks on the first chunk, so a typo in a column name fails before the cluster is used."""
    next(read_chunks(source, columns[0], columns[1:], fmt, chunk_rows=1000), None)


def _dask_frame(source: Path, fmt: str, columns: list[str], blocksize: str):
    import dask.dataframe as dd

    if fmt == "csv":
        return dd.read_csv(source, usecols=columns, dtype=str, keep_default_na=False, na_values=[""], blocksize=blocksize)
    if fmt == "parquet":
        return dd.read_parquet(source, columns=columns, split_row_groups=True)  # a partition per row group
    import dask.bag as db

    return db.read_text(source, blocksize=blocksize).map_partitions(_jsonl_rows, columns).to_dataframe(
        meta={**{column: object for column in columns}, PROBLEM: object}
    )


def _jsonl_rows(lines, columns: list[str]) -> list[dict]:
    rows = []
    for line in lines:
        if line.strip():
            record, problem = parse_json_line(line)
            rows.append({**{column: record.get(column) for column in columns}, PROBLEM: problem})
    return rows


def _without(chunk: Chunk, bad: set[int], reasons: dict[int, str]) -> Chunk:
    keep = [row not in bad for row in chunk.keys[ROW].tolist()]
    texts = [text for text, ok in zip(chunk.texts, keep) if ok]
    problems = sorted([(row, reason) for row, reason in chunk.problems if row not in reasons] + list(reasons.items()))
    return Chunk(chunk.keys[keep].reset_index(drop=True), texts, problems)


def cue_type():
    import pyarrow as pa

    return pa.list_(pa.struct([(name, pa.int32() if name in ("start", "end") else pa.string()) for name in CUE_FIELDS]))


class _Writer:
    """Writes each finished chunk as one Parquet part and appends its problems to ``problems.csv``."""

    def __init__(self, folder: Path, suggest: bool) -> None:
        self.folder, self.suggest = folder, suggest
        self.parts = self.rows = self.scored = self.flagged = self.problems = 0
        self._problems_file = None

    def write(self, chunk: Chunk, results: list) -> int:
        import pyarrow as pa
        import pyarrow.parquet as pq

        out = frame(chunk.keys, results, self.suggest)
        table = pa.Table.from_pandas(out.drop(columns=[CUES]), preserve_index=False)
        table = table.append_column(CUES, pa.array(out[CUES].tolist(), type=cue_type()))
        if len(out) or not self.parts:
            pq.write_table(table, self.folder / PART.format(self.parts))
            self.parts += 1
        if chunk.problems:
            self._problem_writer().writerows(chunk.problems)
        self.problems += len(chunk.problems)
        self.scored += len(out)
        self.flagged += int(out[FLAGGED].sum())
        self.rows += len(out) + len(chunk.problems)
        return self.rows

    def close(self, out: Path) -> ScoreSummary:
        if self._problems_file is not None:
            self._problems_file.close()
        return ScoreSummary(out, self.rows, self.scored, self.flagged, self.problems, self.parts)

    def _problem_writer(self):
        if self._problems_file is None:
            self._problems_file = open(self.folder / PROBLEMS, "w", encoding="utf-8", newline="")
            self._csv = csv.writer(self._problems_file)
            self._csv.writerow([ROW, "reason"])
        return self._csv


def _write_problems(folder: Path, rows) -> int:
    rows = list(rows)
    if rows:
        with open(folder / PROBLEMS, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([ROW, "reason"])
            writer.writerows(rows)
    return len(rows)


def _checked_paths(source: str | Path, out: str | Path) -> tuple[Path, Path]:
    """Refuse what cannot work before any scoring: a missing input, an output that is not ours to replace."""
    source, out = Path(source), Path(out)
    if not source.is_file():
        raise DataError(f"{where(source)}: no such file")
    if out.exists() and not out.is_dir():
        raise DataError(f"{where(out)}: exists and is not a folder; choose another --out")
    if out.is_dir() and any(entry.name != PROBLEMS and not entry.name.startswith("part-") for entry in out.iterdir()):
        raise DataError(f"{where(out)}: folder holds other files; choose another --out or an empty folder")
    if out.resolve() == Path.cwd().resolve() or out.resolve() in source.resolve().parents:
        raise DataError(f"{where(out)}: would replace the folder holding the input or the current one; choose another --out")
    return source, out


def _staging(out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
