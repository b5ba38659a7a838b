"""Per-person statistics, including Gottman's positive-to-negative ratio.

Gottman found that stable couples show about five positive interactions for
every negative one *during conflict* (and far more in everyday talk), so the
ratio is given overall and inside conflict episodes, with 5:1 as the
reference. Here a negative is a flagged message and a positive is a message
with a healthy move (appreciation, an I-statement, a repair attempt, ...).
A person with positives and no negatives has an infinite ratio; with
neither, the ratio is left empty. Calls are events, not messages, so they get
a column of their own; bots get a row like anyone who posted, marked ``bot``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from nlp.conversation.episodes import Episodes
from nlp.labels import LABELS

REFERENCE_RATIO = 5.0

SPEAKER_COLUMNS = (
    "speaker", "bot", "messages", "scored", "flagged", "flagged_rate", "calls",
    *(column for label in LABELS for column in (label, f"{label}_rate")),
    "positives", "ratio", "conflict_positives", "conflict_negatives", "conflict_ratio",
    "episodes", "episodes_started", "harsh_startups", "repairs", "stonewalled_episodes",
)


def positive_negative_ratio(positives, negatives):
    """positives / negatives, infinite with no negatives, NaN with neither (scalars or arrays)."""
    positives = np.asarray(positives, dtype=float)
    negatives = np.asarray(negatives, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        divided = positives / np.where(negatives > 0, negatives, 1)
        return np.where(negatives > 0, divided, np.where(positives > 0, np.inf, np.nan))


def speaker_table(messages: pd.DataFrame, episodes: Episodes) -> pd.DataFrame:
    """One row per person (most messages first), columns ``SPEAKER_COLUMNS``."""
    spoken = messages["sender"].notna().to_numpy()
    people = messages.loc[spoken, ["sender", "bot", "scored", "flagged", "positive", *LABELS]]
    groups = people.groupby("sender", observed=True, sort=False)
    table = groups.agg(
        bot=("bot", "any"), messages=("scored", "size"), scored=("scored", "sum"), flagged=("flagged", "sum"),
        positives=("positive", "sum"), **{label: (label, "sum") for label in LABELS},
    )
    table["calls"] = messages.loc[messages["kind"] == "call", "actor"].value_counts()
    conflict = people[episodes.in_conflict[spoken]].groupby("sender", observed=True, sort=False)
    table["conflict_positives"] = conflict["positive"].sum()
    table["conflict_negatives"] = conflict["flagged"].sum()
    episode_rows = episodes.table
    table["episodes"] = episode_rows["participants"].explode().value_counts()
    table["episodes_started"] = episode_rows["started_by"].value_counts()
    table["harsh_startups"] = episode_rows.loc[episode_rows["harsh_startup"].astype(bool), "started_by"].value_counts()
    table["repairs"] = episode_rows["repaired_by"].value_counts()
    table["stonewalled_episodes"] = episode_rows["stonewalled_by"].explode().value_counts()
    counts = [
        "calls", "conflict_positives", "conflict_negatives", "episodes", "episodes_started", "harsh_startups", "repairs",
        "stonewalled_episodes",
    ]
    table[counts] = table[counts].fillna(0).astype(int)
    scored = table["scored"].where(table["scored"] > 0)
    table["flagged_rate"] = (table["flagged"] / scored).round(4)
    for label in LABELS:
        table[f"{label}_rate"] = (table[label] / scored).round(4)
    table["ratio"] = positive_negative_ratio(table["positives"], table["flagged"]).round(2)
    table["conflict_ratio"] = positive_negative_ratio(table["conflict_positives"], table["conflict_negatives"]).round(2)
    table = table.rename_axis("speaker").reset_index()
    table["speaker"] = table["speaker"].astype(str)
    table = table.sort_values(["messages", "speaker"], ascending=[False, True], kind="stable")
    return table[list(SPEAKER_COLUMNS)].reset_index(drop=True)
