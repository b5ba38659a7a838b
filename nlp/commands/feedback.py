"""``horsemen feedback``: correct the model on one message; `horsemen train` learns from it."""

from __future__ import annotations

from enum import Enum
from typing import List, Optional

import typer
from typing_extensions import Annotated

from nlp.commands import examples, one_of
from nlp.labels import LABELS

Pattern = Enum("Pattern", {label: label for label in LABELS}, type=str)
PatternList = Optional[List[Pattern]]

EXAMPLES = examples(
    'horsemen feedback "it was a joke, relax" --not contempt',
    'horsemen feedback "k." --is stonewalling',
    'echo "so now it\'s my fault" | horsemen feedback - --is defensiveness',
)


def feedback_command(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The message, exactly as written, or - to read it from stdin.")],
    is_: Annotated[
        PatternList,
        typer.Option("--is", metavar="<pattern>", help=f"A pattern the message shows: {one_of(LABELS)} (repeatable)."),
    ] = None,
    not_: Annotated[
        PatternList,
        typer.Option("--not", metavar="<pattern>", help="A pattern the message does not show (repeatable)."),
    ] = None,
) -> None:
    """Record that a message does (--is) or does not (--not) show a pattern; `horsemen train` learns from it."""
    from nlp.commands import load_analyzer, model_store, read_stdin_text
    from nlp.training.feedback import corrections_from, record_feedback

    if text == "-":
        text = read_stdin_text()
    corrections = corrections_from(text, shows=[p.value for p in is_ or ()], lacks=[p.value for p in not_ or ()])

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

