"""Slack workspace exports (zip or unzipped folder): one folder of day files per channel.

Slack stores mentions as user ids and escapes ``& < >``; both are turned back
into what people saw and typed (``@name``, ``&``), using ``users.json``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from nlp.chats._io import ParseContext, Source, chronological, load_json, relative_name, string, utc_from_epoch
from nlp.chats.model import ChatMessage
from nlp.errors import ChatFormatError, where

_DAY_FILE = re.compile(r"(?:^|/)([^/]+)/\d{4}-\d{2}-\d{2}\.json$")
_MARKUP = re.compile(r"<([@#!])?([^<>|]*)(?:\|([^<>]*))?>")
_SYSTEM_SUBTYPES = {
    "channel_join", "channel_leave", "channel_topic", "channel_purpose", "channel_name", "channel_archive",
    "channel_unarchive", "group_join", "group_leave", "group_topic", "group_purpose", "group_name",
    "bot_add", "bot_remove", "pinned_item", "unpinned_item", "reminder_add", "channel_convert_to_private",
}
_USER_SUBTYPES = {None, "me_message", "thread_broadcast", "bot_message"}


def _user_names(files: list[Source], ctx: ParseContext) -> dict[str, str]:
    names: dict[str, str] = {}
    for source in files:
        if source.basename in ("users.json", "org_users.json"):
            users = load_json(source, ctx.report)
            for user in users if isinstance(users, list) else []:
                if isinstance(user, dict) and isinstance(user.get("id"), str):
                    profile = user.get("profile") if isinstance(user.get("profile"), dict) else {}
                    name = profile.get("display_name") or user.get("real_name") or user.get("name")
                    names[user["id"]] = name if isinstance(name, str) else user["id"]
    return names


def _readable(text: str, users: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        sigil, target, label = match.groups()
        if sigil == "@":
            return "@" + (label or users.get(target, target))
        if sigil == "#":
            return "#" + (label or target)
        if sigil == "!":
            return "@" + (label or target.split("^")[0])
        return label or target

    return html.unescape(_MARKUP.sub(replace, text)) if ("<" in text or "&" in text) else text


def parse(files: list[Source], ctx: ParseContext) -> Iterator[ChatMessage]:
    users = _user_names(files, ctx)
    days = []
    for source in files:
        match = _DAY_FILE.search(relative_name(source, ctx.root))
        if match:
            days.append((match.group(1), source))
        elif len(files) == 1 and source.basename.endswith(".json"):
            days.append((None, source))
    if not days:
        raise ChatFormatError(f"{where(ctx.root)}: no Slack channel day files (channel/YYYY-MM-DD.json) found")
    messages: list[ChatMessage] = []
    for channel, source in days:
        records = load_json(source, ctx.report)
        if not isinstance(records, list):
            ctx.report(source.name, None, "day file is not a list of messages; skipped")
            continue
        for index, record in enumerate(records):
            message = _message(record, index, channel, users, source, ctx)
            if message is not None:
                messages.append(message)
    yield from chronological(messages)


def _message(record: Any, index: int, channel: str | None, users: dict[str, str], source: Source,
             ctx: ParseContext) -> ChatMessage | None:
    if not isinstance(record, dict) or record.get("type") != "message":
        ctx.report(source.name, None, f"$[{index}]: not a message; skipped")
        return None
    try:
        timestamp = utc_from_epoch(float(Decimal(str(record.get("ts")))))
    except (InvalidOperation, ValueError):
        timestamp = None
        ctx.report(source.name, None, f"$[{index}]: unreadable 'ts'; message kept without a timestamp")
    subtype = record.get("subtype")
    if subtype is not None and not isinstance(subtype, str):
        subtype = "(unreadable)"  # an unknown subtype: kept as kind "other"
    text = _readable(string(record.get("text")) or "", users)
    user = record.get("user")
    sender = users.get(user, user) if isinstance(user, str) else record.get("username") or record.get("bot_id")
    if subtype in _SYSTEM_SUBTYPES:
        kind, sender = "system", None
    elif subtype == "tombstone":
        kind, text = "deleted", ""
    elif subtype == "file_share" or record.get("files") or record.get("file"):
        kind = "media"
        file = record.get("file") if isinstance(record.get("file"), dict) else {}
        comment = file.get("initial_comment") if isinstance(file.get("initial_comment"), dict) else None
        if comment:
            text = _readable(string(comment.get("comment")) or "", users)
        elif subtype == "file_share":
            text = ""
    elif subtype in _USER_SUBTYPES:
        kind = "text" if text else "other"
    else:
        kind = "other"
    return ChatMessage(timestamp, sender if isinstance(sender, str) else None, text, kind, index,
                       "edited" in record, channel)
