"""``horsemen queue``: a labelling sheet of the messages the model is least sure about."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from typing_extensions import Annotated

from nlp.commands import ModelOption
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

    from nlp.active_learning import chat_messages, pick, unique_unlabelled, write_queue
    from nlp.build import featurize
    from nlp.dataset import BUILTIN_DATA, read_labelled
    from nlp.errors import DataError
    from nlp.feedback import feedback_path
    from nlp.model import load_model
    from nlp.registry import load_current_model

    if out.exists():
        raise DataError(f"{out}: already exists (it may hold your labels); choose another --out or move it away")
    messages, problems = chat_messages(source, format=format, text_col=text_col, sender_col=sender_col)
    labelled = {row.text for row in read_labelled(BUILTIN_DATA)}
    if feedback_path().is_file():
        labelled |= {row.text for row in read_labelled(feedback_path())}
    candidates = unique_unlabelled(messages, labelled)
    if not candidates:
        raise DataError(f"{source}: no typed message that is not already labelled")
    current = load_model(model) if model else load_current_model()
    with Progress(transient=True, console=Console(stderr=True)) as progress:
        task = progress.add_task("scoring messages", total=len(candidates))
        features = featurize([m.text for m in candidates], advance=lambda done: progress.advance(task, done))
    picked, probabilities = pick(candidates, features, current, top)
    write_queue(out, picked, probabilities, current.thresholds)
    if problems:
        typer.echo(f"horsemen: note: {len(problems)} line(s) of {source} could not be read and were skipped", err=True)
    typer.echo(
        f"Wrote {len(picked)} of {len(candidates):,} distinct messages to {out}. Put 1 or 0 in each of "
        f"{', '.join(LABELS)}; rows left blank are skipped. Then: horsemen train {out}"
    )
