"""Golden rewrites: hand-reviewed message -> rewrite pairs, pinned.

Each line of ``golden_rewrites.jsonl`` is a message, what it covers (pattern,
tense, question, texting style, several sentences ...), the patterns the default
model flagged when the pair was reviewed (strongest first) and the rewrite a
person read and accepted. The pin replays those recorded flags, so retraining the
classifier does not move the goldens; only a change to the rewriter does. After
an intended change, run ``python tests/suggest/test_golden_rewrites.py`` to
regenerate the file, then read the diff line by line before keeping it: the
goldens are the specification.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from nlp.pipeline import cue_matches
from nlp.results import PatternScore
from nlp.suggest.checks import rewrite_problems

GOLDEN = Path(__file__).with_name("golden_rewrites.jsonl")
ROWS = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_golden_covers_every_pattern_and_style():
    covers = Counter(tag for row in ROWS for tag in row["covers"])
    assert len(ROWS) >= 80
    for tag in ("criticism", "contempt", "defensiveness", "stonewalling", "past", "present", "question", "texting", "multi"):
        assert covers[tag] >= 3, tag
    assert sum(row["rewrite"] is not None for row in ROWS) >= 80


def with_recorded_flags(analyzer, row):
    """The analysis of ``row["text"]`` as the model flagged it when the pair was reviewed."""
    analysis = analyzer.analyze(row["text"])
    ranked = {pattern: 0.9 - 0.1 * rank for rank, pattern in enumerate(row["flagged"])}
    patterns = {name: PatternScore(ranked.get(name, 0.0), name in ranked) for name in analysis.patterns}
    return replace(analysis, patterns=patterns, rewrite=row["rewrite"])


@pytest.mark.parametrize("row", ROWS, ids=[row["text"][:40] for row in ROWS])
def test_golden_rewrite_is_pinned(analyzer, row):
    recorded = with_recorded_flags(analyzer, row)
    doc = analyzer.lang(row["text"])
    assert analyzer.advisor.rewrite(recorded, doc, cue_matches(doc)) == row["rewrite"]


@pytest.mark.parametrize("row", [r for r in ROWS if r["rewrite"]], ids=[r["text"][:40] for r in ROWS if r["rewrite"]])
def test_golden_rewrite_passes_the_checks(analyzer, row):
    recorded = with_recorded_flags(analyzer, row)
    assert rewrite_problems(recorded, analyzer.analyze(row["rewrite"]), analyzer.advisor.lexicon) == []


def regenerate() -> None:
    import nlp

    analyzer = nlp.load()
    lines = []
    for row in ROWS:
        analysis = analyzer.analyze(row["text"])
        flagged = sorted(analysis.flagged_patterns, key=lambda p: -analysis.patterns[p].score)
        updated = {"text": row["text"], "covers": row["covers"], "flagged": flagged, "rewrite": analysis.rewrite}
        lines.append(json.dumps(updated, ensure_ascii=False))
    GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    regenerate()
