"""``horsemen score``: a table of messages (CSV, JSON Lines, Parquet) in, a folder of scored Parquet parts out."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from typing_extensions import Annotated

from nlp.commands import JsonOption, ModelOption, Sensitivity, SensitivityOption, TextColOption, examples, load_analyzer
from nlp.errors import HorsemenError

EXAMPLES = examples(
    "horsemen score comments.parquet --text-col body --id-col comment_id --out scored",
    "horsemen score logs.csv --text-col message --out scored --suggest --jobs 2",
    "horsemen score comments.parquet --text-col body --out scored --scheduler tcp://10.0.0.5:8786",
)


class TableFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


def score_command(
    source: Annotated[Path, typer.Argument(metavar="INPUT", help="A CSV, JSON Lines or Parquet file, one message per row.")],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write: part-*.parquet with the scores, _problems.csv for rows not scored.")
    ],
    text_col: TextColOption = None,
    id_col: Annotated[
        Optional[List[str]], typer.Option("--id-col", help="A column to copy to the output beside the scores (repeatable).")
    ] = None,
    table_format: Annotated[
        Optional[TableFormat], typer.Option("--table-format", help="The input's format (default: from the file name).")
    ] = None,
    suggest: Annotated[bool, typer.Option("--suggest", help="Add a rewrite for every flagged message (slower).")] = False,
    scheduler: Annotated[
        Optional[str],
        typer.Option("--scheduler", metavar="ADDRESS", help="A Dask scheduler (tcp://host:8786) to run the job on instead of this machine."),
    ] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Scoring processes on this machine (default: CPU cores, up to 4).")] = None,
    model: ModelOption = None,
    sensitivity: SensitivityOption = Sensitivity.normal,
    json_output: JsonOption = False,
) -> None:
    """Score every row of a table: per-pattern scores, flags and cue spans in Parquet, for corpora of any size."""
    if not text_col:
        raise HorsemenError("say which column holds the message text: --text-col NAME")
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise HorsemenError("`horsemen score` needs pyarrow (and dask for --scheduler): pip install 'horsemen[scale]'") from None
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from nlp.commands.analyze import default_jobs
    from nlp.corpus.score import PROBLEMS, score_file, score_with_dask

    analyzer = load_analyzer(model, sensitivity=sensitivity)
    options = dict(text_col=text_col, id_cols=tuple(id_col or ()), format=table_format.value if table_format else None, suggest=suggest)
    console = Console(stderr=True)
    if scheduler:
        with console.status(f"scoring on the Dask cluster at {scheduler}"):
            summary = score_with_dask(source, out, scheduler, analyzer.model.path, sensitivity=sensitivity.value, **options)
    else:
        columns = (SpinnerColumn(), TextColumn("scoring"), TextColumn("{task.completed:,.0f} rows"), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
            task = progress.add_task("scoring", total=None)
            summary = score_file(
                source, out, analyzer, n_process=jobs or default_jobs(),
                progress=lambda rows: progress.update(task, completed=rows), **options,
            )
    if json_output:
        typer.echo(json.dumps(summary.to_dict()))
        return
    typer.echo(f"{summary.rows:,} rows: {summary.scored:,} scored ({summary.flagged:,} flagged), {summary.problems:,} not scored.")
    typer.echo(f"Scores in {summary.out} ({summary.parts} Parquet part(s))" + (f"; reasons in {summary.out / PROBLEMS}." if summary.problems else "."))
