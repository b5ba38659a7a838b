"""Model versions in the model home, `horsemen models`, and what nlp.load() picks."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

import nlp
from nlp.cli import app
from nlp.errors import ModelError
from nlp.store import ACTIVE_FILE

from .conftest import install

runner = CliRunner()


def test_models_list_marks_the_model_in_use(home, small_model, tiny_model, store):
    install(small_model, home, "small")
    install(tiny_model, home, "tiny")
    store.use("tiny")

    listed = json.loads(runner.invoke(app, ["models", "list", "--json"]).stdout)

    by_name = {entry["name"]: entry for entry in listed}
    assert set(by_name) == {"default", "small", "tiny"}
    assert [name for name, entry in by_name.items() if entry["active"]] == ["tiny"]
    assert by_name["small"]["status"] == "ready"
    assert by_name["small"]["heldout_macro_f1"] > by_name["tiny"]["heldout_macro_f1"]
    readable = runner.invoke(app, ["models", "list"])
    assert readable.exit_code == 0 and "tiny" in readable.stdout


def test_nlp_load_uses_the_active_model_and_use_default_goes_back(home, small_model, store):
    install(small_model, home, "mine")
    result = runner.invoke(app, ["models", "use", "mine"])
    assert result.exit_code == 0, result.output
    assert json.loads((home / ACTIVE_FILE).read_text())["name"] == "mine"
    assert nlp.load().model.path == home / "mine"

    assert runner.invoke(app, ["models", "use", "default"]).exit_code == 0
    assert not (home / ACTIVE_FILE).exists()
    assert store.active_name() == "default"


def test_models_show_gives_the_meta_of_the_model_in_use(home, small_model, store):
    install(small_model, home, "mine")
    store.use("mine")
    result = runner.invoke(app, ["models", "show", "--json"])
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    assert shown["name"] == "mine" and shown["active"] is True
    assert set(shown["operating_points"]["normal"]) >= {"criticism", "any"}
    readable = runner.invoke(app, ["models", "show", "mine"])
    assert "Held-out rows" in readable.stdout


def test_using_an_unknown_model_is_exit_2_and_lists_none(home):
    result = runner.invoke(app, ["models", "use", "nope"])
    assert result.exit_code == 2
    assert "no model named 'nope'" in result.stderr
    assert not (home / ACTIVE_FILE).exists()


def test_a_deleted_active_model_says_how_to_go_back(home, small_model, store):
    install(small_model, home, "gone")
    store.use("gone")
    shutil.rmtree(home / "gone")
    with pytest.raises(ModelError, match="horsemen models use default"):
        nlp.load()


def test_model_names_must_be_plain_folder_names(home, store):
    for bad in ("../outside", ".hidden", "a/b", ""):
        with pytest.raises(ModelError, match="not a usable model name"):
            store.path(bad)
