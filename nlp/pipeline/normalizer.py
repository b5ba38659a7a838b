"""The ``horsemen_normalizer`` spaCy component: chat spelling -> token norms.

People write "u never listen", "ur SO selfish", "whyyy". Rules and features read
``Token.norm_``, so this component maps texting forms, elongations and shouting
onto the plain word while the Doc keeps the original text and character offsets
untouched (nothing is retokenised).

A norm depends on the word form alone, so it is computed once per distinct form,
the way spaCy computes its own lexical attributes: the component installs a
``NORM`` getter on the shared vocabulary (like ``Vocab.add_flag`` does for a flag)
and sets the norm of every lexeme that already exists. spaCy calls the getter
when a new word form first appears; a message then pays nothing per token, and
the per-Doc call has nothing left to do.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

from spacy.attrs import NORM
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

DEFAULT_LEXICON = Path(__file__).resolve().parent.parent / "resources" / "texting_norms.json"

_RUN_OF_THREE = re.compile(r"(\w)\1{2,}")
_LAUGHTER = re.compile(r"^(?:ha|ah|he|hi){2,}h?$")
_NEEDS_A_LOOK = re.compile(r"(\w)\1{2,}|(?:ha|he){3,}")


class ChatNormalizer:
    """Norms for texting forms and elongations; see ``resources/texting_norms.json``."""

    def __init__(self, vocab: Vocab, lexicon_path: str | Path):
        lexicon = json.loads(Path(lexicon_path).read_text(encoding="utf-8"))
        self.words: dict[str, str] = lexicon["words"]
        self.keep_double: frozenset[str] = frozenset(lexicon["keep_double"])
        # Texting forms as typed: lowercase, Capitalised or SHOUTED ("u", "U"; "ur", "Ur", "UR").
        self.texting_forms = {
            form: norm for word, norm in self.words.items() for form in {word, word.capitalize(), word.upper()}
        }
        self.spacy_norm: Callable[[str], str] = vocab.lex_attr_getters[NORM]
        vocab.lex_attr_getters[NORM] = self.norm_of
        for lexeme in vocab:
            lexeme.norm_ = self.norm_of(lexeme.orth_)

    def __call__(self, doc: Doc) -> Doc:
        return doc  # the norms came with the lexemes

    def norm_of(self, form: str) -> str:
        """The norm of one word form: undo an elongation, then a texting spelling, else spaCy's own norm."""
        lower = form.lower()
        if _NEEDS_A_LOOK.search(lower):
            return self.norm_of_elongated(lower)
        texting = self.texting_forms.get(form)
        return texting if texting is not None else self.spacy_norm(form)

    def norm_of_elongated(self, lower: str) -> str:
        """'sooo' -> 'so', 'coool' -> 'cool', 'hahahaha' -> 'haha'."""
        if _LAUGHTER.match(lower):
            return "haha"
        doubled = _RUN_OF_THREE.sub(r"\1\1", lower)
        if doubled in self.keep_double:
            return doubled
        single = _RUN_OF_THREE.sub(r"\1", lower)
        return self.words.get(single, single)


# Norm id -> norm text. ``StringStore`` decodes a new str on every lookup; a kept
# str is made once per distinct norm and carries its cached hash into the scorer's
# vocabulary lookup. Ids are spaCy string hashes, equal in every vocabulary, so one
# table serves all; like the vocabulary's own strings it grows with distinct words.
_NORM_TEXTS: dict[int, str] = {}


def norm_texts(ids: list[int], vocab: Vocab) -> list[str]:
    """The norm text of each norm id (``doc.to_array(NORM).tolist()``)."""
    try:
        return list(map(_NORM_TEXTS.__getitem__, ids))
    except KeyError:  # a norm not seen before
        strings = vocab.strings
        _NORM_TEXTS.update((norm, strings[norm]) for norm in set(ids).difference(_NORM_TEXTS))
    return list(map(_NORM_TEXTS.__getitem__, ids))


@Language.factory(
    "horsemen_normalizer",
    assigns=["token.norm"],
    default_config={"lexicon_path": str(DEFAULT_LEXICON)},
)
def make_chat_normalizer(nlp: Language, name: str, lexicon_path: str) -> ChatNormalizer:
    return ChatNormalizer(nlp.vocab, lexicon_path)
