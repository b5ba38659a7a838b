"""The ``horsemen`` command line: the typer app and its commands (``nlp/commands/``).

Data goes to stdout (``--json`` for scripts), progress and notices to stderr.
A user error (bad file, bad model, bad input) is one line on stderr and exit
code 2, never a traceback.
"""

from __future__ import annotations

import typer
from typing_extensions import Annotated

from nlp.commands import user_errors
from nlp.commands.analyze import analyze_command
from nlp.commands.check import check_command
from nlp.commands.data import data_app
from nlp.commands.evaluate import evaluate_command
from nlp.commands.feedback import feedback_command
from nlp.commands.models import models_app
from nlp.commands.queue import queue_command
from nlp.commands.serve import serve_command
from nlp.commands.train import train_command

app = typer.Typer(
    name="horsemen",
    help="Flag criticism, contempt, defensiveness and stonewalling in chat messages, and suggest better wording.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.command("check")(user_errors(check_command))
app.command("analyze")(user_errors(analyze_command))
app.command("serve")(user_errors(serve_command))
app.command("evaluate")(user_errors(evaluate_command))
app.command("train")(user_errors(train_command))
app.command("queue")(user_errors(queue_command))
app.command("feedback")(user_errors(feedback_command))
app.add_typer(models_app, name="models")
app.add_typer(data_app, name="data")


def version_callback(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"horsemen {version('horsemen')}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Flag criticism, contempt, defensiveness and stonewalling in chat messages, and suggest better wording."""
