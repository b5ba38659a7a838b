"""``horsemen evaluate``: how a model does on labelled messages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from typing_extensions import Annotated

from nlp.commands import JsonOption, ModelOption, load_analyzer
from nlp.labels import LABELS


def evaluate_command(
    csv_path: Annotated[
        Path, typer.Argument(metavar="CSV", help="Labelled CSV: text plus 0/1 columns " + ", ".join(LABELS) + ".")
    ],
    model: ModelOption = None,
    split: Annotated[
        Optional[str], typer.Option("--split", help="Only rows whose split column has this value (e.g. test).")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Measure a model on labelled messages: precision, recall and F1 per pattern, macro-F1 and any-flag F1."""
    from nlp.training.evaluation import evaluate_csv

    report = evaluate_csv(csv_path, load_analyzer(model), split=split)
    if json_output:
        typer.echo(json.dumps(report))
    else:
        from nlp.render import print_metrics

        print_metrics(report, title=f"{csv_path}" + (f" (split={split})" if split else ""))
