"""Rewrites on the project's own test split: coverage and re-score."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "data" / "messages.csv"

REQUIRED = {"criticism", "defensiveness", "stonewalling"}


@pytest.fixture(scope="module")
def flagged_test_split(analyzer):
    with DATA.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle) if row["split"] == "test"]
    return [a for a in analyzer.analyze_many(texts) if a.flagged]


def test_rewrite_coverage_on_test_split(flagged_test_split):
    required = [a for a in flagged_test_split if REQUIRED & set(a.flagged_patterns)]
    covered = sum(a.rewrite is not None for a in required)
    assert covered / len(required) >= 0.95


def test_rewrites_on_test_split_are_not_flagged_and_have_no_absolutes(analyzer, flagged_test_split):
    rewrites = [a.rewrite for a in flagged_test_split if a.rewrite]
    absolutes = set(analyzer.advisor.lexicon.words["absolutes"])
    for rewrite, again in zip(rewrites, analyzer.analyze_many(rewrites)):
        assert not again.flagged, rewrite
        assert not set(rewrite.lower().replace("?", " ").replace(".", " ").split()) & absolutes, rewrite


@pytest.mark.parametrize(
    "text",
    ["You're pathetic.", "You're such a loser.", "ok genius 🙄"],
)
def test_contempt_without_a_behaviour_gets_no_rewrite(analyzer, text):
    analysis = analyzer.analyze(text)
    assert analysis.flagged_patterns == ["contempt"]
    assert analysis.rewrite is None
