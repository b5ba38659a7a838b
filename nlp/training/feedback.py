"""Corrections to single messages, kept in the user data store that ``horsemen train`` learns from.

A correction names only the patterns the user is sure about ("this is not
criticism"); the other labels of the row come from the best knowledge at hand:
an earlier correction of the same text, else the user's own data, else the
built-in data set's label, else what the model in use says. Each corrected
text is one contribution (``nlp.training.userdata``), so correcting it again
updates that contribution instead of adding a contradicting one, and
``horsemen data remove`` undoes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

from nlp.errors import DataError
from nlp.labels import LABELS
from nlp.store import ModelStore, utc_now
from nlp.training.data import FEEDBACK, Contribution, LabelledRow, read_builtin
from nlp.training.userdata import UserData, feedback_contribution


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
    known from earlier feedback, the user's data or the built-in data.
    """
    user_data = UserData(store)
    with user_data.changing() as contents:
        key = text.strip()
        earlier = next((c for c in contents.contributions if c.kind == FEEDBACK and c.rows[0].text.strip() == key), None)
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


def _known_labels(key: str, earlier: Contribution | None, contributions: list[Contribution]) -> tuple[dict[str, int] | None, str]:
    if earlier is not None:
        return dict(zip(LABELS, earlier.rows[0].labels)), "earlier feedback"
    for contribution in reversed(contributions):  # the latest label the user gave wins, as in training
        for row in contribution.rows:
            if row.text.strip() == key:
                return dict(zip(LABELS, row.labels)), "your data"
    for row in read_builtin():
        if row.text.strip() == key:
            return dict(zip(LABELS, row.labels)), "built-in data"
    return None, ""
