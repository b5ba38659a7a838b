"""How user rows, feedback and the built-in data are merged and split (no model is trained here)."""

from __future__ import annotations

import pytest

from nlp.errors import DataError
from nlp.labels import LABELS
from nlp.training.data import FEEDBACK, collect_rows, holdout_by_hash, read_user_rows

from .conftest import read_rows, write_labelled


def labels_of(row: dict) -> dict:
    return {label: row[label] for label in LABELS}


def flipped(row: dict, label: str) -> dict:
    return {**labels_of(row), "text": row["text"], label: "0" if row[label] == "1" else "1"}


def test_user_rows_are_merged_without_duplicates_and_win_conflicts(small_base, tmp_path):
    base = read_rows(small_base)
    same = {"text": base[0]["text"], **labels_of(base[0])}
    conflicting = flipped(base[1], "criticism")
    new = {"text": "a message nobody labelled before", **{label: "0" for label in LABELS}}
    user = write_labelled(tmp_path / "mine.csv", [same, conflicting, new])

    data = collect_rows(user)

    everything = {row.text: row for row in data.train + data.heldout}
    assert len(everything) == len(base) + 1  # the duplicate is dropped, the conflict replaces a row
    assert data.duplicates == 1
    assert everything[same["text"]].split == base[0]["split"]  # the built-in copy is kept, split and all
    assert everything[conflicting["text"]].labels[0] == int(conflicting["criticism"])
    (conflict,) = data.conflicts
    assert (conflict.source, conflict.line, conflict.replaced_source) == (str(user), 3, "built-in")
    assert conflict.replaced_line == 3  # base[1] is on line 3 of the built-in CSV too
    assert conflict.changes() == f"criticism {base[1]['criticism']}->{conflicting['criticism']}"


def test_held_out_share_of_user_rows_is_stable_and_about_a_fifth(small_base, tmp_path):
    rows = [{"text": f"message number {i} about the weekend", **{label: "0" for label in LABELS}} for i in range(500)]
    first = collect_rows(write_labelled(tmp_path / "a.csv", rows), include_builtin=False)
    again = collect_rows(write_labelled(tmp_path / "b.csv", list(reversed(rows))), include_builtin=False)

    held = {row.text for row in first.heldout}
    assert held == {row.text for row in again.heldout}  # another file, another order: the same rows
    assert held == {row["text"] for row in rows if holdout_by_hash(row["text"])}
    assert 0.15 < len(held) / len(rows) < 0.25
    assert all(first.heldout_is_user)


def test_built_in_test_split_and_explicit_user_splits_are_respected(small_base, tmp_path):
    rows = [
        {"text": "you never call me back", "split": "train", **{label: "0" for label in LABELS}},
        {"text": "whatever, do what you want", "split": "test", **{label: "0" for label in LABELS}},
    ]
    data = collect_rows(write_labelled(tmp_path / "mine.csv", rows, columns=("text", *LABELS, "split")))
    base_test = {row["text"] for row in read_rows(small_base) if row["split"] == "test"}
    held = {row.text for row in data.heldout}
    assert held == base_test | {"whatever, do what you want"}
    assert data.user_heldout == 1


def test_feedback_is_always_fitted_and_overrides_the_csv(small_base, tmp_path):
    text = next(t for t in (f"honestly fine {i}" for i in range(1000)) if holdout_by_hash(t))  # would be held out
    user = write_labelled(tmp_path / "mine.csv", [{"text": text, **{label: "0" for label in LABELS}}])
    feedback = write_labelled(tmp_path / "feedback.csv", [{"text": text, **{label: "0" for label in LABELS}, "stonewalling": "1"}])

    data = collect_rows(user, feedback=feedback)

    (row,) = [row for row in data.train if row.text == text]
    assert row.labels == (0, 0, 0, 1)
    assert data.conflicts[0].source == FEEDBACK
    assert [source["path"] for source in data.sources] == ["built-in", str(user), FEEDBACK]


def test_queue_rows_left_blank_are_skipped_and_half_filled_rows_are_errors(tmp_path):
    sheet = tmp_path / "to_label.csv"
    sheet.write_text(
        "rank,text,sender,criticism,contempt,defensiveness,stonewalling,score_any\n"
        "1,you always do this,Ann,1,0,0,0,0.51\n"
        '2,"not looked at yet\nsecond line",Bob,,,,,0.49\n'
        "3,fine.,Ann,0,0,0,1,0.48\n",
        encoding="utf-8",
    )
    rows, skipped = read_user_rows(sheet)
    assert [row.text for row in rows] == ["you always do this", "fine."]
    assert skipped == 1

    sheet.write_text(sheet.read_text(encoding="utf-8").replace("fine.,Ann,0,0,0,1", "fine.,Ann,0,,0,1"), encoding="utf-8")
    with pytest.raises(DataError, match="line 5: contempt must be 0 or 1"):
        read_user_rows(sheet)


def test_a_sheet_with_nothing_labelled_yet_says_so(tmp_path):
    sheet = write_labelled(tmp_path / "to_label.csv", [{"text": "hi"}, {"text": "k."}])
    with pytest.raises(DataError, match="no labelled rows yet"):
        read_user_rows(sheet)


def test_too_few_examples_of_a_pattern_is_a_clear_error(tmp_path):
    from nlp.training.train import fit

    rows = [{"text": f"plain message {i}", **{label: "0" for label in LABELS}} for i in range(40)]
    rows += [{"text": f"you never {i}", **{label: "0" for label in LABELS}, "criticism": "1"} for i in range(3)]
    data = collect_rows(write_labelled(tmp_path / "few.csv", rows), include_builtin=False)
    with pytest.raises(DataError, match="too few training rows with criticism"):
        fit(data)
