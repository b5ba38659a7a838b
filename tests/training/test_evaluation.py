"""`horsemen evaluate` and nlp.evaluate_csv never grade a model on its own training rows without saying so."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

import nlp
from nlp.cli import app
from nlp.labels import LABELS
from nlp.training.userdata import UserData

from .conftest import read_rows, write_labelled

runner = CliRunner()
DATA = Path(__file__).resolve().parents[2] / "data" / "messages.csv"


def run(*args):
    return runner.invoke(app, [str(arg) for arg in args])


def new_rows(small_base, count: int) -> list[dict]:
    """Built-in rows the small stand-in for the built-in data does not have: messages no model here has seen."""
    known = {row["text"] for row in read_rows(small_base)}
    with DATA.open(encoding="utf-8", newline="") as handle:
        fresh = [row for row in csv.DictReader(handle) if row["text"] not in known]
    return [{"text": row["text"], **{label: row[label] for label in LABELS}} for row in fresh[:count]]


def test_evaluate_counts_and_leaves_out_the_rows_the_model_was_trained_on(home, small_base, tmp_path, store):
    mine = write_labelled(tmp_path / "mine.csv", new_rows(small_base, 40))
    assert run("train", mine, "--name", "mine", "--force").exit_code == 0
    (kept,) = UserData(store).contributions()
    fitted = sum(row.split == "train" for row in kept.rows)
    assert 0 < fitted < 40

    report = json.loads(run("evaluate", mine, "--json").stdout)

    assert report["training_rows"] == {"rows": 40, "trained_on": fitted, "excluded": True}
    assert report["n"] == 40 - fitted
    readable = " ".join(run("evaluate", mine).stdout.split())
    assert f"training rows: {fitted} of 40 rows were training rows of this model and are left out" in readable

    everything = json.loads(run("evaluate", mine, "--include-training-rows", "--json").stdout)
    assert everything["n"] == 40 and everything["training_rows"]["excluded"] is False
    assert "these figures flatter it" in " ".join(run("evaluate", mine, "--include-training-rows").stdout.split())

    # The Python call does the same, for the model in use.
    assert nlp.evaluate_csv(mine, nlp.load()) == report
    assert nlp.evaluate_csv(mine, nlp.load(), include_training_rows=True)["n"] == 40


def test_evaluating_a_model_only_on_rows_it_was_trained_on_is_exit_2(small_model, small_csv):
    result = run("evaluate", small_csv, "--model", small_model, "--split", "train")
    assert result.exit_code == 2
    assert "the model was trained on all" in result.stderr and "--include-training-rows" in result.stderr
    assert run("evaluate", small_csv, "--model", small_model, "--split", "train", "--include-training-rows").exit_code == 0


def test_the_built_in_test_rows_the_built_in_model_was_fitted_on_are_left_out():
    """A few short replies of the replies' test split ("cool.", "no.") are training rows of the written slice."""
    from nlp.training.data import builtin_slices, read_builtin, read_labelled

    fitted = {row.text.strip() for row in read_builtin() if row.split == "train"}
    test = json.loads(run("evaluate", "--json").stdout)["slices"]
    for data in builtin_slices():
        rows = [row for row in read_labelled(data.path, require_split=True) if row.split == "test"]
        seen = sum(row.text.strip() in fitted for row in rows)
        assert test[data.name]["training_rows"] == {"rows": len(rows), "trained_on": seen, "excluded": seen > 0}
        assert test[data.name]["n"] == len(rows) - seen
    assert test["written"]["training_rows"]["trained_on"] == test["real"]["training_rows"]["trained_on"] == 0
    assert "training rows: none of the 906 rows was a training row of this model" in run("evaluate").stdout

    train = json.loads(run("evaluate", "--split", "train", "--json").stdout)["slices"]
    assert {name: report["n"] for name, report in train.items()} == {"written": 0, "real": 0, "replies": 0, "reddit": 0}
    readable = " ".join(run("evaluate", "--split", "train").stdout.split())
    assert "written, split=train, sensitivity=normal: training rows:" in readable
    assert "were training rows of this model and are left out" in readable


def test_queue_sheet_rows_left_blank_are_skipped_and_counted_by_evaluate_as_by_train(small_model, tmp_path):
    sheet = tmp_path / "to_label.csv"
    sheet.write_text(
        "rank,text,criticism,contempt,defensiveness,stonewalling\n"
        "1,zorblat the bins,1,0,0,0\n2,not looked at yet,,,,\n3,quibbix wugwug,0,0,0,0\n",
        encoding="utf-8",
    )
    report = json.loads(run("evaluate", sheet, "--model", small_model, "--json").stdout)
    assert report["n"] == 2 and report["unlabelled_skipped"] == 1
    assert "1 row(s) with no label filled in were skipped" in run("evaluate", sheet, "--model", small_model).stdout
