"""``horsemen analyze`` end to end on a small WhatsApp export written for these tests."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nlp.cli import app
from nlp.labels import LABELS

from .conftest import CHAT

OUTPUTS = {"messages.csv", "speakers.csv", "episodes.csv", "report.html"}


def run(*args, **kwargs):
    return CliRunner().invoke(app, ["analyze", *map(str, args)], **kwargs)


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_json_summary_counts_every_message_and_matches_the_csv(use_session_analyzer, tmp_path):
    out = tmp_path / "out"
    result = run(CHAT, "--out", out, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert {p.name for p in out.iterdir()} == OUTPUTS
    assert summary["format"] == "whatsapp"
    assert (summary["messages"], summary["system_events"], summary["skipped_lines"]) == (22, 1, 0)
    assert list(summary["speakers"]) == ["Jordan", "Casey"]
    assert summary["speakers"]["Casey"]["messages"] == 10  # the media-only message counts, unscored
    assert summary["speakers"]["Jordan"]["messages"] == 12  # so does the deleted one
    rows = read_csv(out / "messages.csv")
    assert len(rows) == 23
    for name, person in summary["speakers"].items():
        own = [row for row in rows if row["sender"] == name]
        assert set(person) == {"bot", "messages", "calls", "flagged", *LABELS}
        assert (person["bot"], person["calls"]) == (False, 0)
        assert person["flagged"] == sum(row["flagged"] == "1" for row in own)
        for label in LABELS:
            assert person[label] == sum(row[f"{label}_flagged"] == "1" for row in own)
    assert summary["speakers"]["Jordan"]["criticism"] >= 2
    assert summary["speakers"]["Casey"]["defensiveness"] >= 2


def test_messages_csv_keeps_text_kinds_scores_and_cue_spans(analysed):
    _, out = analysed
    rows = read_csv(out / "messages.csv")
    by_text = {row["text"]: row for row in rows}
    system = rows[0]
    assert (system["kind"], system["sender"], system["criticism"]) == ("system", "", "")
    media = next(row for row in rows if row["kind"] == "media")
    assert (media["sender"], media["text"], media["flagged"], media["contempt"]) == ("Casey", "", "", "")
    assert any(row["kind"] == "deleted" and row["sender"] == "Jordan" for row in rows)
    assert by_text["ok see you at 8"]["edited"] == "1"
    assert "I feel hurt when the dishes pile up.\nCould we make a plan?" in by_text
    assert rows[5]["timestamp"] == "2024-03-14 19:00:00"
    harsh = by_text["You always leave your dishes in the sink, you are so lazy."]
    assert harsh["criticism_flagged"] == "1" and 0.5 <= float(harsh["criticism"]) <= 1
    cues = json.loads(harsh["cues"])
    assert cues and all(harsh["text"][cue["start"] : cue["end"]] == cue["text"] for cue in cues)
    assert "repair" in by_text["I'm sorry, you're right. Can we talk tonight?"]["positives"].split(";")


def test_episodes_and_speakers_csv(analysed):
    _, out = analysed
    episodes = read_csv(out / "episodes.csv")
    assert [e["started_by"] for e in episodes] == ["Jordan", "Casey"]
    first, second = episodes
    assert (first["harsh_startup"], first["ending"], first["stonewalled_by"]) == ("True", "stonewall", "Casey")
    assert float(first["longest_silence_hours"]) > 12
    assert (second["ending"], second["repaired_by"], second["stonewalled_by"]) == ("repair", "Jordan", "")
    speakers = {row["speaker"]: row for row in read_csv(out / "speakers.csv")}
    assert speakers["Casey"]["stonewalled_episodes"] == "1"
    assert speakers["Jordan"]["harsh_startups"] == "1"
    assert speakers["Jordan"]["repairs"] == "1"
    casey = speakers["Casey"]
    assert float(casey["ratio"]) == round(int(casey["positives"]) / int(casey["flagged"]), 2)


def test_default_output_folder_is_named_after_the_export_in_the_current_directory(
    use_session_analyzer, no_charts, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    result = run(CHAT)
    assert result.exit_code == 0, result.output
    out = tmp_path / "WhatsApp Chat with Casey-horsemen"
    assert {p.name for p in out.iterdir()} == OUTPUTS
    assert str(out) in result.stdout


def test_help_names_the_default_folder_and_the_options():
    result = CliRunner().invoke(app, ["analyze", "--help"], env={"COLUMNS": "220"})
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "-horsemen" in text and "current directory" in text
    for option in ("--out", "--format", "--date-order", "--strict", "--text-col", "--sender-col", "--time-col",
                   "--repair-window", "--json"):
        assert option in text
    assert "dayfirst" in text and "whatsapp" in text and "hangouts" in text


def test_a_second_run_replaces_the_first_and_leaves_no_staging_folders(use_session_analyzer, no_charts, tmp_path):
    out = tmp_path / "out"
    assert run(CHAT, "--out", out).exit_code == 0
    (out / "messages.csv").write_text("stale", encoding="utf-8")
    assert run(CHAT, "--out", out).exit_code == 0
    assert (out / "messages.csv").read_text(encoding="utf-8").startswith("message,timestamp")
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_refuses_to_replace_a_folder_that_is_not_an_analysis(use_session_analyzer, tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.docx").write_text("precious", encoding="utf-8")
    result = run(CHAT, "--out", out)
    assert result.exit_code == 2
    assert "holds other files" in result.stderr
    assert [p.name for p in out.iterdir()] == ["thesis.docx"]


def test_generic_csv_with_named_columns(use_session_analyzer, no_charts, tmp_path):
    export = tmp_path / "chat.csv"
    export.write_text(
        "who,when,said\n"
        "Ana,2024-05-01T10:00:00,You never listen to me\n"
        "Ben,2024-05-01T10:01:00,That's not true!\n"
        "Ana,2024-05-01T10:02:00,thanks\n",
        encoding="utf-8",
    )
    result = run(export, "--format", "csv", "--text-col", "said", "--sender-col", "who", "--time-col", "when",
                 "--out", tmp_path / "out", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["format"] == "csv"
    assert {name: person["messages"] for name, person in summary["speakers"].items()} == {"Ana": 2, "Ben": 1}


def test_repair_window_option_decides_which_apologies_count(use_session_analyzer, no_charts, tmp_path):
    endings = {}
    for hours in ("24", "0"):
        out = tmp_path / hours
        result = run(CHAT, "--repair-window", hours, "--out", out)
        assert result.exit_code == 0, result.output
        assert "22 messages from 2 people, 8 flagged, 2 conflict episodes." in result.stdout
        endings[hours] = [(row["ending"], row["repaired_by"]) for row in read_csv(out / "episodes.csv")]
    assert endings["24"][1] == ("repair", "Jordan")  # "I'm sorry, you're right", six minutes after the last attack
    assert endings["0"][1][0] != "repair"


def test_a_single_person_and_episode_are_counted_in_the_singular(use_session_analyzer, no_charts, tmp_path):
    export = tmp_path / "chat.csv"
    export.write_text("text\nYou never listen to me\nYou always ruin everything you idiot\n",
                      encoding="utf-8")
    result = run(export, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("2 messages from 1 person, ")


def test_date_order_option_reaches_the_parser(use_session_analyzer, no_charts, tmp_path):
    export = tmp_path / "WhatsApp Chat with Kim.txt"
    export.write_text("03/04/2024, 10:00 - Kim: hi\n03/04/2024, 10:01 - Lee: hello\n", encoding="utf-8")
    for order, month in (("dayfirst", "04"), ("monthfirst", "03")):
        out = tmp_path / order
        assert run(export, "--date-order", order, "--out", out).exit_code == 0
        assert read_csv(out / "messages.csv")[0]["timestamp"].startswith(f"2024-{month}-")


@pytest.mark.slow
def test_scoring_processes_write_the_same_files_as_one_process(analysed, analyzer, no_charts, tmp_path):
    """Worker processes return CSV columns instead of analyses; the output must not change."""
    from nlp.conversation.analyze import analyze_export

    summary, out = analysed
    parallel = analyze_export(CHAT, tmp_path / "out", analyzer=analyzer, n_process=2, batch_size=4)
    assert {key: parallel[key] for key in ("messages", "speakers", "episodes")} == {
        key: summary[key] for key in ("messages", "speakers", "episodes")
    }
    for name in ("messages.csv", "speakers.csv", "episodes.csv"):
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == (out / name).read_text(encoding="utf-8"), name
