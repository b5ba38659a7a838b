"""`horsemen train`: compare on the same held-out rows, switch only to a model that is no worse."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from nlp.cli import app
from nlp.labels import LABELS
from nlp.store import META_FILE

from .conftest import install, read_rows, write_labelled

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(arg) for arg in args])


def test_a_worse_model_is_kept_aside_unless_forced_and_both_are_scored_on_the_same_rows(home, small_model, tiny_csv, store):
    install(small_model, home, "good")
    store.use("good")

    refused = run("train", tiny_csv, "--no-base", "--name", "weaker")

    assert refused.exit_code == 1, refused.output
    assert store.active_name() == "good"
    assert (home / "weaker" / META_FILE).is_file()  # kept as a version, not used
    assert "current P R F1" in refused.stdout and "new P R F1" in refused.stdout
    assert "Not switched to the new model" in refused.stdout
    assert "horsemen models use weaker" in refused.stdout

    forced = run("train", tiny_csv, "--no-base", "--name", "forced", "--force", "--json")

    assert forced.exit_code == 0, forced.output
    summary = json.loads(forced.stdout)
    assert summary["active"] is True and summary["refused"] is False
    assert summary["comparison"]["current_model"] == "good"
    assert summary["comparison"]["macro_f1_change"] < -0.01
    assert store.active_name() == "forced"

    # Both models were scored on exactly the rows `evaluate --split test` scores.
    evaluated = json.loads(run("evaluate", tiny_csv, "--model", home / "good", "--split", "test", "--json").stdout)
    current, new = summary["comparison"]["current"], summary["comparison"]["new"]
    assert current == {key: evaluated[key] for key in current}
    assert new["n"] == evaluated["n"] == summary["data"]["heldout_rows"]
    assert new == {key: value for key, value in summary["metrics"]["test"].items() if key != "slices"}


def test_a_better_model_replaces_the_current_one_and_conflicts_are_reported(home, small_base, tiny_model, tmp_path, store):
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
    assert "1 row(s) repeat an earlier row with the same labels" in out
    assert "mine.csv line 3 over built-in line 6:" in out
    assert "Saved as better and now in use" in out
    assert "To go back: horsemen models use weak" in out
    import nlp

    assert nlp.load().model.path == home / "better"


def test_out_never_overwrites_a_better_model(home, small_model, tiny_csv, tmp_path):
    mine = install(small_model, tmp_path, "mine")
    before = (mine / META_FILE).read_text()

    result = run("train", tiny_csv, "--no-base", "--out", mine)

    assert result.exit_code == 1
    assert "Not written" in result.stdout
    assert (mine / META_FILE).read_text() == before
    assert not (home / "active.json").exists()


def test_out_refuses_a_folder_that_is_not_a_model(home, small_csv, tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("keep me")

    result = run("train", small_csv, "--no-base", "--out", folder)

    assert result.exit_code == 2
    assert "is not a model directory" in result.stderr
    assert (folder / "letter.txt").read_text() == "keep me"


def test_train_without_a_csv_or_feedback_is_exit_2(home):
    result = run("train")
    assert result.exit_code == 2
    assert "nothing new to learn from" in result.stderr
    assert list(home.iterdir()) == []


def test_an_existing_version_name_is_refused_before_training(home, small_model, small_csv):
    install(small_model, home, "taken")
    result = run("train", small_csv, "--no-base", "--name", "taken")
    assert result.exit_code == 2
    assert "already exists" in result.stderr


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
    result = run("evaluate", labelled, "--model", tmp_path / "model", "--json")
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
