"""POST /v1/feedback stores the same row `horsemen feedback` would."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from nlp.api.app import create_app  # noqa: E402
from nlp.labels import LABELS  # noqa: E402

from .conftest import stored_feedback  # noqa: E402


@pytest.fixture
def client(home, small_model):
    with TestClient(create_app(small_model)) as test_client:
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
