"""Errors a user can fix.

Library code raises these; the CLI turns them into one line on stderr and exit
code 2, the API into a 4xx. Anything else escaping is a bug in horsemen.
Messages never quote message text: they name the file, the line and the fix.
"""

from __future__ import annotations

from pathlib import Path


class HorsemenError(Exception):
    """Base class: a problem with the user's input, data or model, not a bug."""


def where(path: str | Path | None, line: int | None = None) -> str:
    """Format a location as ``file:line`` for error messages."""
    if path is None:
        return f"line {line}" if line is not None else "input"
    return f"{path}:{line}" if line is not None else str(path)


class DataError(HorsemenError):
    """A labelled CSV that cannot be used for training or evaluation."""


class ModelError(HorsemenError):
    """A model directory that is missing, corrupt or from an incompatible version."""


class ChatFormatError(HorsemenError):
    """A chat export that cannot be read or whose format cannot be recognised."""
