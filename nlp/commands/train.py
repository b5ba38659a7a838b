"""``horsemen train``: learn from labelled rows, and replace the model in use only if no worse.

Exit codes: 0 when the model was written (and, without --out, is now in use);
1 when it was not made the model in use (or did not overwrite --out) because
it scored worse than the current one; 2 for a user error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table
from typing_extensions import Annotated

from nlp.commands import JsonOption, examples
from nlp.labels import LABELS

EXIT_NOT_REPLACED = 1
CONFLICTS_SHOWN = 10

EXAMPLES = examples(
    "horsemen train to_label.csv",
    "horsemen train my_labels.csv --name with-my-chats --tolerance 0.02",
    "horsemen train my_labels.csv --no-base --out my-model",
    "horsemen train",
)


def train_command(
    csv_path: Annotated[
        Optional[Path],
        typer.Argument(
            metavar="CSV",
            help="Labelled CSV: text plus 0/1 columns " + ", ".join(LABELS) + " (a sheet from `horsemen queue` works; "
            "rows with no label filled in are skipped). Without it: the built-in data plus your feedback.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--out", "-o",
            help="Write the model to this folder instead of a new version in the model home; the model in use is left "
            "alone. A model already there is only replaced by a better one (or with --force).",
        ),
    ] = None,
    name: Annotated[
        Optional[str], typer.Option("--name", help="Name of the new version (default: trained-DATE-TIME).")
    ] = None,
    no_base: Annotated[
        bool, typer.Option("--no-base", help="Train on your rows only, without the built-in data set.")
    ] = False,
    no_feedback: Annotated[
        bool, typer.Option("--no-feedback", help="Leave out the corrections recorded with `horsemen feedback`.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Use the new model even if it scores worse than the current one.")
    ] = False,
    tolerance: Annotated[
        float,
        typer.Option("--tolerance", min=0.0, max=1.0, help="How much held-out macro-F1 may drop before the new model is refused."),
    ] = 0.01,
    json_output: JsonOption = False,
) -> None:
    """Train on your labelled messages plus the built-in data; switch to the new model only if it is no worse on the same held-out rows."""
    from nlp.commands import model_store
    from nlp.training.retrain import retrain

    progress_console = Console(stderr=True)
    with progress_console.status("starting") as status:
        outcome = retrain(
            csv_path, store=model_store(), out=out, name=name, include_builtin=not no_base, use_feedback=not no_feedback,
            force=force, tolerance=tolerance, progress=lambda step: status.update(f"{step}..."),
        )
    if json_output:
        typer.echo(json.dumps(_summary(outcome)))
    else:
        _print_report(outcome, Console())
    if outcome.refused:
        raise typer.Exit(EXIT_NOT_REPLACED)


def _summary(outcome) -> dict:
    data = outcome.data
    return {
        "model": str(outcome.path) if outcome.path else None,
        "name": outcome.name,
        "active": outcome.activated,
        "refused": outcome.refused,
        "thresholds": outcome.meta.thresholds,
        "metrics": outcome.meta.metrics,
        "comparison": outcome.comparison.to_dict(),
        "data": {
            "sources": data.sources,
            "train_rows": len(data.train),
            "heldout_rows": len(data.heldout),
            "your_heldout_rows": data.user_heldout,
            "unlabelled_skipped": data.unlabelled,
            "duplicates_dropped": data.duplicates,
            "conflicts": [
                {"source": c.source, "line": c.line, "replaces": c.replaced_source, "replaced_line": c.replaced_line, "changes": c.changes()}
                for c in data.conflicts
            ],
        },
    }


def _print_report(outcome, console: Console) -> None:
    data, comparison = outcome.data, outcome.comparison

    def say(text: str) -> None:
        console.print(text, soft_wrap=True, highlight=False, markup=False)

    say("Data: " + " + ".join(f"{source['rows']:,} {_source_name(source['path'])}" for source in data.sources) + " rows.")
    if data.unlabelled:
        say(f"  {data.unlabelled} row(s) with no label filled in were skipped.")
    if data.duplicates:
        say(f"  {data.duplicates} row(s) repeat an earlier row with the same labels; the copies were dropped.")
    if data.conflicts:
        say(f"  {len(data.conflicts)} row(s) disagree with an earlier row for the same text; the later row's labels are used:")
        for conflict in data.conflicts[:CONFLICTS_SHOWN]:
            say(
                f"    {_source_name(conflict.source)} line {conflict.line} over {_source_name(conflict.replaced_source)} "
                f"line {conflict.replaced_line}: {conflict.changes()}"
            )
        if len(data.conflicts) > CONFLICTS_SHOWN:
            say(f"    ... and {len(data.conflicts) - CONFLICTS_SHOWN} more (see --json)")
    say(
        f"Fitted on {len(data.train):,} rows; held out {len(data.heldout):,} "
        f"({len(data.heldout) - data.user_heldout:,} built-in test + {data.user_heldout:,} of yours, chosen by a hash "
        "of the text so every training holds out the same ones)."
    )
    if comparison.new is not None:
        console.print(_comparison_table(comparison))
    if comparison.note:
        say(f"Note: {comparison.note}.")
    if comparison.change is not None:
        say(f"macro-F1 {comparison.current['macro_f1']:.3f} -> {comparison.new['macro_f1']:.3f} ({comparison.change:+.3f})")
    yours = comparison.your_rows
    if yours is not None:
        before = "" if yours["current_all_right"] is None else f"{yours['current_all_right']} -> "
        say(f"Your {yours['n']} held-out rows with all four labels right: {before}{yours['new_all_right']}")
    say(_verdict(outcome))


def _comparison_table(comparison) -> Table:
    current, new = comparison.current or {}, comparison.new
    title = f"The same {new['n']:,} held-out rows: {comparison.current_name or 'no current model'} vs new"
    table = Table(title=title, header_style="bold")
    table.add_column("pattern")
    table.add_column("current P R F1", justify="right")
    table.add_column("new P R F1", justify="right")
    table.add_column("change", justify="right")
    table.add_column("n", justify="right")
    blocks = [(label, current.get("labels", {}).get(label), new["labels"][label]) for label in LABELS]
    blocks.append(("any flag", current.get("any"), new["any"]))
    for name, before, after in blocks:
        change = f"{after['f1'] - before['f1']:+.3f}" if before else "-"
        style = "bold" if name == "any flag" else None
        table.add_row(name, _cells(before), _cells(after), change, str(after["support"]), style=style)
    return table


def _cells(block: dict | None) -> str:
    if block is None:
        return "-"
    return f"{block['precision']:.3f} {block['recall']:.3f} {block['f1']:.3f}"


def _verdict(outcome) -> str:
    comparison = outcome.comparison
    if outcome.path is None:
        return (
            f"Not written: the new model scores worse than the one in {comparison.current_name}, which is kept. "
            "Train again with --force to overwrite it anyway."
        )
    if outcome.name is None:
        return f"Model written to {outcome.path}. Use it with: horsemen check --model {outcome.path} \"...\""
    if outcome.activated:
        forced = " (forced)" if outcome.forced and not comparison.acceptable else ""
        return (
            f"Saved as {outcome.name} and now in use{forced}. To go back: horsemen models use {comparison.current_name or 'default'}"
        )
    reason = (
        comparison.note
        if comparison.new is None
        else f"macro-F1 dropped by more than the {comparison.tolerance:.3f} tolerance"
    )
    return (
        f"Not switched to the new model ({reason}); {comparison.current_name} stays in use. "
        f"The new model is saved as {outcome.name}: horsemen models use {outcome.name} adopts it anyway."
    )


def _source_name(path: str) -> str:
    return path if path in ("built-in", "feedback") else Path(path).name
