"""An access log that cannot leak message text, and says what really happened to each request.

Uvicorn's own access log prints the raw path and query string, where a client
could have put a message. This one prints the route *template* the request
matched (``/v1/analyze``), never the path as sent, nor any body or query.

The outcome is the status that was sent; "disconnected" for a client that
went away before any answer was sent, which is not a server error; and "500"
only when an error escaped the app with no answer sent (uvicorn then sends 500).
"""

from __future__ import annotations

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("horsemen.api.access")

UNMATCHED = "(no such route)"
DISCONNECTED = "disconnected"


class AccessLog:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status: int | None = None
        disconnected = False

        async def watch_receive() -> Message:
            nonlocal disconnected
            message = await receive()
            disconnected = disconnected or message["type"] == "http.disconnect"
            return message

        async def record_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, watch_receive, record_status)
        finally:
            outcome = str(status) if status is not None else DISCONNECTED if disconnected else "500"
            route = getattr(scope.get("route"), "path", None) or UNMATCHED
            client = (scope.get("client") or ("-",))[0]
            elapsed_ms = (time.perf_counter() - started) * 1000
            logger.info("%s %s %s %s %.1f ms", client, scope["method"], route, outcome, elapsed_ms)
