"""Every refusal as the same small JSON body, and no request text in it or in the logs.

FastAPI's default validation error echoes the offending input back (and anything
that logs it would log message text); these handlers keep only where the problem
is and what it is.
"""

from __future__ import annotations

from typing import Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from nlp.api.schemas import ErrorBody, ErrorDetail, Problem

CODES_BY_STATUS = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
}
MAX_PROBLEMS = 20  # a body of a million wrong items gets a short answer; the message gives the full count
MAX_KEY_CHARS = 40  # an unknown key is named in the location, but a long one only by its start
NOT_AN_OBJECT = {"model_attributes_type", "model_type", "dict_type"}
# FastAPI's words when a JSON body cannot even be decoded (not UTF-8, or nested too deep to parse).
UNDECODABLE_BODY = "There was an error parsing the body"


def error_response(
    status: int, code: str, message: str, problems: Sequence[Problem] = (), headers: dict | None = None
) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(code=code, message=message, problems=list(problems)))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def _location(loc: tuple) -> str:
    parts = (str(part) for part in loc)
    return ".".join(part if len(part) <= MAX_KEY_CHARS else part[:MAX_KEY_CHARS] + "…" for part in parts)


def _problem(error: dict) -> Problem:
    """One validation error without its ``input`` (the user's text) or ``ctx`` values."""
    if error["type"] == "json_invalid":
        reason = (error.get("ctx") or {}).get("error", "malformed JSON")
        position = error["loc"][1] if len(error["loc"]) > 1 else "?"
        return Problem(location="body", message=f"body is not valid JSON: {reason} (at character {position})")
    if error["type"] in NOT_AN_OBJECT and tuple(error["loc"]) == ("body",):
        return Problem(location="body", message="must be a JSON object sent with Content-Type: application/json")
    return Problem(location=_location(error["loc"]), message=error["msg"])


async def validation_failed(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    problems = [_problem(error) for error in errors[:MAX_PROBLEMS]]
    malformed_json = any(error["type"] == "json_invalid" for error in errors)
    first = problems[0]
    message = first.message if malformed_json or not first.location else f"{first.location}: {first.message}"
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    if malformed_json:
        return error_response(400, "invalid_json", message, problems)
    return error_response(422, "invalid_request", message, problems)


async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
    code = CODES_BY_STATUS.get(exc.status_code, "http_error")
    message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    if exc.status_code == 404:
        message = "no such endpoint; see /openapi.json"
    elif exc.status_code == 400 and exc.detail == UNDECODABLE_BODY:
        code, message = "invalid_json", "body could not be decoded as JSON: send UTF-8 text, not nested thousands deep"
    return error_response(exc.status_code, code, message, headers=getattr(exc, "headers", None))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, validation_failed)
    app.add_exception_handler(HTTPException, http_error)
