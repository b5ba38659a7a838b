"""Whether a message could match any of some Matcher patterns, told from the words it holds.

A spaCy ``Matcher`` call costs 10-20 us even when nothing matches (more with
optional runs such as ``"{1,6}"``), and most flagged messages hold none of the
words the highlight patterns need. Each token a pattern requires (no ``OP``, or
``"+"``) and gives by ``LOWER`` or ``NORM`` words, or by its exact ``TEXT`` ("DID"), is a
set of which the message must hold one; the matcher runs only when every such set of
some pattern is met.
"""

from __future__ import annotations

from spacy.attrs import IDS
from spacy.tokens import Doc
from spacy.vocab import Vocab


class MatcherGate:
    def __init__(self, attr: str, patterns: list[list[dict]], vocab: Vocab):
        """``attr``: "LOWER" or "NORM", the token attribute the patterns name their words by."""
        self.needed = [_needed_words(pattern, attr, vocab) for pattern in patterns]
        exact = any("TEXT" in token for pattern in patterns for token in pattern)
        # Exact texts are told by their ORTH ids, which live in the same string store as the attribute's.
        self.attr_ids = [IDS[attr], IDS["ORTH"]] if exact else [IDS[attr]]

    def words_of(self, doc: Doc) -> set[int]:
        """The string ids of ``doc``'s words under the gate's attribute (and as written, where a pattern gives an exact
        ``TEXT``), one ``could_match`` argument for many gates."""
        return set(doc.to_array(self.attr_ids).ravel().tolist())

    def could_match(self, words: set[int]) -> bool:
        return any(all(not options.isdisjoint(words) for options in needed) for needed in self.needed)


def _needed_words(pattern: list[dict], attr: str, vocab: Vocab) -> list[frozenset[int]]:
    needed = []
    for token in pattern:
        if token.get("OP", "1") not in ("1", "+"):
            continue
        words = _words(token.get(attr))
        if words is None:
            words = _words(token.get("TEXT"))  # told from the doc's ORTH ids (``words_of``)
        if words is not None:
            needed.append(frozenset(vocab.strings.add(word) for word in words))
    return needed


def _words(value) -> list[str] | None:
    """The words a token pattern's attribute value allows: one string, or an ``IN`` list; None for anything else."""
    return [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) else None
