"""Property: no request, however malformed, makes the API answer with a 5xx.

The client re-raises any exception escaping the app, so a crash fails the test
even before its status is checked.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Any code point, lone surrogates included: JSON can carry them as \\udXXX escapes.
any_text = st.text(alphabet=st.characters(exclude_categories=()), max_size=300)
message_text = st.text(max_size=300) | st.sampled_from(["You never help with the dishes", "Whatever.", "I feel hurt"]) | any_text
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(any_text, children, max_size=5),
    max_leaves=20,
)
near_valid_bodies = st.one_of(
    st.fixed_dictionaries({"text": message_text}),
    st.fixed_dictionaries({"texts": st.lists(message_text, max_size=20)}),
    st.fixed_dictionaries({"text": json_values}),
    st.fixed_dictionaries({"texts": st.lists(json_values, max_size=5)}),
    st.dictionaries(st.sampled_from(["text", "texts", "extra"]), json_values, max_size=3),
    json_values,
)
endpoints = st.sampled_from(["/v1/analyze", "/v1/analyze/batch"])
content_types = st.sampled_from(
    [None, "application/json", "application/json; charset=utf-8", "application/problem+json", "text/plain",
     "application/x-www-form-urlencoded", "multipart/form-data", "application/", ";;", "application/json; charset=latin-1"]
)
# Printable path characters; a leading "//" is dropped because the client would read a host name there.
any_path = st.text(
    alphabet=st.characters(min_codepoint=33, max_codepoint=0x2FFF, exclude_characters="?#%\x7f"), max_size=40
).map(lambda path: "/" + path.lstrip("/"))
PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def assert_not_a_server_error(response) -> None:
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.json()["error"]["message"]


@PROPERTY
@given(path=endpoints, body=near_valid_bodies, ensure_ascii=st.booleans())
def test_any_json_body(client, path, body, ensure_ascii):
    try:
        payload = json.dumps(body, ensure_ascii=ensure_ascii).encode("utf-8")
    except UnicodeEncodeError:  # a raw surrogate cannot be UTF-8: send it escaped instead
        payload = json.dumps(body).encode("utf-8")
    response = client.post(path, content=payload, headers={"content-type": "application/json"})
    assert_not_a_server_error(response)
    if response.status_code == 200:
        texts = body["texts"] if "texts" in body else [body["text"]]
        answers = response.json() if "texts" in body else [response.json()]
        assert [answer["text"] for answer in answers] == texts


@PROPERTY
@given(path=endpoints, payload=st.binary(max_size=500), content_type=content_types)
def test_any_bytes_with_any_content_type(client, path, payload, content_type):
    headers = {"content-type": content_type} if content_type else {}
    assert_not_a_server_error(client.post(path, content=payload, headers=headers))


@PROPERTY
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]),
    path=st.sampled_from(["/", "/healthz", "/v1/model", "/v1/analyze", "/v1/analyze/batch", "/openapi.json", "/static/app.js"])
    | any_path,
    query=st.text(max_size=40),
)
def test_any_method_and_path(client, method, path, query):
    response = client.request(method, path, params={"q": query} if query else None)
    assert response.status_code < 500, (method, path, response.text)


@PROPERTY
@given(text=st.text(max_size=500))
def test_any_valid_unicode_text_is_analysed(client, text):
    response = client.post("/v1/analyze", json={"text": text})
    assert response.status_code == 200
    assert response.json()["text"] == text
