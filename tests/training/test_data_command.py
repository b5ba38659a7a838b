"""`horsemen data list|show|remove`: the user data store, seen and undone from the command line."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from nlp.cli import app
from nlp.labels import LABELS
from nlp.training.feedback import record_feedback

from .conftest import install, read_rows, write_labelled

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(arg) for arg in args])


def test_a_trained_csv_is_listed_shown_and_removed(home, small_base, small_model, tmp_path, store):
    install(small_model, home, "before")
    store.use("before")
    base = read_rows(small_base)
    relabel = {"text": base[4]["text"], **{label: "0" for label in LABELS}, "stonewalling": "1"}
    repeat = {"text": base[5]["text"], **{label: base[5][label] for label in LABELS}}
    fresh = [{"text": f"zorblat {i} wugwug", **{label: "0" for label in LABELS}} for i in range(12)]
    mine = write_labelled(tmp_path / "mine.csv", [relabel, repeat, *fresh])
    assert run("train", mine, "--name", "after", "--force").exit_code == 0

    (entry,) = json.loads(run("data", "list", "--json").stdout)
    assert (entry["id"], entry["source"], entry["rows"], entry["relabels"], entry["repeats"]) == (1, str(mine), 14, 1, 1)
    assert 0 < entry["held_out"] < 12
    listed = run("data", "list").stdout
    assert "#1" in listed and "mine.csv" in listed

    shown = json.loads(run("data", "show", "1", "--json").stdout)
    first, second = shown["rows"][:2]
    assert first["over"]["row"] == "built-in written line 6" and "stonewalling 0->1" in first["over"]["changes"]
    assert second["over"] == {"row": "built-in written line 7", "changes": ""}
    assert first["split"] == base[4]["split"]  # a built-in text keeps the built-in split
    readable = run("data", "show", "1")
    assert readable.exit_code == 0 and "#1 mine.csv: added" in readable.stdout and "horsemen data remove 1" in readable.stdout

    again = run("train", mine, "--name", "again")
    assert "mine.csv is already in your data as #1; nothing new was added." in " ".join(again.stdout.split())
    assert len(json.loads(run("data", "list", "--json").stdout)) == 1

    removed = run("data", "remove", "1")

    assert removed.exit_code == 0, removed.output
    out = " ".join(removed.stdout.split())
    assert "Removed #1 mine.csv (14 rows) from your data." in out
    assert f"The model in use, {store.active_name()}, was trained with it" in out
    assert json.loads(run("data", "list", "--json").stdout) == []
    gone = run("data", "show", "1")
    assert gone.exit_code == 2 and "no contribution #1" in gone.stderr


def test_corrections_are_contributions_too(home, store):
    record_feedback(store, "k. whatever", {label: label == "stonewalling" for label in LABELS}, lambda text: {})
    (entry,) = json.loads(run("data", "list", "--json").stdout)
    assert (entry["kind"], entry["source"], entry["rows"], entry["held_out"]) == ("feedback", "feedback", 1, 0)
    readable = run("data", "list").stdout
    assert "#1" in readable and "feedback" in readable


def test_an_empty_store_says_how_to_fill_it_and_a_broken_one_is_exit_2(home, store):
    assert "is empty" in run("data", "list").stdout
    store.user_data_path.write_text("{not json", encoding="utf-8")
    result = run("data", "list")
    assert result.exit_code == 2
    assert "user-data.json: unreadable; fix or delete it" in result.stderr
