"""One app with the real default model for the whole API test folder (start-up loads it once).

Its requests name the server as a browser on this machine would (``Host: 127.0.0.1:8000``): the app
answers no other host.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from nlp.api.app import create_app

LOCAL = "http://127.0.0.1:8000"


@pytest.fixture(scope="session")
def client():
    with TestClient(create_app(), base_url=LOCAL) as test_client:
        yield test_client
