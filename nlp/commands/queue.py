"""``horsemen queue``: a labelling sheet of the messages the model is least sure about."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from typing_extensions import Annotated

from nlp.commands import ModelOption, load_analyzer, ready_store
from nlp.labels import LABELS


def queue_command(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="EXPORT_OR_CSV",
            help="A chat export (file, zip or folder, any format `horsemen analyze` reads) or a CSV with a text column.",
        ),
    ],
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="How many messages to put on the sheet.")] = 50,
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the sheet (an existing file is never overwritten).")] = Path(
        "to_label.csv"
    ),
    model: ModelOption = None,
    format: Annotated[Optional[str], typer.Option("--format", "-f", help="The app that wrote the export (default: detected).")] = None,
    text_col: Annotated[Optional[str], typer.Option("--text-col", help="Generic CSV/JSONL: the message text column.")] = None,
    sender_col: Annotated[Optional[str], typer.Option("--sender-col", help="Generic CSV/JSONL: the sender column.")] = None,
) -> None:
    """Put the messages the model is least sure about (and unlike each other) in a CSV to label for `horsemen train`."""
    from rich.console import Console
    from rich.progress import Progress

    from nlp.training.queue import make_queue

    store = ready_store(model)
    analyzer = load_analyzer(model, store)
    with Progress(transient=True, console=Console(stderr=True)) as progress:
        task = progress.add_task("reading messages", total=None)
        queue = make_queue(
            source, out, analyzer, store=store, top=top, advance=lambda done: progress.advance(task, done),
            format=format, text_col=text_col, sender_col=sender_col,
        )
    if queue.unreadable_lines:
        typer.echo(f"horsemen: note: {queue.unreadable_lines} line(s) of {source} could not be read and were skipped", err=True)
    typer.echo(
        f"Wrote {queue.picked} of {queue.candidates:,} distinct messages to {out}. Put 1 or 0 in each of "
        f"{', '.join(LABELS)}; rows left blank are skipped. Then: horsemen train {out}"
    )
