"""One app with the real default model for the whole API test folder (start-up loads it once)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from nlp.api.app import create_app


@pytest.fixture(scope="session")
def client():
    with TestClient(create_app()) as test_client:
        yield test_client
