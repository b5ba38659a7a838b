"""Doc -> feature tokens: the seam between spaCy and scikit-learn.

Each message becomes a flat list of string tokens (normalised words and word
pairs, cue rule ids, a few shape signals). The scikit-learn side only ever sees
these lists, so no spaCy object ends up inside a fitted estimator, and training
and scoring share these functions. ``analyze_many`` hands the scorer a batch's
words as spaCy ids (``message_word_ids``) and only the other tokens as strings
(``context_features``); ``message_features`` is both together. It runs once per
message on the hot path, so shape signals come from regexes over the text, not
from a token loop.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.attrs import NORM
from spacy.tokens import Doc

from nlp.labels import HEALTHY_RULES, LABELS
from nlp.pipeline.cues import CueMatch, cue_matches
from nlp.pipeline.normalizer import norm_texts

# Bump when a change to this module, the normaliser or the cue ruler changes the
# tokens a message gets: models record it, and a model made for another format is
# refused (``nlp.store.incompatibility``) instead of scoring nonsense.
FEATURE_FORMAT = 3  # 2: features of the prose part only (nlp.pipeline.prose); 3: glued sentences split

_CONTEXT = json.loads((Path(__file__).resolve().parent / "resources" / "cue_context.json").read_text(encoding="utf-8"))
_PATTERNS = frozenset(LABELS)
SECOND_PERSON = frozenset(_CONTEXT["second_person"])
THIRD_PARTY = frozenset(_CONTEXT["third_party"])
PRAISE = frozenset(_CONTEXT["praise"])
WARM = frozenset(_CONTEXT["warm"])
# How far around a cue to look for its target, in tokens ("my boss never listens",
# "you honestly never"), and how far after it for praise ("you always make me laugh").
TARGET_WINDOW_BEFORE = 5
TARGET_WINDOW_AFTER = 3
PRAISE_WINDOW = 6

# Message length in tokens, bucketed: curt replies behave differently from essays.
_LENGTH_BUCKETS = ((1, "1"), (3, "2-3"), (7, "4-7"), (15, "8-15"), (40, "16-40"))
_LONGEST_BUCKETED = _LENGTH_BUCKETS[-1][0]
# The length feature of each word count, looked up by index; the last entry serves every longer message.
_LENGTH_FEATURES = [
    "len=" + next((name for upper, name in _LENGTH_BUCKETS if n <= upper), f"{_LONGEST_BUCKETED + 1}+")
    for n in range(_LONGEST_BUCKETED + 2)
]
_SHOUTING = re.compile(r"\b[A-Z]{3,}\b")
_REPEATED_MARKS = re.compile(r"[!?]{2,}")
_EMOJI = re.compile(r"[\u2600-\u27bf\U0001F000-\U0001FAFF]")
_ENDS_WITH_STOP = re.compile(r"[.…]\s*$")


def doc_features(doc: Doc, text: str, cues: list[CueMatch] | None = None) -> list[str]:
    """Feature tokens for one message (words, word pairs, cues, shape).

    ``text`` is the string the Doc was made from (``doc.text`` would rebuild it);
    ``cues`` are its ``cue_matches`` when the caller already has them.
    """
    norms = norm_texts(doc.to_array(NORM).tolist(), doc.vocab)
    return message_features(norms, text, cue_matches(doc) if cues is None else cues)


def message_features(norms: list[str], text: str, cues: list[CueMatch]) -> list[str]:
    """``doc_features`` from a message's token norms (whitespace tokens included), text and cues."""
    words = message_words(norms, text)
    return words + list(map(" ".join, zip(words, words[1:]))) + context_features(norms, len(words), text, cues)


def message_words(norms: list[str], text: str) -> list[str]:
    """The norms that are word features: all but whitespace tokens and quotation marks.

    A quotation mark on its own says nothing: real messages quote titles, signs and
    what someone said far more often than they sneer. Sneering scare quotes are the
    ``contempt.scare_quotes`` cue rule's job, which looks at what is quoted.
    """
    if _may_hold_skipped_tokens(text):
        return [norm for norm in norms if not (norm.isspace() or norm in QUOTE_MARKS)]
    return norms


def message_word_ids(norm_ids: np.ndarray, norms: list[str], text: str) -> np.ndarray:
    """``message_words`` as spaCy string ids: what ``LinearScorer.predict_proba_ids`` looks words and pairs up by."""
    if _may_hold_skipped_tokens(text):
        return norm_ids[[not (norm.isspace() or norm in QUOTE_MARKS) for norm in norms]]
    return norm_ids


PUNCTUATION_CACHE_SIZE = 65536  # distinct words whose answer is remembered
QUOTE_MARKS = frozenset({"'", '"', "“", "”", "‘", "’", "''", "``", "«", "»"})


@lru_cache(maxsize=PUNCTUATION_CACHE_SIZE)
def is_punctuation(word: str) -> bool:
    """A token of punctuation only ("." or "?!"): it can tip the model, but it says nothing as a highlight.

    Remembered: evidence asks about every word of every flagged message, and most words recur.
    """
    return all(unicodedata.category(c).startswith("P") for c in word)


def _may_hold_skipped_tokens(text: str) -> bool:
    # A whitespace token's norm is its text; there are none unless the text has a run
    # of spaces, a leading space, or a space other than " " (a line break, a tab, ...).
    # A quotation mark needs one of its characters (spaCy norms a backtick to "'").
    return (
        "  " in text
        or text.startswith(" ")
        or not text.isprintable()
        or "'" in text
        or '"' in text
        or "`" in text  # its norm is "'"
        or not text.isascii()
    )


def context_features(norms: list[str], n_words: int, text: str, cues: list[CueMatch]) -> list[str]:
    """The features besides words and word pairs: cues, length and shape."""
    features = cue_features(cues, norms) if cues else []
    features.append(_LENGTH_FEATURES[min(n_words, _LONGEST_BUCKETED + 1)])
    features.extend(shape_features(text))
    if n_words <= 4 and _ENDS_WITH_STOP.search(text):
        features.append("shape=short_with_stop")
    return features


def shape_features(text: str) -> list[str]:
    """Shouting, repeated marks, emoji, trailing-off dots.

    Each regex runs only when a cheap string test says it could match: most
    messages are plain lowercase ASCII, and four regex scans per message were a
    quarter of the feature time.
    """
    shapes = []
    if not text.islower() and _SHOUTING.search(text):
        shapes.append("shape=shouting")
    if ("!" in text or "?" in text) and _REPEATED_MARKS.search(text):
        shapes.append("shape=repeated_marks")
    if not text.isascii() and _EMOJI.search(text):
        shapes.append("shape=emoji")
    if "..." in text or "…" in text:
        shapes.append("shape=ellipsis")
    return shapes


def cue_features(cues: list[CueMatch], norms: list[str]) -> list[str]:
    """Each cue's rule and pattern, plus who it is aimed at and the tone around it.

    A linear model cannot combine "contains idiot" with "contains 😂" by itself;
    these conjunctions let it tell "you idiot" from "my roommate is an idiot"
    and "you always forget" from "you always make me laugh".
    """
    features = []
    warm = not WARM.isdisjoint(norms)
    has_positive = any(cue.rule.startswith(HEALTHY_RULES) for cue in cues)
    for cue in cues:
        label = cue.label
        features.append(f"cue={cue.rule}")
        features.append(f"cue={label}")
        if label not in _PATTERNS:
            continue
        around = norms[max(0, cue.start - TARGET_WINDOW_BEFORE) : cue.end + TARGET_WINDOW_AFTER]
        if not SECOND_PERSON.isdisjoint(around):
            features.append(f"cue={label}@you")
        elif not THIRD_PARTY.isdisjoint(around):
            features.append(f"cue={label}@third_party")
        if not PRAISE.isdisjoint(norms[cue.end : cue.end + PRAISE_WINDOW]):
            features.append(f"cue={label}+praise")
        if warm:
            features.append(f"cue={label}+warm")
        if has_positive:
            features.append(f"cue={label}+healthy_move")
    return features


def pass_through(tokens: list[str]) -> list[str]:
    """Analyzer for ``TfidfVectorizer``: the tokens are already made by ``doc_features``."""
    return tokens
