"""Rewrite coverage and re-score on the project's own test split.

For every test-split message of data/messages.csv that the default model flags,
count how often a rewrite is offered (the target is >= 95% for criticism,
defensiveness and stonewalling) and whether each rewrite passes the checks of
``nlp.suggest.checks`` when analysed again (not flagged, no absolutes or insults,
an I-statement, the topic of a criticism kept). Also counts how many rewrites
had to fall back to a generic template.

    .venv/bin/python benchmarks/rewrite_coverage.py [--show-problems]
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

from nlp.commands import load_analyzer
from nlp.labels import LABELS
from nlp.suggest.checks import rewrite_problems

DATA = Path(__file__).resolve().parent.parent / "data" / "messages.csv"
REQUIRED = ("criticism", "defensiveness", "stonewalling")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-problems", action="store_true", help="print each rewrite that fails a check")
    args = parser.parse_args()

    analyzer = load_analyzer(None)  # builds the built-in model first if needed
    lexicon = analyzer.advisor.lexicon
    generic = {t for t in _generic_rewrites(lexicon.templates)}
    with DATA.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle) if row["split"] == "test"]
    flagged = [a for a in analyzer.analyze_many(texts) if a.flagged]
    rewrites = [a.rewrite for a in flagged if a.rewrite]
    reanalysed = dict(zip(rewrites, analyzer.analyze_many(rewrites)))

    print(f"test split: {len(texts)} messages, {len(flagged)} flagged by the default model")
    print(f"{'pattern':<14} {'flagged':>7} {'rewrite':>7} {'coverage':>8}")
    for label in LABELS:
        with_label = [a for a in flagged if label in a.flagged_patterns]
        covered = sum(a.rewrite is not None for a in with_label)
        share = covered / len(with_label) if with_label else 0.0
        print(f"{label:<14} {len(with_label):>7} {covered:>7} {share:>8.1%}")
    required = [a for a in flagged if set(a.flagged_patterns) & set(REQUIRED)]
    covered = sum(a.rewrite is not None for a in required)
    print(f"criticism, defensiveness or stonewalling: {covered}/{len(required)} = {covered / len(required):.1%}")

    problems = Counter()
    failing = 0
    for analysis in flagged:
        if analysis.rewrite is None:
            continue
        found = rewrite_problems(analysis, reanalysed[analysis.rewrite], lexicon)
        failing += bool(found)
        problems.update(p.split(":")[0] for p in found)
        if found and args.show_problems:
            print(f"  {analysis.text[:80]!r}\n    -> {analysis.rewrite}\n    {found}")
    total = sum(a.rewrite is not None for a in flagged)
    still_flagged = sum(reanalysed[a.rewrite].flagged for a in flagged if a.rewrite)
    print(f"re-scored rewrites: {total}, still flagged: {still_flagged}, failing any check: {failing}")
    for problem, count in problems.most_common():
        print(f"  {problem}: {count}")
    fallbacks = sum(a.rewrite in generic for a in flagged if a.rewrite)
    print(f"generic fallback rewrites: {fallbacks}/{total}")


def _generic_rewrites(templates: dict) -> list[str]:
    return [templates["criticism"]["last_resort"], templates["stonewalling"]["default"]]


if __name__ == "__main__":
    main()
