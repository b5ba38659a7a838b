"""The ranking measures the comparison of two models rests on."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import average_precision_score, roc_auc_score

from nlp.training.metrics import average_precision, placements, share_of_resamples_worse

# Scores on a coarse grid, so ties (which both measures must handle as scikit-learn does) are common.
rows = st.lists(st.tuples(st.booleans(), st.integers(0, 10)), min_size=2, max_size=60)


@settings(max_examples=200, deadline=None)
@given(rows)
def test_average_precision_is_scikit_learns(pairs):
    truth = np.array([hit for hit, _ in pairs])
    scores = np.array([score / 10 for _, score in pairs])
    if truth.any():
        assert abs(average_precision(truth, scores) - average_precision_score(truth, scores)) < 1e-12


@settings(max_examples=200, deadline=None)
@given(rows)
def test_placements_average_to_the_area_under_the_roc_curve_from_either_side(pairs):
    truth = np.array([hit for hit, _ in pairs])
    scores = np.array([score / 10 for _, score in pairs])
    placed = placements(truth[:, None], scores[:, None])[:, 0]
    if truth.all() or not truth.any():
        assert np.isnan(placed).all()
        return
    area = roc_auc_score(truth, scores)
    assert abs(placed[truth].mean() - area) < 1e-12 and abs(placed[~truth].mean() - area) < 1e-12


def test_resampling_tells_a_worse_ranking_from_an_equal_one():
    generator = np.random.default_rng(3)
    truth = generator.random((300, 4)) < 0.3
    good = np.where(truth, 0.7, 0.3) + generator.normal(0, 0.15, truth.shape)
    assert share_of_resamples_worse(truth, good, good.copy(), resamples=200) == 0.0
    assert share_of_resamples_worse(truth, good, good + generator.normal(0, 0.3, truth.shape), resamples=200) > 0.95
