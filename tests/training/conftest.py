"""A private model home per test, and small data sets that train in seconds.

Nothing here touches the checkout's models/ folder: each test gets its own
HORSEMEN_HOME. Trainings use the shared ``small_csv`` (every 8th built-in row)
or subsets of it; ``small_base`` stands it in for the built-in data so a
default `horsemen train` stays fast.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from nlp.labels import LABELS


def write_labelled(path: Path, rows: list[dict], columns=("text", *LABELS)) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    monkeypatch.setenv("HORSEMEN_HOME", str(path))
    return path


@pytest.fixture
def small_base(small_csv, monkeypatch) -> Path:
    """The small CSV plays the built-in data set (the default model is never built from it)."""
    from nlp.training.data import DataSlice

    monkeypatch.setattr("nlp.training.data.BUILTIN_SLICES", (DataSlice("written", small_csv),))
    return small_csv


@pytest.fixture(scope="session")
def tiny_csv(small_csv, tmp_path_factory) -> Path:
    """small_csv's test rows plus a quarter of its train rows: a clearly weaker model, same held-out rows."""
    rows = read_rows(small_csv)
    train = [row for row in rows if row["split"] == "train"]
    kept = [row for row in rows if row["split"] == "test"] + train[::4]
    return write_labelled(tmp_path_factory.mktemp("tiny") / "tiny.csv", kept, columns=list(rows[0]))


@pytest.fixture(scope="session")
def tiny_model(tiny_csv, tmp_path_factory) -> Path:
    from nlp.training.train import train_model

    out = tmp_path_factory.mktemp("models") / "tiny"
    train_model(tiny_csv, out, include_builtin=False)
    return out


def install(model: Path, home: Path, name: str) -> Path:
    """Copy a trained model into the home as version ``name``."""
    return Path(shutil.copytree(model, home / name))


@pytest.fixture
def store(home):
    from nlp.store import ModelStore

    return ModelStore(home)


def stored_feedback(store) -> list:
    """The corrected rows in the store's user data, oldest first."""
    from nlp.training.userdata import UserData

    return [c.rows[0] for c in UserData(store).contributions() if c.kind == "feedback"]
