"""Google Chat and legacy Hangouts data from Google Takeout.

Google Chat writes its dates as localized sentences ("Friday, May 29, 2026
at 3:00:29 AM UTC"); only the English form is read, other languages are
reported so the user knows those messages have no time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from nlp.chats._io import ParseContext, Source, chronological, load_json, nested, relative_name, string, utc_from_epoch
from nlp.chats.model import ChatMessage
from nlp.errors import ChatFormatError, where

_ENGLISH_DATE = re.compile(r"^\w+, (\w+ \d{1,2}, \d{4}) at (\d{1,2}:\d{2}:\d{2})[ \u202f\u00a0]([AP]M) UTC$")


def _chat_time(value: Any) -> datetime | None:
    match = _ENGLISH_DATE.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        naive = datetime.strptime(f"{match[1]} {match[2]} {match[3]}", "%B %d, %Y %I:%M:%S %p")
    except ValueError:
        return None
    return naive.replace(tzinfo=timezone.utc)


def parse_google_chat(files: list[Source], ctx: ParseContext) -> Iterator[ChatMessage]:
    threads = [f for f in files if f.basename == "messages.json"]
    if not threads:
        raise ChatFormatError(f"{where(ctx.root)}: no Google Chat messages.json found")
    messages: list[ChatMessage] = []
    for source in threads:
        document = load_json(source, ctx.report)
        records = document.get("messages") if isinstance(document, dict) else None
        if not isinstance(records, list):
            raise ChatFormatError(f"{where(source.name)}: not a Google Chat messages.json (no 'messages' list)")
        chat = relative_name(source, ctx.root).rsplit("/", 2)[-2] if "/" in relative_name(source, ctx.root) else None
        for index, record in enumerate(records):
            if not isinstance(record, dict):
                ctx.report(source.name, None, f"$.messages[{index}]: not a message object")
                continue
            timestamp = _chat_time(record.get("created_date"))
            if timestamp is None:
                ctx.report(source.name, None, f"$.messages[{index}]: date not in a known language; kept without one")
            sender = string(nested(record, "creator", "name")) or string(nested(record, "creator", "email"))
            text = record.get("text") if isinstance(record.get("text"), str) else ""
            kind = "media" if record.get("attached_files") else "text"
            edited = bool(record.get("updated_date"))
            bot = string(nested(record, "creator", "user_type")) == "Bot"
            messages.append(ChatMessage(timestamp, sender, text, kind, index, edited, chat, bot=bot))
    yield from chronological(messages)


def parse_hangouts(files: list[Source], ctx: ParseContext) -> Iterator[ChatMessage]:
    sources = [f for f in files if f.basename.lower().endswith(".json")]
    messages: list[ChatMessage] = []
    for source in sources:
        document = load_json(source, ctx.report)
        conversations = document.get("conversations") if isinstance(document, dict) else None
        if not isinstance(conversations, list):
            raise ChatFormatError(f"{where(source.name)}: not a Hangouts.json (no 'conversations' list)")
        for number, conversation in enumerate(conversations):
            messages.extend(_hangouts_conversation(conversation, number, source, ctx))
    yield from chronological(messages)


def _hangouts_conversation(conversation: Any, number: int, source: Source, ctx: ParseContext) -> Iterator[ChatMessage]:
    position = f"$.conversations[{number}]"
    meta = nested(conversation, "conversation", "conversation")
    events = nested(conversation, "events")
    if not isinstance(meta, dict) or not isinstance(events, list):
        ctx.report(source.name, None, f"{position}: conversation without participants or events; skipped")
        return
    participants = meta.get("participant_data")
    names = {}
    for participant in participants if isinstance(participants, list) else []:
        chat_id, name = string(nested(participant, "id", "chat_id")), string(nested(participant, "fallback_name"))
        if chat_id is not None:
            names[chat_id] = name
    chat = string(meta.get("name")) or ", ".join(n for n in names.values() if n) or None
    for index, event in enumerate(events):
        sender_id = string(nested(event, "sender_id", "chat_id"))
        try:
            seconds = int(nested(event, "timestamp")) / 1_000_000
        except (TypeError, ValueError, OverflowError):
            seconds = None
        if seconds is None or sender_id is None:
            ctx.report(source.name, None, f"{position}.events[{index}]: event without timestamp or sender; skipped")
            continue
        timestamp = utc_from_epoch(seconds)
        content = nested(event, "chat_message", "message_content")
        segments = nested(content, "segment")
        texts = (string(nested(segment, "text")) for segment in (segments if isinstance(segments, list) else []))
        text = "".join(piece for piece in texts if piece)
        if nested(event, "event_type") != "REGULAR_CHAT_MESSAGE":
            kind = "system"
        else:
            kind = "media" if nested(content, "attachment") else "text"
        sender = names.get(sender_id) or sender_id
        yield ChatMessage(timestamp, None if kind == "system" else sender, text, kind, index, False, chat)
