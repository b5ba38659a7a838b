"""POST /v1/feedback: ``horsemen feedback`` over HTTP, for apps that let users correct a flag.

Off unless the server was started with ``horsemen serve --allow-feedback``: it
is the one request that writes, the page does not use it, and what it stores
is trained on. When on, the correction is stored, text included, in the
server's user data (``nlp.training.feedback``), where the next ``horsemen
train`` on that machine picks it up and ``horsemen data`` shows it; nothing is logged. Labels the client does
not name come from the model this server runs.

The model is asked on the event loop, like every analysis (it is only ever
used from that thread); the user data is written in a worker thread, under
the model home's lock, so a slow disk or a training holding the lock never
holds up other requests.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from nlp.api.errors import error_response
from nlp.api.schemas import ErrorBody, MessageText
from nlp.errors import HorsemenError
from nlp.labels import LABELS
from nlp.training.feedback import FeedbackFull, corrections_from, record_feedback

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
    origin: dict[str, str] = Field(description='Per pattern: "you", "earlier feedback", "your data", "built-in data" or "model".')
    rows: int = Field(description="Messages corrected so far on this server.")
    updated: bool = Field(description="The text had been corrected before; its latest correction now counts.")


@router.post(
    "/v1/feedback",
    response_model=FeedbackOut,
    responses={status: {"model": ErrorBody} for status in (400, 403, 413, 422, 429, 500)},
    summary="Correct the model on one message (only with `horsemen serve --allow-feedback`)",
)
async def feedback(body: FeedbackRequest, request: Request):
    """Record that the message does (is) or does not (not) show patterns; the next training learns from it."""
    if not request.app.state.allow_feedback:
        message = "feedback is off on this server; its operator can start it with `horsemen serve --allow-feedback`"
        return error_response(403, "feedback_off", message)
    try:
        corrections = corrections_from(body.text, shows=body.shows, lacks=body.lacks)
    except HorsemenError as error:
        return error_response(422, "invalid_request", str(error))
    analysis = request.app.state.analyzer.analyze(body.text)
    flags = {label: analysis.patterns[label].flagged for label in LABELS}
    store = request.app.state.store
    try:
        recorded = await run_in_threadpool(record_feedback, store, body.text, corrections, lambda text: flags)
    except FeedbackFull:
        message = "this server has stored as many corrections as it keeps; its operator can remove some with `horsemen data remove`"
        return error_response(429, "feedback_full", message)
    except HorsemenError:  # the input was checked above: what is left is the server's own file
        message = "the server's user data cannot be updated; its operator should check it"
        return error_response(500, "feedback_unavailable", message)
    return FeedbackOut(labels=recorded.labels, origin=recorded.origin, rows=recorded.rows, updated=recorded.updated)
