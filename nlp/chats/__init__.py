"""Chat exports from messaging apps, read into one message model.

``open_chat`` recognises the format, and the returned reader yields
``ChatMessage`` objects oldest first. Records that cannot be read are not
guessed at: they are listed in ``reader.problems`` (or raise in strict mode),
so an analysis never silently runs on a half-parsed chat.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from nlp.chats import discord, generic, googlechat, imessage, line, messenger, signal, slack, sms, telegram, whatsapp
from nlp.chats._io import ParseContext, Source, container_files
from nlp.chats.detection import SUPPORTED_FORMATS, detect_format
from nlp.chats.model import EVENT_KINDS, MESSAGE_KINDS, ChatMessage, ParseProblem
from nlp.errors import ChatFormatError, where

__all__ = [
    "EVENT_KINDS", "MESSAGE_KINDS", "SUPPORTED_FORMATS", "ChatMessage", "ChatReader", "ParseProblem", "detect_format", "open_chat",
]

Parser = Callable[[list[Source], ParseContext], Iterator[ChatMessage]]

_PARSERS: dict[str, Parser] = {
    "whatsapp": whatsapp.parse,
    "telegram": telegram.parse,
    "messenger": messenger.parse_messenger,
    "instagram": messenger.parse_instagram,
    "discord": discord.parse,
    "signal": signal.parse,
    "slack": slack.parse,
    "csv": generic.parse_csv,
    "jsonl": generic.parse_jsonl,
    "line": line.parse,
    "imessage": imessage.parse,
    "sms": sms.parse,
    "googlechat": googlechat.parse_google_chat,
    "hangouts": googlechat.parse_hangouts,
}
_DATE_ORDERS = ("dayfirst", "monthfirst")


class ChatReader:
    """An opened export; iterate it (as often as needed) to get its messages.

    ``problems`` and ``notes`` describe the latest iteration: problems are
    records that were skipped or only partly understood, notes are guesses
    the user may want to override (such as an ambiguous date order).
    """

    def __init__(self, path: Path, format: str, context: ParseContext, strict: bool) -> None:
        self.path = path
        self.format = format
        self.strict = strict
        self.problems: list[ParseProblem] = []
        self.notes: list[str] = []
        self._context = context

    def _report(self, source: str, line: int | None, reason: str) -> None:
        if self.strict:
            raise ChatFormatError(f"{where(source, line)}: {reason} (strict mode)")
        self.problems.append(ParseProblem(source, line, reason))

    def __iter__(self) -> Iterator[ChatMessage]:
        self.problems = []
        self.notes = []
        context = self._context
        context.report = self._report
        context.notes = self.notes
        files = container_files(self.path)
        return _PARSERS[self.format](files, context)


def open_chat(
    path: str | Path,
    *,
    format: str | None = None,
    date_order: str | None = None,
    strict: bool = False,
    text_col: str | None = None,
    sender_col: str | None = None,
    time_col: str | None = None,
) -> ChatReader:
    """Open a chat export (file, zip or folder); the format is detected unless given."""
    path = Path(path)
    if format is None:
        format = detect_format(path)
    elif format not in _PARSERS:
        raise ChatFormatError(f"unknown format {format!r}; supported formats: {', '.join(SUPPORTED_FORMATS)}")
    else:
        container_files(path)  # a missing path, a device or a FIFO is refused now, not when reading starts
    if date_order is not None and date_order not in _DATE_ORDERS:
        raise ChatFormatError(f"date_order must be one of {', '.join(_DATE_ORDERS)}, not {date_order!r}")
    context = ParseContext(
        report=lambda *_: None, root=path, date_order=date_order,
        text_col=text_col, sender_col=sender_col, time_col=time_col,
    )
    return ChatReader(path, format, context, strict)
