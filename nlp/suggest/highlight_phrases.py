"""Highlights grown to the phrase that carries the pattern.

A rule cue or a model word often marks only part of what a reader needs to see:
"wow" of "wow so deep", "rich" of "bit rich", "your whole" of "that's your whole
problem", "suddenly" of "why is this suddenly my problem". A lone marker reads
as "this word is the problem" and explains nothing, so a highlight that overlaps
one of its pattern's phrases (Matcher patterns in
``resources/suggest/highlight_phrases.jsonl``) is shown as the whole phrase.

This is presentation only: the phrases never feed the model, and a phrase is
shown only where a cue or a model word of the same flagged pattern already
points into it, so a highlight still marks what moved the model. A model word
(``model.words``) grown to its phrase becomes ``model.phrase``; a model word
of another pattern inside a shown phrase ("Not wasting" as contempt inside
"Not wasting my breath" as stonewalling) gives way, as long as its pattern
keeps another highlight.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import srsly
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from nlp.results import Cue
from nlp.suggest.evidence import PHRASE_RULE, WORDS_RULE
from nlp.suggest.matcher_gate import MatcherGate

HIGHLIGHT_PHRASES_PATH = Path(__file__).resolve().parent.parent / "resources" / "suggest" / "highlight_phrases.jsonl"


class PhraseExtender:
    def __init__(self, vocab: Vocab, never_last: frozenset[str], path: Path = HIGHLIGHT_PHRASES_PATH):
        """``never_last``: words a grown highlight does not end on ("bit rich from" is "bit rich")."""
        by_label: dict[str, list[list[dict]]] = {}
        for entry in srsly.read_jsonl(path):
            by_label.setdefault(entry["label"], []).append(entry["pattern"])
        # One matcher per pattern: a message is matched only against the phrases of the patterns its cues show.
        self.matchers: dict[str, Matcher] = {}
        for label, patterns in by_label.items():
            self.matchers[label] = Matcher(vocab)
            self.matchers[label].add(label, patterns, greedy="LONGEST")
        self.gates = {label: MatcherGate("NORM", patterns, vocab) for label, patterns in by_label.items()}
        self.never_last = never_last

    def phrases(self, doc: Doc, labels: list[str]) -> list[tuple[str, Span]]:
        """Every phrase of ``doc`` that carries one of ``labels``, with the pattern it carries.

        A pattern's matcher runs only when the message holds the words one of its phrases needs (``MatcherGate``).
        """
        labels = [label for label in labels if label in self.matchers]
        if not labels:
            return []
        norms = self.gates[labels[0]].words_of(doc)  # every gate here reads NORM, so one set serves them all
        return [
            (label, doc[start:end])
            for label in labels
            if self.gates[label].could_match(norms)
            for _, start, end in self.matchers[label](doc)
        ]

    def extend(self, doc: Doc, text: str, cues: list[Cue]) -> list[Cue]:
        """``cues`` grown to the phrases of their pattern they point into; cues that give way to another's phrase left out."""
        phrases = self.phrases(doc, sorted({cue.pattern for cue in cues}))
        if not phrases:
            return cues
        grown = [self._grown(doc, text, cue, [span for label, span in phrases if label == cue.pattern]) for cue in cues]
        shown = [(cue.start, cue.end, cue.pattern) for cue, before in zip(grown, cues) if cue != before]
        inside = {
            id(cue)
            for cue in grown
            if cue.rule == WORDS_RULE
            and any(p != cue.pattern and start <= cue.start and cue.end <= end for start, end, p in shown)
        }
        kept = {cue.pattern for cue in grown if id(cue) not in inside}
        return [cue for cue in grown if id(cue) not in inside or cue.pattern not in kept]

    def _grown(self, doc: Doc, text: str, cue: Cue, phrases: list[Span]) -> Cue:
        overlapping = [p for p in phrases if p.start_char < cue.end and cue.start < p.end_char]
        if not overlapping:
            return cue
        phrase = max(overlapping, key=len)
        span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
        first, last = min(phrase.start, span.start), max(phrase.end, span.end) - 1
        while last >= span.end and doc[last].norm_ in self.never_last:
            last -= 1
        start, end = min(cue.start, doc[first].idx), max(cue.end, doc[last].idx + len(doc[last].text))
        if (start, end) == (cue.start, cue.end):
            return cue
        rule = PHRASE_RULE if cue.rule == WORDS_RULE else cue.rule  # a model word shown with its phrase
        return replace(cue, start=start, end=end, text=text[start:end], rule=rule)

