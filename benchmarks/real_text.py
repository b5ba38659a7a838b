"""How the model does on real messages it never trained on, at their natural prevalence.

Prints, for each sensitivity level, on the test split of each real slice (the SMS of
`data/real-text.csv`, about 2% of which show a pattern, and the Reddit comments of
`data/reddit-comments.csv`, about 5%): false alarms on benign messages, any-flag
precision and recall with counts and 95% Wilson intervals; and macro-F1 on the written
test split. The same figures as `horsemen evaluate` (without a CSV) gives per slice;
the README's quality section quotes them.

Run: .venv/bin/python benchmarks/real_text.py [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlp.commands import load_analyzer  # noqa: E402
from nlp.labels import SENSITIVITIES  # noqa: E402
from nlp.training.evaluation import evaluate_builtin  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    analyzer = load_analyzer(None)  # builds the built-in model first if needed
    results = {level: evaluate_builtin(analyzer.at(level)) for level in SENSITIVITIES}
    if args.json:
        print(json.dumps(results))
        return
    print(f"{'sensitivity':12s} {'slice':7s} {'false alarms (benign)':32s} {'precision (any flag)':26s} {'recall (any flag)':26s} written macro-F1")
    for level, slices in results.items():
        for name, report in slices.items():
            if not report["real"] or not report["n"]:
                continue
            alarms, counts = report["false_alarms"], report["any_counts"]
            caught = counts["tp"] + counts["fp"]
            positives = counts["tp"] + counts["fn"]
            print(
                f"{level:12s} {name:7s} "
                f"{alarms['flagged']:3d}/{alarms['benign']:4d} = {alarms['rate']:5.1%} [{alarms['interval'][0]:.1%}-{alarms['interval'][1]:.1%}]   "
                f"{counts['tp']:2d}/{caught:3d} = {report['any']['precision']:.2f} [{_pair(report['any_precision_interval'])}]   "
                f"{counts['tp']:2d}/{positives:2d} = {report['any']['recall']:.2f} [{_pair(report['any_recall_interval'])}]   "
                f"{slices['written']['macro_f1']:.3f}"
            )


def _pair(interval: list[float]) -> str:
    return f"{interval[0]:.2f}-{interval[1]:.2f}"


if __name__ == "__main__":
    main()
