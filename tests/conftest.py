"""Shared fixtures. The default model is built once (in the checkout's models/) and reused."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data" / "messages.csv"

# Tests never see or change the developer's own models (trained versions, the
# active choice): they get a model home of their own, kept between runs so the
# default model is built once, not per session.
os.environ["HORSEMEN_HOME"] = str(REPO / "models" / ".pytest-home")


@pytest.fixture(scope="session", autouse=True)
def default_store():
    """The tests' model home, with the built-in model built in it (once; kept between runs while current).

    Loading never builds a model, so this is the one place the suite does.
    """
    from nlp.store import ModelStore
    from nlp.training.train import ensure_default_model

    store = ModelStore.from_environment()
    ensure_default_model(store)
    return store


@pytest.fixture(scope="session")
def analyzer(default_store):
    from nlp.analyzer import load

    return load(store=default_store)


@pytest.fixture(scope="session")
def lang():
    from nlp.pipeline import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def small_csv(tmp_path_factory) -> Path:
    """Every 8th row of the built-in data: enough to train a real (small) model in seconds."""
    rows = list(csv.DictReader(DATA.open(encoding="utf-8", newline="")))
    path = tmp_path_factory.mktemp("data") / "small.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows[::8])
    return path


@pytest.fixture(scope="session")
def small_model(small_csv, tmp_path_factory) -> Path:
    from nlp.training.train import train_model

    out = tmp_path_factory.mktemp("models") / "small"
    train_model(small_csv, out, include_builtin=False)
    return out
