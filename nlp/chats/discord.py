"""Discord channels exported with DiscordChatExporter, as JSON (preferred) or CSV.

The CSV export has no message type, so system events are recognised by the
English sentences the exporter writes for them (kept in platform_phrases.json).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from nlp.chats._io import (
    ParseContext, Source, chronological, csv_rows_after_header, iter_text_lines, load_json, platform_phrases, string,
)
from nlp.chats.model import ChatMessage
from nlp.errors import ChatFormatError, where
from nlp.limits import csv_fields

_USER_TYPES = {"Default", "Reply", "ThreadStarterMessage", "ChatInputCommand", "ContextMenuCommand"}


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        # Round-trip format has 7 fractional digits, more than Python accepts before 3.11.
        trimmed = re.sub(r"(\.\d{6})\d+", r"\1", value)
        try:
            return datetime.fromisoformat(trimmed)
        except ValueError:
            return None


def parse(files: list[Source], ctx: ParseContext) -> Iterator[ChatMessage]:
    messages: list[ChatMessage] = []
    for source in files:
        name = source.basename.lower()
        if name.endswith(".json"):
            messages.extend(_parse_json(source, ctx))
        elif name.endswith(".csv") or len(files) == 1:
            with csv_fields():
                messages.extend(_parse_csv(source, ctx))
    if not messages and not files:
        raise ChatFormatError(f"{where(ctx.root)}: no DiscordChatExporter JSON or CSV file found")
    yield from chronological(messages)


def _parse_json(source: Source, ctx: ParseContext) -> Iterator[ChatMessage]:
    document = load_json(source, ctx.report)
    if not isinstance(document, dict) or not isinstance(document.get("messages"), list):
        raise ChatFormatError(f"{where(source.name)}: not a DiscordChatExporter JSON export (no 'messages' list)")
    channel = document.get("channel")
    chat = string(channel.get("name")) if isinstance(channel, dict) else None
    for index, record in enumerate(document["messages"]):
        if not isinstance(record, dict):
            ctx.report(source.name, None, f"$.messages[{index}]: not a message object")
            continue
        timestamp = _time(record.get("timestamp"))
        if timestamp is None:
            ctx.report(source.name, None, f"$.messages[{index}]: no readable timestamp; kept without one")
        author = record.get("author") if isinstance(record.get("author"), dict) else {}
        sender = author.get("nickname") or author.get("name")
        text = string(record.get("content")) or ""
        kind_field = string(record.get("type", "Default"))
        if kind_field == "Call":
            kind, text = "call", ""
        elif kind_field not in _USER_TYPES:
            kind = "system"
        elif record.get("stickers") and not text:
            kind = "sticker"
        elif record.get("attachments"):
            kind = "media"
        else:
            kind = "text"
        edited = bool(record.get("timestampEdited"))
        yield ChatMessage(timestamp, sender if isinstance(sender, str) else None, text, kind, index, edited, chat,
                          bot=author.get("isBot") is True)


def _parse_csv(source: Source, ctx: ParseContext) -> Iterator[ChatMessage]:
    lines = (text + "\n" for _, text in iter_text_lines(source, ctx.report))
    first = next(lines, "")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    header = next(csv.reader([first], delimiter=delimiter), [])
    columns = {name.strip(): i for i, name in enumerate(header)}
    if not {"Author", "Date", "Content"} <= columns.keys():
        raise ChatFormatError(f"{where(source.name, 1)}: not a DiscordChatExporter CSV (needs Author, Date, Content)")
    reader = csv.reader(lines, delimiter=delimiter)
    system = platform_phrases("discord")["system"]
    for line, row in csv_rows_after_header(reader, source):
        if len(row) < len(header):
            ctx.report(source.name, line, "row has fewer columns than the header; skipped")
            continue
        timestamp = _time(row[columns["Date"]])
        if timestamp is None:
            ctx.report(source.name, line, "unreadable date; message kept without a timestamp")
        text = row[columns["Content"]]
        attachments = row[columns["Attachments"]] if "Attachments" in columns else ""
        sender: str | None = row[columns["Author"]]
        if system.fullmatch(text):
            kind = "call" if text.startswith("Started a call") else "system"
            text = "" if kind == "call" else text
        elif attachments:
            kind = "media"
        else:
            kind = "text"
        yield ChatMessage(timestamp, sender, text, kind, line)
