"""Readable terminal output for the CLI (rich), kept apart from the commands."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table
from rich.text import Text

from nlp.labels import LABELS
from nlp.results import Analysis

EXCERPT_CHARS = 50

STYLES = {"criticism": "bold red", "contempt": "bold magenta", "defensiveness": "bold yellow", "stonewalling": "bold cyan"}


def highlighted(analysis: Analysis) -> Text:
    """The message with its highlights styled in their pattern's colour, and healthy moves in green."""
    text = Text(analysis.text)
    for shown in analysis.highlights:
        text.stylize(STYLES.get(shown.pattern, "bold"), shown.start, shown.end)
    for positive in analysis.positives:
        text.stylize("green", positive.start, positive.end)
    return text


def print_analysis(analysis: Analysis, console: Console | None = None) -> None:
    console = console or Console()
    console.print(highlighted(analysis))
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("pattern")
    table.add_column("score", justify="right")
    table.add_column("flag")
    table.add_column("triggered by")
    for label in LABELS:
        score = analysis.patterns[label]
        words = ", ".join(f'"{h.text}"' for h in analysis.highlights if h.pattern == label)
        flag = Text("FLAGGED", style=STYLES[label]) if score.flagged else Text("-", style="dim")
        table.add_row(label, f"{score.score:.2f}", flag, words)
    console.print(table)
    if not analysis.flagged:
        console.print(Text("No pattern flagged.", style="green"))
    if analysis.rewrite:
        console.print(Text.assemble(("Try instead: ", "bold green"), analysis.rewrite))
    for antidote in analysis.antidotes:
        console.print(Text.assemble((f"{antidote.pattern}: ", "bold"), antidote.advice, (f'  e.g. "{antidote.example}"', "italic")))
    if analysis.positives:
        kinds = ", ".join(dict.fromkeys(p.kind.replace("_", " ") for p in analysis.positives))
        console.print(Text.assemble(("Good moves: ", "bold green"), kinds))
    if analysis.truncated:
        console.print(Text("(only the first 10,000 characters were analysed)", style="dim"))


def print_metrics(report: dict, title: str, console: Console | None = None) -> None:
    console = console or Console()
    console.print(Text(title, style="bold"))  # on its own line: a table's title wraps to the table's width
    table = Table(header_style="bold")
    for column in ("pattern", "precision", "recall", "F1", "support"):
        table.add_column(column, justify="left" if column == "pattern" else "right")
    for label in LABELS:
        m = report["labels"][label]
        table.add_row(label, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", str(m["support"]))
    any_flag = report["any"]
    table.add_row("any flag", f"{any_flag['precision']:.3f}", f"{any_flag['recall']:.3f}", f"{any_flag['f1']:.3f}", str(any_flag["support"]), style="bold")
    console.print(table)
    console.print(f"n = {report['n']}   macro-F1 = {report['macro_f1']:.3f}   any-flag F1 = {report['any_f1']:.3f}")
    if "any_counts" in report:
        counts, low_high = report["any_counts"], lambda pair: f"{pair[0]:.2f}-{pair[1]:.2f}"
        console.print(
            f"any flag: {counts['tp']} caught, {counts['fn']} missed, {counts['fp']} false alarms; "
            f"95% intervals: precision {low_high(report['any_precision_interval'])}, recall {low_high(report['any_recall_interval'])}"
        )
    if "false_alarms" in report:
        alarms = report["false_alarms"]
        console.print(
            f"false alarms: {alarms['flagged']} of {alarms['benign']} messages with no pattern flagged "
            f"= {alarms['rate']:.1%} (95% interval {alarms['interval'][0]:.1%}-{alarms['interval'][1]:.1%})",
            highlight=False,
        )
    if "training_rows" in report:
        console.print(training_rows_note(report["training_rows"]), highlight=False)
    if report.get("unlabelled_skipped"):
        console.print(f"{report['unlabelled_skipped']} row(s) with no label filled in were skipped", highlight=False)


def training_rows_note(counts: dict) -> str:
    """What an evaluation did about rows the model was fitted on: it always says."""
    rows, seen = counts["rows"], counts["trained_on"]
    if not seen:
        return f"training rows: none of the {rows:,} rows was a training row of this model"
    if counts["excluded"]:
        return (
            f"training rows: {seen:,} of {rows:,} rows were training rows of this model and are left out "
            "(--include-training-rows keeps them)"
        )
    return f"training rows: {seen:,} of {rows:,} rows were training rows of this model and are kept: these figures flatter it"


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """A message on one line, quoted, cut to ``limit`` characters: for tables that list many."""
    flat = " ".join(text.split())
    return json.dumps(flat if len(flat) <= limit else flat[: limit - 1] + "…", ensure_ascii=False)
