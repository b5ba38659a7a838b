"""End-to-end CLI behaviour through typer's CliRunner (and one real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from nlp.cli import app

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_cli_check_json_has_the_documented_keys():
    result = run("check", "--json", "You never listen to me")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["flagged"] is True
    assert data["patterns"]["criticism"]["flagged"] is True
    assert {"text", "flagged", "patterns", "cues"} <= set(data)


def test_cli_check_readable_output_names_the_words():
    """The words are the highlights, as the page shows them: neighbouring cues of one pattern joined."""
    result = run("check", "whatever. I'm done")
    assert result.exit_code == 0
    assert "stonewalling" in result.stdout
    assert '"whatever. I\'m done"' in result.stdout


def test_cli_check_reads_stdin():
    result = run("check", "--json", "-", input="you're such an idiot")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["patterns"]["contempt"]["flagged"]


@pytest.mark.parametrize(
    "piped, text", [("draft\n", "draft"), ("draft\r\n", "draft"), ("draft\n\n", "draft\n"), ("draft", "draft")]
)
def test_cli_check_strips_one_final_newline_from_stdin(piped, text):
    """`echo "draft" | horsemen check -` checks "draft"; the offsets point into the text it prints."""
    data = json.loads(run("check", "--json", "-", input=piped).stdout)
    assert data["text"] == text


def test_cli_check_stdin_offsets_fit_the_stripped_text():
    data = json.loads(run("check", "--json", "-", input="whatever. I'm done\n").stdout)
    assert data["text"] == "whatever. I'm done"
    assert all(data["text"][h["start"] : h["end"]] == h["text"] for h in data["highlights"] + data["cues"])
    readable = run("check", "-", input="whatever. I'm done\n").stdout
    assert readable.startswith("whatever. I'm done\npattern")


def test_cli_check_rejects_invalid_utf8_on_stdin():
    result = run("check", "-", input=b"caf\xe9 \xff")
    assert result.exit_code == 2
    assert "not valid UTF-8" in result.stderr
    assert "Traceback" not in result.output


def test_cli_check_fail_on_flag_sets_the_exit_code():
    assert run("check", "--fail-on-flag", "You never help").exit_code == 1
    assert run("check", "--fail-on-flag", "thanks for dinner, love you").exit_code == 0


def test_cli_check_missing_model_is_exit_2(tmp_path):
    result = run("check", "--model", str(tmp_path / "nope"), "hello")
    assert result.exit_code == 2
    assert "no model directory" in result.stderr


def test_cli_train_then_evaluate(small_csv, tmp_path):
    out = tmp_path / "model"
    trained = run("train", str(small_csv), "--out", str(out), "--no-base", "--json")
    assert trained.exit_code == 0, trained.output
    assert json.loads(trained.stdout)["metrics"]["cv"]["n"] > 0
    evaluated = run("evaluate", str(small_csv), "--model", str(out), "--split", "test", "--json")
    assert evaluated.exit_code == 0, evaluated.output
    report = json.loads(evaluated.stdout)
    assert set(report) >= {"n", "macro_f1", "any_f1", "labels"}
    assert set(report["labels"]["criticism"]) == {"precision", "recall", "f1", "support"}


def test_cli_train_bad_csv_lists_problems_with_lines(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("text,criticism,contempt,defensiveness,stonewalling\nhi,0,0,0,5\n,0,0,0,0\n")
    result = run("train", str(bad), "--out", str(tmp_path / "m"))
    assert result.exit_code == 2
    assert "line 2: stonewalling must be 0 or 1" in result.stderr
    assert "line 3: empty text" in result.stderr
    assert not (tmp_path / "m").exists()


def test_cli_train_missing_columns_is_exit_2(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("message,label\nhi,1\n")
    result = run("train", str(bad))
    assert result.exit_code == 2
    assert "missing column(s) text" in result.stderr


def test_cli_evaluate_works_without_split_column(small_model, tmp_path):
    csv_path = tmp_path / "mine.csv"
    csv_path.write_text(
        "text,criticism,contempt,defensiveness,stonewalling\n"
        "you never help,1,0,0,0\nthanks so much,0,0,0,0\nwhatever.,0,0,0,1\n"
    )
    result = run("evaluate", str(csv_path), "--model", str(small_model), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["n"] == 3


@pytest.mark.parametrize("args", [["check"], ["feedback"], ["queue"]])
def test_cli_missing_arguments_are_usage_errors(args):
    assert run(*args).exit_code == 2


@pytest.mark.slow
def test_cli_runs_as_a_real_process():
    completed = subprocess.run(
        [sys.executable, "-m", "nlp", "check", "--json", "whatever, I'm done talking"], capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["patterns"]["stonewalling"]["flagged"]


def test_cli_evaluate_without_a_csv_reports_each_built_in_slice():
    result = run("evaluate", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["sensitivity"] == "normal" and report["split"] == "test"
    real = report["slices"]["real"]
    assert real["real"] is True and real["false_alarms"]["benign"] > 800
    assert {"tp", "fp", "fn"} == set(real["any_counts"])
    assert "replies-in-context" in report["slices"] and "alone" in report["slices"]["replies-in-context"]
    readable = run("evaluate")
    assert readable.exit_code == 0 and "false alarms:" in readable.stdout and "real messages" in readable.stdout


def test_cli_sensitivity_is_checked():
    assert run("check", "--sensitivity", "high", "You never help").exit_code == 0
    bad = run("check", "--sensitivity", "loud", "You never help")
    assert bad.exit_code == 2 and "loud" in bad.output
