"""``horsemen evaluate``: how a model does on labelled messages, written and real."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from typing_extensions import Annotated

from nlp.commands import (
    JsonOption,
    ModelOption,
    Sensitivity,
    SensitivityOption,
    examples,
    load_analyzer,
)
from nlp.labels import LABELS

EXAMPLES = examples(
    "horsemen evaluate",
    "horsemen evaluate --sensitivity high --json",
    "horsemen evaluate my_labels.csv --split test",
    "horsemen evaluate --model models/trained-20250101-1200",
)


def evaluate_command(
    csv_path: Annotated[
        Optional[Path],
        typer.Argument(
            metavar="CSV",
            help="Labelled CSV: text plus 0/1 columns " + ", ".join(LABELS) + ". "
            "Without it: the built-in data's test split, slice by slice (written, real, replies, reddit).",
            show_default=False,
        ),
    ] = None,
    model: ModelOption = None,
    split: Annotated[
        Optional[str], typer.Option("--split", help="Only rows whose split column has this value (e.g. test).")
    ] = None,
    sensitivity: SensitivityOption = Sensitivity.normal,
    include_training_rows: Annotated[
        bool,
        typer.Option(
            "--include-training-rows",
            help="Also score rows the model was trained on (left out by default: they flatter it).",
        ),
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Measure a model: precision, recall and F1 per pattern, and false alarms on messages that show none.

    Rows the model was trained on are counted and left out, unless --include-training-rows.
    """
    from nlp.render import print_metrics, training_rows_note
    from nlp.training.evaluation import evaluate_builtin, evaluate_csv

    sensitivity = sensitivity.value
    analyzer = load_analyzer(model, sensitivity=sensitivity)
    if csv_path is None:
        reports = evaluate_builtin(analyzer, split=split or "test", include_training_rows=include_training_rows)
        if json_output:
            typer.echo(json.dumps({"sensitivity": sensitivity, "split": split or "test", "slices": reports}))
            return
        for number, (name, report) in enumerate(reports.items()):
            kind = "real messages, natural prevalence" if report["real"] else "written"
            if number:
                typer.echo()
            described = name if kind == name else f"{name} ({kind})"
            title = f"{described}, split={split or 'test'}, sensitivity={sensitivity}"
            if report["n"]:
                print_metrics(report, title=title)
            else:
                typer.echo(f"{title}: {training_rows_note(report['training_rows'])}")
        return
    report = evaluate_csv(csv_path, analyzer, split=split, include_training_rows=include_training_rows)
    if json_output:
        typer.echo(json.dumps(report))
    else:
        print_metrics(report, title=f"{csv_path}" + (f" (split={split})" if split else "") + f", sensitivity={sensitivity}")
