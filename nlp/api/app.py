"""The HTTP API and the check-before-you-send page, as one FastAPI app.

The model is loaded once, in the lifespan. Analysis runs on the event loop
itself: a message takes a millisecond or two, less than handing it to a thread
costs (a GIL handoff, over a millisecond under load), and one thread per
process means the spaCy pipeline is never used concurrently. Batches yield to
the loop every BATCH_SLICE texts so that health checks and single messages
still answer during a long one. Use --workers for more cores.
Interactive docs (/docs, /redoc) are off: they load their scripts from a CDN,
and nothing here may need the network. The schema is at /openapi.json.

Only requests that name this server in ``Host`` are answered (a web page that
rebinds its own domain to 127.0.0.1 names that domain), requests that change
something must come from this server's page or from no page at all, and
feedback, the one request that writes, is off unless asked for.
"""

from __future__ import annotations

import asyncio
import os
from contextlib import asynccontextmanager
from itertools import islice
from pathlib import Path
from typing import Sequence

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from nlp.api.access_log import AccessLog
from nlp.api.body_limit import BodySizeLimit
from nlp.api.errors import install_error_handlers
from nlp.api.feedback import router as feedback_router
from nlp.api.same_origin import SameOriginWrites
from nlp.api.schemas import (
    MAX_BODY_BYTES,
    AnalysisOut,
    AnalyzeRequest,
    BatchRequest,
    ErrorBody,
    Health,
    ModelInfo,
)
from nlp.context import Previous
from nlp.labels import SENSITIVITIES

WEB_DIR = Path(__file__).resolve().parent.parent / "resources" / "web"
# How `horsemen serve` hands its options to its worker processes, which uvicorn starts without arguments.
MODEL_PATH_VARIABLE = "HORSEMEN_SERVE_MODEL"
HOSTS_VARIABLE = "HORSEMEN_SERVE_HOSTS"
FEEDBACK_VARIABLE = "HORSEMEN_SERVE_FEEDBACK"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")

# The page may talk to this server only: no remote script, style, font or image.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

ERRORS = {status: {"model": ErrorBody} for status in (400, 403, 413, 422)}
BATCH_SLICE = 50

router = APIRouter()


@router.post("/v1/analyze", response_model=AnalysisOut, responses=ERRORS, summary="Analyse one message")
async def analyze(body: AnalyzeRequest, request: Request) -> dict:
    """Scores per pattern, the words that triggered them, healthy moves, and a rewrite when there is one."""
    analyzer = request.app.state.analyzers[body.sensitivity]
    previous = None if body.reply_to is None else Previous(frozenset(analyzer.analyze(body.reply_to).flagged_patterns))
    return analyzer.analyze(body.text, previous).to_dict()


@router.post("/v1/analyze/batch", response_model=list[AnalysisOut], responses=ERRORS, summary="Analyse many messages")
async def analyze_batch(body: BatchRequest, request: Request) -> list[dict]:
    """One result per text, in the order sent."""
    analyzer, texts, results = request.app.state.analyzers[body.sensitivity], iter(body.texts), []
    while batch_slice := list(islice(texts, BATCH_SLICE)):
        results.extend(analysis.to_dict() for analysis in analyzer.analyze_many(batch_slice))
        await asyncio.sleep(0)
    return results


@router.get("/v1/model", response_model=ModelInfo, summary="The model in use")
async def model_info(request: Request) -> ModelInfo:
    """Version, per-pattern thresholds, training metrics, and the request limits."""
    meta = request.app.state.analyzer.meta
    return ModelInfo(
        format=meta.schema_version,
        horsemen_version=meta.versions.get("horsemen", "unknown"),
        labels=list(meta.labels),
        thresholds=meta.thresholds,
        operating_points=meta.operating_points,
        metrics=meta.metrics,
        trained_at=meta.trained_at,
        versions=meta.versions,
    )


@router.get("/healthz", response_model=Health, summary="Liveness")
async def healthz() -> Health:
    return Health()


@router.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
async def page() -> FileResponse:
    return FileResponse(WEB_DIR / "index.html", headers=PAGE_HEADERS)


def create_app(
    model_path: str | Path | None = None, *, hosts: Sequence[str] = LOCAL_HOSTS, allow_feedback: bool = False
) -> FastAPI:
    """The app for the model at ``model_path`` (default: the built-in model), loaded at start-up.

    ``hosts`` are the names a request may call this server by in ``Host``
    (any port); ``allow_feedback`` turns on POST /v1/feedback.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        from nlp.analyzer import freeze_for_long_life, load
        from nlp.store import ModelStore

        app.state.store = ModelStore.from_environment()
        app.state.analyzer = load(model_path, store=app.state.store)
        app.state.analyzers = {level: app.state.analyzer.at(level) for level in SENSITIVITIES}
        freeze_for_long_life()
        yield

    from importlib.metadata import version

    app = FastAPI(
        title="horsemen",
        summary="Flag criticism, contempt, defensiveness and stonewalling in a message before you send it.",
        version=version("horsemen"),
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.allow_feedback = allow_feedback
    app.include_router(router)
    app.include_router(feedback_router)
    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")
    install_error_handlers(app)
    # The last added runs first: log, check the host, then the origin, then the body size.
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(SameOriginWrites)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))
    app.add_middleware(AccessLog)
    return app


def create_app_from_environment() -> FastAPI:
    """Factory for uvicorn's worker processes, which cannot be handed arguments."""
    hosts = os.environ.get(HOSTS_VARIABLE)
    return create_app(
        os.environ.get(MODEL_PATH_VARIABLE) or None,
        hosts=hosts.split(",") if hosts else LOCAL_HOSTS,
        allow_feedback=os.environ.get(FEEDBACK_VARIABLE) == "1",
    )
