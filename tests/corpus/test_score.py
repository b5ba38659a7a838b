"""`horsemen score`: tables in, scored Parquet out; bad rows accounted for; the same results locally and on Dask."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from nlp.cli import app
from nlp.corpus.score import PROBLEMS, score_file, score_frame
from nlp.errors import DataError
from nlp.labels import LABELS

pyarrow = pytest.importorskip("pyarrow")

TEXTS = [
    "You never help with the dishes",
    "ok see you at 6",
    "whatever, I'm done talking",
    "Wow, congrats on the new job!",
    "oh great, another excuse 🙄",
    "it was not my fault, you told me the wrong time",
    "can you grab milk on the way home?",
    "",
]
runner = CliRunner()


def write_inputs(folder: Path) -> dict[str, Path]:
    """The same rows as CSV, JSON Lines and Parquet, with an id column and a few rows that cannot be scored."""
    rows = [{"id": f"m{i}", "text": text} for i, text in enumerate(TEXTS)]
    paths = {"csv": folder / "in.csv", "jsonl": folder / "in.jsonl", "parquet": folder / "in.parquet"}
    with paths["csv"].open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "text"])
        writer.writeheader()
        writer.writerows(rows)
    lines = [json.dumps(row) for row in rows] + ['{"id": "m8", "text": 5}', "{not json", '["a", "list"]', '{"id": "m11"}']
    paths["jsonl"].write_text("\n".join(lines) + "\n", encoding="utf-8")
    pd.DataFrame(rows).to_parquet(paths["parquet"], index=False)
    return paths


def read_scores(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out).sort_values("row").reset_index(drop=True)


def expected(analyzer) -> list[dict]:
    return [analysis.to_dict() for analysis in analyzer.analyze_many(TEXTS, suggest=False)]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_every_format_gives_the_scores_analyze_many_gives(analyzer, tmp_path, fmt):
    source = write_inputs(tmp_path)[fmt]
    summary = score_file(source, tmp_path / "out", analyzer, text_col="text", id_cols=("id",), chunk_rows=3)
    scores = read_scores(tmp_path / "out")
    # CSV reads an empty cell as no text; JSON Lines and Parquet keep "" as a (blank) message.
    scored_texts = [i for i, text in enumerate(TEXTS) if text or fmt != "csv"]
    assert scores["row"].tolist() == scored_texts
    assert scores["id"].tolist() == [f"m{i}" for i in scored_texts]
    for i, row in zip(scored_texts, scores.to_dict("records")):
        want = expected(analyzer)[i]
        for label in LABELS:
            assert row[label] == pytest.approx(want["patterns"][label]["score"], abs=1e-4)
            assert row[f"{label}_flagged"] == want["patterns"][label]["flagged"]
        assert [(c["start"], c["end"], c["rule"]) for c in row["cues"]] == [(c["start"], c["end"], c["rule"]) for c in want["cues"]]
    assert summary.rows == summary.scored + summary.problems
    assert summary.parts >= 2  # chunk_rows=3: flat memory, several parts


def test_bad_rows_are_counted_and_listed_never_dropped(analyzer, tmp_path):
    source = write_inputs(tmp_path)["jsonl"]
    summary = score_file(source, tmp_path / "out", analyzer, text_col="text", id_cols=("id",))
    problems = list(csv.DictReader((tmp_path / "out" / PROBLEMS).open(encoding="utf-8")))
    assert [(int(p["row"]), p["reason"]) for p in problems] == [
        (8, "text is a number, not a string"),
        (9, "not valid JSON"),
        (10, "a JSON list, not an object"),
        (11, "no text"),
    ]
    assert (summary.rows, summary.scored, summary.problems) == (12, 8, 4)
    assert sorted(read_scores(tmp_path / "out")["row"].tolist() + [int(p["row"]) for p in problems]) == list(range(12))


def test_suggest_adds_a_rewrite_for_flagged_rows(analyzer, tmp_path):
    source = write_inputs(tmp_path)["parquet"]
    score_file(source, tmp_path / "out", analyzer, text_col="text", suggest=True)
    scores = read_scores(tmp_path / "out")
    assert scores.loc[0, "rewrite"] == analyzer.analyze(TEXTS[0]).rewrite
    assert pd.isna(scores.loc[1, "rewrite"])


def test_user_mistakes_are_clear_errors_before_any_work(analyzer, tmp_path):
    paths = write_inputs(tmp_path)
    with pytest.raises(DataError, match="no column 'body'"):
        score_file(paths["csv"], tmp_path / "out", analyzer, text_col="body")
    with pytest.raises(DataError, match="no column 'key'"):
        score_file(paths["jsonl"], tmp_path / "out", analyzer, text_col="text", id_cols=("key",))
    (tmp_path / "in.txt").write_text("text\nhello\n")
    with pytest.raises(DataError, match="cannot tell the format"):
        score_file(tmp_path / "in.txt", tmp_path / "out", analyzer, text_col="text")
    with pytest.raises(DataError, match="not a readable Parquet"):
        score_file(paths["csv"], tmp_path / "out", analyzer, text_col="text", format="parquet")
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    with pytest.raises(DataError, match="holds other files"):
        score_file(paths["csv"], tmp_path / "taken", analyzer, text_col="text")
    assert not (tmp_path / "out").exists()


def test_score_frame_on_pandas(analyzer):
    data = pd.DataFrame({"comment": TEXTS[:3] + [None], "thread": [1, 1, 2, 2]})
    scored = score_frame(data, "comment", analyzer, id_cols=("thread",))
    assert scored.scores["row"].tolist() == [0, 1, 2] and scored.scores["thread"].tolist() == [1, 1, 2]
    assert scored.scores["criticism_flagged"].tolist()[0] is True
    assert scored.problems.to_dict("records") == [{"row": 3, "reason": "no text"}]


def test_the_cli_writes_scores_and_a_summary(analyzer, tmp_path, monkeypatch):
    monkeypatch.setattr("nlp.commands.score.load_analyzer", lambda model, sensitivity=None: analyzer)
    source = write_inputs(tmp_path)["jsonl"]
    result = runner.invoke(app, ["score", str(source), "--text-col", "text", "--id-col", "id", "--out", str(tmp_path / "out"), "--json", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) | {"out": None} == {"out": None, "rows": 12, "scored": 8, "flagged": 4, "problems": 4, "parts": 1}
    missing = runner.invoke(app, ["score", str(tmp_path / "nope.csv"), "--text-col", "text", "--out", str(tmp_path / "o2")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr


@pytest.mark.slow
def test_a_local_dask_cluster_gives_identical_results(analyzer, tmp_path):
    distributed = pytest.importorskip("distributed")
    from nlp.corpus.score import score_with_dask

    rows = [{"id": f"r{i}", "text": text} for i, text in enumerate(TEXTS * 40)]
    source = tmp_path / "big.csv"
    pd.DataFrame(rows).to_csv(source, index=False)
    score_file(source, tmp_path / "local", analyzer, text_col="text", id_cols=("id",), chunk_rows=50)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        summary = score_with_dask(
            source, tmp_path / "dask", client, analyzer.model.path, text_col="text", id_cols=("id",), blocksize="2KB"
        )
        lazily = score_frame(
            __import__("dask.dataframe", fromlist=["from_pandas"]).from_pandas(pd.DataFrame(rows), npartitions=3),
            "text", analyzer, id_cols=("id",),
        ).compute()
    assert summary.parts > 1  # really partitioned
    local, on_dask = read_scores(tmp_path / "local"), read_scores(tmp_path / "dask")
    pd.testing.assert_frame_equal(local, on_dask, check_dtype=False)
    assert (tmp_path / "local" / PROBLEMS).read_text() == (tmp_path / "dask" / PROBLEMS).read_text()
    scored = lazily[lazily["problem"].isna()].drop(columns=["problem"]).sort_values("row").reset_index(drop=True)
    in_memory = score_frame(pd.DataFrame(rows), "text", analyzer, id_cols=("id",)).scores
    pd.testing.assert_frame_equal(in_memory, scored, check_dtype=False)
