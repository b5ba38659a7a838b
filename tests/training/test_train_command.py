"""`horsemen train`: learn from all your data, compare on rows neither model learnt from, switch only to a model no worse."""

from __future__ import annotations

import csv
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nlp.cli import app
from nlp.labels import LABELS
from nlp.store import META_FILE

from .conftest import install, read_rows, write_labelled

runner = CliRunner()
DATA = Path(__file__).resolve().parents[2] / "data" / "messages.csv"


def run(*args):
    return runner.invoke(app, [str(arg) for arg in args])


def listed(home) -> dict:
    return {entry["name"]: entry for entry in json.loads(run("models", "list", "--json").stdout)}


def test_a_worse_model_is_kept_aside_unless_forced_and_both_are_scored_on_the_same_rows(home, small_model, tiny_csv, store):
    install(small_model, home, "good")
    store.use("good")

    refused = run("train", tiny_csv, "--no-base", "--name", "weaker")

    assert refused.exit_code == 1, refused.output
    assert store.active_name() == "good"
    assert (home / "weaker" / META_FILE).is_file()  # kept as a version, not used
    out = " ".join(refused.stdout.split())
    assert "good (now) -> new" in out and "yours, per pattern" in out and " WORSE " in out
    assert "Refused (worse than good on yours" in out
    assert "tiny.csv was not added to your data" in out
    assert "horsemen models use weaker --force" in out
    assert "Rows of yours the new model ranks worse than good does" in out
    assert listed(home)["weaker"]["status"] == "refused"
    assert run("data", "list", "--json").stdout.strip() == "[]"
    refused_use = run("models", "use", "weaker")
    assert refused_use.exit_code == 2 and "was refused when it was trained" in refused_use.stderr

    forced = run("train", tiny_csv, "--no-base", "--name", "forced", "--force", "--json")

    assert forced.exit_code == 0, forced.output
    summary = json.loads(forced.stdout)
    assert summary["active"] is True and summary["refused"] is False
    comparison = summary["comparison"]
    assert comparison["current_model"] == "good" and comparison["worse_on"] == ["yours"]
    yours = comparison["slices"]["yours"]
    assert yours["average_precision_drop"] > comparison["tolerance"]
    assert yours["share_of_resamples_worse"] >= comparison["confidence"]
    assert yours["pulled_down"][0]["placement_fall"] >= yours["pulled_down"][-1]["placement_fall"] > 0
    assert store.active_name() == "forced"
    assert listed(home)["forced"]["status"] == "ready"
    assert summary["added"]["id"] == 1  # a forced model is in use, so its CSV joins your data

    # Both models were scored on exactly the rows `evaluate --split test` scores.
    evaluated = json.loads(run("evaluate", tiny_csv, "--model", home / "good", "--split", "test", "--json").stdout)
    assert yours["current"] == {key: evaluated[key] for key in yours["current"]}
    assert yours["n"] == evaluated["n"] == summary["data"]["heldout_rows"]
    assert yours["new"] == {key: value for key, value in summary["metrics"]["test"].items() if key != "slices"}


def test_a_better_model_replaces_the_current_one_and_your_label_wins_and_is_reported(home, small_base, tiny_model, tmp_path, store):
    install(tiny_model, home, "weak")
    store.use("weak")
    base = read_rows(small_base)
    disagree = {"text": base[4]["text"], **{label: "0" for label in LABELS}, "stonewalling": "1"}
    assert [base[4][label] for label in LABELS] != ["0", "0", "0", "1"]
    repeat = {"text": base[5]["text"], **{label: base[5][label] for label in LABELS}}
    mine = write_labelled(tmp_path / "mine.csv", [repeat, disagree])

    result = run("train", mine, "--name", "better")

    assert result.exit_code == 0, result.output
    assert store.active_name() == "better"
    out = " ".join(result.stdout.split())
    assert "1 of your row(s) repeat an earlier row with the same labels; the copies were dropped: mine.csv line 2 over built-in written line 7" in out
    assert "1 of your row(s) relabel an earlier row; your later labels are used: mine.csv line 3 over built-in written line 6: " in out
    assert "Saved as better and now in use. mine.csv is now #1 in your data (`horsemen data remove 1` undoes it)." in out
    assert "To go back: horsemen models use weak" in out
    import nlp

    assert nlp.load().model.path == home / "better"


def test_two_csvs_trained_one_after_the_other_both_keep_their_fixes(home, small_base, small_model, tmp_path, store):
    """Each CSV teaches a word the data never had; after the second training the model still knows the first.

    The other words are made up too, so neither CSV changes how the model scores the built-in test rows.
    """
    install(small_model, home, "start")
    store.use("start")
    first = write_labelled(
        tmp_path / "first.csv", [{"text": f"zorblat {word}", **NONE, "contempt": "1"} for word in MADE_UP]
    )
    second = write_labelled(
        tmp_path / "second.csv", [{"text": f"{word} quibbix", **NONE, "stonewalling": "1"} for word in MADE_UP]
    )

    assert run("train", first, "--name", "one").exit_code == 0
    result = run("train", second, "--name", "two", "--json")

    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert [(s["path"], s["contribution"]) for s in summary["data"]["sources"][1:]] == [(str(first), 1), (str(second), None)]
    assert summary["added"]["id"] == 2
    assert [entry["source"] for entry in json.loads(run("data", "list", "--json").stdout)] == [str(first), str(second)]
    taught = {"zorblat wugwug": "contempt", "wugwug quibbix": "stonewalling"}  # by the first CSV, by the second
    for text, pattern in taught.items():
        now = json.loads(run("check", text, "--json").stdout)["patterns"]
        before = json.loads(run("check", text, "--json", "--model", home / "start").stdout)["patterns"]
        # The small start model may already lean a made-up two-word message towards stonewalling:
        # what was taught shows as a large rise in that pattern's score, ending flagged.
        assert now[pattern]["flagged"] and now[pattern]["score"] >= before[pattern]["score"] + 0.2, (text, before, now)


NONE = {label: "0" for label in LABELS}
MADE_UP = [first + second + "x" for first in ("ka", "lo", "mi", "nu", "pe", "ri") for second in ("so", "tu", "va", "we")]


def test_a_row_the_current_model_was_fitted_on_is_left_out_of_the_comparison(home, small_base, small_model, tmp_path, store):
    install(small_model, home, "current")
    store.use("current")
    fitted = [row for row in read_rows(small_base) if row["split"] == "train"][:5]  # small_model was fitted on these
    relabelled = [{**row, "stonewalling": "0" if row["stonewalling"] == "1" else "1", "split": "test"} for row in fitted]
    held = write_labelled(tmp_path / "held.csv", relabelled, columns=("text", *LABELS, "split"))

    result = run("train", held, "--name", "next")

    assert "yours: not compared: all 5 held-out rows left out (current was trained on them)." in " ".join(result.stdout.split())
    summary = json.loads(run("train", held, "--name", "again", "--out", tmp_path / "again", "--json").stdout)
    assert summary["comparison"]["slices_skipped"] == {} and summary["comparison"]["slices"]["yours"]["n"] == 5


def test_out_never_overwrites_a_better_model(home, small_model, tiny_csv, tmp_path):
    mine = install(small_model, tmp_path, "mine")
    before = (mine / META_FILE).read_text()

    result = run("train", tiny_csv, "--no-base", "--out", mine)

    assert result.exit_code == 1
    assert "Refused (worse than " in result.stdout and f"the model in {mine} is kept" in " ".join(result.stdout.split())
    assert (mine / META_FILE).read_text() == before
    assert not (home / "active.json").exists()
    assert run("data", "list", "--json").stdout.strip() == "[]"


def test_out_refuses_a_folder_that_is_not_a_model(home, small_csv, tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("keep me")

    result = run("train", small_csv, "--no-base", "--out", folder)

    assert result.exit_code == 2
    assert "is not a model directory" in result.stderr
    assert (folder / "letter.txt").read_text() == "keep me"


def test_train_with_nothing_to_learn_from_is_exit_2(home):
    result = run("train")
    assert result.exit_code == 2
    assert "nothing to learn from" in result.stderr
    assert [path.name for path in home.iterdir()] in ([], [".lock"])  # at most the home's (empty) lock file


def test_an_existing_version_name_is_refused_before_training(home, small_model, small_csv):
    install(small_model, home, "taken")
    result = run("train", small_csv, "--no-base", "--name", "taken")
    assert result.exit_code == 2
    assert "already exists" in result.stderr


def test_train_and_evaluate_list_the_same_problems_for_the_same_broken_file(home, small_model, tmp_path):
    broken = tmp_path / "broken.csv"
    broken.write_text(
        "text,criticism,contempt,defensiveness,stonewalling,split\n"
        "you never listen,1,0,0,0,train\n"
        "you never listen,1,0,0,0,train\n"  # line 3 repeats line 2
        "fine,0,0,0,1,train\n"
        "fine,0,1,0,0,train\n"  # line 5: same text as line 4, other labels
        "   ,0,0,0,0,train\n"
        "ok then,0,yes,0,0,train\n"
        "not labelled yet,,,,,\n"  # skipped by both: a queue sheet's untouched row
        "late again,0,0,0,0,dev\n"
        "one too many,0,0,0,0,train,extra\n",
        encoding="utf-8",
    )

    trained = run("train", broken, "--name", "never")
    evaluated = run("evaluate", broken, "--model", small_model)

    assert trained.exit_code == evaluated.exit_code == 2
    problems = [line.strip() for line in trained.stderr.splitlines()[1:]]
    assert problems == [line.strip() for line in evaluated.stderr.splitlines()[1:]]
    assert problems == [
        "line 6: empty text",
        "line 7: contempt must be 0 or 1, got 'yes'",
        "line 9: split must be one of train, test, got 'dev'",
        "line 10: 1 value(s) more than the header has columns",
        "line 3: exact duplicate of line 2",
        "line 5: same text as line 4 but different labels",
    ]
    assert "8 problem(s)" not in trained.stderr and "6 problem(s)" in trained.stderr
    assert not (home / "never").exists()


@pytest.mark.slow
def test_relabelled_criticism_is_refused_by_default_and_accepted_with_force(home, default_store, tmp_path, store):
    """The issue's scenario on the real built-in data: 60 criticism training rows relabelled as stonewalling only."""
    install(default_store.default_path, home, "default")
    with DATA.open(encoding="utf-8", newline="") as handle:
        criticism = [row for row in csv.DictReader(handle) if row["split"] == "train" and row["criticism"] == "1"][:60]
    relabelled = write_labelled(
        tmp_path / "relabelled.csv", [{"text": row["text"], **{label: "0" for label in LABELS}, "stonewalling": "1"} for row in criticism]
    )

    refused = run("train", relabelled, "--name", "relabelled", "--json")

    assert refused.exit_code == 1, refused.output
    summary = json.loads(refused.stdout)
    assert summary["refused"] is True and store.active_name() == "default"
    assert "written" in summary["comparison"]["worse_on"]
    written = summary["comparison"]["slices"]["written"]
    assert written["new_average_precision"]["criticism"] < written["current_average_precision"]["criticism"]
    assert any("criticism" in row["labels"] for row in written["pulled_down"])
    assert len(summary["data"]["your_rows_over_earlier_rows"]) == 60  # each relabelling is reported
    assert summary["data"]["your_heldout_rows"] == 0  # built-in training texts are fitted, never held out
    assert listed(home)["relabelled"]["status"] == "refused"
    assert summary["added"] is None and run("data", "list", "--json").stdout.strip() == "[]"

    forced = run("train", relabelled, "--name", "forced", "--force")

    assert forced.exit_code == 0, forced.output
    assert store.active_name() == "forced"
    assert "now in use (forced: worse on written)" in " ".join(forced.stdout.split())
    (entry,) = json.loads(run("data", "list", "--json").stdout)
    assert (entry["id"], entry["rows"], entry["relabels"]) == (1, 60, 60)


def test_without_a_slice_to_compare_on_a_model_replaces_only_nothing(home, small_csv, tmp_path, store):
    """Held-out rows that show no pattern cannot rank anything: fine for a first model, not to replace one."""
    rows = read_rows(small_csv)
    benign_heldout = [row for row in rows if row["split"] == "train" or not any(row[label] == "1" for label in LABELS)]
    mine = write_labelled(tmp_path / "mine.csv", benign_heldout, columns=list(rows[0]))

    first = run("train", mine, "--no-base", "--name", "first")

    assert first.exit_code == 0, first.output  # the built-in model was never built here: nothing to replace
    assert "yours: not compared: none of its" in " ".join(first.stdout.split())
    assert store.active_name() == "first"

    second = run("train", "--no-base", "--name", "second")

    assert second.exit_code == 1, second.output
    assert "Refused (no held-out slice could be compared (yours: none of its" in " ".join(second.stdout.split())
    assert store.active_name() == "first"


def run_bounded(*args, env=None):
    """The CLI in a child process capped at 2 GB and 60 s: before the fix, /dev/zero grew to 10 GB and a FIFO hung."""

    def cap_memory():
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    return subprocess.run(
        [sys.executable, "-m", "nlp", *map(str, args)], capture_output=True, text=True, timeout=60,
        preexec_fn=cap_memory, env={**os.environ, **(env or {})},
    )


def test_a_device_or_a_fifo_given_as_the_csv_is_refused_before_it_is_read(home, tmp_path):
    result = run_bounded("train", "/dev/zero", env={"HORSEMEN_HOME": str(home)})
    assert result.returncode == 2
    assert result.stderr.strip() == "horsemen: error: /dev/zero: is a device, not a file; give a labelled CSV file"
    fifo = tmp_path / "labels.csv"
    os.mkfifo(fifo)
    result = run_bounded("evaluate", fifo)
    assert result.returncode == 2
    assert result.stderr.strip().endswith("is a named pipe (FIFO), not a file; give a labelled CSV file")


def test_a_csv_field_longer_than_the_csv_module_allows_trains_and_evaluates(home, small_csv, tmp_path):
    rows = read_rows(small_csv)
    long = {**rows[1], "text": "you never listen " * 10_000}  # 170,000 characters, over the csv default of 131,072
    labelled = write_labelled(tmp_path / "long.csv", [*rows, long], columns=list(rows[0]))
    result = run("train", labelled, "--no-base", "--out", tmp_path / "model", "--json")
    assert result.exit_code == 0, result.output
    result = run("evaluate", labelled, "--model", tmp_path / "model", "--include-training-rows", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["n"] == len(rows) + 1


@pytest.mark.slow
def test_two_trainings_at_once_both_keep_their_model(home, small_csv):
    """Both used to exit 0 with the same version name, and one model was silently lost."""
    command = [sys.executable, "-m", "nlp", "train", str(small_csv), "--no-base", "--force", "--json"]
    env = {**os.environ, "HORSEMEN_HOME": str(home)}
    children = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(2)]
    outputs = [child.communicate(timeout=600) for child in children]
    assert [child.returncode for child in children] == [0, 0], [err[-2000:] for _, err in outputs]
    names = {json.loads(out)["name"] for out, _ in outputs}
    assert len(names) == 2
    assert all((home / name / META_FILE).is_file() for name in names)
    listed = json.loads(run("models", "list", "--json").stdout)
    assert {version["name"] for version in listed if version["status"] == "ready"} >= names
