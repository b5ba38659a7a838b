"""`horsemen feedback`: one corrected row per text, in the model home, that training picks up."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from nlp.cli import app
from nlp.errors import DataError
from nlp.labels import LABELS
from nlp.training.data import read_builtin, read_labelled
from nlp.training.feedback import record_feedback

from .conftest import install, read_rows

runner = CliRunner()


def never_called(text):
    raise AssertionError("the model was asked although every label was known")


def test_feedback_fills_the_other_labels_from_the_model_and_updates_in_place(home, store):
    asked = []

    def model_flags(text):
        asked.append(text)
        return {"criticism": True, "contempt": True, "defensiveness": False, "stonewalling": False}

    first = record_feedback(store, "you clearly know best, as always", {"criticism": False}, model_flags)
    assert first.labels == {"criticism": 0, "contempt": 1, "defensiveness": 0, "stonewalling": 0}
    assert first.origin["criticism"] == "you" and first.origin["contempt"] == "model"
    assert first.path == home / "feedback.csv" and not first.updated

    second = record_feedback(store, "you clearly know best, as always ", {"stonewalling": True}, never_called)
    assert second.updated and second.rows == 1
    assert second.labels == {"criticism": 0, "contempt": 1, "defensiveness": 0, "stonewalling": 1}
    assert second.origin["contempt"] == "earlier feedback"
    assert len(asked) == 1
    (row,) = read_labelled(store.feedback_path)  # the file is a valid labelled CSV
    assert row.labels == (0, 1, 0, 1)


def test_feedback_on_a_built_in_message_starts_from_its_label(home, store):
    known = next(row for row in read_builtin() if row.labels[0] == 1)
    recorded = record_feedback(store, known.text, {"criticism": False}, never_called)
    assert recorded.origin["contempt"] == "built-in data"
    assert [recorded.labels[label] for label in LABELS[1:]] == list(known.labels[1:])


def test_a_hand_broken_feedback_file_is_reported_not_overwritten(home, store):
    broken = "text,criticism,contempt,defensiveness,stonewalling\nhi,0,0,7,0\n"
    store.feedback_path.write_text(broken, encoding="utf-8")
    with pytest.raises(DataError, match="line 2: defensiveness must be 0 or 1"):
        record_feedback(store, "hello", {"criticism": False}, never_called)
    assert store.feedback_path.read_text(encoding="utf-8") == broken


def test_feedback_command_asks_the_model_in_use(home, small_model, store):
    install(small_model, home, "mine")
    store.use("mine")
    result = runner.invoke(app, ["feedback", "whatever. I'm done talking", "--is", "stonewalling", "--not", "contempt"])
    assert result.exit_code == 0, result.output
    assert "stonewalling 1 (you)" in result.stdout and "contempt 0 (you)" in result.stdout
    assert "(model)" in result.stdout
    (row,) = read_rows(store.feedback_path)
    assert row["text"] == "whatever. I'm done talking" and row["stonewalling"] == "1" and row["contempt"] == "0"


@pytest.mark.parametrize(
    "args, message",
    [
        (["feedback", "hi"], "--is PATTERN or --not PATTERN"),
        (["feedback", "hi", "--is", "contempt", "--not", "contempt"], "both name contempt"),
        (["feedback", "hi", "--not", "sarcasm"], "'sarcasm' is not one of"),
        (["feedback", "  ", "--not", "contempt"], "it was empty"),
    ],
)
def test_feedback_mistakes_are_exit_2(home, args, message, store):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not store.feedback_path.exists()


def test_feedback_from_python_names_an_unknown_pattern():
    from nlp.errors import DataError
    from nlp.training.feedback import corrections_from

    with pytest.raises(DataError, match=r"unknown pattern\(s\) sarcasm"):
        corrections_from("hi", shows=[], lacks=["sarcasm"])


def test_train_without_a_csv_learns_from_the_feedback(home, small_base, tiny_model, store):
    install(tiny_model, home, "weak")
    store.use("weak")
    record_feedback(store, "k. whatever you say", {label: label == "stonewalling" for label in LABELS}, never_called)

    result = runner.invoke(app, ["train", "--name", "with-feedback", "--json"])

    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert [source["path"] for source in summary["data"]["sources"]] == ["built-in", "feedback"]
    assert summary["data"]["train_rows"] == sum(row["split"] == "train" for row in read_rows(small_base)) + 1
    assert summary["active"] is True
