"""``horsemen serve``: user errors are one line and exit 2; good options reach uvicorn."""

from __future__ import annotations

import os
import socket

import pytest
import uvicorn
from typer.testing import CliRunner

from nlp.api.app import MODEL_PATH_VARIABLE, create_app_from_environment
from nlp.cli import app

runner = CliRunner()


def test_missing_model_is_one_line_and_exit_2():
    result = runner.invoke(app, ["serve", "--model", "/no/such/model"])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no model directory" in result.stderr


def test_port_in_use_is_one_line_and_exit_2():
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"horsemen: error: cannot listen on 127.0.0.1:{port}: Address already in use")


@pytest.mark.parametrize("option", [["--port", "0"], ["--port", "70000"], ["--workers", "0"]])
def test_out_of_range_options_are_refused(option):
    assert runner.invoke(app, ["serve", *option]).exit_code == 2


def test_options_reach_uvicorn_and_workers_get_the_model(monkeypatch, analyzer):
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    monkeypatch.setenv(MODEL_PATH_VARIABLE, "")  # restored after the test
    model = analyzer.model.path
    result = runner.invoke(app, ["serve", "--port", "8431", "--workers", "2", "--model", str(model)])
    assert result.exit_code == 0, result.output
    [(factory, options)] = calls
    assert factory == "nlp.api.app:create_app_from_environment" and options["factory"] is True
    assert (options["host"], options["port"], options["workers"]) == ("127.0.0.1", 8431, 2)
    assert options["access_log"] is False  # ours replaces it: uvicorn's prints query strings
    assert "horsemen.api.access" in options["log_config"]["loggers"]
    assert os.environ[MODEL_PATH_VARIABLE] == str(model.resolve())
    assert create_app_from_environment().title == "horsemen"


def test_listening_beyond_this_machine_is_announced(monkeypatch):
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: None)
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0", "--port", str(port)])
    assert result.exit_code == 0, result.output
    assert "anyone who can reach this machine" in result.stderr
