"""How the user's contributions (CSVs, corrections) and the built-in data are merged and split (no model is trained here)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from nlp.errors import DataError
from nlp.labels import LABELS
from nlp.training.data import LabelledRow, collect_rows, contribution_from_csv, holdout_by_hash, read_user_rows
from nlp.training.userdata import feedback_contribution

from .conftest import read_rows, write_labelled


def from_csv(path, include_builtin=True):
    return collect_rows([contribution_from_csv(path)], include_builtin=include_builtin)


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

    data = from_csv(user)

    everything = {row.text: row for row in data.train + data.heldout}
    assert len(everything) == len(base) + 1  # the duplicate is dropped, the conflict replaces a row
    copy, conflict = data.yours
    assert (copy.relabels, copy.source, copy.line, copy.earlier_source, copy.earlier_line) == (False, "mine.csv", 2, "built-in/written", 2)
    assert everything[same["text"]].split == base[0]["split"]  # the built-in copy is kept, split and all
    assert everything[conflicting["text"]].labels[0] == int(conflicting["criticism"])
    assert everything[conflicting["text"]].split == base[1]["split"]  # a built-in text keeps the built-in split
    assert (conflict.relabels, conflict.source, conflict.line, conflict.earlier_source) == (True, "mine.csv", 3, "built-in/written")
    assert conflict.earlier_line == 3  # base[1] is on line 3 of the built-in CSV too
    assert conflict.changes() == f"criticism {base[1]['criticism']}->{conflicting['criticism']}"


def test_held_out_share_of_user_rows_is_stable_and_about_a_fifth(small_base, tmp_path):
    rows = [{"text": f"message number {i} about the weekend", **{label: "0" for label in LABELS}} for i in range(500)]
    first = from_csv(write_labelled(tmp_path / "a.csv", rows), include_builtin=False)
    again = from_csv(write_labelled(tmp_path / "b.csv", list(reversed(rows))), include_builtin=False)

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
    data = from_csv(write_labelled(tmp_path / "mine.csv", rows, columns=("text", *LABELS, "split")))
    base_test = {row["text"] for row in read_rows(small_base) if row["split"] == "test"}
    held = {row.text for row in data.heldout}
    assert held == base_test | {"whatever, do what you want"}
    assert data.user_heldout == 1


def test_a_correction_is_always_fitted_and_overrides_an_earlier_csv(small_base, tmp_path):
    text = next(t for t in (f"honestly fine {i}" for i in range(1000)) if holdout_by_hash(t))  # would be held out
    user = contribution_from_csv(write_labelled(tmp_path / "mine.csv", [{"text": text, **{label: "0" for label in LABELS}}]))
    correction = feedback_contribution(LabelledRow(None, text, (0, 0, 0, 1), None, {}), "2025-01-01T00:00:00Z")

    data = collect_rows([user, correction])

    (row,) = [row for row in data.train if row.text == text]
    assert row.labels == (0, 0, 0, 1)
    (overlap,) = data.yours
    assert (overlap.source, overlap.line, overlap.earlier_source, overlap.earlier_line) == ("feedback", None, "mine.csv", 2)
    assert [source["path"] for source in data.sources] == ["built-in", user.source, "feedback"]


def test_rows_of_a_contribution_keep_the_split_they_were_given(small_base, tmp_path):
    rows = [{"text": f"message number {i} about the weekend", **{label: "0" for label in LABELS}} for i in range(50)]
    contribution = contribution_from_csv(write_labelled(tmp_path / "a.csv", rows))
    flipped = tuple(replace(row, split="train" if row.split == "test" else "test") for row in contribution.rows)
    data = collect_rows([replace(contribution, rows=flipped)], include_builtin=False)
    assert {row.text for row in data.heldout} == {row.text for row in flipped if row.split == "test"}


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
    data = from_csv(write_labelled(tmp_path / "few.csv", rows), include_builtin=False)
    with pytest.raises(DataError, match="too few training rows with criticism"):
        fit(data)
