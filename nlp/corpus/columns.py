"""The output columns of a scored table, and how one analysis becomes them.

``compact`` runs where the analysis is made (a worker process), so only a
small tuple travels back; ``frame`` turns a chunk's tuples into the output
DataFrame. Every scored row gets the same columns, whatever the partitioning.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from nlp.labels import LABELS
from nlp.results import Analysis

ROW = "row"
CUES = "cues"
REWRITE = "rewrite"
FLAGGED = "flagged"
CUE_FIELDS = ("start", "end", "text", "pattern", "rule")

Compact = tuple[tuple[float, ...], tuple[bool, ...], tuple[tuple, ...], "str | None"]


def compact(analysis: Analysis) -> Compact:
    """What a scored row keeps of its analysis: scores, flags, cue spans, rewrite."""
    patterns = [analysis.patterns[label] for label in LABELS]
    return (
        tuple(pattern.score for pattern in patterns),
        tuple(pattern.flagged for pattern in patterns),
        tuple((cue.start, cue.end, cue.text, cue.pattern, cue.rule) for cue in analysis.cues),
        analysis.rewrite,
    )


def frame(keys: pd.DataFrame, results: list[Compact], suggest: bool) -> pd.DataFrame:
    """The output rows: ``keys`` (row number and id columns) beside the per-pattern columns."""
    out = keys.reset_index(drop=True).copy()
    scores = np.array([result[0] for result in results], dtype=np.float32).reshape(len(results), len(LABELS))
    flags = np.array([result[1] for result in results], dtype=bool).reshape(len(results), len(LABELS))
    for i, label in enumerate(LABELS):
        out[label] = scores[:, i]
    for i, label in enumerate(LABELS):
        out[f"{label}_flagged"] = flags[:, i]
    out[FLAGGED] = flags.any(axis=1)
    out[CUES] = [[dict(zip(CUE_FIELDS, cue)) for cue in result[2]] for result in results]
    if suggest:
        out[REWRITE] = pd.array([result[3] for result in results], dtype="string")
    return out


def empty(keys: pd.DataFrame, suggest: bool) -> pd.DataFrame:
    """An output frame with no rows but every column, for a partition whose rows were all problems."""
    return frame(keys.iloc[0:0], [], suggest)
