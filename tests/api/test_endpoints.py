"""The API's answers: same results as the library and the CLI, the model's metadata, and the page."""

from __future__ import annotations

import json
import re
import shutil

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from nlp.api.app import WEB_DIR, create_app
from nlp.api.schemas import MAX_BATCH_TEXTS, MAX_BODY_BYTES, MAX_TEXT_CHARS
from nlp.cli import app as cli_app

from .conftest import LOCAL

CRITICAL = "You never help with the dishes"


def test_analyze_returns_the_same_json_as_check_json(client):
    response = client.post("/v1/analyze", json={"text": CRITICAL})
    assert response.status_code == 200
    cli = CliRunner().invoke(cli_app, ["check", "--json", CRITICAL])
    assert response.json() == json.loads(cli.stdout)
    assert response.json()["patterns"]["criticism"]["flagged"] is True
    assert response.json()["cues"][0]["text"] == "You never help"
    assert response.json()["highlights"] == [{"start": 0, "end": 14, "text": "You never help", "pattern": "criticism"}]


def test_analyze_matches_the_library_for_unicode_and_empty_text(client, analyzer):
    for text in ["", "   ", "I feel hurt 😢 when you say ‘whatever’", "ok\r\nfine\u0000"]:
        assert client.post("/v1/analyze", json={"text": text}).json() == analyzer.analyze(text).to_dict()


def test_batch_answers_each_text_in_order(client, analyzer):
    texts = ["Thank you for dinner", CRITICAL, "Whatever.", "", "You're pathetic"]
    response = client.post("/v1/analyze/batch", json={"texts": texts})
    assert response.status_code == 200
    assert response.json() == [analyzer.analyze(text).to_dict() for text in texts]


def test_batch_accepts_empty_and_the_maximum_count(client):
    assert client.post("/v1/analyze/batch", json={"texts": []}).json() == []
    full = client.post("/v1/analyze/batch", json={"texts": ["ok"] * MAX_BATCH_TEXTS})
    assert full.status_code == 200 and len(full.json()) == MAX_BATCH_TEXTS


def test_text_at_the_limit_is_analysed_whole(client):
    response = client.post("/v1/analyze", json={"text": "a" * MAX_TEXT_CHARS})
    assert response.status_code == 200
    assert response.json()["truncated"] is False


def test_model_endpoint_reports_the_loaded_model(client, analyzer):
    info = client.get("/v1/model").json()
    assert info["thresholds"] == analyzer.meta.thresholds
    assert info["labels"] == ["criticism", "contempt", "defensiveness", "stonewalling"]
    assert info["metrics"]["cv"]["macro_f1"] == analyzer.meta.metrics["cv"]["macro_f1"]
    assert info["horsemen_version"] == analyzer.meta.versions["horsemen"]
    assert info["limits"] == {
        "max_text_chars": MAX_TEXT_CHARS,
        "max_batch_texts": MAX_BATCH_TEXTS,
        "max_body_bytes": MAX_BODY_BYTES,
    }
    assert "data" not in info  # local paths of training files stay private


def test_create_app_serves_the_model_it_was_given(analyzer, tmp_path):
    """A copy of the default model whose criticism threshold is out of reach: the app must use it."""
    model = tmp_path / "strict"
    shutil.copytree(analyzer.model.path, model)
    meta = json.loads((model / "meta.json").read_text())
    meta["operating_points"]["normal"]["criticism"] = 0.9999
    (model / "meta.json").write_text(json.dumps(meta))
    with TestClient(create_app(model), base_url=LOCAL) as client:
        assert client.get("/v1/model").json()["thresholds"]["criticism"] == 0.9999
        assert client.post("/v1/analyze", json={"text": CRITICAL}).json()["patterns"]["criticism"]["flagged"] is False


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_openapi_documents_the_endpoints_and_docs_that_need_a_cdn_are_off(client):
    schema = client.get("/openapi.json").json()
    assert {"/v1/analyze", "/v1/analyze/batch", "/v1/model", "/healthz"} <= set(schema["paths"])
    request_schema = schema["components"]["schemas"]["AnalyzeRequest"]
    assert request_schema["properties"]["text"]["maxLength"] == MAX_TEXT_CHARS
    assert "422" in schema["paths"]["/v1/analyze"]["post"]["responses"]
    for path in ("/docs", "/redoc"):
        assert client.get(path).status_code == 404


def test_page_and_its_assets_are_served_with_a_self_only_policy(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert client.head("/").status_code == 200
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        assert client.get(asset).status_code == 200, asset
    assert {"/static/app.js", "/static/style.css"} <= set(re.findall(r'"(/static/[^"]+)"', page.text))


def test_web_files_reference_nothing_outside_the_server():
    for path in WEB_DIR.iterdir():
        assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", path.read_text(encoding="utf-8")), path.name


def test_model_endpoint_gives_every_sensitivity_level(client):
    info = client.get("/v1/model").json()
    points = info["operating_points"]
    assert set(points) == {"low", "normal", "high"}
    assert points["normal"] == info["thresholds"]
    assert all(points["high"][output] <= points["low"][output] for output in points["low"])


def test_sensitivity_is_a_request_field(client, analyzer):
    text = "Cute of you to try. Leave the real work to people who know what they're doing."
    for level in ("low", "normal", "high"):
        body = client.post("/v1/analyze", json={"text": text, "sensitivity": level}).json()
        assert body == analyzer.at(level).analyze(text).to_dict()
    batch = client.post("/v1/analyze/batch", json={"texts": [text], "sensitivity": "high"}).json()
    assert batch == [analyzer.at("high").analyze(text).to_dict()]
    assert client.post("/v1/analyze", json={"text": text, "sensitivity": "loud"}).status_code == 422


def test_reply_to_judges_an_answer_by_what_it_answers(client):
    alone = client.post("/v1/analyze", json={"text": "ok."}).json()
    answer = client.post("/v1/analyze", json={"text": "ok.", "reply_to": "You never help with anything, you're so lazy"}).json()
    assert alone["flagged"] is False
    assert answer["patterns"]["stonewalling"]["flagged"] is True
    assert answer["patterns"]["stonewalling"]["score"] == alone["patterns"]["stonewalling"]["score"]
