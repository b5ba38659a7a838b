"""Rule cues whose words are incidental where they stand: not highlighted as their pattern there.

A cue word can sit in a sentence that does not use it as the move it names:
"whatever" before a noun ("Whatever decision you make") is a determiner, not a
dismissal; "leave it" in "you think we can't leave it" reports the other
person's view, not the writer's withdrawal; "every week" in "at least he calls
his mum every week" is someone else's habit, not the partner's. The contexts are
spaCy ``Matcher`` patterns, one per line with the pattern whose cues they make
incidental, in ``resources/suggest/highlight_incidental.jsonl``.

The model's own words in such a context are incidental the same way ("every
single" in "Your sister rings Mama every single day"): they are evidence only
where their pattern finds no other words (``ModelEvidence.spans``).

Presentation only: the cue still feeds the model; it is only not shown, and only
where its pattern finds other words to show (``Advisor.advise``).
"""

from __future__ import annotations

from pathlib import Path

import srsly
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from nlp.results import Cue
from nlp.suggest.matcher_gate import MatcherGate

HIGHLIGHT_INCIDENTAL_PATH = Path(__file__).resolve().parent.parent / "resources" / "suggest" / "highlight_incidental.jsonl"


class IncidentalCues:
    def __init__(self, vocab: Vocab, path: Path = HIGHLIGHT_INCIDENTAL_PATH):
        self.matcher = Matcher(vocab)
        patterns = []
        for entry in srsly.read_jsonl(path):
            self.matcher.add(entry["label"], [entry["pattern"]])
            patterns.append(entry["pattern"])
        self.gate = MatcherGate("LOWER", patterns, vocab)  # most messages skip the matcher

    def contexts(self, doc: Doc) -> list[tuple[str, int, int]]:
        """Each context of ``doc`` that makes its pattern's words incidental: (pattern, start char, end char)."""
        if not self.gate.could_match(self.gate.words_of(doc)):
            return []
        strings = doc.vocab.strings
        return [(strings[label], doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)) for label, start, end in self.matcher(doc)]

    def without(self, doc: Doc, cues: list[Cue], contexts: list[tuple[str, int, int]] | None = None) -> list[Cue]:
        """``cues`` without the rule cues that lie in a context making them incidental for their pattern.

        ``contexts``: the Doc's ``contexts``, when the caller has them already.
        """
        if not cues:
            return cues
        contexts = self.contexts(doc) if contexts is None else contexts
        if not contexts:
            return cues
        return [cue for cue in cues if not incidental(cue.pattern, cue.start, cue.end, contexts)]


def incidental(pattern: str, start: int, end: int, contexts: list[tuple[str, int, int]]) -> bool:
    """Whether characters ``start`` to ``end`` lie in one of ``contexts`` (``IncidentalCues.contexts``) of ``pattern``."""
    return any(label == pattern and low <= start and end <= high for label, low, high in contexts)

