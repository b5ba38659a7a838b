"""Rule cues whose words are incidental where they stand: not highlighted as their pattern there.

A cue word can sit in a sentence that does not use it as the move it names:
"whatever" before a noun ("Whatever decision you make") is a determiner, not a
dismissal; "leave it" in "you think we can't leave it" reports the other
person's view, not the writer's withdrawal. The contexts are spaCy ``Matcher``
patterns, one per line with the pattern whose cues they make incidental, in
``resources/suggest/highlight_incidental.jsonl``.

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

HIGHLIGHT_INCIDENTAL_PATH = Path(__file__).resolve().parent.parent / "resources" / "suggest" / "highlight_incidental.jsonl"


class IncidentalCues:
    def __init__(self, vocab: Vocab, path: Path = HIGHLIGHT_INCIDENTAL_PATH):
        self.matcher = Matcher(vocab)
        for entry in srsly.read_jsonl(path):
            self.matcher.add(entry["label"], [entry["pattern"]])

    def without(self, doc: Doc, cues: list[Cue]) -> list[Cue]:
        """``cues`` without the rule cues that lie in a context making them incidental for their pattern."""
        if not cues:
            return cues
        strings = doc.vocab.strings
        contexts = [(strings[label], doc[start:end]) for label, start, end in self.matcher(doc)]
        if not contexts:
            return cues
        return [
            cue
            for cue in cues
            if not any(label == cue.pattern and span.start_char <= cue.start and cue.end <= span.end_char for label, span in contexts)
        ]
