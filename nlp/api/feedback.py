"""POST /v1/feedback: ``horsemen feedback`` over HTTP, for apps that let users correct a flag.

The correction is stored, text included, in the server's model home
(``nlp.training.feedback``), where the next ``horsemen train`` on that machine picks it
up. That storage is the point of the endpoint; nothing is logged. Labels the
client does not name come from the model this server runs.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from nlp.api.errors import error_response
from nlp.api.schemas import ErrorBody, MessageText
from nlp.errors import HorsemenError
from nlp.labels import LABELS
from nlp.training.feedback import corrections_from, record_feedback

Pattern = Literal[LABELS]

router = APIRouter()


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"text": "you always know best", "not": ["criticism"]}]}
    )

    text: MessageText
    shows: list[Pattern] = Field([], alias="is", max_length=len(LABELS), description="Patterns the message shows.")
    lacks: list[Pattern] = Field([], alias="not", max_length=len(LABELS), description="Patterns it does not show.")


class FeedbackOut(BaseModel):
    labels: dict[str, int] = Field(description="The row now stored for this text: 0/1 per pattern.")
    origin: dict[str, str] = Field(description='Per pattern: "you", "earlier feedback", "built-in data" or "model".')
    rows: int = Field(description="Messages corrected so far on this server.")
    updated: bool = Field(description="The text had been corrected before; its row was replaced.")


@router.post(
    "/v1/feedback",
    response_model=FeedbackOut,
    responses={status: {"model": ErrorBody} for status in (400, 413, 422, 500)},
    summary="Correct the model on one message",
)
async def feedback(body: FeedbackRequest, request: Request):
    """Record that the message does (is) or does not (not) show patterns; the next training learns from it."""
    try:
        corrections = corrections_from(body.text, shows=body.shows, lacks=body.lacks)
    except HorsemenError as error:
        return error_response(422, "invalid_request", str(error))
    analyzer = request.app.state.analyzer

    def model_flags(text: str) -> dict[str, bool]:
        analysis = analyzer.analyze(text)
        return {label: analysis.patterns[label].flagged for label in LABELS}

    try:  # on the event loop, like /v1/analyze: the model is only ever used from this thread
        recorded = record_feedback(request.app.state.store, body.text, corrections, model_flags)
    except HorsemenError:  # the input was checked above: what is left is the server's own file
        return error_response(500, "feedback_unavailable", "the server's feedback file cannot be updated; its operator should check it")
    return FeedbackOut(labels=recorded.labels, origin=recorded.origin, rows=recorded.rows, updated=recorded.updated)
