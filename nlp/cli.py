"""The ``horsemen`` command line: the typer app and its commands (``nlp/commands/``).

Data goes to stdout (``--json`` for scripts), progress and notices to stderr.
A user error (bad file, bad model, bad input) is one line on stderr and exit
code 2, never a traceback.
"""

from __future__ import annotations

import typer
from typing_extensions import Annotated

from nlp.commands import (
    CONTEXT_SETTINGS,
    Command,
    Group,
    analyze,
    check,
    evaluate,
    examples,
    feedback,
    queue,
    score,
    serve,
    train,
    user_errors,
)
from nlp.commands.data import data_app
from nlp.commands.models import models_app

app = typer.Typer(
    cls=Group,
    name="horsemen",
    help="Flag criticism, contempt, defensiveness and stonewalling in chat messages, and suggest better wording.",
    epilog=examples(
        'horsemen check "You never help with the dishes"',
        'horsemen analyze "WhatsApp Chat with Casey.txt"',
        "horsemen serve",
        "horsemen check -h",
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings=CONTEXT_SETTINGS,
)

for name, module, command in (
    ("check", check, check.check_command),
    ("analyze", analyze, analyze.analyze_command),
    ("serve", serve, serve.serve_command),
    ("evaluate", evaluate, evaluate.evaluate_command),
    ("train", train, train.train_command),
    ("queue", queue, queue.queue_command),
    ("score", score, score.score_command),
    ("feedback", feedback, feedback.feedback_command),
):
    app.command(name, cls=Command, epilog=module.EXAMPLES)(user_errors(command))
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
