"""When a new model may replace the current one: the rule, and the comparison it reads.

``nlp.training.retrain`` scores both models on each slice of the held-out
rows; the new model is refused when on any slice its mean average precision
(how well its scores rank the messages with each pattern above those without)
is lower by more than the tolerance, and lower in at least ``CONFIDENCE`` of
bootstrap resamplings of the slice's rows, so that the few held-out rows of a
small CSV cannot refuse a model by luck. Ranking, not F1 or log-loss: F1
moves with the thresholds each training chooses afresh, and log-loss with
each pattern's share in the data, which a user's own messages rightly change;
neither is harm (README, "Retraining"; benchmarks/bench_retrain_guard.py).

Kept apart from the computing so the command line can name the defaults
without importing numpy and spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Mean average precision on a slice may drop this much before the new model counts as worse.
DEFAULT_TOLERANCE = 0.001
# ... and only when it is lower in at least this share of bootstrap resamplings of the slice's rows.
CONFIDENCE = 0.95
RESAMPLES = 1000


@dataclass(frozen=True)
class SliceComparison:
    """Both models on one slice of the held-out rows."""

    name: str  # "written", "real", "replies", "reddit" or "yours"
    left_out: int  # held-out rows of the slice the current model was fitted on
    current: dict | None  # multilabel report at the default sensitivity; None without a current model
    new: dict
    current_ap: dict[str, float] | None  # average precision per pattern shown in the slice, and "mean"
    new_ap: dict[str, float]
    drop: float | None  # current - new mean average precision
    worse_share: float | None  # share of resamplings in which the new model's mean average precision is lower
    tolerance: float
    pulled_down: list[dict]  # the rows the new model ranks worse, worst first

    @property
    def worse(self) -> bool:
        return self.drop is not None and self.drop > self.tolerance and self.worse_share >= CONFIDENCE

    def to_dict(self) -> dict:
        return {
            "n": self.new["n"],
            "left_out": self.left_out,
            "current": self.current,
            "new": self.new,
            "current_average_precision": self.current_ap,
            "new_average_precision": self.new_ap,
            "average_precision_drop": self.drop,
            "share_of_resamples_worse": self.worse_share,
            "worse": self.worse,
            "pulled_down": self.pulled_down,
        }


@dataclass(frozen=True)
class Comparison:
    """The new model against the one it would replace, on every held-out slice."""

    current_name: str | None  # None when there is no usable model to compare with
    slices: list[SliceComparison]
    tolerance: float
    note: str | None = None  # why a comparison is missing
    skipped: dict[str, str] = field(default_factory=dict)  # slices not compared, and why
    replaces: bool = True  # there is a model in use (or in --out) that the new one would replace

    @property
    def worse_on(self) -> list[str]:
        return [part.name for part in self.slices if part.worse]

    @property
    def acceptable(self) -> bool:
        """Worse on no slice; and, when it would replace a model, shown so on at least one slice."""
        return not self.worse_on and (bool(self.slices) or not self.replaces)

    def to_dict(self) -> dict:
        return {
            "current_model": self.current_name,
            "tolerance": self.tolerance,
            "confidence": CONFIDENCE,
            "acceptable": self.acceptable,
            "worse_on": self.worse_on,
            "slices": {part.name: part.to_dict() for part in self.slices},
            "slices_skipped": self.skipped,
            "note": self.note,
        }

    def record(self, force: bool) -> dict:
        """What the new model's meta keeps of the comparison (``ModelMeta.refused`` reads it)."""
        return {
            "current_model": self.current_name,
            "tolerance": self.tolerance,
            "accepted": self.acceptable,
            "forced": force and not self.acceptable,
            "worse_on": self.worse_on,
            "average_precision_drop": {part.name: part.drop for part in self.slices},
        }


