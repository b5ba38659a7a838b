"""``horsemen feedback``: correct the model on one message; `horsemen train` learns from it."""

from __future__ import annotations

from typing import List, Optional

import typer
from typing_extensions import Annotated

from nlp.labels import LABELS

PatternList = Optional[List[str]]


def feedback_command(
    text: Annotated[str, typer.Argument(help="The message, exactly as written, or - to read it from stdin.")],
    is_: Annotated[
        PatternList, typer.Option("--is", metavar="PATTERN", help="A pattern the message shows (repeatable): " + ", ".join(LABELS) + ".")
    ] = None,
    not_: Annotated[
        PatternList, typer.Option("--not", metavar="PATTERN", help="A pattern the message does not show (repeatable).")
    ] = None,
) -> None:
    """Record that a message does (--is) or does not (--not) show a pattern; `horsemen train` learns from it."""
    from nlp.commands import load_analyzer, model_store, read_stdin_text
    from nlp.training.feedback import corrections_from, record_feedback

    if text == "-":
        text = read_stdin_text()
    corrections = corrections_from(text, shows=is_ or (), lacks=not_ or ())

    def model_flags(text: str) -> dict[str, bool]:
        analysis = load_analyzer(None).analyze(text)
        return {label: analysis.patterns[label].flagged for label in LABELS}

    recorded = record_feedback(model_store(), text, corrections, model_flags)
    summary = ", ".join(f"{label} {recorded.labels[label]} ({recorded.origin[label]})" for label in LABELS)
    verb = "Updated" if recorded.updated else "Recorded"
    typer.echo(f"{verb} as #{recorded.contribution} in your data: {summary}.")
    typer.echo(
        f"{recorded.rows} message(s) corrected so far; run `horsemen train` to learn from them "
        f"(`horsemen data remove {recorded.contribution}` undoes this one)."
    )

