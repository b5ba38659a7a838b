"""A whole export: events counted for nobody, calls and bots in speakers.csv, unscored text listed with a reason."""

from __future__ import annotations

import csv
from pathlib import Path

from nlp.conversation.analyze import analyze_export
from nlp.conversation.records import UNKNOWN_SENDER

CHAT_FIXTURES = Path(__file__).resolve().parents[1] / "chats" / "fixtures"


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_telegram_calls_are_events_of_the_caller(analyzer, no_charts, tmp_path):
    summary = analyze_export(CHAT_FIXTURES / "telegram_service_records.json", tmp_path / "out", analyzer=analyzer)
    assert (summary["messages"], summary["system_events"]) == (4, 4)
    assert set(summary["speakers"]) == {"Ana", "Ben"}
    assert (summary["speakers"]["Ana"]["calls"], summary["speakers"]["Ben"]["calls"]) == (2, 0)
    assert (summary["speakers"]["Ana"]["messages"], summary["speakers"]["Ben"]["messages"]) == (1, 3)
    calls = [row for row in read_csv(tmp_path / "out" / "messages.csv") if row["kind"] == "call"]
    assert [(row["sender"], row["flagged"]) for row in calls] == [("Ana", ""), ("Ana", "")]
    speakers = {row["speaker"]: row for row in read_csv(tmp_path / "out" / "speakers.csv")}
    assert speakers["Ana"]["calls"] == "2"


def test_bots_are_marked_and_their_posts_listed_not_scored(analyzer, no_charts, tmp_path):
    out = tmp_path / "out"
    summary = analyze_export(CHAT_FIXTURES / "slack_bots_and_profiles", out, analyzer=analyzer)
    bots = {name for name, person in summary["speakers"].items() if person["bot"]}
    assert bots == {"ci-builds", "deploy-bot", "Standup Bot", "Slackbot"}
    assert summary["unscored_messages"] == 2  # the two bot posts with text; the empty one has nothing to score
    problems = read_csv(out / "problems.csv")
    assert [(row["source"], row["reason"]) for row in problems] == [
        ("general", "posted by a bot or integration, not a person"),
    ] * 2
    rows = {int(row["message"]): row for row in read_csv(out / "messages.csv")}
    assert {rows[int(row["message"])]["sender"] for row in problems} == {"deploy-bot", "Standup Bot"}
    trace = next(row for row in rows.values() if row["text"].startswith("Sure, here is the trace"))
    assert trace["flagged"] == "0"  # "you idiot" sits in a code block: not prose


def test_a_csv_without_senders_is_scored_as_one_unknown_sender(analyzer, tmp_path):
    out = tmp_path / "out"
    summary = analyze_export(CHAT_FIXTURES / "generic_no_sender.csv", out, analyzer=analyzer)
    assert list(summary["speakers"]) == [UNKNOWN_SENDER]
    speakers = read_csv(out / "speakers.csv")
    assert (speakers[0]["messages"], speakers[0]["scored"]) == ("4", "3")  # the empty row has nothing to score
    assert summary["speakers"][UNKNOWN_SENDER]["flagged"] >= 1
    assert any("--sender-col" in note for note in summary["notes"])
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "--sender-col" in report and "No message was flagged" not in report


def test_an_export_with_nothing_typed_does_not_claim_nothing_was_flagged(analyzer, tmp_path):
    export = tmp_path / "WhatsApp Chat with Kim.txt"
    export.write_text(
        "14/03/2024, 09:00 - Kim: <Media omitted>\n14/03/2024, 09:01 - Lee: This message was deleted\n", encoding="utf-8"
    )
    analyze_export(export, tmp_path / "out", analyzer=analyzer)
    text = " ".join((tmp_path / "out" / "report.html").read_text(encoding="utf-8").split())
    assert "None of these messages has typed text to check" in text
    assert "was flagged for criticism" not in text


def test_discord_calls_bots_and_code_blocks(analyzer, no_charts, tmp_path):
    out = tmp_path / "out"
    summary = analyze_export(CHAT_FIXTURES / "discord_bot_and_call.json", out, analyzer=analyzer)
    assert (summary["messages"], summary["system_events"], summary["unscored_messages"]) == (3, 2, 1)
    assert summary["speakers"]["Mira"]["calls"] == 1 and summary["speakers"]["RemindBot"]["bot"]
    script = next(row for row in read_csv(out / "messages.csv") if row["text"].startswith("thanks! my script"))
    assert script["flagged"] == "0"  # the insult is inside a code block
