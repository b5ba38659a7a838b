"""`horsemen feedback`: one corrected row per text, in the model home, that training picks up."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from nlp.cli import app
from nlp.errors import DataError
from nlp.labels import LABELS
from nlp.training.data import read_builtin, read_feedback
from nlp.training.feedback import corrections_from, record_feedback

from .conftest import install, read_rows

runner = CliRunner()


def never_called(text):
    raise AssertionError("the model was asked although every label was known")


def test_feedback_fills_the_other_labels_from_the_model_and_a_later_correction_wins(home, store):
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
    (row,) = read_feedback(store.feedback_path)  # the file is a valid labelled CSV; the latest row counts
    assert row.labels == (0, 1, 0, 1)
    assert len(read_rows(store.feedback_path)) == 2  # appended: the first correction was never rewritten


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


def test_a_nul_in_feedback_is_refused_so_training_never_breaks(home, store):
    """A NUL after a word once made the saved model unreadable and every later `horsemen train` fail."""
    result = runner.invoke(app, ["feedback", "you never\x00", "--is", "criticism"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "horsemen: error: the feedback text holds the control character U+0000 at character 10; remove it"
    )
    assert not store.feedback_path.exists()


def test_corrections_are_appended_and_never_rewrite_earlier_ones(home, store):
    record_feedback(store, "you never listen", {"criticism": True}, never_called_all_known)
    before = store.feedback_path.read_bytes()
    record_feedback(store, "k.", {"stonewalling": True}, never_called_all_known)
    record_feedback(store, "you never listen", {"criticism": False}, never_called_all_known)
    after = store.feedback_path.read_bytes()
    assert after.startswith(before)
    assert [(row.text, row.labels[0]) for row in read_feedback(store.feedback_path)] == [
        ("you never listen", 0), ("k.", 0)
    ]


def never_called_all_known(text):
    return {label: False for label in LABELS}


def test_the_feedback_file_has_a_cap(home, store, monkeypatch):
    from nlp.training import feedback

    monkeypatch.setattr(feedback, "MAX_BYTES", 200)
    record_feedback(store, "one", {"criticism": False}, never_called_all_known)
    with pytest.raises(feedback.FeedbackFull, match="feedback file is full"):
        record_feedback(store, "x" * 200, {"criticism": False}, never_called_all_known)
    assert [row.text for row in read_feedback(store.feedback_path)] == ["one"]


def test_feedback_text_longer_than_what_is_analysed_is_refused():
    with pytest.raises(DataError, match="at most 10,000 are analysed"):
        corrections_from("x" * 10_001, lacks=["criticism"])
