"""Facebook Messenger and Instagram direct messages from Meta's "Download Your Information".

Meta writes every string as UTF-8 bytes misread as Latin-1 and stores
messages newest first, split over ``message_1.json``, ``message_2.json``...;
both are undone here. The end-to-end-encrypted Messenger download, which uses
other field names, is read too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from nlp.chats._io import (
    ParseContext, Source, chronological, load_json, platform_phrases, repair_mojibake, utc_from_epoch,
)
from nlp.chats.model import ChatMessage
from nlp.errors import ChatFormatError, where

_THREAD_FILE = re.compile(r"(^|/)message_(\d+)\.json$")
_MEDIA_FIELDS = ("photos", "videos", "audio_files", "gifs", "files", "media")
# Instagram repeats an edited message with this suffix after the original.
_EDITED_SUFFIX = " (edited)"
_EDIT_WINDOW_MS = 15 * 60 * 1000


def parse_messenger(files: list[Source], ctx: ParseContext) -> Iterator[ChatMessage]:
    return _parse(files, ctx, instagram=False)


def parse_instagram(files: list[Source], ctx: ParseContext) -> Iterator[ChatMessage]:
    return _parse(files, ctx, instagram=True)


def _thread_files(files: list[Source]) -> list[Source]:
    if len(files) == 1 and files[0].member is None and _THREAD_FILE.search(files[0].path.name):
        # One message_N.json was given: the rest of the thread sits beside it.
        siblings = sorted(files[0].path.parent.glob("message_*.json"))
        return [Source(p) for p in siblings if _THREAD_FILE.search(p.name)]
    threads = [f for f in files if _THREAD_FILE.search(f.member or f.path.as_posix())]
    return threads or [f for f in files if f.basename.lower().endswith(".json")]


def _parse(files: list[Source], ctx: ParseContext, instagram: bool) -> Iterator[ChatMessage]:
    sources = _thread_files(files)
    if not sources:
        raise ChatFormatError(f"{where(ctx.root)}: no message_N.json file found")
    messages: list[ChatMessage] = []
    for source in sources:
        document = load_json(source, ctx.report)
        if not isinstance(document, dict) or not isinstance(document.get("messages"), list):
            raise ChatFormatError(f"{where(source.name)}: not a Messenger/Instagram thread (no 'messages' list)")
        title = document.get("title") or document.get("threadName")
        chat = repair_mojibake(title) if isinstance(title, str) else None
        for index, record in enumerate(document["messages"]):
            message = _message(record, index, chat, source, ctx, instagram)
            if message is not None:
                messages.append(message)
    ordered = chronological(messages)
    return iter(_drop_superseded_edits(ordered) if instagram else ordered)


def _message(record: Any, index: int, chat: str | None, source: Source, ctx: ParseContext,
             instagram: bool) -> ChatMessage | None:
    position = f"$.messages[{index}]"
    if not isinstance(record, dict):
        ctx.report(source.name, None, f"{position}: not a message object")
        return None
    sender = record.get("sender_name", record.get("senderName"))
    millis = record.get("timestamp_ms", record.get("timestamp"))
    if not isinstance(millis, (int, float)):
        ctx.report(source.name, None, f"{position}: no timestamp; kept without one")
        timestamp = None
    else:
        timestamp = utc_from_epoch(millis / 1000)
    raw_text = record.get("content", record.get("text"))
    text = repair_mojibake(raw_text) if isinstance(raw_text, str) else ""
    sender = repair_mojibake(sender) if isinstance(sender, str) else None
    kind, text, edited = _classify(record, text, sender, instagram)
    return ChatMessage(timestamp, sender, text, kind, index, edited, chat)


def _classify(record: dict[str, Any], text: str, sender: str | None, instagram: bool) -> tuple[str, str, bool]:
    phrases = platform_phrases("meta")
    if record.get("is_unsent") or record.get("isUnsent"):
        return "deleted", "", False
    kind_field = record.get("type")
    if kind_field == "Call":
        return "call", "", False
    if kind_field in ("Subscribe", "Unsubscribe") or phrases["system"].fullmatch(text):
        return "system", text, False
    if record.get("sticker"):
        return "sticker", "", False
    if phrases["reaction"].fullmatch(text):
        return "other", "", False
    generated = phrases["attachment"].fullmatch(text)
    if any(record.get(field) for field in _MEDIA_FIELDS) or record.get("share") or generated:
        caption = "" if generated else text
        share = record.get("share")
        if isinstance(share, dict) and caption == share.get("link"):
            caption = ""
        return "media", caption, False
    if instagram and text.endswith(_EDITED_SUFFIX):
        return "text", text[: -len(_EDITED_SUFFIX)], True
    return "text", text, False


def _drop_superseded_edits(messages: list[ChatMessage]) -> list[ChatMessage]:
    """Instagram keeps the pre-edit text as its own message; keep only the edited one."""
    superseded: set[int] = set()
    for position, message in enumerate(messages):
        if not message.edited or message.timestamp is None:
            continue
        for earlier in range(position - 1, max(position - 20, -1), -1):
            candidate = messages[earlier]
            if candidate.timestamp is None:
                continue
            if (message.timestamp - candidate.timestamp).total_seconds() * 1000 > _EDIT_WINDOW_MS:
                break
            if candidate.sender == message.sender and candidate.kind == "text" and not candidate.edited \
                    and message.text.startswith(candidate.text[:20]):
                superseded.add(earlier)
                break
    return [m for i, m in enumerate(messages) if i not in superseded]
