"""How much of an input horsemen reads: the limits that keep a hostile or broken file from using up memory or time.

Each limit has a default that no real chat export comes near, and an
environment variable that raises (or lowers) it for the odd file that needs it:

- ``HORSEMEN_MAX_LINE_BYTES`` (1 MiB): a longer line of a text export is cut
  there and reported; a longer field of a CSV is an error naming its line.
- ``HORSEMEN_MAX_UNZIPPED_BYTES`` (1 GiB): a file inside a zip may unpack to
  at most this much.
- ``HORSEMEN_MAX_ZIP_RATIO`` (100): past the first 16 MiB, a file inside a zip
  may unpack to at most this many times its packed size (text packs about
  5 to 10 times; a zip bomb thousands of times).
"""

from __future__ import annotations

import contextlib
import csv
import os
from collections.abc import Callable, Iterator
from typing import Any

from nlp.errors import HorsemenError

LINE_BYTES = ("HORSEMEN_MAX_LINE_BYTES", 1 << 20)
UNZIPPED_BYTES = ("HORSEMEN_MAX_UNZIPPED_BYTES", 1 << 30)
ZIP_RATIO = ("HORSEMEN_MAX_ZIP_RATIO", 100)
ZIP_RATIO_FROM_BYTES = 16 << 20  # small files may pack well: the ratio is checked only past this size


def limit(setting: tuple[str, int]) -> int:
    """The value of a ``(variable, default)`` setting above: the environment's, else the default."""
    variable, default = setting
    raw = os.environ.get(variable)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise HorsemenError(f"{variable} must be a whole number above 0, not {raw!r}")
    return value


@contextlib.contextmanager
def csv_fields(most: int | None = None) -> Iterator[None]:
    """Let the csv module read fields of up to ``most`` characters (default: as long as a line may be).

    The csv module's own limit, 131,072 characters, is shorter than a long
    message; its setting is global, so the previous one comes back afterwards.
    """
    previous = csv.field_size_limit(most or limit(LINE_BYTES))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def csv_rows(reader: Any, lines_before: int, error: Callable[[int, str], Exception]) -> Iterator[tuple[int, Any]]:
    """``(line the row starts on, row)`` for each row of a csv reader.

    ``lines_before`` counts the file's lines the reader was not given (a header
    read apart). A row the csv module cannot read, such as a field over the
    limit, raises ``error(line, reason)``, in words that say how to get past
    the line limit when that is the reason.
    """
    while True:
        start = lines_before + reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as problem:
            if "field limit" in str(problem):
                reason = f"a field is longer than {size_text(limit(LINE_BYTES))}; set {LINE_BYTES[0]} higher to read it"
            else:
                reason = f"unreadable CSV ({problem})"
            raise error(start, reason) from None
        yield start, row


def size_text(count: int) -> str:
    """1048576 -> '1 MiB', for messages that name a limit."""
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= size and count % size == 0:
            return f"{count // size} {unit}"
    return f"{count:,} bytes"
