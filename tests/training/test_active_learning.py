"""`horsemen queue`: uncertain and diverse picks, a sheet ready to label, and a measurable gain."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from nlp.cli import app
from nlp.labels import LABELS
from nlp.training.data import read_builtin, read_user_rows
from nlp.training.queue import DIVERSITY, margins, select

from .conftest import read_rows

runner = CliRunner()
THRESHOLDS = np.array([0.5, 0.5, 0.5, 0.5, 0.5])
# The simulation: seed sets of SEED_SET rows, one batch of BATCH rows queued (or
# drawn at random) per seed set. On nine seed sets the queue's gain over random
# ranged from +0.013 to +0.061 macro-F1 (mean +0.043).
PATTERN_SHARE = 0.2
SEED_SET = 200
BATCH = 200
SEEDS = (0, 1)


def test_margin_follows_the_gate_and_counts_every_pattern():
    """Scores on their thresholds do not make a message uncertain when the gate keeps it unflagged anyway."""
    gated_off = [0.5, 0.5, 0.5, 0.5, 0.01]
    on_the_fence = [0.5, 0.5, 0.5, 0.5, 0.9]
    one_pattern_unsure = [0.5, 0.01, 0.01, 0.01, 0.9]
    confident = [0.99, 0.01, 0.01, 0.01, 0.99]
    found = margins(np.array([gated_off, on_the_fence, one_pattern_unsure, confident]), THRESHOLDS)
    assert found[1] == pytest.approx(0.0, abs=1e-9)
    assert found[1] < found[2] < found[3]
    assert found[0] == pytest.approx(found[3])  # log-odds of 0.01 either way: sure


def test_selection_prefers_unlike_messages_to_near_copies():
    copies = [["k", "."]] * 10
    distinct = [["you", "never", "call"], ["fine", "whatever"], ["i", "am", "done"], ["love", "you"]]
    features = copies + distinct
    # The copies sit right on the boundary; the distinct messages a little further away.
    probabilities = np.array([[0.5, 0.1, 0.1, 0.1, 0.6]] * 10 + [[0.6, 0.1, 0.1, 0.1, 0.6]] * 4)

    uncertain_only = select(probabilities, THRESHOLDS, features, 4, diversity=0.0)
    diverse = select(probabilities, THRESHOLDS, features, 4)

    assert all(i < 10 for i in uncertain_only)
    assert sum(i < 10 for i in diverse) == 1
    assert diverse[0] < 10  # the most uncertain message still comes first


@pytest.fixture
def chat(tmp_path):
    """A small chat export in the generic CSV format: time, sender, text."""
    known = read_builtin()[0].text
    lines = [
        ("2024-05-01T10:00:00", "Ann", "are you coming to dinner tonight?"),
        ("2024-05-01T10:01:00", "Bob", "k."),
        ("2024-05-01T10:02:00", "Ann", "you never tell me anything"),
        ("2024-05-01T10:03:00", "Bob", "well you never ask, so"),
        ("2024-05-01T10:04:00", "Ann", "whatever"),
        ("2024-05-01T10:05:00", "Bob", "k."),  # same text again: queued once at most
        ("2024-05-01T10:06:00", "Ann", known),  # already labelled in the built-in data: never queued
        ("2024-05-01T10:07:00", "Bob", "sorry, you're right, I should have said"),
        ("2024-05-01T10:08:00", "Ann", "thanks. love you"),
        ("2024-05-01T10:09:00", "Bob", "wow, genius move as usual 🙄"),
    ]
    path = tmp_path / "chat.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["timestamp", "sender", "text"])
        writer.writerows(lines)
    return path, known, lines


def test_queue_writes_a_sheet_ready_to_label(home, small_model, chat, tmp_path):
    path, known, lines = chat
    sheet = tmp_path / "to_label.csv"

    result = runner.invoke(app, ["queue", str(path), "--top", "4", "--out", str(sheet), "--model", str(small_model)])

    assert result.exit_code == 0, result.output
    rows = read_rows(sheet)
    assert len(rows) == 4
    assert list(rows[0])[:6] == ["rank", "text", "sender", "time", "context_before", "context_after"]
    assert all(row[label] == "" for row in rows for label in LABELS)
    assert all(0 <= float(row["score_criticism"]) <= 1 and row["margin"] for row in rows)
    texts = [row["text"] for row in rows]
    assert known not in texts and len(set(texts)) == 4
    for row in rows:  # each row's neighbours are the two messages before it and the one after it in the chat
        i = next(i for i, line in enumerate(lines) if line[2] == row["text"])
        assert row["context_before"] == "\n".join(f"{sender}: {text}" for _, sender, text in lines[max(0, i - 2) : i])
        assert row["context_after"] == "\n".join(f"{sender}: {text}" for _, sender, text in lines[i + 1 : i + 2])
    assert "horsemen train" in result.stdout

    # Label two rows, leave the rest blank: training reads exactly those two.
    for row, labels in zip(rows, (("1", "0", "0", "0"), ("0", "0", "0", "0"))):
        row.update(zip(LABELS, labels))
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    labelled, skipped = read_user_rows(sheet)
    assert [row.text for row in labelled] == texts[:2] and skipped == 2

    again = runner.invoke(app, ["queue", str(path), "--out", str(sheet), "--model", str(small_model)])
    assert again.exit_code == 2
    assert "already exists" in again.stderr


def test_queue_reads_generic_columns_and_dates_as_analyze_does(home, small_model, tmp_path):
    """--text-col, --time-col and --date-order mean what they mean for `horsemen analyze`."""

    def queued_times(path, *options):
        sheet = tmp_path / f"sheet-{len(list(tmp_path.iterdir()))}.csv"
        result = runner.invoke(app, ["queue", str(path), *options, "--out", str(sheet), "--model", str(small_model)])
        assert result.exit_code == 0, result.output
        return {row["time"][:10] for row in read_rows(sheet)}

    generic = tmp_path / "sms.csv"
    generic.write_text("when_sent,body\n2024-04-03T10:00:00,you never tell me anything\n2024-04-03T10:01:00,k.\n", encoding="utf-8")
    assert queued_times(generic, "--format", "csv", "--text-col", "body") == {""}
    assert queued_times(generic, "--format", "csv", "--text-col", "body", "--time-col", "when_sent") == {"2024-04-03"}

    whatsapp = tmp_path / "chat.txt"
    whatsapp.write_text("03/04/2024, 10:00 - Ann: you never tell me anything\n03/04/2024, 10:01 - Bob: k.\n", encoding="utf-8")
    assert queued_times(whatsapp, "--date-order", "dayfirst") == {"2024-04-03"}
    assert queued_times(whatsapp, "--date-order", "monthfirst") == {"2024-03-04"}


def test_the_sheet_cannot_run_formulas_and_training_reads_the_texts_back_as_written(home, small_model, tmp_path):
    export = tmp_path / "chat.csv"
    texts = ["=1+2", "@everyone you never listen", "-_- whatever", "+1 fine by me"]
    export.write_text("text,sender\n" + "".join(f"{text},=cmd|' /C calc'!A0\n" for text in texts), encoding="utf-8")
    sheet = tmp_path / "to_label.csv"
    result = runner.invoke(app, ["queue", str(export), "--out", str(sheet), "--model", str(small_model)])
    assert result.exit_code == 0, result.output
    rows = read_rows(sheet)
    assert sorted(row["text"] for row in rows) == sorted("'" + text for text in texts)
    assert {row["sender"] for row in rows} == {"'=cmd|' /C calc'!A0"}
    for row in rows:
        row.update(zip(LABELS, ("0", "0", "0", "0")))
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    labelled, _ = read_user_rows(sheet)
    assert sorted(row.text for row in labelled) == sorted(texts)


def test_queue_of_a_missing_export_is_exit_2(home, tmp_path):
    result = runner.invoke(app, ["queue", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "q.csv")])
    assert result.exit_code == 2
    assert "nope.txt" in result.stderr


@pytest.mark.slow
def test_labelling_the_queue_teaches_more_than_labelling_random_rows():
    """benchmarks/bench_active_learning.py in small: a seed set, a hidden pool, the test split.

    The pool is chat-like (80% of rows without a pattern, see the benchmark's
    docstring). For each seed set the model trained on it queues a batch; the
    batch's labels are revealed and the model retrained. The same number of
    random pool rows, added to the same seed set, is the baseline.
    """
    from threadpoolctl import threadpool_limits

    from nlp.training.data import label_matrix
    from nlp.training.estimator import featurize

    bench = _load_benchmark()
    rows = read_builtin()
    pool = bench.with_pattern_share([row for row in rows if row.split == "train"], PATTERN_SHARE)
    test = [row for row in rows if row.split == "test"]
    data = (featurize([r.text for r in pool]), label_matrix(pool), featurize([r.text for r in test]), label_matrix(test))

    queued, random = [], []
    with threadpool_limits(limits=1, user_api="blas"):
        for seed in SEEDS:
            before, after = bench.simulate(*data, SEED_SET, BATCH, 1, seed, DIVERSITY)
            queued.append(after - before)
            before, after = bench.simulate(*data, SEED_SET, BATCH, 1, seed, None)
            random.append(after - before)
    assert np.mean(queued) > np.mean(random), (queued, random)


def _load_benchmark():
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_active_learning.py"
    spec = importlib.util.spec_from_file_location("bench_active_learning", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
