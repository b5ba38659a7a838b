"""The local server answers this machine's own requests only: no other Host, no cross-site writes, no slow clients."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import threading
import time

import pytest
import uvicorn
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import nlp.api.timeouts as timeouts
from nlp.api.access_log import AccessLog
from nlp.api.app import create_app
from nlp.api.body_limit import BodySizeLimit
from nlp.cli import app as cli_app

from .conftest import LOCAL


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "127.0.0.1", "LOCALHOST:8000"])
def test_requests_that_name_this_machine_are_answered(client, host):
    assert client.get("/healthz", headers={"host": host}).status_code == 200


@pytest.mark.parametrize(
    "host", ["rebound.example:8000", "127.0.0.1.rebound.example", "localhost.rebound.example:8000", "0.0.0.0:8000"]
)
def test_requests_for_any_other_host_are_refused_before_the_app_sees_them(client, host):
    """DNS rebinding: a page on rebound.example points its name at 127.0.0.1; the browser still sends its own name."""
    response = client.post("/v1/analyze", json={"text": "hi"}, headers={"host": host})
    assert response.status_code == 400
    assert client.get("/", headers={"host": host}).status_code == 400


def test_the_address_given_to_serve_is_answered_too(default_store):
    with TestClient(create_app(hosts=["127.0.0.1", "192.168.1.5"]), base_url="http://192.168.1.5:8000") as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/healthz", headers={"host": "localhost:8000"}).status_code == 400


@pytest.mark.parametrize(
    "origin", ["http://rebound.example:8000", "null", "http://127.0.0.1:9999", "https://127.0.0.1:8000"]
)
def test_a_write_from_another_site_is_refused(client, origin):
    response = client.post("/v1/analyze", json={"text": "hi"}, headers={"origin": origin})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "cross_origin"


@pytest.mark.parametrize("origin", [LOCAL, None])
def test_the_own_page_and_scripts_without_an_origin_may_write(client, origin):
    headers = {"origin": origin} if origin else {}
    assert client.post("/v1/analyze", json={"text": "hi"}, headers=headers).status_code == 200


def test_reading_needs_no_origin_check(client):
    assert client.get("/v1/model", headers={"origin": "http://rebound.example"}).status_code == 200


def test_feedback_is_off_unless_asked_for(client, default_store):
    before = default_store.user_data_path.exists()
    response = client.post("/v1/feedback", json={"text": "you never listen", "not": ["criticism"]})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "feedback_off" and "--allow-feedback" in response.json()["error"]["message"]
    assert default_store.user_data_path.exists() == before


def test_serve_passes_its_limits_and_options_to_uvicorn_and_the_workers(monkeypatch):
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append(options))
    for variable in ("HORSEMEN_SERVE_HOSTS", "HORSEMEN_SERVE_FEEDBACK", "HORSEMEN_SERVE_MODEL"):
        monkeypatch.setenv(variable, "")  # restored after the test
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    result = CliRunner().invoke(cli_app, ["serve", "--port", str(port), "--host", "::1", "--allow-feedback"])
    assert result.exit_code == 0, result.output
    [options] = calls
    assert options["http"] is timeouts.RequestDeadlineProtocol
    assert options["limit_concurrency"] > 0 and options["timeout_keep_alive"] > 0
    assert os.environ["HORSEMEN_SERVE_HOSTS"] == "127.0.0.1,localhost,[::1]"
    assert os.environ["HORSEMEN_SERVE_FEEDBACK"] == "1"


def test_serving_on_every_address_says_which_names_are_answered(monkeypatch):
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: None)
    for variable in ("HORSEMEN_SERVE_HOSTS", "HORSEMEN_SERVE_FEEDBACK", "HORSEMEN_SERVE_MODEL"):
        monkeypatch.setenv(variable, "")
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    result = CliRunner().invoke(cli_app, ["serve", "--host", "0.0.0.0", "--port", str(port)])
    assert result.exit_code == 0, result.output
    assert "only requests addressed to 127.0.0.1, localhost, [::1], 0.0.0.0 are answered" in result.stderr


# ---- slow clients, against a real uvicorn with the protocol `horsemen serve` uses ----------------------------


async def hello(scope, receive, send):
    while (await receive()).get("more_body"):
        pass
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
    await send({"type": "http.response.body", "body": b"ok"})


@pytest.fixture()
def quick_deadline_server(monkeypatch):
    monkeypatch.setattr(timeouts, "REQUEST_SECONDS", 0.5)
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    config = uvicorn.Config(hello, host="127.0.0.1", port=port, http=timeouts.RequestDeadlineProtocol,
                            lifespan="off", log_config=None, timeout_keep_alive=5)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield port
    server.should_exit = True
    thread.join(10)


def closed_within(port: int, sent: bytes, seconds: float) -> tuple[bool, bytes]:
    """Send ``sent`` and keep the connection open: (whether the server closed it within ``seconds``, what it sent)."""
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.sendall(sent)
        connection.settimeout(seconds)
        received = b""
        try:
            while chunk := connection.recv(4096):
                received += chunk
        except (socket.timeout, TimeoutError):
            return False, received
        except ConnectionResetError:
            pass
        return True, received


@pytest.mark.parametrize(
    "sent",
    [b"", b"GET / HTTP/1.1\r\nHost: 127.0.0.1", b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nhalf"],
    ids=["nothing", "half the headers", "half the body"],
)
def test_a_request_that_does_not_arrive_in_time_is_closed(quick_deadline_server, sent):
    closed, received = closed_within(quick_deadline_server, sent, seconds=5)
    assert closed and received == b""


def test_a_request_that_arrives_in_time_is_answered_and_the_connection_kept(quick_deadline_server):
    with socket.create_connection(("127.0.0.1", quick_deadline_server)) as connection:
        connection.settimeout(5)
        for _ in range(2):
            connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert connection.recv(4096).endswith(b"ok")
            time.sleep(0.7)  # longer than the deadline, but idle between requests is the keep-alive's business


def test_a_client_that_leaves_before_the_answer_is_logged_as_gone_not_as_500(caplog):
    async def never_called(scope, receive, send):
        raise AssertionError("the body never arrived")

    async def leaving():
        return {"type": "http.disconnect"}

    async def sent(message):
        raise AssertionError("nothing is sent to a client that left")

    scope = {"type": "http", "method": "POST", "path": "/v1/analyze", "headers": [], "client": ("127.0.0.1", 5000)}
    caplog.set_level(logging.INFO, logger="horsemen.api.access")
    asyncio.run(AccessLog(BodySizeLimit(never_called, max_bytes=100))(scope, leaving, sent))
    [line] = [record.getMessage() for record in caplog.records if record.name == "horsemen.api.access"]
    assert " POST (no such route) disconnected " in line and " 500 " not in line
