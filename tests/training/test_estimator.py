"""Sample weights in training: real messages weigh as much, all together, as written ones."""

from __future__ import annotations

import numpy as np
import sklearn

from nlp.training.estimator import TrainConfig, accepting_weights, domain_weights, make_estimator, with_any_column


def test_real_rows_weigh_as_much_as_written_rows_together():
    real = np.array([True] * 3 + [False] * 12)
    weights = domain_weights(real)
    assert weights[real].sum() == weights[~real].sum() == 12
    assert set(weights[~real]) == {1.0}


def test_without_real_rows_or_without_written_rows_every_row_weighs_one():
    assert set(domain_weights(np.zeros(5, dtype=bool))) == {1.0}
    assert set(domain_weights(np.ones(5, dtype=bool))) == {1.0}


def test_the_weights_reach_the_classifier():
    """A word that is a pattern in the few real rows and benign in many written ones leans to the real rows' label."""
    texts = [["ok", "sure"]] * 4 + [["ok", "sure"]] * 16 + [["thanks", "love"]] * 20
    labels = [[1, 0, 0, 0]] * 4 + [[0, 0, 0, 0]] * 36
    for k, words in enumerate((["you", "never"], ["such", "genius"], ["not", "my", "fault"], ["whatever", "done"])):
        texts += [words] * 10
        labels += [[int(k == label) for label in range(4)]] * 10
    labels = np.array(labels)
    real = np.array([True] * 4 + [False] * (len(texts) - 4))
    rng = np.random.RandomState(0)
    order = rng.permutation(len(texts))
    texts, labels, real = [texts[i] for i in order], labels[order], real[order]
    config = TrainConfig()

    plain = make_estimator(config).fit(texts, with_any_column(labels))
    with sklearn.config_context(enable_metadata_routing=True):
        weighted = accepting_weights(make_estimator(config)).fit(texts, with_any_column(labels), sample_weight=domain_weights(real))

    ok = [["ok", "sure"]]
    assert weighted.predict_proba(ok)[0, 0] > plain.predict_proba(ok)[0, 0] + 0.1
