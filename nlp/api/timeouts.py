"""A deadline for each request to arrive, so a slow client cannot hold a connection open for ever.

uvicorn closes keep-alive connections that sit idle after a response, but it
waits without limit for a connection's first request, and for the rest of a
request whose first bytes have come (headers sent one byte a minute, or a
body that never ends). This protocol gives each request ``REQUEST_SECONDS``
from the moment it could start (the connection opening, or its first byte on a
kept-alive connection) to the end of its body, then closes the connection.
The local page and any script send a request in milliseconds.
"""

from __future__ import annotations

import asyncio
import logging

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

REQUEST_SECONDS = 10.0
logger = logging.getLogger("horsemen.api.access")


class RequestDeadlineProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, closing connections whose request is not complete in time."""

    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._start_clock()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._start_clock()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._stop_clock()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_clock()
        super().connection_lost(exc)

    def _start_clock(self) -> None:
        if self._deadline is None:
            self._deadline = self.loop.call_later(REQUEST_SECONDS, self._too_slow)

    def _stop_clock(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        client = self.client[0] if self.client else "-"
        logger.info("%s - - closed: the request was not complete after %.0f s", client, REQUEST_SECONDS)
        self.transport.close()
