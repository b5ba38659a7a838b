"""The records every chat parser produces, whatever the source app.

Analysis code only ever sees these types, so a new export format never changes
anything downstream of ``nlp.chats``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

MESSAGE_KINDS = ("text", "media", "deleted", "system", "call", "sticker", "poll", "location", "other")
EVENT_KINDS = frozenset({"system", "call"})
"""Kinds that are events in the chat, not messages: never scored, never in a person's message count."""


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """One message or event, with the typed text kept byte-for-byte.

    ``text`` is what a person typed (a caption for media, the question of a
    poll, the sentence of a system event); app placeholders such as
    "<Media omitted>" are turned into ``kind`` and never appear in it.
    ``chat`` names the conversation when one export holds several (a full
    Telegram account, a Slack workspace, a Messenger download).

    ``sender`` is the author of a message; for an event (``EVENT_KINDS``) it
    is the person who acted (who called, pinned, joined) when the export
    says, and None otherwise. ``bot`` marks messages an app or integration
    posted rather than a person.
    """

    timestamp: datetime | None
    sender: str | None
    text: str
    kind: str
    line: int | None = None
    edited: bool = False
    chat: str | None = None
    bot: bool = False


@dataclass(frozen=True)
class ParseProblem:
    """A record the parser could not use; reported instead of guessed at."""

    source: str
    line: int | None
    reason: str
