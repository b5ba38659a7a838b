"""The ``horsemen_normalizer`` spaCy component: chat spelling -> token norms.

People write "u never listen", "ur SO selfish", "whyyy". Rules and features read
``Token.norm_``, so this component maps texting forms, elongations and shouting
onto the plain word while the Doc keeps the original text and character offsets
untouched (nothing is retokenised).

Texting forms are set once on the shared vocabulary (``Lexeme.norm_``, the same
mechanism spaCy uses for its own norm exceptions), so a message pays nothing for
them; only messages that contain a run of three equal characters (or long laughter)
are walked token by token to undo elongations.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

DEFAULT_LEXICON = Path(__file__).resolve().parent.parent / "resources" / "texting_norms.json"

_RUN_OF_THREE = re.compile(r"(\w)\1{2,}")
_LAUGHTER = re.compile(r"^(?:ha|ah|he|hi){2,}h?$")
_UNSEEN = object()
_MEMO_LIMIT = 1_000_000  # distinct word forms remembered; bounds memory on endless streams
_NEEDS_A_LOOK = re.compile(r"(\w)\1{2,}|(?:ha|he){3,}", re.IGNORECASE)


class ChatNormalizer:
    """Set norms for texting forms and elongations; see ``resources/texting_norms.json``."""

    def __init__(self, vocab: Vocab, lexicon_path: str | Path):
        lexicon = json.loads(Path(lexicon_path).read_text(encoding="utf-8"))
        self.words: dict[str, str] = lexicon["words"]
        self.keep_double: frozenset[str] = frozenset(lexicon["keep_double"])
        self._elongation_norms: dict[int, str | None] = {}  # lowercase form id -> norm, memoised
        for word, norm in self.words.items():
            for form in {word, word.capitalize(), word.upper()}:
                vocab[form].norm_ = norm

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        for i, lower_id in enumerate(doc.to_array(LOWER).tolist()):
            norm = self._elongation_norms.get(lower_id, _UNSEEN)
            if norm is _UNSEEN:
                lower = strings[lower_id]
                norm = self.norm_of_elongated(lower) if _NEEDS_A_LOOK.search(lower) else None
                if len(self._elongation_norms) < _MEMO_LIMIT:
                    self._elongation_norms[lower_id] = norm
            if norm is not None:
                doc[i].norm_ = norm
        return doc

    def norm_of_elongated(self, lower: str) -> str:
        """'sooo' -> 'so', 'coool' -> 'cool', 'hahahaha' -> 'haha'."""
        if _LAUGHTER.match(lower):
            return "haha"
        doubled = _RUN_OF_THREE.sub(r"\1\1", lower)
        if doubled in self.keep_double:
            return doubled
        single = _RUN_OF_THREE.sub(r"\1", lower)
        return self.words.get(single, single)


@Language.factory(
    "horsemen_normalizer",
    assigns=["token.norm"],
    default_config={"lexicon_path": str(DEFAULT_LEXICON)},
)
def make_chat_normalizer(nlp: Language, name: str, lexicon_path: str) -> ChatNormalizer:
    return ChatNormalizer(nlp.vocab, lexicon_path)
