"""Doc -> feature tokens: the seam between spaCy and scikit-learn.

Each message becomes a flat list of string tokens (normalised words and word
pairs, cue rule ids, a few shape signals). The scikit-learn side only ever sees
these lists, so no spaCy object ends up inside a fitted estimator, and training
and scoring share this one function. It runs once per message on the hot path,
so shape signals come from regexes over the text, not from a token loop.
"""

from __future__ import annotations

import re

from spacy.attrs import IS_SPACE, NORM
from spacy.tokens import Doc

from nlp.pipeline.cues import CUES_KEY

# Message length in tokens, bucketed: curt replies behave differently from essays.
_LENGTH_BUCKETS = ((1, "1"), (3, "2-3"), (7, "4-7"), (15, "8-15"), (40, "16-40"))
_SHAPES = {
    "shape=shouting": re.compile(r"\b[A-Z]{3,}\b"),
    "shape=repeated_marks": re.compile(r"[!?]{2,}"),
    "shape=emoji": re.compile(r"[\u2600-\u27bf\U0001F000-\U0001FAFF]"),
    "shape=ellipsis": re.compile(r"\.\.\.|…"),
}
_ENDS_WITH_STOP = re.compile(r"[.…]\s*$")


def _length_bucket(n_tokens: int) -> str:
    for upper, name in _LENGTH_BUCKETS:
        if n_tokens <= upper:
            return name
    return "41+"


def doc_features(doc: Doc, text: str) -> list[str]:
    """Feature tokens for one message (words, word pairs, cues, shape).

    ``text`` is the string the Doc was made from (``doc.text`` would rebuild it).
    """
    strings = doc.vocab.strings
    words = [strings[norm] for norm, is_space in doc.to_array([NORM, IS_SPACE]).tolist() if not is_space]
    features = words + [f"{a} {b}" for a, b in zip(words, words[1:])]
    for span in doc.spans[CUES_KEY]:
        features.append(f"cue={span.id_}")
        features.append(f"cue={span.label_}")
    features.append(f"len={_length_bucket(len(words))}")
    features.extend(name for name, pattern in _SHAPES.items() if pattern.search(text))
    if len(words) <= 4 and _ENDS_WITH_STOP.search(text):
        features.append("shape=short_with_stop")
    return features


def pass_through(tokens: list[str]) -> list[str]:
    """Analyzer for ``TfidfVectorizer``: the tokens are already made by ``doc_features``."""
    return tokens
