"""``horsemen models list|use|show``: the trained versions in the model home and which one is in use."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table
from typing_extensions import Annotated

from nlp.commands import CONTEXT_SETTINGS, Command, Group, JsonOption, examples, user_errors

models_app = typer.Typer(
    cls=Group,
    help="List trained model versions, switch the one in use, or show one's data and metrics.",
    epilog=examples("horsemen models list", "horsemen models use trained-20250101-1200", "horsemen models show"),
    no_args_is_help=True,
    context_settings=CONTEXT_SETTINGS,
)


@models_app.command("list", cls=Command, epilog=examples("horsemen models list", "horsemen models list --json"))
@user_errors
def list_command(json_output: JsonOption = False) -> None:
    """List the models in the model home: which is in use, when each was trained, and its held-out macro-F1."""
    from nlp.commands import model_store

    store = model_store()
    found = _versions(store)
    if json_output:
        typer.echo(json.dumps([
            {
                "name": v.name, "path": str(v.path), "active": v.active, "status": v.status,
                "trained_at": v.meta.trained_at if v.meta else None,
                "heldout_macro_f1": v.meta.heldout_macro_f1 if v.meta else None,
                "sources": [s["path"] for s in v.meta.data.get("sources", [])] if v.meta else [],
            }
            for v in found
        ]))
        return
    table = Table(title=f"Models in {store.home}", header_style="bold")
    table.add_column("")
    table.add_column("name", no_wrap=True)
    table.add_column("trained (UTC)")
    table.add_column("data")
    table.add_column("held-out macro-F1", justify="right")
    table.add_column("status")
    for v in found:
        sources = " + ".join(dict.fromkeys(Path(s["path"]).name for s in v.meta.data.get("sources", []))) if v.meta else ""
        f1 = v.meta.heldout_macro_f1 if v.meta else None
        f1 = f"{f1:.3f}" if f1 is not None else "-"
        trained = (v.meta.trained_at if v.meta else "-")[:16].replace("T", " ")
        table.add_row("*" if v.active else "", v.name, trained, sources or "-", f1, v.status)
    Console().print(table)
    typer.echo("* = in use. Switch with: horsemen models use NAME")


@models_app.command(
    "use", cls=Command, epilog=examples("horsemen models use trained-20250101-1200", "horsemen models use default")
)
@user_errors
def use_command(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="A name from `horsemen models list`; 'default' for the built-in model.")
    ],
    force: Annotated[
        bool, typer.Option("--force", help="Use it even if it was refused when trained (it scored worse).")
    ] = False,
) -> None:
    """Make NAME the model that check, analyze, serve and queue use when no --model is given."""
    from nlp.commands import model_store

    model_store().use(name, force=force)
    typer.echo(f"Now using {name}.")


@models_app.command("show", cls=Command, epilog=examples("horsemen models show", "horsemen models show default --json"))
@user_errors
def show_command(
    name: Annotated[
        Optional[str],
        typer.Argument(metavar="NAME", help="A name from `horsemen models list` (default: the model in use).", show_default=False),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Show one model: where it is, what it was trained on, its thresholds and its held-out metrics."""
    from nlp.commands import model_store
    from nlp.errors import ModelError

    store = model_store()
    name = name or store.active_name()
    version = next((v for v in _versions(store) if v.name == name), None)
    if version is None or version.meta is None:
        raise ModelError(f"no usable model named {name!r} (see `horsemen models list`)")
    meta = version.meta
    if json_output:
        shown = {**meta.model_dump(exclude={"trained_on"}), "trained_on_rows": len(meta.trained_on)}
        typer.echo(json.dumps({"name": version.name, "path": str(version.path), "active": version.active, **shown}))
        return
    from nlp.render import print_metrics

    console = Console()
    console.print(f"[bold]{version.name}[/bold]{' (in use)' if version.active else ''}: {version.path}", highlight=False)
    console.print(f"trained {meta.trained_at} in {meta.training_seconds} s; status: {version.status}")
    for source in meta.data.get("sources", []):
        where = " ".join(str(part) for part in (source["path"], source.get("slice")) if part)
        console.print(f"  data: {where} ({source['rows']:,} rows, sha256 {source['sha256'][:12]})", highlight=False)
    console.print(f"  fitted on {meta.data.get('train_rows', '?')} rows, held out {meta.data.get('test_rows', '?')}")
    comparison = meta.comparison
    if comparison and comparison["current_model"]:
        rises = ", ".join(f"{part} {rise:+.4f}" for part, rise in comparison["log_loss_rise"].items() if rise is not None)
        verdict = "accepted" if comparison["accepted"] else f"worse on {', '.join(comparison['worse_on'])}, " + (
            "used anyway (forced)" if comparison["forced"] else "refused"
        )
        console.print(
            f"  compared with {comparison['current_model']} when trained: {verdict}; mean log-loss change {rises}",
            highlight=False,
        )
    console.print("  thresholds: " + ", ".join(f"{k} {v:.2f}" for k, v in meta.thresholds.items()))
    if meta.metrics.get("test"):
        print_metrics(meta.metrics["test"], title="Held-out rows", console=console)
    if meta.metrics.get("cv"):
        print_metrics(meta.metrics["cv"], title="Cross-validated on the training rows", console=console)


def _versions(store) -> list:
    """The store's versions, with a built-in model that is out of date said to be rebuilt on next use."""
    from dataclasses import replace

    from nlp.training.train import default_model_is_current

    found = store.versions()
    default = found[0]
    if default.status == "ready" and not default_model_is_current(store):
        found[0] = replace(default, status="rebuilt on next use")
    elif default.status == "not built yet":
        found[0] = replace(default, status="built on next use")
    return found
