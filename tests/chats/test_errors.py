"""Bad input must end in a ChatFormatError that names the file (and line), never a traceback."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from nlp.chats import SUPPORTED_FORMATS, detect_format, open_chat
from nlp.errors import ChatFormatError

FIXTURES = Path(__file__).with_name("fixtures")


def read_all(path: Path, **options: object) -> list:
    return list(open_chat(path, **options))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ChatFormatError, match="no such file"):
        open_chat(tmp_path / "nope.txt")


def test_missing_file_with_forced_format(tmp_path: Path) -> None:
    with pytest.raises(ChatFormatError, match="no such file"):
        open_chat(tmp_path / "nope.txt", format="whatsapp")


def test_unknown_format_lists_formats_and_flag(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\nmilk\neggs\n", encoding="utf-8")
    with pytest.raises(ChatFormatError) as error:
        detect_format(path)
    message = str(error.value)
    assert str(path) in message and "--format" in message
    assert all(name in message for name in SUPPORTED_FORMATS)


def test_unknown_format_name() -> None:
    with pytest.raises(ChatFormatError, match="unknown format 'skype'"):
        open_chat(FIXTURES / "whatsapp_android_de.txt", format="skype")


def test_bad_date_order_option() -> None:
    with pytest.raises(ChatFormatError, match="date_order"):
        open_chat(FIXTURES / "whatsapp_android_de.txt", date_order="yearfirst")


def test_truncated_json_names_position(tmp_path: Path) -> None:
    text = (FIXTURES / "telegram_single.json").read_text(encoding="utf-8")
    path = tmp_path / "result.json"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(ChatFormatError, match=r"result\.json:\d+: the JSON ends too early .* column \d+"):
        read_all(path, format="telegram")


def test_invalid_json_names_line(tmp_path: Path) -> None:
    path = tmp_path / "message_1.json"
    path.write_text('{"participants": [],\n "messages": [\n  {"sender_name": "A",, }\n]}', encoding="utf-8")
    with pytest.raises(ChatFormatError, match=r"message_1\.json:3: invalid JSON"):
        read_all(path, format="messenger")


def test_zip_without_chat(tmp_path: Path) -> None:
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("IMG_0001.jpg", b"\xff\xd8\xff\xe0 not a chat")
        archive.writestr("readme.md", "holiday pictures")
    with pytest.raises(ChatFormatError, match="no chat file found"):
        open_chat(path)
    with pytest.raises(ChatFormatError, match="no WhatsApp chat"):
        read_all(path, format="whatsapp")


def test_damaged_zip(tmp_path: Path) -> None:
    data = (FIXTURES / "whatsapp_ios_export.zip").read_bytes()
    path = tmp_path / "broken.zip"
    path.write_bytes(data[:-60])
    with pytest.raises(ChatFormatError, match="broken.zip"):
        read_all(path)


def test_binary_junk(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ChatFormatError, match="binary file"):
        open_chat(path)


def test_binary_junk_forced_as_whatsapp(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(b"\x00\x01\x02\xff\xfe" * 200)
    with pytest.raises(ChatFormatError, match="no WhatsApp message header"):
        read_all(path, format="whatsapp")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(b"")
    with pytest.raises(ChatFormatError, match="empty"):
        open_chat(path)


def test_html_export_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "message_1.html"
    path.write_text("<!DOCTYPE html><html><body>hi</body></html>", encoding="utf-8")
    with pytest.raises(ChatFormatError, match="JSON"):
        open_chat(path)


def test_invalid_utf8_lines_are_reported_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(
        "12/24/22, 8:00 PM - Rosa: first\n".encode()
        + b"12/24/22, 8:01 PM - Ivo: caf\xe9 latin-1 line\n"
        + b"12/24/22, 8:02 PM - Rosa: \xff\xfe\xfd\n"
        + "12/24/22, 8:03 PM - Ivo: last ✓\n".encode()
    )
    reader = open_chat(path)
    messages = list(reader)
    assert [m.text for m in messages][:2] == ["first", "café latin-1 line"]
    assert messages[-1].text == "last ✓"
    assert [(p.line, "UTF-8" in p.reason) for p in reader.problems] == [(2, True), (3, True)]


def test_utf16_export_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes("12/24/22, 8:00 PM - Rosa: grüß dich\n".encode("utf-16"))
    assert [m.text for m in open_chat(path)] == ["grüß dich"]


def test_strict_mode_names_file_and_line() -> None:
    fixture = FIXTURES / "whatsapp_before_header_and_foreign.txt"
    with pytest.raises(ChatFormatError, match=r"whatsapp_before_header_and_foreign\.txt:1: text before"):
        read_all(fixture, strict=True)


def test_strict_mode_on_json_record() -> None:
    with pytest.raises(ChatFormatError, match=r"signal_data\.json:4: invalid JSON line"):
        read_all(FIXTURES / "signal_data.json", strict=True)


def test_generic_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "chat.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ChatFormatError, match="--text-col"):
        read_all(path)
    with pytest.raises(ChatFormatError, match="no column 'body'"):
        read_all(path, text_col="body")


def test_not_a_telegram_export(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"hello": "world"}), encoding="utf-8")
    with pytest.raises(ChatFormatError, match="not a Telegram export"):
        read_all(path, format="telegram")


def test_date_order_override() -> None:
    fixture = FIXTURES / "whatsapp_ambiguous_dates.txt"
    default, forced = read_all(fixture), read_all(fixture, date_order="monthfirst")
    assert default[-1].timestamp.month == 2 and forced[-1].timestamp.month == 3


def test_reader_can_be_iterated_twice() -> None:
    reader = open_chat(FIXTURES / "whatsapp_before_header_and_foreign.txt")
    assert list(reader) == list(reader)
    assert len(reader.problems) == 2


def test_message_names_single_file_of_thread() -> None:
    """Passing one message_N.json reads the whole thread beside it."""
    messages = read_all(FIXTURES / "messenger_thread" / "message_2.json")
    assert len(messages) == 7
    assert [m.timestamp for m in messages] == sorted(m.timestamp for m in messages)
