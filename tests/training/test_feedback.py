"""`horsemen feedback`: one correction per text, in the user data store, that training picks up."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from nlp.cli import app
from nlp.errors import DataError
from nlp.labels import LABELS
from nlp.training.data import read_builtin
from nlp.training.feedback import corrections_from, record_feedback
from nlp.training.userdata import UserData

from .conftest import install, read_rows, stored_feedback, write_labelled

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


def test_an_earlier_versions_appended_corrections_come_in_as_the_latest_of_each_text(home, store):
    """Feedback files were append-only (a text corrected twice has two rows): the later row is the correction kept."""
    columns = ("text", *LABELS, "recorded_at")
    rows = [
        {"text": "you never listen", "criticism": "1", "contempt": "0", "defensiveness": "0", "stonewalling": "0"},
        {"text": "k.", "criticism": "0", "contempt": "0", "defensiveness": "0", "stonewalling": "1"},
        {"text": "you never listen", "criticism": "0", "contempt": "0", "defensiveness": "0", "stonewalling": "0"},
    ]
    write_labelled(store.legacy_feedback_path, rows, columns=columns)
    assert [(row.text, row.labels[0]) for row in stored_feedback(store)] == [("you never listen", 0), ("k.", 0)]


def test_a_control_character_in_an_earlier_versions_feedback_file_is_reported_with_its_line(home, store):
    row = {"text": "you never\x1b[31m", "criticism": "1", "contempt": "0", "defensiveness": "0", "stonewalling": "0"}
    write_labelled(store.legacy_feedback_path, [row])
    with pytest.raises(DataError, match="line 2: the text holds the control character U\\+001B"):
        UserData(store).contributions()
    assert not store.user_data_path.exists() and store.legacy_feedback_path.is_file()


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
        (["feedback", "hi", "--not", "sarcasm"], "'sarcasm' is not one of"),
        (["feedback", "  ", "--not", "contempt"], "it was empty"),
    ],
)
def test_feedback_mistakes_are_exit_2(home, args, message, store):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not store.user_data_path.exists()


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
    assert not store.user_data_path.exists()


def never_called_all_known(text):
    return {label: False for label in LABELS}


def test_corrections_have_a_cap_on_their_text(home, store, monkeypatch):
    from nlp.training import feedback

    monkeypatch.setattr(feedback, "MAX_BYTES", 200)
    record_feedback(store, "one", {"criticism": False}, never_called_all_known)
    before = store.user_data_path.read_bytes()
    with pytest.raises(feedback.FeedbackFull, match="as many corrections as it keeps"):
        record_feedback(store, "x" * 200, {"criticism": False}, never_called_all_known)
    assert store.user_data_path.read_bytes() == before
    assert [row.text for row in stored_feedback(store)] == ["one"]


def test_a_full_set_of_corrections_is_exit_2_on_the_command_line_and_a_corrected_text_can_still_change(home, store, monkeypatch):
    monkeypatch.setattr("nlp.training.feedback.MAX_TEXTS", 1)
    record_feedback(store, "one", {"criticism": False}, never_called_all_known)
    result = runner.invoke(app, ["feedback", "two", "--not", "criticism"])
    assert result.exit_code == 2 and "as many corrections as it keeps" in result.stderr
    assert "horsemen data remove" in result.stderr
    assert record_feedback(store, "one", {"criticism": True}, never_called_all_known).updated
    assert [(row.text, row.labels[0]) for row in stored_feedback(store)] == [("one", 1)]


def test_feedback_text_longer_than_what_is_analysed_is_refused():
    with pytest.raises(DataError, match="at most 10,000 are analysed"):
        corrections_from("x" * 10_001, lacks=["criticism"])
