"""``horsemen check``: one message, its flags, the words behind them and a better wording."""

from __future__ import annotations

import json
from typing import Optional

import typer
from typing_extensions import Annotated

from nlp.commands import (
    JsonOption,
    ModelOption,
    Sensitivity,
    SensitivityOption,
    examples,
    load_analyzer,
    read_stdin_text,
)

EXIT_FLAGGED = 1

EXAMPLES = examples(
    'horsemen check "You never help with the dishes"',
    'echo "see you at 7" | horsemen check -',
    'horsemen check --json --sensitivity low "whatever."',
    'horsemen check --reply-to "You never help with anything" "ok."',
    "horsemen check --fail-on-flag - < draft.txt",
)


def check_command(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The message to check, or - to read it from stdin.")],
    model: ModelOption = None,
    json_output: JsonOption = False,
    fail_on_flag: Annotated[
        bool, typer.Option("--fail-on-flag", help="Exit with code 1 when the message is flagged (for pre-send hooks).")
    ] = False,
    sensitivity: SensitivityOption = Sensitivity.normal,
    reply_to: Annotated[
        Optional[str],
        typer.Option(
            "--reply-to",
            help="The other person's message this one answers: defensiveness and stonewalling are then judged as answers to it.",
        ),
    ] = None,
) -> None:
    """Check one message: which patterns it shows, the words that triggered them, and a better way to say it."""
    if text == "-":
        text = read_stdin_text()
    analyzer = load_analyzer(model, sensitivity=sensitivity)
    previous = None
    if reply_to is not None:
        from nlp.context import Previous

        previous = Previous(frozenset(analyzer.analyze(reply_to).flagged_patterns))
    result = analyzer.analyze(text, previous)
    if json_output:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        from nlp.render import print_analysis

        print_analysis(result)
    if fail_on_flag and result.flagged:
        raise typer.Exit(EXIT_FLAGGED)
