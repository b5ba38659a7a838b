"""`horsemen feedback`: one correction per text, in the user data store, that training picks up."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from nlp.cli import app
from nlp.errors import DataError
from nlp.labels import LABELS
from nlp.training.data import read_builtin
from nlp.training.feedback import record_feedback
from nlp.training.userdata import UserData

from .conftest import install, read_rows, stored_feedback, write_labelled

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
    assert first.path == home / "user-data.json" and not first.updated

    second = record_feedback(store, "you clearly know best, as always ", {"stonewalling": True}, never_called)
    assert second.updated and second.rows == 1
    assert second.labels == {"criticism": 0, "contempt": 1, "defensiveness": 0, "stonewalling": 1}
    assert second.origin["contempt"] == "earlier feedback"
    assert len(asked) == 1
    assert second.contribution == first.contribution  # the same contribution, updated
    (row,) = stored_feedback(store)
    assert row.labels == (0, 1, 0, 1) and row.split == "train"  # a correction is always learnt from


def test_feedback_on_a_built_in_message_starts_from_its_label(home, store):
    known = next(row for row in read_builtin() if row.labels[0] == 1)
    recorded = record_feedback(store, known.text, {"criticism": False}, never_called)
    assert recorded.origin["contempt"] == "built-in data"
    assert [recorded.labels[label] for label in LABELS[1:]] == list(known.labels[1:])


def test_a_hand_broken_user_data_file_is_reported_not_overwritten(home, store):
    broken = '{"format": 1, "next_id": 2, "contributions": [{"id": 1, "kind": "feedback", "source": "feedback", ' \
        '"sha256": "x", "added_at": "t", "rows": [{"line": null, "text": "hi", "labels": [0, 0, 7, 0], "split": "train", "extra": {}}]}]}'
    store.user_data_path.write_text(broken, encoding="utf-8")
    with pytest.raises(DataError, match="contribution #1, row 1: needs a text, 4 labels of 0 or 1"):
        record_feedback(store, "hello", {"criticism": False}, never_called)
    assert store.user_data_path.read_text(encoding="utf-8") == broken


def test_corrections_from_an_earlier_version_are_taken_in_once(home, store):
    write_labelled(
        store.legacy_feedback_path,
        [{"text": "k. whatever", "criticism": "0", "contempt": "0", "defensiveness": "0", "stonewalling": "1", "recorded_at": "2025-01-02T03:04:05Z"}],
        columns=("text", *LABELS, "recorded_at"),
    )
    (kept,) = UserData(store).contributions()
    assert (kept.kind, kept.added_at, kept.rows[0].labels) == ("feedback", "2025-01-02T03:04:05Z", (0, 0, 0, 1))
    assert not store.legacy_feedback_path.exists()
    assert store.legacy_feedback_path.with_name("feedback.csv.imported").is_file()  # kept, renamed: nothing is lost
    assert UserData(store).contributions() == [kept]


def test_feedback_takes_unnamed_labels_from_your_data_before_the_built_in_data(home, store, tmp_path):
    from nlp.training.data import contribution_from_csv

    known = next(row for row in read_builtin() if row.labels == (1, 0, 0, 0))
    mine = write_labelled(tmp_path / "mine.csv", [{"text": known.text, "criticism": "1", "contempt": "1", "defensiveness": "0", "stonewalling": "0"}])
    UserData(store).add(contribution_from_csv(mine))
    recorded = record_feedback(store, known.text, {"stonewalling": True}, never_called)
    assert recorded.origin["contempt"] == "your data" and recorded.labels["contempt"] == 1


def test_feedback_command_asks_the_model_in_use(home, small_model, store):
    install(small_model, home, "mine")
    store.use("mine")
    result = runner.invoke(app, ["feedback", "whatever. I'm done talking", "--is", "stonewalling", "--not", "contempt"])
    assert result.exit_code == 0, result.output
    assert "stonewalling 1 (you)" in result.stdout and "contempt 0 (you)" in result.stdout
    assert "(model)" in result.stdout
    assert "Recorded as #1 in your data" in result.stdout and "horsemen data remove 1" in result.stdout
    (row,) = stored_feedback(store)
    assert row.text == "whatever. I'm done talking" and row.labels[LABELS.index("stonewalling")] == 1
    assert row.labels[LABELS.index("contempt")] == 0


@pytest.mark.parametrize(
    "args, message",
    [
        (["feedback", "hi"], "--is PATTERN or --not PATTERN"),
        (["feedback", "hi", "--is", "contempt", "--not", "contempt"], "both name contempt"),
        (["feedback", "hi", "--not", "sarcasm"], "unknown pattern(s) sarcasm"),
        (["feedback", "  ", "--not", "contempt"], "it was empty"),
    ],
)
def test_feedback_mistakes_are_exit_2(home, args, message, store):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not store.user_data_path.exists()


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
