"""An access log that cannot leak message text.

Uvicorn's own access log prints the raw path and query string, where a client
could have put a message. This one prints the route *template* the request
matched (``/v1/analyze``), never the path as sent, nor any body or query.
"""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("horsemen.api.access")

UNMATCHED = "(no such route)"


class AccessLog:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # unless a response starts: an exception escaped the app

        async def record_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record_status)
        finally:
            route = getattr(scope.get("route"), "path", None) or UNMATCHED
            client = (scope.get("client") or ("-",))[0]
            elapsed_ms = (time.perf_counter() - started) * 1000
            logger.info("%s %s %s %d %.1f ms", client, scope["method"], route, status, elapsed_ms)
