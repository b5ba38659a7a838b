"""Result objects: what an analysis says about one message.

Small frozen dataclasses with ``to_dict()``, so one shape serves the Python API,
``horsemen check --json``, the HTTP API and the per-message CSV of a chat export.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter


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

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "flagged": self.flagged,
            "patterns": {name: p.to_dict() for name, p in self.patterns.items()},
            "cues": [c.to_dict() for c in self.cues],
            "positives": [p.to_dict() for p in self.positives],
            "rewrite": self.rewrite,
            "antidotes": [a.to_dict() for a in self.antidotes],
            "truncated": self.truncated,
        }
