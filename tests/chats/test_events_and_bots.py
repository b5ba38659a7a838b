"""Events attributed to who acted, bots marked, names instead of ids, markers stripped: per format.

Each fixture is a small export written for these tests (see tests/chats/fixtures).
"""

from __future__ import annotations

from pathlib import Path

from nlp.chats import open_chat

FIXTURES = Path(__file__).with_name("fixtures")


def parse(name: str, **options):
    reader = open_chat(FIXTURES / name, **options)
    return list(reader), reader


def test_telegram_service_records_are_events_of_their_actor():
    messages, _ = parse("telegram_service_records.json")
    events = [(m.kind, m.sender, m.text) for m in messages if m.kind in ("call", "system")]
    assert events == [
        ("call", "Ana", "phone call"), ("system", "Ben", "pin message"), ("call", "Ana", "phone call"),
        ("system", "Ben", "set messages ttl"),
    ]
    assert all(m.sender in ("Ana", "Ben") for m in messages)  # nothing from "(unknown sender)"
    assert [(m.kind, m.text) for m in messages if m.kind not in ("call", "system")] == [
        ("text", "Sorry I had to hang up, the bus came"), ("text", "ok call me when you're home"),
        ("media", ""), ("sticker", ""),
    ]


def test_slack_shows_display_names_and_marks_bots():
    messages, _ = parse("slack_bots_and_profiles")
    people = {(m.sender, m.bot) for m in messages if m.kind != "system"}
    assert people == {
        ("Noor", False), ("Tom Berg", False), ("Lia", False),  # display name, real name, profile copied into a message
        ("ci-builds", True), ("deploy-bot", True), ("Standup Bot", True), ("Slackbot", True),
    }
    assert not [m for m in messages if m.sender and m.sender.startswith(("U", "B0"))]
    assert messages[2].text == "@Tom Berg can you look at the failing build before lunch?"
    assert [(m.kind, m.sender) for m in messages if m.kind == "system"] == [("system", "Tom Berg"), ("system", "Noor")]
    assert messages[5].edited and messages[-1].kind == "deleted"


def test_discord_calls_belong_to_the_caller_and_bots_are_marked():
    messages, _ = parse("discord_bot_and_call.json")
    assert [(m.kind, m.sender, m.bot) for m in messages] == [
        ("call", "Mira", False), ("text", "Mira", False), ("text", "RemindBot", True), ("system", "Sol", False),
        ("text", "Sol", False),
    ]
    assert messages[1].edited


def test_line_system_lines_are_recognised_even_with_a_sender():
    messages, _ = parse("line_system_lines_with_sender.txt")
    assert [(m.kind, m.sender) for m in messages] == [
        ("system", None), ("text", "Sol"), ("media", "Mira"), ("system", None), ("deleted", "Tom"), ("system", None),
    ]


def test_imessage_edit_history_keeps_the_last_version():
    messages, reader = parse("imessage_edited.txt")
    assert [(m.kind, m.sender, m.text, m.edited) for m in messages] == [
        ("text", "Me", "Are you coming tonight?", False),
        ("text", "+15550100001", "yes, at 9 sharp", True),
        ("deleted", "Me", "", False),
        ("system", None, "You renamed the conversation to Friday", False),
    ]
    assert not reader.problems


def test_a_csv_or_jsonl_without_a_sender_column_says_so():
    for name in ("generic_no_sender.csv", "generic_no_sender.jsonl"):
        messages, reader = parse(name)
        assert all(m.sender is None and m.kind == "text" for m in messages)
        assert len(reader.notes) == 1 and "--sender-col" in reader.notes[0], name
