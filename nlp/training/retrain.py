"""Retraining you can trust: learn from everything the user labelled, and replace a model only with one no worse.

A new model is fitted on the built-in data plus every contribution in the
user data store (``nlp.training.userdata``) and, when given, a new CSV. It is
then compared with the model it would replace on rows neither was fitted on,
slice by slice: the test split of each built-in slice (written, real,
replies, reddit) and the held-out part of the user's data, fixed when each
contribution was added. Held-out rows the current model was fitted on (its
meta records their fingerprints) are left out and counted; the new model is
never fitted on a held-out row. When the new model is worse on some slice
(the rule is in ``nlp.training.acceptance``) it is refused: still kept as a
version, listed as "refused", and the new CSV does not join the user's data,
which it does only with a model put in use.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from nlp.errors import DataError, ModelError
from nlp.labels import LABELS
from nlp.scorer import decide
from nlp.store import DEFAULT_NAME, META_FILE, Model, ModelMeta, ModelStore, load_model, save_model
from nlp.training.acceptance import DEFAULT_TOLERANCE, RESAMPLES, Comparison, SliceComparison
from nlp.training.data import (
    FEEDBACK,
    Contribution,
    TrainingData,
    collect_rows,
    contribution_from_csv,
    describe,
    label_matrix,
    row_fingerprint,
)
from nlp.training.metrics import macro_average_precision, multilabel_report, placements, share_of_resamples_worse
from nlp.training.train import TrainedModel, fit, heldout_scores, slice_name
from nlp.training.userdata import UserData

# Rows that pulled a slice down, kept per slice, worst first.
PULLED_DOWN_KEPT = 10


@dataclass(frozen=True)
class Outcome:
    data: TrainingData
    comparison: Comparison
    meta: ModelMeta
    path: Path | None  # None when the model was not written
    name: str | None  # the version name, when written to the model home
    activated: bool
    forced: bool
    new_csv: Contribution | None  # the CSV given, when not already in the user's data
    added: Contribution | None  # the new CSV as now kept in the user's data (only with a model put in use)
    already: Contribution | None  # the contribution that already held exactly this CSV

    @property
    def refused(self) -> bool:
        """The model it was meant to replace stays: --out was not overwritten, or the new version is not in use."""
        return self.path is None or (self.name is not None and not self.activated)


def retrain(
    csv_path: str | Path | None,
    *,
    store: ModelStore | None = None,
    out: str | Path | None = None,
    name: str | None = None,
    include_builtin: bool = True,
    use_feedback: bool = True,
    force: bool = False,
    tolerance: float = DEFAULT_TOLERANCE,
    progress: Callable[[str], None] = lambda step: None,
) -> Outcome:
    """Train on the built-in data, the user's data and ``csv_path``; compare; replace only if no worse.

    Without ``out`` the model becomes a new version in ``store`` (the
    environment's model home by default) and, if accepted (or forced), the
    model in use, and ``csv_path`` joins the user's data. With ``out`` it is
    written there instead and neither the model in use nor the user's data
    change; a model already in ``out`` is the one compared with, and it is only
    overwritten if the new one is no worse.
    """
    store = store or ModelStore.from_environment()
    user_data = UserData(store)
    # A new version reads the user's data, takes its name, is compared with the model in use and replaces it,
    # and its CSV joins the user's data, all under the home's lock: a second training waits, then starts from
    # what the first one left (its data and its model in use).
    waiting = f"waiting for another training in {store.home} to finish"
    with store.lock(lambda: progress(waiting)) if out is None else nullcontext():
        kept = [c for c in user_data.contributions() if use_feedback or c.kind != FEEDBACK]
        progress("validating data")
        new_rows = contribution_from_csv(csv_path) if csv_path is not None else None
        already = user_data.same_file(new_rows) if new_rows is not None else None
        if already is not None:
            new_rows = None
        if new_rows is None and not kept:
            raise DataError(
                "nothing to learn from: give a labelled CSV (for example a sheet from `horsemen queue`) "
                "or record corrections with `horsemen feedback` first; your data is empty (`horsemen data list`)"
            )
        target = _target(store, out, name)
        if out is None:
            name = target.name
        data = collect_rows([*kept, *([new_rows] if new_rows else [])], include_builtin=include_builtin)
        current_name, current, note = _model_to_replace(store, out)
        trained = fit(data, progress)
        progress("comparing with the current model")
        comparison = compare(trained, current_name, current, tolerance, note)
        meta = trained.meta(comparison=comparison.record(force))
        replaces_something = out is not None and (target / META_FILE).is_file()
        if replaces_something and not comparison.acceptable and not force:
            return Outcome(data, comparison, meta, None, None, False, False, new_rows, None, already)
        progress("writing the model")
        save_model(target, trained.fitted.scorer, meta)
        activated = out is None and (comparison.acceptable or force)
        if activated:
            store.use(name)
        added = user_data.add(new_rows) if activated and new_rows is not None else None
        return Outcome(data, comparison, meta, target, name if out is None else None, activated, force, new_rows, added, already)


def compare(
    trained: TrainedModel,
    current_name: str | None,
    current: Model | None,
    tolerance: float = DEFAULT_TOLERANCE,
    note: str | None = None,
) -> Comparison:
    """Both models on each slice of the held-out rows, leaving out rows the current model was fitted on."""
    data = trained.data
    if not data.heldout:
        return Comparison(current_name, [], tolerance, note or "no held-out rows to compare on", replaces=current is not None)
    truth = label_matrix(data.heldout).astype(bool)
    names = np.array([slice_name(source) for source in data.heldout_slices])
    fitted_before = set(current.meta.trained_on) if current is not None and current.meta else set()
    unseen = np.array([row_fingerprint(row.text) not in fitted_before for row in data.heldout])
    new_scores = trained.heldout_scores[:, : len(LABELS)]
    new_flags = decide(trained.heldout_scores, trained.thresholds)
    if current is not None:
        current_scores = heldout_scores(current, data)
        current_flags = decide(current_scores, current.thresholds)
        current_scores = current_scores[:, : len(LABELS)]
    slices, skipped = [], {}
    for name in dict.fromkeys(names.tolist()):
        rows = np.flatnonzero((names == name) & unseen)
        left_out = int(np.sum(names == name)) - len(rows)
        if not len(rows):
            skipped[name] = f"all {left_out:,} held-out rows left out ({current_name} was trained on them)"
            continue
        if not truth[rows].any():
            skipped[name] = f"none of its {len(rows):,} held-out rows shows a pattern, so there is no ranking to compare"
            continue
        new_report = multilabel_report(truth[rows], new_flags[rows])
        new_ap = macro_average_precision(truth[rows], new_scores[rows])
        if current is None:
            slices.append(SliceComparison(name, left_out, None, new_report, None, new_ap, None, None, tolerance, []))
            continue
        current_ap = macro_average_precision(truth[rows], current_scores[rows])
        slices.append(
            SliceComparison(
                name,
                left_out,
                multilabel_report(truth[rows], current_flags[rows]),
                new_report,
                current_ap,
                new_ap,
                round(current_ap["mean"] - new_ap["mean"], 4),
                share_of_resamples_worse(truth[rows], current_scores[rows], new_scores[rows], resamples=RESAMPLES),
                tolerance,
                _pulled_down(data, rows, truth, current_scores, new_scores),
            )
        )
    if not slices:
        note = note or "no held-out slice could be compared (" + "; ".join(f"{k}: {v}" for k, v in skipped.items()) + ")"
    return Comparison(current_name, slices, tolerance, note, skipped, replaces=current is not None)


def _pulled_down(data: TrainingData, rows: np.ndarray, truth, current_scores, new_scores) -> list[dict]:
    """The rows of a slice the new model ranks worst compared with the current one, each with the pattern that moved most."""
    fall = placements(truth[rows], current_scores[rows]) - placements(truth[rows], new_scores[rows])
    fall = np.where(np.isnan(fall), -np.inf, fall)
    worst_pattern = np.argmax(fall, axis=1)
    worst_fall = fall[np.arange(len(rows)), worst_pattern]
    pulled = []
    for i in np.argsort(-worst_fall, kind="stable")[:PULLED_DOWN_KEPT]:
        if worst_fall[i] <= 0:
            break
        index, pattern = int(rows[i]), int(worst_pattern[i])
        row = data.heldout[index]
        pulled.append(
            {
                "row": describe(data.heldout_slices[index], row.line),
                "text": row.text,
                "labels": [label for label, value in zip(LABELS, truth[index]) if value],
                "pattern": LABELS[pattern],
                "current_score": round(float(current_scores[index, pattern]), 3),
                "new_score": round(float(new_scores[index, pattern]), 3),
                "placement_fall": round(float(worst_fall[i]), 3),
            }
        )
    return pulled


def _target(store: ModelStore, out: str | Path | None, name: str | None) -> Path:
    """Where the new model goes: a fresh version in the home, or ``out``; refused before any training."""
    if out is None:
        name = name or store.new_version_name()
        target = store.path(name)
        if name == DEFAULT_NAME or target.exists():
            raise ModelError(f"a model named {name!r} already exists in {target.parent}; choose another --name")
        return target
    target = Path(out)
    if target.exists() and not (target / META_FILE).is_file() and (not target.is_dir() or any(target.iterdir())):
        raise ModelError(f"{target}: exists and is not a model directory; choose a new folder for --out")
    return target


def _model_to_replace(store: ModelStore, out: str | Path | None) -> tuple[str | None, Model | None, str | None]:
    """(name, model, note): what the new model would replace, or why there is nothing to compare with.

    Never builds anything: a built-in model that was never built is simply not compared with.
    """
    if out is not None and (Path(out) / META_FILE).is_file():
        try:
            return str(out), load_model(out), None
        except ModelError as error:
            return str(out), None, f"the model in {out} cannot be loaded ({error}); nothing to compare with"
    name = store.active_name()
    try:
        return name, store.load(name), None
    except ModelError as error:
        return name, None, f"{error}; nothing to compare with"
