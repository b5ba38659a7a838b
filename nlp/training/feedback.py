"""Corrections to single messages, kept in a labelled CSV that ``horsemen train`` picks up.

A correction names only the patterns the user is sure about ("this is not
criticism"); the other labels of the row come from the best knowledge at hand:
an earlier correction of the same text, else the built-in data set's label,
else what the model in use says. Each text has one row, so correcting it again
updates that row instead of adding a contradicting one. The file lives in the
model home, next to the models trained from it.
"""

from __future__ import annotations

import contextlib
import csv
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from nlp.errors import DataError
from nlp.files import write_text_atomically
from nlp.labels import LABELS
from nlp.store import ModelStore
from nlp.training.data import read_builtin, read_labelled

COLUMNS = ("text", *LABELS, "recorded_at")


@dataclass(frozen=True)
class Recorded:
    labels: dict[str, int]
    origin: dict[str, str]  # per label: "you", "earlier feedback", "built-in data" or "model"
    path: Path
    rows: int  # rows in the feedback file now
    updated: bool  # the text already had a row


def corrections_from(text: str, shows: Iterable[str] = (), lacks: Iterable[str] = ()) -> dict[str, bool]:
    """The corrections a user named (pattern -> shows it or not), checked: the one validation for CLI and API."""
    if not text.strip():
        raise DataError("feedback needs the message text; it was empty")
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
    known from earlier feedback or the built-in data.
    """
    path = store.feedback_path
    with _locked(path):
        rows = _read(path)
        key = text.strip()
        earlier = next((row for row in rows if row["text"].strip() == key), None)
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
        row = {"text": text, **{label: str(labels[label]) for label in LABELS}, "recorded_at": _now()}
        if earlier is not None:
            rows[rows.index(earlier)] = row
        else:
            rows.append(row)
        _write(path, rows)
    return Recorded(labels, origin, path, len(rows), earlier is not None)


def _known_labels(key: str, earlier: dict | None) -> tuple[dict[str, int] | None, str]:
    if earlier is not None:
        return {label: int(earlier[label]) for label in LABELS}, "earlier feedback"
    for row in read_builtin():
        if row.text.strip() == key:
            return dict(zip(LABELS, row.labels)), "built-in data"
    return None, ""


def _read(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    read_labelled(path)  # a hand-edited file that no longer validates is reported, not overwritten
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{column: record.get(column) or "" for column in COLUMNS} for record in csv.DictReader(handle)]


def _write(path: Path, rows: list[dict]) -> None:
    def write_rows(out) -> None:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)

    write_text_atomically(path, write_rows)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One writer at a time (API workers are separate processes); no lock where fcntl is missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: a single user at the command line
        yield
        return
    with open(path.with_name(f".{path.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
