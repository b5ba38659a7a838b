"""Retraining that cannot make things worse: compare first, replace only if no worse.

A new model is scored on exactly the rows the model in use is scored on: the
built-in test split plus the held-out share of the user's rows (see
``nlp.training.data``). Both are scored through the analyzer. It becomes the model in use only when its macro-F1 there is not
lower than the current one's by more than a small tolerance, or when the user
forces it. A refused model is still kept as a version, so the work is not lost
and ``horsemen models use NAME`` can adopt it after a look at the numbers.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from nlp.errors import DataError, ModelError
from nlp.scorer import decide
from nlp.store import (
    DEFAULT_NAME,
    META_FILE,
    Model,
    ModelMeta,
    ModelStore,
    load_model,
    save_model,
)
from nlp.training.data import TrainingData, collect_rows, label_matrix
from nlp.training.metrics import multilabel_report
from nlp.training.train import TrainedModel, fit, heldout_scores

# One point of macro-F1: about what reshuffling the cross-validation folds moves it by.
DEFAULT_TOLERANCE = 0.01


@dataclass(frozen=True)
class Comparison:
    """Both models on the same held-out rows."""

    current_name: str | None  # None when there is no usable model to compare with
    current: dict | None
    new: dict | None  # None when nothing is held out
    your_rows: dict | None  # the user's share of the held-out rows: n, and rows each model gets entirely right
    tolerance: float
    note: str | None = None  # why there is no comparison

    @property
    def change(self) -> float | None:
        if self.current is None or self.new is None:
            return None
        return round(self.new["macro_f1"] - self.current["macro_f1"], 4)

    @property
    def acceptable(self) -> bool:
        """No worse than the current model, as far as the held-out rows can tell."""
        if self.new is None:
            return False
        return self.change is None or self.change >= -self.tolerance

    def to_dict(self) -> dict:
        return {
            "current_model": self.current_name,
            "current": self.current,
            "new": self.new,
            "your_rows": self.your_rows,
            "macro_f1_change": self.change,
            "tolerance": self.tolerance,
            "note": self.note,
        }


@dataclass(frozen=True)
class Outcome:
    data: TrainingData
    comparison: Comparison
    meta: ModelMeta
    path: Path | None  # None when the model was not written
    name: str | None  # the version name, when written to the model home
    activated: bool
    forced: bool

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
    """Train on the layered rows, compare with the model it would replace, and replace it only if no worse.

    Without ``out`` the model becomes a new version in ``store`` (the
    environment's model home by default) and, if accepted, the model in use. With ``out`` it is written there instead and
    the model in use is left alone; a model already in ``out`` is the one
    compared with, and it is only overwritten if the new one is no worse.
    """
    store = store or ModelStore.from_environment()
    feedback = store.feedback_path if use_feedback else None
    if csv_path is None and not (feedback and feedback.is_file()):
        raise DataError(
            "nothing new to learn from: give a labelled CSV (for example a sheet from `horsemen queue`) "
            "or record corrections with `horsemen feedback` first"
        )
    # A new version takes its name, is compared with the model in use and replaces it all under the home's
    # lock: a second training waits, then compares with what the first one left in use.
    waiting = f"waiting for another training in {store.home} to finish"
    with store.lock(lambda: progress(waiting)) if out is None else nullcontext():
        if out is None:
            name = name or store.new_version_name()
            target = store.path(name)
            if name == DEFAULT_NAME or target.exists():
                raise ModelError(f"a model named {name!r} already exists in {target.parent}; choose another --name")
        else:
            target = Path(out)
            if target.exists() and not (target / META_FILE).is_file() and (not target.is_dir() or any(target.iterdir())):
                raise ModelError(f"{target}: exists and is not a model directory; choose a new folder for --out")
        progress("validating data")
        data = collect_rows(csv_path, include_builtin=include_builtin, feedback=feedback)
        current_name, current, note = _model_to_replace(store, out)
        trained = fit(data, progress)
        progress("comparing with the current model")
        comparison = compare(trained, current_name, current, tolerance, note)
        meta = trained.meta(
            comparison={
                "current_model": current_name,
                "current_macro_f1": comparison.current["macro_f1"] if comparison.current else None,
                "macro_f1_change": comparison.change,
                "tolerance": tolerance,
                "accepted": comparison.acceptable,
                "forced": force and not comparison.acceptable,
            }
        )
        replaces_something = out is not None and (target / META_FILE).is_file()
        if replaces_something and not comparison.acceptable and not force:
            return Outcome(data, comparison, meta, None, None, False, False)
        progress("writing the model")
        save_model(target, trained.fitted.scorer, meta)
        activated = out is None and (comparison.acceptable or force)
        if activated:
            store.use(name)
        return Outcome(data, comparison, meta, target, name if out is None else None, activated, force)


def compare(
    trained: TrainedModel,
    current_name: str | None,
    current: Model | None,
    tolerance: float = DEFAULT_TOLERANCE,
    note: str | None = None,
) -> Comparison:
    """Per-label reports of both models on the held-out rows, and on the user's share of them."""
    data = trained.data
    if not data.heldout:
        return Comparison(current_name, None, None, None, tolerance, "no held-out rows to compare on")
    truth = label_matrix(data.heldout)
    user = np.array(data.heldout_is_user, dtype=bool)
    new_flags = decide(trained.heldout_scores, trained.thresholds)
    current_flags = None
    if current is not None:
        current_flags = decide(heldout_scores(current, data), current.thresholds)

    current_report = None if current_flags is None else multilabel_report(truth, current_flags)
    return Comparison(
        current_name,
        current_report,
        multilabel_report(truth, new_flags),
        _your_rows(truth[user], new_flags[user], None if current_flags is None else current_flags[user]),
        tolerance,
        note,
    )


def _your_rows(truth: np.ndarray, new_flags: np.ndarray, current_flags: np.ndarray | None) -> dict | None:
    """Rows with all four labels right: a handful of rows is too few for per-pattern F1 to mean much."""
    if not len(truth):
        return None

    def all_right(flags):
        return int(np.all(flags == truth.astype(bool), axis=1).sum())

    return {
        "n": len(truth),
        "current_all_right": None if current_flags is None else all_right(current_flags),
        "new_all_right": all_right(new_flags),
    }


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

