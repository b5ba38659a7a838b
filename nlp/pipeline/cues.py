"""The ``horsemen_cues`` spaCy component: rule-based evidence for each pattern.

A ``SpanRuler`` whose patterns live in JSONL files (``resources/cues/*.jsonl``),
one id per rule such as ``criticism.you_always``. Matches land in
``doc.spans[spans_key]`` with ``span.label_`` = the pattern (or a healthy kind
such as ``appreciation``) and ``span.id_`` = the rule, so the same span serves
as a model feature and as highlighted evidence.

Patterns are phrases matched on ``NORM`` (after the normaliser), so "u never"
matches "you never". Phrase matching is a hash lookup; token patterns with
``IN``/``REGEX`` predicates run Python per token and were 100x slower here.
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from typing import NamedTuple

import srsly
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

DEFAULT_PATTERNS_DIR = Path(__file__).resolve().parent.parent / "resources" / "cues"
CUES_KEY = "horsemen_cues"


class CueMatch(NamedTuple):
    """One cue span as plain values (token range, character range, pattern, rule id)."""

    start: int
    end: int
    start_char: int
    end_char: int
    label: str
    rule: str


def cue_matches(doc: Doc) -> list[CueMatch]:
    """The cue spans the component put in ``doc.spans``, as plain values.

    A ``SpanGroup`` builds fresh ``Span`` objects on every iteration; callers
    that read the cues more than once take them out once per message.
    """
    return [_as_cue_match(span) for span in doc.spans[CUES_KEY]]


def _as_cue_match(span: Span) -> CueMatch:
    return CueMatch(span.start, span.end, span.start_char, span.end_char, span.label_, span.id_)


def find_cue_ruler(lang: Language) -> "CueRuler":
    """``lang``'s cue ruler, for callers that take cues from ``CueRuler.find``.

    Such callers run the pipeline with it disabled (``disable=[ruler.name]``), so no Spans are built for them.
    """
    for _, step in lang.pipeline:
        if isinstance(step, CueRuler):
            return step
    raise ValueError("the spaCy pipeline has no horsemen_cues component")


def read_cue_patterns(patterns_dir: str | Path) -> list[dict]:
    """All patterns of every ``*.jsonl`` file in ``patterns_dir``, in file-name order."""
    patterns: list[dict] = []
    for path in sorted(Path(patterns_dir).glob("*.jsonl")):
        patterns.extend(srsly.read_jsonl(path))
    return patterns


class CueRuler(SpanRuler):
    """SpanRuler for phrase patterns, which can also hand out its matches as plain values.

    The factory always builds it to overwrite one span group and leave
    ``doc.ents`` alone, so a call is just find + assign. ``find`` is what the
    analyzer uses: building ``Span`` objects and a ``SpanGroup`` only to read
    them back cost twice as much as the phrase matching itself.
    """

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[self.spans_key] = [Span(doc, c.start, c.end, label=c.label, span_id=c.rule) for c in self.find(doc)]
        return doc

    def find(self, doc: Doc) -> list[CueMatch]:
        """The cues in ``doc``: each distinct match once, ordered by position, then pattern and rule."""
        return self.find_each(doc, [0], [0])[0]

    def find_each(self, doc: Doc, token_starts: list[int], char_starts: list[int]) -> list[list[CueMatch]]:
        """``find`` for each of the messages that ``doc`` holds one after another.

        Message ``k`` starts at token ``token_starts[k]`` and character
        ``char_starts[k]``; its cue offsets count from there. A match belongs to
        the message its first token is in: the caller keeps phrases from running
        across messages (see ``segments``).
        """
        if len(self.matcher):  # token patterns were added: SpanRuler's generic matching
            if len(token_starts) > 1:
                raise ValueError("token patterns can only be matched in a Doc of one message")
            return [[_as_cue_match(span) for span in self.match(doc)]]
        cues: list[list[CueMatch]] = [[] for _ in token_starts]
        matches = self.phrase_matcher(doc)
        if not matches:
            return cues
        found: dict[int, set] = {}  # only the messages with a match; most have none
        entries = self._match_label_id_map
        for match_id, start, end in matches:
            entry = entries[match_id]
            message = bisect_right(token_starts, start) - 1
            found.setdefault(message, set()).add((start, end, entry["label"], entry["id"]))
        for message, matched in found.items():
            first_token, first_char = token_starts[message], char_starts[message]
            for start, end, label, rule in sorted(matched):
                last = doc[end - 1]
                start_char, end_char = doc[start].idx - first_char, last.idx + len(last) - first_char
                cues[message].append(CueMatch(start - first_token, end - first_token, start_char, end_char, label, rule))
        return cues


@Language.factory(
    "horsemen_cues",
    assigns=["doc.spans"],
    default_config={"patterns_dir": str(DEFAULT_PATTERNS_DIR), "spans_key": CUES_KEY},
)
def make_cue_ruler(nlp: Language, name: str, patterns_dir: str, spans_key: str) -> CueRuler:
    ruler = CueRuler(nlp, name, spans_key=spans_key, phrase_matcher_attr="NORM", validate=True, overwrite=True)
    # Texting norms live on the shared vocabulary (see the normaliser), so the
    # pattern phrases get the same norms as messages even before this ruler
    # joins the pipeline.
    ruler.add_patterns(read_cue_patterns(patterns_dir))
    return ruler
