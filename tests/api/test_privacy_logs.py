"""Message text never reaches the logs: not from bodies, queries, paths or validation errors."""

from __future__ import annotations

import logging

SECRET = "my-secret-draft-9931"
CLIENT_LOGGERS = ("httpx", "httpcore")  # the test's own HTTP client logs the URLs it sends


def test_no_log_record_contains_the_text(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.post("/v1/analyze", json={"text": f"You never listen {SECRET}"})
    client.post("/v1/analyze/batch", json={"texts": [SECRET, 3]})
    client.post("/v1/analyze", json={"text": SECRET * 1000})
    client.post("/v1/analyze", content=f'{{"text": "{SECRET}"'.encode(), headers={"content-type": "application/json"})
    client.get(f"/v1/analyze/{SECRET}?text={SECRET}")
    client.post(f"/v1/analyze?text={SECRET}", json={"text": "ok"})
    server_records = [r for r in caplog.records if not r.name.startswith(CLIENT_LOGGERS)]
    assert server_records, "the access log should have recorded the requests"
    for record in server_records:
        assert SECRET not in record.getMessage()
        assert SECRET not in str(record.__dict__)


def test_access_log_names_the_route_status_and_time(client, caplog):
    caplog.set_level(logging.INFO, logger="horsemen.api.access")
    client.post(f"/v1/analyze?text={SECRET}", json={"text": "ok"})
    client.get(f"/no/{SECRET}")
    lines = [r.getMessage() for r in caplog.records if r.name == "horsemen.api.access"]
    assert any(" POST /v1/analyze 200 " in line and line.endswith(" ms") for line in lines), lines
    assert any(" GET (no such route) 404 " in line for line in lines), lines
