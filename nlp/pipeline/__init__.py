"""spaCy preprocessing: text -> Doc with chat-aware norms and cue spans.

Only the blank English tokenizer is used (no trained pipeline is available
offline, and it is hundreds of times faster). Importing this package registers
the ``horsemen_normalizer`` and ``horsemen_cues`` factories with spaCy.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from nlp.pipeline.cues import CUES_KEY, CueMatch, CueRuler, cue_matches, find_cue_ruler, make_cue_ruler
from nlp.pipeline.normalizer import make_chat_normalizer

__all__ = [
    "CUES_KEY",
    "CueMatch",
    "CueRuler",
    "build_pipeline",
    "cue_matches",
    "find_cue_ruler",
    "make_chat_normalizer",
    "make_cue_ruler",
]


def build_pipeline() -> Language:
    """A blank English pipeline with the normalizer followed by the cue ruler."""
    lang = spacy.blank("en")
    lang.add_pipe("horsemen_normalizer")
    lang.add_pipe("horsemen_cues")
    return lang
