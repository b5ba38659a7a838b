"""Does labelling the queued messages teach the model more than labelling random ones?

Simulation on the built-in data: a small labelled seed set, a pool of training
rows whose labels stay hidden until a strategy queues them, and the test split
for scoring. Each round a strategy picks a batch from the pool with the model
trained so far, the batch's labels are revealed, and the model is retrained.
Strategies: random, uncertainty only (diversity 0), and ``horsemen queue``'s
selection (uncertainty with diversity). Macro-F1 on the test split, mean and
spread over several seeds, is printed per round.

The built-in data is about 40% messages with no pattern; a real chat export is
mostly such messages. ``--pattern-share 0.2`` keeps every no-pattern training
row but only enough pattern rows for them to be 20% of the pool and seed set,
which is closer to what ``horsemen queue`` sees in practice.

    .venv/bin/python benchmarks/bench_active_learning.py [--seed-size 200] [--batch 100] [--rounds 4] [--repeats 3]
        [--pattern-share 0.2]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from threadpoolctl import threadpool_limits  # noqa: E402

from nlp.scorer import decide  # noqa: E402
from nlp.training.data import label_matrix, read_builtin  # noqa: E402
from nlp.training.estimator import featurize, fit_estimator  # noqa: E402
from nlp.training.metrics import multilabel_report  # noqa: E402
from nlp.training.queue import DIVERSITY, select  # noqa: E402

STRATEGIES = {"random": None, "uncertainty": 0.0, "queue": DIVERSITY}
MIN_EXAMPLES = 10  # per pattern in the seed set


def simulate(features, labels, eval_features, eval_labels, seed_size, batch, rounds, seed, diversity):
    """Macro-F1 on the eval rows after 0..rounds batches, for one strategy and one seed."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(features))
    labelled = list(order[:seed_size])
    # A model needs some examples of every pattern to train at all (3-fold
    # calibration inside 5-fold threshold search): take more rows, in the same
    # random order, until each pattern has MIN_EXAMPLES.
    for label in range(labels.shape[1]):
        chosen = set(labelled)
        extra = [i for i in order[seed_size:] if labels[i, label] and i not in chosen]
        labelled += extra[: max(0, MIN_EXAMPLES - int(labels[labelled, label].sum()))]
    chosen = set(labelled)
    pool = [i for i in order if i not in chosen]
    scores = []
    for round_ in range(rounds + 1):
        result = fit_estimator([features[i] for i in labelled], labels[labelled])
        thresholds = np.array(result.thresholds)
        predicted = decide(result.scorer.predict_proba(eval_features), thresholds)
        scores.append(multilabel_report(eval_labels, predicted)["macro_f1"])
        if round_ == rounds:
            break
        if diversity is None:
            chosen = list(rng.choice(len(pool), size=batch, replace=False))
        else:
            pool_features = [features[i] for i in pool]
            chosen = select(result.scorer.predict_proba(pool_features), thresholds, pool_features, batch, diversity=diversity)
        picked = {pool[i] for i in chosen}
        labelled += sorted(picked)
        pool = [i for i in pool if i not in picked]
    return scores


def with_pattern_share(rows, share, seed=0):
    """Every no-pattern row, plus pattern rows drawn at random until they are ``share`` of the result."""
    neutral = [row for row in rows if not any(row.labels)]
    patterned = [row for row in rows if any(row.labels)]
    wanted = min(len(patterned), round(share / (1 - share) * len(neutral)))
    kept = np.random.default_rng(seed).choice(len(patterned), size=wanted, replace=False)
    return neutral + [patterned[i] for i in sorted(kept)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed-size", type=int, default=200)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pattern-share", type=float, default=None, help="share of pool rows with a pattern")
    args = parser.parse_args()

    rows = read_builtin()
    train_rows = [row for row in rows if row.split == "train"]
    if args.pattern_share is not None:
        train_rows = with_pattern_share(train_rows, args.pattern_share)
    eval_rows = [row for row in rows if row.split == "test"]
    started = time.perf_counter()
    features = featurize([row.text for row in train_rows])
    eval_features = featurize([row.text for row in eval_rows])
    print(f"{len(train_rows)} pool+seed rows, {len(eval_rows)} test rows; featurized in {time.perf_counter() - started:.0f} s")
    labels, eval_labels = label_matrix(train_rows), label_matrix(eval_rows)

    results = {}
    with threadpool_limits(limits=1, user_api="blas"):
        for name, diversity in STRATEGIES.items():
            runs = [
                simulate(features, labels, eval_features, eval_labels, args.seed_size, args.batch, args.rounds, seed, diversity)
                for seed in range(args.repeats)
            ]
            results[name] = np.array(runs)
            print(f"  {name}: done ({time.perf_counter() - started:.0f} s)", file=sys.stderr)

    share = f", {args.pattern_share:.0%} of pool rows with a pattern" if args.pattern_share is not None else ""
    print(
        f"\nTest-split macro-F1, mean ± sd over {args.repeats} seeds (seed set {args.seed_size}, topped up to "
        f"{MIN_EXAMPLES} rows per pattern; batches of {args.batch}{share})"
    )
    header = "labelled".rjust(9) + "".join(name.rjust(16) for name in results)
    print(header)
    for round_ in range(args.rounds + 1):
        line = str(args.seed_size + round_ * args.batch).rjust(9)
        for runs in results.values():
            line += f"{runs[:, round_].mean():.3f} ± {runs[:, round_].std():.3f}".rjust(16)
        print(line)
    final = {name: runs[:, -1] for name, runs in results.items()}
    gains = final["queue"] - final["random"]
    print(f"\nqueue - random after {args.rounds} batches: {gains.mean():+.3f} (per seed: {', '.join(f'{g:+.3f}' for g in gains)})")


if __name__ == "__main__":
    main()
