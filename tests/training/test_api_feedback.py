"""POST /v1/feedback stores the same row `horsemen feedback` would."""

from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

import nlp.api.feedback as api_feedback  # noqa: E402
from nlp.api.app import create_app  # noqa: E402
from nlp.labels import LABELS  # noqa: E402

from .conftest import stored_feedback  # noqa: E402


@pytest.fixture
def client(home, small_model):
    with TestClient(create_app(small_model, allow_feedback=True), base_url="http://127.0.0.1:8000") as test_client:
        yield test_client


def test_feedback_endpoint_records_a_correction(client, store):
    response = client.post("/v1/feedback", json={"text": "whatever. I'm done", "is": ["stonewalling"], "not": ["contempt"]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["labels"]["stonewalling"] == 1 and body["origin"]["contempt"] == "you"
    assert body["origin"]["criticism"] == "model" and body["rows"] == 1 and body["updated"] is False
    (row,) = stored_feedback(store)
    assert row.text == "whatever. I'm done" and row.labels[LABELS.index("stonewalling")] == 1
    again = client.post("/v1/feedback", json={"text": "whatever. I'm done", "not": ["stonewalling"]}).json()
    assert again["updated"] is True and again["labels"]["stonewalling"] == 0 and again["rows"] == 1


@pytest.mark.parametrize(
    "body",
    [
        {"text": "hi", "is": ["contempt"], "not": ["contempt"]},
        {"text": "hi"},
        {"text": "hi", "not": ["sarcasm"]},
        {"text": "  ", "not": ["contempt"]},
        {"text": "hi", "not": ["contempt"], "user": "x"},
    ],
)
def test_feedback_endpoint_refuses_unclear_corrections(client, body, store):
    response = client.post("/v1/feedback", json=body)
    assert response.status_code == 422
    assert set(response.json()) == {"error"}
    assert "hi" not in response.json()["error"]["message"].split()
    assert not store.user_data_path.exists()


def test_full_corrections_are_a_429_and_nothing_is_written(client, store, monkeypatch):
    monkeypatch.setattr("nlp.training.feedback.MAX_TEXTS", 1)
    assert client.post("/v1/feedback", json={"text": "you never listen", "not": ["criticism"]}).status_code == 200
    before = store.user_data_path.read_bytes()
    response = client.post("/v1/feedback", json={"text": "whatever", "is": ["stonewalling"]})
    assert response.status_code == 429 and response.json()["error"]["code"] == "feedback_full"
    assert store.user_data_path.read_bytes() == before
    again = client.post("/v1/feedback", json={"text": "you never listen", "is": ["criticism"]})  # a text it has
    assert again.status_code == 200 and again.json()["updated"] is True


def test_the_user_data_is_written_off_the_event_loop(client, monkeypatch):
    threads = []
    record = api_feedback.record_feedback

    def recording(*args):
        try:
            asyncio.get_running_loop()
            threads.append("event loop")
        except RuntimeError:
            threads.append("worker thread")
        return record(*args)

    monkeypatch.setattr(api_feedback, "record_feedback", recording)
    assert client.post("/v1/feedback", json={"text": "fine.", "is": ["stonewalling"]}).status_code == 200
    assert threads == ["worker thread"]


@pytest.mark.parametrize("text", ["you never\u0000", "a\u001b[31m red"])
def test_control_characters_in_feedback_are_refused(client, store, text):
    response = client.post("/v1/feedback", json={"text": text, "not": ["criticism"]})
    assert response.status_code == 422
    assert "control character" in response.json()["error"]["message"]
    assert not store.user_data_path.exists()
