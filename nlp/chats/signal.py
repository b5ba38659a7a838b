"""Signal Desktop chats exported by signal-export (``chat.md`` or ``data.json``) or sigtop (text).

signal-export decorates the typed body: a quoted reply before it, reactions
and attachment links after it, and two trailing spaces (a Markdown line
break). That decoration is removed so ``text`` holds only what was typed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from nlp.chats._io import ParseContext, Source, iter_text_lines, platform_phrases, reorder_window, string
from nlp.chats.model import ChatMessage
from nlp.errors import ChatFormatError, where

_MD_HEADER = re.compile(r"^\[(\d{4}-\d{2}-\d{2}),? (\d{2}:\d{2}(?::\d{2})?)\] (.*?):(?: (.*)|$)")
_QUOTE = re.compile(r"\A\n\n(?:>.*\n)+\n")
_REACTIONS = re.compile(r"\n\(- .* -\)\Z")
_ATTACHMENT = re.compile(r"!?\[[^\]\n]*\]\(\.{0,2}/?[^)\n]*\)|\(media not exported\)")
_STICKER = re.compile(r"\A\n?\(\( .* \)\)\Z")
_SIGTOP_SHORT = re.compile(r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}) (.*?): (?:\[([^\]]*)\] )?(.*)$")


def _without_line_break(text: str) -> str:
    return text[:-2] if text.endswith("  ") else text


def _first_line(source: Source) -> str:
    for _, line in iter_text_lines(source, lambda *_: None):
        if line.strip():
            return line
    return ""


def parse(files: list[Source], ctx: ParseContext) -> Iterator[ChatMessage]:
    for source in files:
        first = _first_line(source)
        if first.startswith("{"):
            yield from reorder_window(_parse_jsonl(source, ctx))
        elif _MD_HEADER.match(first):
            yield from reorder_window(_parse_markdown(source, ctx))
        elif first.startswith("Conversation: ") or _SIGTOP_SHORT.match(first):
            yield from reorder_window(_parse_sigtop(source, ctx))
        elif len(files) == 1:
            raise ChatFormatError(
                f"{where(source.name)}: not a signal-export (chat.md, data.json) or sigtop text export"
            )


def _classify(body: str, attachments: bool) -> tuple[str, str]:
    phrases = platform_phrases("signal")
    if phrases["deleted"].fullmatch(body):
        return "deleted", ""
    if phrases["call"].fullmatch(body):
        return "call", ""
    if _STICKER.match(body):
        return "sticker", ""
    return ("media" if attachments else "text"), body


def _parse_markdown(source: Source, ctx: ParseContext) -> Iterator[ChatMessage]:
    start = 0
    header: re.Match[str] | None = None
    lines: list[str] = []

    def finish() -> ChatMessage:
        assert header is not None
        day, clock, sender, first = header.groups()
        while lines and not lines[-1].strip():
            lines.pop()
        text = "\n".join([first or "", *lines])
        text = _QUOTE.sub("", text)
        text = _REACTIONS.sub("", text)
        text, attachments = _ATTACHMENT.subn("", _without_line_break(text))
        kind, body = _classify(text.rstrip(" ") if attachments else _without_line_break(text), bool(attachments))
        timestamp = datetime.fromisoformat(f"{day}T{clock}")
        return ChatMessage(timestamp, sender, body, kind, start)

    for number, line in iter_text_lines(source, ctx.report):
        match = _MD_HEADER.match(line)
        if match:
            if header:
                yield finish()
            header, start, lines = match, number, []
        elif header:
            lines.append(line)
        elif line.strip():
            ctx.report(source.name, number, "text before the first message header")
    if header:
        yield finish()


def _parse_jsonl(source: Source, ctx: ParseContext) -> Iterator[ChatMessage]:
    for number, line in iter_text_lines(source, ctx.report):
        if not line.strip():
            continue
        try:
            record: Any = json.loads(line)
        except json.JSONDecodeError as exc:
            ctx.report(source.name, number, f"invalid JSON line ({exc.msg}); skipped")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("date"), str):
            ctx.report(source.name, number, "not a signal-export message (no 'date'); skipped")
            continue
        try:
            timestamp: datetime | None = datetime.fromisoformat(record["date"])
        except ValueError:
            timestamp = None
            ctx.report(source.name, number, "unreadable date; message kept without a timestamp")
        body = _without_line_break(string(record.get("body")) or "")
        if record.get("deleted"):
            kind, body = "deleted", ""
        elif record.get("call"):
            kind, body = "call", ""
        elif record.get("sticker"):
            kind, body = "sticker", ""
        else:
            kind = "media" if record.get("attachments") else "text"
        sender = record.get("sender")
        yield ChatMessage(timestamp, sender if isinstance(sender, str) else None, body, kind, number)


def _parse_sigtop(source: Source, ctx: ParseContext) -> Iterator[ChatMessage]:
    lines = list(iter_text_lines(source, ctx.report))
    if lines and lines[0][1].startswith("Conversation: "):
        yield from _parse_sigtop_blocks(source, lines, ctx)
        return
    current: list[Any] | None = None
    for number, line in lines:
        match = _SIGTOP_SHORT.match(line)
        if match:
            if current:
                yield _short_message(*current)
            current = [match, number, []]
        elif current:
            current[2].append(line)
        elif line.strip():
            ctx.report(source.name, number, "text before the first message")
    if current:
        yield _short_message(*current)


def _short_message(match: re.Match[str], number: int, more: list[str]) -> ChatMessage:
    stamp, sender, notes, first = match.groups()
    text = "\n".join([first, *more]).rstrip("\n")
    kind = "media" if notes and "attachment" in notes else "text"
    return ChatMessage(datetime.fromisoformat(stamp), sender, text, kind, number, bool(notes and "edited" in notes))


def _parse_sigtop_blocks(source: Source, lines: list[tuple[int, str]], ctx: ParseContext) -> Iterator[ChatMessage]:
    index = 1
    while index < len(lines):
        number, line = lines[index]
        if not line.startswith("From: "):
            index += 1
            continue
        fields: dict[str, str] = {}
        attachments = False
        while index < len(lines) and lines[index][1].strip():
            key, _, value = lines[index][1].partition(": ")
            fields.setdefault(key, value)
            attachments |= key == "Attachment"
            index += 1
        index += 1
        while index < len(lines) and lines[index][1].startswith(">"):  # quoted message and its blank line
            index += 1
            if index < len(lines) and not lines[index][1].strip():
                index += 1
        body: list[str] = []
        while index < len(lines) and not lines[index][1].startswith("From: "):
            body.append(lines[index][1])
            index += 1
        while body and not body[-1].strip():
            body.pop()
        try:
            timestamp: datetime | None = datetime.strptime(fields.get("Sent", ""), "%a, %d %b %Y %H:%M:%S %z")
        except ValueError:
            timestamp = None
            ctx.report(source.name, number, "unreadable Sent date; message kept without a timestamp")
        sender = re.sub(r" \(\+?[\d ]+\)$", "", fields.get("From", "")) or None
        kind, text = _classify("\n".join(body), attachments)
        yield ChatMessage(timestamp, sender, text, kind, number, "Edited" in fields)
