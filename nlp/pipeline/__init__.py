"""spaCy preprocessing: text -> Doc with chat-aware norms and cue spans.

Only the blank English tokenizer is used (no trained pipeline is available
offline, and it is hundreds of times faster). Importing this package registers
the ``horsemen_normalizer`` and ``horsemen_cues`` factories with spaCy.
"""

from __future__ import annotations

import re
from typing import Callable

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

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

# Texters often skip the space after a full stop or comma ("Stupid.its not
# possible", "wife.dont demand it"): a mark glued between two words of two
# letters or more is split off, so each word is seen. Abbreviations ("e.g.",
# "U.S.") and numbers ("3.5") keep their shape. spaCy's link matcher would take
# "wife.dont" for a domain name, so only chunks that look like a link or an
# address to a person reading them are left to it.
GLUED_SENTENCES = r"(?<=[^\W\d_]{2})[.,](?=[^\W\d_]{2})"
_LINK_SIGNS = re.compile(r"://|www\.|/|@")


def build_pipeline() -> Language:
    """A blank English pipeline with the normalizer followed by the cue ruler."""
    lang = spacy.blank("en")
    lang.tokenizer.max_cache_size = TOKENIZER_CACHE_CHUNKS
    lang.tokenizer.infix_finditer = compile_infix_regex([*lang.Defaults.infixes, GLUED_SENTENCES]).finditer
    lang.tokenizer.url_match = _links_only(lang.tokenizer.url_match)
    lang.add_pipe("horsemen_normalizer")
    lang.add_pipe("horsemen_cues")
    return lang


def _links_only(url_match: Callable[[str], re.Match | None]) -> Callable[[str], re.Match | None]:
    def match(chunk: str) -> re.Match | None:
        return url_match(chunk) if _LINK_SIGNS.search(chunk) else None

    return match
