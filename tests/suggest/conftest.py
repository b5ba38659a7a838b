"""Helpers shared by the rewrite and highlight tests."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import strategies as st
from spacy.tokens import Doc

from nlp.labels import LABELS
from nlp.results import Cue
from nlp.suggest.evidence import WORDS_RULE
from nlp.suggest.lexicon import load_lexicon
from nlp.suggest.phrases import PhraseGrammar
from nlp.suggest.reading import Reader

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="session")
def lexicon():
    return load_lexicon()


@pytest.fixture(scope="session")
def reader(lexicon):
    return Reader(lexicon)


@pytest.fixture(scope="session")
def grammar(lexicon):
    return PhraseGrammar(lexicon)


@pytest.fixture(scope="session")
def contempt_rewrites(analyzer) -> list[tuple[str, str]]:
    """(text, rewrite) for every message of data/messages.csv the default model flags as contempt."""
    with (DATA / "messages.csv").open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    return [(a.text, a.rewrite) for a in analyzer.analyze_many(texts) if "contempt" in a.flagged_patterns]


def rewrite_for(analyzer, text: str, *patterns: str) -> str:
    """The rewrite of ``text`` as if exactly ``patterns`` (strongest first) were flagged; there must be one."""
    rewrite = analyzer.analyze_as_flagged(text, list(patterns)).rewrite
    assert rewrite is not None
    return rewrite


def cue_on(text: str, words: str, pattern: str, rule: str = WORDS_RULE) -> Cue:
    """A cue on the first occurrence of ``words`` in ``text``."""
    start = text.index(words)
    return Cue(start, start + len(words), words, pattern, rule)


def drawn_word_cue(doc: Doc, data: st.DataObject) -> Cue | None:
    """Model words on one word of ``doc``, for a pattern, both drawn by hypothesis; None for a Doc of no words."""
    words = [t for t in doc if not t.is_space]
    if not words:
        return None
    token = data.draw(st.sampled_from(words))
    return Cue(token.idx, token.idx + len(token.text), token.text, data.draw(st.sampled_from(LABELS)), WORDS_RULE)
