"""Every parser of a JSON format, fed each of its fixtures with each field replaced by each JSON type.

An export is someone else's file: ``"text": 5`` or ``"messages": {}`` must end
in a skipped, reported record or a ChatFormatError naming the file, never in a
TypeError from deep inside a parser.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from nlp.chats import MESSAGE_KINDS, open_chat
from nlp.chats._io import Source, load_json
from nlp.errors import ChatFormatError

FIXTURES = Path(__file__).with_name("fixtures")
# One value of every JSON type, plus the edge values a type check tends to forget.
JSON_VALUES = (None, False, True, 0, -1, 2.5, 10**20, 1e300, "", "x", [], [None], {}, {"k": "v"})

GOOGLE_CHAT = {
    "messages": [
        {"creator": {"name": "Ann", "email": "ann@example.com"}, "created_date": "Friday, May 29, 2026 at 3:00:29 AM UTC",
         "text": "Hello", "attached_files": [{"export_name": "a.jpg"}], "updated_date": "x"},
        {"creator": {"name": "Ben"}, "created_date": "Friday, May 29, 2026 at 3:01:10 AM UTC", "text": "hi"},
    ]
}
HANGOUTS = {
    "conversations": [
        {
            "conversation": {"conversation": {"name": "Us", "participant_data": [
                {"id": {"chat_id": "1"}, "fallback_name": "Ann"}, {"id": {"chat_id": "2"}, "fallback_name": "Ben"}]}},
            "events": [
                {"sender_id": {"chat_id": "1"}, "timestamp": "1420070400000000", "event_type": "REGULAR_CHAT_MESSAGE",
                 "chat_message": {"message_content": {"segment": [{"type": "TEXT", "text": "happy new year"}],
                                                      "attachment": [{"embed_item": {}}]}}},
                {"sender_id": {"chat_id": "2"}, "timestamp": "1420070500000000", "event_type": "HANGOUT_EVENT"},
            ],
        }
    ]
}

# (name, fixture file or folder, format, the document files inside it, open_chat options)
CASES = [
    ("discord", FIXTURES / "discord_channel.json", "discord", [""], {}),
    ("instagram", FIXTURES / "instagram_message_1.json", "instagram", [""], {}),
    ("messenger", FIXTURES / "messenger_thread", "messenger", ["message_1.json", "message_2.json"], {}),
    ("slack", FIXTURES / "slack_export", "slack",
     ["users.json", "channels.json", "general/2024-03-01.json", "general/2024-03-02.json"], {}),
    ("telegram-chat", FIXTURES / "telegram_single.json", "telegram", [""], {}),
    ("telegram-account", FIXTURES / "telegram_account_result.json", "telegram", [""], {}),
    ("googlechat", GOOGLE_CHAT, "googlechat", ["Groups/DM/messages.json"], {}),
    ("hangouts", HANGOUTS, "hangouts", ["Hangouts.json"], {}),
]
# JSON Lines: every record is a document of its own.
LINE_CASES = [
    ("signal-data", FIXTURES / "signal_data.json", "signal", {}),
    ("jsonl", FIXTURES / "generic_chat.jsonl", "jsonl", {"text_col": "text"}),
]


def replacements(document: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """``(path, value)`` for every field (and the document itself) and every value of JSON_VALUES."""
    for value in JSON_VALUES:
        yield path, value
    children = document.items() if isinstance(document, dict) else enumerate(document) if isinstance(document, list) else ()
    for key, child in children:
        yield from replacements(child, (*path, key))


def replaced(document: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    copy = json.loads(json.dumps(document))
    parent = copy
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return copy


def parse_quietly(path: Path, format: str, options: dict) -> None:
    """Parse like `horsemen analyze` does; a ChatFormatError is a clean refusal, anything else fails the test.

    What comes out must have the types the rest of horsemen relies on, so a
    wrong-typed field cannot crash the analysis later either.
    """
    try:
        for message in open_chat(path, format=format, **options):
            assert message.timestamp is None or isinstance(message.timestamp, datetime), message
            assert message.sender is None or isinstance(message.sender, str), message
            assert message.chat is None or isinstance(message.chat, str), message
            assert isinstance(message.text, str) and message.kind in MESSAGE_KINDS, message
            assert isinstance(message.edited, bool) and (message.line is None or isinstance(message.line, int)), message
    except ChatFormatError:
        pass


def materialise(fixture: Path | dict, root: Path, members: list[str]) -> tuple[Path, dict[str, Any]]:
    """A copy of the fixture under ``root``, and the parsed JSON of each of its document files."""
    if isinstance(fixture, dict):
        target = root / "export"
        (target / members[0]).parent.mkdir(parents=True)
        (target / members[0]).write_text(json.dumps(fixture), encoding="utf-8")
    elif fixture.is_dir():
        target = Path(shutil.copytree(fixture, root / fixture.name))
    else:
        target = Path(shutil.copy(fixture, root / fixture.name))
    documents = {}
    for member in members:
        file = target / member if member else target
        documents[member] = load_json(Source(file), lambda *_: None, fix_hex_escapes=True)
    return target, documents


@pytest.mark.parametrize("name, fixture, format, members, options", CASES, ids=[case[0] for case in CASES])
def test_no_field_of_any_type_crashes_the_parser(tmp_path, name, fixture, format, members, options):
    target, documents = materialise(fixture, tmp_path, members)
    tried = 0
    for member, document in documents.items():
        file = target / member if member else target
        for path, value in replacements(document):
            file.write_text(json.dumps(replaced(document, path, value)), encoding="utf-8")
            parse_quietly(target, format, options)
            tried += 1
        file.write_text(json.dumps(document), encoding="utf-8")
    assert tried > 100  # the fixtures have fields enough to make this a real search


@pytest.mark.parametrize("name, fixture, format, options", LINE_CASES, ids=[case[0] for case in LINE_CASES])
def test_no_field_of_any_type_crashes_a_json_lines_parser(tmp_path, name, fixture, format, options):
    lines = fixture.read_text(encoding="utf-8").splitlines()
    file = tmp_path / fixture.name
    tried = 0
    for index, line in enumerate(lines):
        try:
            record = json.loads(line)
        except ValueError:
            continue  # the fixture's deliberately broken lines stay as they are
        for path, value in replacements(record):
            mutated = [*lines[:index], json.dumps(replaced(record, path, value)), *lines[index + 1 :]]
            file.write_text("\n".join(mutated) + "\n", encoding="utf-8")
            parse_quietly(file, format, options)
            tried += 1
    assert tried > 100


@pytest.mark.parametrize(
    "format, document, options",
    [
        ("slack", [{"type": "message", "ts": "1709280000.0", "user": "U1", "text": 5}], {}),
        ("discord", {"messages": [{"timestamp": "2024-03-01T10:00:00+00:00", "type": [], "content": "hi"}]}, {}),
        ("telegram", {"messages": [{"type": "service", "action": {}, "date": "2024-03-01T10:00:00", "text": ""}]}, {}),
        ("telegram", {"chats": {"list": [{"messages": 5}]}}, {}),
    ],
    ids=["slack text 5", "discord type []", "telegram action {}", "telegram messages 5"],
)
def test_the_fields_the_audit_named_are_read_or_reported(tmp_path, format, document, options):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    parse_quietly(path, format, options)


def test_a_jsonl_kind_of_the_wrong_type_is_read_as_text(tmp_path):
    path = tmp_path / "chat.jsonl"
    path.write_text(json.dumps({"text": "hi", "kind": {}}) + "\n", encoding="utf-8")
    [message] = open_chat(path, format="jsonl", text_col="text")
    assert (message.text, message.kind) == ("hi", "text")
