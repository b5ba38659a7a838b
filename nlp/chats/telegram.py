"""Telegram Desktop JSON exports: one chat (``result.json``) or a whole account.

Message text may be a string or a list of plain strings and formatted
entities; it is rebuilt by plain concatenation, which reproduces what was
typed (joining with spaces, as some tools do, inserts characters that were
never there).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from nlp.chats._io import ParseContext, Source, chronological, load_json, string, utc_from_epoch
from nlp.chats.model import ChatMessage
from nlp.errors import ChatFormatError, where

_CALL_ACTIONS = {"phone_call", "group_call", "invite_to_group_call", "group_call_scheduled"}
_MEDIA_FIELDS = ("photo", "file", "contact_information", "game_title", "invoice_information")


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = []
        for part in value:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, dict) and isinstance(part.get("text"), str):
                parts.append(part["text"])
            else:
                return None
        return "".join(parts)
    return None


def _local_and_utc(record: dict[str, Any]) -> tuple[datetime | None, datetime | None]:
    local = utc = None
    date = record.get("date")
    if isinstance(date, str):
        try:
            local = datetime.fromisoformat(date)
        except ValueError:
            pass
    epoch = record.get("date_unixtime")
    if isinstance(epoch, (str, int)) and str(epoch).isdigit():
        utc = utc_from_epoch(int(epoch))
    return local, utc


def _local_offset(chats: list[tuple[dict[str, Any], str | None, str]]) -> timedelta | None:
    """The exporting machine's UTC offset, read from messages that carry both times."""
    offsets: Counter[timedelta] = Counter()
    for chat, _, _ in chats:
        records = chat.get("messages")
        for record in records if isinstance(records, list) else []:
            if isinstance(record, dict):
                local, utc = _local_and_utc(record)
                if local is not None and utc is not None:
                    offsets[local - utc.replace(tzinfo=None)] += 1
    return offsets.most_common(1)[0][0] if offsets else None


def _timestamp(record: dict[str, Any], offset: timedelta | None) -> datetime | None:
    # ``date`` is the exporting machine's local time, like every other naive
    # time in horsemen. A message with only the UTC epoch is shifted by the
    # export's own offset so that one chat never mixes clocks.
    local, utc = _local_and_utc(record)
    if local is not None or utc is None:
        return local
    return utc.replace(tzinfo=None) + offset if offset is not None else utc


def _service_text(record: dict[str, Any]) -> str:
    """A service record's action in words ("pin message", "phone call"), shown in messages.csv."""
    action = record.get("action")
    return action.replace("_", " ") if isinstance(action, str) else ""


def _kind(record: dict[str, Any], text: str) -> tuple[str, str]:
    if record.get("type") == "service":
        return ("call" if string(record.get("action")) in _CALL_ACTIONS else "system"), _service_text(record)
    if record.get("type") == "unsupported":
        return "other", ""
    if record.get("media_type") == "sticker":
        return "sticker", text
    poll = record.get("poll")
    if isinstance(poll, dict):
        question = poll.get("question")
        return "poll", question if isinstance(question, str) else ""
    if "location_information" in record:
        return "location", text
    if any(field in record for field in _MEDIA_FIELDS) or "media_type" in record:
        return "media", text
    return "text", text


def _chat_messages(chat: dict[str, Any], chat_name: str | None, source: Source, position: str,
                   offset: timedelta | None, ctx: ParseContext) -> Iterator[ChatMessage]:
    records = chat.get("messages")
    if not isinstance(records, list):
        ctx.report(source.name, None, f"{position}: chat without a 'messages' list skipped")
        return
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            ctx.report(source.name, None, f"{position}.messages[{index}]: not a message object")
            continue
        text = _text(record.get("text", ""))
        if text is None:
            ctx.report(source.name, None, f"{position}.messages[{index}]: unreadable 'text' field")
            continue
        timestamp = _timestamp(record, offset)
        if timestamp is None and record.get("type") != "unsupported":
            ctx.report(source.name, None, f"{position}.messages[{index}]: no readable date; kept without timestamp")
        kind, text = _kind(record, text)
        # Service records (calls, pins, joins) name who acted as "actor", messages their author as "from".
        name, identifier = ("actor", "actor_id") if record.get("type") == "service" else ("from", "from_id")
        sender = record.get(name) or record.get(identifier)
        sender = sender if isinstance(sender, str) else None
        yield ChatMessage(timestamp, sender, text, kind, index, "edited" in record, chat_name)


def parse(files: list[Source], ctx: ParseContext) -> Iterator[ChatMessage]:
    candidates = [f for f in files if f.basename.lower().endswith(".json")]
    named = [f for f in candidates if f.basename.lower() == "result.json"]
    if not (named or candidates):
        raise ChatFormatError(f"{where(ctx.root)}: no Telegram result.json found")
    messages: list[ChatMessage] = []
    for source in named or candidates:
        document = load_json(source, ctx.report, fix_hex_escapes=True)
        chats = _chats(document, source)
        offset = _local_offset(chats)
        for chat, chat_name, position in chats:
            messages.extend(_chat_messages(chat, chat_name, source, position, offset, ctx))
    yield from chronological(messages)


def _chats(document: Any, source: Source) -> list[tuple[dict[str, Any], str | None, str]]:
    """``(chat, name, JSON position)`` for a single-chat or a whole-account export."""
    if not isinstance(document, dict):
        raise ChatFormatError(f"{where(source.name)}: not a Telegram export (top level is not an object)")
    if "messages" in document:
        name = document.get("name")
        return [(document, name if isinstance(name, str) else None, "$")]
    chats = []
    for section in ("chats", "left_chats"):
        listing = document.get(section)
        entries = listing.get("list") if isinstance(listing, dict) else None
        for index, chat in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(chat, dict):
                name = chat.get("name")
                chat_name = name if isinstance(name, str) else str(chat.get("type", f"chat {index}"))
                chats.append((chat, chat_name, f"$.{section}.list[{index}]"))
    if not chats and not any(isinstance(document.get(s), dict) for s in ("chats", "left_chats")):
        raise ChatFormatError(f"{where(source.name)}: not a Telegram export (no 'messages' or 'chats.list')")
    return chats
