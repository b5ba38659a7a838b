"""Does the retraining guard refuse harmful labels and accept good ones? And why it ranks instead of using F1.

Trains the built-in model and variations of it, and compares pairs with the
same code `horsemen train` runs (``nlp.training.retrain.compare``) on the
built-in test slices:

- good: a model trained without N random training rows of one slice, then the
  full model (as if a user had added those correctly labelled rows);
- harm: the full model, then one trained with 60 criticism training rows of
  the written slice relabelled as stonewalling only (trial 0 takes the first
  60, the issue's scenario; the others a random 60);
- new words: the full model, then one trained with 60 extra rows made of words
  the data never had, all showing one pattern (the pattern's share rises, no
  message changes).

For each slice it prints the change of macro-F1 at the default sensitivity
and of mean log-loss (the measures the guard does not use), and the change of
mean average precision with the share of 1,000 resamplings in which it is
lower (the guard's measure), and the verdict. About 12 trainings: 2-3 minutes.

Run: .venv/bin/python benchmarks/bench_retrain_guard.py
"""

from __future__ import annotations

import csv
import dataclasses
import random
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import nlp.training.data as data  # noqa: E402
from nlp.labels import LABELS  # noqa: E402
from nlp.store import Model  # noqa: E402
from nlp.training.data import collect_rows, contribution_from_csv, label_matrix  # noqa: E402
from nlp.training.retrain import compare  # noqa: E402
from nlp.training.train import fit, heldout_scores, slice_name  # noqa: E402

BUILTIN = data.BUILTIN_SLICES
FIELDS = ("text", *LABELS, "split")


def as_model(trained) -> Model:
    points = {level: np.array(point) for level, point in trained.fitted.operating_points.items()}
    return Model(None, trained.fitted.scorer, points, trained.meta())


def mean_log_loss(truth: np.ndarray, scores: np.ndarray) -> float:
    p = np.clip(scores[:, : len(LABELS)], 1e-6, 1 - 1e-6)
    return float(np.mean(-np.where(truth, np.log(p), np.log(1 - p))))


def write(path: Path, rows: list[dict], fields) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(fields), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def report(kind: str, trained_new, current: Model) -> None:
    comparison = compare(trained_new, "current", current)
    held = trained_new.data
    truth = label_matrix(held.heldout).astype(bool)
    names = np.array([slice_name(source) for source in held.heldout_slices])
    current_scores = heldout_scores(current, held)
    parts = []
    for part in comparison.slices:
        rows = names == part.name
        loss = mean_log_loss(truth[rows], trained_new.heldout_scores[rows]) - mean_log_loss(truth[rows], current_scores[rows])
        parts.append(
            f"{part.name}: F1 {part.new['macro_f1'] - part.current['macro_f1']:+.4f} log-loss {loss:+.4f} "
            f"AP {-part.drop:+.4f} lower in {part.worse_share:.0%}{' WORSE' if part.worse else ''}"
        )
    verdict = "refused" if not comparison.acceptable else "accepted"
    print(f"{kind:28s} {verdict:9s} " + " | ".join(parts), flush=True)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="retrain-guard-"))
    full = fit(collect_rows())
    full_model = as_model(full)
    by_slice = {
        sl.name: list(csv.DictReader(sl.path.open(encoding="utf-8", newline=""))) for sl in BUILTIN
    }

    for seed, count, slice_name_ in ((1, 60, "written"), (2, 60, "written"), (3, 60, "written"),
                                      (4, 300, "written"), (5, 300, "real"), (6, 100, "replies")):
        rows = by_slice[slice_name_]
        train = [i for i, row in enumerate(rows) if row["split"] == "train"]
        dropped = set(random.Random(seed).sample(train, count))
        reduced = write(folder / f"reduced-{seed}.csv", [row for i, row in enumerate(rows) if i not in dropped], rows[0].keys())
        data.BUILTIN_SLICES = tuple(dataclasses.replace(sl, path=reduced) if sl.name == slice_name_ else sl for sl in BUILTIN)
        without = as_model(fit(collect_rows()))
        data.BUILTIN_SLICES = BUILTIN
        report(f"good: {count} {slice_name_} rows #{seed}", full, without)

    criticism = [row for row in by_slice["written"] if row["split"] == "train" and row["criticism"] == "1"]
    for seed in (0, 1, 2):
        picked = criticism[:60] if seed == 0 else random.Random(seed).sample(criticism, 60)
        relabelled = [{"text": row["text"], **{label: int(label == "stonewalling") for label in LABELS}} for row in picked]
        path = write(folder / f"harm-{seed}.csv", relabelled, FIELDS[:-1])
        report(f"harm: 60 relabelled #{seed}", fit(collect_rows([contribution_from_csv(path)])), full_model)

    words = [a + b + "x" for a in ("ka", "lo", "mi", "nu", "pe", "ri", "sa", "te", "vo", "zu") for b in ("so", "tu", "va", "we", "bi", "do")]
    for pattern in ("contempt", "stonewalling"):
        rows = [{"text": f"{word} quibbix", **{label: int(label == pattern) for label in LABELS}, "split": "train"} for word in words]
        path = write(folder / f"new-words-{pattern}.csv", rows, FIELDS)
        report(f"new words: 60 {pattern}", fit(collect_rows([contribution_from_csv(path)])), full_model)


if __name__ == "__main__":
    main()
