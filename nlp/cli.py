"""The ``horsemen`` command line: thin wrappers that parse, call the library, and render.

Data goes to stdout (``--json`` for scripts), progress and notices to stderr.
A user error (bad file, bad model, bad input) is one line on stderr and exit
code 2, never a traceback. Heavy imports happen inside commands so that
``horsemen --help`` is instant.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import Optional

import typer
from typing_extensions import Annotated

from nlp.api.serve import serve_command
from nlp.commands.feedback import feedback_command
from nlp.commands.models import models_app
from nlp.commands.queue import queue_command
from nlp.commands.train import train_command
from nlp.conversation.command import analyze_command
from nlp.errors import HorsemenError
from nlp.labels import LABELS

app = typer.Typer(
    name="horsemen",
    help="Flag criticism, contempt, defensiveness and stonewalling in chat messages, and suggest better wording.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_FLAGGED = 1
EXIT_USER_ERROR = 2

ModelOption = Annotated[
    Optional[Path],
    typer.Option("--model", "-m", help="Model directory (default: the built-in model, built on first use)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a readable report.")]


def fail(message: str) -> None:
    typer.echo(f"horsemen: error: {message}", err=True)
    raise typer.Exit(EXIT_USER_ERROR)


def user_errors(command):
    """Turn HorsemenError into one clear line on stderr and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except HorsemenError as error:
            fail(str(error))

    return wrapper


def read_stdin_text() -> str:
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        fail(f"stdin is not valid UTF-8 (invalid byte at offset {error.start}); re-encode the text as UTF-8")


def load_analyzer(model: Path | None):
    import nlp

    return nlp.load(model)


@app.command()
@user_errors
def check(
    text: Annotated[str, typer.Argument(help="The message to check, or - to read it from stdin.")],
    model: ModelOption = None,
    json_output: JsonOption = False,
    fail_on_flag: Annotated[
        bool, typer.Option("--fail-on-flag", help="Exit with code 1 when the message is flagged (for pre-send hooks).")
    ] = False,
) -> None:
    """Check one message: which patterns it shows, the words that triggered them, and a better way to say it."""
    if text == "-":
        text = read_stdin_text()
    result = load_analyzer(model).analyze(text)
    if json_output:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        from nlp.render import print_analysis

        print_analysis(result)
    if fail_on_flag and result.flagged:
        raise typer.Exit(EXIT_FLAGGED)


@app.command()
@user_errors
def evaluate(
    csv_path: Annotated[Path, typer.Argument(metavar="CSV", help="Labelled CSV: text plus 0/1 columns " + ", ".join(LABELS) + ".")],
    model: ModelOption = None,
    split: Annotated[
        Optional[str], typer.Option("--split", help="Only rows whose split column has this value (e.g. test).")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Measure a model on labelled messages: precision, recall and F1 per pattern, macro-F1 and any-flag F1."""
    from nlp.evaluation import evaluate_csv

    report = evaluate_csv(csv_path, load_analyzer(model), split=split, progress=not json_output)
    if json_output:
        typer.echo(json.dumps(report))
    else:
        from nlp.render import print_metrics

        print_metrics(report, title=f"{csv_path}" + (f" (split={split})" if split else ""))


app.command("serve")(user_errors(serve_command))
app.command("analyze")(user_errors(analyze_command))
app.command("train")(user_errors(train_command))
app.command("queue")(user_errors(queue_command))
app.command("feedback")(user_errors(feedback_command))
app.add_typer(models_app, name="models")


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
