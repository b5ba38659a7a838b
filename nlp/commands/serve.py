"""``horsemen serve``: run the HTTP API and the web page with uvicorn.

The model is loaded once here before any worker starts, so a bad ``--model``
is one clear line (not a traceback per worker) and the default model is built
once rather than by every worker at the same time. Workers then load it again
themselves: uvicorn starts them as fresh processes that receive no arguments,
hence the model path travels in an environment variable.
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
) -> None:
    """Serve the HTTP API (/v1/analyze, /openapi.json) and the check-before-you-send page at http://HOST:PORT/."""
    try:
        import uvicorn
        from uvicorn.config import LOGGING_CONFIG

        from nlp.api.app import MODEL_PATH_VARIABLE
    except ImportError:
        raise HorsemenError("`horsemen serve` needs FastAPI and uvicorn: pip install 'horsemen[api]'") from None
    from nlp.commands import load_analyzer

    load_analyzer(model)  # builds the built-in model once here, not in every worker
    _check_can_listen(host, port)
    if not _is_loopback(host):
        print(f"horsemen: listening on {host}: anyone who can reach this machine can send it text to analyse", file=sys.stderr)
    os.environ[MODEL_PATH_VARIABLE] = str(model.resolve()) if model else ""
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,  # replaced by nlp.api.access_log, which never prints paths or queries as sent
        log_config=_log_config(LOGGING_CONFIG),
    )


def _log_config(uvicorn_config: dict) -> dict:
    """Uvicorn's logging, plus our access logger on its default handler."""
    config = copy.deepcopy(uvicorn_config)
    config["loggers"]["horsemen.api.access"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


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
