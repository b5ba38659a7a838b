"""``horsemen serve``: run the HTTP API and the web page with uvicorn.

The model is loaded once here before any worker starts, so a bad ``--model``
is one clear line (not a traceback per worker) and the default model is built
once rather than by every worker at the same time. Workers then load it again
themselves: uvicorn starts them as fresh processes that receive no arguments,
hence the options travel in environment variables.

Requests are answered only when ``Host`` names this server (127.0.0.1,
localhost, [::1] or ``--host``), each request must arrive within
``nlp.api.timeouts.REQUEST_SECONDS``, and at most ``MAX_CONNECTIONS`` are open
at once, so neither a web page the user visits nor a slow client can use it.
"""

from __future__ import annotations

import copy
import ipaddress
import os
import socket
import sys

import typer
from typing_extensions import Annotated

from nlp.commands import ModelOption, examples
from nlp.errors import HorsemenError

APP_FACTORY = "nlp.api.app:create_app_from_environment"
MAX_CONNECTIONS = 100  # beyond this uvicorn answers 503 at once instead of queueing without end
KEEP_ALIVE_SECONDS = 5

EXAMPLES = examples(
    "horsemen serve",
    "horsemen serve --port 8080 --workers 2",
    "curl --json '{\"text\": \"whatever.\"}' localhost:8000/v1/analyze",
)


def serve_command(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on. The default accepts connections from this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port to listen on.")] = 8000,
    model: ModelOption = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help="Worker processes; each holds its own copy of the model.")
    ] = 1,
    allow_feedback: Annotated[
        bool,
        typer.Option(
            "--allow-feedback",
            help="Turn on POST /v1/feedback, which stores corrections (message text included) that the next "
            "`horsemen train` learns from. Off by default; the web page does not need it.",
        ),
    ] = False,
) -> None:
    """Serve the HTTP API (/v1/analyze, /openapi.json) and the check-before-you-send page at http://HOST:PORT/."""
    try:
        import uvicorn
        from uvicorn.config import LOGGING_CONFIG

        from nlp.api.app import FEEDBACK_VARIABLE, HOSTS_VARIABLE, LOCAL_HOSTS, MODEL_PATH_VARIABLE
        from nlp.api.timeouts import RequestDeadlineProtocol
    except ImportError:
        raise HorsemenError("`horsemen serve` needs FastAPI and uvicorn: pip install 'horsemen[api]'") from None
    from nlp.commands import load_analyzer

    load_analyzer(model)  # builds the built-in model once here, not in every worker
    _check_can_listen(host, port)
    hosts = list(dict.fromkeys([*LOCAL_HOSTS, _host_header_name(host)]))
    if not _is_loopback(host):
        print(f"horsemen: listening on {host}: anyone who can reach this machine can send it text to analyse", file=sys.stderr)
    if _is_unspecified(host):
        print(
            f"horsemen: note: only requests addressed to {', '.join(hosts)} are answered; "
            "to serve other machines, pass the address they use as --host",
            file=sys.stderr,
        )
    os.environ[MODEL_PATH_VARIABLE] = str(model.resolve()) if model else ""
    os.environ[HOSTS_VARIABLE] = ",".join(hosts)
    os.environ[FEEDBACK_VARIABLE] = "1" if allow_feedback else ""
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        http=RequestDeadlineProtocol,
        limit_concurrency=MAX_CONNECTIONS,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        access_log=False,  # replaced by nlp.api.access_log, which never prints paths or queries as sent
        log_config=_log_config(LOGGING_CONFIG),
    )


def _log_config(uvicorn_config: dict) -> dict:
    """Uvicorn's logging, plus our access logger on its default handler."""
    config = copy.deepcopy(uvicorn_config)
    config["loggers"]["horsemen.api.access"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


def _host_header_name(host: str) -> str:
    """How a ``Host`` header names ``host``: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host else host


def _is_unspecified(host: str) -> bool:
    """0.0.0.0 or ::, which listen on every address but name none."""
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_can_listen(host: str, port: int) -> None:
    """Fail with one line now rather than after start-up with uvicorn's log and exit code 1."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.create_server((host, port), family=family):
            pass
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else str(error)
        raise HorsemenError(f"cannot listen on {host}:{port}: {reason}; choose another --port or --host") from None
