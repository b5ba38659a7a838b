"""``horsemen train``: learn from everything you labelled, and switch to the new model only if it is no worse.

Exit codes: 0 when the model was written (and, without --out, is now in use);
1 when it was refused: worse than the current model on some held-out slice,
so it was not made the model in use (or did not overwrite --out); 2 for a
user error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich import box
from rich.console import Console
from rich.table import Table
from typing_extensions import Annotated

from nlp.commands import JsonOption, examples
from nlp.labels import LABELS
from nlp.training.acceptance import CONFIDENCE, DEFAULT_TOLERANCE, RESAMPLES

EXIT_REFUSED = 1
OVERLAPS_SHOWN = 10

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
            "rows with no label filled in are skipped). It joins your data (`horsemen data list`) if the new model is "
            "put in use. Without it: the built-in data plus your data.",
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
        bool, typer.Option("--no-base", help="Train on your data only, without the built-in data set.")
    ] = False,
    no_feedback: Annotated[
        bool, typer.Option("--no-feedback", help="Leave out the corrections recorded with `horsemen feedback`.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Use the new model (and keep the CSV in your data) even if it scores worse.")
    ] = False,
    tolerance: Annotated[
        float,
        typer.Option(
            "--tolerance", min=0.0, max=1.0,
            help="How much mean average precision on a held-out slice may drop before the new model is refused "
            f"(when it is lower in {CONFIDENCE:.0%} of resamplings).",
        ),
    ] = DEFAULT_TOLERANCE,
    json_output: JsonOption = False,
) -> None:
    """Train on the built-in data plus everything you labelled; switch to the new model only if it is no worse on rows neither model learnt from.

    Exit code 1 when the new model is refused (it is kept as a version, listed as refused); 2 for a user error.
    """
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
        raise typer.Exit(EXIT_REFUSED)


def _summary(outcome) -> dict:
    from nlp.training.data import describe

    data = outcome.data
    return {
        "model": str(outcome.path) if outcome.path else None,
        "name": outcome.name,
        "active": outcome.activated,
        "refused": outcome.refused,
        "thresholds": outcome.meta.thresholds,
        "metrics": outcome.meta.metrics,
        "comparison": outcome.comparison.to_dict(),
        "added": _contribution(outcome.added),
        "already_in_your_data": _contribution(outcome.already),
        "data": {
            "sources": data.sources,
            "train_rows": len(data.train),
            "heldout_rows": len(data.heldout),
            "your_heldout_rows": data.user_heldout,
            "unlabelled_skipped": data.unlabelled,
            "duplicates_dropped": data.duplicates,
            "your_rows_over_earlier_rows": [
                {"row": describe(o.source, o.line), "earlier": describe(o.earlier_source, o.earlier_line), "changes": o.changes()}
                for o in data.yours
            ],
        },
    }


def _contribution(contribution) -> dict | None:
    return None if contribution is None else {"id": contribution.id, "source": contribution.source, "rows": len(contribution.rows)}


def _print_report(outcome, console: Console) -> None:
    from nlp.render import excerpt

    data, comparison = outcome.data, outcome.comparison

    def say(text: str) -> None:
        console.print(text, soft_wrap=True, highlight=False, markup=False)

    say(_data_line(data))
    if outcome.already is not None:
        say(f"  {Path(outcome.already.source).name} is already in your data as #{outcome.already.id}; nothing new was added.")
    if data.unlabelled:
        say(f"  {data.unlabelled} row(s) with no label filled in were skipped.")
    for line in _overlap_lines(data):
        say(line)
    builtin_heldout = len(data.heldout) - data.user_heldout
    say(
        f"Fitted on {len(data.train):,} rows. Held out {len(data.heldout):,}: {builtin_heldout:,} built-in test "
        f"+ {data.user_heldout:,} of yours (fixed when they were added)."
    )
    if comparison.slices:
        console.print(_summary_table(comparison))
    for name, reason in comparison.skipped.items():
        say(f"{name}: not compared: {reason}.")
    if comparison.note:
        say(f"Note: {comparison.note}.")
    for part in comparison.slices:
        if part.worse:
            console.print(_slice_table(part, comparison.current_name))
    say(_verdict(outcome))
    for part in comparison.slices:
        if part.worse and part.pulled_down:
            say(
                f"Rows of {part.name} the new model ranks worse than {comparison.current_name} does "
                "(the score of the pattern that fell furthest in the ranking, now -> new):"
            )
            for row in part.pulled_down:
                labels = ", ".join(row["labels"]) or "none"
                say(
                    f"  {row['row']}: {row['pattern']} {row['current_score']:.2f} -> {row['new_score']:.2f} "
                    f"(labelled: {labels}) {excerpt(row['text'])}"
                )


def _data_line(data) -> str:
    from nlp.training.data import BUILTIN

    builtin = [source for source in data.sources if source["path"] == BUILTIN]
    yours = [source for source in data.sources if source["path"] != BUILTIN]
    parts = []
    if builtin:
        slices = ", ".join(f"{source['slice']} {source['rows']:,}" for source in builtin)
        parts.append(f"built-in {sum(source['rows'] for source in builtin):,} rows ({slices})")
    kept = [source for source in yours if source["contribution"] is not None]
    if kept:
        parts.append("your data " + ", ".join(f"#{s['contribution']} {Path(s['path']).name} {s['rows']:,}" for s in kept))
    parts.extend(f"new {Path(s['path']).name} {s['rows']:,} rows" for s in yours if s["contribution"] is None)
    return "Data: " + "; ".join(parts) + "."


def _overlap_lines(data) -> list[str]:
    """Your rows that relabel an earlier row (they win) or repeat one (dropped), naming the row each repeats."""
    from nlp.training.data import describe

    lines = []
    for relabels, verb in ((True, "relabel an earlier row; your later labels are used"), (False, "repeat an earlier row with the same labels; the copies were dropped")):
        found = [overlap for overlap in data.yours if overlap.relabels == relabels]
        if not found:
            continue
        lines.append(f"  {len(found)} of your row(s) {verb}:")
        for overlap in found[:OVERLAPS_SHOWN]:
            change = f": {overlap.changes()}" if relabels else ""
            lines.append(f"    {describe(overlap.source, overlap.line)} over {describe(overlap.earlier_source, overlap.earlier_line)}{change}")
        if len(found) > OVERLAPS_SHOWN:
            lines.append(f"    ... and {len(found) - OVERLAPS_SHOWN} more (see --json)")
    return lines


def _summary_table(comparison) -> Table:
    """One row per slice: macro-F1 at the default sensitivity, mean average precision (the measure decided on), verdict."""
    current = comparison.current_name or "no model"
    table = Table(
        title=f"Held-out rows neither model was trained on: {current} (now) -> new",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
        caption=f"worse: mean AP lower by more than {comparison.tolerance} and lower in at least {CONFIDENCE:.0%} "
        f"of {RESAMPLES:,} resamplings of the slice's rows",
    )
    table.add_column("slice", no_wrap=True)
    for column in ("n", "macro-F1", "mean AP", "change", "lower in"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    for part in comparison.slices:
        compared = part.drop is not None
        table.add_row(
            part.name, f"{part.new['n']:,}",
            f"{_number(part.current['macro_f1'] if part.current else None)} -> {_number(part.new['macro_f1'])}",
            f"{_number(part.current_ap['mean'] if compared else None)} -> {_number(part.new_ap['mean'])}",
            f"{0.0 - part.drop:+.4f}" if compared else "-", f"{part.worse_share:.0%}" if compared else "-",
            "WORSE" if part.worse else "no worse" if compared else "-",
            style="bold" if part.worse else None,
        )
    return table


def _slice_table(part, current_name: str | None) -> Table:
    """A slice the new model is worse on, per pattern: F1 at the default sensitivity and average precision."""
    left_out = f"; {part.left_out:,} left out ({current_name} was trained on them)" if part.left_out else ""
    table = Table(title=f"{part.name}, per pattern{left_out}", header_style="bold")
    for column in ("pattern", "n", "F1 now", "F1 new", "AP now", "AP new", "change"):
        table.add_column(column, justify="left" if column == "pattern" else "right")
    for label in LABELS:
        before, after = part.current_ap.get(label), part.new_ap.get(label)
        table.add_row(
            label, f"{part.new['labels'][label]['support']:,}", _number(part.current["labels"][label]["f1"]),
            _number(part.new["labels"][label]["f1"]), _number(before), _number(after),
            "-" if before is None or after is None else f"{after - before:+.4f}",
        )
    return table


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _verdict(outcome) -> str:
    comparison = outcome.comparison
    worse = ", ".join(comparison.worse_on)
    reason = comparison.note if not comparison.slices else (
        f"worse than {comparison.current_name} on {worse}: mean average precision fell by more than "
        f"{comparison.tolerance}, in at least {CONFIDENCE:.0%} of resamplings"
    )
    if outcome.path is None:
        return f"Refused ({reason}): the model in {comparison.current_name} is kept. Train again with --force to overwrite it anyway."
    if outcome.name is None:
        return f"Model written to {outcome.path}. Use it with: horsemen check --model {outcome.path} \"...\""
    if outcome.activated:
        forced = f" (forced: worse on {worse})" if outcome.forced and not comparison.acceptable else ""
        added = (
            f" {Path(outcome.added.source).name} is now #{outcome.added.id} in your data "
            f"(`horsemen data remove {outcome.added.id}` undoes it)."
            if outcome.added else ""
        )
        return f"Saved as {outcome.name} and now in use{forced}.{added} To go back: horsemen models use {comparison.current_name or 'default'}"
    kept_out = f" {Path(outcome.new_csv.source).name} was not added to your data." if outcome.new_csv else ""
    return (
        f"Refused ({reason}). {comparison.current_name} stays in use; the new model is kept as {outcome.name} "
        f"(listed as refused).{kept_out} To use it anyway: train again with --force, or horsemen models use {outcome.name} --force."
    )
