"""Corrections to single messages, kept in the user data store that ``horsemen train`` learns from.

A correction names only the patterns the user is sure about ("this is not
criticism"); the other labels of the row come from the best knowledge at hand:
an earlier correction of the same text, else the user's own data, else the
built-in data set's label, else what the model in use says. Each corrected
text is one contribution (``nlp.training.userdata``), so correcting it again
updates that contribution instead of adding a contradicting one, and
``horsemen data remove`` undoes it.

Corrections have a cap (``MAX_TEXTS`` corrected messages, ``MAX_BYTES`` of
their text), so that a client posting corrections in a loop cannot fill the
disk or slow every later correction down; past it a correction is refused
(``FeedbackFull``) and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from nlp.analyzer import MAX_CHARS
from nlp.errors import DataError
from nlp.labels import LABELS
from nlp.store import ModelStore, utc_now
from nlp.training.data import FEEDBACK, Contribution, DataSlice, LabelledRow, builtin_slices, not_text, read_builtin
from nlp.training.userdata import UserData, feedback_contribution

MAX_TEXTS = 10_000
MAX_BYTES = 10_000_000


class FeedbackFull(DataError):
    """The user data holds as many corrections as it keeps; nothing was recorded."""


@dataclass(frozen=True)
class Recorded:
    labels: dict[str, int]
    origin: dict[str, str]  # per label: "you", "earlier feedback", "your data", "built-in data" or "model"
    path: Path
    rows: int  # corrected messages in the user data store now
    updated: bool  # the text had been corrected before
    contribution: int  # its id in the user data store (`horsemen data show ID`)


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
    """Store ``corrections`` (from ``corrections_from``) for ``text`` in the store's user data.

    ``model_flags`` is called only when some label is neither corrected nor
    known from earlier feedback, the user's data or the built-in data. Raises
    ``FeedbackFull`` when the corrections have reached their cap.
    """
    user_data = UserData(store)
    with user_data.changing() as contents:
        key = text.strip()
        earlier = next((c for c in contents.contributions if c.kind == FEEDBACK and c.rows[0].text.strip() == key), None)
        if earlier is None:
            _check_room(user_data.path, contents.contributions, text)
        labels: dict[str, int] = {}
        origin: dict[str, str] = {}
        known, source = _known_labels(key, earlier, contents.contributions)
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
        row = LabelledRow(None, text, tuple(labels[label] for label in LABELS), "train", {})
        if earlier is not None:
            kept = feedback_contribution(row, utc_now(), earlier.id)
            contents.put(kept)
        else:
            kept = contents.add(feedback_contribution(row, utc_now()))
        corrected = sum(c.kind == FEEDBACK for c in contents.contributions)
    return Recorded(labels, origin, user_data.path, corrected, earlier is not None, kept.id)


def _check_room(path: Path, contributions: list[Contribution], text: str) -> None:
    """Refuse a newly corrected text once the corrections reach ``MAX_TEXTS`` messages or ``MAX_BYTES`` of text."""
    corrections = [c.rows[0].text for c in contributions if c.kind == FEEDBACK]
    size = sum(len(kept.encode("utf-8")) for kept in corrections) + len(text.encode("utf-8"))
    if len(corrections) >= MAX_TEXTS or size > MAX_BYTES:
        raise FeedbackFull(
            f"{path}: your data holds as many corrections as it keeps ({MAX_TEXTS:,} messages or "
            f"{MAX_BYTES // 1_000_000} MB of text); remove some with `horsemen data remove ID` to record more"
        )


def _known_labels(key: str, earlier: Contribution | None, contributions: list[Contribution]) -> tuple[dict[str, int] | None, str]:
    if earlier is not None:
        return dict(zip(LABELS, earlier.rows[0].labels)), "earlier feedback"
    for contribution in reversed(contributions):  # the latest label the user gave wins, as in training
        for row in contribution.rows:
            if row.text.strip() == key:
                return dict(zip(LABELS, row.labels)), "your data"
    builtin = _builtin_labels(builtin_slices()).get(key)
    if builtin is not None:
        return dict(zip(LABELS, builtin)), "built-in data"
    return None, ""


@lru_cache(maxsize=2)
def _builtin_labels(slices: Sequence[DataSlice]) -> dict[str, tuple[int, ...]]:
    """Labels of the built-in data by text, read once per data set (a server records many corrections)."""
    return {row.text.strip(): row.labels for row in read_builtin(slices)}
