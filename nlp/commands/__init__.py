"""The CLI's commands, one module each, and what they share.

Each command is a thin wrapper: parse, call the library, render. They are
registered on the typer app in ``nlp.cli``. Heavy imports happen inside the
command functions so that ``horsemen --help`` stays instant.

An option that several commands take is defined here once (``ModelOption``,
``JsonOption``, ``SensitivityOption``, the chat-export options), so it has the
same name, type and help everywhere; a test walks every command's help to keep
it so.
"""

from __future__ import annotations

import contextlib
import functools
import signal
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperCommand, TyperGroup
from typing_extensions import Annotated

from nlp.chats.detection import SUPPORTED_FORMATS
from nlp.errors import HorsemenError
from nlp.labels import DEFAULT_SENSITIVITY, SENSITIVITIES

EXIT_USER_ERROR = 2
# -h as well as --help, on every command: what people type first.
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


class _PlainFlags:
    """Help that shows an on/off option as a plain flag (``--json``), not ``--json <bool>`` as if it took a value."""

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:
            if getattr(param, "is_bool_flag", False) and param.metavar is None:
                param.metavar = ""
        return params


class Command(_PlainFlags, TyperCommand):
    """Every horsemen command (``app.command(..., cls=Command)``)."""


class Group(_PlainFlags, TyperGroup):
    """The horsemen app and its command groups (``typer.Typer(cls=Group)``)."""


def one_of(choices) -> str:
    """Choices as help text reads them: "low, normal or high"."""
    return f"{', '.join(choices[:-1])} or {choices[-1]}"


def examples(*command_lines: str) -> str:
    """A command's epilog: how it is typically run, as typed in a terminal."""
    return "Examples:\n\n" + "\n".join(f"  $ {line}" for line in command_lines)


Sensitivity = Enum("Sensitivity", {level: level for level in SENSITIVITIES}, type=str)
ChatFormat = Enum("ChatFormat", {name: name for name in SUPPORTED_FORMATS}, type=str)


class DateOrder(str, Enum):
    dayfirst = "dayfirst"
    monthfirst = "monthfirst"


ModelOption = Annotated[
    Optional[Path],
    typer.Option("--model", "-m", help="Model directory (default: the model in use; the built-in one unless changed)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of the readable output.")]
SensitivityOption = Annotated[
    Sensitivity,
    typer.Option(
        "--sensitivity",
        "-s",
        case_sensitive=False,
        help="How readily to flag: low (fewest false alarms), normal, or high (catches most, more false alarms). "
        "Each level is an operating point measured on real messages; see the README.",
    ),
]
FormatOption = Annotated[
    Optional[ChatFormat],
    typer.Option(
        "--format",
        "-f",
        metavar="<format>",  # the list of choices, shown as a type, would fold over four lines
        help=f"The app that wrote the export: {one_of(SUPPORTED_FORMATS)} (default: detected).",
    ),
]
DateOrderOption = Annotated[
    Optional[DateOrder],
    typer.Option("--date-order", help="How to read dates like 03/04/2024 when the export cannot tell (WhatsApp, LINE)."),
]
TextColOption = Annotated[
    Optional[str], typer.Option("--text-col", help="The column that holds the message text (generic CSV/JSONL, tables).")
]
SenderColOption = Annotated[Optional[str], typer.Option("--sender-col", help="Generic CSV/JSONL: the sender column.")]
TimeColOption = Annotated[Optional[str], typer.Option("--time-col", help="Generic CSV/JSONL: the time column.")]


def export_options(
    format: ChatFormat | None, date_order: DateOrder | None, text_col: str | None, sender_col: str | None, time_col: str | None
) -> dict:
    """The chat-export options as ``nlp.chats.open_chat`` takes them."""
    return {
        "format": format.value if format else None, "date_order": date_order.value if date_order else None,
        "text_col": text_col, "sender_col": sender_col, "time_col": time_col,
    }


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


@contextlib.contextmanager
def cleaned_up_when_stopped() -> Iterator[None]:
    """Let ``kill`` or a closed terminal stop the command like Ctrl-C does, so its cleanup runs.

    Python's default for SIGTERM and SIGHUP ends the process on the spot,
    leaving half-written output (message text) behind; raising SystemExit
    instead runs every ``finally`` on the way out. The exit code is the
    usual 128 + signal number.
    """
    def stop(number, frame):
        raise SystemExit(128 + number)

    stops = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {number: signal.signal(number, stop) for number in stops}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def read_stdin_text() -> str:
    """The message piped in, without the one final newline that ``echo`` or an editor adds."""
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        fail(f"stdin is not valid UTF-8 (invalid byte at offset {error.start}); re-encode the text as UTF-8")
    return text.removesuffix("\n").removesuffix("\r") if text.endswith("\n") else text


def model_store():
    """The model home this command works in (``$HORSEMEN_HOME``, a checkout's models/, or the user cache)."""
    from nlp.store import ModelStore

    return ModelStore.from_environment()


def ready_store(model: Path | None = None):
    """The model home, with the built-in model built first when it is the one about to be used."""
    from nlp.store import DEFAULT_NAME

    store = model_store()
    if model is None and store.active_name() == DEFAULT_NAME:
        ensure_default_model(store)
    return store


def ensure_default_model(store) -> None:
    """Build the built-in model when it is missing or stale, with a status line on stderr (about 30 s)."""
    from rich.console import Console

    from nlp.training.train import default_model_is_current, ensure_default_model as build_if_stale

    if default_model_is_current(store):
        return
    console = Console(stderr=True)
    with console.status(f"building the built-in model in {store.default_path} (first run, or data or rules changed)") as status:
        built = build_if_stale(store, progress=lambda step: status.update(f"building the built-in model: {step}..."))
    if built:
        console.print("horsemen: built-in model ready.", highlight=False)


def load_analyzer(model: Path | None, store=None, sensitivity: str = DEFAULT_SENSITIVITY):
    """The analyzer for ``--model``, else for the model in use in ``store`` (by default ``ready_store()``)."""
    from nlp.analyzer import load

    return load(model, store=store or ready_store(model), sensitivity=Sensitivity(sensitivity).value)
