"""Time what suggestions add to a flagged message: evidence spans, rewrite, antidotes.

The budget is 1 ms per flagged message on top of scoring. Measured on every
message of data/messages.csv that the default model flags, each advised
``--repeat`` times; the rewrite part includes checking each candidate against
the model (one spaCy pass and one scoring per candidate tried). Times are CPU
time of this process, so other work on a shared machine does not inflate them;
the wall-clock mean is printed too.

    .venv/bin/python benchmarks/bench_suggest.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from dataclasses import replace
from pathlib import Path

from nlp.commands import load_analyzer
from nlp.features import doc_features
from nlp.labels import LABELS
from nlp.pipeline import cue_matches

DATA = Path(__file__).resolve().parent.parent / "data" / "messages.csv"
BUDGET_MS = 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    analyzer = load_analyzer(None)  # builds the built-in model first if needed
    advisor = analyzer.advisor
    with DATA.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    # What the Analyzer hands the Advisor: the scored analysis (rule cues only) and the Doc,
    # text, cues and feature tokens it was scored from.
    cases = []
    for analysis in analyzer.analyze_many(texts):
        if analysis.flagged:
            rule_cues = tuple(c for c in analysis.cues if not c.rule.startswith("model."))
            bare = replace(analysis, cues=rule_cues, rewrite=None, antidotes=())
            doc = analyzer.lang(analysis.text)
            cues = cue_matches(doc)
            cases.append((bare, doc, analysis.text, cues, doc_features(doc, analysis.text, cues)))

    wall: dict[str, float] = {}

    def per_message_ms(step) -> list[float]:
        timings = []
        wall_started = time.perf_counter()
        for case in cases:
            started = time.process_time()
            for _ in range(args.repeat):
                step(*case)
            timings.append((time.process_time() - started) / args.repeat * 1000)
        wall[step.__name__] = (time.perf_counter() - wall_started) / len(cases) / args.repeat * 1000
        return timings

    def evidence(bare, doc, text, cues, features):
        labels = [(LABELS.index(p), p) for p in bare.flagged_patterns]
        advisor.evidence.spans(doc, text, advisor.evidence.message_parts(doc, features, labels), list(bare.cues))

    def rewrite(bare, doc, text, cues, features):
        advisor.rewrite(bare, doc, cues)

    parts = {
        "evidence spans": per_message_ms(evidence),
        "rewrite": per_message_ms(rewrite),
        "advise (all)": per_message_ms(advisor.advise),
    }
    print(f"{len(cases)} flagged messages, {args.repeat} runs each; CPU milliseconds per message")
    print(f"{'step':<16} {'mean':>6} {'p50':>6} {'p95':>6} {'max':>6}")
    for name, timings in parts.items():
        ordered = sorted(timings)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        print(f"{name:<16} {statistics.mean(timings):>6.3f} {statistics.median(timings):>6.3f} {p95:>6.3f} {ordered[-1]:>6.3f}")
    print(f"wall-clock mean of advise: {wall['advise']:.3f} ms")
    mean = statistics.mean(parts["advise (all)"])
    print(f"budget {BUDGET_MS} ms per flagged message: {'within' if mean <= BUDGET_MS else 'OVER'} ({mean:.3f} ms mean)")


if __name__ == "__main__":
    main()
