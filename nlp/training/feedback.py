"""Corrections to single messages, kept in a labelled CSV that ``horsemen train`` picks up.

A correction names only the patterns the user is sure about ("this is not
criticism"); the other labels of the row come from the best knowledge at hand:
an earlier correction of the same text, else the built-in data set's label,
else what the model in use says. The file lives in the model home, next to the
models trained from it.

Corrections are appended, never rewritten: correcting a text again adds a row,
and the latest row of a text is the one that counts (``read_feedback``). The
file has a cap (``MAX_TEXTS`` messages, ``MAX_BYTES``), so that a client
posting corrections in a loop cannot fill the disk or slow every later
correction down.
"""

from __future__ import annotations

import io
import os
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from nlp.analyzer import MAX_CHARS
from nlp.errors import DataError
from nlp.files import exclusive_lock
from nlp.labels import LABELS
from nlp.spreadsheet import SafeWriter
from nlp.store import ModelStore
from nlp.training.data import DataSlice, builtin_slices, not_text, read_builtin, read_feedback

COLUMNS = ("text", *LABELS, "recorded_at")
MAX_TEXTS = 10_000
MAX_BYTES = 10_000_000


class FeedbackFull(DataError):
    """The feedback file has reached its cap; nothing was recorded."""


@dataclass(frozen=True)
class Recorded:
    labels: dict[str, int]
    origin: dict[str, str]  # per label: "you", "earlier feedback", "built-in data" or "model"
    path: Path
    rows: int  # messages corrected in the feedback file now
    updated: bool  # the text had been corrected before


def corrections_from(text: str, shows: Iterable[str] = (), lacks: Iterable[str] = ()) -> dict[str, bool]:
    """The corrections a user named (pattern -> shows it or not), checked: the one validation for CLI and API."""
    if not text.strip():
        raise DataError("feedback needs the message text; it was empty")
    if len(text) > MAX_CHARS:
        raise DataError(
            f"feedback text is {len(text):,} characters; at most {MAX_CHARS:,} are analysed, so at most that many are kept"
        )
    found = not_text(text)
    if found:
        raise DataError(f"the feedback text holds {found}; remove it")
    shows, lacks = list(shows), list(lacks)
    unknown = sorted(set(shows + lacks) - set(LABELS))
    if unknown:
        raise DataError(f"unknown pattern(s) {', '.join(unknown)}; use one of {', '.join(LABELS)}")
    both = sorted(set(shows) & set(lacks))
    if both:
        raise DataError(f"is (--is) and not (--not) both name {', '.join(both)}; give each pattern once")
    if not shows and not lacks:
        raise DataError(
            "say what is wrong: name a pattern the message shows or does not show "
            "(--is PATTERN or --not PATTERN on the command line; is / not over HTTP)"
        )
    return {**{label: True for label in shows}, **{label: False for label in lacks}}


def record_feedback(
    store: ModelStore,
    text: str,
    corrections: Mapping[str, bool],
    model_flags: Callable[[str], Mapping[str, bool]],
) -> Recorded:
    """Store ``corrections`` (from ``corrections_from``) for ``text`` in the store's feedback file.

    ``model_flags`` is called only when some label is neither corrected nor
    known from earlier feedback or the built-in data. Raises ``FeedbackFull``
    when the file has reached its cap.
    """
    path = store.feedback_path
    with exclusive_lock(path.with_name(f".{path.name}.lock")):
        # A hand-edited file that no longer validates is reported, never appended to.
        rows = read_feedback(path) if path.is_file() else []
        key = text.strip()
        earlier = next((row for row in rows if row.text.strip() == key), None)
        labels: dict[str, int] = {}
        origin: dict[str, str] = {}
        known, source = _known_labels(key, earlier)
        for label in LABELS:
            if label in corrections:
                labels[label], origin[label] = int(bool(corrections[label])), "you"
            elif known is not None:
                labels[label], origin[label] = known[label], source
        if len(labels) < len(LABELS):
            flags = model_flags(text)
            for label in LABELS:
                if label not in labels:
                    labels[label], origin[label] = int(bool(flags[label])), "model"
        record = _encode([text, *(labels[label] for label in LABELS), _now()], header=not rows)
        _check_room(path, record, new_text=earlier is None, texts=len(rows))
        _append(path, record)
    return Recorded(labels, origin, path, len(rows) + (earlier is None), earlier is not None)


def _known_labels(key: str, earlier) -> tuple[dict[str, int] | None, str]:
    if earlier is not None:
        return dict(zip(LABELS, earlier.labels)), "earlier feedback"
    builtin = _builtin_labels(builtin_slices()).get(key)
    if builtin is not None:
        return dict(zip(LABELS, builtin)), "built-in data"
    return None, ""


@lru_cache(maxsize=2)
def _builtin_labels(slices: Sequence[DataSlice]) -> dict[str, tuple[int, ...]]:
    """Labels of the built-in data by text, read once per data set (a server records many corrections)."""
    return {row.text.strip(): row.labels for row in read_builtin(slices)}


def _encode(values: list, header: bool) -> bytes:
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\n")
    if header:
        writer.writerow(COLUMNS)
    writer.writerow(values)
    return buffer.getvalue().encode("utf-8")


def _check_room(path: Path, record: bytes, new_text: bool, texts: int) -> None:
    size = path.stat().st_size if path.is_file() else 0
    if (new_text and texts >= MAX_TEXTS) or size + len(record) > MAX_BYTES:
        raise FeedbackFull(
            f"{path}: the feedback file is full ({MAX_TEXTS:,} messages or {MAX_BYTES // 1_000_000} MB); "
            "train on it, then move it away to start a new one"
        )


def _append(path: Path, record: bytes) -> None:
    """One write at the end of the file: earlier corrections are never rewritten, so never lost."""
    handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)  # it holds message text
    try:
        view = memoryview(record)
        while view:
            view = view[os.write(handle, view) :]
    finally:
        os.close(handle)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
