"""Antidotes: one set per flagged pattern, in our own words, with examples the model accepts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nlp.labels import LABELS

ARTICLE = Path(__file__).resolve().parents[3] / "shared" / "seed" / "building-emotional-connections.txt"


def test_antidotes_one_set_per_flagged_pattern(analyzer):
    analysis = analyzer.analyze("You never listen. Whatever.")
    assert set(analysis.flagged_patterns) == {a.pattern for a in analysis.antidotes}
    assert all(a.advice and a.example for a in analysis.antidotes)
    assert analysis.to_dict()["antidotes"][0].keys() == {"pattern", "advice", "example"}


@pytest.mark.parametrize("pattern", LABELS)
def test_antidote_examples_are_not_flagged(analyzer, pattern):
    for antidote in analyzer.advisor.antidotes[pattern]:
        assert not analyzer.analyze(antidote.example).flagged, antidote.example


@pytest.mark.skipif(not ARTICLE.is_file(), reason="the seed article is not beside this checkout")
def test_antidotes_and_templates_do_not_copy_the_article(analyzer):
    """No run of six words from the article appears in what we show users."""

    def runs(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z']+", text.lower().replace("’", "'"))
        return {tuple(words[i : i + 6]) for i in range(len(words) - 5)}

    article = runs(ARTICLE.read_text(encoding="utf-8"))
    lexicon = analyzer.advisor.lexicon
    ours = " | ".join(f"{a['advice']} {a['example']}" for items in lexicon.antidotes.values() if isinstance(items, list) for a in items)
    assert not runs(ours) & article
