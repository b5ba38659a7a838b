"""Refuse state-changing requests that a web page on another site sent.

A browser adds ``Origin`` to every POST a page makes. A page on another site
can make the user's browser POST to ``http://127.0.0.1:PORT`` (a form, or a
JSON body after DNS rebinding), so a request that changes something must come
from the server's own page: its ``Origin`` must be this server, as named in
``Host``. Requests without ``Origin`` come from scripts and the command line,
which no web page can forge, and are let through.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from nlp.api.errors import error_response

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class SameOriginWrites:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in SAFE_METHODS:
            headers = Headers(scope=scope)
            origin = headers.get("origin")
            if origin is not None and origin.lower() != f"http://{headers.get('host', '').lower()}":
                message = "requests that change something are accepted from this server's own page only"
                await error_response(403, "cross_origin", message)(scope, receive, send)
                return
        await self.app(scope, receive, send)
