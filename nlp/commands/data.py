"""``horsemen data list|show|remove``: the labelled rows you added (CSVs trained on, corrections), and undoing one."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich import box
from rich.console import Console
from rich.table import Table
from typing_extensions import Annotated

from nlp.commands import CONTEXT_SETTINGS, Command, Group, JsonOption, examples, user_errors
from nlp.labels import LABELS
from nlp.render import excerpt

data_app = typer.Typer(
    cls=Group,
    help="See what you taught the model (every CSV trained on and every correction) and undo one.",
    epilog=examples("horsemen data list", "horsemen data show 2", "horsemen data remove 2"),
    no_args_is_help=True,
    context_settings=CONTEXT_SETTINGS,
)

FEEDBACK_TEXT_SHOWN = 24

ContributionId = Annotated[int, typer.Argument(metavar="ID", help="A number from `horsemen data list`.")]


@data_app.command("list", cls=Command, epilog=examples("horsemen data list", "horsemen data list --json"))
@user_errors
def list_command(json_output: JsonOption = False) -> None:
    """List your contributions: when, from where, how many rows, how many held out, and how many relabel an earlier row."""
    contributions, overlaps = _contributions_and_overlaps()
    listed = [
        {
            "id": c.id, "kind": c.kind, "source": c.source, "added_at": c.added_at, "rows": len(c.rows), "held_out": c.heldout,
            "relabels": sum(o.relabels for o in overlaps.get(c.name, [])),
            "repeats": sum(not o.relabels for o in overlaps.get(c.name, [])),
        }
        for c in contributions
    ]
    if json_output:
        typer.echo(json.dumps(listed))
        return
    from nlp.commands import model_store

    if not listed:
        typer.echo(f"Your data in {model_store().user_data_path} is empty: `horsemen train CSV` and `horsemen feedback` add to it.")
        return
    table = Table(
        title=f"Your data: {sum(entry['rows'] for entry in listed):,} labelled rows",
        header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True,
    )
    table.add_column("id", justify="right")
    table.add_column("added (UTC)", no_wrap=True)
    table.add_column("source")
    for column in ("rows", "held out", "relabels", "repeats"):
        table.add_column(column, justify="right")
    for contribution, entry in zip(contributions, listed):
        table.add_row(
            f"#{entry['id']}", entry["added_at"][:16].replace("T", " "), _source(contribution), f"{entry['rows']:,}",
            f"{entry['held_out']:,}", f"{entry['relabels']:,}", f"{entry['repeats']:,}",
        )
    Console().print(table)
    typer.echo(
        "Training uses the built-in data plus all of these; a later label for the same text wins. "
        "Relabels and repeats count rows whose text an earlier row already has. See one: horsemen data show ID"
    )


@data_app.command("show", cls=Command, epilog=examples("horsemen data show 2", "horsemen data show 2 --json"))
@user_errors
def show_command(contribution_id: ContributionId, json_output: JsonOption = False) -> None:
    """Show one contribution's rows: labels, split, and the earlier row each one relabels or repeats."""
    from nlp.training.data import describe
    from nlp.training.userdata import find

    contributions, overlaps = _contributions_and_overlaps()
    contribution = find(contributions, contribution_id)
    over = {o.line: o for o in overlaps.get(contribution.name, [])}  # a correction's one row has no line: None
    rows = [
        {
            "line": row.line, "text": row.text, "labels": dict(zip(LABELS, row.labels)), "split": row.split,
            "over": None if row.line not in over else {
                "row": describe(over[row.line].earlier_source, over[row.line].earlier_line), "changes": over[row.line].changes(),
            },
        }
        for row in contribution.rows
    ]
    if json_output:
        typer.echo(json.dumps({
            "id": contribution.id, "kind": contribution.kind, "source": contribution.source, "sha256": contribution.sha256,
            "added_at": contribution.added_at, "unlabelled_skipped": contribution.unlabelled, "rows": rows,
        }, ensure_ascii=False))
        return
    console = Console()
    console.print(
        f"#{contribution.id} {_source(contribution)}: added {contribution.added_at}, {len(rows):,} rows "
        f"({contribution.heldout:,} held out for comparisons)"
        + (f", {contribution.unlabelled:,} left blank and skipped" if contribution.unlabelled else ""),
        highlight=False, markup=False,
    )
    table = Table(header_style="bold")
    for column in ("line", "split", "labels", "text", "earlier row"):
        table.add_column(column, justify="right" if column == "line" else "left")
    for row in rows:
        labels = ", ".join(label for label, value in row["labels"].items() if value) or "none"
        earlier = "-" if row["over"] is None else f"{row['over']['row']}: {row['over']['changes'] or 'same labels'}"
        table.add_row("-" if row["line"] is None else str(row["line"]), row["split"], labels, excerpt(row["text"]), earlier)
    console.print(table)
    typer.echo(f"Undo it: horsemen data remove {contribution.id}")


@data_app.command("remove", cls=Command, epilog=examples("horsemen data remove 2"))
@user_errors
def remove_command(contribution_id: ContributionId) -> None:
    """Remove one contribution from your data; the next `horsemen train` learns without it."""
    from nlp.commands import model_store
    from nlp.errors import ModelError
    from nlp.training.userdata import UserData

    store = model_store()
    removed = UserData(store).remove(contribution_id)
    typer.echo(f"Removed #{removed.id} {_source(removed)} ({len(removed.rows):,} rows) from your data.")
    name = store.active_name()
    try:
        sources = store.load(name).meta.data.get("sources", [])
    except ModelError:
        sources = []
    if any(source.get("sha256") == removed.sha256 for source in sources):
        typer.echo(
            f"The model in use, {name}, was trained with it: `horsemen train` trains one on the rest of your data, "
            "`horsemen models use NAME` goes back to an earlier one."
        )


def _contributions_and_overlaps():
    """Your contributions, and per contribution name the earlier rows its rows relabel or repeat."""
    from nlp.commands import model_store
    from nlp.training.data import collect_rows
    from nlp.training.userdata import UserData

    contributions = UserData(model_store()).contributions()
    overlaps: dict[str, list] = {}
    if contributions:
        for overlap in collect_rows(contributions).yours:
            overlaps.setdefault(overlap.source, []).append(overlap)
    return contributions, overlaps


def _source(contribution) -> str:
    if contribution.kind == "feedback":
        return f"feedback {excerpt(contribution.rows[0].text, FEEDBACK_TEXT_SHOWN)}"
    return Path(contribution.source).name
