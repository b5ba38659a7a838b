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


# The tokenizer remembers how it split each distinct whitespace-free chunk of
# text; spaCy's default of 10,000 chunks is outgrown by a long chat export's
# vocabulary, after which every new chunk goes through the affix regexes again.
# An entry is a few dozen bytes, so the full cache stays near 5 MB.
TOKENIZER_CACHE_CHUNKS = 100_000


def build_pipeline() -> Language:
    """A blank English pipeline with the normalizer followed by the cue ruler."""
    lang = spacy.blank("en")
    lang.tokenizer.max_cache_size = TOKENIZER_CACHE_CHUNKS
    lang.add_pipe("horsemen_normalizer")
    lang.add_pipe("horsemen_cues")
    return lang
