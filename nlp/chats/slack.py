"""Slack workspace exports (zip or unzipped folder): one folder of day files per channel.

Slack stores authors and mentions as ids (``U0BMQB6JE``, ``B0JL6RASU``) and
escapes ``& < >``; both are turned back into what people saw and typed
(display names, ``@name``, ``&``), using ``users.json``, the profiles newer
exports copy into each message, and the names integrations were added under.
Messages posted by integrations are marked as bot messages.
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
# "added an integration to this channel: <https://x.slack.com/services/B0JL6UFSL|github>"
_INTEGRATION_LINK = re.compile(r"/services/(B\w+)\|([^<>|]+)>")
_SLACKBOT = "USLACKBOT"  # Slack's own bot; never listed in users.json


def _display_name(profile: Any) -> str | None:
    """What Slack shows for a user profile: the display name, else the real name."""
    if not isinstance(profile, dict):
        return None
    name = profile.get("display_name") or profile.get("real_name") or profile.get("name")
    return name if isinstance(name, str) else None


def _user_names(files: list[Source], ctx: ParseContext) -> tuple[dict[str, str], set[str]]:
    """Display names by user id from users.json, and the ids that belong to bots."""
    names: dict[str, str] = {_SLACKBOT: "Slackbot"}
    bots: set[str] = {_SLACKBOT}
    for source in files:
        if source.basename in ("users.json", "org_users.json"):
            users = load_json(source, ctx.report)
            for user in users if isinstance(users, list) else []:
                if isinstance(user, dict) and isinstance(user.get("id"), str):
                    name = _display_name(user.get("profile")) or _display_name(user)
                    names[user["id"]] = name or user["id"]
                    if user.get("is_bot") is True:
                        bots.add(user["id"])
    return names, bots


def _learn_names(records: list[Any], names: dict[str, str], bots: set[str]) -> None:
    """Names users.json lacks: profiles copied into messages, bot names, integrations' link labels."""
    for record in records:
        if not isinstance(record, dict):
            continue
        user, bot = record.get("user"), record.get("bot_id")
        if isinstance(user, str) and user not in names:
            name = _display_name(record.get("user_profile"))
            if name:
                names[user] = name
        if isinstance(bot, str):
            bots.add(bot)
            name = _display_name(record.get("bot_profile")) or record.get("username")
            if isinstance(name, str) and name:
                names.setdefault(bot, name)
        text = record.get("text")
        if record.get("subtype") == "bot_add" and isinstance(text, str):
            for bot_id, label in _INTEGRATION_LINK.findall(text):
                bots.add(bot_id)
                names.setdefault(bot_id, label)


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
    users, bots = _user_names(files, ctx)
    days = []
    for source in files:
        match = _DAY_FILE.search(relative_name(source, ctx.root))
        if match:
            days.append((match.group(1), source))
        elif len(files) == 1 and source.basename.endswith(".json"):
            days.append((None, source))
    if not days:
        raise ChatFormatError(f"{where(ctx.root)}: no Slack channel day files (channel/YYYY-MM-DD.json) found")
    loaded = []
    for channel, source in days:
        records = load_json(source, ctx.report)
        if not isinstance(records, list):
            ctx.report(source.name, None, "day file is not a list of messages; skipped")
            continue
        loaded.append((channel, source, records))
        _learn_names(records, users, bots)
    messages: list[ChatMessage] = []
    for channel, source, records in loaded:
        for index, record in enumerate(records):
            message = _message(record, index, channel, users, bots, source, ctx)
            if message is not None:
                messages.append(message)
    yield from chronological(messages)


def _message(record: Any, index: int, channel: str | None, users: dict[str, str], bots: set[str], source: Source,
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
    # A comment on a file has its author and words in "comment"; the record's text only describes it.
    remark = record.get("comment") if isinstance(record.get("comment"), dict) else {}
    user = string(record.get("user")) or string(remark.get("user"))
    author = user or string(record.get("bot_id"))
    sender = users.get(author, author) if author else string(record.get("username"))
    bot = subtype == "bot_message" or author in bots
    if subtype in _SYSTEM_SUBTYPES:
        kind, bot = "system", False
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
        if isinstance(remark.get("comment"), str):
            text = _readable(remark["comment"], users)
    elif subtype in _USER_SUBTYPES:
        kind = "text" if text else "other"
    else:
        kind = "other"
    return ChatMessage(timestamp, sender if isinstance(sender, str) else None, text, kind, index,
                       "edited" in record, channel, bot)
