"""The user's labelled rows, kept in the model home so that what they teach is never forgotten.

Every CSV a model was trained on and every correction from ``horsemen
feedback`` is a ``Contribution`` here, with its source and time, and every
training starts from the built-in data plus all of them, oldest first.
``horsemen data list|show|remove`` shows them and undoes one. A CSV given to
``horsemen train`` joins only when the model trained with it is put in use
(``nlp.training.retrain``): a refused CSV does not come back with the next one.
Corrections join as they are recorded, one contribution per corrected text.

The store is one JSON file in the model home (``ModelStore.user_data_path``),
rewritten atomically under the home's lock (``ModelStore.lock``), because API
workers record corrections from separate processes and a training adds its CSV. Rows keep the split they were given when added, so the
held-out part of the user's data stays the same for every later comparison.
A feedback file from an earlier horsemen version (``feedback.csv``) is taken in
once, the latest row of each text a correction, and kept renamed beside the store.
Every row that enters the store, and every row of a hand-edited store, is checked
for control characters (``nlp.training.data.not_text``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass, replace
from typing import Iterator

from pydantic import TypeAdapter

from nlp.errors import DataError
from nlp.files import write_text_atomically
from nlp.labels import LABELS
from nlp.store import ModelStore, utc_now
from nlp.training.data import FEEDBACK, FILE, SPLITS, Contribution, LabelledRow, not_text, read_feedback

STORE_FORMAT = 1
LEGACY_SUFFIX = ".imported"


@dataclass
class Contents:
    """The store's contributions while they are being changed (inside ``UserData.changing``)."""

    contributions: list[Contribution]
    next_id: int

    def add(self, contribution: Contribution) -> Contribution:
        """Keep ``contribution`` under a new id, after every earlier one."""
        kept = replace(contribution, id=self.next_id)
        self.next_id += 1
        self.contributions.append(kept)
        return kept

    def put(self, contribution: Contribution) -> None:
        """Put ``contribution`` where the one with its id is (a correction of a corrected text)."""
        index = next(i for i, kept in enumerate(self.contributions) if kept.id == contribution.id)
        self.contributions[index] = contribution

    def remove(self, contribution_id: int) -> Contribution:
        found = find(self.contributions, contribution_id)
        self.contributions.remove(found)
        return found


_CONTRIBUTIONS = TypeAdapter(list[Contribution])


class UserData:
    """The user data store of one model home."""

    def __init__(self, store: ModelStore):
        self.store = store
        self.path = store.user_data_path
        self.legacy_feedback = store.legacy_feedback_path

    def contributions(self) -> list[Contribution]:
        """Every contribution, oldest first."""
        if not self.path.is_file() and self.legacy_feedback.is_file():
            with self.changing() as contents:  # takes the old feedback file in, once
                return list(contents.contributions)
        return self._read().contributions

    def add(self, contribution: Contribution) -> Contribution:
        with self.changing() as contents:
            return contents.add(contribution)

    def remove(self, contribution_id: int) -> Contribution:
        with self.changing() as contents:
            return contents.remove(contribution_id)

    def same_file(self, contribution: Contribution) -> Contribution | None:
        """The contribution already kept with exactly this file's content, if any."""
        return next((kept for kept in self.contributions() if kept.kind == FILE and kept.sha256 == contribution.sha256), None)

    @contextlib.contextmanager
    def changing(self) -> Iterator[Contents]:
        """Read, let the caller change, write back: one writer at a time, nothing written if it fails."""
        with self.store.lock():
            contents = self._read()
            if not self.path.is_file() and self.legacy_feedback.is_file():
                for row in read_feedback(self.legacy_feedback):
                    contents.add(feedback_contribution(row, row.extra.get("recorded_at") or utc_now()))
            yield contents
            self._write(contents)
            if self.legacy_feedback.is_file():
                self.legacy_feedback.rename(self.legacy_feedback.with_name(self.legacy_feedback.name + LEGACY_SUFFIX))

    def _read(self) -> Contents:
        if not self.path.is_file():
            return Contents([], 1)
        try:
            raw = json.loads(self.path.read_bytes())
            if raw.get("format") != STORE_FORMAT:
                raise self._unusable(f"format {raw.get('format')!r} is not the {STORE_FORMAT} this horsemen version reads")
            contents = Contents(_CONTRIBUTIONS.validate_python(raw["contributions"]), int(raw["next_id"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):  # a pydantic ValidationError is a ValueError
            raise self._unusable("unreadable") from None
        for contribution in contents.contributions:
            problem = _problem(contribution)
            if problem:
                raise self._unusable(problem)
        return contents

    def _unusable(self, problem: str) -> DataError:
        return DataError(f"{self.path}: {problem}; fix or delete it (deleting forgets every CSV and correction you trained on)")

    def _write(self, contents: Contents) -> None:
        document = {
            "format": STORE_FORMAT,
            "next_id": contents.next_id,
            "contributions": _CONTRIBUTIONS.dump_python(contents.contributions, mode="json"),
        }
        write_text_atomically(self.path, lambda out: out.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n"))


def feedback_contribution(row: LabelledRow, recorded_at: str, contribution_id: int | None = None) -> Contribution:
    """One correction: always fitted, or it would be lost; identified by its text and labels."""
    fitted = LabelledRow(None, row.text, tuple(row.labels), "train", {})
    digest = hashlib.sha256(f"{fitted.text}\0{fitted.labels}".encode("utf-8")).hexdigest()
    return Contribution(contribution_id, FEEDBACK, FEEDBACK, digest, recorded_at, (fitted,))


def find(contributions: list[Contribution], contribution_id: int) -> Contribution:
    found = next((kept for kept in contributions if kept.id == contribution_id), None)
    if found is None:
        raise DataError(f"your data has no contribution #{contribution_id} (see `horsemen data list`)")
    return found


def _problem(contribution: Contribution) -> str | None:
    """What makes a (hand-edited) contribution unusable: the store is refused, never half-used."""
    if contribution.kind not in (FILE, FEEDBACK) or contribution.id is None:
        return f"a contribution has no id or an unknown kind ({contribution.kind!r})"
    for number, row in enumerate(contribution.rows, start=1):
        if len(row.labels) != len(LABELS) or set(row.labels) - {0, 1} or row.split not in SPLITS or not row.text.strip():
            return f"contribution #{contribution.id}, row {number}: needs a text, {len(LABELS)} labels of 0 or 1 and a split"
        found = not_text(row.text)
        if found:
            return f"contribution #{contribution.id}, row {number}: the text holds {found}"
    return None

