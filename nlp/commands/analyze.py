"""``horsemen analyze``: the command-line face of ``nlp.conversation.analyze``.

Only typer and the shared options are imported here; the analysis itself is
imported when the command runs, so ``horsemen --help`` stays fast. The CLI
registers it wrapped in ``user_errors``, which turns a bad export into one
line on stderr and exit code 2.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Optional

import typer
from typing_extensions import Annotated

from nlp.commands import (
    DateOrderOption,
    FormatOption,
    JsonOption,
    ModelOption,
    SenderColOption,
    Sensitivity,
    SensitivityOption,
    TextColOption,
    TimeColOption,
    cleaned_up_when_stopped,
    examples,
    export_options,
    ready_store,
)

MAX_DEFAULT_JOBS = 4

EXAMPLES = examples(
    'horsemen analyze "WhatsApp Chat with Casey.txt"',
    "horsemen analyze result.json --out casey --sensitivity low",
    "horsemen analyze sms.csv --text-col body --time-col sent_at",
    "horsemen analyze chat.zip --json",
)


def analyze_command(
    export: Annotated[
        Path, typer.Argument(metavar="EXPORT", help="The chat export: a file, a zip or a folder, as the app wrote it.")
    ],
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--out", "-o",
            help="Folder for messages.csv, speakers.csv, episodes.csv and report.html. Default: a folder named "
            "after the export with '-horsemen' added (chat.txt -> chat-horsemen), in the current directory. "
            "An earlier analysis there is replaced.",
            show_default=False,
        ),
    ] = None,
    format: FormatOption = None,
    date_order: DateOrderOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop at the first line that cannot be read instead of skipping and listing it.")
    ] = False,
    text_col: TextColOption = None,
    sender_col: SenderColOption = None,
    time_col: TimeColOption = None,
    repair_window: Annotated[
        float,
        typer.Option(
            "--repair-window", min=0, metavar="HOURS",
            help="An apology or repair attempt this many hours after a conflict (before the next one) counts as "
            "its repair.",
        ),
    ] = 24.0,
    jobs: Annotated[
        Optional[int],
        typer.Option("--jobs", "-j", min=1, help="Processes used for scoring (default: one per CPU core, up to 4)."),
    ] = None,
    model: ModelOption = None,
    sensitivity: SensitivityOption = Sensitivity.normal,
    json_output: JsonOption = False,
) -> None:
    """Analyse a whole chat export: per-message flags, per-person statistics, conflict episodes and an HTML report."""
    from rich.console import Console

    import pandas as pd

    from nlp.conversation.analyze import analyze_export

    store = ready_store(model)
    console = Console(stderr=True)
    with cleaned_up_when_stopped(), ProgressDisplay(console) as progress:
        summary = analyze_export(
            export, out, model=model, store=store, sensitivity=sensitivity.value, strict=strict,
            n_process=jobs or default_jobs(), repair_window=pd.Timedelta(hours=repair_window), progress=progress,
            **export_options(format, date_order, text_col, sender_col, time_col),
        )
    for note in summary["notes"]:
        typer.echo(f"horsemen: note: {note}", err=True)
    if summary["skipped_lines"]:
        typer.echo(
            f"horsemen: {summary['skipped_lines']} line(s) could not be read cleanly; "
            f"they are listed in {Path(summary['out']) / 'problems.csv'}",
            err=True,
        )
    if summary["unscored_messages"]:
        typer.echo(
            f"horsemen: {summary['unscored_messages']} message(s) with text were not scored (bots' posts, deleted "
            f"messages); they are listed with the reason in {Path(summary['out']) / 'problems.csv'}",
            err=True,
        )
    if json_output:
        typer.echo(json.dumps(summary, ensure_ascii=False))
        return
    flagged = sum(person["flagged"] for person in summary["speakers"].values())
    typer.echo(
        f"{_count(summary['messages'], 'message')} from {_count(len(summary['speakers']), 'person', 'people')}, "
        f"{flagged:,} flagged, {_count(summary['episodes'], 'conflict episode')}."
    )
    typer.echo(f"Results in {summary['out']} (open report.html in a browser).")


class ProgressDisplay:
    """A live bar on stderr while messages are scored; silent when stderr is not a terminal."""

    def __init__(self, console) -> None:
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self._progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
            TextColumn("{task.completed:,.0f} messages"), TimeElapsedColumn(),
            console=console, transient=True, disable=not console.is_terminal,
        )
        self._task = self._progress.add_task("opening the export", total=None)

    def __enter__(self):
        self._progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self._progress.stop()

    def __call__(self, step: str, done: int) -> None:
        description = {
            "model": "loading the model", "scoring": "reading and scoring", "statistics": "statistics",
            "report": "writing the report",
        }[step]
        self._progress.update(self._task, completed=done, description=description)


def _count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def default_jobs() -> int:
    """One scoring process per core this process may run on, at most MAX_DEFAULT_JOBS.

    Past a few workers the main process (parsing, writing the CSV) is the
    bottleneck, and each worker still costs memory.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, MAX_DEFAULT_JOBS)
