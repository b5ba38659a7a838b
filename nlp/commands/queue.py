"""``horsemen queue``: a labelling sheet of the messages the model is least sure about."""

from __future__ import annotations

from pathlib import Path

import typer
from typing_extensions import Annotated

from nlp.commands import (
    DateOrderOption,
    FormatOption,
    ModelOption,
    SenderColOption,
    TextColOption,
    TimeColOption,
    examples,
    export_options,
    load_analyzer,
    ready_store,
)
from nlp.labels import LABELS

EXAMPLES = examples(
    'horsemen queue "WhatsApp Chat with Casey.txt" --top 50 --out to_label.csv',
    "horsemen queue sms.csv --format csv --text-col body --time-col sent_at",
    "horsemen train to_label.csv",
)


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
    format: FormatOption = None,
    date_order: DateOrderOption = None,
    text_col: TextColOption = None,
    sender_col: SenderColOption = None,
    time_col: TimeColOption = None,
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
            **export_options(format, date_order, text_col, sender_col, time_col),
        )
    if queue.unreadable_lines:
        typer.echo(f"horsemen: note: {queue.unreadable_lines} line(s) of {source} could not be read and were skipped", err=True)
    typer.echo(
        f"Wrote {queue.picked} of {queue.candidates:,} distinct messages to {out}. Put 1 or 0 in each of "
        f"{', '.join(LABELS)}; rows left blank are skipped. Then: horsemen train {out}"
    )
