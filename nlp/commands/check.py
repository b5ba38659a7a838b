"""``horsemen check``: one message, its flags, the words behind them and a better wording."""

from __future__ import annotations

import json

import typer
from typing_extensions import Annotated

from nlp.commands import JsonOption, ModelOption, load_analyzer, read_stdin_text

EXIT_FLAGGED = 1


def check_command(
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
