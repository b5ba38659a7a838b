"""Refusals: a 4xx with a JSON body saying what is wrong and where, never a 500, never the text itself."""

from __future__ import annotations

import pytest

from nlp.api.schemas import MAX_BATCH_TEXTS, MAX_BODY_BYTES, MAX_TEXT_CHARS

SECRET = "my-secret-draft-4417"


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["message"]
    return body["error"]


def test_text_over_the_limit_is_refused_and_says_so(client):
    error = error_of(client.post("/v1/analyze", json={"text": "a" * (MAX_TEXT_CHARS + 1)}), 422)
    assert error["code"] == "invalid_request"
    assert error["problems"] == [{"location": "body.text", "message": f"String should have at most {MAX_TEXT_CHARS} characters"}]


def test_batch_over_the_count_limit_is_refused(client):
    error = error_of(client.post("/v1/analyze/batch", json={"texts": ["ok"] * (MAX_BATCH_TEXTS + 1)}), 422)
    assert error["problems"][0]["location"] == "body.texts"
    assert str(MAX_BATCH_TEXTS) in error["message"]


def test_one_long_text_in_a_batch_is_located(client):
    error = error_of(client.post("/v1/analyze/batch", json={"texts": ["ok", "a" * (MAX_TEXT_CHARS + 1)]}), 422)
    assert error["problems"][0]["location"] == "body.texts.1"


def test_body_over_one_megabyte_is_refused_before_parsing(client):
    error = error_of(client.post("/v1/analyze", content=b"x" * (MAX_BODY_BYTES + 1)), 413)
    assert error["code"] == "body_too_large"
    assert f"{MAX_BODY_BYTES:,}" in error["message"]


def test_chunked_body_without_a_length_is_still_counted(client):
    chunks = (b"x" * 100_000 for _ in range(11))
    response = client.post("/v1/analyze", content=chunks, headers={"content-type": "application/json"})
    assert "content-length" not in response.request.headers
    assert error_of(response, 413)["code"] == "body_too_large"


def test_body_just_under_the_limit_reaches_validation(client):
    body = b'{"texts": [' + b",".join([b'"' + b"a" * 998 + b'"'] * 990) + b"]}"
    assert len(body) < MAX_BODY_BYTES
    response = client.post("/v1/analyze/batch", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200 and len(response.json()) == 990


def test_malformed_json_is_a_400_with_the_position(client):
    response = client.post("/v1/analyze", content=b'{"text": "hi",}', headers={"content-type": "application/json"})
    error = error_of(response, 400)
    assert error["code"] == "invalid_json"
    assert "not valid JSON" in error["message"] and "at character" in error["message"]


@pytest.mark.parametrize(
    "body, location, words",
    [
        ({"text": 42}, "body.text", "valid string"),
        ({"text": None}, "body.text", "valid string"),
        ({"text": ["a"]}, "body.text", "valid string"),
        ({}, "body.text", "Field required"),
        ({"txt": "hi"}, "body.text", "Field required"),
        ({"text": "hi", "lang": "en"}, "body.lang", "Extra inputs"),
        (["hi"], "body", "JSON object"),
        ("hi", "body", "JSON object"),
    ],
)
def test_wrong_shapes_and_types_name_the_field(client, body, location, words):
    error = error_of(client.post("/v1/analyze", json=body), 422)
    assert error["code"] == "invalid_request"
    assert any(p["location"] == location and words in p["message"] for p in error["problems"]), error


def test_batch_wrong_types(client):
    error = error_of(client.post("/v1/analyze/batch", json={"texts": "one text"}), 422)
    assert error["problems"][0]["location"] == "body.texts"
    error = error_of(client.post("/v1/analyze/batch", json={"texts": ["ok", 7]}), 422)
    assert error["problems"][0]["location"] == "body.texts.1"


def test_many_problems_get_a_short_answer_with_the_full_count(client):
    body = {"text": "ok", **{f"field{i}": i for i in range(5000)}}
    error = error_of(client.post("/v1/analyze", json=body), 422)
    assert len(error["problems"]) == 20
    assert error["message"].endswith("(and 4999 more problems)")


def test_an_unknown_long_key_is_named_by_its_start_only(client):
    error = error_of(client.post("/v1/analyze", json={"text": "ok", "k" * 5000: 1}), 422)
    assert error["problems"][0]["location"] == "body." + "k" * 40 + "…"


def test_deeply_nested_json_is_refused_not_crashed_on(client):
    body = b'{"text": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    error = error_of(client.post("/v1/analyze", content=body, headers={"content-type": "application/json"}), 400)
    assert error["code"] == "invalid_json"


def test_unpaired_surrogate_is_refused_not_crashed_on(client):
    body = b'{"text": "hi \\ud800 there"}'
    error = error_of(client.post("/v1/analyze", content=body, headers={"content-type": "application/json"}), 422)
    assert error["problems"][0]["location"] == "body.text"


def test_invalid_utf8_is_refused(client):
    response = client.post("/v1/analyze", content=b'{"text": "\xff\xfe"}', headers={"content-type": "application/json"})
    error = error_of(response, 400)
    assert error["code"] == "invalid_json" and "UTF-8" in error["message"]


def test_non_json_content_type_gets_a_hint(client):
    response = client.post("/v1/analyze", content=b"hello", headers={"content-type": "text/plain"})
    assert "Content-Type: application/json" in error_of(response, 422)["message"]


def test_unknown_path_and_wrong_method_are_json_too(client):
    assert error_of(client.get("/v2/analyze"), 404)["code"] == "not_found"
    assert error_of(client.get("/v1/analyze"), 405)["code"] == "method_not_allowed"


def test_bad_content_length_header_is_a_400(client):
    response = client.post("/v1/analyze", content=b"{}", headers={"content-length": "abc"})
    assert error_of(response, 400)["code"] == "bad_request"


def test_refusals_never_echo_the_text(client):
    requests = [
        {"json": {"text": SECRET, "extra": SECRET}},
        {"json": {"text": [SECRET]}},
        {"json": {"texts": [SECRET]}},
        {"json": [SECRET]},
        {"content": ('{"text": "' + SECRET + '",').encode(), "headers": {"content-type": "application/json"}},
        {"content": SECRET.encode(), "headers": {"content-type": "text/plain"}},
    ]
    for request in requests:
        response = client.post("/v1/analyze", **request)
        assert 400 <= response.status_code < 500
        assert SECRET not in response.text
