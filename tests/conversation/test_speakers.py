"""Per-person statistics and Gottman's positive-to-negative ratio."""

from __future__ import annotations

import math

import numpy as np

from nlp.conversation.episodes import find_episodes
from nlp.conversation.speakers import SPEAKER_COLUMNS, positive_negative_ratio, speaker_table

from .frames import build_frame


def test_ratio_edges():
    assert positive_negative_ratio(10, 2) == 5.0
    assert math.isinf(positive_negative_ratio(3, 0))
    assert math.isnan(positive_negative_ratio(0, 0))
    assert positive_negative_ratio(0, 4) == 0.0
    assert np.allclose(positive_negative_ratio([1, 6], [2, 3]), [0.5, 2.0])


def test_counts_rates_and_conflict_ratio():
    rows = [
        (0, "A", (), ("appreciation",)),
        (2, "B", (), ()),
        (4, "A", (), ("appreciation",)),
        (6, "B", (), ()),
        (8, "A", (), ()),
        (10, "B", (), ()),
        (100, "A", ("criticism", "contempt"), ()),
        (101, "B", ("defensiveness",), ()),
        (102, "A", ("criticism",), ()),
        (105, "B", (), ("repair",)),
        (106, None, (), ()),
    ]
    messages = build_frame(rows)
    table = speaker_table(messages, find_episodes(messages)).set_index("speaker")
    assert list(table.reset_index().columns) == list(SPEAKER_COLUMNS)
    a, b = table.loc["A"], table.loc["B"]
    assert (a["messages"], a["scored"], a["flagged"], a["criticism"], a["contempt"]) == (5, 5, 2, 2, 1)
    assert a["flagged_rate"] == 0.4 and a["criticism_rate"] == 0.4 and a["contempt_rate"] == 0.2
    assert (a["positives"], a["ratio"]) == (2, 1.0)
    assert (a["conflict_positives"], a["conflict_negatives"], a["conflict_ratio"]) == (0, 2, 0.0)
    assert (a["episodes"], a["episodes_started"], a["harsh_startups"]) == (1, 1, 1)
    assert (b["flagged"], b["defensiveness"], b["positives"], b["ratio"]) == (1, 1, 1, 1.0)
    assert (b["conflict_positives"], b["conflict_negatives"], b["conflict_ratio"], b["repairs"]) == (1, 1, 1.0, 1)
    assert b["episodes_started"] == 0 and b["stonewalled_episodes"] == 0


def test_people_without_negatives_or_episodes():
    messages = build_frame([(0, "A", (), ("appreciation",)), (1, "B", (), ()), (2, "A", (), ())])
    table = speaker_table(messages, find_episodes(messages)).set_index("speaker")
    assert math.isinf(table.loc["A", "ratio"]) and math.isnan(table.loc["B", "ratio"])
    assert math.isnan(table.loc["A", "conflict_ratio"])
    assert table.index.tolist() == ["A", "B"]  # most messages first
    assert table["episodes"].tolist() == [0, 0]
