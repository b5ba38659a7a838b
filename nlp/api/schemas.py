"""Request and response shapes of the HTTP API, and the limits they enforce.

Kept apart from the routes so that ``/openapi.json`` documents exactly what is
validated. Requests are strict (no type coercion, no unknown fields) so that a
client's mistake is reported instead of guessed at.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from nlp.analyzer import MAX_CHARS
from nlp.labels import DEFAULT_SENSITIVITY, SENSITIVITIES

MAX_TEXT_CHARS = MAX_CHARS  # longer texts would be analysed only in part, so they are refused
MAX_BATCH_TEXTS = 1_000
MAX_BODY_BYTES = 1_000_000


# Strict: a number is not silently turned into text, and a lone UTF-16 surrogate
# (legal as a JSON escape, unencodable as UTF-8) is refused instead of crashing the tokenizer.
MessageText = Annotated[
    str, Field(strict=True, max_length=MAX_TEXT_CHARS, description=f"One chat message, at most {MAX_TEXT_CHARS:,} characters.")
]


SensitivityField = Field(
    DEFAULT_SENSITIVITY,
    description="How readily to flag: low (fewest false alarms), normal, high (catches most). "
    "Each level is an operating point measured on real messages.",
)


class AnalyzeRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"text": "You never help with the dishes"}, {"text": "fine.", "reply_to": "You never help"}]},
    )

    text: MessageText
    reply_to: MessageText | None = Field(
        None, description="The other person's message this one answers: defensiveness and stonewalling are judged as answers to it."
    )
    sensitivity: Literal[SENSITIVITIES] = SensitivityField


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    texts: list[MessageText] = Field(
        strict=True, max_length=MAX_BATCH_TEXTS, description=f"Up to {MAX_BATCH_TEXTS:,} messages, answered in order."
    )
    sensitivity: Literal[SENSITIVITIES] = SensitivityField


class PatternScoreOut(BaseModel):
    score: float = Field(description="Calibrated probability, 0 to 1.")
    flagged: bool = Field(
        description="score reached the threshold of the requested sensitivity (for an answer given reply_to, its context decides)."
    )


class CueOut(BaseModel):
    start: int
    end: int
    text: str = Field(description="The words that triggered the pattern: text[start:end] of the message.")
    pattern: str
    rule: str


class HighlightOut(BaseModel):
    start: int
    end: int
    text: str = Field(description="text[start:end] of the message.")
    pattern: str


class PositiveOut(BaseModel):
    start: int
    end: int
    text: str
    kind: str = Field(description="A healthy move: appreciation, i_statement, repair, ...")


class AntidoteOut(BaseModel):
    pattern: str
    advice: str
    example: str


class AnalysisOut(BaseModel):
    """Same shape as ``horsemen check --json``."""

    text: str
    flagged: bool
    patterns: dict[str, PatternScoreOut]
    cues: list[CueOut]
    highlights: list[HighlightOut] = Field(
        description="The cues as a person sees them: no overlaps, neighbouring cues of one pattern joined. "
        "The web page, the CLI and the chat report show these."
    )
    positives: list[PositiveOut]
    rewrite: str | None = Field(description="A gentler way to say the same thing, when one could be made.")
    antidotes: list[AntidoteOut]
    truncated: bool


class LimitsOut(BaseModel):
    max_text_chars: int = MAX_TEXT_CHARS
    max_batch_texts: int = MAX_BATCH_TEXTS
    max_body_bytes: int = MAX_BODY_BYTES


class ModelInfo(BaseModel):
    """What a client needs to interpret scores; leaves out local paths of the training data."""

    format: int
    horsemen_version: str = Field(description="Version of horsemen that trained the model.")
    labels: list[str]
    thresholds: dict[str, float] = Field(description="The normal sensitivity's thresholds.")
    operating_points: dict[str, dict[str, float]] = Field(description="Thresholds per sensitivity: low, normal, high.")
    metrics: dict[str, Any] = Field(description="Cross-validated and held-out test metrics from training.")
    trained_at: str | None
    versions: dict[str, str]
    limits: LimitsOut = LimitsOut()


class Health(BaseModel):
    status: str = "ok"


class Problem(BaseModel):
    location: str = Field(description="Where in the request, e.g. body.texts.3; empty for the request as a whole.")
    message: str


class ErrorDetail(BaseModel):
    code: str = Field(description="invalid_json, invalid_request, body_too_large, not_found, method_not_allowed, ...")
    message: str = Field(description="One line saying what is wrong; never quotes the message text.")
    problems: list[Problem] = []


class ErrorBody(BaseModel):
    error: ErrorDetail
