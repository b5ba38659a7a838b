"""The CLI's commands, one module each, and what they share.

Each command is a thin wrapper: parse, call the library, render. They are
registered on the typer app in ``nlp.cli``. Heavy imports happen inside the
command functions so that ``horsemen --help`` stays instant.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Optional

import typer
from typing_extensions import Annotated

from nlp.errors import HorsemenError

EXIT_USER_ERROR = 2

ModelOption = Annotated[
    Optional[Path],
    typer.Option("--model", "-m", help="Model directory (default: the model in use; the built-in one unless changed)."),
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
