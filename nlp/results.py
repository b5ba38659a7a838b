"""Result objects: what an analysis says about one message.

Small frozen dataclasses with ``to_dict()``, so one shape serves the Python API,
``horsemen check --json``, the HTTP API and the per-message CSV of a chat export.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Iterable


def _pickled_as_constructor_call(cls):
    """Pickle instances as ``cls(*fields)``.

    ``analyze_many`` with several processes ships every result from a worker to
    the parent. The default pickling of slotted dataclasses runs Python code per
    field on both ends; a constructor call with a tuple is about twice as fast.
    """
    fields = attrgetter(*cls.__dataclass_fields__)
    cls.__reduce__ = lambda self: (cls, fields(self))
    return cls


@_pickled_as_constructor_call
@dataclass(frozen=True, slots=True)
class Cue:
    """Words that triggered a pattern; ``text == message[start:end]``."""

    start: int
    end: int
    text: str
    pattern: str
    rule: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "pattern": self.pattern, "rule": self.rule}


@dataclass(frozen=True, slots=True)
class Highlight:
    """A run of flagged words as a person sees it: the CLI, the web page and the report all show these."""

    start: int
    end: int
    text: str
    pattern: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "pattern": self.pattern}


# Cues of one pattern with at most this much between them, none of it a letter or
# digit, are one highlight: "You never" + "help", "Whatever" + ".".
JOINABLE_GAP = 2


def highlights(text: str, cues: Iterable[Cue]) -> tuple[Highlight, ...]:
    """The cues as highlights: no overlaps, neighbouring cues of one pattern joined.

    Where cues of two patterns overlap, the earlier (then the longer) one keeps
    the shared words and the other keeps the rest of its own ("well YOU" for
    defensiveness, then "never" for criticism), so every pattern stays shown.
    """
    merged: list[list] = []  # [start, end, pattern]
    for cue in sorted(cues, key=lambda c: (c.start, -c.end)):
        start = cue.start
        if merged and start < merged[-1][1]:
            last = merged[-1]
            if last[2] == cue.pattern:
                last[1] = max(last[1], cue.end)
                continue
            start = last[1]
            while start < cue.end and not _starts_word(text, start):
                start += 1  # the rest of its own words, never the rest of a word ("'re" of "you're")
            if not any(c.isalnum() for c in text[start : cue.end]):
                continue
        last = merged[-1] if merged else None
        gap = text[last[1] : start] if last is not None else ""
        if last is not None and last[2] == cue.pattern and len(gap) <= JOINABLE_GAP and not any(c.isalnum() for c in gap):
            last[1] = cue.end
            continue
        merged.append([start, cue.end, cue.pattern])
    return tuple(Highlight(start, end, text[start:end], pattern) for start, end, pattern in merged)


def _starts_word(text: str, i: int) -> bool:
    """Whether a word (letters or digits, apostrophes inside) starts at character ``i``."""
    return text[i].isalnum() and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "'’"))


@_pickled_as_constructor_call
@dataclass(frozen=True, slots=True)
class PatternScore:
    score: float  # calibrated probability
    flagged: bool  # score >= the label's threshold stored in the model

    def to_dict(self) -> dict:
        return {"score": self.score, "flagged": self.flagged}


@_pickled_as_constructor_call
@dataclass(frozen=True, slots=True)
class Positive:
    """A healthy move: appreciation, an I-statement, repair, ..."""

    start: int
    end: int
    text: str
    kind: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind}


@_pickled_as_constructor_call
@dataclass(frozen=True, slots=True)
class Antidote:
    pattern: str
    advice: str
    example: str

    def to_dict(self) -> dict:
        return {"pattern": self.pattern, "advice": self.advice, "example": self.example}


@_pickled_as_constructor_call
@dataclass(frozen=True, slots=True)
class Analysis:
    text: str
    patterns: dict[str, PatternScore]
    cues: tuple[Cue, ...] = ()
    positives: tuple[Positive, ...] = ()
    rewrite: str | None = None
    antidotes: tuple[Antidote, ...] = ()
    truncated: bool = False  # only the first MAX_CHARS characters were analysed

    @property
    def flagged(self) -> bool:
        return any(p.flagged for p in self.patterns.values())

    @property
    def flagged_patterns(self) -> list[str]:
        return [name for name, p in self.patterns.items() if p.flagged]

    @property
    def highlights(self) -> tuple[Highlight, ...]:
        """The words behind the flags as they are shown; the one source for every front end."""
        return highlights(self.text, self.cues)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "flagged": self.flagged,
            "patterns": {name: p.to_dict() for name, p in self.patterns.items()},
            "cues": [c.to_dict() for c in self.cues],
            "highlights": [h.to_dict() for h in self.highlights],
            "positives": [p.to_dict() for p in self.positives],
            "rewrite": self.rewrite,
            "antidotes": [a.to_dict() for a in self.antidotes],
            "truncated": self.truncated,
        }
