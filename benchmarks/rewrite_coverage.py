"""Rewrite coverage and re-score on the project's own test splits.

For every test-split message of data/messages.csv and data/real-text.csv that
the default model flags, count how often a rewrite is offered (the target is
100%, contempt included) and whether each rewrite passes the checks of
``nlp.suggest.checks`` when analysed again at the most sensitive level (not
flagged, no absolutes or insults, an I-statement, reads as a finished message).
Also counts how many rewrites are generic sentences, and how many criticism
rewrites keep no content word of the complaint (the topic check).

    .venv/bin/python benchmarks/rewrite_coverage.py [--show-problems] [--split train]

``--split train`` counts the training rows instead: where rules are developed, so the test
rows stay unseen.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

from nlp.commands import load_analyzer
from nlp.labels import LABELS
from nlp.suggest.checks import rewrite_problems

DATA = Path(__file__).resolve().parent.parent / "data"
SOURCES = ("messages.csv", "real-text.csv")
TOPIC_CHECK = "criticism rewrite lost the topic"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-problems", action="store_true", help="print each rewrite that fails a check")
    parser.add_argument("--split", default="test", choices=("train", "test"), help="which rows to count (default: test)")
    args = parser.parse_args()

    analyzer = load_analyzer(None)  # builds the built-in model first if needed
    lexicon = analyzer.advisor.lexicon
    generic = set(analyzer.advisor.rewriter.generic_sentences())
    texts = []
    for name in SOURCES:
        with (DATA / name).open(encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle) if row["split"] == args.split]
    flagged = [a for a in analyzer.analyze_many(texts) if a.flagged]
    rewrites = [a.rewrite for a in flagged if a.rewrite]
    reanalysed = dict(zip(rewrites, analyzer.at("high").analyze_many(rewrites)))

    print(f"{args.split} splits ({', '.join(SOURCES)}): {len(texts)} messages, {len(flagged)} flagged by the default model")
    print(f"{'pattern':<14} {'flagged':>7} {'rewrite':>7} {'coverage':>8}")
    for label in LABELS:
        with_label = [a for a in flagged if label in a.flagged_patterns]
        covered = sum(a.rewrite is not None for a in with_label)
        share = covered / len(with_label) if with_label else 0.0
        print(f"{label:<14} {len(with_label):>7} {covered:>7} {share:>8.1%}")
    covered = sum(a.rewrite is not None for a in flagged)
    print(f"any pattern: {covered}/{len(flagged)} = {covered / len(flagged):.1%}")

    problems = Counter()
    failing = 0
    for analysis in flagged:
        if analysis.rewrite is None:
            continue
        found = rewrite_problems(analysis, reanalysed[analysis.rewrite], lexicon)
        failing += bool([p for p in found if p != TOPIC_CHECK])
        problems.update(p.split(":")[0] for p in found)
        if found and args.show_problems:
            print(f"  {analysis.text[:80]!r}\n    -> {analysis.rewrite}\n    {found}")
    still_flagged = sum(reanalysed[a.rewrite].flagged for a in flagged if a.rewrite)
    print(f"re-scored at the most sensitive level: {covered}, still flagged: {still_flagged}, failing a check: {failing}")
    for problem, count in problems.most_common():
        print(f"  {problem}: {count}")
    pauses = tuple(f" {text}" for text in lexicon.templates["stonewalling"]["appended"].values())
    fallbacks = sum(_without(a.rewrite, pauses) in generic for a in flagged if a.rewrite)
    print(f"generic sentences: {fallbacks}/{covered}")


def _without(rewrite: str, endings: tuple[str, ...]) -> str:
    """The rewrite without the break sentence appended for a withdrawal."""
    return next((rewrite[: -len(end)] for end in endings if rewrite.endswith(end)), rewrite)


if __name__ == "__main__":
    main()
