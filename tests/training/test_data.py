"""The labelled-CSV validator, and the quality guards on the built-in data set."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from nlp.errors import DataError
from nlp.labels import LABELS
from nlp.training.data import find_problems, read_labelled

DATA = Path(__file__).resolve().parents[2] / "data" / "messages.csv"

HEADER = "text,criticism,contempt,defensiveness,stonewalling,split\n"


def write(tmp_path, body: str, header: str = HEADER, encoding="utf-8"):
    path = tmp_path / "labels.csv"
    path.write_bytes((header + body).encode(encoding) if isinstance(body, str) else header.encode() + body)
    return path


def problems_of(path, **kwargs) -> list[str]:
    return [str(p) for p in find_problems(path, **kwargs)[1]]


def test_dataset_accepts_a_clean_file(tmp_path):
    path = write(tmp_path, "you never listen,1,0,0,0,train\nthanks love,0,0,0,0,test\n")
    rows = read_labelled(path)
    assert [r.labels for r in rows] == [(1, 0, 0, 0), (0, 0, 0, 0)]
    assert rows[1].split == "test"


def test_dataset_reports_missing_columns_by_name(tmp_path):
    path = write(tmp_path, "hello,1\n", header="text,criticism\n")
    with pytest.raises(DataError, match="missing column.*contempt, defensiveness, stonewalling"):
        read_labelled(path)


def test_dataset_reports_missing_text_column(tmp_path):
    path = write(tmp_path, "1,0,0,0\n", header="criticism,contempt,defensiveness,stonewalling\n")
    with pytest.raises(DataError, match="missing column.*text"):
        read_labelled(path)


@pytest.mark.parametrize("value", ["2", "yes", "", "0.5"])
def test_dataset_reports_label_values_other_than_0_1(tmp_path, value):
    path = write(tmp_path, f"ok then,0,{value},0,0,train\n")
    assert problems_of(path) == [f"line 2: contempt must be 0 or 1, got {value!r}"]


def test_dataset_reports_empty_text(tmp_path):
    path = write(tmp_path, "fine,0,0,0,0,train\n   ,0,0,0,0,train\n")
    assert problems_of(path) == ["line 3: empty text"]


def test_dataset_reports_exact_duplicates_and_conflicts(tmp_path):
    path = write(tmp_path, "whatever,0,0,0,1,train\nwhatever,0,0,0,1,train\nwhatever,0,1,0,0,train\n")
    assert problems_of(path) == [
        "line 3: exact duplicate of line 2",
        "line 4: same text as line 2 but different labels",
    ]


def test_dataset_reports_unknown_split(tmp_path):
    path = write(tmp_path, "hi,0,0,0,0,dev\n")
    assert problems_of(path) == ["line 2: split must be one of train, test, got 'dev'"]


def test_dataset_counts_lines_across_multiline_text(tmp_path):
    path = write(tmp_path, '"line one\nline two",0,0,0,0,train\nbad,0,0,0,7,train\n')
    assert problems_of(path) == ["line 4: stonewalling must be 0 or 1, got '7'"]


def test_dataset_reports_invalid_utf8_with_its_line(tmp_path):
    path = write(tmp_path, b"fine,0,0,0,0,train\ncaf\xe9,0,0,0,0,train\n")
    assert "line 3: invalid UTF-8" in problems_of(path)[0]


def test_dataset_reports_every_problem_at_once(tmp_path):
    path = write(tmp_path, ",0,0,0,0,train\nx,9,0,0,0,train\ny,0,0,0,0,nope\n")
    with pytest.raises(DataError) as error:
        read_labelled(path)
    message = str(error.value)
    assert "3 problem(s)" in message
    assert all(f"line {n}" in message for n in (2, 3, 4))


def test_dataset_split_column_is_optional_unless_required(tmp_path):
    path = write(tmp_path, "hey,0,0,0,0\n", header="text,criticism,contempt,defensiveness,stonewalling\n")
    assert read_labelled(path)[0].split is None
    with pytest.raises(DataError, match="split"):
        read_labelled(path, require_split=True)


def test_dataset_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        read_labelled(tmp_path / "nope.csv")


def test_dataset_reads_a_text_longer_than_the_csv_module_allows(tmp_path):
    long = "you never listen " * 10_000  # 170,000 characters: over Python's csv default of 131,072
    path = write(tmp_path, f'"{long}",1,0,0,0,train\nthanks,0,0,0,0,test\n')
    assert [row.text for row in read_labelled(path)] == [long, "thanks"]


def test_dataset_names_the_line_of_a_field_over_the_line_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("HORSEMEN_MAX_LINE_BYTES", "100")
    path = write(tmp_path, "fine,0,0,0,0,train\n" + "x" * 200 + ",1,0,0,0,train\n")
    with pytest.raises(DataError, match="labels.csv:3: a field is longer than 100 bytes; set HORSEMEN_MAX_LINE_BYTES"):
        read_labelled(path)


@pytest.mark.parametrize("character, name", [("\x00", "U+0000"), ("\x1b", "U+001B"), ("\x7f", "U+007F")])
def test_dataset_reports_control_characters_in_the_text(tmp_path, character, name):
    path = write(tmp_path, f"fine,0,0,0,0,train\nyou never{character},1,0,0,0,train\n")
    assert problems_of(path) == [f"line 3: the text holds the control character {name} at character 10; remove it"]


def test_dataset_keeps_tabs_line_breaks_and_the_c1_quotes_of_old_sms(tmp_path):
    path = write(tmp_path, '"tab\there\nand a new line",0,0,0,0,train\ndon\x92t,0,0,0,0,train\n')
    assert problems_of(path) == []


def test_dataset_gets_back_the_text_of_a_cell_guarded_against_spreadsheet_formulas(tmp_path):
    path = write(tmp_path, "'=1+2,0,0,0,0,train\n'cause I said so,0,0,0,0,train\n")
    assert [row.text for row in read_labelled(path)] == ["=1+2", "'cause I said so"]


# ---- the built-in data set --------------------------------------------------------------


@pytest.fixture(scope="module")
def builtin():
    return read_labelled(DATA, require_split=True)


@pytest.fixture(scope="module")
def builtin_extra():
    with DATA.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_builtin_data_passes_the_validator(builtin):
    assert len(builtin) >= 3000


def test_builtin_data_has_the_documented_columns(builtin_extra):
    assert list(builtin_extra[0])[:7] == ["id", "text", *LABELS, "split"]
    assert len({row["id"] for row in builtin_extra}) == len(builtin_extra)


def test_builtin_data_meets_the_label_counts(builtin):
    for i, label in enumerate(LABELS):
        assert sum(row.labels[i] for row in builtin) >= 450, label
    none = [row for row in builtin if not any(row.labels)]
    assert len(none) >= 1100
    assert sum(1 for row in builtin if sum(row.labels) >= 2) >= 150


def test_builtin_data_hard_negatives_are_at_least_half_of_none(builtin, builtin_extra):
    by_text = {row["text"]: row for row in builtin_extra}
    none = [row for row in builtin if not any(row.labels)]
    hard = [row for row in none if by_text[row.text]["hard_negative"] == "1"]
    assert len(hard) >= len(none) / 2
    assert all(not any(row.labels) for row in builtin if by_text[row.text]["hard_negative"] == "1")


def test_builtin_data_spans_short_and_long_messages(builtin):
    lengths = [len(row.text.split()) for row in builtin]
    assert min(lengths) == 1
    assert sum(1 for n in lengths if n >= 80) >= 20


def word_set(text: str) -> frozenset[str]:
    """Word tokens, punctuation split off: "nothing to say to you." and "… Really nothing." compare by their words."""
    return frozenset(re.findall(r"\w+", text.lower()))


def test_builtin_data_has_no_near_duplicates(builtin):
    """No two rows with the same labels whose word sets have Jaccard similarity >= 0.8.

    Rows with different labels may share their words on purpose ("thanks babe" and
    "thanks 'babe' 🙄"): such contrast pairs teach what the marker does.
    """
    rows = sorted(((word_set(row.text), row.labels) for row in builtin if word_set(row.text)), key=lambda x: len(x[0]))
    offenders = []
    for i, (a, labels_a) in enumerate(rows):
        for b, labels_b in rows[i + 1 :]:
            if len(a) < 0.8 * len(b):
                break  # sorted by size: every later set is too big to reach 0.8
            if labels_a == labels_b and len(a & b) / len(a | b) >= 0.8:
                offenders.append((sorted(a), sorted(b)))
    assert offenders == []


def test_word_tokens_catch_what_whitespace_missed():
    first, second = word_set("I have nothing to say to you."), word_set("I have nothing to say to you. Really nothing.")
    assert len(first & second) / len(first | second) >= 0.8


def test_builtin_test_split_is_disjoint_and_about_15_percent(builtin):
    train = {row.text.strip().lower() for row in builtin if row.split == "train"}
    test = {row.text.strip().lower() for row in builtin if row.split == "test"}
    assert not train & test
    assert 0.13 <= len(test) / len(builtin) <= 0.17
    for i, label in enumerate(LABELS):
        assert sum(row.labels[i] for row in builtin if row.split == "test") >= 60, label


# ---- the real slices ----------------------------------------------------------------------

REAL = DATA.with_name("real-text.csv")
REDDIT = DATA.with_name("reddit-comments.csv")
REPLIES = DATA.with_name("replies-in-context.csv")


@pytest.mark.parametrize(
    "path, rows_at_least, share_range",
    [(REAL, 2265, (0.01, 0.03)), (REDDIT, 3500, (0.03, 0.07))],
    ids=["sms", "reddit"],
)
def test_real_text_keeps_its_natural_prevalence_in_both_splits(path, rows_at_least, share_range):
    rows = read_labelled(path, require_split=True)
    assert len(rows) >= rows_at_least
    for split in ("train", "test"):
        part = [row for row in rows if row.split == split]
        share = sum(any(row.labels) for row in part) / len(part)
        assert share_range[0] <= share <= share_range[1], split
    assert 0.35 <= sum(row.split == "test" for row in rows) / len(rows) <= 0.45


@pytest.mark.parametrize(
    "card, credits",
    [
        ("real-text.md", ["SMS Spam Collection", "Almeida", "CC BY 4.0"]),
        ("reddit-comments.md", ["GoEmotions", "Demszky", "Apache License 2.0"]),
    ],
)
def test_real_text_credits_its_source_and_licence(card, credits):
    text = DATA.with_name(card).read_text(encoding="utf-8")
    assert [credit for credit in credits + ["Changed from the original"] if credit not in text] == []


def test_reddit_comments_hold_no_quote_run_into_its_reply():
    """The source lost line breaks: a leading "> quote" cannot be told from the reply after it."""
    assert [row.text for row in read_labelled(REDDIT) if row.text.lstrip().startswith(">")] == []


def test_replies_carry_their_context_and_both_labellings():
    rows = read_labelled(REPLIES, require_split=True)
    assert len(rows) >= 400
    assert all(row.extra["context"].strip() for row in rows)
    in_context = [[int(row.extra[f"in_context_{label}"]) for label in LABELS] for row in rows]
    assert sum(labels[3] for labels in in_context) > sum(row.labels[3] for row in rows)  # curt replies are answers
    by_text = {}
    for row in rows:
        assert by_text.setdefault(row.text, row.split) == row.split  # one reply text, one split


def test_a_reply_may_repeat_with_another_context_but_not_with_the_same(tmp_path):
    path = tmp_path / "replies.csv"
    path.write_text(
        "context,text,criticism,contempt,defensiveness,stonewalling\n"
        "Dinner at 7?,ok.,0,0,0,0\nYou never help.,ok.,0,0,0,0\nDinner at 7?,ok.,0,0,0,0\n",
        encoding="utf-8",
    )
    _, problems, _ = find_problems(path)
    assert [str(problem) for problem in problems] == ["line 4: exact duplicate of line 2"]
