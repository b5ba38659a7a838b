"""``horsemen models list|use|show``: the trained versions in the model home and which one is in use."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table
from typing_extensions import Annotated

from nlp.commands import JsonOption, user_errors

models_app = typer.Typer(
    help="List trained model versions, switch the one in use, or show one's data and metrics.",
    no_args_is_help=True,
)


@models_app.command("list")
@user_errors
def list_command(json_output: JsonOption = False) -> None:
    """List the models in the model home: which is in use, when each was trained, and its held-out macro-F1."""
    from nlp.model import model_home
    from nlp.registry import versions

    found = versions()
    if json_output:
        typer.echo(json.dumps([
            {
                "name": v.name, "path": str(v.path), "active": v.active, "status": v.status,
                "trained_at": (v.meta or {}).get("trained_at"), "heldout_macro_f1": v.heldout_macro_f1,
                "sources": [s["path"] for s in ((v.meta or {}).get("data") or {}).get("sources", [])],
            }
            for v in found
        ]))
        return
    table = Table(title=f"Models in {model_home()}", header_style="bold")
    table.add_column("")
    table.add_column("name", no_wrap=True)
    table.add_column("trained (UTC)")
    table.add_column("data")
    table.add_column("held-out macro-F1", justify="right")
    table.add_column("status")
    for v in found:
        meta = v.meta or {}
        sources = " + ".join(Path(s["path"]).name for s in (meta.get("data") or {}).get("sources", []))
        f1 = f"{v.heldout_macro_f1:.3f}" if v.heldout_macro_f1 is not None else "-"
        trained = (meta.get("trained_at") or "-")[:16].replace("T", " ")
        table.add_row("*" if v.active else "", v.name, trained, sources or "-", f1, v.status)
    Console().print(table)
    typer.echo("* = in use. Switch with: horsemen models use NAME")


@models_app.command("use")
@user_errors
def use_command(
    name: Annotated[str, typer.Argument(help="A name from `horsemen models list`; 'default' for the built-in model.")],
) -> None:
    """Make NAME the model that check, analyze, serve and queue use when no --model is given."""
    from nlp.registry import use

    use(name)
    typer.echo(f"Now using {name}.")


@models_app.command("show")
@user_errors
def show_command(
    name: Annotated[
        Optional[str], typer.Argument(help="A name from `horsemen models list` (default: the model in use).", show_default=False)
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Show one model: where it is, what it was trained on, its thresholds and its held-out metrics."""
    from nlp.errors import ModelError
    from nlp.registry import active_name, versions

    name = name or active_name()
    version = next((v for v in versions() if v.name == name), None)
    if version is None or version.meta is None:
        raise ModelError(f"no usable model named {name!r} (see `horsemen models list`)")
    if json_output:
        typer.echo(json.dumps({"name": version.name, "path": str(version.path), "active": version.active, **version.meta}))
        return
    from nlp.render import print_metrics

    meta, console = version.meta, Console()
    data = meta.get("data", {})
    console.print(f"[bold]{version.name}[/bold]{' (in use)' if version.active else ''}: {version.path}", highlight=False)
    console.print(f"trained {meta.get('trained_at', '?')} in {meta.get('training_seconds', '?')} s; status: {version.status}")
    for source in data.get("sources", []):
        console.print(f"  data: {source['path']} ({source['rows']:,} rows, sha256 {source['sha256'][:12]})", highlight=False)
    console.print(f"  fitted on {data.get('train_rows', '?')} rows, held out {data.get('test_rows', '?')}")
    comparison = meta.get("comparison")
    if comparison and comparison.get("macro_f1_change") is not None:
        console.print(
            f"  compared with {comparison['current_model']} when trained: macro-F1 change {comparison['macro_f1_change']:+.3f}"
            + (" (forced)" if comparison.get("forced") else ""),
            highlight=False,
        )
    console.print("  thresholds: " + ", ".join(f"{k} {v:.2f}" for k, v in meta.get("thresholds", {}).items()))
    metrics = meta.get("metrics", {})
    if metrics.get("test"):
        print_metrics(metrics["test"], title="Held-out rows", console=console)
    if metrics.get("cv"):
        print_metrics(metrics["cv"], title="Cross-validated on the training rows", console=console)
