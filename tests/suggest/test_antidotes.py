"""Antidotes: one set per flagged pattern, in our own words, with examples the model accepts."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from nlp.labels import LABELS

# Hashes of the article's six-word runs (not its text), so the check runs in any checkout.
ARTICLE_RUNS = Path(__file__).resolve().parent / "seed_article_runs.txt"
SAMPLE_FROM_ARTICLE = "Building Emotional Connections: The Key to"  # six words of its title


def test_antidotes_one_set_per_flagged_pattern(analyzer):
    analysis = analyzer.analyze("You never listen. Whatever.")
    assert set(analysis.flagged_patterns) == {a.pattern for a in analysis.antidotes}
    assert all(a.advice and a.example for a in analysis.antidotes)
    assert analysis.to_dict()["antidotes"][0].keys() == {"pattern", "advice", "example"}


@pytest.mark.parametrize("pattern", LABELS)
def test_antidote_examples_are_not_flagged(analyzer, pattern):
    for antidote in analyzer.advisor.antidotes[pattern]:
        assert not analyzer.analyze(antidote.example).flagged, antidote.example


def runs(text: str) -> set[str]:
    """Hashes of every run of six words, as ``seed_article_runs.txt`` holds them for the article."""
    words = re.findall(r"[a-z']+", text.lower().replace("’", "'"))
    return {hashlib.sha256(" ".join(words[i : i + 6]).encode()).hexdigest()[:16] for i in range(len(words) - 5)}


def test_antidotes_and_templates_do_not_copy_the_article(analyzer):
    """No run of six words from the article appears in what we show users."""
    article = {line for line in ARTICLE_RUNS.read_text(encoding="utf-8").splitlines() if not line.startswith("#")}
    assert len(article) > 500
    assert runs("it was the best of times and we") & article == set()
    assert len(runs(SAMPLE_FROM_ARTICLE) & article) == 1  # the hashing matches the file's
    lexicon = analyzer.advisor.lexicon
    ours = " | ".join(f"{a['advice']} {a['example']}" for items in lexicon.antidotes.values() if isinstance(items, list) for a in items)
    assert not runs(ours) & article
